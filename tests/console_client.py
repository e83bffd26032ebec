"""Console test clients: a portal client, signed-in analysts and the running desk (a pytest plugin
loaded by ``tests/conftest.py``, so tests ask for the ``desk`` fixture by name)."""

from __future__ import annotations

import functools
import json
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI

from bot.app import Services
from bot.storage.models import User
from bot.web import create_app
from tests.chat import ANSWERS
from tests.servers import serve_app

PASSWORD = "correct horse battery staple"
ANALYSTS = {"ana": ("analyst", "Ana Lindqvist"), "ben": ("analyst", "Ben Okafor"), "root": ("admin", "Desk Admin")}


# -- clients ------------------------------------------------


class EventReader:
    """Reads a text/event-stream in a thread; ``wait_for`` returns the first matching event."""

    def __init__(self, base: str, path: str, *, cookies: httpx.Cookies | None = None, headers: dict[str, str] | None = None) -> None:
        self._client = httpx.Client(base_url=base, cookies=cookies, headers=headers, timeout=httpx.Timeout(5, read=60))
        self._events: queue.Queue[tuple[str, dict[str, Any]]] = queue.Queue()
        self.seen: list[tuple[str, dict[str, Any]]] = []
        self._opened = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(path,), daemon=True)
        self._thread.start()
        assert self._opened.wait(5), "stream did not open"

    def _run(self, path: str) -> None:
        try:
            with self._client.stream("GET", path) as response:
                assert response.status_code == 200, response.status_code
                self._opened.set()
                kind, data = "message", ""
                for line in response.iter_lines():
                    if line.startswith("event:"):
                        kind = line[6:].strip()
                    elif line.startswith("data:"):
                        data += line[5:].strip()
                    elif not line and data:
                        self._events.put((kind, json.loads(data)))
                        kind, data = "message", ""
        except (httpx.HTTPError, RuntimeError):
            return

    def wait_for(self, predicate: Callable[[str, dict[str, Any]], bool], timeout: float = 5) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                kind, data = self._events.get(timeout=left)
            except queue.Empty:
                break
            self.seen.append((kind, data))
            if predicate(kind, data):
                return data
        raise AssertionError(f"no matching event; saw {self.seen}")

    def close(self) -> None:
        self._client.close()


class Portal:
    """A client chatting in the portal API."""

    def __init__(self, base: str) -> None:
        self.http = httpx.Client(base_url=base, timeout=10)
        started = self.http.post("/api/conversations").json()
        self.id: str = started["id"]
        self.token: str = started["token"]
        self.auth = {"Authorization": f"Bearer {self.token}"}
        self.last: list[dict[str, Any]] = started["messages"]

    def send(self, **body: str) -> list[dict[str, Any]]:
        response = self.http.post(f"/api/conversations/{self.id}/messages", json=body, headers=self.auth)
        assert response.status_code == 200, response.text
        self.last = response.json()["messages"]
        return self.last

    def say(self, text: str) -> list[dict[str, Any]]:
        return self.send(text=text)

    def press(self, action: str) -> list[dict[str, Any]]:
        return self.send(action=action)

    @property
    def expects(self) -> str | None:
        return self.last[-1]["expects"] if self.last else None

    def transcript(self) -> list[dict[str, Any]]:
        return list(self.http.get(f"/api/conversations/{self.id}/messages", headers=self.auth).json()["messages"])

    def file_ticket(self, description: str) -> str:
        """Go through the whole intake and confirm; returns the ticket number."""
        self.say(description)
        if self.expects == "kb_feedback":
            self.press("kb_not_solved")
        for _ in range(20):
            if self.expects == "confirm":
                break
            assert self.expects in ANSWERS, f"unexpected question {self.expects}"
            self.say(ANSWERS[str(self.expects)])
        self.press("confirm")
        tickets = [m["ticket"] for m in self.last if m.get("ticket")]
        assert tickets, self.last
        return str(tickets[-1]["number"])


def sign_in(base: str, name: str, password: str = PASSWORD) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=10)
    response = client.post("/api/console/login", json={"name": name, "password": password})
    assert response.status_code == 200, response.text
    return client


@dataclass
class Desk:
    """The running service, and every HTTP client a test opened (closed after the test)."""

    base: str
    app: FastAPI
    services: Services
    clients: list[httpx.Client] = field(default_factory=list)

    def analyst(self, name: str) -> httpx.Client:
        return self._keep(sign_in(self.base, name))

    def portal(self) -> Portal:
        client = Portal(self.base)
        self._keep(client.http)
        return client

    def http(self, **headers: str) -> httpx.Client:
        return self._keep(httpx.Client(base_url=self.base, timeout=10, headers=headers))

    def _keep(self, client: httpx.Client) -> httpx.Client:
        self.clients.append(client)
        return client


@functools.cache
def password_hash() -> str:
    """One argon2 hash for every test account: hashing costs a fifth of a second on purpose."""
    return PasswordHasher().hash(PASSWORD)


def add_accounts(services: Services) -> None:
    with services.sessions() as session:
        for name, (role, shown) in ANALYSTS.items():
            session.add(User(name=name, display_name=shown, role=role, password_hash=password_hash(), created_at=services.clock()))
        session.commit()


@pytest.fixture
def desk(services: Services) -> Iterator[Desk]:
    app = create_app(services)
    add_accounts(services)
    with serve_app(app) as base:
        running = Desk(base, app, services)
        try:
            yield running
        finally:
            for client in running.clients:
                client.close()


def ok(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body

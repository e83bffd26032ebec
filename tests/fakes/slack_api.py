"""A fake Slack Web API on loopback: records every call with its full body, answers like Slack,
and can be told to answer a method with a 429 or an error a number of times.

Started once per test session on an ephemeral port (``127.0.0.1:0``) and reset per test; the real
``slack_sdk.WebClient`` is pointed at it with ``base_url``.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

DATA = Path(__file__).resolve().parent.parent / "data" / "slack"
BOT_USER_ID = "U0DESKBOT"
BOT_ID = "B0DESKBOT"
TEAM_ID = "T0HOSPITAL"


@dataclass(frozen=True)
class Call:
    """One request the bot made: the method, its decoded body and the raw bytes."""

    method: str
    body: dict[str, Any]
    raw: bytes
    headers: dict[str, str]
    status: int = 200
    response: dict[str, Any] = field(default_factory=dict)


@dataclass
class Failure:
    status: int
    error: str
    times: int
    retry_after: int | None


@dataclass
class _State:
    calls: list[Call] = field(default_factory=list)
    failures: dict[str, Failure] = field(default_factory=dict)
    emails: dict[str, str | None] = field(default_factory=dict)
    ts: int = 0


class FakeSlackApi:
    """``url`` is what ``SLACK_API_URL`` should be set to."""

    def __init__(self) -> None:
        self._state = _State()
        self._changed = threading.Condition()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-slack-api", daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/api/"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def reset(self) -> None:
        with self._changed:
            self._state = _State()

    def set_email(self, user: str, email: str | None) -> None:
        """What users.info returns as the profile email of ``user``."""
        with self._changed:
            self._state.emails[user] = email

    def fail(self, method: str, *, status: int = 429, error: str = "ratelimited", times: int = 1, retry_after: int | None = 1) -> None:
        """Answer the next ``times`` calls of ``method`` with ``status`` (and Retry-After on a 429)."""
        with self._changed:
            self._state.failures[method] = Failure(status=status, error=error, times=times, retry_after=retry_after)

    def calls(self, method: str | None = None) -> list[Call]:
        with self._changed:
            return [c for c in self._state.calls if method is None or c.method == method]

    def wait_for(
        self, method: str, *, count: int = 1, where: Callable[[Call], bool] = lambda _c: True, timeout: float = 10.0
    ) -> list[Call]:
        """Block until ``count`` calls of ``method`` matching ``where`` were made; those calls."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = [c for c in self._state.calls if c.method == method and where(c)]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [c.method for c in self._state.calls]
                    raise AssertionError(f"expected {count} {method} call(s) within {timeout}s; saw {seen}")
                self._changed.wait(left)

    def _record(self, call: Call) -> tuple[int, dict[str, str], dict[str, Any]]:
        with self._changed:
            failure = self._state.failures.get(call.method)
            status, headers, answer = 200, {}, None
            if failure is not None and failure.times > 0:
                failure.times -= 1
                status, answer = failure.status, {"ok": False, "error": failure.error}
                if failure.status == 429 and failure.retry_after:
                    headers = {"Retry-After": str(failure.retry_after)}
            answer = answer or self._answer(call)
            self._state.calls.append(replace(call, status=status, response=answer))
            self._changed.notify_all()
            return status, headers, answer

    def _answer(self, call: Call) -> dict[str, Any]:
        state, body = self._state, call.body
        if call.method == "auth.test":
            return {"ok": True, "url": "https://hospital.slack.com/", "team": "Hospital", "user": "deskbot",
                    "team_id": TEAM_ID, "user_id": BOT_USER_ID, "bot_id": BOT_ID}
        if call.method == "users.info":
            user = str(body.get("user"))
            info: dict[str, Any] = json.loads((DATA / "users_info.json").read_text())
            info["user"]["id"] = user
            email = state.emails.get(user, f"{user.lower()}@stmarys-radiology.example")
            if email is None:
                info["user"]["profile"].pop("email", None)
            else:
                info["user"]["profile"]["email"] = email
            return info
        if call.method == "conversations.open":
            return {"ok": True, "channel": {"id": f"D{str(body.get('users'))[1:]}"}}
        if call.method == "chat.postMessage":
            state.ts += 1
            ts = f"1763395200.{state.ts:06d}"
            return {"ok": True, "channel": body.get("channel"), "ts": ts, "message": {"ts": ts, "text": body.get("text")}}
        if call.method == "views.open":
            return {"ok": True, "view": {"id": "V0INTAKE01", "callback_id": body.get("view", {}).get("callback_id")}}
        return {"ok": True}

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                method = urlsplit(self.path).path.rsplit("/", 1)[-1]
                if "json" in (self.headers.get("Content-Type") or ""):
                    body = json.loads(raw or b"{}")
                else:
                    body = dict(parse_qsl(raw.decode()))
                    body.update(dict(parse_qsl(urlsplit(self.path).query)))
                call = Call(method=method, body=body, raw=raw, headers={k.lower(): v for k, v in self.headers.items()})
                status, headers, answer = fake._record(call)
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST

            def log_message(self, format: str, *args: Any) -> None:
                return

        return Handler

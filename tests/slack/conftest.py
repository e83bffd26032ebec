"""Slack fixtures: the fake Web API (one per session, reset per test), Slack's secrets in the
environment, and the real app served over HTTP with a signed-request sender."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import pytest

from bot.app import Services
from bot.core.ports import ConversationRecord, StoredMessage
from bot.web import create_app
from tests.fakes.slack_api import Call, FakeSlackApi
from tests.servers import serve_app
from tests.slack.client import SIGNING_SECRET, SlackSender, press

T = TypeVar("T")
TIMEOUT = 10.0


def wait_until(check: Callable[[], T | None], *, what: str, timeout: float = TIMEOUT) -> T:
    """Poll ``check`` until it returns something truthy; the work happens after the ack."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def ok(call: Call) -> bool:
    return call.status == 200


class SlackDesk:
    """The served app, the sender of Slack's requests, the fake API and the store, together."""

    def __init__(self, *, services: Services, sender: SlackSender, api: FakeSlackApi) -> None:
        self.services = services
        self.sender = sender
        self.api = api

    def posted(self, channel: str | None = None) -> list[Call]:
        """Successful chat.postMessage calls, oldest first."""
        return [c for c in self.api.calls("chat.postMessage") if ok(c) and (channel is None or c.body["channel"] == channel)]

    def conversation(self, ref: str) -> ConversationRecord:
        return wait_until(
            lambda: self.services.conversations.find(channel="slack", channel_ref=ref), what=f"a conversation at {ref}"
        )

    def messages(self, conversation_id: str) -> list[StoredMessage]:
        return self.services.conversations.messages(conversation_id)

    def settle(self, conversation_id: str, *, clients: int, channel: str) -> list[StoredMessage]:
        """Wait until the store holds ``clients`` client messages and every other message is posted."""

        def done() -> list[StoredMessage] | None:
            stored = self.messages(conversation_id)
            others = [m for m in stored if m.author != "client"]
            client_count = sum(m.author == "client" for m in stored)
            answered = bool(stored) and stored[-1].author != "client"
            return stored if answered and client_count >= clients and len(self.posted(channel)) >= len(others) else None

        return wait_until(done, what=f"{clients} client message(s) answered in {channel}")

    def press(self, action_id: str, *, channel: str, user: str) -> Call:
        """Press the newest posted button ``action_id`` in ``channel``; returns the message's post."""
        for call in reversed(self.posted(channel)):
            for block in call.body.get("blocks", []):
                buttons = block.get("elements", []) if block.get("type") == "actions" else [block.get("accessory") or {}]
                for button in buttons:
                    if button.get("action_id") == action_id:
                        message = {"ts": call.response["ts"], "text": call.body.get("text"), "blocks": call.body["blocks"]}
                        body = press(button, block_id=block["block_id"], message=message, channel=channel, user=user)
                        assert self.sender.interaction(body).status_code == 200
                        return call
        raise AssertionError(f"no {action_id} button posted in {channel}")


@pytest.fixture(scope="session")
def fake_slack() -> Iterator[FakeSlackApi]:
    api = FakeSlackApi()
    yield api
    api.close()


@pytest.fixture
def slack_api(fake_slack: FakeSlackApi) -> FakeSlackApi:
    fake_slack.reset()
    return fake_slack


@pytest.fixture
def slack_env(monkeypatch: pytest.MonkeyPatch, slack_api: FakeSlackApi) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1111-2222-testtoken")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", SIGNING_SECRET)
    monkeypatch.setenv("SLACK_API_URL", slack_api.url)


@contextmanager
def running(services: Services, api: FakeSlackApi) -> Iterator[SlackDesk]:
    """The real app on a loopback port (start it again on the same store to simulate a restart)."""
    with serve_app(create_app(services)) as base_url:
        sender = SlackSender(base_url)
        try:
            yield SlackDesk(services=services, sender=sender, api=api)
        finally:
            sender.close()


@pytest.fixture
def desk(slack_env: None, services: Services, slack_api: FakeSlackApi) -> Iterator[SlackDesk]:
    with running(services, slack_api) as served:
        yield served


def buttons(call: Call) -> list[dict[str, Any]]:
    """Every button in a posted message."""
    found: list[dict[str, Any]] = []
    for block in call.body.get("blocks", []):
        if block.get("type") == "actions":
            found.extend(block["elements"])
        elif block.get("accessory", {}).get("type") == "button":
            found.append(block["accessory"])
    return found

"""Slack's rules: signatures verified (bad, stale and malformed → 401, no effect), retries of a
handled event ignored (also after a restart), Web API 429s and errors retried, and a restart in
the middle of a conversation."""

from __future__ import annotations

import json
import time

import pytest

from bot.app import Services, build_services
from bot.settings import Settings
from tests.conftest import FakeClock
from tests.fakes.slack_api import FakeSlackApi
from tests.slack.client import payload
from tests.slack.conftest import SlackDesk, running

TEAM, DANA, DANA_DM = "T0HOSPITAL", "U07CLIENT1", "D07CLIENT1"
REF = f"dm:{TEAM}:{DANA}"


def assert_no_effect(desk: SlackDesk) -> None:
    """A genuine message sent after the forged one is the conversation's first: had the forged one
    been queued, it would have been handled before it, on the same lane."""
    marker = payload("event_message_im")
    marker["event_id"] = "Ev07GENUINE1"
    marker["event"]["text"] = "Genuine: the viewer shows a blank screen"
    assert desk.sender.event(marker).status_code == 200
    record = desk.conversation(REF)
    stored = desk.settle(record.id, clients=1, channel=DANA_DM)
    assert [m.text for m in stored if m.author == "client"] == [marker["event"]["text"]]


@pytest.mark.parametrize(
    ("timestamp", "signature"),
    [
        pytest.param(None, "v0=" + "0" * 64, id="wrong-signature"),
        pytest.param(str(int(time.time()) - 600), None, id="stale-timestamp"),
        pytest.param("yesterday", None, id="non-numeric-timestamp"),
        pytest.param("9" * 5000, None, id="absurdly-long-timestamp"),
        pytest.param(None, "v0=ünïcödé".encode(), id="non-ascii-signature"),
        pytest.param(None, "", id="missing-signature"),
    ],
)
def test_requests_not_signed_by_slack_get_401_and_have_no_effect(
    desk: SlackDesk, timestamp: str | None, signature: str | bytes | None
) -> None:
    body = json.dumps(payload("event_message_im"))
    response = desk.sender.send(body, content_type="application/json", timestamp=timestamp, signature=signature)
    assert response.status_code == 401
    assert_no_effect(desk)


def test_a_retry_of_a_handled_event_creates_nothing_twice_even_after_a_restart(
    slack_env: None, services: Services, settings: Settings, clock: FakeClock, slack_api: FakeSlackApi
) -> None:
    event = payload("event_message_im")
    with running(services, slack_api) as desk:
        assert desk.sender.event(event).status_code == 200
        record = desk.conversation(REF)
        desk.settle(record.id, clients=1, channel=DANA_DM)
        assert desk.sender.event(event, retry=1).status_code == 200
        posts = len(desk.posted())

    restarted = build_services(settings, clock=clock)
    try:
        with running(restarted, slack_api) as again:
            assert again.sender.event(event, retry=2).status_code == 200
            marker = payload("event_message_im")
            marker["event_id"] = "Ev07DM000002"
            marker["event"]["text"] = "Still spinning"
            again.sender.event(marker)
            again.settle(record.id, clients=2, channel=DANA_DM)
            texts = [m.text for m in again.messages(record.id) if m.author == "client"]
            assert len(again.posted()) > posts
    finally:
        restarted.close()
    assert texts == [event["event"]["text"], "Still spinning"]


def test_a_429_from_the_web_api_is_retried_after_retry_after_and_nothing_is_lost(desk: SlackDesk) -> None:
    desk.api.fail("chat.postMessage", status=429, retry_after=1, times=2)
    started = time.monotonic()
    desk.sender.event(payload("event_message_im"))
    record = desk.conversation(REF)
    stored = desk.settle(record.id, clients=1, channel=DANA_DM)
    limited = [c for c in desk.api.calls("chat.postMessage") if c.status == 429]
    assert len(limited) == 2
    assert time.monotonic() - started >= 2.0  # waited Retry-After twice
    assert stored[1].author == "client" and stored[1].text.startswith("The PowerScribe worklist")
    assert limited[0].body == limited[1].body == desk.posted(DANA_DM)[0].body  # the same message, delivered once


def test_server_errors_from_the_web_api_are_retried_with_backoff(desk: SlackDesk) -> None:
    desk.api.fail("chat.postMessage", status=500, error="internal_error", times=1)
    desk.sender.event(payload("event_message_im"))
    record = desk.conversation(REF)
    desk.settle(record.id, clients=1, channel=DANA_DM)
    assert [c.status for c in desk.api.calls("chat.postMessage")][:2] == [500, 200]


def test_a_restart_mid_conversation_continues_where_it_stood(
    slack_env: None, services: Services, settings: Settings, clock: FakeClock, slack_api: FakeSlackApi
) -> None:
    with running(services, slack_api) as desk:
        desk.sender.event(payload("event_message_im"))
        record = desk.conversation(REF)
        desk.settle(record.id, clients=1, channel=DANA_DM)

    restarted = build_services(settings, clock=clock)
    try:
        with running(restarted, slack_api) as again:
            again.press("kb_not_solved", channel=DANA_DM, user=DANA)  # a button posted before the restart
            stored = again.settle(record.id, clients=2, channel=DANA_DM)
            assert stored[-1].expects == "scope"
            reply = payload("event_message_im")
            reply["event_id"] = "Ev07DM000003"
            reply["event"]["text"] = "just me"
            again.sender.event(reply)
            stored = again.settle(record.id, clients=3, channel=DANA_DM)
    finally:
        restarted.close()
    assert stored[-1].expects == "patient_care"
    assert again.api.calls("chat.update")[0].body["channel"] == DANA_DM

"""The Slack analyst channel: cards for new tickets and requests for a person, "Take over" as the
analyst the Slack user is, talking to a portal client from the card's thread, hand-back, a
second analyst, an unknown Slack user, and the thread mapping across a restart. Requests are
signed like Slack's; the bot's Web API calls go to the fake Slack API; the client uses the portal
API over HTTP."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.adapters.slack.analyst_people import SlackPerson
from bot.app import Services
from bot.settings import Settings, load_settings
from tests.chat import ANSWERS, Client, answer_rest
from tests.conftest import FakeClock
from tests.console_client import Portal, add_accounts, ok, sign_in
from tests.fakes.slack_api import Call, FakeSlackApi
from tests.slack.client import payload, press
from tests.slack.conftest import SlackDesk, buttons, running, wait_until

ANALYSTS = "C0DESKANALYSTS"
ANA, BEN, VISITOR = "U0ANA", "U0BEN", "U0VISITOR"


@pytest.fixture
def settings(database_url: str) -> Settings:
    return load_settings(environ={}, overrides={"database": {"url": database_url}, "slack": {"analyst_channel": ANALYSTS}})


@pytest.fixture
def accounts(services: Services, slack_api: FakeSlackApi) -> None:
    """Ana and Ben have deskbot accounts matching their Slack email's user part; the visitor has none."""
    add_accounts(services)
    slack_api.set_email(ANA, "ana@offsiteimagemgt.example")
    slack_api.set_email(BEN, "Ben@offsiteimagemgt.example")
    slack_api.set_email(VISITOR, "visitor@stmarys-radiology.example")


@pytest.fixture
def desk(slack_env: None, accounts: None, services: Services, slack_api: FakeSlackApi) -> Iterator[SlackDesk]:
    with running(services, slack_api) as served:
        yield served


@contextmanager
def portal(desk: SlackDesk) -> Iterator[Portal]:
    client = Portal(desk.sender.url.removesuffix("/slack/events"))
    try:
        yield client
    finally:
        client.http.close()


# -- what the bot did in the analyst channel ---------------------------------------------------------


def card_of(api: FakeSlackApi, conversation_id: str) -> Call:
    """The card posted for a conversation (its Take over button names it)."""
    def posted() -> Call | None:
        return next((c for c in api.calls("chat.postMessage") if c.body.get("channel") == ANALYSTS and not c.body.get("thread_ts")
                     and any(b.get("value") == conversation_id for b in buttons(c))), None)

    return wait_until(posted, what=f"the card of {conversation_id}")


def card_now(api: FakeSlackApi, card: Call, *, holder: str) -> list[dict[str, Any]]:
    """The card's blocks once an update shows ``holder`` as holding it."""
    def updated() -> list[dict[str, Any]] | None:
        for call in reversed(api.calls("chat.update")):
            if call.body.get("ts") == card.response["ts"]:
                return call.body["blocks"] if f"*Held by*\n{holder}" in words(call.body["blocks"]) else None
        return None

    return wait_until(updated, what=f"the card showing {holder}")


def words(blocks: Any) -> str:
    """Every text in some blocks, one per line, as Slack would show them."""
    if isinstance(blocks, list):
        return "\n".join(words(b) for b in blocks)
    if isinstance(blocks, dict):
        own = [blocks["text"]] if isinstance(blocks.get("text"), str) else []
        return "\n".join(own + [words(v) for k, v in blocks.items() if isinstance(v, list | dict)])
    return ""


def action_ids(blocks: list[dict[str, Any]]) -> list[str]:
    return [str(e["action_id"]) for b in blocks if b.get("type") == "actions" for e in b["elements"]]


def thread_lines(api: FakeSlackApi, card: Call) -> list[str]:
    return [str(c.body.get("text")) for c in api.calls("chat.postMessage") if c.body.get("thread_ts") == card.response["ts"]]


def wait_line(api: FakeSlackApi, card: Call, words: str) -> str:
    return wait_until(lambda: next((t for t in thread_lines(api, card) if words in t), None), what=f"{words!r} in the thread")


def ephemeral_to(api: FakeSlackApi, user: str, words: str) -> Call:
    calls = api.wait_for("chat.postEphemeral", where=lambda c: c.body.get("user") == user and words in str(c.body.get("text")))
    return calls[-1]


# -- what analysts do in Slack -----------------------------------------------------------------------


def press_button(desk: SlackDesk, message: dict[str, Any], *, action: str, user: str) -> None:
    for block in message["blocks"]:
        for button in block.get("elements", []) if block.get("type") == "actions" else []:
            if button["action_id"] == action:
                body = press(button, block_id=block["block_id"], message=message, channel=ANALYSTS, user=user)
                assert desk.sender.interaction(body).status_code == 200
                return
    raise AssertionError(f"no {action} button")


def press_card(desk: SlackDesk, card: Call, *, action: str, user: str, blocks: list[dict[str, Any]] | None = None) -> None:
    message = {"ts": card.response["ts"], "text": card.body["text"], "blocks": blocks or card.body["blocks"]}
    press_button(desk, message, action=action, user=user)


def reply_in_thread(desk: SlackDesk, card: Call, *, user: str, text: str) -> None:
    event = payload("event_message_thread_reply")
    stamp = f"{time.time():.6f}"
    event["event_id"] = f"Ev{stamp.replace('.', '')}"
    event["event"].update({"user": user, "text": text, "channel": ANALYSTS, "thread_ts": card.response["ts"], "ts": stamp})
    assert desk.sender.event(event).status_code == 200


def transcript_has(client: Portal, words: str, *, author: str | None = None) -> dict[str, Any]:
    return wait_until(
        lambda: next((m for m in client.transcript() if words in m["text"] and author in (None, m["author"])), None),
        what=f"{words!r} in the client's transcript",
    )


# -- tests --------------------------------------------------------------------------------------------


def test_a_request_for_a_person_is_carded_taken_over_and_answered_from_the_thread(desk: SlackDesk) -> None:
    api = desk.api
    with portal(desk) as client:
        client.say("CT images from room 2 are not arriving in PACS since this morning")
        client.say("Can I talk to a real person please?")
        pending = client.expects
        assert pending is not None, "the bot keeps the intake going while the client waits"
        card = card_of(api, client.id)
        assert card.body["blocks"][0]["text"]["text"] == "Asks for a person"
        shown = words(card.body["blocks"])
        assert "*Client's channel*\nPortal" in shown and "*Held by*\nthe bot" in shown and "CT images from room 2" in shown
        assert action_ids(card.body["blocks"]) == ["analyst_takeover"]

        press_card(desk, card, action="analyst_takeover", user=ANA)
        blocks = card_now(api, card, holder="Ana Lindqvist")
        assert action_ids(blocks) == ["analyst_handback"]
        ana = sign_in(desk.sender.url.removesuffix("/slack/events"), "ana")
        row = next(r for r in ok(ana.get("/api/console/queue"))["rows"] if r["conversation_id"] == client.id)
        ana.close()
        assert row["held_by"]["name"] == "Ana Lindqvist"
        transcript_has(client, "Ana Lindqvist** from the service desk has joined", author="system")
        briefing = wait_line(api, card, "took over")
        assert "Can I talk to a real person" in briefing

        reply_in_thread(desk, card, user=ANA, text="Hi, Ana here. Which AE title does the CT send to?")
        sent = transcript_has(client, "Which AE title", author="analyst")
        assert sent["author_name"] == "Ana Lindqvist"

        client.say("It sends to ARCHIVE_MAIN and the modality says the send succeeded")
        assert wait_line(api, card, "ARCHIVE_MAIN").startswith("*Client* (Portal): ")
        assert not any("Which AE title" in line for line in thread_lines(api, card)), "the analyst's own reply is not echoed"

        reply_in_thread(desk, card, user=ANA, text="!handback")
        transcript_has(client, "handed you back", author="system")
        resumed = wait_until(lambda: (t := client.transcript()) and t[-1]["author"] == "bot" and t[-1]["expects"] and t, what="the bot resuming")
        assert resumed[-1]["expects"] == pending
        after = card_now(api, card, holder="the bot")
        assert action_ids(after) == ["analyst_takeover"]


def test_a_filed_ticket_is_carded_with_its_priority_and_due_times_and_no_patient_data(desk: SlackDesk) -> None:
    with portal(desk) as client:
        number = client.file_ticket("Priors are not loading in the viewer for patient Jane Testperson MRN 44817263")
        card = card_of(desk.api, client.id)
    blocks = card.body["blocks"]
    assert blocks[0]["text"]["text"] == f"Ticket {number}"
    fields = next(b for b in blocks if b.get("fields"))["fields"]
    assert any(f["text"].startswith("*Priority*\n") for f in fields)
    assert any(f["text"].startswith("*First response due*\n") and "CST" in f["text"] for f in fields)
    assert "*Problem:* Priors are not loading" in words(blocks) and "*Client's channel*\nPortal" in words(blocks)
    assert "44817263" not in str(card.body)
    assert number in card.body["text"]


def test_after_hours_emergency_pages_the_channel_on_its_card(desk: SlackDesk, services: Services, clock: FakeClock) -> None:
    clock.now = datetime(2026, 11, 21, 3, 30, tzinfo=UTC)  # Friday 21:30 in Chicago
    client = Client(services)
    client.say("PACS is down for the entire hospital, nobody can view or retrieve any images, trauma patients waiting")
    answer_rest(client, {**ANSWERS, "scope": "everyone at the site", "patient_care": "yes", "workaround": "no", "outage_check": "yes"})
    client.press("confirm")
    card = card_of(desk.api, client.id)
    assert card.body["text"].startswith("<!here> New ticket")
    assert "After-hours Emergency" in words(card.body["blocks"])


def test_a_second_analyst_is_told_who_holds_it_and_a_stranger_how_to_get_an_account(desk: SlackDesk) -> None:
    api = desk.api
    with portal(desk) as client:
        client.press("handoff")
        card = card_of(api, client.id)
        press_card(desk, card, action="analyst_takeover", user=ANA)
        card_now(api, card, holder="Ana Lindqvist")

        press_card(desk, card, action="analyst_takeover", user=BEN)
        told = ephemeral_to(api, BEN, "Ana Lindqvist")
        assert told.body["channel"] == ANALYSTS
        reply_in_thread(desk, card, user=BEN, text="I can look at this one")
        assert "not sent" in ephemeral_to(api, BEN, "Take over").body["text"]

        press_card(desk, card, action="analyst_takeover", user=VISITOR)
        assert "deskbot user add visitor --role analyst" in ephemeral_to(api, VISITOR, "isn't linked").body["text"]
        reply_in_thread(desk, card, user=VISITOR, text="hello?")
        ephemeral_to(api, VISITOR, "isn't linked")

        press_button(desk, {"ts": "1763395999.000001", "text": told.body["text"], "blocks": told.body["blocks"]},
                     action="analyst_takeover_force", user=BEN)
        card_now(api, card, holder="Ben Okafor")
        transcript_has(client, "taken over this conversation from Ana Lindqvist", author="system")
        assert not any("I can look at this one" in m["text"] or "hello?" in m["text"] for m in client.transcript())


def test_the_thread_still_reaches_the_client_after_a_restart(slack_env: None, accounts: None, services: Services, slack_api: FakeSlackApi) -> None:
    with running(services, slack_api) as first, portal(first) as client:
        client.press("handoff")
        card = card_of(slack_api, client.id)
        press_card(first, card, action="analyst_takeover", user=ANA)
        transcript_has(client, "has joined", author="system")
    with running(services, slack_api) as second, portal(second) as client_again:
        client_again.id, client_again.auth = client.id, client.auth
        reply_in_thread(second, card, user=ANA, text="Back online: can you resend the study from the modality?")
        transcript_has(client_again, "resend the study", author="analyst")
        client_again.say("Resent it just now")
        assert wait_line(slack_api, card, "Resent it just now").startswith("*Client*")


def test_accounts_are_matched_by_email_then_its_user_part_then_the_slack_username() -> None:
    person = SlackPerson(email="ben.okafor@stmarys-radiology.example", username="bokafor")
    assert person.candidates() == ["ben.okafor@stmarys-radiology.example", "ben.okafor", "bokafor"]
    assert SlackPerson(email=None, username="bokafor").candidates() == ["bokafor"]
    assert SlackPerson(email=None, username="bokafor").suggested == "bokafor"

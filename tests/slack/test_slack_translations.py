"""The two translations on their own: Slack payloads in, Block Kit out."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.adapters.slack.app import build_slack
from bot.adapters.slack.blocks import message_blocks, pressed
from bot.adapters.slack.modal import facts_from_submission
from bot.adapters.slack.translate import client_message, plain_text, pressed_button
from bot.app import Services
from bot.core.ports import StoredMessage
from bot.triage.rules import assess
from tests.slack.client import payload

CHICAGO = ZoneInfo("America/Chicago")
BOT = "U0DESKBOT"


def stored(text: str, **payload_parts: object) -> StoredMessage:
    return StoredMessage(
        conversation_id="c0ffee", seq=3, author="bot", text=text, expects=None,
        payload={"actions": [], "articles": [], "ticket": None, **payload_parts}, created_at=datetime(2026, 11, 17, 16, tzinfo=UTC),
    )


def test_slack_markup_becomes_what_the_client_typed() -> None:
    text = "<@U0DESKBOT> email me at <mailto:dana@stmarys.example|dana@stmarys.example> or <tel:8165550142|816-555-0142>, see <https://pacs.example/x|the log> &amp; ask <@U07OTHER>"
    assert plain_text(text, bot_user_id=BOT) == "email me at dana@stmarys.example or 816-555-0142, see the log & ask @U07OTHER"


def test_only_client_messages_for_us_are_translated() -> None:
    dm = client_message(payload("event_message_im"), bot_user_id=BOT)
    assert dm is not None and dm.ref == "dm:T0HOSPITAL:U07CLIENT1" and dm.starts
    mention = client_message(payload("event_app_mention"), bot_user_id=BOT)
    assert mention is not None and mention.ref == "thread:T0HOSPITAL:C07RADIOLOGY:1763395300.000100"
    assert mention.text.startswith("CT scanner 2")
    reply = client_message(payload("event_message_thread_reply"), bot_user_id=BOT)
    assert reply is not None and not reply.starts
    assert client_message(payload("event_message_bot"), bot_user_id=BOT) is None
    edited = payload("event_message_im")
    edited["event"]["subtype"] = "message_changed"
    assert client_message(edited, bot_user_id=BOT) is None
    top_level = payload("event_message_thread_reply")
    del top_level["event"]["thread_ts"]
    assert client_message(top_level, bot_user_id=BOT) is None


def test_ticket_card_shows_number_priorities_and_due_times_in_chicago() -> None:
    ticket = {"number": "OSI-000042", "priority": "Low", "assessed_priority": "High", "status": "new", "after_hours": True,
              "first_response_due": "2026-11-18T14:00:00+00:00", "next_update_due": None, "resolution_due": None}
    _, blocks = message_blocks(stored("Ticket **OSI-000042** is filed.", ticket=ticket), tz=CHICAGO)
    assert blocks[0]["text"]["text"] == "Ticket *OSI-000042* is filed."
    assert blocks[1]["text"]["text"] == "Ticket OSI-000042"
    fields = [f["text"] for f in blocks[2]["fields"]]
    assert fields == ["*Priority*\nLow", "*Assessed priority*\nHigh", "*Status*\nNew", "*First response due*\nWed Nov 18, 8:00 AM CST"]


def test_articles_become_cards_and_a_press_removes_every_button() -> None:
    articles = [{"slug": "slow-image-loading", "title": "Images load slowly", "url": "https://support.example/kb/slow-image-loading", "summary": "What to check"}]
    actions = [{"id": "kb_solved", "label": "This solved it"}, {"id": "kb_not_solved", "label": "Still need help"}]
    _, blocks = message_blocks(stored("Did it solve it?", articles=articles, actions=actions), tz=CHICAGO)
    card = blocks[1]
    assert card["accessory"]["action_id"] == "kb_solved" and card["accessory"]["value"] == "slow-image-loading"
    assert card["text"]["text"].startswith("*<https://support.example/kb/slow-image-loading|Images load slowly>*")
    assert [e["action_id"] for e in blocks[2]["elements"]] == ["kb_not_solved"]

    after = pressed(blocks, block_id=card["block_id"], label="This solved it")
    assert not any(b["type"] == "actions" or "accessory" in b for b in after)
    assert after[-1]["elements"][0]["text"].startswith("*You chose:* This solved it — *<https://")


def test_a_press_is_read_back_with_its_conversation_and_article() -> None:
    body = payload("block_actions_kb_not_solved")
    body["actions"][0].update({"action_id": "kb_solved", "value": "slow-image-loading", "block_id": "deskbot:c0ffee:0"})
    press = pressed_button(body)
    assert press is not None and press.conversation_id == "c0ffee" and press.article == "slow-image-loading"
    body["actions"][0]["block_id"] = "someone-elses-block"
    assert pressed_button(body) is None


def test_the_modal_submission_becomes_facts_and_missing_fields_become_errors() -> None:
    values = payload("view_submission_intake")["view"]["state"]["values"]
    result = facts_from_submission(values)
    assert result.errors == {}
    facts = result.facts
    assert (facts.scope, facts.patient_care, facts.workaround, facts.pacs_admin_contacted) == ("one_user", False, True, True)
    assert facts.contact_email == "lee.marsh@stmarys-radiology.example" and facts.recent_change is None
    values["description"]["value"]["value"] = "  "
    values["contact_email"]["value"]["value"] = "lee.marsh at hospital"
    assert set(facts_from_submission(values).errors) == {"description", "contact_email"}


@pytest.mark.parametrize(("outage", "priority"), [("no", "High"), ("yes", "Emergency"), ("unsure", "Emergency")])
def test_the_modal_asks_the_outage_check_so_a_site_wide_fault_is_not_guessed(outage: str, priority: str) -> None:
    """Everyone at the site is slowed by errors: only the client can say whether it is a complete outage."""
    values = payload("view_submission_intake")["view"]["state"]["values"]
    values["description"]["value"]["value"] = "The web viewer throws 'Error 500' on every study for everyone at our clinic."
    values["scope"]["value"]["selected_option"] = {"value": "scope_site"}
    values["workaround"]["value"]["selected_option"] = {"value": "no"}
    values["outage"] = {"value": {"type": "radio_buttons", "selected_option": {"value": outage}}}
    assessment = assess(facts_from_submission(values).facts)
    assert assessment.priority.value == priority
    assert assessment.uncertain is (outage == "unsure")


def test_slack_is_on_only_with_its_secrets_and_says_so_in_one_line(caplog: pytest.LogCaptureFixture, services: Services) -> None:
    caplog.set_level(logging.INFO, logger="deskbot.slack")
    off = build_slack({"SLACK_BOT_TOKEN": "xoxb-1"}, services.settings, service=services.conversations, bus=services.bus, tz=CHICAGO)
    on = build_slack(
        {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s3cret", "SLACK_API_URL": "http://127.0.0.1:9/api"},
        services.settings, service=services.conversations, bus=services.bus, tz=CHICAGO,
    )
    assert off is None and on is not None
    assert on.config.api_url == "http://127.0.0.1:9/api/" and on.config.slash_command == "/pacs-support"
    on.stop()
    lines = [r.getMessage() for r in caplog.records if r.name == "deskbot.slack"]
    assert lines[0].startswith("Slack is off") and lines[1] == "Slack is on: HTTP at /slack/events"


def test_with_an_app_token_slack_uses_socket_mode_and_needs_no_public_endpoint(services: Services) -> None:
    adapter = build_slack(
        {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1-A0DESKBOT-1"},
        services.settings, service=services.conversations, bus=services.bus, tz=CHICAGO,
    )
    assert adapter is not None and adapter.config.socket_mode and adapter.mode == "Socket Mode"
    adapter.stop()

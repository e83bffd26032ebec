"""Conversations over Slack's real HTTP interface: a DM to a filed ticket, a thread, buttons,
the slash command and the modal. Requests are signed like Slack's; the bot's Web API calls go
to the fake Slack API."""

from __future__ import annotations

from sqlalchemy import select

from bot.storage.models import Ticket, User
from tests.slack.client import payload
from tests.slack.conftest import SlackDesk, buttons

TEAM = "T0HOSPITAL"
DANA, DANA_DM = "U07CLIENT1", "D07CLIENT1"
# Answers by what the bot asks: a button to press, or words to type.
PRESS = {"kb_feedback": "kb_not_solved", "scope": "scope_one", "patient_care": "no", "workaround": "yes",
         "outage_check": "no", "pacs_admin": "yes", "recent_change": "no", "contact_email": "yes", "confirm": "confirm"}
TYPE = {"tried": "Restarted the viewer and cleared the local cache", "contact_phone": "816-555-0142 ext 221",
        "department_line": "816-555-0100", "description": "Priors are not loading in the viewer"}


def drive_to_ticket(desk: SlackDesk, conversation_id: str, *, channel: str, user: str) -> dict[str, object]:
    """Answer every question the way a client would in Slack until the ticket card is posted."""
    clients = sum(m.author == "client" for m in desk.messages(conversation_id))
    for _ in range(25):
        stored = desk.settle(conversation_id, clients=clients, channel=channel)
        tickets: list[dict[str, object]] = [m.payload["ticket"] for m in stored if m.payload.get("ticket")]
        if tickets:
            return tickets[-1]
        expects = stored[-1].expects or ""
        if expects in PRESS:
            desk.press(PRESS[expects], channel=channel, user=user)
        else:
            assert expects in TYPE, f"unexpected question {expects!r}: {stored[-1].text}"
            event = payload("event_message_im")
            event["event_id"] = f"Ev{clients:04d}{expects}"
            event["event"].update({"text": TYPE[expects], "user": user, "channel": channel, "ts": f"1763396000.{clients:06d}"})
            assert desk.sender.event(event).status_code == 200
        clients += 1
    raise AssertionError("the intake never filed a ticket")


def test_a_dm_goes_from_first_message_to_a_ticket_card_and_the_ticket_is_in_the_store(desk: SlackDesk) -> None:
    response = desk.sender.event(payload("event_message_im"))
    assert response.status_code == 200

    record = desk.conversation(f"dm:{TEAM}:{DANA}")
    stored = desk.settle(record.id, clients=1, channel=DANA_DM)
    assert stored[1].text.startswith("The PowerScribe worklist stopped loading priors")
    suggestions = desk.posted(DANA_DM)[-1]
    assert {b["action_id"] for b in buttons(suggestions)} == {"kb_solved", "kb_not_solved"}
    assert any(b.get("value") == "prior-studies-not-prefetched" for b in buttons(suggestions))

    ticket = drive_to_ticket(desk, record.id, channel=DANA_DM, user=DANA)

    card = desk.posted(DANA_DM)[-1].body["blocks"]
    assert card[0]["type"] == "section"
    header = next(b for b in card if b["type"] == "header")
    assert header["text"]["text"] == f"Ticket {ticket['number']}"
    fields = next(b for b in card if b.get("fields"))["fields"]
    assert any(f["text"].startswith("*First response due*\n") and "CST" in f["text"] for f in fields)
    with desk.services.sessions() as session:
        row = session.execute(select(Ticket).where(Ticket.number == ticket["number"])).scalar_one()
    assert row.channel == "slack" and row.conversation_id == record.id
    assert row.facts["contact_email"] == "u07client1@stmarys-radiology.example"


def test_pressing_a_button_updates_that_message_once(desk: SlackDesk) -> None:
    desk.sender.event(payload("event_message_im"))
    record = desk.conversation(f"dm:{TEAM}:{DANA}")
    desk.settle(record.id, clients=1, channel=DANA_DM)

    pressed = desk.press("kb_not_solved", channel=DANA_DM, user=DANA)
    update = desk.api.wait_for("chat.update")[0]
    assert update.body["ts"] == pressed.response["ts"] and update.body["channel"] == DANA_DM
    assert not buttons(update)
    assert update.body["blocks"][-1]["elements"][0]["text"] == "*You chose:* Still need help"
    desk.settle(record.id, clients=2, channel=DANA_DM)

    desk.press("kb_not_solved", channel=DANA_DM, user=DANA)  # a second press of the same message
    desk.settle(record.id, clients=2, channel=DANA_DM)
    assert len(desk.api.calls("chat.update")) == 1
    assert sum(m.author == "client" for m in desk.messages(record.id)) == 2


def test_a_mention_starts_a_conversation_in_its_thread_and_replies_there_continue_it(desk: SlackDesk) -> None:
    channel, thread = "C07RADIOLOGY", "1763395300.000100"
    assert desk.sender.event(payload("event_app_mention")).status_code == 200
    record = desk.conversation(f"thread:{TEAM}:{channel}:{thread}")
    stored = desk.settle(record.id, clients=1, channel=channel)
    assert stored[1].text == "CT scanner 2 images are not arriving in PACS since the update last night"
    assert all(call.body["thread_ts"] == thread for call in desk.posted(channel))

    assert desk.sender.event(payload("event_message_thread_reply")).status_code == 200
    stored = desk.settle(record.id, clients=2, channel=channel)
    assert [m.text for m in stored if m.author == "client"][-1] == "Just the one scanner, the MRI is sending fine"
    assert all(call.body["thread_ts"] == thread for call in desk.posted(channel))


def test_other_threads_bots_and_the_bot_itself_get_no_answer(desk: SlackDesk) -> None:
    stranger = payload("event_message_thread_reply")
    stranger["event"]["thread_ts"] = "1763390000.000001"
    stranger["event_id"] = "Ev07STRANGER"
    own = payload("event_message_im")
    own["event"].update({"user": "U0DESKBOT", "bot_id": "B0DESKBOT"})
    own["event_id"] = "Ev07OWNMSG01"
    for body in (stranger, payload("event_message_bot"), own):
        assert desk.sender.event(body).status_code == 200
    marker = payload("event_message_im")  # processed after the others on its lane: proves they were dropped
    desk.sender.event(marker)
    record = desk.conversation(f"dm:{TEAM}:{DANA}")
    desk.settle(record.id, clients=1, channel=DANA_DM)
    assert {c.body["channel"] for c in desk.posted()} == {DANA_DM}
    assert desk.services.conversations.find(channel="slack", channel_ref=f"thread:{TEAM}:C07RADIOLOGY:1763390000.000001") is None


def test_the_slash_command_with_text_starts_a_dm_conversation_with_that_description(desk: SlackDesk) -> None:
    command = payload("slash_command_with_text")
    response = desk.sender.command(command)
    assert response.status_code == 200
    record = desk.conversation(f"dm:{TEAM}:U07CLIENT3")
    stored = desk.settle(record.id, clients=1, channel="D07CLIENT3")
    assert stored[1].author == "client" and stored[1].text == command["text"]
    assert desk.api.wait_for("conversations.open")[0].body["users"] == "U07CLIENT3"


def test_the_slash_command_without_text_opens_the_modal_whose_submission_files_the_ticket(desk: SlackDesk) -> None:
    desk.api.set_email("U07CLIENT4", "lee.marsh@stmarys-radiology.example")
    assert desk.sender.command(payload("slash_command_without_text")).status_code == 200
    opened = desk.api.wait_for("views.open")[0]
    assert opened.body["trigger_id"] == "7003.1234567890.0123456789abcdef"
    email_block = next(b for b in opened.body["view"]["blocks"] if b["block_id"] == "contact_email")
    assert email_block["element"]["initial_value"] == "lee.marsh@stmarys-radiology.example"

    response = desk.sender.interaction(payload("view_submission_intake"))
    assert response.status_code == 200 and response.text == ""
    record = desk.conversation(f"form:{TEAM}:U07CLIENT4:V0INTAKE01")
    card = desk.api.wait_for("chat.postMessage", where=lambda c: c.body["channel"] == "D07CLIENT4")[0]
    header = next(b for b in card.body["blocks"] if b["type"] == "header")["text"]["text"]
    with desk.services.sessions() as session:
        row = session.execute(select(Ticket).where(Ticket.conversation_id == record.id)).scalar_one()
    assert header == f"Ticket {row.number}"
    assert row.facts["contact_phone"] and row.facts["scope"] == "one_user" and row.facts["workaround"] is True


def test_a_modal_with_a_bad_phone_number_is_sent_back_with_the_error_and_files_nothing(desk: SlackDesk) -> None:
    body = payload("view_submission_intake")
    body["view"]["state"]["values"]["contact_phone"]["value"]["value"] = "call the front desk"
    response = desk.sender.interaction(body)
    assert response.status_code == 200
    assert response.json()["response_action"] == "errors"
    assert set(response.json()["errors"]) == {"contact_phone"}
    assert desk.services.conversations.find(channel="slack", channel_ref=f"form:{TEAM}:U07CLIENT4:V0INTAKE01") is None


def test_patient_identifiers_are_not_stored_not_echoed_and_the_client_is_asked_to_delete_them(desk: SlackDesk) -> None:
    event = payload("event_message_im")
    event["event"]["text"] = "Images for patient Harold Quimby, MRN 40417723, DOB 03/14/1951 won't open in the viewer"
    desk.sender.event(event)
    record = desk.conversation(f"dm:{TEAM}:{DANA}")
    stored = desk.settle(record.id, clients=1, channel=DANA_DM)
    assert "40417723" not in stored[1].text and "Quimby" not in stored[1].text
    bodies = [call.raw.decode() for call in desk.api.calls()]
    assert not any("40417723" in b or "Quimby" in b or "1951" in b for b in bodies)
    assert any("please delete it" in b for b in bodies)


def test_an_analyst_who_takes_over_writes_to_the_client_in_slack(desk: SlackDesk) -> None:
    desk.sender.event(payload("event_message_im"))
    record = desk.conversation(f"dm:{TEAM}:{DANA}")
    desk.settle(record.id, clients=1, channel=DANA_DM)
    with desk.services.sessions() as session:
        analyst = User(name="mreyes", display_name="Maria Reyes", role="analyst", password_hash="x", created_at=desk.services.clock())
        session.add(analyst)
        session.commit()
        analyst_id = analyst.id
    conversations = desk.services.conversations
    conversations.takeover(record.id, analyst_id=analyst_id, analyst_name="Maria Reyes")
    conversations.analyst_message(record.id, analyst_id=analyst_id, analyst_name="Maria Reyes", text="Hi Dana, I'm checking the prefetch rules now.")
    posted = desk.api.wait_for("chat.postMessage", where=lambda c: "prefetch rules" in c.body["text"])[0]
    assert posted.body["channel"] == DANA_DM
    assert posted.body["blocks"][0]["elements"][0]["text"] == "*Maria Reyes*, service desk"

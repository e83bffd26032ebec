"""Whole client conversations through the conversation service, on a real database."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from sqlalchemy import select, text

from bot.app import Services, build_services
from bot.core.messages import Inbound
from bot.errors import ClientInputError
from bot.settings import Settings
from bot.storage.models import KbSuggestion, Message, Ticket, TicketEvent
from tests.chat import ANSWERS, Client, answer_rest
from tests.conftest import FakeClock


def test_greeting_asks_for_a_description(services: Services) -> None:
    client = Client(services)
    assert client.expects == "description"
    assert "closed" not in client.text.lower()


def test_declining_suggestions_then_full_intake_files_a_ticket(services: Services) -> None:
    client = Client(services)
    client.say("the modality worklist on the CT is empty, no patients show up for today")
    assert client.expects == "kb_feedback"
    assert client.last[-1].payload["articles"], "an article should be suggested"
    client.press("kb_not_solved")
    answer_rest(client, ANSWERS)
    assert "816-555-0142" in client.text
    client.press("confirm")
    ticket = client.ticket()
    assert str(ticket["number"]).startswith("OSI-")
    assert ticket["priority"] in {"Medium", "High", "Low", "Emergency"}
    assert ticket["first_response_due"]
    with services.sessions() as session:
        row = session.scalars(select(Ticket)).one()
        assert row.facts["contact_email"] == "r.tech@stmarys-hospital.org"
        outcomes = session.scalars(select(KbSuggestion.outcome)).all()
        assert outcomes and set(outcomes) == {"not_solved"}
        assert session.scalars(select(TicketEvent.kind)).all() == ["filed"]


def test_free_text_answers_are_not_asked_again(services: Services) -> None:
    client = Client(services)
    client.say(
        "the whole ED can't open any images since 7, no workaround, "
        "I'm the PACS admin and restarted the service already"
    )
    asked: list[str] = []
    for _ in range(15):
        if client.expects == "confirm":
            break
        asked.append(str(client.expects))
        client.say({**ANSWERS, "outage_check": "yes, nobody in the ED can see anything"}[str(client.expects)])
    assert "scope" not in asked
    assert "workaround" not in asked
    assert "pacs_admin" not in asked
    assert "tried" not in asked
    client.press("confirm")
    assert client.ticket()["priority"] == "Emergency"
    assert "816-232-7483" in client.text
    assert "Updates every hour, around the clock" in client.text


def test_invalid_email_is_re_asked_politely(services: Services) -> None:
    client = Client(services)
    client.say("my viewer crashes when I open mammo tomo studies")
    if client.expects == "kb_feedback":
        client.say("no that didn't help")
    answers = dict(ANSWERS)
    answers.pop("contact_email")
    for _ in range(15):
        if client.expects == "contact_email":
            break
        client.say(answers[str(client.expects)])
    client.say("r.tech@stmarys")
    assert client.expects == "contact_email"
    assert "email" in client.text.lower()
    client.say("r.tech@stmarys-hospital.org")
    assert client.expects == "confirm"


def test_correcting_a_field_before_filing(services: Services) -> None:
    client = Client(services)
    client.say("cannot log in to the PACS viewer, says account locked")
    if client.expects == "kb_feedback":
        client.press("kb_not_solved")
    answer_rest(client, ANSWERS)
    client.say("the phone number is wrong")
    assert client.expects == "contact_phone"
    client.say("(913) 555-0199")
    assert client.expects == "confirm"
    assert "913-555-0199" in client.text or "(913) 555-0199" in client.text
    client.say("yes file it")
    assert client.ticket()["number"]


def test_unclear_answer_is_re_asked_with_choices(services: Services) -> None:
    client = Client(services)
    client.say("printing from the viewer to the film printer fails for everyone on 3rd floor")
    if client.expects == "kb_feedback":
        client.press("kb_not_solved")
    while client.expects != "patient_care":
        client.say(ANSWERS[str(client.expects)])
    client.say("hmm the printer is blue")
    assert client.expects == "patient_care"
    assert {a["id"] for a in client.last[-1].payload["actions"]} >= {"yes", "no"}
    client.press("no")
    assert client.expects != "patient_care"


def test_start_over_and_cancel(services: Services) -> None:
    client = Client(services)
    client.say("studies from the ultrasound aren't arriving in PACS")
    client.say("start over")
    assert client.expects == "description"
    client.say("HL7 results are not crossing to the EMR")
    client.say("cancel")
    assert client.expects is None
    assert "nothing was filed" in client.text.lower()


def test_a_restarted_server_resumes_where_it_was(settings: Settings, clock: FakeClock) -> None:
    first = build_services(settings, clock=clock)
    client = Client(first)
    client.say("the 3D MPR tool won't open on my workstation")
    if client.expects == "kb_feedback":
        client.press("kb_not_solved")
    client.say("just me")
    waiting_for = client.expects
    first.close()

    second = build_services(settings, clock=clock)
    client.services = second
    client.say(ANSWERS[str(waiting_for)])
    assert client.expects != waiting_for
    answer_rest(client, ANSWERS)
    client.press("confirm")
    assert client.ticket()["number"] == "OSI-000001"
    second.close()


def test_patient_identifiers_are_redacted_before_storage(services: Services) -> None:
    client = Client(services)
    client.say("CT for patient Jane Doe MRN 00482913 DOB 03/14/1962 is not showing in the viewer")
    assert "patient" in client.last[0].text.lower()
    with services.sessions() as session:
        stored = " ".join(session.scalars(select(Message.text)).all())
        dump = str(session.execute(text("SELECT query FROM kb_queries")).all())
    for secret in ("00482913", "Jane Doe", "03/14/1962"):
        assert secret not in stored
        assert secret not in dump
        assert secret not in client.text


def test_after_hours_greeting_and_low_applied_priority(services: Services, clock: FakeClock) -> None:
    clock.now = datetime(2026, 11, 21, 3, 30, tzinfo=UTC)  # Friday 21:30 in Chicago
    client = Client(services)
    assert "816-232-7483" in client.text
    assert "next business day" in client.text
    client.say("PACS is down for the entire hospital, nobody can view or retrieve any images, trauma patients waiting")
    answer_rest(client, {**ANSWERS, "scope": "everyone at the site", "patient_care": "yes", "workaround": "no", "outage_check": "yes"})
    client.press("confirm")
    ticket = client.ticket()
    assert ticket["priority"] == "Low"
    assert ticket["assessed_priority"] == "Emergency"
    assert ticket["after_hours"] is True
    assert "call 816-232-7483" in client.text.lower()
    with services.sessions() as session:
        kinds = session.scalars(select(TicketEvent.kind)).all()
    assert "on_call_alerted" in kinds


def test_bad_input_is_refused_without_losing_anything(services: Services) -> None:
    client = Client(services)
    with pytest.raises(ClientInputError):
        services.conversations.post(client.id, Inbound(text="   "))
    with pytest.raises(ClientInputError):
        services.conversations.post(client.id, Inbound(text="x" * 4001))
    with pytest.raises(ClientInputError):
        services.conversations.post(client.id, Inbound(action="launch_missiles"))
    assert services.conversations.messages(client.id)[-1].expects == "description"


def test_concurrent_filing_gives_unique_sequential_numbers(services: Services) -> None:
    clients = []
    for _ in range(6):
        client = Client(services)
        client.say("the dictation microphone button does nothing in the viewer")
        if client.expects == "kb_feedback":
            client.press("kb_not_solved")
        answer_rest(client, ANSWERS)
        clients.append(client)
    numbers: list[str] = []
    errors: list[BaseException] = []

    def file(c: Client) -> None:
        try:
            c.press("confirm")
            numbers.append(str(c.ticket()["number"]))
        except BaseException as err:  # noqa: BLE001 - reported below
            errors.append(err)

    threads = [threading.Thread(target=file, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(numbers) == [f"OSI-{n:06d}" for n in range(1, 7)]


def test_a_greeting_is_not_taken_as_the_description(services: Services) -> None:
    client = Client(services)
    client.say("hi")
    assert client.expects == "description"
    client.say("hello I have a problem")
    assert client.expects == "description"
    client.say("our MWL on the DX room is empty")
    assert client.expects != "description"


def test_not_sure_is_recorded_as_unknown_not_guessed(services: Services) -> None:
    client = Client(services)
    client.say("images from the mammo unit arrive in PACS with the wrong patient name")
    if client.expects == "kb_feedback":
        client.press("kb_not_solved")
    while client.expects != "workaround":
        client.say(ANSWERS[str(client.expects)])
    client.say("honestly not sure")
    assert client.expects != "workaround"
    answer_rest(client, ANSWERS)
    assert "Workaround:** Not sure" in client.text


def test_an_unresolvable_outage_question_files_higher_and_says_an_analyst_confirms(services: Services) -> None:
    client = Client(services)
    client.say("the whole radiology department can't open any images since 7am, no workaround")
    assert client.expects != "kb_feedback"
    while client.expects != "outage_check":
        client.say(ANSWERS[str(client.expects)])
    client.press("unsure")
    answer_rest(client, ANSWERS)
    assert "analyst will confirm" in client.text.lower()
    client.press("confirm")
    ticket = client.ticket()
    assert ticket["priority"] == "Emergency"
    assert any("confirm" in reason for reason in ticket["reasons"])  # type: ignore[union-attr]


def test_pacs_is_down_for_a_few_people_is_checked_before_calling_it_an_outage(services: Services) -> None:
    client = Client(services)
    client.say("PACS is down")
    client.say("a few of us in the reading room")
    asked = []
    while client.expects != "confirm":
        asked.append(client.expects)
        client.say({**ANSWERS, "outage_check": "no, the other reading rooms are fine"}[str(client.expects)])
    assert "outage_check" in asked
    client.press("confirm")
    assert client.ticket()["priority"] != "Emergency"

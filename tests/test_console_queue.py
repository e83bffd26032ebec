"""The analysts' queue: what is in it, in which order, with which countdowns, and its filters."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

from bot.adapters.console.accounts import Analyst
from bot.adapters.console.queue import QueueFilter
from bot.adapters.console.wiring import Console, build_console
from bot.app import Services
from bot.core.facts import Facts, Scope
from bot.errors import ClientInputError
from bot.storage.models import Conversation, Ticket, User
from bot.triage.priority import Priority
from tests.chat import Client
from tests.conftest import FakeClock


@pytest.fixture
def console(services: Services) -> Console:
    return build_console(services)


def file(services: Services, description: str, *, priority: str, status: str = "new") -> tuple[str, str]:
    """A filed ticket with the priority and status a test needs; returns (conversation id, number)."""
    facts = Facts(
        description=description, scope=Scope.ONE_USER, patient_care=False, workaround=True,
        contact_phone="816-555-0142", contact_email="pat.tech@lakeside-imaging.org",
    )
    record, _ = services.conversations.file_form(channel="portal", facts=facts)
    with services.sessions() as session:
        ticket = session.scalars(select(Ticket).where(Ticket.conversation_id == record.id)).one()
        ticket.priority, ticket.status = priority, status
        number = ticket.number
        session.commit()
    return record.id, number


def rows(console: Console, **where: str) -> list[dict[str, Any]]:
    return console.desk.queue(QueueFilter(**where))


def test_queue_orders_by_who_waits_then_priority_then_deadline(services: Services, console: Console, clock: FakeClock) -> None:
    stale = Client(services)
    stale.say("the 3D reconstruction tool is slow on one workstation")
    clock.advance(hours=30)
    low_id, low = file(services, "request: add a new user account for a resident", priority="Low")
    emergency_id, emergency = file(services, "the whole ED cannot view any images", priority="Emergency")
    with services.sessions() as session:
        session.execute(
            update(Ticket).where(Ticket.number == emergency).values(first_response_due=clock() - timedelta(minutes=10))
        )
        low_due = services.sla.due_after(priority=Priority.LOW, which="first_response", start=clock())
        session.execute(update(Ticket).where(Ticket.number == low).values(first_response_due=low_due, next_update_due=None, resolution_due=None))
        session.commit()
    waiting_id, _ = file(services, "CD burner ejects blank discs", priority="High", status="waiting_for_client")
    _, closed = file(services, "printer offline", priority="Medium", status="closed")
    intake = Client(services)
    intake.say("the worklist on the MR scanner shows yesterday's patients")
    person = Client(services)
    person.press("handoff")

    order = [r["conversation_id"] for r in rows(console)]
    assert stale.id not in order, "an intake idle for a day is abandoned, not queued"
    assert all(r["ticket"] is None or r["ticket"]["number"] != closed for r in rows(console))
    assert order[:3] == [emergency_id, person.id, low_id], "waiting on us: Emergency, then a client asking for a person, then Low"
    assert set(order[3:]) == {waiting_id, intake.id}, "waiting on the client (or the bot's questions) comes last"

    first = rows(console)[0]
    assert first["breaches"] == ["first_response"]
    assert first["deadline"]["breached"] is True and first["deadline"]["minutes_left"] == -10
    low_row = next(r for r in rows(console) if r["conversation_id"] == low_id)
    assert low_row["deadline"]["which"] == "first_response" and low_row["deadline"]["clock"] == "business"
    assert low_row["deadline"]["minutes_left"] == 8 * 60, "8 business hours, counted in open minutes"
    assert (low_row["deadline"]["due"] or "")[:10] == "2026-11-19", "Wednesday 16:00 + 8 open hours = Thursday afternoon"
    waiting = next(r for r in rows(console) if r["conversation_id"] == waiting_id)
    assert waiting["deadline"] is None and waiting["waiting_on"] == "client", "the clock pauses while the client owes an answer"
    intake_row = next(r for r in rows(console) if r["conversation_id"] == intake.id)
    assert intake_row["status"] == "intake" and intake_row["provisional_priority"] is True and intake_row["priority"]


def test_queue_filters_by_status_priority_and_holder(services: Services, console: Console) -> None:
    held_id, _ = file(services, "the voice recognition dictation drops words", priority="Medium")
    other_id, _ = file(services, "the QA monitor calibration fails", priority="High", status="in_progress")
    with services.sessions() as session:
        session.add(User(name="ana", display_name="Ana Lindqvist", role="analyst", password_hash="x", created_at=services.clock()))
        session.commit()
        ana_id = session.scalars(select(User.id)).one()
    ana = Analyst(id=ana_id, name="ana", display_name="Ana Lindqvist", role="analyst")
    console.desk.takeover(held_id, analyst=ana)

    assert [r["conversation_id"] for r in rows(console, status="in_progress")] == [other_id, held_id]
    assert [r["conversation_id"] for r in rows(console, priority="high")] == [other_id]
    assert [r["conversation_id"] for r in rows(console, analyst=str(ana_id))] == [held_id]
    assert held_id not in [r["conversation_id"] for r in rows(console, analyst="none")]
    held = rows(console, analyst=str(ana_id))[0]
    assert held["held_by"] == {"id": ana_id, "name": "Ana Lindqvist"}
    with services.sessions() as session:
        assert session.get(Conversation, held_id).held_by == ana_id  # type: ignore[union-attr]
    for bad in ({"status": "sleeping"}, {"priority": "Urgent"}, {"analyst": "ana"}):
        with pytest.raises(ClientInputError):
            rows(console, **bad)

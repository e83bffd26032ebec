"""Ticket timers with an injected clock: reminders, breaches, the 24/48-hour rule, exactly once."""

from __future__ import annotations

from sqlalchemy import select

from bot.app import Services, build_services
from bot.storage.models import Message, Ticket, TicketEvent
from bot.storage.ticket_ops import set_status
from tests.chat import ANSWERS, Client, answer_rest
from tests.conftest import FakeClock


def file_ticket(services: Services, description: str, **answers: str) -> str:
    client = Client(services)
    client.say(description)
    if client.expects == "kb_feedback":
        client.press("kb_not_solved")
    answer_rest(client, {**ANSWERS, **answers})
    client.press("confirm")
    return str(client.ticket()["number"])


def events(services: Services, number: str) -> list[tuple[str, str | None]]:
    with services.sessions() as session:
        ticket = session.scalars(select(Ticket).where(Ticket.number == number)).one()
        return [(e.kind, e.reason) for e in ticket.events]


def test_reminder_then_breach_of_first_response_each_once(services: Services, clock: FakeClock) -> None:
    number = file_ticket(
        services, "reading room workstations for all radiologists are very slow opening priors",
        scope="about 8 radiologists", patient_care="no", workaround="yes",
    )
    with services.sessions() as session:
        due = session.scalars(select(Ticket.first_response_due)).one()
    assert due is not None
    clock.now = due - (services.timers._settings.reminder_lead / 2)
    first = services.timers.run_once(clock.now)
    again = services.timers.run_once(clock.now)
    assert (number, "remind_first_response") in first.actions
    assert again.actions == []
    clock.now = due
    breach = services.timers.run_once(clock.now)
    assert (number, "breach_first_response") in breach.actions
    assert services.timers.run_once(clock.now).actions == []
    kinds = [k for k, _ in events(services, number)]
    assert kinds.count("sla_reminder") == 1
    assert kinds.count("sla_breach") == 1


def test_waiting_for_client_reminds_at_24h_downgrades_and_closes_at_48h(services: Services, clock: FakeClock) -> None:
    number = file_ticket(
        services, "the whole cardiology group can't launch the echo viewer, the old one still works",
        scope="several users", patient_care="no", workaround="yes",
    )
    with services.sessions() as session:
        ticket = session.scalars(select(Ticket).where(Ticket.number == number)).one()
        before = ticket.priority
        set_status(session, ticket, status="waiting_for_client", actor="analyst", reason="asked for logs", now=clock.now)
        session.commit()
    clock.advance(hours=23, minutes=59)
    assert services.timers.run_once(clock.now).actions == []
    clock.advance(minutes=2)
    report = services.timers.run_once(clock.now)
    assert {kind for _, kind in report.actions} >= {"waiting_reminder"}
    assert services.timers.run_once(clock.now).actions == []
    clock.advance(hours=24)
    closing = services.timers.run_once(clock.now)
    assert (number, "auto_close") in closing.actions
    assert services.timers.run_once(clock.now).actions == []
    with services.sessions() as session:
        ticket = session.scalars(select(Ticket).where(Ticket.number == number)).one()
        assert ticket.status == "closed"
        texts = session.scalars(select(Message.text).where(Message.conversation_id == ticket.conversation_id)).all()
        changes = session.scalars(select(TicketEvent).where(TicketEvent.kind == "priority_change")).all()
    assert any("still waiting" in t for t in texts)
    assert any("has been closed" in t for t in texts)
    if before not in ("Emergency", "Low"):
        assert len(changes) == 1 and changes[0].from_value == before


def test_two_timer_instances_on_one_database_act_once(services: Services, clock: FakeClock) -> None:
    other = build_services(services.settings, clock=clock)
    number = file_ticket(services, "HL7 ORM orders not crossing from the RIS, worklists empty on all CTs", scope="whole site")
    with services.sessions() as session:
        due = session.scalars(select(Ticket.first_response_due)).one()
    assert due is not None
    clock.now = due
    a = services.timers.run_once(clock.now)
    b = other.timers.run_once(clock.now)
    other.close()
    assert [k for n, k in a.actions + b.actions if n == number].count("breach_first_response") == 1


def test_a_resolved_ticket_the_client_never_confirms_closes_at_48h(services: Services, clock: FakeClock) -> None:
    number = file_ticket(services, "the report template in the RIS dictation screen shows the wrong header")
    with services.sessions() as session:
        ticket = session.scalars(select(Ticket).where(Ticket.number == number)).one()
        set_status(session, ticket, status="resolved", actor="analyst", reason="template fixed", now=clock.now)
        session.commit()
        priority = ticket.priority
    clock.advance(hours=25)
    assert {kind for _, kind in services.timers.run_once(clock.now).actions} == {"waiting_reminder"}
    clock.advance(hours=24)
    assert (number, "auto_close") in services.timers.run_once(clock.now).actions
    with services.sessions() as session:
        ticket = session.scalars(select(Ticket).where(Ticket.number == number)).one()
        assert ticket.status == "closed"
        assert ticket.priority == priority

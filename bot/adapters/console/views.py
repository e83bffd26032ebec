"""What the console shows of a ticket and a conversation: facts first, deadlines counting down."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.facts import Facts
from bot.storage.models import Conversation, Message, Ticket, TicketEvent, User
from bot.triage.priority import Priority
from bot.triage.rules import assess
from bot.triage.sla import Clock, SlaPolicy

# While the client owes us an answer (or a confirmation) the desk's clocks wait.
PAUSED_STATUSES = ("waiting_for_client", "resolved", "closed")


@dataclass(frozen=True)
class Deadline:
    """The next SLA target a ticket must meet; ``minutes_left`` counts on the target's own clock."""

    which: str
    due: datetime
    clock: str
    minutes_left: int

    @property
    def breached(self) -> bool:
        return self.minutes_left <= 0

    def to_json(self) -> dict[str, Any]:
        return {
            "which": self.which, "due": self.due.isoformat(timespec="seconds"), "clock": self.clock,
            "minutes_left": self.minutes_left, "breached": self.breached,
        }


def deadlines(ticket: Ticket, *, now: datetime, sla: SlaPolicy) -> list[Deadline]:
    """Pending targets, soonest first; empty while the ticket waits for the client or is closed."""
    if ticket.status in PAUSED_STATUSES:
        return []
    try:
        priority = Priority.parse(ticket.priority)
    except ValueError:
        return []
    pending = [
        ("first_response", ticket.first_response_due if ticket.first_responded_at is None else None),
        ("update", ticket.next_update_due),
        ("resolution", ticket.resolution_due),
    ]
    found: list[Deadline] = []
    for which, due in pending:
        if due is None:
            continue
        _, clock = sla.targets[priority].get(which)
        if clock is Clock.BUSINESS and due > now:
            # Business minutes never reach zero before the deadline, even across a weekend.
            left = max(1, sla.calendar.business_minutes_between(now, due))
        else:
            seconds = (due - now).total_seconds()
            left = int(seconds // 60) if seconds <= 0 else max(1, int(seconds // 60))
        found.append(Deadline(which, due, clock.value, left))
    return sorted(found, key=lambda d: d.due)


def ticket_json(ticket: Ticket, *, now: datetime, sla: SlaPolicy, events: bool = False) -> dict[str, Any]:
    pending = deadlines(ticket, now=now, sla=sla)
    body: dict[str, Any] = {
        "number": ticket.number,
        "title": ticket.title,
        "status": ticket.status,
        "priority": ticket.priority,
        "assessed_priority": ticket.assessed_priority,
        "after_hours": ticket.after_hours,
        "reasons": list(ticket.reasons or []),
        "filed_at": _iso(ticket.filed_at),
        "first_response_due": _iso(ticket.first_response_due),
        "first_responded_at": _iso(ticket.first_responded_at),
        "next_update_due": _iso(ticket.next_update_due),
        "resolution_due": _iso(ticket.resolution_due),
        "resolved_at": _iso(ticket.resolved_at),
        "closed_at": _iso(ticket.closed_at),
        "resolution": ticket.resolution,
        "satisfaction": ticket.satisfaction,
        "deadline": pending[0].to_json() if pending else None,
        "breaches": [d.which for d in pending if d.breached],
    }
    if events:
        body["events"] = [_event_json(e) for e in ticket.events]
    return body


def known_facts(data: dict[str, Any]) -> dict[str, Any]:
    """The facts that are known, in the order the intake asks for them."""
    return {k: v for k, v in data.items() if v not in (None, "", [])}


def provisional_priority(state: dict[str, Any]) -> str | None:
    """What the triage rules make of an intake so far (None before the client described anything)."""
    facts = Facts.from_json(state.get("facts") or {})
    if not facts.description:
        return None
    return assess(facts).priority.value


def conversation_json(session: Session, conversation: Conversation, *, now: datetime, sla: SlaPolicy) -> dict[str, Any]:
    """The whole conversation for an analyst: facts, ticket with its events, every message and note."""
    state = conversation.state or {}
    ticket = conversation.ticket
    holder = session.get(User, conversation.held_by) if conversation.held_by is not None else None
    messages = session.scalars(
        select(Message).where(Message.conversation_id == conversation.id).order_by(Message.seq)
    ).all()
    return {
        "id": conversation.id,
        "channel": conversation.channel,
        "status": conversation.status,
        "stage": state.get("stage"),
        "expects": state.get("expects"),
        "wants_person": conversation.wants_person,
        "held_by": {"id": holder.id, "name": holder.display_name} if holder else None,
        "facts": known_facts(ticket.facts if ticket else state.get("facts") or {}),
        "provisional_priority": None if ticket else provisional_priority(state),
        "ticket": ticket_json(ticket, now=now, sla=sla, events=True) if ticket else None,
        "messages": [message_json(m) for m in messages],
        "last_seq": conversation.last_seq,
    }


def message_json(message: Message) -> dict[str, Any]:
    return {
        "seq": message.seq,
        "author": message.author,
        "author_name": message.author_name,
        "text": message.text,
        "expects": message.expects,
        "actions": (message.payload or {}).get("actions", []),
        "internal": message.internal,
        "created_at": _iso(message.created_at),
    }


def _event_json(event: TicketEvent) -> dict[str, Any]:
    return {
        "kind": event.kind, "actor": event.actor, "from": event.from_value, "to": event.to_value,
        "reason": event.reason, "at": _iso(event.created_at),
    }


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat(timespec="seconds")

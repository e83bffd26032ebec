"""The access audit trail: who viewed, took over, wrote to, re-prioritized or closed what, and when.

Analysts' actions are written to ``audit_log`` by the console (and any other analyst channel).
Changes nobody on the desk made — the client confirming a fix, the bot filing, the 48-hour
auto-close — are already ticket events; :func:`list_entries` merges those in so the trail an
admin reads shows every step of a ticket's life.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.storage.models import AuditEntry, Ticket, TicketEvent

# Ticket events written by someone other than an analyst, as audit actions.
AUTOMATIC_ACTORS = ("client", "deskbot")
# What a client wrote is in the transcript, not the access trail.
SKIPPED_KINDS = ("client_message",)
CSV_COLUMNS = ("when", "actor", "action", "conversation_id", "ticket_number", "detail")


@dataclass(frozen=True)
class AuditRow:
    """One line of the trail, whichever table it came from."""

    created_at: datetime
    actor: str
    action: str
    conversation_id: str | None
    ticket_number: str | None
    detail: str | None

    def to_json(self) -> dict[str, str | None]:
        return {
            "when": self.created_at.isoformat(timespec="seconds"),
            "actor": self.actor,
            "action": self.action,
            "conversation_id": self.conversation_id,
            "ticket_number": self.ticket_number,
            "detail": self.detail,
        }


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    now: datetime,
    conversation_id: str | None = None,
    ticket_number: str | None = None,
    detail: str | None = None,
) -> None:
    """Add one audit row to the caller's transaction."""
    session.add(
        AuditEntry(
            actor=actor, action=action, conversation_id=conversation_id, ticket_number=ticket_number,
            detail=detail, created_at=now,
        )
    )


def recently_recorded(
    session: Session, *, actor: str, action: str, conversation_id: str, now: datetime, within: timedelta
) -> bool:
    """Whether the same actor did the same thing to the conversation within ``within`` (to log a view once)."""
    found = session.scalars(
        select(AuditEntry.id)
        .where(
            AuditEntry.actor == actor,
            AuditEntry.action == action,
            AuditEntry.conversation_id == conversation_id,
            AuditEntry.created_at > now - within,
        )
        .limit(1)
    ).first()
    return found is not None


def list_entries(
    session: Session,
    *,
    conversation_id: str | None = None,
    ticket_number: str | None = None,
    actor: str | None = None,
    limit: int = 500,
) -> list[AuditRow]:
    """The newest ``limit`` rows, newest first, analysts' actions and automatic ticket events merged."""
    query = select(AuditEntry).order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc()).limit(limit)
    if conversation_id:
        query = query.where(AuditEntry.conversation_id == conversation_id)
    if ticket_number:
        query = query.where(AuditEntry.ticket_number == ticket_number)
    if actor:
        query = query.where(AuditEntry.actor == actor)
    rows = [
        AuditRow(e.created_at, e.actor, e.action, e.conversation_id, e.ticket_number, e.detail)
        for e in session.scalars(query)
    ]
    rows.extend(_automatic_events(session, conversation_id=conversation_id, ticket_number=ticket_number, actor=actor, limit=limit))
    rows.sort(key=lambda r: r.created_at, reverse=True)
    return rows[:limit]


def to_csv(rows: Sequence[AuditRow]) -> str:
    """The rows as CSV with a header; cells that a spreadsheet would run as formulas are quoted."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        data = row.to_json()
        writer.writerow([_cell(data[c]) for c in CSV_COLUMNS])
    return out.getvalue()


def _automatic_events(
    session: Session, *, conversation_id: str | None, ticket_number: str | None, actor: str | None, limit: int
) -> list[AuditRow]:
    if actor and actor not in AUTOMATIC_ACTORS:
        return []
    query = (
        select(TicketEvent, Ticket.number, Ticket.conversation_id)
        .join(Ticket, Ticket.id == TicketEvent.ticket_id)
        .where(TicketEvent.actor.in_([actor] if actor else AUTOMATIC_ACTORS), TicketEvent.kind.not_in(SKIPPED_KINDS))
        .order_by(TicketEvent.created_at.desc(), TicketEvent.id.desc())
        .limit(limit)
    )
    if conversation_id:
        query = query.where(Ticket.conversation_id == conversation_id)
    if ticket_number:
        query = query.where(Ticket.number == ticket_number)
    return [
        AuditRow(event.created_at, event.actor, _event_action(event), conv, number, _event_detail(event))
        for event, number, conv in session.execute(query)
    ]


def _event_action(event: TicketEvent) -> str:
    if event.kind == "status_change":
        if event.to_value == "closed":
            return "closed"
        if event.from_value in ("resolved", "closed", "waiting_for_client") and event.to_value == "in_progress":
            return "reopened"
        return "status_changed"
    return {"priority_change": "reprioritized", "satisfaction": "rated"}.get(event.kind, event.kind)


def _event_detail(event: TicketEvent) -> str | None:
    change = f"{event.from_value} → {event.to_value}" if event.from_value and event.to_value else event.to_value
    parts = [p for p in (change, event.reason) if p]
    return "; ".join(parts) or None


def _cell(value: str | None) -> str:
    text = value or ""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text

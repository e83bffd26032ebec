"""Changes analysts make to a ticket: status and priority, each recorded as a ticket event."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.errors import ClientInputError
from bot.storage.models import Ticket, TicketEvent
from bot.triage.priority import Priority
from bot.triage.sla import SlaPolicy

STATUSES = ("new", "in_progress", "waiting_for_client", "resolved", "closed")


def set_status(session: Session, ticket: Ticket, *, status: str, actor: str, reason: str | None, now: datetime) -> None:
    """Move a ticket to ``status``; waiting-for-client starts the 24/48-hour clock."""
    if status not in STATUSES:
        raise ClientInputError(f"Unknown status {status!r}; use one of: {', '.join(STATUSES)}.", code="bad_status")
    previous = ticket.status
    if previous == status:
        return
    ticket.status = status
    # Both wait for the client (an answer, or confirmation of the fix): the 24/48-hour rule runs.
    ticket.waiting_since = now if status in ("waiting_for_client", "resolved") else None
    if status == "resolved":
        ticket.resolved_at = now
    if status == "closed":
        ticket.closed_at = now
    if status in ("new", "in_progress"):
        ticket.resolved_at = None
        ticket.closed_at = None
    ticket.updated_at = now
    session.add(
        TicketEvent(
            ticket_id=ticket.id, kind="status_change", actor=actor, from_value=previous, to_value=status,
            reason=reason, created_at=now,
        )
    )


def set_priority(
    session: Session, ticket: Ticket, *, priority: Priority, actor: str, reason: str, sla: SlaPolicy, now: datetime
) -> None:
    """Re-prioritize with a reason; deadlines are recomputed from filing for the new priority."""
    if not reason.strip():
        raise ClientInputError("A priority change needs a reason.", code="reason_required")
    previous = ticket.priority
    if previous == priority.value:
        return
    start = ticket.filed_at
    ticket.priority = priority.value
    if ticket.first_responded_at is None:
        ticket.first_response_due = sla.due_after(priority=priority, which="first_response", start=start)
    ticket.next_update_due = sla.next_update_after(priority=priority, at=now)
    ticket.resolution_due = sla.due_after(priority=priority, which="resolution", start=start)
    ticket.updated_at = now
    session.add(
        TicketEvent(
            ticket_id=ticket.id, kind="priority_change", actor=actor, from_value=previous, to_value=priority.value,
            reason=reason, created_at=now,
        )
    )

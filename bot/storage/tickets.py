"""Ticket rows as the core's views."""

from __future__ import annotations

from bot.core.messages import TicketView
from bot.storage.models import Ticket


def ticket_view(ticket: Ticket) -> TicketView:
    """What a client or analyst is shown of a ticket."""
    return TicketView(
        number=ticket.number,
        priority=ticket.priority,
        assessed_priority=ticket.assessed_priority,
        after_hours=ticket.after_hours,
        status=ticket.status,
        first_response_due=ticket.first_response_due,
        next_update_due=ticket.next_update_due,
        resolution_due=ticket.resolution_due,
        reasons=tuple(ticket.reasons or ()),
    )

"""The analysts' queue: open conversations and tickets, most urgent first.

Order: work the desk owes before work waiting on the client; then priority (Emergency first;
an intake not yet filed counts by what the triage rules make of it so far, and a client asking
for a person counts as at least Medium); then the nearest SLA deadline (breached ones first);
then the oldest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from bot.adapters.console.views import deadlines, provisional_priority, ticket_json
from bot.errors import ClientInputError
from bot.storage.models import Conversation, Message, Ticket, User
from bot.storage.ticket_ops import STATUSES
from bot.triage.priority import Priority
from bot.triage.sla import SlaPolicy

# An unfinished intake nobody touched for this long is abandoned, not queued.
IDLE_INTAKE = timedelta(hours=24)
QUEUE_STATUSES = ("intake", *(s for s in STATUSES if s != "closed"))
WAITING_ON_CLIENT_STATUSES = ("waiting_for_client", "resolved")


@dataclass(frozen=True)
class QueueFilter:
    """Optional filters; ``analyst`` is a user id, ``"me"`` (resolved by the caller) or ``"none"``."""

    status: str | None = None
    priority: str | None = None
    analyst: str | None = None

    def check(self) -> QueueFilter:
        if self.status and self.status not in QUEUE_STATUSES:
            raise ClientInputError(f"Unknown status {self.status!r}; use one of: {', '.join(QUEUE_STATUSES)}.", code="bad_status")
        priority = self.priority
        if priority:
            try:
                priority = Priority.parse(priority).value
            except ValueError as err:
                raise ClientInputError(str(err), code="bad_priority") from None
        if self.analyst and self.analyst != "none" and not self.analyst.isdigit():
            raise ClientInputError("Filter analyst by user id, 'me' or 'none'.", code="bad_analyst")
        return QueueFilter(status=self.status, priority=priority, analyst=self.analyst)


def build_queue(session: Session, *, now: datetime, sla: SlaPolicy, where: QueueFilter) -> list[dict[str, Any]]:
    """Queue rows as JSON, sorted by urgency, filtered by ``where``."""
    conversations = session.scalars(
        select(Conversation)
        .outerjoin(Ticket, Ticket.conversation_id == Conversation.id)
        .where(
            or_(
                Conversation.held_by.is_not(None),
                Conversation.wants_person.is_(True),
                Ticket.status.is_not(None) & (Ticket.status != "closed"),
                (Conversation.status == "open") & Ticket.id.is_(None) & (Conversation.updated_at > now - IDLE_INTAKE),
            )
        )
    ).all()
    orphans = session.scalars(select(Ticket).where(Ticket.conversation_id.is_(None), Ticket.status != "closed")).all()
    last = _last_authors(session, [c.id for c in conversations])
    holders = {u.id: u.display_name for u in session.scalars(select(User).where(User.id.in_({c.held_by for c in conversations if c.held_by})))}
    rows = [_conversation_row(c, now=now, sla=sla, last_author=last.get(c.id), holders=holders) for c in conversations]
    rows.extend(_ticket_row(t, now=now, sla=sla) for t in orphans)
    rows = [r for r in rows if _matches(r, where)]
    rows.sort(key=_urgency)
    return rows


def _conversation_row(
    conversation: Conversation, *, now: datetime, sla: SlaPolicy, last_author: tuple[str, datetime] | None,
    holders: dict[int, str],
) -> dict[str, Any]:
    state = conversation.state or {}
    ticket = conversation.ticket
    facts = state.get("facts") or {}
    held = conversation.held_by
    if ticket is not None:
        row = _ticket_row(ticket, now=now, sla=sla)
    else:
        row = _base_row(
            title=str(facts.get("description") or "New conversation")[:120], status="intake",
            priority=provisional_priority(state), provisional=True, channel=conversation.channel,
            created_at=conversation.created_at,
        )
    analyst_spoke_last = last_author is not None and last_author[0] == "analyst"
    if held is not None:
        waiting_on = "client" if analyst_spoke_last else "us"
    elif conversation.wants_person:
        waiting_on = "us"
    elif ticket is not None and ticket.status not in WAITING_ON_CLIENT_STATUSES and ticket.status != "closed":
        waiting_on = "us"
    else:
        waiting_on = "client"
    row.update(
        conversation_id=conversation.id,
        stage=state.get("stage"),
        wants_person=conversation.wants_person,
        held_by={"id": held, "name": holders.get(held, "")} if held is not None else None,
        handled_by="analyst" if held is not None else "bot",
        waiting_on=waiting_on,
        last_message_at=last_author[1].isoformat(timespec="seconds") if last_author else None,
    )
    return row


def _ticket_row(ticket: Ticket, *, now: datetime, sla: SlaPolicy) -> dict[str, Any]:
    row = _base_row(
        title=ticket.title, status=ticket.status, priority=ticket.priority, provisional=False,
        channel=ticket.channel, created_at=ticket.filed_at,
    )
    pending = deadlines(ticket, now=now, sla=sla)
    row.update(
        ticket=ticket_json(ticket, now=now, sla=sla),
        deadline=pending[0].to_json() if pending else None,
        breaches=[d.which for d in pending if d.breached],
        waiting_on="client" if ticket.status in WAITING_ON_CLIENT_STATUSES else "us",
    )
    return row


def _base_row(*, title: str, status: str, priority: str | None, provisional: bool, channel: str, created_at: datetime) -> dict[str, Any]:
    return {
        "conversation_id": None, "ticket": None, "title": title, "status": status, "priority": priority,
        "provisional_priority": provisional, "channel": channel, "stage": None, "wants_person": False,
        "held_by": None, "handled_by": "analysts", "waiting_on": "us", "deadline": None, "breaches": [],
        "created_at": created_at.isoformat(timespec="seconds"), "last_message_at": None,
    }


def _last_authors(session: Session, ids: list[str]) -> dict[str, tuple[str, datetime]]:
    """Who wrote the last client-visible message of each conversation, and when."""
    if not ids:
        return {}
    newest = (
        select(Message.conversation_id, func.max(Message.seq).label("seq"))
        .where(Message.conversation_id.in_(ids), Message.internal.is_(False))
        .group_by(Message.conversation_id)
        .subquery()
    )
    rows = session.execute(
        select(Message.conversation_id, Message.author, Message.created_at).join(
            newest, (Message.conversation_id == newest.c.conversation_id) & (Message.seq == newest.c.seq)
        )
    ).all()
    return {cid: (author, at) for cid, author, at in rows}


def _matches(row: dict[str, Any], where: QueueFilter) -> bool:
    if where.status and row["status"] != where.status:
        return False
    if where.priority and row["priority"] != where.priority:
        return False
    if where.analyst == "none":
        return row["held_by"] is None
    if where.analyst:
        return row["held_by"] is not None and str(row["held_by"]["id"]) == where.analyst
    return True


def _urgency(row: dict[str, Any]) -> tuple[int, int, float, str]:
    rank = Priority.parse(row["priority"]).rank if row["priority"] else len(Priority)
    if row["wants_person"]:
        rank = min(rank, Priority.MEDIUM.rank)
    deadline = row["deadline"]
    minutes = float(deadline["minutes_left"]) if deadline else float("inf")
    return (0 if row["waiting_on"] == "us" else 1, rank, minutes, row["created_at"])

"""Read-side queries over tickets for the CLI and the console."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from bot.storage.models import KbQuery, KbSuggestion, Message, Ticket

PRIORITY_ORDER = case(
    {"Emergency": 0, "High": 1, "Medium": 2, "Low": 3}, value=Ticket.priority, else_=4
)


def list_tickets(session: Session, *, status: str | None = None) -> Sequence[Ticket]:
    """Tickets, most urgent first, then oldest first."""
    query = select(Ticket).order_by(PRIORITY_ORDER, Ticket.filed_at)
    if status:
        query = query.where(Ticket.status == status)
    return session.scalars(query).all()


def get_ticket(session: Session, number: str) -> Ticket | None:
    return session.scalars(select(Ticket).where(Ticket.number == number.strip().upper())).one_or_none()


def transcript(session: Session, conversation_id: str) -> Sequence[Message]:
    return session.scalars(select(Message).where(Message.conversation_id == conversation_id).order_by(Message.seq)).all()


def kb_report(session: Session, *, gaps: int = 20) -> dict[str, Any]:
    """Per article: shown / solved / not solved / ignored; and the most frequent queries that found nothing."""
    rows = session.execute(
        select(
            KbSuggestion.slug,
            func.count(),
            func.sum(case((KbSuggestion.outcome == "solved", 1), else_=0)),
            func.sum(case((KbSuggestion.outcome == "not_solved", 1), else_=0)),
        ).group_by(KbSuggestion.slug)
    ).all()
    # "Ignored" is every showing without feedback: explicitly passed over (start over, cancel,
    # another article solved it) or simply left unanswered.
    articles = sorted(
        (
            {
                "slug": slug,
                "shown": int(shown),
                "solved": int(solved or 0),
                "not_solved": int(not_solved or 0),
                "ignored": int(shown) - int(solved or 0) - int(not_solved or 0),
            }
            for slug, shown, solved, not_solved in rows
        ),
        key=lambda r: (-r["shown"], r["slug"]),
    )
    normalized = func.lower(func.trim(KbQuery.query))
    gap_rows = session.execute(
        select(normalized, func.count())
        .where(KbQuery.result_count == 0)
        .group_by(normalized)
        .order_by(func.count().desc(), normalized)
        .limit(gaps)
    ).all()
    return {"articles": articles, "gaps": [{"query": q, "count": int(n)} for q, n in gap_rows]}

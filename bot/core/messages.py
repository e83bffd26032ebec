"""What the engine says, independent of any channel."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Action:
    """A button: a stable ``id`` the client sends back, and its label."""

    id: str
    label: str


@dataclass(frozen=True)
class ArticleLink:
    """A suggested knowledge-base article."""

    slug: str
    title: str
    url: str
    summary: str = ""


@dataclass(frozen=True)
class TicketView:
    """The ticket as the client sees it on a card."""

    number: str
    priority: str
    assessed_priority: str
    after_hours: bool
    status: str
    first_response_due: datetime | None
    next_update_due: datetime | None
    resolution_due: datetime | None
    reasons: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        def iso(value: datetime | None) -> str | None:
            return value.isoformat() if value else None

        return {
            "number": self.number,
            "priority": self.priority,
            "assessed_priority": self.assessed_priority,
            "after_hours": self.after_hours,
            "status": self.status,
            "first_response_due": iso(self.first_response_due),
            "next_update_due": iso(self.next_update_due),
            "resolution_due": iso(self.resolution_due),
            "reasons": list(self.reasons),
        }


@dataclass
class Reply:
    """One outgoing message: markdown-light text plus what the client can do next."""

    text: str
    author: str = "bot"
    expects: str | None = None
    actions: list[Action] = field(default_factory=list)
    articles: list[ArticleLink] = field(default_factory=list)
    ticket: TicketView | None = None
    author_name: str | None = None

    def payload(self) -> dict[str, Any]:
        """The parts stored beside the text."""
        return {
            "actions": [{"id": a.id, "label": a.label} for a in self.actions],
            "articles": [{"slug": a.slug, "title": a.title, "url": a.url, "summary": a.summary} for a in self.articles],
            "ticket": self.ticket.to_json() if self.ticket else None,
        }


@dataclass(frozen=True)
class Inbound:
    """What a client sent: text, or the id of a button they pressed (with an optional article)."""

    text: str | None = None
    action: str | None = None
    article: str | None = None

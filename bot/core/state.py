"""The engine's memory of one conversation, saved as JSON after every turn."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.core.facts import Facts


@dataclass
class ConversationState:
    """Where the intake stands. Everything needed to resume after a restart lives here."""

    stage: str = "description"  # description | kb_feedback | intake | confirm | filed | closed
    expects: str | None = "description"
    facts: Facts = field(default_factory=Facts)
    asked: list[str] = field(default_factory=list)
    unsure: list[str] = field(default_factory=list)  # questions the client could not answer
    kb_query_id: int | None = None
    kb_slugs: list[str] = field(default_factory=list)
    editing: str | None = None
    ticket_number: str | None = None
    prefilled_email: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "stage": self.stage,
            "expects": self.expects,
            "facts": self.facts.to_json(),
            "asked": list(self.asked),
            "unsure": list(self.unsure),
            "kb_query_id": self.kb_query_id,
            "kb_slugs": list(self.kb_slugs),
            "editing": self.editing,
            "ticket_number": self.ticket_number,
            "prefilled_email": self.prefilled_email,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ConversationState:
        if not data:
            return cls()
        return cls(
            stage=data.get("stage", "description"),
            expects=data.get("expects"),
            facts=Facts.from_json(data.get("facts") or {}),
            asked=list(data.get("asked") or []),
            unsure=list(data.get("unsure") or []),
            kb_query_id=data.get("kb_query_id"),
            kb_slugs=list(data.get("kb_slugs") or []),
            editing=data.get("editing"),
            ticket_number=data.get("ticket_number"),
            prefilled_email=data.get("prefilled_email"),
        )

"""What the core needs from the outside world, as protocols. Storage and channels implement them;
tests pass hand-written fakes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from bot.core.facts import Facts
from bot.core.messages import TicketView


@dataclass(frozen=True)
class TicketDraft:
    """Everything needed to write a ticket row."""

    conversation_id: str
    channel: str
    title: str
    facts: Facts
    priority: str
    assessed_priority: str
    after_hours: bool
    reasons: tuple[str, ...]
    filed_at: datetime
    first_response_due: datetime | None
    next_update_due: datetime | None
    resolution_due: datetime | None


class IntakeStore(Protocol):
    """Writes the engine makes during a turn; committed by the caller with the turn."""

    def file_ticket(self, draft: TicketDraft) -> TicketView: ...

    def record_kb_query(
        self, *, conversation_id: str, query: str, results: Sequence[tuple[str, float]], now: datetime
    ) -> int: ...

    def record_kb_outcome(self, *, query_id: int, outcome: str, slug: str | None) -> None: ...

    def add_ticket_event(
        self, *, ticket_number: str, kind: str, actor: str, reason: str | None, now: datetime
    ) -> None: ...

    def set_ticket_status(self, *, ticket_number: str, status: str, actor: str, reason: str | None, now: datetime) -> None: ...

    def record_satisfaction(self, *, ticket_number: str, rating: int, now: datetime) -> None: ...


class KnowledgeSearch(Protocol):
    """The knowledge base as the engine sees it."""

    def search(self, query: str, *, limit: int = 3, audience: str | None = "client") -> Sequence[Any]: ...

    def article(self, slug: str) -> Any: ...


class Presence(Protocol):
    """Whether a person can take a conversation now."""

    def analysts_available(self, now: datetime) -> bool: ...


class Alerts(Protocol):
    """Out-of-band alerts, e.g. paging the on-call analyst."""

    def emergency_after_hours(self, ticket: TicketView, facts: Facts) -> None: ...


@dataclass
class ConversationRecord:
    """A conversation row as the core sees it."""

    id: str
    channel: str
    status: str
    state: dict[str, Any]
    last_seq: int
    token_hash: str
    channel_ref: str | None = None
    client_ref: str | None = None
    held_by: int | None = None
    held_by_name: str | None = None
    wants_person: bool = False
    ticket_number: str | None = None


@dataclass(frozen=True)
class StoredMessage:
    """A message as stored, in the API's shape."""

    conversation_id: str
    seq: int
    author: str
    text: str
    expects: str | None
    payload: dict[str, Any]
    created_at: datetime
    author_name: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "author": self.author,
            "author_name": self.author_name,
            "text": self.text,
            "expects": self.expects,
            "actions": self.payload.get("actions", []),
            "articles": self.payload.get("articles", []),
            "ticket": self.payload.get("ticket"),
            "created_at": self.created_at.isoformat(),
        }


class UnitOfWork(IntakeStore, Protocol):
    """One transaction over the conversation store; leaving the ``with`` block rolls back
    whatever was not committed."""

    def __enter__(self) -> UnitOfWork: ...

    def __exit__(self, *exc: object) -> None: ...

    def commit(self) -> None: ...

    def create_conversation(
        self,
        *,
        conversation_id: str,
        channel: str,
        token_hash: str,
        channel_ref: str | None,
        client_ref: str | None,
        now: datetime,
    ) -> ConversationRecord: ...

    def get_conversation(self, conversation_id: str, *, lock: bool = False) -> ConversationRecord | None: ...

    def find_conversation(self, *, channel: str, channel_ref: str) -> ConversationRecord | None: ...

    def save_conversation(self, record: ConversationRecord, *, now: datetime) -> None: ...

    def add_message(
        self,
        record: ConversationRecord,
        *,
        author: str,
        text: str,
        expects: str | None,
        payload: dict[str, Any],
        now: datetime,
        author_name: str | None = None,
        internal: bool = False,
    ) -> StoredMessage: ...

    def messages_after(self, conversation_id: str, after_seq: int, *, limit: int = 500) -> list[StoredMessage]: ...

    def mark_event_processed(self, *, source: str, event_id: str, now: datetime) -> bool: ...

    def claim_conversation(self, conversation_id: str, *, user_id: int, force: bool) -> bool:
        """Make ``user_id`` the holder; without ``force`` only if nobody (or they) holds it."""
        ...

    def release_conversation(self, conversation_id: str, *, user_id: int) -> bool: ...

    def record_first_response(self, *, ticket_number: str, now: datetime) -> None: ...

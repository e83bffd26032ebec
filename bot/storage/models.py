"""The database schema: conversations, messages, tickets and what hangs off them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from bot.storage.types import UTCDateTime


class Base(DeclarativeBase):
    """Declarative base; ``type_annotation_map`` keeps JSON columns portable."""

    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON, datetime: UTCDateTime}


class Conversation(Base):
    """One client conversation on one channel; ``state`` is the engine's whole memory."""

    __tablename__ = "conversations"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(16))
    # Where the conversation lives in its channel (Slack "team:channel:thread"), unique per channel.
    channel_ref: Mapped[str | None] = mapped_column(String(200))
    client_ref: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(24), default="open")
    state: Mapped[dict[str, Any]] = mapped_column(default=dict)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    wants_person: Mapped[bool] = mapped_column(Boolean, default=False)
    held_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    messages: Mapped[list[Message]] = relationship(back_populates="conversation", order_by="Message.seq")
    ticket: Mapped[Ticket | None] = relationship(back_populates="conversation", uselist=False)

    __table_args__ = (
        UniqueConstraint("channel", "channel_ref", name="uq_conversations_channel_ref"),
        Index("ix_conversations_status_updated", "status", "updated_at"),
    )


class Message(Base):
    """A message in a conversation, numbered by ``seq`` from 1; client text is stored redacted."""

    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    author: Mapped[str] = mapped_column(String(16))
    author_name: Mapped[str | None] = mapped_column(String(120))
    text: Mapped[str] = mapped_column(Text)
    expects: Mapped[str | None] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    internal: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]

    conversation: Mapped[Conversation] = relationship(back_populates="messages")

    __table_args__ = (UniqueConstraint("conversation_id", "seq", name="uq_messages_conversation_seq"),)


class Counter(Base):
    """Named sequences (ticket numbers) bumped inside the filing transaction."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class Ticket(Base):
    """A filed ticket with its applied and assessed priority and SLA deadlines."""

    __tablename__ = "tickets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    conversation_id: Mapped[str | None] = mapped_column(ForeignKey("conversations.id"), unique=True)
    channel: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(24), default="new")
    title: Mapped[str] = mapped_column(String(200))
    priority: Mapped[str] = mapped_column(String(16))
    assessed_priority: Mapped[str] = mapped_column(String(16))
    after_hours: Mapped[bool] = mapped_column(Boolean, default=False)
    reasons: Mapped[list[Any]] = mapped_column(default=list)
    facts: Mapped[dict[str, Any]] = mapped_column(default=dict)
    filed_at: Mapped[datetime]
    first_response_due: Mapped[datetime | None]
    next_update_due: Mapped[datetime | None]
    resolution_due: Mapped[datetime | None]
    first_responded_at: Mapped[datetime | None]
    waiting_since: Mapped[datetime | None]
    resolved_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    assigned_to: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    resolution: Mapped[str | None] = mapped_column(Text)
    satisfaction: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime]

    conversation: Mapped[Conversation | None] = relationship(back_populates="ticket")
    events: Mapped[list[TicketEvent]] = relationship(back_populates="ticket", order_by="TicketEvent.id")

    __table_args__ = (Index("ix_tickets_status_priority", "status", "priority"),)


class TicketEvent(Base):
    """Something that happened to a ticket: who, when, what changed and why."""

    __tablename__ = "ticket_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(120))
    from_value: Mapped[str | None] = mapped_column(String(120))
    to_value: Mapped[str | None] = mapped_column(String(120))
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]

    ticket: Mapped[Ticket] = relationship(back_populates="events")


class KbQuery(Base):
    """A knowledge-base search made for a client, with how many articles it suggested."""

    __tablename__ = "kb_queries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
    query: Mapped[str] = mapped_column(Text)
    result_count: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime]


class KbSuggestion(Base):
    """One article shown to a client and what came of it (solved / not_solved / ignored)."""

    __tablename__ = "kb_suggestions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    query_id: Mapped[int] = mapped_column(ForeignKey("kb_queries.id", ondelete="CASCADE"), index=True)
    slug: Mapped[str] = mapped_column(String(200), index=True)
    rank: Mapped[int] = mapped_column(Integer)
    score: Mapped[float]
    outcome: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime]


class ProcessedEvent(Base):
    """Channel events already handled (Slack retries), so a retry never acts twice."""

    __tablename__ = "processed_events"

    source: Mapped[str] = mapped_column(String(16), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    created_at: Mapped[datetime]


class TimerMark(Base):
    """A timer action already taken (reminder sent, breach recorded), unique so it happens once."""

    __tablename__ = "timer_marks"

    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    due_at: Mapped[str] = mapped_column(String(40), primary_key=True)
    created_at: Mapped[datetime]


class User(Base):
    """An analyst or admin who signs in to the console."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(200))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]
    created_at: Mapped[datetime]


class AnalystSession(Base):
    """A signed-in console session; the token is stored hashed."""

    __tablename__ = "analyst_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]


class AuditEntry(Base):
    """Who did what to which conversation or ticket, and when (the scope document's audit trail)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    actor: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(40))
    conversation_id: Mapped[str | None] = mapped_column(String(32), index=True)
    ticket_number: Mapped[str | None] = mapped_column(String(20), index=True)
    detail: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]


class SlackAnalystThread(Base):
    """A conversation's card in the Slack analyst channel; analysts talk to the client in its thread."""

    __tablename__ = "slack_analyst_threads"

    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True)
    channel: Mapped[str] = mapped_column(String(32))
    ts: Mapped[str] = mapped_column(String(32))
    # What the card announced last, so a new ticket or a new request for a person is announced once.
    ticket_number: Mapped[str | None] = mapped_column(String(20))
    person_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]

    __table_args__ = (UniqueConstraint("channel", "ts", name="uq_slack_analyst_threads_message"),)

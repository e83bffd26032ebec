"""The SQLAlchemy implementation of the core's :class:`~bot.core.ports.UnitOfWork`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Connection, CursorResult, Engine, Executable, Table, bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.core.messages import TicketView
from bot.core.ports import ConversationRecord, StoredMessage, TicketDraft
from bot.storage.models import (
    Conversation,
    Counter,
    KbQuery,
    KbSuggestion,
    Message,
    ProcessedEvent,
    Ticket,
    TicketEvent,
    User,
)
from bot.storage.ticket_ops import set_status
from bot.storage.tickets import ticket_view

# The per-turn statements go through Core on the tables: the ORM's unit of work costs more than
# the statements themselves on this hot path.
CONVERSATIONS = cast(Table, Conversation.__table__)
MESSAGES = cast(Table, Message.__table__)
TICKETS = cast(Table, Ticket.__table__)
TICKET_EVENTS = cast(Table, TicketEvent.__table__)
KB_QUERIES = cast(Table, KbQuery.__table__)
KB_SUGGESTIONS = cast(Table, KbSuggestion.__table__)
COUNTERS = cast(Table, Counter.__table__)
USERS = cast(Table, User.__table__)
CONVERSATION_COLUMNS = tuple(CONVERSATIONS.c)
SELECT_CONVERSATION = select(*CONVERSATION_COLUMNS).where(CONVERSATIONS.c.id == bindparam("conversation_id"))
SELECT_CONVERSATION_FOR_UPDATE = SELECT_CONVERSATION.with_for_update()
SET_LAST_SEQ = (
    update(CONVERSATIONS)
    .where(CONVERSATIONS.c.id == bindparam("conversation_id"))
    .values(last_seq=bindparam("last_seq"), updated_at=bindparam("now"))
)
INSERT_MESSAGE = insert(MESSAGES)
INSERT_CONVERSATION = insert(CONVERSATIONS)
NEXT_TICKET_NUMBER = (
    update(COUNTERS)
    .where(COUNTERS.c.name == "ticket")
    .values(value=COUNTERS.c.value + 1)
    .returning(COUNTERS.c.value)
)
INSERT_TICKET = insert(TICKETS).returning(TICKETS.c.id)
INSERT_TICKET_EVENT = insert(TICKET_EVENTS)
INSERT_KB_QUERY = insert(KB_QUERIES).returning(KB_QUERIES.c.id)
INSERT_KB_SUGGESTION = insert(KB_SUGGESTIONS)
SELECT_MESSAGES_AFTER = (
    select(
        MESSAGES.c.conversation_id, MESSAGES.c.seq, MESSAGES.c.author, MESSAGES.c.text, MESSAGES.c.expects,
        MESSAGES.c.payload, MESSAGES.c.created_at, MESSAGES.c.author_name,
    )
    .where(
        MESSAGES.c.conversation_id == bindparam("conversation_id"),
        MESSAGES.c.seq > bindparam("after_seq"),
        MESSAGES.c.internal.is_(False),
    )
    .order_by(MESSAGES.c.seq)
    .limit(bindparam("limit"))
)
SELECT_USER_NAME = select(USERS.c.display_name).where(USERS.c.id == bindparam("user_id"))
SAVE_CONVERSATION = (
    update(CONVERSATIONS)
    .where(CONVERSATIONS.c.id == bindparam("conversation_id"))
    .values(
        state=bindparam("state"),
        status=bindparam("status"),
        wants_person=bindparam("wants_person"),
        held_by=bindparam("held_by"),
        channel_ref=bindparam("channel_ref"),
        last_seq=bindparam("last_seq"),
        updated_at=bindparam("now"),
    )
)


class SqlUnitOfWork:
    """One connection, one transaction at a time; ``commit`` makes the writes so far durable.

    The per-turn statements run as Core on the connection. An ORM session joins the open
    transaction only when something asks for ``session`` (ticket operations, timers, audit),
    because a session's bookkeeping costs more than a chat turn's statements.
    """

    def __init__(self, sessions: sessionmaker[Session], *, ticket_prefix: str) -> None:
        self._sessions = sessions
        self._engine: Engine = sessions.kw["bind"]
        self._ticket_prefix = ticket_prefix
        self._connection: Connection | None = None
        self._session: Session | None = None
        # Sequence numbers handed out in this transaction and not yet written back.
        self._unsaved_seq: dict[str, tuple[int, datetime]] = {}

    def __enter__(self) -> SqlUnitOfWork:
        return self

    def __exit__(self, *exc: object) -> None:
        self._close_session()
        if self._connection is not None:
            self._connection.rollback()
            self._connection.close()
            self._connection = None

    @property
    def session(self) -> Session:
        """An ORM session inside this unit's open transaction (begun here if none is open)."""
        if self._session is None:
            connection = self._connect()
            if not connection.in_transaction():
                connection.begin()
            # rollback_only: the session flushes into our transaction but never commits it.
            self._session = self._sessions(bind=connection, join_transaction_mode="rollback_only")
        return self._session

    def commit(self) -> None:
        for conversation_id, (seq, now) in self._unsaved_seq.items():
            self._execute(SET_LAST_SEQ, {"conversation_id": conversation_id, "last_seq": seq, "now": now})
        self._unsaved_seq.clear()
        if self._session is not None:
            self._session.flush()
            self._close_session()
        if self._connection is not None and self._connection.in_transaction():
            self._connection.commit()

    def _close_session(self) -> None:
        if self._session is not None:
            self._session.close()
            self._session = None

    def _connect(self) -> Connection:
        if self._connection is None:
            self._connection = self._engine.connect()
        return self._connection

    def _execute(self, statement: Executable, params: dict[str, Any] | list[dict[str, Any]]) -> CursorResult[Any]:
        """Run a Core statement on this unit's connection (a transaction begins with the first)."""
        return self._connect().execute(statement, params)

    # -- conversations ----------------------------------------------------------------------

    def create_conversation(
        self,
        *,
        conversation_id: str,
        channel: str,
        token_hash: str,
        channel_ref: str | None,
        client_ref: str | None,
        now: datetime,
    ) -> ConversationRecord:
        row: dict[str, Any] = {
            "id": conversation_id,
            "token_hash": token_hash,
            "channel": channel,
            "channel_ref": channel_ref,
            "client_ref": client_ref,
            "status": "open",
            "state": {},
            "last_seq": 0,
            "wants_person": False,
            "held_by": None,
            "created_at": now,
            "updated_at": now,
        }
        self._execute(INSERT_CONVERSATION, row)
        return self._record(row)

    def get_conversation(self, conversation_id: str, *, lock: bool = False) -> ConversationRecord | None:
        query = SELECT_CONVERSATION_FOR_UPDATE if lock else SELECT_CONVERSATION
        row = self._execute(query, {"conversation_id": conversation_id}).one_or_none()
        return self._record(row._mapping) if row else None

    def find_conversation(self, *, channel: str, channel_ref: str) -> ConversationRecord | None:
        row = self._execute(
            select(*CONVERSATION_COLUMNS).where(
                CONVERSATIONS.c.channel == bindparam("channel"), CONVERSATIONS.c.channel_ref == bindparam("channel_ref")
            ),
            {"channel": channel, "channel_ref": channel_ref},
        ).one_or_none()
        return self._record(row._mapping) if row else None

    def save_conversation(self, record: ConversationRecord, *, now: datetime) -> None:
        self._unsaved_seq.pop(record.id, None)
        self._execute(
            SAVE_CONVERSATION,
            {
                "conversation_id": record.id,
                "state": record.state,
                "status": record.status,
                "wants_person": record.wants_person,
                "held_by": record.held_by,
                "channel_ref": record.channel_ref,
                "last_seq": record.last_seq,
                "now": now,
            },
        )

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
    ) -> StoredMessage:
        # The caller holds the conversation row (locked read, one writer at a time), so the next
        # number is known here; it is written back with the conversation or at commit.
        seq = record.last_seq + 1
        record.last_seq = seq
        self._unsaved_seq[record.id] = (seq, now)
        self._execute(
            INSERT_MESSAGE,
            {
                "conversation_id": record.id,
                "seq": seq,
                "author": author,
                "author_name": author_name,
                "text": text,
                "expects": expects,
                "payload": payload,
                "internal": internal,
                "created_at": now,
            },
        )
        return StoredMessage(record.id, seq, author, text, expects, payload, now, author_name)

    def messages_after(self, conversation_id: str, after_seq: int, *, limit: int = 500) -> list[StoredMessage]:
        rows = self._execute(
            SELECT_MESSAGES_AFTER, {"conversation_id": conversation_id, "after_seq": after_seq, "limit": limit}
        ).all()
        return [StoredMessage(*cast(tuple[Any, ...], row)) for row in rows]

    def mark_event_processed(self, *, source: str, event_id: str, now: datetime) -> bool:
        """Record a channel event id; False when it was already handled (a retry)."""
        try:
            with self.session.begin_nested():
                self.session.add(ProcessedEvent(source=source, event_id=event_id, created_at=now))
        except IntegrityError:
            return False
        return True

    # -- intake writes ----------------------------------------------------------------------

    def file_ticket(self, draft: TicketDraft) -> TicketView:
        number_value = self._execute(NEXT_TICKET_NUMBER, {}).scalar_one()
        row: dict[str, Any] = {
            "number": f"{self._ticket_prefix}-{number_value:06d}",
            "conversation_id": draft.conversation_id,
            "channel": draft.channel,
            "status": "new",
            "title": draft.title,
            "priority": draft.priority,
            "assessed_priority": draft.assessed_priority,
            "after_hours": draft.after_hours,
            "reasons": list(draft.reasons),
            "facts": draft.facts.to_json(),
            "filed_at": draft.filed_at,
            "first_response_due": draft.first_response_due,
            "next_update_due": draft.next_update_due,
            "resolution_due": draft.resolution_due,
            "updated_at": draft.filed_at,
        }
        ticket_id = self._execute(INSERT_TICKET, row).scalar_one()
        reason = "; ".join(draft.reasons)
        if draft.after_hours and draft.priority != draft.assessed_priority:
            reason += f" (assessed {draft.assessed_priority}; filed outside business hours)"
        self._execute(
            INSERT_TICKET_EVENT,
            {
                "ticket_id": ticket_id, "kind": "filed", "actor": "deskbot", "from_value": None,
                "to_value": draft.priority, "reason": reason, "created_at": draft.filed_at,
            },
        )
        # A transient row object, only so the one ticket_view() builds what the client is shown.
        return ticket_view(Ticket(**row))

    def record_kb_query(
        self, *, conversation_id: str, query: str, results: Sequence[tuple[str, float]], now: datetime
    ) -> int:
        query_id: int = self._execute(
            INSERT_KB_QUERY,
            {"conversation_id": conversation_id, "query": query[:2000], "result_count": len(results), "created_at": now},
        ).scalar_one()
        if results:
            self._execute(
                INSERT_KB_SUGGESTION,
                [
                    {"query_id": query_id, "slug": slug, "rank": rank, "score": score, "outcome": None, "created_at": now}
                    for rank, (slug, score) in enumerate(results, start=1)
                ],
            )
        return query_id

    def record_kb_outcome(self, *, query_id: int, outcome: str, slug: str | None) -> None:
        """Set the outcome of one suggestion (``slug``) or of all still undecided ones."""
        suggestion = KB_SUGGESTIONS.c
        query = update(KB_SUGGESTIONS).where(suggestion.query_id == query_id, suggestion.outcome.is_(None))
        if slug is not None:
            query = query.where(suggestion.slug == slug)
        self._execute(query.values(outcome=outcome), {})

    def add_ticket_event(
        self, *, ticket_number: str, kind: str, actor: str, reason: str | None, now: datetime
    ) -> None:
        ticket = self._ticket(ticket_number)
        if ticket is None:
            return
        self.session.add(
            TicketEvent(ticket_id=ticket.id, kind=kind, actor=actor, from_value=None, to_value=None, reason=reason, created_at=now)
        )

    def set_ticket_status(self, *, ticket_number: str, status: str, actor: str, reason: str | None, now: datetime) -> None:
        ticket = self._ticket(ticket_number)
        if ticket is not None:
            set_status(self.session, ticket, status=status, actor=actor, reason=reason, now=now)

    def record_satisfaction(self, *, ticket_number: str, rating: int, now: datetime) -> None:
        ticket = self._ticket(ticket_number)
        if ticket is None:
            return
        ticket.satisfaction = rating
        self.session.add(
            TicketEvent(ticket_id=ticket.id, kind="satisfaction", actor="client", from_value=None, to_value=str(rating), reason=None, created_at=now)
        )

    def record_first_response(self, *, ticket_number: str, now: datetime) -> None:
        ticket = self._ticket(ticket_number)
        if ticket is not None and ticket.first_responded_at is None:
            ticket.first_responded_at = now
            ticket.updated_at = now

    def claim_conversation(self, conversation_id: str, *, user_id: int, force: bool) -> bool:
        conversation = CONVERSATIONS.c
        query = update(CONVERSATIONS).where(conversation.id == conversation_id)
        if not force:
            query = query.where((conversation.held_by.is_(None)) | (conversation.held_by == user_id))
        return bool(self._execute(query.values(held_by=user_id, wants_person=False), {}).rowcount)

    def release_conversation(self, conversation_id: str, *, user_id: int) -> bool:
        conversation = CONVERSATIONS.c
        statement = (
            update(CONVERSATIONS)
            .where(conversation.id == conversation_id, conversation.held_by == user_id)
            .values(held_by=None)
        )
        return bool(self._execute(statement, {}).rowcount)

    def _ticket(self, number: str) -> Ticket | None:
        return self.session.scalars(select(Ticket).where(Ticket.number == number)).one_or_none()

    def _record(self, row: Mapping[Any, Any]) -> ConversationRecord:
        held_by = row["held_by"]
        holder_name = (
            self._execute(SELECT_USER_NAME, {"user_id": held_by}).scalar_one_or_none() if held_by is not None else None
        )
        state = dict(row["state"] or {})
        return ConversationRecord(
            id=row["id"],
            channel=row["channel"],
            status=row["status"],
            state=state,
            last_seq=row["last_seq"],
            token_hash=row["token_hash"],
            channel_ref=row["channel_ref"],
            client_ref=row["client_ref"],
            held_by=held_by,
            held_by_name=holder_name,
            wants_person=row["wants_person"],
            ticket_number=state.get("ticket_number"),
        )

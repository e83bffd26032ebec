"""What an analyst does to a conversation or a ticket, each step audited.

Channel-agnostic: the console's HTTP API calls it, and so can an analyst relay in Slack — give
it the :class:`Analyst` the channel identified. Talking to the client goes through the core's
:class:`ConversationService`, so the client sees the analyst on whatever channel they use.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.adapters.console.accounts import Analyst
from bot.adapters.console.events import ConsoleEvents, changed_event, message_event
from bot.adapters.console.queue import QueueFilter, build_queue
from bot.adapters.console.views import conversation_json, message_json, ticket_json
from bot.app import Services
from bot.core.ports import StoredMessage
from bot.core.service import ConversationService
from bot.errors import ClientInputError, NotFoundError
from bot.storage import audit
from bot.storage.models import Conversation, Message, Ticket
from bot.storage.ticket_ops import set_priority, set_status
from bot.storage.ticket_queries import get_ticket
from bot.storage.unit_of_work import SqlUnitOfWork
from bot.triage.priority import Priority
from bot.triage.sla import SlaPolicy

# Opening the same conversation again within this window is one "viewed" row, not dozens.
VIEW_AUDIT_WINDOW = timedelta(minutes=30)
MAX_NOTE_LENGTH = 8000
MAX_RESOLUTION_LENGTH = 4000


class AnalystDesk:
    """Queue, transcript, takeover, messages, hand-back, notes, priority, status, resolution."""

    def __init__(
        self,
        *,
        sessions: sessionmaker[Session],
        conversations: ConversationService,
        sla: SlaPolicy,
        clock: Callable[[], datetime],
        events: ConsoleEvents,
        ticket_prefix: str,
    ) -> None:
        self._sessions = sessions
        self._conversations = conversations
        self._sla = sla
        self._clock = clock
        self.events = events
        self._ticket_prefix = ticket_prefix

    @classmethod
    def from_services(cls, services: Services, events: ConsoleEvents) -> AnalystDesk:
        return cls(
            sessions=services.sessions, conversations=services.conversations, sla=services.sla, clock=services.clock,
            events=events, ticket_prefix=services.settings.get_str("desk", "ticket_prefix"),
        )

    # -- reading ------------------------------------------------------------------------------

    def queue(self, where: QueueFilter) -> list[dict[str, Any]]:
        with self._sessions() as session:
            return build_queue(session, now=self._clock(), sla=self._sla, where=where.check())

    def view(self, conversation_id: str, *, analyst: Analyst) -> dict[str, Any]:
        """The whole conversation, notes included; logged as viewed (once per half hour per analyst)."""
        now = self._clock()
        with self._sessions() as session:
            conversation = _conversation(session, conversation_id)
            body = conversation_json(session, conversation, now=now, sla=self._sla)
            self._audit_view(session, analyst, conversation, now)
            session.commit()
            return body

    def messages_after(self, conversation_id: str, *, analyst: Analyst, after: int) -> list[dict[str, Any]]:
        """Messages and notes after ``after`` (a seq), for catching up a live transcript."""
        now = self._clock()
        with self._sessions() as session:
            conversation = _conversation(session, conversation_id)
            rows = session.scalars(
                select(Message).where(Message.conversation_id == conversation_id, Message.seq > after).order_by(Message.seq)
            ).all()
            self._audit_view(session, analyst, conversation, now)
            session.commit()
            return [message_json(m) for m in rows]

    # -- the conversation ---------------------------------------------------------------------

    def takeover(self, conversation_id: str, *, analyst: Analyst, force: bool = False) -> list[StoredMessage]:
        """Hold the conversation (ConflictError if someone else does and not ``force``); the bot goes quiet."""
        before = self._conversations.get(conversation_id)
        if before is None:
            raise NotFoundError("No such conversation.")
        stored = self._conversations.takeover(
            conversation_id, analyst_id=analyst.id, analyst_name=analyst.display_name, force=force
        )
        if not stored:
            return stored
        now = self._clock()
        previous = before.held_by_name if before.held_by not in (None, analyst.id) else None
        with self._sessions() as session:
            ticket = _conversation_ticket(session, conversation_id)
            if ticket is not None:
                ticket.assigned_to = analyst.id
                if ticket.status == "new":
                    set_status(session, ticket, status="in_progress", actor=analyst.display_name, reason="Taken over", now=now)
            audit.record(
                session, actor=analyst.name, action="took_over", now=now, conversation_id=conversation_id,
                ticket_number=ticket.number if ticket else None, detail=f"from {previous}" if previous else None,
            )
            session.commit()
        self.events.publish(changed_event(conversation_id=conversation_id))
        return stored

    def send(self, conversation_id: str, *, analyst: Analyst, text: str) -> StoredMessage:
        """Write to the client (holder only); counts as the ticket's first response and as an update."""
        message = self._conversations.analyst_message(
            conversation_id, analyst_id=analyst.id, analyst_name=analyst.display_name, text=text
        )
        now = self._clock()
        with self._sessions() as session:
            ticket = _conversation_ticket(session, conversation_id)
            if ticket is not None and ticket.status != "closed":
                ticket.next_update_due = self._sla.next_update_after(priority=Priority.parse(ticket.priority), at=now)
                ticket.updated_at = now
            audit.record(
                session, actor=analyst.name, action="wrote", now=now, conversation_id=conversation_id,
                ticket_number=ticket.number if ticket else None, detail=f"message {message.seq}",
            )
            session.commit()
        self.events.publish(changed_event(conversation_id=conversation_id))
        return message

    def hand_back(self, conversation_id: str, *, analyst: Analyst) -> list[StoredMessage]:
        """Return the conversation to the bot, which tells the client and resumes the intake."""
        stored = self._conversations.hand_back(conversation_id, analyst_id=analyst.id, analyst_name=analyst.display_name)
        now = self._clock()
        with self._sessions() as session:
            ticket = _conversation_ticket(session, conversation_id)
            audit.record(
                session, actor=analyst.name, action="handed_back", now=now, conversation_id=conversation_id,
                ticket_number=ticket.number if ticket else None,
            )
            session.commit()
        self.events.publish(changed_event(conversation_id=conversation_id))
        return stored

    def note(self, conversation_id: str, *, analyst: Analyst, text: str) -> dict[str, Any]:
        """An internal note in the transcript: stored ``internal``, published to console streams only."""
        text = text.strip()
        if not text:
            raise ClientInputError("The note is empty.", code="empty_text")
        if len(text) > MAX_NOTE_LENGTH:
            raise ClientInputError(f"A note is at most {MAX_NOTE_LENGTH} characters.", code="text_too_long")
        now = self._clock()
        with SqlUnitOfWork(self._sessions, ticket_prefix=self._ticket_prefix) as uow:
            record = uow.get_conversation(conversation_id, lock=True)
            if record is None:
                raise NotFoundError("No such conversation.")
            stored = uow.add_message(
                record, author="analyst", author_name=analyst.display_name, text=text, expects=None,
                payload={"note": True}, now=now, internal=True,
            )
            audit.record(
                uow.session, actor=analyst.name, action="noted", now=now, conversation_id=conversation_id,
                ticket_number=record.ticket_number, detail=f"note {stored.seq}",
            )
            uow.commit()
        self.events.publish(message_event(stored, internal=True))
        return {**stored.to_json(), "internal": True}

    # -- the ticket ---------------------------------------------------------------------------

    def set_priority(self, ticket_number: str, *, analyst: Analyst, priority: str, reason: str) -> dict[str, Any]:
        """Re-prioritize with a reason; deadlines follow the new priority."""
        try:
            new = Priority.parse(priority)
        except ValueError as err:
            raise ClientInputError(str(err), code="bad_priority") from None
        now = self._clock()
        with self._sessions() as session:
            ticket = _ticket(session, ticket_number)
            previous = ticket.priority
            set_priority(session, ticket, priority=new, actor=analyst.display_name, reason=reason, sla=self._sla, now=now)
            if previous != new.value:
                audit.record(
                    session, actor=analyst.name, action="reprioritized", now=now, conversation_id=ticket.conversation_id,
                    ticket_number=ticket.number, detail=f"{previous} → {new.value}: {reason.strip()}",
                )
            session.commit()
            body = ticket_json(ticket, now=now, sla=self._sla)
        self.events.publish(changed_event(conversation_id=ticket.conversation_id, ticket_number=ticket.number))
        return body

    def set_status(self, ticket_number: str, *, analyst: Analyst, status: str, reason: str | None = None) -> dict[str, Any]:
        """In progress, waiting for client, or closed; resolving goes through :meth:`resolve`."""
        if status == "resolved":
            raise ClientInputError("Resolve the ticket with a resolution note (resolve), so the client is asked to confirm.", code="use_resolve")
        now = self._clock()
        with self._sessions() as session:
            ticket = _ticket(session, ticket_number)
            previous = ticket.status
            set_status(session, ticket, status=status, actor=analyst.display_name, reason=(reason or "").strip() or None, now=now)
            if previous != status:
                detail = f"{previous} → {status}" + (f": {reason.strip()}" if reason and reason.strip() else "")
                audit.record(
                    session, actor=analyst.name, action="closed" if status == "closed" else "status_changed", now=now,
                    conversation_id=ticket.conversation_id, ticket_number=ticket.number, detail=detail,
                )
            session.commit()
            body = ticket_json(ticket, now=now, sla=self._sla)
        self.events.publish(changed_event(conversation_id=ticket.conversation_id, ticket_number=ticket.number))
        return body

    def resolve(self, ticket_number: str, *, analyst: Analyst, resolution: str) -> list[StoredMessage]:
        """Record the resolution, mark the ticket resolved and ask the client to confirm the fix.

        The client's "fixed" closes the ticket, "not fixed" reopens it; ``waiting_since`` starts
        the desk's 48-hour clock for no answer.
        """
        resolution = resolution.strip()
        if not resolution:
            raise ClientInputError("Write what fixed it: the resolution note is required.", code="resolution_required")
        if len(resolution) > MAX_RESOLUTION_LENGTH:
            raise ClientInputError(f"A resolution note is at most {MAX_RESOLUTION_LENGTH} characters.", code="text_too_long")
        now = self._clock()
        with self._sessions() as session:
            ticket = _ticket(session, ticket_number)
            if ticket.status == "closed":
                raise ClientInputError(f"{ticket.number} is already closed.", code="already_closed")
            ticket.resolution = resolution
            set_status(session, ticket, status="resolved", actor=analyst.display_name, reason=resolution, now=now)
            audit.record(
                session, actor=analyst.name, action="resolved", now=now, conversation_id=ticket.conversation_id,
                ticket_number=ticket.number, detail=resolution[:500],
            )
            session.commit()
            conversation_id = ticket.conversation_id
        stored: list[StoredMessage] = []
        if conversation_id is not None:
            stored = self._conversations.ask_resolution(conversation_id, resolution=resolution)
        self.events.publish(changed_event(conversation_id=conversation_id, ticket_number=ticket_number))
        return stored

    def _audit_view(self, session: Session, analyst: Analyst, conversation: Conversation, now: datetime) -> None:
        if audit.recently_recorded(
            session, actor=analyst.name, action="viewed", conversation_id=conversation.id, now=now, within=VIEW_AUDIT_WINDOW
        ):
            return
        number = conversation.ticket.number if conversation.ticket else None
        audit.record(session, actor=analyst.name, action="viewed", now=now, conversation_id=conversation.id, ticket_number=number)


def _conversation(session: Session, conversation_id: str) -> Conversation:
    conversation = session.get(Conversation, conversation_id)
    if conversation is None:
        raise NotFoundError("No such conversation.")
    return conversation


def _conversation_ticket(session: Session, conversation_id: str) -> Ticket | None:
    return session.scalars(select(Ticket).where(Ticket.conversation_id == conversation_id)).one_or_none()


def _ticket(session: Session, number: str) -> Ticket:
    ticket = get_ticket(session, number)
    if ticket is None:
        raise NotFoundError(f"No ticket {number.strip().upper()!r}.")
    return ticket

"""Where each conversation's card sits in the analyst channel, and what the card shows.

The card's (channel, ts) is kept in the database, so a reply in its thread still reaches the
client after a restart. Reads are remembered in memory: every write for a conversation happens
on that conversation's lane in this process, so the cache cannot go stale.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.core.facts import Facts
from bot.core.state import ConversationState
from bot.storage.models import Conversation, SlackAnalystThread, Ticket, TicketEvent, User
from bot.storage.tickets import ticket_view

CACHE_SIZE = 10_000


@dataclass(frozen=True)
class CardThread:
    """A posted card: the thread analysts reply in, and what it announced last."""

    conversation_id: str
    channel: str
    ts: str
    ticket_number: str | None = None
    person_requested: bool = False


@dataclass(frozen=True)
class CardData:
    """Everything a card shows, read in one go; the stored texts are already redacted."""

    conversation_id: str
    client_channel: str
    held_by: str | None
    wants_person: bool
    facts: Facts
    unsure: list[str]
    ticket: dict[str, Any] | None
    on_call_alerted: bool


class CardThreads:
    """The ``slack_analyst_threads`` table, with a bounded read cache."""

    def __init__(self, sessions: sessionmaker[Session], *, clock: Callable[[], datetime]) -> None:
        self._sessions = sessions
        self._clock = clock
        self._cache: OrderedDict[str, CardThread | None] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, conversation_id: str) -> CardThread | None:
        with self._lock:
            if conversation_id in self._cache:
                return self._cache[conversation_id]
        with self._sessions() as session:
            row = session.get(SlackAnalystThread, conversation_id)
            found = _thread(row) if row is not None else None
        self._remember(conversation_id, found)
        return found

    def by_message(self, channel: str, ts: str) -> CardThread | None:
        """The card whose message is (channel, ts): a thread reply's parent."""
        with self._sessions() as session:
            row = session.scalars(
                select(SlackAnalystThread).where(SlackAnalystThread.channel == channel, SlackAnalystThread.ts == ts)
            ).one_or_none()
            return _thread(row) if row is not None else None

    def add(self, thread: CardThread) -> None:
        with self._sessions() as session:
            session.add(
                SlackAnalystThread(
                    conversation_id=thread.conversation_id, channel=thread.channel, ts=thread.ts,
                    ticket_number=thread.ticket_number, person_requested=thread.person_requested, created_at=self._clock(),
                )
            )
            try:
                session.commit()
            except IntegrityError:
                # Another instance carded it first; keep theirs.
                session.rollback()
                self.forget(thread.conversation_id)
                return
        self._remember(thread.conversation_id, thread)

    def update(self, thread: CardThread, *, ticket_number: str | None, person_requested: bool) -> CardThread:
        with self._sessions() as session:
            row = session.get(SlackAnalystThread, thread.conversation_id)
            if row is not None:
                row.ticket_number = ticket_number
                row.person_requested = person_requested
                session.commit()
        changed = replace(thread, ticket_number=ticket_number, person_requested=person_requested)
        self._remember(thread.conversation_id, changed)
        return changed

    def forget(self, conversation_id: str) -> None:
        with self._lock:
            self._cache.pop(conversation_id, None)

    def card(self, conversation_id: str) -> CardData | None:
        """The conversation, its ticket and whether the on-call analyst was paged for it."""
        with self._sessions() as session:
            conversation = session.get(Conversation, conversation_id)
            if conversation is None:
                return None
            holder = session.get(User, conversation.held_by) if conversation.held_by is not None else None
            state = ConversationState.from_json(conversation.state or {})
            ticket = session.scalars(select(Ticket).where(Ticket.conversation_id == conversation_id)).one_or_none()
            alerted = ticket is not None and session.scalars(
                select(TicketEvent.id).where(TicketEvent.ticket_id == ticket.id, TicketEvent.kind == "on_call_alerted").limit(1)
            ).first() is not None
            return CardData(
                conversation_id=conversation_id,
                client_channel=conversation.channel,
                held_by=holder.display_name if holder is not None else None,
                wants_person=conversation.wants_person,
                facts=Facts.from_json(ticket.facts) if ticket is not None else state.facts,
                unsure=list(state.unsure),
                ticket=_ticket(ticket) if ticket is not None else None,
                on_call_alerted=alerted,
            )

    def _remember(self, conversation_id: str, thread: CardThread | None) -> None:
        with self._lock:
            self._cache[conversation_id] = thread
            self._cache.move_to_end(conversation_id)
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)


def _thread(row: SlackAnalystThread) -> CardThread:
    return CardThread(
        conversation_id=row.conversation_id, channel=row.channel, ts=row.ts,
        ticket_number=row.ticket_number, person_requested=row.person_requested,
    )


def _ticket(ticket: Ticket) -> dict[str, Any]:
    """The ticket as the core shows it, plus its title for the card."""
    return {**ticket_view(ticket).to_json(), "title": ticket.title}

"""One client turn, end to end: redact, store the inbound message, run the engine, store replies.

The client's message is committed before the engine runs, so nothing the client typed is lost
even if answering fails. Turns of one conversation are serialized by a per-conversation lock
here and a row lock in the store (for several service instances on one database).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.core import phi
from bot.core.bus import MessageBus
from bot.core.engine import KNOWN_ACTIONS, IntakeEngine
from bot.core.facts import Facts
from bot.core.messages import Inbound, Reply
from bot.core.ports import ConversationRecord, StoredMessage, UnitOfWork
from bot.core.state import ConversationState
from bot.core.turn import Turn
from bot.errors import AuthError, ClientInputError, ConflictError, NotFoundError
from bot.rendering.templates import Templates

STATUS_BY_STAGE = {"filed": "filed", "closed": "closed"}


@dataclass(frozen=True)
class Started:
    """A new conversation: its id, the client's secret token and the greeting."""

    record: ConversationRecord
    token: str
    messages: list[StoredMessage]


class ConversationService:
    """The one entry point every channel adapter calls."""

    def __init__(
        self,
        *,
        uow: Callable[[], UnitOfWork],
        read_uow: Callable[[], UnitOfWork],
        engine: IntakeEngine,
        templates: Templates,
        bus: MessageBus,
        clock: Callable[[], datetime],
        max_text_length: int = 4000,
    ) -> None:
        self._uow = uow
        # Reads (token checks, history, lookups) never take the write lock.
        self._read_uow = read_uow
        self._engine = engine
        self._templates = templates
        self._bus = bus
        self._clock = clock
        self._max_text_length = max_text_length
        self._locks: weakref.WeakValueDictionary[str, threading.Lock] = weakref.WeakValueDictionary()
        self._locks_guard = threading.Lock()

    def start(
        self,
        *,
        channel: str,
        channel_ref: str | None = None,
        client_ref: str | None = None,
        prefill_email: str | None = None,
    ) -> Started:
        """Open a conversation and greet the client."""
        now = self._clock()
        token = secrets.token_urlsafe(32)
        with self._uow() as uow:
            record = uow.create_conversation(
                conversation_id=secrets.token_hex(16),
                channel=channel,
                token_hash=hash_token(token),
                channel_ref=channel_ref,
                client_ref=client_ref,
                now=now,
            )
            state = ConversationState(prefilled_email=prefill_email)
            stored = [self._store_reply(uow, record, reply, now) for reply in self._engine.greet(channel=channel, now=now)]
            record.state = state.to_json()
            uow.save_conversation(record, now=now)
            uow.commit()
        self._bus.publish(record.id, stored)
        return Started(record=record, token=token, messages=stored)

    def file_form(
        self,
        *,
        channel: str,
        facts: Facts,
        channel_ref: str | None = None,
        client_ref: str | None = None,
    ) -> tuple[ConversationRecord, list[StoredMessage]]:
        """File a ticket from a form's fields (e.g. a Slack modal) without a chat.

        Free-text fields are redacted like chat messages; returns the conversation and the
        bot's filing message(s).
        """
        now = self._clock()
        facts = _redacted_facts(facts)
        with self._uow() as uow:
            record = uow.create_conversation(
                conversation_id=secrets.token_hex(16), channel=channel, token_hash=hash_token(secrets.token_urlsafe(32)),
                channel_ref=channel_ref, client_ref=client_ref, now=now,
            )
            client_message = uow.add_message(
                record, author="client", text=facts.description or "", expects=None, payload={"form": True}, now=now
            )
            turn = Turn(
                conversation_id=record.id, channel=channel, state=ConversationState(facts=facts),
                inbound=Inbound(), now=now, store=uow,
            )
            self._engine.file_now(turn)
            stored = [self._store_reply(uow, record, reply, now) for reply in turn.replies]
            record.state = turn.state.to_json()
            record.status = STATUS_BY_STAGE.get(turn.state.stage, "open")
            uow.save_conversation(record, now=now)
            uow.commit()
        self._bus.publish(record.id, [client_message, *stored])
        return record, stored

    def find(self, *, channel: str, channel_ref: str) -> ConversationRecord | None:
        """The conversation living at ``channel_ref`` (a Slack DM or thread), if any."""
        with self._read_uow() as uow:
            return uow.find_conversation(channel=channel, channel_ref=channel_ref)

    def get(self, conversation_id: str) -> ConversationRecord | None:
        with self._read_uow() as uow:
            return uow.get_conversation(conversation_id)

    def first_delivery(self, *, source: str, event_id: str) -> bool:
        """Record a channel event id; False when it was handled before (a retry), even across restarts."""
        with self._uow() as uow:
            fresh = uow.mark_event_processed(source=source, event_id=event_id, now=self._clock())
            uow.commit()
        return fresh

    def authorize(self, conversation_id: str, token: str) -> ConversationRecord:
        """The conversation, if ``token`` is its own; otherwise AuthError/NotFoundError."""
        with self._read_uow() as uow:
            record = uow.get_conversation(conversation_id)
        if record is None:
            raise NotFoundError("No such conversation.")
        _check_token(record, token)
        return record

    def post(
        self, conversation_id: str, inbound: Inbound, *, token: str | None = None, author_name: str | None = None
    ) -> list[StoredMessage]:
        """Handle one client message or button; returns the bot's messages of this turn.

        With ``token``, the conversation must be the token's own (checked in the same transaction).
        """
        inbound = self._validate(inbound)
        redaction = phi.redact(inbound.text) if inbound.text else None
        if redaction is not None:
            inbound = Inbound(text=redaction.text, action=inbound.action, article=inbound.article)
        # One session, two transactions: the client's message is committed before the engine runs.
        with self._conversation_lock(conversation_id), self._uow() as uow:
            now = self._clock()
            record = self._existing(uow, conversation_id, lock=True)
            if token is not None:
                _check_token(record, token)
            client_text = inbound.text if inbound.text is not None else _action_label(record, uow, inbound)
            payload = {"action": inbound.action} if inbound.action else {}
            client_message = uow.add_message(
                record, author="client", text=client_text, expects=None, payload=payload, now=now, author_name=author_name
            )
            uow.commit()
            self._bus.publish(conversation_id, [client_message])
            if record.held_by is not None:
                return []
            replies: list[Reply] = []
            if redaction is not None and redaction.found:
                replies.append(Reply(text=self._templates.render("phi_warning", channel=record.channel, kinds=redaction.kinds)))
            record = self._existing(uow, conversation_id, lock=True)
            turn = self._turn(uow, record, inbound, now, replies)
            self._engine.respond(turn)
            stored = self._finish_turn(uow, record, turn, now)
        self._bus.publish(conversation_id, stored)
        return stored

    # -- analysts ---------------------------------------------------------------------------

    def takeover(self, conversation_id: str, *, analyst_id: int, analyst_name: str, force: bool = False) -> list[StoredMessage]:
        """Hand the conversation to an analyst; the bot goes silent and the client is told who joined.

        Raises ConflictError when another analyst holds it and ``force`` is not set.
        """
        with self._conversation_lock(conversation_id):
            now = self._clock()
            with self._uow() as uow:
                record = self._existing(uow, conversation_id, lock=True)
                previous = record.held_by_name if record.held_by not in (None, analyst_id) else None
                if not uow.claim_conversation(conversation_id, user_id=analyst_id, force=force):
                    raise ConflictError(f"{record.held_by_name or 'Another analyst'} holds this conversation; take it over explicitly.")
                if record.held_by == analyst_id:
                    return []
                text = self._templates.render("analyst_joined", channel=record.channel, analyst=analyst_name, previous=previous)
                stored = [uow.add_message(record, author="system", text=text, expects=None, payload={}, now=now)]
                uow.commit()
        self._bus.publish(conversation_id, stored)
        return stored

    def analyst_message(self, conversation_id: str, *, analyst_id: int, analyst_name: str, text: str) -> StoredMessage:
        """An analyst writes to the client; only the holder may."""
        inbound = self._validate(Inbound(text=text))
        with self._conversation_lock(conversation_id):
            now = self._clock()
            with self._uow() as uow:
                record = self._existing(uow, conversation_id, lock=True)
                if record.held_by != analyst_id:
                    raise ConflictError("Take over the conversation before writing to the client.")
                message = uow.add_message(
                    record, author="analyst", author_name=analyst_name, text=inbound.text or "", expects=None, payload={}, now=now
                )
                if record.ticket_number:
                    uow.record_first_response(ticket_number=record.ticket_number, now=now)
                uow.commit()
        self._bus.publish(conversation_id, [message])
        return message

    def hand_back(self, conversation_id: str, *, analyst_id: int, analyst_name: str) -> list[StoredMessage]:
        """Return the conversation to the bot, which picks up where the intake stood."""
        with self._conversation_lock(conversation_id):
            now = self._clock()
            with self._uow() as uow:
                record = self._existing(uow, conversation_id, lock=True)
                if not uow.release_conversation(conversation_id, user_id=analyst_id):
                    raise ConflictError("You don't hold this conversation.")
                record.held_by = None
                text = self._templates.render("handed_back", channel=record.channel, analyst=analyst_name)
                replies = [Reply(text=text, author="system")]
                turn = self._turn(uow, record, Inbound(), now, replies)
                self._engine.resume(turn)
                stored = self._finish_turn(uow, record, turn, now)
        self._bus.publish(conversation_id, stored)
        return stored

    def ask_resolution(self, conversation_id: str, *, resolution: str) -> list[StoredMessage]:
        """After an analyst resolves the ticket: release the conversation and ask the client to confirm."""
        with self._conversation_lock(conversation_id):
            now = self._clock()
            with self._uow() as uow:
                record = self._existing(uow, conversation_id, lock=True)
                if record.held_by is not None:
                    uow.release_conversation(conversation_id, user_id=record.held_by)
                    record.held_by = None
                turn = self._turn(uow, record, Inbound(), now, [])
                self._engine.ask_resolution(turn, resolution=resolution)
                stored = self._finish_turn(uow, record, turn, now)
        self._bus.publish(conversation_id, stored)
        return stored

    def messages(self, conversation_id: str, *, after: int = 0) -> list[StoredMessage]:
        """Messages after ``after`` (a seq), oldest first."""
        with self._read_uow() as uow:
            return uow.messages_after(conversation_id, after)

    def _turn(self, uow: UnitOfWork, record: ConversationRecord, inbound: Inbound, now: datetime, replies: list[Reply]) -> Turn:
        return Turn(
            conversation_id=record.id,
            channel=record.channel,
            state=ConversationState.from_json(record.state),
            inbound=inbound,
            now=now,
            store=uow,
            replies=replies,
        )

    def _finish_turn(self, uow: UnitOfWork, record: ConversationRecord, turn: Turn, now: datetime) -> list[StoredMessage]:
        """Store the replies and the new state, and commit: one transaction per turn."""
        stored = [self._store_reply(uow, record, reply, now) for reply in turn.replies]
        record.state = turn.state.to_json()
        record.status = STATUS_BY_STAGE.get(turn.state.stage, "open")
        record.wants_person = record.wants_person or turn.wants_person
        uow.save_conversation(record, now=now)
        uow.commit()
        return stored

    @staticmethod
    def _existing(uow: UnitOfWork, conversation_id: str, *, lock: bool = False) -> ConversationRecord:
        record = uow.get_conversation(conversation_id, lock=lock)
        if record is None:
            raise NotFoundError("No such conversation.")
        return record

    def _store_reply(self, uow: UnitOfWork, record: ConversationRecord, reply: Reply, now: datetime) -> StoredMessage:
        return uow.add_message(
            record, author=reply.author, text=reply.text, expects=reply.expects, payload=reply.payload(), now=now,
            author_name=reply.author_name,
        )

    def _validate(self, inbound: Inbound) -> Inbound:
        if inbound.action is not None:
            if inbound.action not in KNOWN_ACTIONS:
                raise ClientInputError(f"Unknown action {inbound.action!r}.", code="unknown_action")
            return Inbound(action=inbound.action, article=inbound.article)
        text = (inbound.text or "").strip()
        if not text:
            raise ClientInputError("The message is empty. Type your message and send it again.", code="empty_text")
        if len(text) > self._max_text_length:
            raise ClientInputError(
                f"The message is {len(text)} characters long; the limit is {self._max_text_length}. "
                "Please split it into shorter messages.",
                code="text_too_long",
            )
        return Inbound(text=text)

    def _conversation_lock(self, conversation_id: str) -> threading.Lock:
        with self._locks_guard:
            lock = self._locks.get(conversation_id)
            if lock is None:
                lock = threading.Lock()
                self._locks[conversation_id] = lock
            return lock


def _check_token(record: ConversationRecord, token: str) -> None:
    if not hmac.compare_digest(record.token_hash, hash_token(token)):
        raise AuthError("This token does not open this conversation.", status_code=403)


def hash_token(token: str) -> str:
    """Tokens are stored only as their SHA-256."""
    return hashlib.sha256(token.encode()).hexdigest()


def _redacted_facts(facts: Facts) -> Facts:
    """The same facts with PHI removed from every free-text field."""
    clean = Facts.from_json(facts.to_json())
    for name in ("description", "error_text", "tried", "recent_change"):
        value = getattr(clean, name)
        if value:
            setattr(clean, name, phi.redact(value).text)
    return clean


def _action_label(record: ConversationRecord, uow: UnitOfWork, inbound: Inbound) -> str:
    """The label of the button the client pressed, as the words they 'said'."""
    for message in reversed(uow.messages_after(record.id, max(0, record.last_seq - 5))):
        for action in message.payload.get("actions", []):
            if action.get("id") == inbound.action:
                return str(action.get("label") or inbound.action)
    return str(inbound.action)

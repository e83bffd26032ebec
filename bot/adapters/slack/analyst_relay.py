"""In from the analyst channel: "Take over" / "Hand back" presses and replies in a card's thread,
each turned into one call on the analyst desk (audited there) as the analyst the Slack user is.

Listeners ack and queue, like the client side. Work for one conversation runs on that
conversation's lane, the same lane the bus relay uses, so a reply the analyst typed in the
thread is known as theirs before its echo could be relayed back.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol

from slack_bolt import Ack, App, BoltContext

from bot.adapters.console.accounts import Analyst
from bot.adapters.slack import analyst_cards as cards
from bot.adapters.slack.analyst_channel import AnalystChannel
from bot.adapters.slack.analyst_people import SlackAnalysts
from bot.adapters.slack.analyst_store import CardThread, CardThreads
from bot.adapters.slack.delivery import SlackPoster
from bot.adapters.slack.lanes import Lanes
from bot.adapters.slack.translate import plain_text
from bot.core.ports import StoredMessage
from bot.core.service import ConversationService
from bot.errors import ClientInputError, ConflictError, NotFoundError

log = logging.getLogger("deskbot.slack.analysts")
SOURCE = "slack"
RECENT_COUNT = 10


class DeskActions(Protocol):
    """The part of the console's :class:`AnalystDesk` an analyst uses from Slack."""

    def takeover(self, conversation_id: str, *, analyst: Analyst, force: bool = False) -> list[StoredMessage]: ...

    def send(self, conversation_id: str, *, analyst: Analyst, text: str) -> StoredMessage: ...

    def hand_back(self, conversation_id: str, *, analyst: Analyst) -> list[StoredMessage]: ...


@dataclass(frozen=True)
class ThreadReply:
    """A person's reply in some thread of the analyst channel."""

    event_id: str
    user: str
    channel: str
    thread_ts: str
    text: str


@dataclass(frozen=True)
class AnalystPress:
    """A press on a card's button (or on "Take over anyway")."""

    user: str
    channel: str
    action: str
    conversation_id: str


def thread_reply(body: Mapping[str, Any], *, bot_user_id: str | None) -> ThreadReply | None:
    """A human's reply in a thread; None for top-level messages, edits, bots and ourselves."""
    event = body.get("event") or {}
    user = event.get("user")
    thread_ts = event.get("thread_ts")
    if event.get("type") != "message" or event.get("bot_id") or event.get("subtype") or not user or user == bot_user_id:
        return None
    if not thread_ts or thread_ts == event.get("ts"):
        return None
    channel = str(event.get("channel") or "")
    return ThreadReply(
        event_id=str(body.get("event_id") or f"{channel}:{event.get('ts')}"),
        user=str(user),
        channel=channel,
        thread_ts=str(thread_ts),
        text=plain_text(str(event.get("text") or ""), bot_user_id=bot_user_id),
    )


def analyst_press(body: Mapping[str, Any]) -> AnalystPress | None:
    actions = body.get("actions") or []
    if not actions:
        return None
    action = actions[0]
    action_id = str(action.get("action_id") or "")
    value = str(action.get("value") or "")
    if not action_id.startswith(cards.ACTION_PREFIX) or not value:
        return None
    container = body.get("container") or {}
    return AnalystPress(
        user=str((body.get("user") or {}).get("id") or ""),
        channel=str(container.get("channel_id") or (body.get("channel") or {}).get("id") or ""),
        action=action_id,
        conversation_id=value,
    )


class AnalystRelay:
    """The analyst channel's listeners and the desk calls behind them."""

    def __init__(
        self,
        *,
        channel: AnalystChannel,
        threads: CardThreads,
        people: SlackAnalysts,
        desk: DeskActions,
        service: ConversationService,
        poster: SlackPoster,
        lanes: Lanes,
    ) -> None:
        self._channel = channel
        self._threads = threads
        self._people = people
        self._desk = desk
        self._service = service
        self._poster = poster
        self._lanes = lanes

    def register(self, bolt: App) -> None:
        """Add the listeners; call before the client listeners, as Bolt runs the first that matches."""

        def in_analyst_channel(body: dict[str, Any]) -> bool:
            return self._channel.is_analyst_channel(str((body.get("event") or {}).get("channel") or ""))

        def on_message(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
            ack()
            reply = thread_reply(body, bot_user_id=context.bot_user_id)
            if reply is not None:
                self._lanes.submit(f"{reply.channel}:{reply.thread_ts}", partial(self._route, reply))

        def on_mention(ack: Ack) -> None:
            ack()  # the same words arrive as a message event, handled above; never a client conversation

        def on_press(ack: Ack, body: dict[str, Any]) -> None:
            ack()
            press = analyst_press(body)
            if press is not None:
                self._lanes.submit(press.conversation_id, partial(self._press, press))

        bolt.event("message", matchers=[in_analyst_channel])(on_message)
        bolt.event("app_mention", matchers=[in_analyst_channel])(on_mention)
        bolt.action(re.compile(f"^{cards.ACTION_PREFIX}"))(on_press)

    # -- thread replies -------------------------------------------------------------------------

    def _route(self, reply: ThreadReply) -> None:
        """Find the card the reply belongs to, then continue on that conversation's lane."""
        thread = self._threads.by_message(reply.channel, reply.thread_ts)
        if thread is None:
            return
        if not self._service.first_delivery(source=SOURCE, event_id=reply.event_id):
            log.info("slack retry of analyst reply %s ignored: already handled", reply.event_id)
            return
        self._lanes.submit(thread.conversation_id, partial(self._reply, reply, thread))

    def _reply(self, reply: ThreadReply, thread: CardThread) -> None:
        analyst, person = self._people.analyst_for(reply.user)
        tell = partial(self._tell, user=reply.user, channel=reply.channel, thread_ts=reply.thread_ts)
        if analyst is None:
            tell(cards.no_account(suggested=person.suggested))
            return
        text = reply.text.strip()
        if text.lower() == cards.HANDBACK_COMMAND:
            self._hand_back(thread.conversation_id, analyst=analyst, tell=tell)
            return
        if not text:
            return
        try:
            message = self._desk.send(thread.conversation_id, analyst=analyst, text=text)
        except ConflictError:
            tell(cards.not_holder(self._holder(thread.conversation_id)))
        except NotFoundError:
            tell(cards.GONE)
        except ClientInputError as err:
            tell(err.message)
        else:
            self._channel.sent_from_thread(thread.conversation_id, message.seq)

    # -- buttons --------------------------------------------------------------------------------

    def _press(self, press: AnalystPress) -> None:
        analyst, person = self._people.analyst_for(press.user)
        tell = partial(self._tell, user=press.user, channel=press.channel)
        if analyst is None:
            tell(cards.no_account(suggested=person.suggested))
        elif press.action == cards.HAND_BACK:
            self._hand_back(press.conversation_id, analyst=analyst, tell=tell)
        elif press.action in (cards.TAKE_OVER, cards.TAKE_OVER_ANYWAY):
            self._take_over(press, analyst=analyst, force=press.action == cards.TAKE_OVER_ANYWAY)

    def _take_over(self, press: AnalystPress, *, analyst: Analyst, force: bool) -> None:
        conversation_id = press.conversation_id
        try:
            joined = self._desk.takeover(conversation_id, analyst=analyst, force=force)
        except ConflictError:
            text, blocks = cards.conflict_blocks(holder=self._holder(conversation_id) or "Another analyst", conversation_id=conversation_id)
            self._tell(text, user=press.user, channel=press.channel, blocks=blocks)
            return
        except NotFoundError:
            self._tell(cards.GONE, user=press.user, channel=press.channel)
            return
        if not joined:
            self._tell(cards.ALREADY_HOLD, user=press.user, channel=press.channel)
            return
        thread = self._threads.get(conversation_id)
        if thread is not None:
            self._channel.post_in_thread(thread, self._briefing(conversation_id, analyst=analyst, before=joined[0].seq))

    def _hand_back(self, conversation_id: str, *, analyst: Analyst, tell: Callable[[str], None]) -> None:
        try:
            self._desk.hand_back(conversation_id, analyst=analyst)
        except ConflictError:
            tell(cards.NOT_YOURS)
        except NotFoundError:
            tell(cards.GONE)

    # -- helpers --------------------------------------------------------------------------------

    def _briefing(self, conversation_id: str, *, analyst: Analyst, before: int) -> str:
        """Who took over and how to talk, then the latest messages for context (notes excluded)."""
        record = self._service.get(conversation_id)
        earlier = [m for m in self._service.messages(conversation_id, after=max(0, before - RECENT_COUNT - 1)) if m.seq < before]
        recent = cards.recent_lines(earlier, client_channel=record.channel if record else "", count=RECENT_COUNT)
        head = cards.took_over(analyst.display_name)
        return f"{head}\n\n{recent}" if recent else head

    def _holder(self, conversation_id: str) -> str | None:
        record = self._service.get(conversation_id)
        return record.held_by_name if record is not None else None

    def _tell(
        self, text: str, *, user: str, channel: str, thread_ts: str | None = None, blocks: list[dict[str, Any]] | None = None
    ) -> None:
        """An ephemeral message: only the analyst concerned sees it."""
        arguments: dict[str, Any] = {"channel": channel, "user": user, "text": text}
        if thread_ts:
            arguments["thread_ts"] = thread_ts
        if blocks:
            arguments["blocks"] = blocks
        self._poster.call("chat.postEphemeral", attempts=3, **arguments)

"""Everything the bot writes to a Slack conversation, whoever wrote it (the engine, an analyst,
the ticket timers), arrives on the message bus and is posted from here, in order.

The client's own messages are never posted back: in Slack they already sit in the channel, and
echoing could repeat patient identifiers the core removed from its copy.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from bot.adapters.slack.blocks import message_blocks
from bot.adapters.slack.delivery import SlackPoster
from bot.adapters.slack.lanes import Lanes
from bot.adapters.slack.translate import Place, place_of
from bot.core.ports import StoredMessage
from bot.core.service import ConversationService

log = logging.getLogger("deskbot.slack.outbound")
CACHE_SIZE = 10_000


class SlackDirectory:
    """Who is who in the workspace: DM channel ids and profile emails, remembered."""

    def __init__(self, poster: SlackPoster) -> None:
        self._poster = poster
        self._dms: dict[str, str] = {}
        self._emails: dict[str, str | None] = {}
        self._lock = threading.Lock()

    def remember_dm(self, user: str, channel: str) -> None:
        with self._lock:
            self._dms[user] = channel

    def dm_channel(self, user: str) -> str | None:
        """The bot's DM channel with ``user`` (opened when there is none yet)."""
        with self._lock:
            known = self._dms.get(user)
        if known:
            return known
        opened = self._poster.call("conversations.open", users=user)
        channel = str(((opened or {}).get("channel") or {}).get("id") or "") or None
        if channel:
            self.remember_dm(user, channel)
        return channel

    def email(self, user: str, *, attempts: int = 2) -> str | None:
        """The profile email (users.info); None when hidden or unavailable."""
        with self._lock:
            if user in self._emails:
                return self._emails[user]
        info = self._poster.call("users.info", user=user, attempts=attempts)
        profile = ((info or {}).get("user") or {}).get("profile") or {}
        email = str(profile.get("email") or "") or None
        if info is not None:
            with self._lock:
                self._emails[user] = email
        return email


class SlackOutbound:
    """Subscribed to the bus; posts new non-client messages of Slack conversations."""

    def __init__(
        self, *, service: ConversationService, poster: SlackPoster, directory: SlackDirectory, lanes: Lanes, tz: ZoneInfo
    ) -> None:
        self._service = service
        self._poster = poster
        self._directory = directory
        self._lanes = lanes
        self._tz = tz
        self._refs: OrderedDict[str, str | None] = OrderedDict()
        self._lock = threading.Lock()

    def on_messages(self, conversation_id: str, messages: Sequence[StoredMessage]) -> None:
        """Bus listener: quick, so it only queues (the caller may be answering a portal request)."""
        outgoing = [m for m in messages if m.author != "client" and not m.payload.get("note")]
        if outgoing:
            self._lanes.submit(conversation_id, lambda: self._deliver(conversation_id, outgoing))

    def remember(self, conversation_id: str, ref: str) -> None:
        self._cache(conversation_id, ref)

    def post_to(self, place: Place, *, text: str) -> None:
        """A message outside any stored conversation (e.g. an error reference)."""
        channel = self._channel(place)
        if channel:
            self._poster.call("chat.postMessage", channel=channel, text=text, thread_ts=place.thread_ts)

    def _deliver(self, conversation_id: str, messages: Sequence[StoredMessage]) -> None:
        ref = self._ref(conversation_id)
        place = place_of(ref) if ref else None
        if place is None:
            return
        channel = self._channel(place)
        if channel is None:
            log.error("no Slack channel for conversation %s; %d message(s) kept in the store only", conversation_id, len(messages))
            return
        for message in messages:
            text, blocks = message_blocks(message, tz=self._tz)
            self._poster.call("chat.postMessage", channel=channel, text=text, blocks=blocks, thread_ts=place.thread_ts)

    def _channel(self, place: Place) -> str | None:
        if place.channel:
            return place.channel
        return self._directory.dm_channel(place.user) if place.user else None

    def _ref(self, conversation_id: str) -> str | None:
        with self._lock:
            if conversation_id in self._refs:
                return self._refs[conversation_id]
        record = self._service.get(conversation_id)
        ref = record.channel_ref if record is not None and record.channel == "slack" else None
        self._cache(conversation_id, ref)
        return ref

    def _cache(self, conversation_id: str, ref: str | None) -> None:
        with self._lock:
            self._refs[conversation_id] = ref
            self._refs.move_to_end(conversation_id)
            while len(self._refs) > CACHE_SIZE:
                self._refs.popitem(last=False)

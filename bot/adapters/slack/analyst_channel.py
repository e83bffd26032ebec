"""Out to the analyst channel: a card for every new ticket and every request for a person, the
conversation relayed into the card's thread while an analyst holds it, and the card kept current.

Everything arrives after commit (message bus, console events, the on-call alert sink) and is only
queued there, on the conversation's lane; the client's turn never waits for Slack. A request for
a person is read from the conversation's ``wants_person`` flag after each bot reply — the engine
sets it, a takeover clears it — so typed and button requests alike are caught, and a new request
after a hand-back is announced again.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Sequence
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from bot.adapters.slack import analyst_cards as cards
from bot.adapters.slack.analyst_store import CardThread, CardThreads
from bot.adapters.slack.delivery import SlackPoster
from bot.adapters.slack.lanes import Lanes
from bot.core.messages import TicketView
from bot.core.ports import ConversationRecord, StoredMessage
from bot.core.service import ConversationService

log = logging.getLogger("deskbot.slack.analysts")
MEMORY = 5_000


class AnalystChannel:
    """Posts and updates cards and thread lines in one analyst channel."""

    def __init__(
        self,
        *,
        channel: str,
        service: ConversationService,
        threads: CardThreads,
        poster: SlackPoster,
        lanes: Lanes,
        tz: ZoneInfo,
    ) -> None:
        self.channel = channel
        self._service = service
        self._threads = threads
        self._poster = poster
        self._lanes = lanes
        self._tz = tz
        self._channel_ids = {channel}
        self._pages: OrderedDict[str, None] = OrderedDict()
        self._from_thread: OrderedDict[tuple[str, int], None] = OrderedDict()
        self._lock = threading.Lock()
        self._active = True

    # -- listeners: quick, they only queue ------------------------------------------------------

    def on_messages(self, conversation_id: str, messages: Sequence[StoredMessage]) -> None:
        """Bus listener (after commit)."""
        visible = [m for m in messages if not m.payload.get("note")]
        if visible and self._active:
            self._lanes.submit(conversation_id, partial(self._after_commit, conversation_id, visible))

    def on_desk_event(self, event: dict[str, Any]) -> None:
        """Console events: a takeover, hand-back or ticket change from anywhere refreshes the card."""
        conversation_id = event.get("conversation_id")
        if event.get("type") == "changed" and conversation_id and self._active:
            self._lanes.submit(str(conversation_id), partial(self.refresh, str(conversation_id)))

    def on_call_alert(self, ticket: TicketView) -> None:
        """Alert sink, called while the ticket is being filed: its card will page the channel."""
        with self._lock:
            self._pages[ticket.number] = None
            while len(self._pages) > MEMORY:
                self._pages.popitem(last=False)

    def stop(self) -> None:
        self._active = False

    # -- used by the relay ----------------------------------------------------------------------

    def is_analyst_channel(self, channel: str) -> bool:
        with self._lock:
            return channel in self._channel_ids

    def sent_from_thread(self, conversation_id: str, seq: int) -> None:
        """An analyst's message written in the thread: not to be echoed back into it."""
        with self._lock:
            self._from_thread[(conversation_id, seq)] = None
            while len(self._from_thread) > MEMORY:
                self._from_thread.popitem(last=False)

    def post_in_thread(self, thread: CardThread, text: str, *, broadcast: bool = False) -> None:
        self._poster.call(
            "chat.postMessage", channel=thread.channel, thread_ts=thread.ts, text=text,
            reply_broadcast=broadcast, unfurl_links=False, unfurl_media=False,
        )

    def refresh(self, conversation_id: str) -> None:
        """Redraw the card from the store (holder, priority, status)."""
        thread = self._threads.get(conversation_id)
        data = self._threads.card(conversation_id) if thread is not None else None
        if thread is None or data is None:
            return
        text, blocks = cards.card_blocks(data, tz=self._tz)
        self._poster.call("chat.update", channel=thread.channel, ts=thread.ts, text=text, blocks=blocks)

    # -- the work, on the conversation's lane ---------------------------------------------------

    def _after_commit(self, conversation_id: str, messages: list[StoredMessage]) -> None:
        thread = self._threads.get(conversation_id)
        if thread is None and all(m.author == "client" for m in messages):
            return  # tickets and requests for a person come with the bot's reply
        record = self._service.get(conversation_id)
        if record is None:
            return
        tickets = [m.payload["ticket"] for m in messages if m.payload.get("ticket")]
        ticket_number = str(tickets[-1]["number"]) if tickets else None
        if thread is None:
            if ticket_number or record.wants_person:
                self._post_card(record, ticket_number=ticket_number)
            return
        new_ticket = ticket_number if ticket_number and ticket_number != thread.ticket_number else None
        asks = record.wants_person and not thread.person_requested
        if new_ticket or asks or thread.person_requested != record.wants_person:
            thread = self._threads.update(
                thread, ticket_number=new_ticket or thread.ticket_number, person_requested=record.wants_person
            )
        if new_ticket or asks:
            self._announce_again(thread, new_ticket=new_ticket)
        self._relay(thread, record, messages)

    def _post_card(self, record: ConversationRecord, *, ticket_number: str | None) -> None:
        data = self._threads.card(record.id)
        if data is None:
            return
        text, blocks = cards.card_blocks(data, tz=self._tz, page=self._take_page(ticket_number))
        posted = self._poster.call("chat.postMessage", channel=self.channel, text=text, blocks=blocks, unfurl_links=False)
        ts = str((posted or {}).get("ts") or "")
        if not ts:
            log.error("analyst card for conversation %s not posted; it is in the console queue", record.id)
            return
        channel = str((posted or {}).get("channel") or self.channel)
        with self._lock:
            self._channel_ids.add(channel)
        self._threads.add(
            CardThread(
                conversation_id=record.id, channel=channel, ts=ts, ticket_number=ticket_number,
                person_requested=record.wants_person,
            )
        )

    def _announce_again(self, thread: CardThread, *, new_ticket: str | None) -> None:
        """A card exists (e.g. the client asked for a person, then filed): redraw it and say what's new."""
        self.refresh(thread.conversation_id)
        data = self._threads.card(thread.conversation_id)
        if new_ticket and data is not None and data.ticket is not None:
            line = cards.ticket_line(data.ticket, page=self._take_page(new_ticket))
        else:
            line = cards.ASKS_AGAIN.format(page="")
        self.post_in_thread(thread, line, broadcast=True)

    def _relay(self, thread: CardThread, record: ConversationRecord, messages: list[StoredMessage]) -> None:
        """While held, the whole conversation goes into the thread; otherwise only takeover and
        hand-back notices. An analyst's own thread replies are not echoed."""
        for message in messages:
            if record.held_by is None and message.author != "system":
                continue
            with self._lock:
                if (message.conversation_id, message.seq) in self._from_thread:
                    continue
            self.post_in_thread(thread, cards.relay_line(message, client_channel=record.channel))

    def _take_page(self, ticket_number: str | None) -> bool:
        with self._lock:
            if ticket_number is None or ticket_number not in self._pages:
                return False
            del self._pages[ticket_number]
            return True

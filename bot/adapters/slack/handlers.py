"""The work behind each Slack request, run after the ack: translate in → one service call.

The replies are not posted here: the service publishes them on the message bus and
:class:`SlackOutbound` posts them, the same way it posts an analyst's messages.
"""

from __future__ import annotations

import logging
import secrets

from bot.adapters.slack.blocks import error_message, pressed
from bot.adapters.slack.delivery import SlackPoster
from bot.adapters.slack.modal import intake_view
from bot.adapters.slack.outbound import SlackDirectory, SlackOutbound
from bot.adapters.slack.translate import (
    ClientMessage,
    Place,
    PressedButton,
    SlashCommand,
    dm_ref,
    form_ref,
    place_of,
)
from bot.core.facts import Facts
from bot.core.messages import Inbound
from bot.core.service import ConversationService
from bot.core.state import ConversationState
from bot.errors import ClientInputError

log = logging.getLogger("deskbot.slack")
SOURCE = "slack"
FRESH_STAGES = frozenset({"description", "closed"})


class SlackHandlers:
    """One method per kind of Slack request; each is a job for the adapter's lanes."""

    def __init__(
        self, *, service: ConversationService, poster: SlackPoster, directory: SlackDirectory, outbound: SlackOutbound, phone: str
    ) -> None:
        self._service = service
        self._poster = poster
        self._directory = directory
        self._outbound = outbound
        self._phone = phone

    def message(self, message: ClientMessage) -> None:
        """A DM, an @mention or a reply in one of our threads."""
        if not self._service.first_delivery(source=SOURCE, event_id=message.event_id):
            log.info("slack retry of event %s ignored: already handled", message.event_id)
            return
        if message.ref.startswith("dm:"):
            self._directory.remember_dm(message.user, message.channel)
        record = self._service.find(channel=SOURCE, channel_ref=message.ref)
        if record is None:
            if not message.starts:
                return
            conversation_id = self._start(ref=message.ref, user=message.user)
        else:
            conversation_id = record.id
        if message.text:
            self._post(conversation_id, Inbound(text=message.text), place=place_of(message.ref))

    def button(self, press: PressedButton) -> None:
        """A press: one per message (the buttons go away), then the choice goes to the engine."""
        if not self._service.first_delivery(source=SOURCE, event_id=f"press:{press.channel}:{press.message_ts}"):
            log.info("second press on slack message %s ignored", press.message_ts)
            return
        self._poster.call(
            "chat.update",
            channel=press.channel,
            ts=press.message_ts,
            text=press.label,
            blocks=pressed(press.blocks, block_id=press.block_id, label=press.label),
        )
        record = self._service.get(press.conversation_id)
        if record is None or record.channel != SOURCE:
            return
        place = place_of(record.channel_ref or "")
        self._post(record.id, Inbound(action=press.action, article=press.article), place=place)

    def command(self, command: SlashCommand) -> None:
        """``/pacs-support <text>`` starts over in the DM with ``text``; without text, the modal."""
        if not self._service.first_delivery(source=SOURCE, event_id=f"command:{command.trigger_id}"):
            return
        if not command.text:
            # One attempt only: the trigger_id expires 3 s after the command.
            view = intake_view(email=self._directory.email(command.user, attempts=1))
            self._poster.call("views.open", trigger_id=command.trigger_id, view=view, attempts=2)
            return
        ref = dm_ref(command.team, command.user)
        record = self._service.find(channel=SOURCE, channel_ref=ref)
        if record is None:
            conversation_id = self._start(ref=ref, user=command.user)
        else:
            conversation_id = record.id
            self._outbound.remember(conversation_id, ref)
            if ConversationState.from_json(record.state).stage not in FRESH_STAGES:
                self._post(conversation_id, Inbound(action="start_over"), place=place_of(ref))
        self._post(conversation_id, Inbound(text=command.text), place=place_of(ref))

    def form(self, *, team: str, user: str, view_id: str, facts: Facts) -> None:
        """The modal's submission: file the ticket; the filing message goes to the client's DM."""
        if not self._service.first_delivery(source=SOURCE, event_id=f"view:{view_id}"):
            return
        ref = form_ref(team, user, view_id)
        try:
            record, _ = self._service.file_form(channel=SOURCE, facts=facts, channel_ref=ref, client_ref=user)
        except Exception:
            reference = secrets.token_hex(6)
            log.exception("slack: filing from the modal failed, reference %s", reference)
            self._tell_failure(place_of(ref), reference)
            return
        self._outbound.remember(record.id, ref)

    def _start(self, *, ref: str, user: str) -> str:
        """A new conversation, with the Slack profile email offered for the client to confirm."""
        started = self._service.start(channel=SOURCE, channel_ref=ref, client_ref=user, prefill_email=self._directory.email(user))
        self._outbound.remember(started.record.id, ref)
        return started.record.id

    def _post(self, conversation_id: str, inbound: Inbound, *, place: Place | None) -> None:
        try:
            self._service.post(conversation_id, inbound)
        except ClientInputError as err:
            if place is not None:
                self._outbound.post_to(place, text=err.message)
        except Exception:
            reference = secrets.token_hex(6)
            log.exception("slack: answering a message failed, reference %s", reference)
            self._tell_failure(place, reference)

    def _tell_failure(self, place: Place | None, reference: str) -> None:
        """The client sees only the reference that is in the log beside the traceback."""
        if place is not None:
            self._outbound.post_to(place, text=error_message(reference=reference, phone=self._phone))

"""The Slack adapter, built in one place: Bolt app, listeners, worker lanes and Web API client.

Listeners only translate, ack and queue. Slack expects the HTTP ack within 3 seconds and
retries otherwise, while an engine turn plus a few Web API calls (users.info, chat.postMessage
with 429s) can take longer; so the work runs on the adapter's lanes after the ack. Retries that
still arrive are recognized by event id in the store (``first_delivery``).
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from slack_bolt import Ack, App, BoltContext
from slack_bolt.authorization import AuthorizeResult
from slack_sdk.web import WebClient

from bot.adapters.slack.analyst_relay import AnalystRelay
from bot.adapters.slack.analyst_side import DeskAccess, build_analyst_side
from bot.adapters.slack.delivery import SlackPoster
from bot.adapters.slack.handlers import SlackHandlers
from bot.adapters.slack.http import slack_route
from bot.adapters.slack.lanes import Lanes
from bot.adapters.slack.modal import CALLBACK_ID, facts_from_submission
from bot.adapters.slack.outbound import SlackDirectory, SlackOutbound
from bot.adapters.slack.socket_mode import SocketModeRunner
from bot.adapters.slack.translate import (
    client_message,
    dm_ref,
    pressed_button,
    slash_command,
)
from bot.core.bus import MessageBus
from bot.core.service import ConversationService
from bot.settings import Settings

log = logging.getLogger("deskbot.slack")
DEFAULT_API_URL = "https://slack.com/api/"


@dataclass(frozen=True)
class SlackConfig:
    """Secrets from the environment plus the ``[slack]`` settings."""

    bot_token: str
    signing_secret: str
    app_token: str | None
    api_url: str
    slash_command: str
    analyst_channel: str | None = None

    @property
    def socket_mode(self) -> bool:
        return self.app_token is not None

    @classmethod
    def from_environment(cls, secrets: Mapping[str, str], settings: Settings) -> SlackConfig | None:
        """None (Slack off) unless the bot token and a way in (signing secret or app token) are set."""
        bot_token = secrets.get("SLACK_BOT_TOKEN")
        signing_secret = secrets.get("SLACK_SIGNING_SECRET", "")
        app_token = secrets.get("SLACK_APP_TOKEN")
        if not bot_token or not (signing_secret or app_token):
            return None
        api_url = secrets.get("SLACK_API_URL") or DEFAULT_API_URL
        return cls(
            bot_token=bot_token,
            signing_secret=signing_secret,
            app_token=app_token,
            api_url=api_url if api_url.endswith("/") else f"{api_url}/",
            slash_command=settings.get_str("slack", "slash_command") or "/pacs-support",
            analyst_channel=settings.get_str("slack", "analyst_channel").strip() or None,
        )


class BotIdentity:
    """``auth.test`` once, remembered: Bolt needs the bot's ids to ignore its own messages."""

    def __init__(self, poster: SlackPoster, *, token: str) -> None:
        self._poster = poster
        self._token = token
        self._result: dict[str, Any] | None = None
        self._lock = threading.Lock()

    def warm_up(self) -> None:
        self._auth_test(attempts=None)

    def authorize(self, enterprise_id: str | None, team_id: str | None) -> AuthorizeResult:
        data = self._auth_test(attempts=1) or {}
        return AuthorizeResult(
            enterprise_id=enterprise_id,
            team_id=team_id,
            bot_token=self._token,
            bot_id=data.get("bot_id"),
            bot_user_id=data.get("user_id"),
        )

    def _auth_test(self, *, attempts: int | None) -> dict[str, Any] | None:
        with self._lock:
            if self._result is None:
                self._result = self._poster.call("auth.test", attempts=attempts)
            return self._result


class SlackAdapter:
    """Owns the Slack side: start it with the server, stop it on shutdown."""

    def __init__(
        self,
        config: SlackConfig,
        *,
        service: ConversationService,
        bus: MessageBus,
        tz: ZoneInfo,
        phone: str,
        desk: DeskAccess | None = None,
    ) -> None:
        self.config = config
        client = WebClient(token=config.bot_token, base_url=config.api_url, timeout=10, retry_handlers=[])
        self.poster = SlackPoster(client)
        self.lanes = Lanes(count=8)
        directory = SlackDirectory(self.poster)
        self.outbound = SlackOutbound(service=service, poster=self.poster, directory=directory, lanes=self.lanes, tz=tz)
        self.handlers = SlackHandlers(service=service, poster=self.poster, directory=directory, outbound=self.outbound, phone=phone)
        self.identity = BotIdentity(self.poster, token=config.bot_token)
        self.analysts = (
            build_analyst_side(
                channel=config.analyst_channel, access=desk, service=service, bus=bus, poster=self.poster, lanes=self.lanes, tz=tz
            )
            if config.analyst_channel and desk is not None
            else None
        )
        self.bolt = build_bolt_app(
            config, client=client, identity=self.identity, handlers=self.handlers, lanes=self.lanes,
            relay=self.analysts.relay if self.analysts else None,
        )
        self.route = slack_route(self.bolt)
        self._bus = bus
        self._unsubscribe: Callable[[], None] | None = None
        self._socket = SocketModeRunner(self.bolt, app_token=config.app_token) if config.app_token else None

    @property
    def mode(self) -> str:
        mode = "Socket Mode" if self._socket else "HTTP at /slack/events"
        return f"{mode}, analyst channel {self.config.analyst_channel}" if self.analysts else mode

    def start(self) -> None:
        self._unsubscribe = self._bus.subscribe(self.outbound.on_messages)
        if self.analysts:
            self.analysts.start()
        threading.Thread(target=self.identity.warm_up, name="slack-auth-test", daemon=True).start()
        if self._socket:
            self._socket.start()

    def stop(self) -> None:
        if self._socket:
            self._socket.stop()
        if self._unsubscribe:
            self._unsubscribe()
        if self.analysts:
            self.analysts.stop()
        self.poster.close()
        self.lanes.close()


def build_bolt_app(
    config: SlackConfig,
    *,
    client: WebClient,
    identity: BotIdentity,
    handlers: SlackHandlers,
    lanes: Lanes,
    relay: AnalystRelay | None = None,
) -> App:
    """A sync Bolt app with signature verification on; every listener acks, then queues."""
    bolt = App(
        client=client,
        signing_secret=config.signing_secret,
        # A plain function: Bolt picks the arguments to pass by their names.
        authorize=lambda enterprise_id, team_id: identity.authorize(enterprise_id, team_id),
        request_verification_enabled=True,
        # Listeners only ack and queue, so Bolt may run them before answering: no extra thread hop.
        process_before_response=True,
    )

    def on_event(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
        ack()
        message = client_message(body, bot_user_id=context.bot_user_id)
        if message is not None:
            lanes.submit(message.ref, partial(handlers.message, message))

    def on_button(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        press = pressed_button(body)
        if press is not None:
            lanes.submit(press.conversation_id, partial(handlers.button, press))

    def on_command(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        command = slash_command(body)
        lanes.submit(dm_ref(command.team, command.user), partial(handlers.command, command))

    def on_form(ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        result = facts_from_submission(view.get("state", {}).get("values", {}))
        if result.errors:
            ack(response_action="errors", errors=result.errors)
            return
        ack()
        team = str((body.get("team") or {}).get("id") or view.get("team_id") or "")
        user = str((body.get("user") or {}).get("id") or "")
        work = partial(handlers.form, team=team, user=user, view_id=str(view.get("id") or ""), facts=result.facts)
        lanes.submit(dm_ref(team, user), work)

    if relay is not None:
        relay.register(bolt)  # first: Bolt runs the first listener that matches
    bolt.event("message")(on_event)
    bolt.event("app_mention")(on_event)
    bolt.action(re.compile(r".+"))(on_button)
    bolt.command(config.slash_command)(on_command)
    bolt.view(CALLBACK_ID)(on_form)
    return bolt


def build_slack(
    secrets: Mapping[str, str],
    settings: Settings,
    *,
    service: ConversationService,
    bus: MessageBus,
    tz: ZoneInfo,
    desk: DeskAccess | None = None,
) -> SlackAdapter | None:
    """The adapter when Slack's secrets are set, else None; logs one line saying which.

    With ``desk`` and ``[slack] analyst_channel`` set, analysts work conversations from that channel.
    """
    config = SlackConfig.from_environment(secrets, settings)
    if config is None:
        log.info("Slack is off (set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET, or SLACK_APP_TOKEN for Socket Mode)")
        return None
    adapter = SlackAdapter(config, service=service, bus=bus, tz=tz, phone=settings.get_str("desk", "phone"), desk=desk)
    log.info("Slack is on: %s", adapter.mode)
    return adapter

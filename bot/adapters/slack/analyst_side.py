"""The analyst channel, assembled: cards out (:class:`AnalystChannel`), presses and thread replies
in (:class:`AnalystRelay`). Built by the Slack adapter when ``[slack] analyst_channel`` is set and
the composition root hands over the analyst desk."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from bot.adapters.alerts import OnCallAlerts
from bot.adapters.slack.analyst_channel import AnalystChannel
from bot.adapters.slack.analyst_people import AnalystAccounts, SlackAnalysts
from bot.adapters.slack.analyst_relay import AnalystRelay, DeskActions
from bot.adapters.slack.analyst_store import CardThreads
from bot.adapters.slack.delivery import SlackPoster
from bot.adapters.slack.lanes import Lanes
from bot.core.bus import MessageBus
from bot.core.service import ConversationService


class DeskEvents(Protocol):
    """The console's live events: "changed" when a holder, priority or status changes."""

    def subscribe(self, listener: Callable[[dict[str, Any]], None]) -> Callable[[], None]: ...


@dataclass(frozen=True)
class DeskAccess:
    """What the Slack analyst channel needs from the analyst desk; the composition root gives it."""

    desk: DeskActions
    accounts: AnalystAccounts
    events: DeskEvents
    alerts: OnCallAlerts
    sessions: sessionmaker[Session]
    clock: Callable[[], datetime]


@dataclass
class AnalystSide:
    """Start it with the adapter (subscriptions), stop it on shutdown."""

    channel: AnalystChannel
    relay: AnalystRelay
    _bus: MessageBus
    _access: DeskAccess
    _unsubscribe: list[Callable[[], None]] = field(default_factory=list)

    def start(self) -> None:
        self._unsubscribe = [self._bus.subscribe(self.channel.on_messages), self._access.events.subscribe(self.channel.on_desk_event)]
        self._access.alerts.add_sink(self.channel.on_call_alert)

    def stop(self) -> None:
        self.channel.stop()
        for unsubscribe in self._unsubscribe:
            unsubscribe()


def build_analyst_side(
    *,
    channel: str,
    access: DeskAccess,
    service: ConversationService,
    bus: MessageBus,
    poster: SlackPoster,
    lanes: Lanes,
    tz: ZoneInfo,
) -> AnalystSide:
    threads = CardThreads(access.sessions, clock=access.clock)
    out = AnalystChannel(channel=channel, service=service, threads=threads, poster=poster, lanes=lanes, tz=tz)
    relay = AnalystRelay(
        channel=out, threads=threads, people=SlackAnalysts(poster, access.accounts), desk=access.desk,
        service=service, poster=poster, lanes=lanes,
    )
    return AnalystSide(channel=out, relay=relay, _bus=bus, _access=access)

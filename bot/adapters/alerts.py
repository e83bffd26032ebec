"""Paging the on-call analyst. Every alert is logged; channels (the Slack analyst channel) can
subscribe to deliver it further."""

from __future__ import annotations

import logging
from collections.abc import Callable

from bot.core.facts import Facts
from bot.core.messages import TicketView

log = logging.getLogger("deskbot.alerts")
AlertSink = Callable[[TicketView], None]


class OnCallAlerts:
    """Implements :class:`bot.core.ports.Alerts`."""

    def __init__(self) -> None:
        self._sinks: list[AlertSink] = []

    def add_sink(self, sink: AlertSink) -> None:
        self._sinks.append(sink)

    def emergency_after_hours(self, ticket: TicketView, facts: Facts) -> None:
        log.warning(
            "on-call alert: %s assessed %s filed after hours (applied %s)",
            ticket.number, ticket.assessed_priority, ticket.priority,
        )
        for sink in self._sinks:
            try:
                sink(ticket)
            except Exception:
                log.exception("on-call alert delivery failed for %s", ticket.number)

"""SLA targets per priority, the after-hours rule, and the deadlines they give a ticket.

A target runs on one of two clocks: ``24x7`` (real elapsed time, computed in UTC so a DST change
never adds or removes an hour) or ``business`` (open minutes of the :class:`BusinessCalendar`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from bot.errors import ConfigError
from bot.triage.calendar import BusinessCalendar
from bot.triage.durations import parse_duration, whole_minutes
from bot.triage.priority import Priority

CHANNELS = ("portal", "slack", "discord", "email", "phone")
TARGET_KINDS = ("first_response", "update", "resolution")


class Clock(StrEnum):
    """How a target's time is counted."""

    ELAPSED = "24x7"
    BUSINESS = "business"

    @classmethod
    def parse(cls, value: object, *, key: str) -> Clock:
        text = value.strip().lower().replace("×", "x").replace("/", "x") if isinstance(value, str) else ""
        for clock in cls:
            if clock.value == text:
                return clock
        raise ConfigError(key, f"expected '24x7' or 'business', got {value!r}")


@dataclass(frozen=True)
class SlaTarget:
    """One priority's targets; a ``None`` duration means the SLA sets no target."""

    first_response: timedelta | None
    first_response_clock: Clock
    update: timedelta | None
    update_clock: Clock
    resolution: timedelta | None
    resolution_clock: Clock

    def get(self, which: str) -> tuple[timedelta | None, Clock]:
        """(duration, clock) of ``which``: first_response, update or resolution."""
        if which not in TARGET_KINDS:
            raise ValueError(f"unknown SLA target {which!r} (expected one of: {', '.join(TARGET_KINDS)})")
        duration: timedelta | None = getattr(self, which)
        clock: Clock = getattr(self, f"{which}_clock")
        return duration, clock


def _target(first: str, first_clock: Clock, update: str, update_clock: Clock, resolution: str, resolution_clock: Clock) -> SlaTarget:
    return SlaTarget(
        parse_duration(first, key="sla"),
        first_clock,
        parse_duration(update, key="sla"),
        update_clock,
        parse_duration(resolution, key="sla"),
        resolution_clock,
    )


_E, _B = Clock.ELAPSED, Clock.BUSINESS
# The service desk guide and the SLA document; config/deskbot.toml repeats them as defaults.
DEFAULT_TARGETS: Mapping[Priority, SlaTarget] = {
    Priority.EMERGENCY: _target("15m", _E, "1h", _E, "8h", _E),
    Priority.HIGH: _target("1h", _E, "4h", _B, "24h", _B),
    Priority.MEDIUM: _target("4h", _B, "8h", _B, "72h", _B),
    Priority.LOW: _target("8h", _B, "", _B, "", _B),
}


@dataclass(frozen=True)
class AfterHoursRule:
    """Chat and email filed while the desk is closed wait for the next business day, as Low."""

    channels: frozenset[str]
    applied_priority: Priority
    alert_on_call: bool
    on_call_contact: str

    @classmethod
    def from_config(cls, section: Mapping[str, Any]) -> AfterHoursRule:
        known = ("channels", "applied_priority", "alert_on_call", "on_call_contact")
        for key in section:
            if key not in known:
                raise ConfigError(f"after_hours.{key}", f"unknown key (known: {', '.join(known)})")
        channels = section.get("channels", list(CHANNELS[:4]))
        if not isinstance(channels, list) or any(c not in CHANNELS for c in channels):
            raise ConfigError("after_hours.channels", f"expected a list drawn from {', '.join(CHANNELS)}, got {channels!r}")
        try:
            applied = Priority.parse(str(section.get("applied_priority", "Low")))
        except ValueError as err:
            raise ConfigError("after_hours.applied_priority", str(err)) from None
        alert = section.get("alert_on_call", True)
        if not isinstance(alert, bool):
            raise ConfigError("after_hours.alert_on_call", f"expected true or false, got {alert!r}")
        contact = section.get("on_call_contact", "on-call analyst")
        if not isinstance(contact, str):
            raise ConfigError("after_hours.on_call_contact", f"expected text, got {contact!r}")
        return cls(frozenset(channels), applied, alert, contact)


@dataclass(frozen=True)
class SlaClock:
    """A ticket's deadlines as filed. Times are aware, in the calendar's zone.

    ``after_hours`` is true when the after-hours rule applied (so ``priority`` may be lower than
    ``assessed_priority``); ``alert_on_call`` is true when that hid an assessed Emergency and the
    config wants the on-call analyst alerted. ``next_business_open`` is the first open minute at or after filing:
    the filing time itself when the desk was open, so the bot can always say when people are in.
    """

    priority: Priority
    assessed_priority: Priority
    channel: str
    filed_at: datetime
    after_hours: bool
    alert_on_call: bool
    first_response_due: datetime | None
    next_update_due: datetime | None
    resolution_due: datetime | None
    next_business_open: datetime

    def to_json(self) -> dict[str, Any]:
        """The ``deskbot sla --json`` object: ISO 8601 with offset, null where no target."""
        return {
            "priority": self.priority.value,
            "assessed_priority": self.assessed_priority.value,
            "after_hours": self.after_hours,
            "first_response_due": _iso(self.first_response_due),
            "next_update_due": _iso(self.next_update_due),
            "resolution_due": _iso(self.resolution_due),
            "next_business_open": _iso(self.next_business_open),
        }


@dataclass(frozen=True)
class SlaPolicy:
    """Targets, the after-hours rule and the calendar they are counted on."""

    calendar: BusinessCalendar
    targets: Mapping[Priority, SlaTarget]
    after_hours: AfterHoursRule

    @classmethod
    def from_config(
        cls, sla_section: Mapping[str, Any], after_hours_section: Mapping[str, Any], calendar: BusinessCalendar
    ) -> SlaPolicy:
        """Build from ``[sla.<Priority>]`` and ``[after_hours]``; missing keys take the defaults."""
        by_priority: dict[Priority, Mapping[str, Any]] = {}
        for name, table in sla_section.items():
            try:
                priority = Priority.parse(name)
            except ValueError as err:
                raise ConfigError(f"sla.{name}", str(err)) from None
            if not isinstance(table, Mapping):
                raise ConfigError(f"sla.{name}", f"expected a table, got {table!r}")
            by_priority[priority] = table
        targets = {p: _parse_target(p, by_priority.get(p, {})) for p in Priority}
        return cls(calendar, targets, AfterHoursRule.from_config(after_hours_section))

    def clock(self, *, priority: Priority, channel: str, filed_at: datetime) -> SlaClock:
        """The deadlines of a ticket assessed ``priority``, filed through ``channel`` at ``filed_at``."""
        channel = channel.strip().lower()
        if channel not in CHANNELS:
            raise ValueError(f"unknown channel {channel!r} (expected one of: {', '.join(CHANNELS)})")
        opens = self.calendar.next_open(filed_at)
        after_hours = channel in self.after_hours.channels and not self.calendar.is_open(filed_at)
        applied = priority
        start = self.calendar.to_local(filed_at)
        if after_hours:
            # Never raise a ticket by this rule: an assessed Low stays Low even if config says Medium.
            applied = max(priority, self.after_hours.applied_priority, key=lambda p: p.rank)
            start = opens
        return SlaClock(
            priority=applied,
            assessed_priority=priority,
            channel=channel,
            filed_at=self.calendar.to_local(filed_at),
            after_hours=after_hours,
            alert_on_call=after_hours and priority is Priority.EMERGENCY and self.after_hours.alert_on_call,
            first_response_due=self.due_after(priority=applied, which="first_response", start=start),
            next_update_due=self.due_after(priority=applied, which="update", start=start),
            resolution_due=self.due_after(priority=applied, which="resolution", start=start),
            next_business_open=opens,
        )

    def due_after(self, *, priority: Priority, which: str, start: datetime) -> datetime | None:
        """When target ``which`` of ``priority`` falls due if its clock starts at ``start``."""
        duration, clock = self.targets[priority].get(which)
        if duration is None:
            return None
        if clock is Clock.BUSINESS:
            return self.calendar.add_business_minutes(start, whole_minutes(duration))
        return self.calendar.to_local(self.calendar.to_local(start).astimezone(UTC) + duration)

    def next_update_after(self, *, priority: Priority, at: datetime) -> datetime | None:
        """When the next update falls due after one given at ``at`` (None: no update target)."""
        return self.due_after(priority=priority, which="update", start=at)


def _parse_target(priority: Priority, table: Mapping[str, Any]) -> SlaTarget:
    default = DEFAULT_TARGETS[priority]
    known = [*TARGET_KINDS, *(f"{k}_clock" for k in TARGET_KINDS)]
    for key in table:
        if key not in known:
            raise ConfigError(f"sla.{priority.value}.{key}", f"unknown key (known: {', '.join(known)})")
    values: dict[str, Any] = {}
    for kind in TARGET_KINDS:
        duration, clock = default.get(kind)
        key = f"sla.{priority.value}.{kind}"
        values[kind] = parse_duration(table[kind], key=key) if kind in table else duration
        if values[kind] is not None and values[kind] <= timedelta(0):
            raise ConfigError(key, f"must be longer than zero, got {table[kind]!r} (leave it empty for no target)")
        clock_key = f"{kind}_clock"
        values[clock_key] = Clock.parse(table[clock_key], key=f"{key}_clock") if clock_key in table else clock
    return SlaTarget(**values)


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat(timespec="seconds")

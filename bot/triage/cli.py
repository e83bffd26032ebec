"""``deskbot sla``: a ticket's deadlines for analysts and admins, one at a time or as JSON lines.

``--at`` without a UTC offset is read as wall-clock time in the calendar's zone (America/Chicago
by default); an ambiguous time at the autumn DST change means the first (daylight) reading, and a
time skipped by the spring change is refused.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import IO, Any

from bot.errors import ConfigError
from bot.settings import load_settings
from bot.triage.calendar import BusinessCalendar
from bot.triage.priority import Priority
from bot.triage.sla import CHANNELS, SlaClock, SlaPolicy

_PROG = "deskbot sla"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``sla`` subcommand."""
    parser = subparsers.add_parser(
        "sla",
        help="show a ticket's SLA deadlines",
        description="Show the applied priority and deadlines of a ticket filed through CHANNEL at AT. "
        'With "-", read JSON lines {"priority", "channel", "at"} from stdin and print one JSON object per line.',
    )
    parser.add_argument("source", nargs="?", metavar="-", help='"-" to read JSON lines from stdin')
    parser.add_argument("--priority", help="assessed priority: Emergency, High, Medium or Low (any case)")
    parser.add_argument("--channel", help=f"one of: {', '.join(CHANNELS)}")
    parser.add_argument(
        "--at", help="filing time, ISO 8601 (e.g. 2026-11-20T16:50-06:00); without an offset, local desk time"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    # SUPPRESS: a --config given before the subcommand must not be reset to None here.
    parser.add_argument("--config", default=argparse.SUPPRESS, help="config file overriding config/deskbot.toml")
    parser.set_defaults(func=run_sla)


def run_sla(args: argparse.Namespace) -> int:
    """Handle ``deskbot sla``: 0 on success, 1 if any stdin line failed, 2 on bad arguments."""
    try:
        settings = load_settings(getattr(args, "config", None))
        calendar = BusinessCalendar.from_config(settings.section("calendar"))
        policy = SlaPolicy.from_config(settings.section("sla"), settings.section("after_hours"), calendar)
    except ConfigError as err:
        return _fail(str(err))
    single = (args.priority, args.channel, args.at)
    if args.source is not None:
        if args.source != "-":
            return _fail(f'unexpected argument {args.source!r} (use "-" to read JSON lines from stdin)')
        if any(v is not None for v in single):
            return _fail('give either "-" or --priority/--channel/--at, not both')
        return run_lines(policy, sys.stdin, out=sys.stdout)
    missing = [f"--{name}" for name, v in zip(("priority", "channel", "at"), single, strict=True) if v is None]
    if missing:
        return _fail(f"missing {', '.join(missing)} (or \"-\" to read JSON lines from stdin)")
    try:
        clock = evaluate(policy, priority=args.priority, channel=args.channel, at=args.at)
    except ValueError as err:
        return _fail(str(err))
    print(json.dumps(clock.to_json()) if args.json else format_clock(clock))
    return 0


def run_lines(policy: SlaPolicy, lines: Iterable[str], *, out: IO[str]) -> int:
    """One JSON object out per non-blank JSON line in; a bad line yields ``{"error": ...}``."""
    status = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            request = _json_line(line)
            if not isinstance(request, dict):
                raise ValueError('expected an object {"priority", "channel", "at"}')
            result: dict[str, Any] = evaluate(
                policy,
                priority=_field(request, "priority"),
                channel=_field(request, "channel"),
                at=_field(request, "at"),
            ).to_json()
        except ValueError as err:
            result = {"error": f"line {number}: {err}"}
            status = 1
        out.write(json.dumps(result) + "\n")
        out.flush()
    return status


def evaluate(policy: SlaPolicy, *, priority: str, channel: str, at: str) -> SlaClock:
    """Parse the three inputs as the CLI accepts them and compute the clock (ValueError if bad)."""
    return policy.clock(
        priority=Priority.parse(priority),
        channel=_parse_channel(channel),
        filed_at=parse_at(at, calendar=policy.calendar),
    )


def parse_at(text: str, *, calendar: BusinessCalendar) -> datetime:
    """ISO 8601; a time without offset is local desk time, and must exist on the desk's clock."""
    try:
        parsed = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"'at' is not ISO 8601: {text!r} (e.g. 2026-11-20T16:50-06:00)") from None
    if parsed.tzinfo is not None:
        return parsed
    local = parsed.replace(tzinfo=calendar.tz)
    if local.astimezone(UTC).astimezone(calendar.tz).replace(tzinfo=None) != parsed:
        raise ValueError(f"{text!r} does not exist in {calendar.tz.key} (clocks jumped forward); give an offset")
    return local


def format_clock(clock: SlaClock) -> str:
    """The short human table printed without ``--json``."""
    priority = clock.priority.value
    if clock.after_hours:
        priority += f" (assessed {clock.assessed_priority.value}; filed via {clock.channel} while the desk was closed)"
    rows = [
        ("Priority", priority),
        ("First response due", _human(clock.first_response_due)),
        ("Next update due", _human(clock.next_update_due)),
        ("Resolution due", _human(clock.resolution_due)),
        ("Next business open", _human(clock.next_business_open)),
    ]
    return "\n".join(f"{label:<20}{value}" for label, value in rows)


def _parse_channel(text: str) -> str:
    channel = text.strip().lower()
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {text!r} (expected one of: {', '.join(CHANNELS)})")
    return channel


def _json_line(line: str) -> Any:
    try:
        return json.loads(line)
    except json.JSONDecodeError as err:
        raise ValueError(f"not valid JSON ({err.msg} at column {err.colno})") from None


def _field(request: dict[str, Any], name: str) -> str:
    value = request.get(name)
    if not isinstance(value, str):
        raise ValueError(f"{name!r} must be text, got {value!r}")
    return value


def _human(value: datetime | None) -> str:
    return "none" if value is None else f"{value:%a %Y-%m-%d %H:%M %Z}"


def _fail(message: str) -> int:
    print(f"{_PROG}: error: {message}", file=sys.stderr)
    return 2

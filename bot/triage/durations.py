"""Durations as the config writes them: ``"15m"``, ``"4h"``, ``"72h"``, ``"1h30m"``; ``""`` is none.

Only hours and minutes: a "day" would be ambiguous next to business clocks (9 open hours or 24?),
so the config spells ``72h`` rather than ``3d``.
"""

from __future__ import annotations

import re
from datetime import timedelta

from bot.errors import ConfigError

_DURATION = re.compile(r"(?:(?P<hours>\d+)h)?(?:(?P<minutes>\d+)m)?")


def parse_duration(value: object, *, key: str) -> timedelta | None:
    """Parse ``value`` from config key ``key``; ``None`` for an empty string (no target).

    Raises:
        ConfigError: naming ``key``, when ``value`` is not text or not of the form ``1h30m``.
    """
    if not isinstance(value, str):
        raise ConfigError(key, f"expected a duration like '15m', '4h' or '1h30m', got {value!r}")
    text = value.strip().lower().replace(" ", "")
    if not text:
        return None
    match = _DURATION.fullmatch(text)
    if match is None or not (match["hours"] or match["minutes"]):
        raise ConfigError(key, f"expected a duration like '15m', '4h' or '1h30m', got {value!r}")
    return timedelta(hours=int(match["hours"] or 0), minutes=int(match["minutes"] or 0))


def whole_minutes(duration: timedelta) -> int:
    """The duration in whole minutes, as business-clock arithmetic counts them."""
    return int(duration.total_seconds() // 60)

"""The desk's business calendar: open hours, holidays with their observed days, one-off closures.

All arithmetic is done on UTC instants against each day's opening window, so a DST change never
stretches or shrinks an hour; results come back in the calendar's own zone. Naive datetimes are
refused: an SLA deadline computed from a guessed zone is worse than an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays

from bot.errors import ConfigError

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DAY_AFTER_THANKSGIVING = "Day After Thanksgiving"
DEFAULT_HOLIDAYS = (
    "New Year's Day",
    "Memorial Day",
    "Independence Day",
    "Labor Day",
    "Thanksgiving Day",
    DAY_AFTER_THANKSGIVING,
    "Christmas Day",
)
DEFAULT_CLOSURE_NAME = "office closure"
_KNOWN_KEYS = (
    "timezone",
    "open",
    "close",
    "weekdays",
    "holiday_country",
    "holiday_subdivision",
    "holidays",
    "closures",
)
_HHMM = re.compile(r"(\d{1,2}):(\d{2})")
_ONE_DAY = timedelta(days=1)
# Years scanned to tell a misspelt holiday name from one that is merely rare.
_NAME_CHECK_YEARS = range(2020, 2036)


@dataclass(frozen=True)
class BusinessCalendar:
    """When the desk is open, and business-minute arithmetic over it."""

    tz: ZoneInfo
    open_time: time
    close_time: time
    weekdays: frozenset[int]
    holiday_country: str
    holiday_subdivision: str | None
    holiday_names: tuple[str, ...]
    closures: Mapping[date, str]
    _by_year: dict[int, dict[date, str]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_config(cls, section: Mapping[str, Any]) -> BusinessCalendar:
        """Build from the ``[calendar]`` table; raises ConfigError naming the bad key."""
        for key in section:
            if key not in _KNOWN_KEYS:
                raise ConfigError(f"calendar.{key}", f"unknown key (known: {', '.join(_KNOWN_KEYS)})")
        open_time = _parse_hhmm(section.get("open", "08:00"), key="calendar.open")
        close_time = _parse_hhmm(section.get("close", "17:00"), key="calendar.close")
        if close_time <= open_time:
            raise ConfigError("calendar.close", f"must be after calendar.open ({open_time:%H:%M}), got '{close_time:%H:%M}'")
        country = _text(section.get("holiday_country", "US"), key="calendar.holiday_country")
        subdivision = _text(section.get("holiday_subdivision", ""), key="calendar.holiday_subdivision") or None
        names = _string_list(section.get("holidays", list(DEFAULT_HOLIDAYS)), key="calendar.holidays")
        _check_holiday_names(names, country=country, subdivision=subdivision)
        return cls(
            tz=_parse_zone(section.get("timezone", "America/Chicago")),
            open_time=open_time,
            close_time=close_time,
            weekdays=_parse_weekdays(section.get("weekdays", list(WEEKDAY_NAMES[:5]))),
            holiday_country=country,
            holiday_subdivision=subdivision,
            holiday_names=tuple(names),
            closures=_parse_closures(section.get("closures", [])),
        )

    # --- days -------------------------------------------------------------------------------

    def is_closed_day(self, d: date) -> bool:
        """True on weekends, closing holidays (and their observed days) and one-off closures."""
        return d.weekday() not in self.weekdays or d in self.closures or d in self._holidays(d.year)

    def closure_name(self, d: date) -> str | None:
        """Why the desk is closed on ``d``, e.g. "Independence Day (observed)"; None if no reason.

        A plain weekend has no name; a holiday falling on a weekend does, so the bot can say
        "we are closed for Independence Day" on Saturday the 4th as well as on Friday the 3rd.
        """
        parts = [p for p in (self._holidays(d.year).get(d), self.closures.get(d)) if p]
        return "; ".join(parts) or None

    # --- instants ---------------------------------------------------------------------------

    def to_local(self, at: datetime) -> datetime:
        """``at`` in the calendar's zone (raises ValueError when naive)."""
        return _utc(at).astimezone(self.tz)

    def is_open(self, at: datetime) -> bool:
        """Open at ``at``: opening time included, closing time excluded."""
        instant = _utc(at)
        window = self._window(instant.astimezone(self.tz).date())
        return window is not None and window[0] <= instant < window[1]

    def next_open(self, at: datetime) -> datetime:
        """The first open instant at or after ``at`` (``at`` itself when open)."""
        instant = _utc(at)
        for day in self._days_from(instant):
            window = self._window(day)
            if window is not None and instant < window[1]:
                return max(instant, window[0]).astimezone(self.tz)
        raise AssertionError("unreachable: _days_from never ends")

    def add_business_minutes(self, start: datetime, minutes: int) -> datetime:
        """``start`` plus ``minutes`` open minutes, counted from the next opening when closed.

        A deadline that uses up the day exactly is that day's closing time, not the next opening.
        """
        if minutes < 0:
            raise ValueError(f"minutes must not be negative, got {minutes}")
        instant = _utc(start)
        remaining = timedelta(minutes=minutes)
        for day in self._days_from(instant):
            window = self._window(day)
            if window is None or instant > window[1]:
                continue
            begin = max(instant, window[0])
            available = window[1] - begin
            if remaining <= available:
                return (begin + remaining).astimezone(self.tz)
            remaining -= available
        raise AssertionError("unreachable: _days_from never ends")

    def business_minutes_between(self, start: datetime, end: datetime) -> int:
        """Whole open minutes from ``start`` to ``end``; negative when ``end`` is earlier."""
        first, last = _utc(start), _utc(end)
        if last < first:
            return -self.business_minutes_between(end, start)
        total = timedelta(0)
        last_day = last.astimezone(self.tz).date()
        for day in self._days_from(first):
            if day > last_day:
                break
            window = self._window(day)
            if window is not None:
                overlap = min(last, window[1]) - max(first, window[0])
                total += max(overlap, timedelta(0))
        return int(total.total_seconds() // 60)

    # --- internals --------------------------------------------------------------------------

    def _days_from(self, instant: datetime) -> Iterable[date]:
        day = instant.astimezone(self.tz).date()
        while True:
            yield day
            day += _ONE_DAY

    def _window(self, day: date) -> tuple[datetime, datetime] | None:
        """The day's open interval as UTC instants, or None when closed all day."""
        if self.is_closed_day(day):
            return None
        opens = datetime.combine(day, self.open_time, tzinfo=self.tz)
        closes = datetime.combine(day, self.close_time, tzinfo=self.tz)
        return opens.astimezone(UTC), closes.astimezone(UTC)

    def _holidays(self, year: int) -> dict[date, str]:
        """Closing holidays dated in ``year``: actual dates plus weekend ones' observed days."""
        cached = self._by_year.get(year)
        if cached is not None:
            return cached
        # Neighbouring years too: 1 January on a Saturday is observed on 31 December.
        actual = _wanted_holidays(
            self.holiday_names,
            country=self.holiday_country,
            subdivision=self.holiday_subdivision,
            years=(year - 1, year, year + 1),
        )
        found: dict[date, list[str]] = {}
        for day, name in actual:
            found.setdefault(day, []).append(name)
            shift = {5: -1, 6: 1}.get(day.weekday())
            if shift is not None:
                found.setdefault(day + timedelta(days=shift), []).append(f"{name} (observed)")
        result = {d: "; ".join(names) for d, names in sorted(found.items()) if d.year == year}
        self._by_year[year] = result
        return result


def _wanted_holidays(
    names: Iterable[str], *, country: str, subdivision: str | None, years: Iterable[int]
) -> list[tuple[date, str]]:
    """(date, name) of the configured holidays on their actual dates, in the package's spelling."""
    wanted = {n.casefold(): n for n in names}
    table = holidays.country_holidays(country, subdiv=subdivision, years=list(years), observed=False)
    found: list[tuple[date, str]] = []
    for day in sorted(table):
        for name in table.get_list(day):
            if name.casefold() in wanted:
                found.append((day, wanted[name.casefold()]))
            if name.casefold().startswith("thanksgiving") and DAY_AFTER_THANKSGIVING.casefold() in wanted:
                after = (day + _ONE_DAY, DAY_AFTER_THANKSGIVING)
                if after not in found:
                    found.append(after)
    return found


def _utc(at: datetime) -> datetime:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"naive datetime {at.isoformat()}: give a time zone or UTC offset")
    return at.astimezone(UTC)


def _text(value: object, *, key: str) -> str:
    if not isinstance(value, str):
        raise ConfigError(key, f"expected text, got {value!r}")
    return value.strip()


def _string_list(value: object, *, key: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(key, f"expected a list of text, got {value!r}")
    return [v.strip() for v in value if v.strip()]


def _parse_hhmm(value: object, *, key: str) -> time:
    match = _HHMM.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise ConfigError(key, f"expected HH:MM, got {value!r}")
    return time(int(match[1]), int(match[2]))


def _parse_zone(value: object) -> ZoneInfo:
    name = _text(value, key="calendar.timezone")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError("calendar.timezone", f"unknown time zone {name!r} (e.g. 'America/Chicago')") from None


def _parse_weekdays(value: object) -> frozenset[int]:
    names = _string_list(value, key="calendar.weekdays")
    days: set[int] = set()
    for name in names:
        matches = [i for i, known in enumerate(WEEKDAY_NAMES) if name[:3].title() == known]
        if not matches:
            raise ConfigError("calendar.weekdays", f"unknown weekday {name!r} (expected {', '.join(WEEKDAY_NAMES)})")
        days.add(matches[0])
    if not days:
        raise ConfigError("calendar.weekdays", "the desk must open on at least one weekday")
    return frozenset(days)


def _parse_closures(value: object) -> dict[date, str]:
    """ISO dates, or tables ``{date = "2026-12-24", name = "Christmas Eve"}``."""
    if not isinstance(value, list):
        raise ConfigError("calendar.closures", f"expected a list of ISO dates, got {value!r}")
    closures: dict[date, str] = {}
    for item in value:
        raw, name = (item.get("date"), item.get("name", DEFAULT_CLOSURE_NAME)) if isinstance(item, Mapping) else (item, DEFAULT_CLOSURE_NAME)
        try:
            day = date.fromisoformat(raw) if isinstance(raw, str) else None
        except ValueError:
            day = None
        if day is None or not isinstance(name, str):
            raise ConfigError("calendar.closures", f"expected an ISO date like '2026-12-24', got {item!r}")
        closures[day] = name
    return closures


def _check_holiday_names(names: list[str], *, country: str, subdivision: str | None) -> None:
    """Refuse a misspelt name now rather than silently opening on the holiday it meant."""
    try:
        table = holidays.country_holidays(country, subdiv=subdivision, years=list(_NAME_CHECK_YEARS), observed=False)
    except NotImplementedError:
        key = "calendar.holiday_subdivision" if subdivision else "calendar.holiday_country"
        raise ConfigError(key, f"the holidays package knows no {country!r}{' / ' + subdivision if subdivision else ''}") from None
    known = {name.casefold(): name for day in table for name in table.get_list(day)}
    for name in names:
        folded = name.casefold()
        if folded in known:
            continue
        if folded == DAY_AFTER_THANKSGIVING.casefold() and any(k.startswith("thanksgiving") for k in known):
            continue
        raise ConfigError("calendar.holidays", f"unknown holiday {name!r} for {country} (known: {', '.join(sorted(known.values()))})")

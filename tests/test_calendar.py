"""The business calendar: hand-checked cases (expected times worked out by hand) and properties."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.errors import ConfigError
from bot.settings import load_settings
from bot.triage.calendar import BusinessCalendar

CHI = ZoneInfo("America/Chicago")
CAL = BusinessCalendar.from_config(load_settings(environ={}).section("calendar"))


def chi(text: str) -> datetime:
    """A Chicago wall-clock time, e.g. chi("2026-11-20 16:50")."""
    return datetime.fromisoformat(text).replace(tzinfo=CHI)


# --- opening hours ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ("2026-06-08 08:00", True),  # Monday, opening minute
        ("2026-06-08 07:59", False),
        ("2026-06-08 16:59", True),
        ("2026-06-08 17:00", False),  # closing time itself is closed
        ("2026-06-13 11:00", False),  # Saturday
        ("2026-07-03 10:00", False),  # Independence Day observed
        ("2026-11-27 10:00", False),  # day after Thanksgiving
        ("2026-01-19 10:00", True),  # MLK Day: the desk is open
    ],
)
def test_is_open(when: str, expected: bool) -> None:
    assert CAL.is_open(chi(when)) is expected


def test_is_open_accepts_any_zone() -> None:
    # 14:30 UTC on a June Monday is 09:30 CDT; 23:30 UTC is 18:30 CDT.
    assert CAL.is_open(datetime(2026, 6, 8, 14, 30, tzinfo=UTC))
    assert not CAL.is_open(datetime(2026, 6, 8, 23, 30, tzinfo=UTC))


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ("2026-06-08 10:15", "2026-06-08T10:15:00-05:00"),  # open: itself
        ("2026-06-08 17:00", "2026-06-09T08:00:00-05:00"),
        ("2026-11-20 17:00", "2026-11-23T08:00:00-06:00"),  # Friday close -> Monday
        ("2026-11-25 17:30", "2026-11-30T08:00:00-06:00"),  # Thanksgiving, day after, weekend
        ("2027-12-23 18:00", "2027-12-27T08:00:00-06:00"),  # Christmas observed Fri 24th
        ("2027-12-30 18:00", "2028-01-03T08:00:00-06:00"),  # New Year observed Fri 31st
        ("2026-03-07 12:00", "2026-03-09T08:00:00-05:00"),  # weekend of the spring DST change
    ],
)
def test_next_open(when: str, expected: str) -> None:
    assert CAL.next_open(chi(when)).isoformat() == expected


def test_next_open_from_utc_returns_chicago_time() -> None:
    # 03:00 UTC Tuesday is 22:00 CDT Monday.
    assert CAL.next_open(datetime(2026, 6, 9, 3, 0, tzinfo=UTC)).isoformat() == "2026-06-09T08:00:00-05:00"


# --- holidays -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2026, 1, 1), "New Year's Day"),
        (date(2026, 5, 25), "Memorial Day"),
        (date(2026, 7, 3), "Independence Day (observed)"),  # July 4th 2026 is a Saturday
        (date(2026, 7, 4), "Independence Day"),
        (date(2026, 9, 7), "Labor Day"),
        (date(2026, 11, 26), "Thanksgiving Day"),
        (date(2026, 11, 27), "Day After Thanksgiving"),
        (date(2026, 12, 25), "Christmas Day"),
        (date(2027, 12, 24), "Christmas Day (observed)"),  # Saturday Christmas -> Friday
        (date(2027, 12, 31), "New Year's Day (observed)"),  # Saturday 1 Jan 2028 -> Friday before
        (date(2028, 1, 1), "New Year's Day"),
        (date(2022, 12, 26), "Christmas Day (observed)"),  # Sunday Christmas -> Monday
        (date(2021, 7, 5), "Independence Day (observed)"),
    ],
)
def test_closing_holidays_and_observed_days(day: date, name: str) -> None:
    assert CAL.is_closed_day(day)
    assert CAL.closure_name(day) == name


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 1, 19),  # MLK Day: not a closing holiday by default
        date(2026, 6, 19),  # Juneteenth
        date(2026, 11, 11),  # Veterans Day
        date(2026, 11, 25),  # Wednesday before Thanksgiving
        date(2026, 12, 24),  # Christmas Eve, Thursday
        date(2027, 12, 27),  # Monday after a Saturday Christmas: observed on Friday instead
        date(2027, 12, 30),
    ],
)
def test_working_days_stay_open(day: date) -> None:
    assert not CAL.is_closed_day(day)
    assert CAL.closure_name(day) is None


def test_plain_weekend_is_closed_without_a_name() -> None:
    assert CAL.is_closed_day(date(2026, 6, 13))
    assert CAL.closure_name(date(2026, 6, 13)) is None


def test_one_off_closures_and_a_shorter_holiday_list() -> None:
    cal = BusinessCalendar.from_config(
        {
            "holidays": ["Christmas Day"],
            "closures": ["2026-12-24", {"date": "2026-12-31", "name": "year-end inventory"}],
        }
    )
    assert cal.closure_name(date(2026, 12, 24)) == "office closure"
    assert cal.closure_name(date(2026, 12, 31)) == "year-end inventory"
    assert cal.is_closed_day(date(2026, 12, 25))
    assert not cal.is_closed_day(date(2026, 11, 26))  # Thanksgiving not in this desk's list
    # Wednesday 23 Dec 16:00 + 2 business hours: 1 h Wed, closed 24-25, weekend, Mon 28 09:00.
    assert cal.add_business_minutes(chi("2026-12-23 16:00"), 120).isoformat() == "2026-12-28T09:00:00-06:00"


def test_config_defaults_match_the_project_file() -> None:
    default = BusinessCalendar.from_config({})
    assert default == CAL
    assert default.tz.key == "America/Chicago"


# --- business arithmetic ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "minutes", "expected"),
    [
        ("2026-06-08 13:00", 240, "2026-06-08T17:00:00-05:00"),  # ends exactly at closing
        ("2026-06-08 13:00", 241, "2026-06-09T08:01:00-05:00"),
        ("2026-11-20 16:50", 240, "2026-11-23T11:50:00-06:00"),  # Friday 16:50: 10 min + 230
        ("2026-06-13 10:00", 60, "2026-06-15T09:00:00-05:00"),  # filed Saturday
        ("2026-06-08 06:00", 0, "2026-06-08T08:00:00-05:00"),  # zero while closed: the opening
        ("2026-06-08 17:00", 0, "2026-06-08T17:00:00-05:00"),
        ("2026-03-06 16:00", 240, "2026-03-09T11:00:00-05:00"),  # across spring DST (CST -> CDT)
        ("2026-10-30 15:00", 240, "2026-11-02T10:00:00-06:00"),  # across autumn DST (CDT -> CST)
        ("2026-07-02 15:00", 240, "2026-07-06T10:00:00-05:00"),  # Independence Day observed Fri 3rd
        ("2026-11-25 16:00", 1440, "2026-12-02T13:00:00-06:00"),  # 24 bh over Thanksgiving
    ],
)
def test_add_business_minutes(start: str, minutes: int, expected: str) -> None:
    assert CAL.add_business_minutes(chi(start), minutes).isoformat() == expected


def test_add_business_minutes_from_utc() -> None:
    # 22:50 UTC Friday 20 Nov 2026 is 16:50 CST.
    result = CAL.add_business_minutes(datetime(2026, 11, 20, 22, 50, tzinfo=UTC), 240)
    assert result.isoformat() == "2026-11-23T11:50:00-06:00"


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2026-11-20 16:50", "2026-11-23 11:50", 240),
        ("2026-03-06 16:00", "2026-03-09 11:00", 240),  # not 300: the lost DST hour is Sunday's
        ("2026-06-13 09:00", "2026-06-14 16:00", 0),  # weekend
        ("2026-06-08 08:00", "2026-06-15 08:00", 5 * 540),
        ("2026-06-29 08:00", "2026-07-06 08:00", 4 * 540),  # Friday 3 July closed
        ("2026-11-23 11:50", "2026-11-20 16:50", -240),
    ],
)
def test_business_minutes_between(start: str, end: str, expected: int) -> None:
    assert CAL.business_minutes_between(chi(start), chi(end)) == expected


def test_naive_and_negative_inputs_are_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        CAL.is_open(datetime(2026, 6, 8, 9, 0))
    with pytest.raises(ValueError, match="naive"):
        CAL.add_business_minutes(datetime(2026, 6, 8, 9, 0), 30)
    with pytest.raises(ValueError, match="negative"):
        CAL.add_business_minutes(chi("2026-06-08 09:00"), -1)


# --- config errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ({"open": "25:00"}, "config error: calendar.open: expected HH:MM, got '25:00'"),
        ({"close": "5pm"}, "config error: calendar.close: expected HH:MM, got '5pm'"),
        ({"open": "18:00"}, "config error: calendar.close: must be after calendar.open (18:00), got '17:00'"),
        ({"timezone": "America/Chicgo"}, "config error: calendar.timezone: unknown time zone 'America/Chicgo' (e.g. 'America/Chicago')"),
        ({"weekdays": ["Mon", "Funday"]}, "config error: calendar.weekdays: unknown weekday 'Funday' (expected Mon, Tue, Wed, Thu, Fri, Sat, Sun)"),
        ({"weekdays": []}, "config error: calendar.weekdays: the desk must open on at least one weekday"),
        ({"closures": ["2026-13-01"]}, "config error: calendar.closures: expected an ISO date like '2026-12-24', got '2026-13-01'"),
        ({"holiday_country": "XX"}, "config error: calendar.holiday_country: the holidays package knows no 'XX'"),
        ({"opening": "08:00"}, "config error: calendar.opening: unknown key"),
    ],
)
def test_invalid_config_names_the_key(section: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        BusinessCalendar.from_config(section)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_misspelt_holiday_is_refused() -> None:
    with pytest.raises(ConfigError) as caught:
        BusinessCalendar.from_config({"holidays": ["Xmas Day"]})
    assert caught.value.key == "calendar.holidays"
    assert "unknown holiday 'Xmas Day' for US" in caught.value.problem


# --- properties ---------------------------------------------------------------------------------

ZONES = st.sampled_from([UTC, CHI, ZoneInfo("Asia/Kolkata"), ZoneInfo("Europe/London")])
INSTANTS = st.datetimes(min_value=datetime(2025, 12, 1), max_value=datetime(2028, 2, 1), timezones=ZONES)
WHOLE_MINUTES = INSTANTS.map(lambda d: d.replace(second=0, microsecond=0))
MINUTES = st.integers(min_value=0, max_value=6000)
FAST = settings(max_examples=200, deadline=None, database=None)


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


@FAST
@given(start=INSTANTS, minutes=MINUTES)
def test_deadline_is_open_or_exactly_closing_and_never_before_start(start: datetime, minutes: int) -> None:
    due = CAL.add_business_minutes(start, minutes)
    assert due.tzinfo is CAL.tz
    assert _utc(due) >= _utc(start)
    if minutes > 0:
        closing = datetime.combine(due.date(), CAL.close_time, tzinfo=CAL.tz)
        assert CAL.is_open(due) or (_utc(due) == _utc(closing) and not CAL.is_closed_day(due.date()))


@FAST
@given(start=INSTANTS, a=MINUTES, b=MINUTES)
def test_adding_a_then_b_equals_adding_a_plus_b(start: datetime, a: int, b: int) -> None:
    stepwise = CAL.add_business_minutes(CAL.add_business_minutes(start, a), b)
    assert _utc(stepwise) == _utc(CAL.add_business_minutes(start, a + b))


@FAST
@given(start=INSTANTS, minutes=MINUTES)
def test_minutes_between_inverts_adding(start: datetime, minutes: int) -> None:
    assert CAL.business_minutes_between(start, CAL.add_business_minutes(start, minutes)) == minutes


@FAST
@given(start=WHOLE_MINUTES, end=WHOLE_MINUTES)
def test_adding_the_minutes_between_reaches_an_open_end(start: datetime, end: datetime) -> None:
    between = CAL.business_minutes_between(start, end)
    assert between == -CAL.business_minutes_between(end, start)
    if CAL.is_open(end) and _utc(end) >= _utc(CAL.next_open(start)):
        assert _utc(CAL.add_business_minutes(start, between)) == _utc(end)


@FAST
@given(at=INSTANTS)
def test_next_open_is_the_first_open_minute(at: datetime) -> None:
    opens = CAL.next_open(at)
    assert CAL.is_open(opens)
    assert _utc(opens) >= _utc(at)
    if _utc(opens) > _utc(at):
        # Nothing open in between: the minutes before the opening are closed.
        assert CAL.business_minutes_between(at, opens) == 0
        assert not CAL.is_open(opens - timedelta(minutes=1))

"""SLA targets, the after-hours rule and ticket deadlines; expected times worked out by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.errors import ConfigError
from bot.settings import load_settings
from bot.triage.calendar import BusinessCalendar
from bot.triage.durations import parse_duration
from bot.triage.priority import Priority
from bot.triage.sla import CHANNELS, DEFAULT_TARGETS, Clock, SlaPolicy

CHI = ZoneInfo("America/Chicago")
_SETTINGS = load_settings(environ={})
CAL = BusinessCalendar.from_config(_SETTINGS.section("calendar"))
POLICY = SlaPolicy.from_config(_SETTINGS.section("sla"), _SETTINGS.section("after_hours"), CAL)


def chi(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=CHI)


def deadlines(priority: Priority, channel: str, filed: str) -> dict[str, Any]:
    return POLICY.clock(priority=priority, channel=channel, filed_at=chi(filed)).to_json()


# --- durations ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15m", timedelta(minutes=15)),
        ("4h", timedelta(hours=4)),
        ("72h", timedelta(hours=72)),
        ("1h30m", timedelta(hours=1, minutes=30)),
        (" 2H 5M ", timedelta(hours=2, minutes=5)),
        ("", None),
    ],
)
def test_parse_duration(text: str, expected: timedelta | None) -> None:
    assert parse_duration(text, key="timers.reminder_lead") == expected


@pytest.mark.parametrize("bad", ["4 hours", "90", "3d", "h", "1m30h", "-5m", 15])
def test_parse_duration_rejects_with_the_key(bad: object) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_duration(bad, key="sla.Medium.first_response")
    assert caught.value.key == "sla.Medium.first_response"
    assert repr(bad) in caught.value.problem


# --- targets from config ------------------------------------------------------------------------


def test_project_config_holds_the_documented_targets() -> None:
    assert POLICY.targets == DEFAULT_TARGETS
    assert POLICY.targets[Priority.HIGH].first_response == timedelta(hours=1)
    assert POLICY.targets[Priority.HIGH].update_clock is Clock.BUSINESS
    assert POLICY.targets[Priority.LOW].resolution is None
    assert SlaPolicy.from_config({}, {}, CAL) == POLICY


@pytest.mark.parametrize(
    ("sla", "after_hours", "key"),
    [
        ({"Medium": {"first_response": "4 hours"}}, {}, "sla.Medium.first_response"),
        ({"High": {"update_clock": "weekdays"}}, {}, "sla.High.update_clock"),
        ({"Urgent": {"first_response": "5m"}}, {}, "sla.Urgent"),
        ({"Low": {"first_reply": "8h"}}, {}, "sla.Low.first_reply"),
        ({"Emergency": {"first_response": "0m"}}, {}, "sla.Emergency.first_response"),
        ({}, {"channels": ["portal", "fax"]}, "after_hours.channels"),
        ({}, {"applied_priority": "Lowest"}, "after_hours.applied_priority"),
        ({}, {"alert_on_call": "yes"}, "after_hours.alert_on_call"),
    ],
)
def test_invalid_sla_config_names_the_key(sla: dict[str, Any], after_hours: dict[str, Any], key: str) -> None:
    with pytest.raises(ConfigError) as caught:
        SlaPolicy.from_config(sla, after_hours, CAL)
    assert caught.value.key == key


def test_a_partial_override_keeps_the_other_defaults() -> None:
    policy = SlaPolicy.from_config({"medium": {"first_response": "2h"}}, {}, CAL)
    clock = policy.clock(priority=Priority.MEDIUM, channel="portal", filed_at=chi("2026-11-20 16:50"))
    # 10 minutes on Friday, 110 on Monday.
    assert clock.to_json()["first_response_due"] == "2026-11-23T09:50:00-06:00"
    assert clock.to_json()["next_update_due"] == "2026-11-23T15:50:00-06:00"


# --- deadlines: hand-checked ---------------------------------------------------------------------


def test_friday_1650_medium_through_the_portal() -> None:
    # Fri 20 Nov 2026 16:50 CST. 4 bh: 10 min Fri + 230 Mon -> Mon 11:50. 8 bh: Mon 15:50.
    # 72 bh = 4320 min: 10 Fri; Mon-Wed 23-25 (1620); Thanksgiving + day after closed;
    # Mon 30 - Thu 3 Dec (2160) leaves 530 -> Fri 4 Dec 16:50.
    assert deadlines(Priority.MEDIUM, "portal", "2026-11-20 16:50") == {
        "priority": "Medium",
        "assessed_priority": "Medium",
        "after_hours": False,
        "first_response_due": "2026-11-23T11:50:00-06:00",
        "next_update_due": "2026-11-23T15:50:00-06:00",
        "resolution_due": "2026-12-04T16:50:00-06:00",
        "next_business_open": "2026-11-20T16:50:00-06:00",
    }


def test_ordinary_friday_1650_medium_and_mlk_day_is_worked() -> None:
    # Fri 9 Jan 2026. Resolution: 10 min Fri, 7 full days (Mon 12 .. Tue 20, MLK Day 19 open), 530 Wed 21.
    got = deadlines(Priority.MEDIUM, "email", "2026-01-09 16:50")
    assert got["first_response_due"] == "2026-01-12T11:50:00-06:00"
    assert got["resolution_due"] == "2026-01-21T16:50:00-06:00"


def test_deadline_ending_at_closing_time_is_closing_time() -> None:
    got = deadlines(Priority.MEDIUM, "phone", "2026-06-08 13:00")
    assert got["first_response_due"] == "2026-06-08T17:00:00-05:00"


def test_high_first_response_runs_24x7_past_closing() -> None:
    got = deadlines(Priority.HIGH, "slack", "2026-06-08 16:30")
    assert got["first_response_due"] == "2026-06-08T17:30:00-05:00"
    assert got["next_update_due"] == "2026-06-09T11:30:00-05:00"  # 30 min Mon + 210 Tue


def test_high_over_thanksgiving() -> None:
    # Wed 25 Nov 16:00: 1 h elapsed -> 17:00; 4 bh: 1 Wed + 3 Mon 30; 24 bh: 1 + 9 + 9 + 5 -> Wed 2 Dec 13:00.
    got = deadlines(Priority.HIGH, "slack", "2026-11-25 16:00")
    assert got["first_response_due"] == "2026-11-25T17:00:00-06:00"
    assert got["next_update_due"] == "2026-11-30T11:00:00-06:00"
    assert got["resolution_due"] == "2026-12-02T13:00:00-06:00"


def test_before_the_observed_independence_day() -> None:
    # Thu 2 Jul 2026 15:00; Fri 3 Jul closed. 4 bh: 2 Thu + 2 Mon 6; 8 bh: Mon 14:00;
    # 72 bh: 120 Thu, 7 days Mon 6 - Tue 14 (3780), 420 on Wed 15 -> 15:00.
    got = deadlines(Priority.MEDIUM, "portal", "2026-07-02 15:00")
    assert got["first_response_due"] == "2026-07-06T10:00:00-05:00"
    assert got["next_update_due"] == "2026-07-06T14:00:00-05:00"
    assert got["resolution_due"] == "2026-07-15T15:00:00-05:00"


def test_phone_on_the_observed_holiday_keeps_high() -> None:
    # Fri 3 Jul 10:00 by phone: 1 h elapsed; business clocks from Mon 6 Jul 08:00.
    got = deadlines(Priority.HIGH, "phone", "2026-07-03 10:00")
    assert got["after_hours"] is False
    assert got["first_response_due"] == "2026-07-03T11:00:00-05:00"
    assert got["next_update_due"] == "2026-07-06T12:00:00-05:00"
    assert got["resolution_due"] == "2026-07-08T14:00:00-05:00"
    assert got["next_business_open"] == "2026-07-06T08:00:00-05:00"


# --- DST ----------------------------------------------------------------------------------------


def test_emergency_across_spring_dst_is_real_time() -> None:
    # Sun 8 Mar 2026 01:50 CST = 07:50 UTC. +15 min = 08:05 UTC = 03:05 CDT (02:xx never happens).
    got = deadlines(Priority.EMERGENCY, "phone", "2026-03-08 01:50")
    assert got["first_response_due"] == "2026-03-08T03:05:00-05:00"
    assert got["next_update_due"] == "2026-03-08T03:50:00-05:00"
    assert got["resolution_due"] == "2026-03-08T10:50:00-05:00"
    assert got["next_business_open"] == "2026-03-09T08:00:00-05:00"


def test_emergency_across_autumn_dst_is_real_time() -> None:
    # Sun 1 Nov 2026 01:50 CDT = 06:50 UTC. +15 min = 07:05 UTC = 01:05 CST (the second 01:05).
    filed = datetime(2026, 11, 1, 1, 50, tzinfo=CHI)  # fold=0: the first, daylight 01:50
    got = POLICY.clock(priority=Priority.EMERGENCY, channel="phone", filed_at=filed).to_json()
    assert got["first_response_due"] == "2026-11-01T01:05:00-06:00"
    assert got["next_update_due"] == "2026-11-01T01:50:00-06:00"
    assert got["resolution_due"] == "2026-11-01T08:50:00-06:00"


def test_business_clocks_across_spring_dst() -> None:
    # Fri 6 Mar 16:00 CST. 4 bh: 1 Fri + 3 Mon -> 11:00 CDT; 8 bh: Mon 15:00 CDT;
    # 72 bh: 60 Fri, 7 days Mon 9 - Tue 17 (3780), 480 Wed 18 -> 16:00 CDT.
    got = deadlines(Priority.MEDIUM, "phone", "2026-03-06 16:00")
    assert got["first_response_due"] == "2026-03-09T11:00:00-05:00"
    assert got["next_update_due"] == "2026-03-09T15:00:00-05:00"
    assert got["resolution_due"] == "2026-03-18T16:00:00-05:00"


def test_business_clocks_across_autumn_dst() -> None:
    # Fri 30 Oct 15:00 CDT. 1 h elapsed -> 16:00 CDT; 4 bh: 2 Fri + 2 Mon -> 10:00 CST;
    # 24 bh: 2 + 9 Mon + 9 Tue + 4 Wed -> Wed 4 Nov 12:00 CST.
    got = deadlines(Priority.HIGH, "phone", "2026-10-30 15:00")
    assert got["first_response_due"] == "2026-10-30T16:00:00-05:00"
    assert got["next_update_due"] == "2026-11-02T10:00:00-06:00"
    assert got["resolution_due"] == "2026-11-04T12:00:00-06:00"


# --- the after-hours rule -----------------------------------------------------------------------


def test_emergency_through_the_portal_at_night_is_handled_as_low() -> None:
    clock = POLICY.clock(priority=Priority.EMERGENCY, channel="portal", filed_at=chi("2026-06-09 22:00"))
    assert clock.alert_on_call
    assert clock.to_json() == {
        "priority": "Low",
        "assessed_priority": "Emergency",
        "after_hours": True,
        "first_response_due": "2026-06-10T16:00:00-05:00",  # 8 bh from Wednesday's opening
        "next_update_due": None,
        "resolution_due": None,
        "next_business_open": "2026-06-10T08:00:00-05:00",
    }


def test_the_same_emergency_by_phone_keeps_its_clock() -> None:
    clock = POLICY.clock(priority=Priority.EMERGENCY, channel="phone", filed_at=chi("2026-06-09 22:00"))
    assert not clock.alert_on_call
    assert clock.to_json() == {
        "priority": "Emergency",
        "assessed_priority": "Emergency",
        "after_hours": False,
        "first_response_due": "2026-06-09T22:15:00-05:00",
        "next_update_due": "2026-06-09T23:00:00-05:00",
        "resolution_due": "2026-06-10T06:00:00-05:00",
        "next_business_open": "2026-06-10T08:00:00-05:00",
    }


@pytest.mark.parametrize(
    ("channel", "filed", "first_response", "opens"),
    [
        ("slack", "2026-06-13 11:00", "2026-06-15T16:00:00-05:00", "2026-06-15T08:00:00-05:00"),  # Saturday
        ("email", "2026-06-08 07:59", "2026-06-08T16:00:00-05:00", "2026-06-08T08:00:00-05:00"),  # before opening
        ("discord", "2026-06-08 17:00", "2026-06-09T16:00:00-05:00", "2026-06-09T08:00:00-05:00"),  # at closing
        ("portal", "2026-07-03 10:00", "2026-07-06T16:00:00-05:00", "2026-07-06T08:00:00-05:00"),  # holiday
        ("portal", "2026-11-27 09:00", "2026-11-30T16:00:00-06:00", "2026-11-30T08:00:00-06:00"),  # day after Thanksgiving
    ],
)
def test_after_hours_filings_wait_for_the_next_business_day(channel: str, filed: str, first_response: str, opens: str) -> None:
    got = deadlines(Priority.HIGH, channel, filed)
    assert (got["priority"], got["assessed_priority"], got["after_hours"]) == ("Low", "High", True)
    assert got["first_response_due"] == first_response
    assert got["next_business_open"] == opens


def test_filed_at_the_opening_minute_is_not_after_hours() -> None:
    got = deadlines(Priority.MEDIUM, "portal", "2026-06-08 08:00")
    assert got["after_hours"] is False
    assert got["first_response_due"] == "2026-06-08T12:00:00-05:00"


def test_channel_list_and_applied_priority_come_from_config() -> None:
    policy = SlaPolicy.from_config({}, {"channels": ["portal"], "applied_priority": "Medium"}, CAL)
    night = chi("2026-06-09 22:00")
    by_email = policy.clock(priority=Priority.HIGH, channel="email", filed_at=night)
    assert (by_email.priority, by_email.after_hours) == (Priority.HIGH, False)
    by_portal = policy.clock(priority=Priority.HIGH, channel="portal", filed_at=night)
    assert by_portal.priority is Priority.MEDIUM
    # The rule never raises a ticket: an assessed Low stays Low.
    assert policy.clock(priority=Priority.LOW, channel="portal", filed_at=night).priority is Priority.LOW


def test_after_hours_24x7_targets_also_count_from_the_next_opening() -> None:
    policy = SlaPolicy.from_config({}, {"applied_priority": "High"}, CAL)
    clock = policy.clock(priority=Priority.EMERGENCY, channel="portal", filed_at=chi("2026-06-09 22:00"))
    assert clock.priority is Priority.HIGH
    # High's first response is 1 h elapsed, but from Wednesday 08:00, not from 22:00.
    assert clock.to_json()["first_response_due"] == "2026-06-10T09:00:00-05:00"


def test_unknown_channel_and_naive_time_are_refused() -> None:
    with pytest.raises(ValueError, match="portal, slack, discord, email, phone"):
        POLICY.clock(priority=Priority.LOW, channel="fax", filed_at=chi("2026-06-08 10:00"))
    with pytest.raises(ValueError, match="naive"):
        POLICY.clock(priority=Priority.LOW, channel="portal", filed_at=datetime(2026, 6, 8, 10, 0))


# --- helpers for the timers ---------------------------------------------------------------------


def test_next_update_after_an_update() -> None:
    high = POLICY.next_update_after(priority=Priority.HIGH, at=chi("2026-06-08 15:00"))
    assert high is not None and high.isoformat() == "2026-06-09T10:00:00-05:00"  # 2 h Mon + 2 h Tue
    emergency = POLICY.next_update_after(priority=Priority.EMERGENCY, at=chi("2026-06-13 23:30"))
    assert emergency is not None and emergency.isoformat() == "2026-06-14T00:30:00-05:00"
    assert POLICY.next_update_after(priority=Priority.LOW, at=chi("2026-06-08 15:00")) is None


def test_due_after() -> None:
    due = POLICY.due_after(priority=Priority.MEDIUM, which="resolution", start=chi("2026-11-20 16:50"))
    assert due is not None and due.isoformat() == "2026-12-04T16:50:00-06:00"
    with pytest.raises(ValueError, match="first_response, update, resolution"):
        POLICY.due_after(priority=Priority.MEDIUM, which="breach", start=chi("2026-11-20 16:50"))


# --- properties ---------------------------------------------------------------------------------

FILED = st.datetimes(
    min_value=datetime(2025, 12, 1),
    max_value=datetime(2028, 2, 1),
    timezones=st.sampled_from([UTC, CHI, ZoneInfo("Australia/Sydney")]),
)
FAST = settings(max_examples=200, deadline=None, database=None)


@FAST
@given(filed=FILED, priority=st.sampled_from(list(Priority)), channel=st.sampled_from(CHANNELS))
def test_deadlines_never_precede_filing(filed: datetime, priority: Priority, channel: str) -> None:
    clock = POLICY.clock(priority=priority, channel=channel, filed_at=filed)
    assert clock.after_hours == (channel != "phone" and not CAL.is_open(filed))
    assert clock.priority is (Priority.LOW if clock.after_hours else priority)
    dues = [clock.first_response_due, clock.next_update_due, clock.resolution_due]
    for due in [*dues, clock.next_business_open]:
        if due is not None:
            assert due.astimezone(UTC) >= filed.astimezone(UTC)
            assert due.tzinfo is CAL.tz
    if clock.first_response_due is not None and clock.resolution_due is not None:
        assert clock.first_response_due.astimezone(UTC) <= clock.resolution_due.astimezone(UTC)


@FAST
@given(filed=FILED)
def test_emergency_by_phone_is_fifteen_real_minutes(filed: datetime) -> None:
    clock = POLICY.clock(priority=Priority.EMERGENCY, channel="phone", filed_at=filed)
    assert clock.first_response_due is not None
    assert clock.first_response_due.astimezone(UTC) - filed.astimezone(UTC) == timedelta(minutes=15)

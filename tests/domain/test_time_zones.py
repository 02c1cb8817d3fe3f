"""Times are stored in UTC and shown, and typed, in the user's own zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.people.time_zones import (
    check_time_zone,
    day_start_in,
    days_span,
    format_moment,
    is_utc,
    local_moment,
    moment_on,
    today_in,
)

WINTER = datetime(2026, 1, 15, 13, 5, tzinfo=UTC)
SUMMER = datetime(2026, 7, 15, 13, 5, tzinfo=UTC)


def test_a_stored_moment_reads_in_the_users_zone_with_summer_time() -> None:
    assert format_moment(WINTER, "Europe/Berlin") == "2026-01-15 14:05 CET"
    assert format_moment(SUMMER, "Europe/Berlin") == "2026-07-15 15:05 CEST"
    assert format_moment(WINTER, "America/New_York") == "2026-01-15 08:05 EST"
    assert format_moment(WINTER, "Asia/Kolkata").startswith("2026-01-15 18:35")


def test_without_a_known_zone_times_read_in_utc_and_naive_means_utc() -> None:
    assert format_moment(WINTER, None) == "2026-01-15 13:05 UTC"
    assert format_moment(WINTER.replace(tzinfo=None), "") == "2026-01-15 13:05 UTC"
    assert format_moment(WINTER, "Not/AZone") == "2026-01-15 13:05 UTC"
    assert local_moment(datetime(2026, 1, 15, 23, 30), "Europe/Berlin").date() == date(2026, 1, 16)


def test_a_picked_day_keeps_a_time_of_day_in_the_users_zone() -> None:
    now = datetime(2026, 3, 2, 8, 47, 31, tzinfo=UTC)  # 09:47 in Berlin
    assert moment_on(date(2026, 3, 5), "Europe/Berlin", now) == datetime(2026, 3, 5, 8, 47, tzinfo=UTC)
    kept = moment_on(date(2026, 7, 1), "Europe/Berlin", now, time(16, 30))
    assert kept == datetime(2026, 7, 1, 14, 30, tzinfo=UTC)  # summer time: UTC+2
    assert moment_on(date(2026, 3, 5), None, now) == datetime(2026, 3, 5, 8, 47, tzinfo=UTC)


def test_only_real_zone_names_are_accepted() -> None:
    assert check_time_zone(" Europe/Berlin ") == "Europe/Berlin"
    assert check_time_zone("UTC") == "UTC"
    for wrong in ("", "Mars/Olympus", None, 5, "Europe/" + "x" * 80):
        with pytest.raises(ValidationFailed) as refused:
            check_time_zone(wrong)
        assert refused.value.fields == {"time_zone": "must be a time zone like Europe/Berlin"}


LATE_UTC = datetime(2026, 3, 31, 23, 30, tzinfo=UTC)  # already 1 April in Tokyo, still 31 March in LA


def test_today_is_the_day_on_the_users_clock() -> None:
    assert today_in("Asia/Tokyo", LATE_UTC) == date(2026, 4, 1)
    assert today_in("America/Los_Angeles", LATE_UTC) == date(2026, 3, 31)
    assert today_in(None, LATE_UTC) == today_in("UTC", LATE_UTC) == date(2026, 3, 31)
    early = datetime(2026, 4, 1, 3, 0, tzinfo=UTC)  # 20:00 on 31 March in LA (summer time, UTC-7)
    assert today_in("America/Los_Angeles", early) == date(2026, 3, 31)


def test_a_users_day_begins_at_local_midnight_with_summer_time() -> None:
    assert day_start_in(date(2026, 4, 1), "Asia/Tokyo") == datetime(2026, 3, 31, 15, tzinfo=UTC)
    assert day_start_in(date(2026, 1, 15), "Europe/Berlin") == datetime(2026, 1, 14, 23, tzinfo=UTC)
    assert day_start_in(date(2026, 7, 15), "Europe/Berlin") == datetime(2026, 7, 14, 22, tzinfo=UTC)
    assert day_start_in(date(2026, 1, 15), None) == datetime(2026, 1, 15, tzinfo=UTC)


def test_a_range_of_days_is_half_open_and_may_be_open_ended() -> None:
    # Berlin switches to summer time on 29 March 2026: the range's end is at UTC+2, its start at UTC+1
    start, end = days_span(date(2026, 3, 1), date(2026, 3, 31), "Europe/Berlin")
    assert (start, end) == (datetime(2026, 2, 28, 23, tzinfo=UTC), datetime(2026, 3, 31, 22, tzinfo=UTC))
    assert days_span(None, None, "Asia/Tokyo") == (None, None)
    assert days_span(None, date(2026, 3, 31), "Asia/Tokyo") == (None, datetime(2026, 3, 31, 15, tzinfo=UTC))


def test_only_zones_at_utc_all_year_count_as_utc_days() -> None:
    assert is_utc(None) and is_utc("UTC") and is_utc("Etc/UTC") and is_utc("Not/AZone")
    assert not is_utc("Europe/London")  # UTC+1 in summer
    assert not is_utc("Asia/Tokyo")

"""Times are stored in UTC and shown, and typed, in the user's own zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.time_zones import check_time_zone, format_moment, local_moment, moment_on

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

"""Daily reminder times across DST changes, the missed rule, and reading times."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.reminders.schedule import decide_missed, format_time, next_fire, parse_time

NEW_YORK = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


# -- ordinary days and the US changes (2026-03-08 spring forward, 2026-11-01 fall back) -----------


def test_next_fire_is_later_today_or_tomorrow() -> None:
    assert next_fire(time(7, 30), NEW_YORK, utc(2026, 5, 1, 10, 0)) == utc(2026, 5, 1, 11, 30)
    assert next_fire(time(7, 30), NEW_YORK, utc(2026, 5, 1, 11, 30)) == utc(
        2026, 5, 2, 11, 30
    )  # strictly after
    assert next_fire(time(7, 30), NEW_YORK, utc(2026, 5, 1, 12, 0)) == utc(2026, 5, 2, 11, 30)


def test_a_morning_reminder_keeps_its_wall_time_over_spring_forward() -> None:
    saturday = next_fire(time(7, 30), NEW_YORK, utc(2026, 3, 7, 5, 0))
    sunday = next_fire(time(7, 30), NEW_YORK, saturday)
    assert saturday == utc(2026, 3, 7, 12, 30)  # 07:30 EST
    assert sunday == utc(2026, 3, 8, 11, 30)  # 07:30 EDT
    assert sunday - saturday == timedelta(hours=23)


def test_a_time_inside_the_spring_forward_gap_fires_when_the_gap_ends() -> None:
    # 02:30 does not exist in New York on 2026-03-08: clocks jump from 02:00 to 03:00 EDT.
    fired = next_fire(time(2, 30), NEW_YORK, utc(2026, 3, 8, 5, 0))  # after local midnight
    assert fired == utc(2026, 3, 8, 7, 0)
    assert fired.astimezone(NEW_YORK).strftime("%H:%M %Z") == "03:00 EDT"
    # ... once: the next one is 02:30 the following day.
    assert next_fire(time(2, 30), NEW_YORK, fired) == utc(2026, 3, 9, 6, 30)


def test_a_time_inside_the_fall_back_hour_fires_once_at_its_first_occurrence() -> None:
    # 01:30 happens twice in New York on 2026-11-01: at 05:30 UTC (EDT) and 06:30 UTC (EST).
    first = next_fire(time(1, 30), NEW_YORK, utc(2026, 11, 1, 4, 0))
    assert first == utc(2026, 11, 1, 5, 30)
    assert first.astimezone(NEW_YORK).strftime("%H:%M %Z") == "01:30 EDT"
    assert next_fire(time(1, 30), NEW_YORK, first) == utc(2026, 11, 2, 6, 30)
    # Set during the repeated hour, after the first 01:30: wait for tomorrow, not the repeat.
    assert next_fire(time(1, 30), NEW_YORK, utc(2026, 11, 1, 5, 45)) == utc(2026, 11, 2, 6, 30)


def test_a_morning_reminder_keeps_its_wall_time_over_fall_back() -> None:
    saturday = next_fire(time(7, 30), NEW_YORK, utc(2026, 10, 31, 5, 0))
    sunday = next_fire(time(7, 30), NEW_YORK, saturday)
    assert saturday == utc(2026, 10, 31, 11, 30)  # 07:30 EDT
    assert sunday == utc(2026, 11, 1, 12, 30)  # 07:30 EST
    assert sunday - saturday == timedelta(hours=25)


# -- Europe/London (2026-03-29 01:00 GMT -> 02:00 BST; 2026-10-25 02:00 BST -> 01:00 GMT) --------


def test_london_spring_forward_gap_and_ordinary_times() -> None:
    assert next_fire(time(1, 30), LONDON, utc(2026, 3, 28, 23, 0)) == utc(2026, 3, 29, 1, 0)  # 02:00 BST
    assert next_fire(time(8, 0), LONDON, utc(2026, 3, 28, 12, 0)) == utc(2026, 3, 29, 7, 0)  # 08:00 BST
    assert next_fire(time(8, 0), LONDON, utc(2026, 3, 27, 12, 0)) == utc(2026, 3, 28, 8, 0)  # 08:00 GMT


def test_london_fall_back_fires_once() -> None:
    first = next_fire(time(1, 30), LONDON, utc(2026, 10, 24, 22, 0))
    assert first == utc(2026, 10, 25, 0, 30)  # 01:30 BST, the first of two
    assert next_fire(time(1, 30), LONDON, first) == utc(2026, 10, 26, 1, 30)  # 01:30 GMT the next day


def test_midnight_and_the_end_of_the_day() -> None:
    assert next_fire(time(0, 0), LONDON, utc(2026, 6, 1, 22, 59)) == utc(2026, 6, 1, 23, 0)
    assert next_fire(time(23, 59), LONDON, utc(2026, 6, 1, 23, 0)) == utc(2026, 6, 2, 22, 59)


def test_naive_after_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        next_fire(time(7, 30), LONDON, datetime(2026, 6, 1, 12, 0))


ZONES = [
    "America/New_York",
    "Europe/London",
    "Australia/Lord_Howe",
    "America/St_Johns",
    "Pacific/Apia",
    "UTC",
]


@settings(max_examples=300, deadline=None)
@given(
    zone_name=st.sampled_from(ZONES),
    wall=st.times(),
    after=st.datetimes(
        min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1), timezones=st.just(UTC)
    ),
)
def test_next_fire_properties(zone_name: str, wall: time, after: datetime) -> None:
    tz = ZoneInfo(zone_name)
    fired = next_fire(wall, tz, after)
    assert fired.tzinfo == UTC
    assert after < fired <= after + timedelta(hours=50)
    local = fired.astimezone(tz).replace(tzinfo=None)
    if local.time() != wall:  # only possible when the wall time did not exist that day
        wanted = datetime.combine(local.date(), wall)
        assert wanted.replace(tzinfo=tz).astimezone(UTC).astimezone(tz).replace(tzinfo=None) != wanted
        assert fired.astimezone(tz).utcoffset() != (fired - timedelta(seconds=1)).astimezone(tz).utcoffset()


# -- the missed-reminder rule ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("late", "expected"),
    [
        (timedelta(0), "send"),
        (timedelta(minutes=59), "send"),
        (timedelta(minutes=59, seconds=59), "send"),
        (timedelta(minutes=60), "skip"),
        (timedelta(minutes=61), "skip"),
        (timedelta(days=3), "skip"),
    ],
)
def test_a_missed_reminder_is_sent_once_if_less_than_an_hour_late(late: timedelta, expected: str) -> None:
    due = utc(2026, 5, 1, 11, 30)
    assert decide_missed(due, due + late) == expected


def test_the_grace_can_be_given_as_a_timedelta() -> None:
    due = utc(2026, 5, 1, 11, 30)
    assert decide_missed(due, due + timedelta(minutes=5), grace=timedelta(minutes=10)) == "send"
    assert decide_missed(due, due + timedelta(minutes=15), grace=600) == "skip"


# -- reading a time ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7:30", time(7, 30)),
        ("07:30", time(7, 30)),
        ("19:05", time(19, 5)),
        ("0:00", time(0, 0)),
        ("23:59", time(23, 59)),
        ("7pm", time(19, 0)),
        ("7 PM", time(19, 0)),
        ("7:30 pm", time(19, 30)),
        ("7:30pm", time(19, 30)),
        ("7.30 p.m.", time(19, 30)),
        ("7 a.m.", time(7, 0)),
        ("12am", time(0, 0)),
        ("12 pm", time(12, 0)),
        ("12:15 am", time(0, 15)),
        ("0730", time(7, 30)),
        ("19h05", time(19, 5)),
        ("  noon ", time(12, 0)),
        ("Midnight", time(0, 0)),
        ("１９：０５", time(19, 5)),  # full-width, as some phone keyboards type it
    ],
)
def test_parse_time_reads_what_people_type(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "give a time"),
        ("7", "morning or the evening"),
        ("25:00", "Hours go from 0 to 23"),
        ("13pm", "from 1 to 12"),
        ("0am", "from 1 to 12"),
        ("7:60", "Minutes go from 00 to 59"),
        ("half past seven", "couldn't read"),
        ("7:3", "couldn't read"),
        ("x" * 5000, "couldn't read"),
    ],
)
def test_parse_time_explains_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message) as caught:
        parse_time(text)
    assert "7:30" in str(caught.value) or "19:00" in str(caught.value)  # says what would work
    assert len(str(caught.value)) < 200  # never echoes a huge input back


def test_format_time_is_the_stored_shape() -> None:
    assert format_time(time(7, 5)) == "07:05"
    assert parse_time(format_time(time(19, 30))) == time(19, 30)

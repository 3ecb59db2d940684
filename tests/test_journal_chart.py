"""The /journal chart is a valid 1200×600 PNG and draws what it says."""

from __future__ import annotations

import io
import struct
from datetime import UTC, datetime, timedelta

from matplotlib import _pylab_helpers
from PIL import Image

from bot.journal.chart import FATIGUE_COLOUR, HEIGHT_PX, PAIN_COLOUR, WIDTH_PX, render_chart
from bot.storage.journal import Checkin, Completion

ALICE = 111_111_111_111_111_111
NOW = datetime(2026, 5, 15, 18, 0, tzinfo=UTC)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which must come first."""
    assert data[:8] == PNG_SIGNATURE
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR" and length == 13
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def sample() -> tuple[list[Checkin], list[Completion]]:
    checkins = [
        Checkin(
            ALICE,
            NOW - timedelta(days=d, hours=3),
            pain=(d * 3) % 11,
            fatigue=(d * 5) % 11 if d % 2 else None,
        )
        for d in range(30)
    ]
    completions = [
        Completion(
            ALICE, "gentle-lower-back", "done", NOW - timedelta(days=d), NOW - timedelta(days=d), 8, 8, 600
        )
        for d in (1, 4, 9)
    ] + [Completion(ALICE, "chair-neck", "hurt", NOW - timedelta(days=6), NOW - timedelta(days=6), 2, 6, 60)]
    return checkins, completions


def has_colour(data: bytes, hex_colour: str, tolerance: int = 10) -> bool:
    target = tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    colours = Image.open(io.BytesIO(data)).convert("RGB").getcolors(WIDTH_PX * HEIGHT_PX) or []
    return any(
        all(abs(a - b) <= tolerance for a, b in zip(pixel, target, strict=True)) for _, pixel in colours
    )


def test_chart_is_a_1200_by_600_png() -> None:
    checkins, completions = sample()
    data = render_chart(checkins, completions, 30, NOW, tz_name="America/New_York")
    assert png_size(data) == (WIDTH_PX, HEIGHT_PX) == (1200, 600)
    image = Image.open(io.BytesIO(data))
    image.verify()
    assert has_colour(data, PAIN_COLOUR) and has_colour(data, FATIGUE_COLOUR)


def test_empty_and_single_point_charts_still_render() -> None:
    assert png_size(render_chart([], [], 7, NOW)) == (1200, 600)
    one = [Checkin(ALICE, NOW - timedelta(hours=1), pain=4)]
    assert png_size(render_chart(one, [], 7, NOW)) == (1200, 600)


def test_no_pyplot_figures_are_left_behind() -> None:
    checkins, completions = sample()
    for _ in range(3):
        render_chart(checkins, completions, 30, NOW)
    assert _pylab_helpers.Gcf.get_num_fig_managers() == 0


# --- what the axis shows (facts, not pixels) -------------------------------------------------------


def test_the_axis_starts_at_the_first_entry_not_the_window_start() -> None:
    from zoneinfo import ZoneInfo

    from bot.journal.chart import axis_start

    tz = ZoneInfo("America/New_York")
    window = NOW - timedelta(days=365)
    first = datetime(2026, 5, 10, 2, 30, tzinfo=UTC)  # still May 9 in New York
    checkins = [Checkin(ALICE, first, 4, 5), Checkin(ALICE, NOW - timedelta(hours=1), 3, None)]
    assert axis_start(checkins, [], window, tz) == datetime(2026, 5, 9, tzinfo=tz)
    routine = Completion(ALICE, "r", "done", first - timedelta(days=3), first - timedelta(days=3), 1, 1, 60)
    assert axis_start(checkins, [routine], window, tz) == datetime(2026, 5, 6, tzinfo=tz)
    assert axis_start([], [], window, tz) == window  # nothing yet: the whole window


def test_ninety_days_or_more_are_weekly_averages_of_local_weeks() -> None:
    from zoneinfo import ZoneInfo

    from bot.journal.chart import WEEKLY_FROM_DAYS, weekly_points

    tz = ZoneInfo("America/New_York")
    monday = datetime(2026, 5, 4, 9, tzinfo=tz)  # a Monday
    checkins = [
        Checkin(ALICE, monday, 2, 4),
        Checkin(ALICE, monday + timedelta(days=6), 6, None),  # Sunday: same week
        Checkin(ALICE, (monday + timedelta(days=7)).astimezone(UTC), 9, 1),  # next Monday
        # Sunday 23:00 in New York is Monday in UTC: it still belongs to the first week.
        Checkin(ALICE, datetime(2026, 5, 11, 3, tzinfo=UTC), 1, 7),
    ]
    weeks = weekly_points(checkins, tz)
    assert [(w.at.date().isoformat(), w.pain, w.fatigue) for w in weeks] == [
        ("2026-05-07", 3.0, 5.5),
        ("2026-05-14", 9.0, 1.0),
    ]
    assert WEEKLY_FROM_DAYS == 90


def test_a_year_renders_as_a_phone_readable_png() -> None:
    checkins = [Checkin(ALICE, NOW - timedelta(days=d, hours=3), d % 11, (d * 7) % 11) for d in range(360)]
    data = render_chart(checkins, [], 365, NOW, tz_name="Europe/London")
    assert png_size(data) == (WIDTH_PX, HEIGHT_PX)
    assert has_colour(data, PAIN_COLOUR) and has_colour(data, FATIGUE_COLOUR)

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

"""The ``/journal`` chart: pain and fatigue over time, routine days marked.

The x-axis starts at the first entry in the window (a new member's week fills
the chart instead of being a sliver at its edge), and 90 days or more are drawn
as weekly averages (a year of daily points is a solid block). Sized for a phone:
few date ticks and big type.

Accessible by construction: a fixed 1200×600 px image readable on a phone,
large type, Okabe–Ito colours (safe for the common colour-vision deficiencies)
and never colour alone — pain and fatigue also differ by line style and marker
shape, and routine days by marker shape and hatching.

Uses ``matplotlib.figure.Figure`` with the Agg canvas directly, never pyplot:
pyplot keeps global figure state, which leaks memory in a long-running bot and
is not safe when charts render in worker threads. Rendering takes ~100 ms of
CPU, so callers run it with ``asyncio.to_thread``. matplotlib is imported on
first use, keeping it out of the bot's start-up time.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from statistics import fmean
from typing import Any

from bot.journal.window import checkins_in, completions_in, window_start, zone
from bot.reminders.zone_words import zone_name
from bot.storage.journal import Checkin, Completion
from bot.storage.tracking import Flare
from bot.wording import journal as words

WIDTH_PX = 1200
HEIGHT_PX = 600
DPI = 100

# Okabe–Ito palette.
PAIN_COLOUR = "#0072B2"  # blue
FATIGUE_COLOUR = "#E69F00"  # orange
ROUTINE_COLOUR = "#009E73"  # bluish green
HURT_COLOUR = "#D55E00"  # vermilion
TEXT_COLOUR = "#1A1A1A"

# Shown about 3x smaller on a phone, so 22 px type reads as ~7 pt.
TITLE_SIZE = 30
LABEL_SIZE = 24
TICK_SIZE = 24
LEGEND_SIZE = 22
MAX_DATE_TICKS = 5

WEEKLY_FROM_DAYS = 90
"""Windows this long or longer are drawn as weekly averages."""
MIN_SPAN = timedelta(days=3)
"""The narrowest x-axis: one check-in today still gets a readable few days around it."""

_ROUTINE_ROW = -0.7  # y position of the routine markers, below the 0 line


@dataclass(frozen=True, slots=True)
class Point:
    """One plotted point: a check-in, or a week's average (at the middle of the week)."""

    at: datetime
    pain: float
    fatigue: float | None


def axis_start(
    points: Sequence[Checkin], finished: Sequence[Completion], start: datetime, tz: tzinfo
) -> datetime:
    """Local midnight of the first entry (check-in or routine) in the window; the window's
    start when there is none."""
    moments = [c.at for c in points] + [r.ended_at for r in finished]
    if not moments:
        return start
    first = min(moments).astimezone(tz)
    midnight = datetime(first.year, first.month, first.day, tzinfo=tz)
    return max(midnight, start.astimezone(tz))


def daily_points(points: Sequence[Checkin], tz: tzinfo) -> list[Point]:
    return [
        Point(c.at.astimezone(tz), float(c.pain), None if c.fatigue is None else float(c.fatigue))
        for c in points
    ]


def weekly_points(points: Sequence[Checkin], tz: tzinfo) -> list[Point]:
    """The mean pain and fatigue of each local Monday-to-Sunday week, at the week's middle
    (Thursday noon); a week without fatigue scores has fatigue None."""
    weeks: dict[date, list[Checkin]] = {}
    for c in points:
        local = c.at.astimezone(tz).date()
        weeks.setdefault(local - timedelta(days=local.weekday()), []).append(c)
    result = []
    for monday, week in sorted(weeks.items()):
        fatigue = [c.fatigue for c in week if c.fatigue is not None]
        middle = datetime(monday.year, monday.month, monday.day, 12, tzinfo=tz) + timedelta(days=3)
        result.append(Point(middle, fmean(c.pain for c in week), fmean(fatigue) if fatigue else None))
    return result


def render_chart(
    checkins: Iterable[Checkin],
    completions: Iterable[Completion],
    days: int,
    now: datetime,
    *,
    tz_name: str = "UTC",
    flares: Sequence[Flare] = (),
) -> bytes:
    """A PNG (exactly 1200×600 px) of the ``days`` before ``now``, in ``tz_name`` local time."""
    from matplotlib import dates as mdates
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    tz = zone(tz_name)
    start = window_start(days, now)
    points = checkins_in(checkins, start, now)
    finished = completions_in(completions, start, now)

    fig = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI, facecolor="white", layout="constrained")
    FigureCanvasAgg(fig)
    try:
        # Any: matplotlib's stubs type x values as floats, but its units framework plots datetimes.
        ax: Any = fig.add_subplot()
        handles: list[Any] = []

        weekly = days >= WEEKLY_FROM_DAYS
        plotted = weekly_points(points, tz) if weekly else daily_points(points, tz)
        if plotted:
            handles.append(
                _line(ax, plotted, [p.pain for p in plotted], PAIN_COLOUR, "-", "o", words.LEGEND_PAIN)
            )
            with_fatigue = [p for p in plotted if p.fatigue is not None]
            if with_fatigue:
                fatigue = [p.fatigue for p in with_fatigue]
                handles.append(
                    _line(ax, with_fatigue, fatigue, FATIGUE_COLOUR, "--", "s", words.LEGEND_FATIGUE)
                )
        else:
            ax.text(
                0.5,
                0.55,
                words.CHART_EMPTY,
                transform=ax.transAxes,
                ha="center",
                va="center",
                fontsize=LABEL_SIZE,
                color=TEXT_COLOUR,
            )

        _mark_routine_days(ax, finished, tz)
        left = axis_start(points, finished, start, tz)
        right = now.astimezone(tz) + (
            timedelta(days=3) if weekly else timedelta(hours=12)
        )  # last point whole
        left = min(left, right - MIN_SPAN)
        for flare in flares:  # a hatched band, so it does not rely on colour
            ax.axvspan(
                max(flare.started_at, left).astimezone(tz),
                min(flare.ended_at or now, now).astimezone(tz),
                facecolor="#F6D3C0",
                edgecolor=HURT_COLOUR,
                hatch="\\\\",
                alpha=0.5,
                linewidth=0,
            )
        if flares:
            handles.append(
                Patch(facecolor="#F6D3C0", edgecolor=HURT_COLOUR, hatch="\\\\", label=words.LEGEND_FLARE)
            )
        if any(r.outcome != "hurt" for r in finished):
            handles.append(
                Line2D(
                    [],
                    [],
                    color=ROUTINE_COLOUR,
                    marker="^",
                    markersize=12,
                    linestyle="none",
                    label=words.LEGEND_ROUTINE_DAY,
                )
            )
        if any(r.outcome == "hurt" for r in finished):
            handles.append(
                Patch(facecolor="white", edgecolor=HURT_COLOUR, hatch="//", label=words.LEGEND_ROUTINE_HURT)
            )

        ax.set_xlim(left, right)
        ax.set_ylim(-1.2, 10.5)
        ax.set_yticks(range(0, 11, 2))
        ax.grid(True, axis="y", color="#CCCCCC", linewidth=1)
        locator = mdates.AutoDateLocator(tz=tz, minticks=2, maxticks=MAX_DATE_TICKS)  # type: ignore[no-untyped-call]
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %-d", tz=tz))  # type: ignore[no-untyped-call]
        ax.tick_params(labelsize=TICK_SIZE, colors=TEXT_COLOUR)
        title = words.CHART_TITLE.format(days=days) + (words.CHART_TITLE_WEEKLY if weekly else "")
        ax.set_title(title, fontsize=TITLE_SIZE, color=TEXT_COLOUR)
        ax.set_ylabel(words.CHART_SCALE, fontsize=LABEL_SIZE, color=TEXT_COLOUR)
        ax.set_xlabel(zone_name(tz_name), fontsize=LABEL_SIZE, color=TEXT_COLOUR)
        if handles:
            # Below the plot in one row, so it never hides a point or narrows the plot.
            ax.legend(
                handles=handles,
                fontsize=LEGEND_SIZE,
                loc="upper center",
                bbox_to_anchor=(0.5, -0.22),
                ncol=len(handles),
                frameon=False,
                handlelength=1.5,
                columnspacing=1.0,
            )

        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=DPI, facecolor="white", metadata={"Software": None})
        return buffer.getvalue()
    finally:
        fig.clear()


def _line(
    ax: Any,
    points: Sequence[Point],
    values: Sequence[float | None],
    colour: str,
    style: str,
    marker: str,
    label: str,
) -> Any:
    """One measure as a thick line with large markers (read at a glance on a phone)."""
    (line,) = ax.plot(
        [p.at for p in points],
        values,
        color=colour,
        linestyle=style,
        linewidth=3,
        marker=marker,
        markersize=9,
        label=label,
    )
    return line


def _mark_routine_days(ax: Any, finished: list[Completion], tz: Any) -> None:
    """Shade each local day with a routine; a marker below the 0 line says which kind."""
    days: dict[Any, bool] = {}  # local date -> any "hurt" that day
    for r in finished:
        day = r.ended_at.astimezone(tz).date()
        days[day] = days.get(day, False) or r.outcome == "hurt"
    for day, hurt in sorted(days.items()):
        begin = datetime(day.year, day.month, day.day, tzinfo=tz)
        middle = begin + timedelta(hours=12)
        if hurt:
            ax.axvspan(
                begin,
                begin + timedelta(days=1),
                facecolor="none",
                edgecolor=HURT_COLOUR,
                hatch="//",
                linewidth=0,
            )
            ax.plot([middle], [_ROUTINE_ROW], marker="X", markersize=13, color=HURT_COLOUR, linestyle="none")
        else:
            ax.axvspan(begin, begin + timedelta(days=1), color=ROUTINE_COLOUR, alpha=0.12, linewidth=0)
            ax.plot(
                [middle], [_ROUTINE_ROW], marker="^", markersize=12, color=ROUTINE_COLOUR, linestyle="none"
            )

"""The ``/journal`` chart: pain and fatigue over time, routine days marked.

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
from datetime import datetime, timedelta
from typing import Any

from bot.journal.window import checkins_in, completions_in, window_start, zone
from bot.storage.journal import Checkin, Completion
from bot.storage.tracking import Flare

WIDTH_PX = 1200
HEIGHT_PX = 600
DPI = 100

# Okabe–Ito palette.
PAIN_COLOUR = "#0072B2"  # blue
FATIGUE_COLOUR = "#E69F00"  # orange
ROUTINE_COLOUR = "#009E73"  # bluish green
HURT_COLOUR = "#D55E00"  # vermilion
TEXT_COLOUR = "#1A1A1A"

TITLE_SIZE = 24
LABEL_SIZE = 18
TICK_SIZE = 16
LEGEND_SIZE = 15

_ROUTINE_ROW = -0.7  # y position of the routine markers, below the 0 line


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
        ax = fig.add_subplot()
        handles: list[Any] = []

        if points:
            times = [c.at.astimezone(tz) for c in points]
            (pain_line,) = ax.plot(
                times,
                [c.pain for c in points],
                color=PAIN_COLOUR,
                linestyle="-",
                linewidth=3,
                marker="o",
                markersize=9,
                label="Pain",
            )
            handles.append(pain_line)
            with_fatigue = [c for c in points if c.fatigue is not None]
            if with_fatigue:
                (fatigue_line,) = ax.plot(
                    [c.at.astimezone(tz) for c in with_fatigue],
                    [c.fatigue for c in with_fatigue],
                    color=FATIGUE_COLOUR,
                    linestyle="--",
                    linewidth=3,
                    marker="s",
                    markersize=9,
                    label="Fatigue",
                )
                handles.append(fatigue_line)
        else:
            ax.text(
                0.5,
                0.55,
                "No check-ins in this period",
                transform=ax.transAxes,
                ha="center",
                va="center",
                fontsize=LABEL_SIZE,
                color=TEXT_COLOUR,
            )

        _mark_routine_days(ax, finished, tz)
        for flare in flares:  # a hatched band, so it does not rely on colour
            ax.axvspan(
                max(flare.started_at, start).astimezone(tz),
                min(flare.ended_at or now, now).astimezone(tz),
                facecolor="#F6D3C0",
                edgecolor=HURT_COLOUR,
                hatch="\\\\",
                alpha=0.5,
                linewidth=0,
            )
        if flares:
            handles.append(Patch(facecolor="#F6D3C0", edgecolor=HURT_COLOUR, hatch="\\\\", label="Flare"))
        if any(r.outcome != "hurt" for r in finished):
            handles.append(
                Line2D(
                    [],
                    [],
                    color=ROUTINE_COLOUR,
                    marker="^",
                    markersize=12,
                    linestyle="none",
                    label="Routine day",
                )
            )
        if any(r.outcome == "hurt" for r in finished):
            handles.append(
                Patch(facecolor="white", edgecolor=HURT_COLOUR, hatch="//", label="Stopped: it hurt")
            )

        ax.set_xlim(start.astimezone(tz), now.astimezone(tz))
        ax.set_ylim(-1.2, 10.5)
        ax.set_yticks(range(0, 11))
        ax.grid(True, axis="y", color="#CCCCCC", linewidth=1)
        locator = mdates.AutoDateLocator(tz=tz, minticks=3, maxticks=8)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %d", tz=tz))
        ax.tick_params(labelsize=TICK_SIZE, colors=TEXT_COLOUR)
        ax.set_title(f"Pain and fatigue, last {days} days", fontsize=TITLE_SIZE, color=TEXT_COLOUR)
        ax.set_ylabel("0 = none, 10 = worst", fontsize=LABEL_SIZE, color=TEXT_COLOUR)
        ax.set_xlabel(f"Date ({tz_name})", fontsize=LABEL_SIZE, color=TEXT_COLOUR)
        if handles:
            # Outside the plot, so it never hides a point.
            ax.legend(handles=handles, fontsize=LEGEND_SIZE, loc="upper left", bbox_to_anchor=(1.01, 1.0))

        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=DPI, facecolor="white", metadata={"Software": None})
        return buffer.getvalue()
    finally:
        fig.clear()


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

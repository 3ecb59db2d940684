"""Small per-measure charts for the doctor's page: daily averages as a line, flares as shaded bands.

Drawn with matplotlib's object API (never pyplot: no global state in a
long-running bot) at print resolution. Colours are Okabe–Ito and the flare
band is also hatched, so nothing depends on colour alone.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from bot.storage.tracking import Flare

LINE = "#0072B2"
FLARE = "#D55E00"
WIDTH_IN, HEIGHT_IN, DPI = 3.2, 0.62, 200


def measure_chart(
    series: Sequence[tuple[date, float]],
    start: date,
    end: date,
    flares: Sequence[Flare],
    tz: object,
) -> bytes:
    """A PNG sparkline of one measure (0–10) over ``start``..``end`` with flare bands."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import date2num
    from matplotlib.figure import Figure

    def at(day: date, hours: int = 0) -> float:
        # Matplotlib's own day numbers: the float its axes keep for a datetime.
        return float(date2num(datetime.combine(day, datetime.min.time()) + timedelta(hours=hours)))  # type: ignore[no-untyped-call]

    fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI, facecolor="white")
    FigureCanvasAgg(fig)
    try:
        ax = fig.add_axes((0.06, 0.12, 0.93, 0.84))
        for flare in flares:
            begin = max(flare.started_at.astimezone(tz).date(), start)  # type: ignore[arg-type]
            finish = min((flare.ended_at.astimezone(tz).date() if flare.ended_at else end), end)  # type: ignore[arg-type]
            ax.axvspan(
                at(begin),
                at(finish + timedelta(days=1)),
                facecolor="#F6D3C0",
                edgecolor=FLARE,
                hatch="///",
                linewidth=0,
            )
        if series:
            ax.plot(
                [at(d, hours=12) for d, _ in series],
                [v for _, v in series],
                color=LINE,
                linewidth=1.2,
                marker="o" if len(series) < 40 else None,
                markersize=2,
            )
        ax.set_xlim(
            at(start),
            at(end + timedelta(days=1)),
        )
        ax.set_ylim(-0.5, 10.5)
        ax.set_yticks([0, 5, 10])
        ax.set_xticks([])
        ax.tick_params(labelsize=5, length=1.5, pad=1)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.grid(True, axis="y", color="#DDDDDD", linewidth=0.4)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=DPI, facecolor="white", metadata={"Software": None})
        return buffer.getvalue()
    finally:
        fig.clear()

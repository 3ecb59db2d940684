"""The doctor's page as a PDF: one page, real text, small charts.

fpdf2 writes real, selectable text (DejaVu Sans from matplotlib's own fonts,
embedded and subset, so any name or note the member typed prints); only the
small charts are images. The page never grows past one: automatic page breaks
are off, every block first asks for room, and what does not fit is counted
("+3 more in /journal") instead of spilling onto a second page.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import datetime
from io import BytesIO
from typing import cast

from bot.report.charts import measure_chart
from bot.report.data import ReportData
from bot.tracking.patterns import REPORT_PATTERN_NOTE
from bot.tracking.service import safe_zone

MEASURE_LABELS = {
    "pain": "Pain (0 none - 10 worst)",
    "fatigue": "Fatigue (0 none - 10 worst)",
    "stiffness": "Morning stiffness (0 none - 10 worst)",
    "sleep": "Sleep quality (0 very poor - 10 very good)",
    "mood": "Mood (0 very low - 10 very good)",
}
MARGIN = 12.0
FONT = "DejaVu"
NOTE_CHARS = 200
QUESTION_CHARS = 160
MORE_LINE = 3.6
LEVEL_WORDS = ("mild", "moderate", "severe")


def _font_dir() -> str:
    import matplotlib

    return os.path.join(os.path.dirname(matplotlib.__file__), "mpl-data", "fonts", "ttf")


def filename(data: ReportData) -> str:
    return f"lupus-report-{data.local_today.isoformat()}.pdf"


def _trend_words(trend: float | None) -> str:
    if trend is None:
        return "trend: not enough days"
    if abs(trend) < 0.5:
        return "trend: steady"
    return f"trend: {'higher' if trend > 0 else 'lower'} lately ({trend:+.1f})"


def _day(value: datetime, tz: object) -> str:
    return value.astimezone(tz).date().isoformat()  # type: ignore[arg-type]


class _Page:
    """A one-page writer: every block asks for room first."""

    def __init__(self, paper: str) -> None:
        from fpdf import FPDF

        self.pdf = FPDF(orientation="portrait", unit="mm", format="Letter" if paper == "Letter" else "A4")
        self.pdf.set_auto_page_break(False)
        self.pdf.set_margins(MARGIN, MARGIN, MARGIN)
        fonts = _font_dir()
        self.pdf.add_font(FONT, "", os.path.join(fonts, "DejaVuSans.ttf"))
        self.pdf.add_font(FONT, "B", os.path.join(fonts, "DejaVuSans-Bold.ttf"))
        self.pdf.add_page()
        self.bottom = self.pdf.h - MARGIN
        self.width = self.pdf.w - 2 * MARGIN
        self.dropped = 0

    def room(self, height: float) -> bool:
        return self.pdf.get_y() + height <= self.bottom

    def text(
        self,
        text: str,
        *,
        size: float = 8.5,
        bold: bool = False,
        height: float | None = None,
        keep: float = 0,
    ) -> bool:
        """One wrapped paragraph if it fits (leaving ``keep`` mm below it); False, and counted, if not."""
        line = height or size * 0.45
        self.pdf.set_font(FONT, "B" if bold else "", size)
        lines = cast(list[str], self.pdf.multi_cell(self.width, line, text, dry_run=True, output="LINES"))
        if not self.room(line * len(lines) + keep):
            self.dropped += 1
            return False
        self.pdf.set_x(MARGIN)
        self.pdf.multi_cell(self.width, line, text, new_x="LMARGIN", new_y="NEXT")
        return True

    def heading(self, text: str) -> bool:
        if not self.room(9):
            self.dropped += 1
            return False
        self.pdf.ln(1.2)
        self.pdf.set_draw_color(180, 180, 180)
        self.pdf.line(MARGIN, self.pdf.get_y(), MARGIN + self.width, self.pdf.get_y())
        self.pdf.ln(0.8)
        return self.text(text, size=10, bold=True)

    def items(self, lines: Sequence[str], *, empty: str, cap: int, more: str = "in the app") -> None:
        """A bulleted list of at most ``cap`` lines; what does not fit is counted on a last line."""
        if not lines:
            self.text(empty)
            return
        for n, line in enumerate(lines):
            last = n == len(lines) - 1
            if n >= cap or not self.text(f"• {line}", keep=0 if last else MORE_LINE):
                self.text(f"(+{len(lines) - n} more {more})", size=7.5)
                return

    def section(self, title: str, lines: Sequence[str], *, empty: str, cap: int) -> None:
        """A heading and its list; the heading only when one line and a "+N more" line fit under it."""
        if not self.room(9 + 4 + MORE_LINE):
            self.dropped += 1
            return
        self.heading(title)
        self.items(lines, empty=empty, cap=cap)


def render_pdf(data: ReportData, *, paper: str = "A4", generated: datetime | None = None) -> bytes:
    """The one-page PDF for ``data``."""
    tz = safe_zone(data.tz_name)
    page = _Page(paper)
    pdf = page.pdf
    pdf.set_title("Lupus report for my doctor")
    pdf.set_creator("Lupus Companion")
    page.text("Lupus report for my doctor", size=15, bold=True, height=7.5)
    period = f"{_day(data.start, tz)} to {_day(data.end, tz)} ({data.days} days)"
    page.text(
        f"Period: {period} · {data.checkins} check-ins · days in {data.tz_name} time · "
        f"made {(generated or data.end).astimezone(tz):%Y-%m-%d}",
        size=8.5,
    )
    page.text(
        "Recorded by the patient in the Lupus Companion app. A record of how they felt, not a diagnosis.",
        size=7.5,
    )

    page.heading("Daily averages and trends (0-10)")
    chart_w, chart_h = 78.0, 13.5
    start_day, end_day = data.start.astimezone(tz).date(), data.end.astimezone(tz).date()
    for measure in data.measures:
        if not page.room(chart_h + 1):
            page.dropped += 1
            break
        top = pdf.get_y()
        pdf.set_font(FONT, "B", 9)
        pdf.set_xy(MARGIN, top + 1)
        pdf.cell(page.width - chart_w - 2, 4.5, MEASURE_LABELS[measure.name], new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, "", 8.5)
        if measure.average is None:
            summary = "not recorded in this period"
        else:
            summary = (
                f"average {measure.average:.1f} · range {measure.minimum:.0f}-{measure.maximum:.0f} · "
                f"{measure.days} days · {_trend_words(measure.trend)}"
            )
        pdf.set_x(MARGIN)
        pdf.multi_cell(page.width - chart_w - 2, 4, summary, new_x="LMARGIN", new_y="NEXT")
        png = measure_chart(measure.series, start_day, end_day, data.flares, tz)
        pdf.image(BytesIO(png), x=MARGIN + page.width - chart_w, y=top, w=chart_w, h=chart_h)
        pdf.set_y(top + chart_h + 0.5)
    page.text("Shaded, hatched bands on the charts mark flares.", size=7)

    page.section(
        "Flares",
        [
            f"{_day(f.started_at, tz)} to {_day(f.ended_at, tz) if f.ended_at else 'ongoing'}"
            + (f" ({max(1, (f.ended_at - f.started_at).days + 1)} days)" if f.ended_at else "")
            + (f": {f.note[:120]}" if f.note else "")
            for f in data.flares
        ],
        empty="No flares marked in this period.",
        cap=4,
    )

    page.section(
        "Symptoms (days at each level)",
        [
            f"{name}: " + ", ".join(f"{n} {w}" for n, w in zip(levels, LEVEL_WORDS, strict=True) if n)
            for name, levels in data.symptoms
        ],
        empty="No own symptoms recorded in this period.",
        cap=5,
    )

    page.section(
        "Medicines (as the patient entered them; answers to reminders and logs)",
        [
            f"{m.medicine.name}"
            + (f" ({m.medicine.dose})" if m.medicine.dose else "")
            + f", at {', '.join(m.medicine.times)}: "
            + (
                f"taken {m.taken} of {m.taken + m.skipped} recorded doses "
                f"({round(100 * m.taken / (m.taken + m.skipped))}%), {m.skipped} skipped"
                if m.taken + m.skipped
                else "no doses recorded"
            )
            + ("" if m.medicine.active else " (stopped)")
            for m in data.medicines
        ],
        empty="No medicines entered.",
        cap=6,
    )

    done, hurt, stopped = (data.routines.get(k, 0) for k in ("done", "hurt", "stopped"))
    page.section(
        "Gentle routines",
        [f"{done} done · {hurt} stopped because of pain · {stopped} stopped early"],
        empty="",
        cap=1,
    )

    page.section(
        "Patterns (observations, not causes)",
        [p.text for p in data.patterns],
        empty="Not enough days yet to compare (3 on each side).",
        cap=3,
    )
    if data.patterns:
        page.text(REPORT_PATTERN_NOTE, size=7)

    page.section(
        "Notes for my doctor",
        [
            f"{_day(n.at, tz)}: "
            + (n.note or "")[:NOTE_CHARS]
            + ("…" if len(n.note or "") > NOTE_CHARS else "")
            for n in reversed(data.notes)  # newest first
        ],
        empty="No notes marked for the doctor.",
        cap=3,
    )

    page.section(
        "My questions",
        [q if len(q) <= QUESTION_CHARS else q[:QUESTION_CHARS] + "…" for q in data.questions],
        empty="No questions written yet.",
        cap=8,
    )
    return bytes(pdf.output())

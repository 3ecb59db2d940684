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
from bot.report.data import MedicineSummary, ReportData
from bot.storage.tracking import Flare
from bot.tracking.service import safe_zone
from bot.wording import report as words
from bot.wording import tracking as tracking_words

MEASURE_LABELS = words.MEASURE_LABELS
MARGIN = 12.0
FONT = "DejaVu"
NOTE_CHARS = 200
QUESTION_CHARS = 160
MORE_LINE = 3.6
LEVEL_WORDS = (words.LEVEL_MILD, words.LEVEL_MODERATE, words.LEVEL_SEVERE)


def _font_dir() -> str:
    import matplotlib

    return os.path.join(os.path.dirname(matplotlib.__file__), "mpl-data", "fonts", "ttf")


def filename(data: ReportData) -> str:
    return f"lupus-report-{data.local_today.isoformat()}.pdf"


def _trend_words(trend: float | None) -> str:
    if trend is None:
        return words.TREND_UNKNOWN
    if abs(trend) < 0.5:
        return words.TREND_STEADY
    return (words.TREND_HIGHER if trend > 0 else words.TREND_LOWER).format(change=trend)


def _day(value: datetime, tz: object) -> str:
    return value.astimezone(tz).date().isoformat()  # type: ignore[arg-type]


def _clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis when something was cut."""
    return text if len(text) <= limit else text[:limit] + words.CLIPPED


def _flare_line(flare: Flare, tz: object) -> str:
    end = _day(flare.ended_at, tz) if flare.ended_at else words.FLARE_ONGOING
    line = words.FLARE_SPAN.format(start=_day(flare.started_at, tz), end=end)
    if flare.ended_at:
        line += words.FLARE_DAYS.format(days=max(1, (flare.ended_at - flare.started_at).days + 1))
    if flare.note:
        line += words.FLARE_NOTE.format(note=flare.note[:120])
    return line


def _medicine_line(m: MedicineSummary) -> str:
    line = m.medicine.name
    if m.medicine.dose:
        line += words.MEDICINE_DOSE.format(dose=m.medicine.dose)
    line += words.MEDICINE_TIMES.format(times=", ".join(m.medicine.times))
    total = m.taken + m.skipped
    if total:
        percent = round(100 * m.taken / total)
        line += words.MEDICINE_DOSES.format(taken=m.taken, total=total, percent=percent, skipped=m.skipped)
    else:
        line += words.MEDICINE_NO_DOSES
    if not m.medicine.active:
        line += words.MEDICINE_STOPPED
    return line


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

    def items(self, lines: Sequence[str], *, empty: str, cap: int, more: str = words.MORE_WHERE) -> None:
        """A bulleted list of at most ``cap`` lines; what does not fit is counted on a last line."""
        if not lines:
            self.text(empty)
            return
        for n, line in enumerate(lines):
            last = n == len(lines) - 1
            if n >= cap or not self.text(f"• {line}", keep=0 if last else MORE_LINE):
                self.text(words.MORE_ITEMS.format(count=len(lines) - n, where=more), size=7.5)
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
    pdf.set_title(words.TITLE)
    pdf.set_creator(words.CREATOR)
    page.text(words.TITLE, size=15, bold=True, height=7.5)
    period = words.PERIOD.format(start=_day(data.start, tz), end=_day(data.end, tz), days=data.days)
    made = f"{(generated or data.end).astimezone(tz):%Y-%m-%d}"
    page.text(
        words.HEADER_LINE.format(period=period, checkins=data.checkins, zone=data.tz_name, made=made),
        size=8.5,
    )
    page.text(words.DISCLAIMER, size=7.5)

    page.heading(words.AVERAGES_HEADING)
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
            summary = words.NOT_RECORDED
        else:
            summary = words.MEASURE_SUMMARY.format(
                average=measure.average,
                minimum=measure.minimum,
                maximum=measure.maximum,
                days=measure.days,
                trend=_trend_words(measure.trend),
            )
        pdf.set_x(MARGIN)
        pdf.multi_cell(page.width - chart_w - 2, 4, summary, new_x="LMARGIN", new_y="NEXT")
        png = measure_chart(measure.series, start_day, end_day, data.flares, tz)
        pdf.image(BytesIO(png), x=MARGIN + page.width - chart_w, y=top, w=chart_w, h=chart_h)
        pdf.set_y(top + chart_h + 0.5)
    page.text(words.FLARE_BANDS, size=7)

    page.section(
        words.FLARES_HEADING, [_flare_line(f, tz) for f in data.flares], empty=words.NO_FLARES, cap=4
    )

    page.section(
        words.SYMPTOMS_HEADING,
        [
            words.SYMPTOM_LINE.format(
                name=name,
                levels=", ".join(
                    words.SYMPTOM_LEVEL.format(days=n, level=w)
                    for n, w in zip(levels, LEVEL_WORDS, strict=True)
                    if n
                ),
            )
            for name, levels in data.symptoms
        ],
        empty=words.NO_SYMPTOMS,
        cap=5,
    )

    page.section(
        words.MEDICINES_HEADING,
        [_medicine_line(m) for m in data.medicines],
        empty=words.NO_MEDICINES,
        cap=6,
    )

    done, hurt, stopped = (data.routines.get(k, 0) for k in ("done", "hurt", "stopped"))
    page.section(
        words.ROUTINES_HEADING,
        [words.ROUTINES_LINE.format(done=done, hurt=hurt, stopped=stopped)],
        empty="",
        cap=1,
    )

    page.section(
        words.PATTERNS_HEADING,
        [p.text for p in data.patterns],
        empty=words.NO_PATTERNS,
        cap=3,
    )
    if data.patterns:
        page.text(tracking_words.REPORT_PATTERN_NOTE, size=7)

    page.section(
        words.NOTES_HEADING,
        [
            words.NOTE_LINE.format(day=_day(n.at, tz), note=_clip(n.note or "", NOTE_CHARS))
            for n in reversed(data.notes)  # newest first
        ],
        empty=words.NO_NOTES,
        cap=3,
    )

    page.section(
        words.QUESTIONS_HEADING,
        [_clip(q, QUESTION_CHARS) for q in data.questions],
        empty=words.NO_QUESTIONS,
        cap=8,
    )
    return bytes(pdf.output())

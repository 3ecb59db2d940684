"""What every benchmark shares: figures and budgets, percentiles, the machine, bots to measure.

Why it looks like this:

* **One figure type, one table.** Every benchmark returns :class:`Figure` rows
  (name, value, unit, budget); ``python -m bench`` prints them all in one table
  with pass/fail. The budgets are written down once, in :data:`BUDGETS`, with the
  words DESIGN.md uses, so a change of budget is a one-line diff here.
* **Percentiles by nearest rank.** p99 of 200 samples is the 198th smallest, a
  latency someone really waited, not an interpolation between two of them.
* **Bots run the way an operator runs them**: ``python -m bot`` (or the bare
  discord.py baseline) as a subprocess against the local Discord emulator, on a
  throw-away copy of the content and a fresh database (:class:`Workspace`), so a
  benchmark never touches ``content/`` or ``data/``.
"""

from __future__ import annotations

import math
import os
import platform
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # `python bench/…` as well as `python -m bench`
    sys.path.insert(0, str(REPO))

from tests.emulator import BARE_BOT_CMD, BotProcess, Community, Emulator  # noqa: E402

BotKind = Literal["ours", "bare"]

OUR_BOT_CMD = (sys.executable, "-m", "bot", "--config")


@dataclass(frozen=True, slots=True)
class Budget:
    """A limit from DESIGN.md → Budgets. ``limit`` is the largest (or, with ``at_least``,
    the smallest) passing value, in the figure's unit."""

    limit: float
    text: str
    at_least: bool = False

    def met_by(self, value: float) -> bool:
        return value >= self.limit if self.at_least else value <= self.limit


BUDGETS: dict[str, Budget] = {
    "interaction_p99_ms": Budget(50.0, "≤ 50 ms"),
    "interaction_ratio": Budget(1.5, "≤ 1.5× bare"),
    "same_payload_ratio": Budget(1.1, "≤ 1.1× same payload"),
    "autocomplete_p99_ms": Budget(5.0, "≤ 5 ms"),
    "search_p99_ms": Budget(20.0, "≤ 20 ms"),
    "reload_s": Budget(1.5, "≤ 1.5 s"),
    "reload_failed_interactions": Budget(0, "0"),
    "startup_s": Budget(3.0, "≤ 3 s"),
    "idle_rss_mb": Budget(120.0, "≤ 120 MB"),
    "sessions_extra_mb": Budget(60.0, "≤ +60 MB"),
    "timer_lateness_p99_ms": Budget(250.0, "≤ 250 ms"),
    "tracking_first_reply_ms": Budget(3000.0, "≤ 3 s"),
    "crisis_screen_us": Budget(1000.0, "< 1 ms"),
}
"""DESIGN.md → Budgets, keyed by the figure each one applies to."""


@dataclass(frozen=True, slots=True)
class Figure:
    """One line of the table: a measured value and (optionally) the budget it must meet."""

    name: str
    value: float
    unit: str
    budget: Budget | None = None
    note: str = ""

    @property
    def passed(self) -> bool | None:
        """True/False against the budget; None for figures shown for context only."""
        if self.budget is None or math.isnan(self.value):
            return None if self.budget is None else False
        return self.budget.met_by(self.value)

    def shown(self) -> str:
        if math.isnan(self.value):
            return "n/a"
        if self.unit == "×":
            return f"{self.value:.2f}×"
        if self.unit in ("", "count"):
            return f"{self.value:g}"
        digits = 2 if abs(self.value) < 10 else 1 if abs(self.value) < 100 else 0
        return f"{self.value:.{digits}f} {self.unit}"

    def to_json(self) -> dict[str, Any]:
        """Plain data, so a benchmark run in a child process can hand its figures back."""
        budget = None
        if self.budget is not None:
            budget = {"limit": self.budget.limit, "text": self.budget.text, "at_least": self.budget.at_least}
        return {
            "name": self.name,
            "value": self.value,
            "unit": self.unit,
            "budget": budget,
            "note": self.note,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Figure:
        budget = data.get("budget")
        return cls(
            str(data["name"]),
            float(data["value"]),
            str(data["unit"]),
            Budget(float(budget["limit"]), str(budget["text"]), bool(budget["at_least"])) if budget else None,
            str(data.get("note", "")),
        )


def figure(name: str, value: float, unit: str, budget: str | None = None, note: str = "") -> Figure:
    """A figure checked against ``BUDGETS[budget]`` (or shown for context when ``budget`` is None)."""
    return Figure(name, value, unit, BUDGETS[budget] if budget else None, note)


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile: the smallest value with at least ``p`` % of the samples at or below it."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


@dataclass(frozen=True, slots=True)
class Spread:
    """p50/p95/p99/max of a sample, in the sample's unit."""

    p50: float
    p95: float
    p99: float
    max: float
    count: int

    @classmethod
    def of(cls, values: Sequence[float]) -> Spread:
        return cls(
            percentile(values, 50),
            percentile(values, 95),
            percentile(values, 99),
            max(values) if values else math.nan,
            len(values),
        )

    def __str__(self) -> str:
        return (
            f"p50 {self.p50:.2f} · p95 {self.p95:.2f} · p99 {self.p99:.2f} · max {self.max:.2f} "
            f"(n={self.count})"
        )


def machine() -> str:
    """One line naming the machine the figures came from (they mean little without it)."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    memory = ""
    try:
        import psutil  # type: ignore[import-untyped]  # no stubs in the locked test set

        memory = f", {psutil.virtual_memory().total / 2**30:.0f} GiB RAM"
    except ImportError:  # pragma: no cover - psutil comes with the test extras
        pass
    import discord

    return (
        f"{cpu}, {cores} cores{memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, discord.py {discord.__version__}"
    )


def render_table(figures: Iterable[Figure]) -> str:
    """A plain-text table: figure, value, budget, result."""
    rows = [("figure", "value", "budget", "result")]
    notes: list[str] = []
    for f in figures:
        result = {True: "pass", False: "FAIL", None: "—"}[f.passed]
        name = f.name
        if f.note:
            notes.append(f"[{len(notes) + 1}] {f.note}")
            name += f" [{len(notes)}]"
        rows.append((name, f.shown(), f.budget.text if f.budget else "", result))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines + (["", *notes] if notes else []))


def rss_mb(pid: int) -> float:
    """Resident memory of a process, in MB (10^6 bytes, as the budget is written)."""
    import psutil

    return float(psutil.Process(pid).memory_info().rss) / 1e6


# --- bots to measure -----------------------------------------------------------------------------


@dataclass
class Workspace:
    """A throw-away home for one bot run: a copy of the content, a database path, a config."""

    root: Path
    content: Path
    database: Path
    config: Path
    processes: list[BotProcess] = field(default_factory=list)

    def write_config(self, *, log_level: str = "INFO") -> None:
        config = {
            "database": {"path": str(self.database)},
            "content": {"path": str(self.content), "watch": False},
            "logging": {"level": log_level},
        }
        self.config.write_text(yaml.safe_dump(config), encoding="utf-8")


@contextmanager
def workspace(content: Path | None = None, *, log_level: str = "INFO") -> Iterator[Workspace]:
    """A temporary workspace with a copy of ``content`` (default: the shipped ``content/``)."""
    with tempfile.TemporaryDirectory(prefix="lupus-bench-") as tmp:
        root = Path(tmp)
        copy = root / "content"
        shutil.copytree(content or REPO / "content", copy)
        ws = Workspace(root, copy, root / "data" / "bot.sqlite3", root / "config.yaml")
        ws.write_config(log_level=log_level)
        yield ws


def bot_process(
    kind: BotKind,
    emu: Emulator,
    ws: Workspace,
    *,
    env: dict[str, str] | None = None,
    wrap: Sequence[str] = (),
) -> BotProcess:
    """A not-yet-started bot process of ``kind``; ``wrap`` prefixes the interpreter's arguments
    (for example ``("-m", "cProfile", "-o", "out.prof")``)."""
    command = [*OUR_BOT_CMD, str(ws.config)] if kind == "ours" else list(BARE_BOT_CMD)
    if wrap:
        command = [command[0], *wrap, *command[1:]]
    log = ws.root / f"{kind}-{len(ws.processes)}.log"
    process = BotProcess(command, env=env, cwd=REPO, emulator=emu, log_path=log)
    ws.processes.append(process)
    return process


async def start_bot(
    kind: BotKind,
    emu: Emulator,
    ws: Workspace,
    *,
    env: dict[str, str] | None = None,
    wrap: Sequence[str] = (),
) -> BotProcess:
    """Start a bot of ``kind`` and wait until it is connected and its commands are registered."""
    process = bot_process(kind, emu, ws, env=env, wrap=wrap)
    await process.start()
    await process.wait_ready(timeout=60)
    return process


async def stop_all(ws: Workspace) -> None:
    for process in ws.processes:
        if process.running:
            await process.stop()


def new_emulator() -> Emulator:
    """The emulator configuration every benchmark uses (Discord's real deadlines)."""
    return Emulator()


def community(emu: Emulator) -> Community:
    return emu.community()

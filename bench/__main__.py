"""``python -m bench`` (or ``make bench``): every benchmark, one table, every budget from DESIGN.md.

Runs, in this order (quietest first, so start-up is not measured beside a
leftover process): start-up and idle memory, interactions against the bare
discord.py baseline, autocomplete and search, reload of 1,000 files, and 10,000
routine sessions with timers, the journal, tracking, and crisis screening speed. Each module
exposes ``async run(progress) -> list[Figure]``; one that is missing (not built yet)
or crashes is reported in the table instead of hiding the rest.

Each benchmark runs in **its own Python process** (``python -m bench --child
MODULE``, which prints its figures as JSON): memory figures would otherwise
measure the heap the previous benchmark left behind (a process keeps freed
memory), and the garbage collector would scan its leftovers. Progress goes to
stderr; the table, the machine and a closing note on any budget not met go to
stdout.

    python -m bench                      # everything, about 2 minutes on 2 cores
    python -m bench --only library,startup
    python -m bench --markdown           # also print the table as Markdown (for the README)
    python -m bench --strict             # exit 1 if any budget is not met
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import math
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, cast

from bench.common import REPO, Figure, machine, render_table

BENCHMARKS: tuple[tuple[str, str], ...] = (
    ("startup", "bench.bench_startup"),
    ("interactions", "bench.bench_interactions"),
    ("library", "bench.bench_library"),
    ("reload", "bench.bench_reload"),
    ("timers", "bench.bench_timers"),
    ("journal", "bench.bench_journal"),
    ("tracking", "bench.bench_tracking"),
    ("crisis", "bench.bench_crisis"),
)
CHILD_TIMEOUT_S = 600
NOTE_PREFIX = "note:"

Runner = Callable[[Callable[[str], None]], Awaitable[Sequence[Any]]]


def say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def as_figure(item: Any, section: str) -> Figure:
    """A benchmark's row as a Figure (a module may return Figures or plain dicts)."""
    if isinstance(item, Figure):
        return item
    if isinstance(item, dict) and "name" in item and "value" in item:
        return Figure.from_json({"unit": "", **item})
    return Figure(f"{section}: {item!r}", math.nan, "")


def child(module_name: str) -> int:
    """Run one benchmark in this process; print its figures (or why it could not run) as JSON."""
    section = module_name.rsplit(".", 1)[-1]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        print(json.dumps({NOTE_PREFIX: f"skipped, {module_name} does not exist yet"}))
        return 0
    runner = cast(Runner | None, getattr(module, "run", None))
    if runner is None:
        print(json.dumps({NOTE_PREFIX: f"skipped, {module_name} has no run(progress) function"}))
        return 0
    rows = asyncio.run(runner(lambda line: say(f"  {line}")))  # type: ignore[arg-type]
    print(json.dumps([as_figure(row, section).to_json() for row in rows]))
    return 0


def run_one(section: str, module_name: str) -> tuple[list[Figure], str | None]:
    """Run one benchmark in a fresh interpreter; (figures, a note if it could not run)."""
    say(f"== {section} ({module_name})")
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "bench", "--child", module_name],
            cwd=REPO,
            stdout=subprocess.PIPE,
            text=True,
            timeout=CHILD_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        timed_out = Figure(f"{section}: did not finish in {CHILD_TIMEOUT_S} s", math.nan, "")
        return [timed_out], f"{section}: crashed"
    say(f"   {section} took {time.perf_counter() - started:.1f}s")
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        return [Figure(f"{section}: did not finish (see stderr)", math.nan, "")], f"{section}: crashed"
    result = json.loads(lines[-1])
    if isinstance(result, dict):
        return [], f"{section}: {result.get(NOTE_PREFIX, result)}"
    return [Figure.from_json(row) for row in result], None


def markdown(figures: Sequence[Figure]) -> str:
    lines = ["| figure | value | budget | result |", "| --- | --- | --- | --- |"]
    for f in figures:
        result = {True: "pass", False: "**not met**", None: ""}[f.passed]
        name = f"{f.name} ({f.note})" if f.note else f.name
        lines.append(f"| {name.strip()} | {f.shown()} | {f.budget.text if f.budget else ''} | {result} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated: " + ", ".join(name for name, _ in BENCHMARKS))
    parser.add_argument("--markdown", action="store_true", help="also print the table as Markdown")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a budget is not met")
    parser.add_argument("--child", metavar="MODULE", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args.child)
    wanted = set(args.only.split(",")) if args.only else {name for name, _ in BENCHMARKS}
    unknown = wanted - {name for name, _ in BENCHMARKS}
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")

    started = time.perf_counter()
    figures: list[Figure] = []
    notes: list[str] = []
    for section, module_name in BENCHMARKS:
        if section not in wanted:
            continue
        found, note = run_one(section, module_name)
        figures += found
        if note:
            notes.append(note)
    elapsed = time.perf_counter() - started

    print(f"Machine: {machine()}")
    print(f"Ran in {elapsed:.0f} s.\n")
    print(render_table(figures))
    if args.markdown:
        print()
        print(markdown(figures))
    budgeted = [f for f in figures if f.budget is not None]
    missed = [f for f in budgeted if not f.passed]
    print()
    print(f"{len(budgeted) - len(missed)} of {len(budgeted)} budgets met.")
    for f in missed:
        assert f.budget is not None
        print(f"Not met: {f.name}: {f.shown()} (budget {f.budget.text}).")
    for note in notes:
        print(f"Note: {note}.")
    if any(note.endswith("crashed") for note in notes):
        return 2
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    raise SystemExit(main())

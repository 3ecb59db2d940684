"""Reload of 1,000 content files (~5 MB): time, where it goes, and what members notice.

Budget (DESIGN.md): a reload of 1,000 files (~5 MB) takes ≤ 1.5 s, and no
interaction fails during it.

What is measured, and why:

* **``ContentStore.reload()``**, the whole thing a moderator waits for: read,
  parse, validate, build the indexes, diff against the old library and swap.
  The tree is rewritten between runs, alternating generations ``v1``/``v2`` of
  the same ids, so every run is the worst case for the diff (everything
  changed) and no run benefits from an unchanged file. Min, median and max of
  several runs; the budget is checked on the median.
* **Validation alone** (``load_library`` as ``python -m bot validate`` runs it,
  with the garbage collector on; the store pauses it, see
  ``bot.content.store.gc_paused``), and its parts: parse + models per file,
  cross-file rules, indexes, diff; so a regression points at its stage.
* **Event-loop stall during a reload**: a ticker on the loop that reload runs
  beside. The loader runs in a worker thread, but it holds the GIL most of the
  time; the longest gap between ticks is how long an interaction could wait.
* **Live** (skip with ``--no-live``): the real bot on the emulator, serving the
  generated tree, gets ``/admin reload`` of the other generation while 200
  ``/read`` arrive over two seconds. Every one must be answered (Discord's 3 s
  rule); the reload time the bot itself reports is printed beside the
  standalone one, since under load the loop and the loader share one core's
  worth of GIL.

``python -m bench.bench_reload [--runs N] [--files N] [--bytes B] [--no-live]``
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from bench.common import Figure, Spread, figure, machine, new_emulator, render_table, start_bot, stop_all
from bench.common import Workspace as BenchWorkspace
from bench.generate import GeneratedTree, TreeSpec, article_id, generate, spec_for
from bot.content import loader
from bot.content.library import Library
from bot.content.store import ContentStore, ReloadReport, diff

RUNS = 5
FILES = 1_000
BYTES = 5_000_000
LIVE_READS = 200
LIVE_SPREAD_S = 2.0


@dataclass(frozen=True)
class Timings:
    """Seconds per run of one measured step."""

    name: str
    runs: tuple[float, ...]

    @property
    def min(self) -> float:
        return min(self.runs)

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def max(self) -> float:
        return max(self.runs)


@dataclass
class Result:
    tree: GeneratedTree
    steps: list[Timings]
    stall_ms: list[float]
    live_reload_s: float | None = None
    live_reads: Spread | None = None
    live_failed: int = 0
    live_violations: list[str] = field(default_factory=list)

    def step(self, name: str) -> Timings:
        return next(s for s in self.steps if s.name == name)

    def figures(self) -> list[Figure]:
        size = f"{self.tree.files:,} files, {self.tree.bytes / 1e6:.1f} MB"
        reload = self.step("ContentStore.reload()")
        runs = f"median of {len(reload.runs)} runs on a generated tree of {size}"
        found = [
            figure(f"reload {size}, median", reload.median, "s", "reload_s", note=runs),
            figure("reload, min", reload.min, "s"),
            figure("reload, max", reload.max, "s"),
        ]
        for step in self.steps[1:]:
            name = f"{step.name}, median (min–max {step.min:.2f}–{step.max:.2f} s)"
            found.append(figure(name, step.median, "s"))
        found.append(figure("event-loop stall during a reload, max", max(self.stall_ms), "ms"))
        if self.live_reads is not None:
            found += [
                figure(
                    "live: reload time the bot reports, under 200 /read",
                    self.live_reload_s if self.live_reload_s is not None else float("nan"),
                    "s",
                ),
                figure("live: /read initial response during reload, p99", self.live_reads.p99, "ms"),
                figure(
                    "live: /read failed during reload",
                    float(self.live_failed),
                    "count",
                    "reload_failed_interactions",
                ),
                figure("live: emulator violations", float(len(self.live_violations)), "count"),
            ]
        return found


# --- standalone --------------------------------------------------------------------------------


def _timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _stages(root: Path, before: Library) -> dict[str, float]:
    """One load split into its stages (mirrors :func:`bot.content.loader.load_library`)."""
    found: dict[str, float] = {}
    started = time.perf_counter()
    errors: list[loader.ContentError] = []
    files = [
        loader._load_file(kind, path, loader.display_path(root, path), path.read_bytes(), errors)
        for kind, path in loader._content_files(root)
    ]
    found["parse + models"] = time.perf_counter() - started
    started = time.perf_counter()
    errors += loader.validate_files(files, None)
    found["cross-file rules"] = time.perf_counter() - started
    assert not errors, errors[:3]
    models = [f.model for f in files if f.model is not None]
    started = time.perf_counter()
    library = Library.build(
        {m.id: m for m in models if isinstance(m, loader.Article)},
        {m.id: m for m in models if isinstance(m, loader.Routine)},
        {m.id: m for m in models if isinstance(m, loader.ResourceTopic)},
        next(m for m in models if isinstance(m, loader.Safety)),
        version="bench",
    )
    found["indexes (Library.build)"] = time.perf_counter() - started
    found["diff against the old library"] = _timed(lambda: diff(before, library))
    return found


async def _stall_during(
    coro_fn: Callable[[], Awaitable[ReloadReport]], tick_s: float = 0.001
) -> tuple[ReloadReport, float]:
    """Run ``await coro_fn()`` while a ticker measures the longest event-loop gap (ms)."""
    loop = asyncio.get_running_loop()
    worst = 0.0
    done = False

    async def ticker() -> None:
        nonlocal worst
        last = loop.time()
        while not done:
            await asyncio.sleep(tick_s)
            now = loop.time()
            worst = max(worst, now - last - tick_s)
            last = now

    task = asyncio.create_task(ticker())
    try:
        result = await coro_fn()
    finally:
        done = True
        await task
    return result, worst * 1000


async def measure_standalone(
    root: Path, spec: TreeSpec, runs: int, progress: Callable[[str], None]
) -> tuple[GeneratedTree, list[Timings], list[float]]:
    tree = generate(root, spec)
    store = ContentStore(root)
    store.load()
    reload_runs: list[float] = []
    validate_runs: list[float] = []
    stages: dict[str, list[float]] = {}
    stalls: list[float] = []
    for n in range(runs):
        generation = "v2" if n % 2 == 0 else "v1"
        generate(root, replace(spec, generation=generation))
        before = store.library
        report, stall = await _stall_during(store.reload)
        assert report.ok, report.errors[:3]
        assert not report.diff.empty
        reload_runs.append(report.duration_s)
        stalls.append(stall)
        validate_runs.append(_timed(lambda: loader.load_library(root)))
        for name, seconds in _stages(root, before).items():
            stages.setdefault(name, []).append(seconds)
        progress(
            f"run {n + 1}/{runs}: reload {reload_runs[-1]:.3f}s, validate {validate_runs[-1]:.3f}s, "
            f"loop stall {stall:.1f} ms"
        )
    steps = [
        Timings("ContentStore.reload()", tuple(reload_runs)),
        Timings("validation alone (load_library)", tuple(validate_runs)),
        *(Timings(f"  {name}", tuple(values)) for name, values in stages.items()),
    ]
    return tree, steps, stalls


# --- live --------------------------------------------------------------------------------------


async def measure_live(
    tree: GeneratedTree, progress: Callable[[str], None]
) -> tuple[float | None, Spread, int, list[str]]:
    """The bot serves ``tree``; reload the other generation while /read floods in."""
    with tempfile.TemporaryDirectory(prefix="lupus-bench-reload-") as tmp:
        root = Path(tmp)
        content = root / "content"
        generate(content, replace(tree.spec, generation="v1"))
        ws = BenchWorkspace(root, content, root / "data" / "bot.sqlite3", root / "config.yaml")
        async with new_emulator() as emu:
            place = emu.community()
            ws.config.write_text(
                yaml.safe_dump(
                    {
                        "admins": {"user_ids": [place.admin.id], "role_ids": []},
                        "database": {"path": str(ws.database)},
                        "content": {"path": str(content), "watch": False},
                        "logging": {"level": "INFO"},
                    }
                ),
                encoding="utf-8",
            )
            try:
                started = time.perf_counter()
                await start_bot("ours", emu, ws)
                progress(f"bot ready on {tree.files} files in {time.perf_counter() - started:.2f}s")
                generate(content, replace(tree.spec, generation="v2"))
                reload = await emu.slash("admin", user=place.admin, guild=place.guild, subcommand="reload")
                reads = []
                for n in range(LIVE_READS):
                    options = {"article": article_id(n % tree.spec.articles), "section": "sec-01"}
                    reads.append(await emu.slash("read", options, user=place.member, guild=place.guild))
                    await asyncio.sleep(LIVE_SPREAD_S / LIVE_READS)
                failed = 0
                for handle in reads:
                    try:
                        await handle.response(timeout=10)
                    except AssertionError:
                        failed += 1
                answer = await reload.wait_message(timeout=30)
                match = re.search(r"in ([\d.]+) (ms|s)\.", answer.text())
                reload_s = None
                if match:
                    reload_s = float(match.group(1)) / (1000 if match.group(2) == "ms" else 1)
                latencies = [
                    (h.record.callback_received_at - h.record.created_at) * 1000
                    for h in reads
                    if getattr(h.record, "callback_received_at", None) is not None
                ]
            finally:
                await stop_all(ws)
            violations = [f"{v['kind']} {v['route']} {v['message']}" for v in emu.violations]
    return reload_s, Spread.of(latencies), failed, violations


# --- entry points ------------------------------------------------------------------------------


async def measure(
    *,
    runs: int = RUNS,
    files: int = FILES,
    total_bytes: int = BYTES,
    live: bool = True,
    progress: Callable[[str], None] = lambda _: None,
) -> Result:
    spec = spec_for(files, total_bytes)
    with tempfile.TemporaryDirectory(prefix="lupus-bench-reload-") as tmp:
        tree, steps, stalls = await measure_standalone(Path(tmp) / "content", spec, runs, progress)
    result = Result(tree, steps, stalls)
    if live:
        live_result = await measure_live(tree, progress)
        result.live_reload_s, result.live_reads, result.live_failed, result.live_violations = live_result
    return result


async def run(progress: Callable[[str], None] = lambda _: None) -> list[Figure]:
    """The figures ``python -m bench`` prints."""
    return (await measure(progress=progress)).figures()


def timings_table(steps: Sequence[Timings]) -> str:
    """min / median / max per step, in seconds."""
    width = max(len(s.name) for s in steps)
    lines = [f"{'step'.ljust(width)}  {'min':>7}  {'median':>7}  {'max':>7}", "-" * (width + 27)]
    lines += [f"{s.name.ljust(width)}  {s.min:7.3f}  {s.median:7.3f}  {s.max:7.3f}" for s in steps]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_reload", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--files", type=int, default=FILES)
    parser.add_argument("--bytes", type=int, default=BYTES)
    parser.add_argument("--no-live", action="store_true", help="skip the run against the real bot")
    args = parser.parse_args(argv)

    def say(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    result = asyncio.run(
        measure(runs=args.runs, files=args.files, total_bytes=args.bytes, live=not args.no_live, progress=say)
    )
    print(machine())
    print(f"tree: {result.tree.files:,} files, {result.tree.bytes / 1e6:.2f} MB ({result.tree.spec})\n")
    print(timings_table(result.steps), end="\n\n")
    print(render_table(result.figures()))
    for line in result.live_violations[:10]:
        print("violation:", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Start-up to commands ready, and idle memory: our bot against the bare discord.py bot.

Budget (DESIGN.md): start-up to commands ready ≤ 3 s; idle memory ≤ 120 MB RSS.

What is measured, and why:

* **From process start** (just before ``exec``, so interpreter start-up and every
  import count, as they do for an operator) **to the command PUT reaching the
  emulator** ("commands synced") and **to READY** (the gateway session is live;
  from then on a slash command is answered). Times come from the emulator's own
  records (``command_writes``, ``gateway_log``), not from polling the log.
* **A first start** (empty database: the command tree is synced) and **a
  restart** on the same database (the tree hash is unchanged, so the bot skips
  the sync, as it will on almost every real restart). The budget is checked on
  the slower of the two medians.
* **Idle RSS** of the bot process a moment after READY (psutil), beside the bare
  bot's, so the cost of our content, database and cogs is visible; and with a
  generated 1,000-file library, for context.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.common import (
    BotKind,
    Figure,
    figure,
    machine,
    new_emulator,
    render_table,
    rss_mb,
    start_bot,
    stop_all,
    workspace,
)
from bench.generate import generate, spec_for
from tests.emulator import BotProcess, Emulator

RUNS = 3
SETTLE_S = 1.0
"""How long the bot idles after READY before its memory is read (start-up garbage settles)."""


@dataclass(frozen=True)
class Start:
    synced_s: float | None
    ready_s: float
    rss_mb: float


def timings(emu: Emulator, process: BotProcess) -> tuple[float | None, float]:
    """(process start → command write, or None when the sync was skipped; → READY), seconds."""
    since = process.started_at
    state = emu.state
    ready = min(e.at for e in state.gateway_log if e.kind == "ready" and e.at >= since)
    writes = [at for at, _ in state.command_writes if at >= since]
    return (max(writes) - since if writes else None), ready - since


async def one_start(kind: BotKind, content: Path | None = None, *, restart: bool = False) -> list[Start]:
    """Start a bot (and, with ``restart``, stop it and start it again on the same database)."""
    found: list[Start] = []
    with workspace(content) as ws:
        async with new_emulator() as emu:
            emu.community()
            try:
                for _ in range(2 if restart else 1):
                    await stop_all(ws)
                    process = await start_bot(kind, emu, ws)
                    await asyncio.sleep(SETTLE_S)
                    assert process.pid is not None
                    synced, ready = timings(emu, process)
                    found.append(Start(synced, ready, rss_mb(process.pid)))
            finally:
                await stop_all(ws)
            if emu.violations:
                raise AssertionError(f"{kind} bot start-up: {emu.violations}")
    return found


@dataclass(frozen=True)
class Result:
    first: list[Start]
    again: list[Start]
    bare: list[Start]
    large_rss_mb: float
    large_ready_s: float

    def figures(self) -> list[Figure]:
        first_synced = statistics.median(s.synced_s for s in self.first if s.synced_s is not None)
        first_ready = statistics.median(s.ready_s for s in self.first)
        again_ready = statistics.median(s.ready_s for s in self.again)
        skipped = sum(1 for s in self.again if s.synced_s is None)
        rss = statistics.median(s.rss_mb for s in self.first + self.again)
        runs = f"median of {len(self.first)} runs"
        return [
            figure("start-up to commands synced, first start", first_synced, "s", note=runs),
            figure("start-up to READY, first start (sync included)", first_ready, "s", "startup_s"),
            figure(
                "start-up to READY, restart (sync skipped by hash)",
                again_ready,
                "s",
                "startup_s",
                note=f"{skipped} of {len(self.again)} restarts skipped the sync",
            ),
            figure("bare discord.py start-up to READY", statistics.median(s.ready_s for s in self.bare), "s"),
            figure("idle RSS after READY", rss, "MB", "idle_rss_mb", note="shipped content"),
            figure("bare discord.py idle RSS", statistics.median(s.rss_mb for s in self.bare), "MB"),
            figure("idle RSS, generated 1,000-file library", self.large_rss_mb, "MB"),
            figure("start-up to READY, generated 1,000-file library", self.large_ready_s, "s"),
        ]


async def measure(runs: int = RUNS, progress: Callable[[str], None] = lambda _: None) -> Result:
    first: list[Start] = []
    again: list[Start] = []
    bare: list[Start] = []
    for n in range(runs):
        ours = await one_start("ours", restart=True)
        first.append(ours[0])
        again.append(ours[1])
        bare += await one_start("bare")
        progress(f"start-up run {n + 1}/{runs}: ours {ours}, bare {bare[-1]}")
    with tempfile.TemporaryDirectory(prefix="lupus-bench-startup-") as tmp:
        tree = generate(Path(tmp) / "content", spec_for(files=1_000, total_bytes=5_000_000))
        large = (await one_start("ours", tree.root))[0]
    progress(f"start-up with {tree.files} files: {large}")
    return Result(first, again, bare, large.rss_mb, large.ready_s)


async def run(progress: Callable[[str], None] = lambda _: None) -> list[Figure]:
    """The figures ``python -m bench`` prints."""
    return (await measure(progress=progress)).figures()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.bench_startup", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args(argv)
    result = asyncio.run(measure(args.runs, progress=lambda line: print(line, file=sys.stderr)))
    print(machine())
    print(render_table(result.figures()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

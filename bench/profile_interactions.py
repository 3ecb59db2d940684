"""``make profile``: where our bot's time goes in a burst of interactions, as a short file.

Runs ``bench/bench_interactions.py`` in a short configuration (every kind, two
rounds of 200) with our bot under a sampling profiler, then writes the functions
of our own code (``bot/`` and ``cogs/``) that the samples found most often: by
self time (the sample was in that function) and by total time (it was on the
stack). Samples go to ``--raw`` too, in py-spy's collapsed-stack format, for a
flame graph.

The profiler is py-spy (in the test extra) when it can attach to the bot; it
samples from outside, so the bot runs at full speed. Where it cannot (no
``py-spy``, or ptrace refused), the bot runs under cProfile instead, which counts
every call and slows the bot down several times; the file says which one ran.
"""

from __future__ import annotations

import argparse
import asyncio
import pstats
import shutil
import signal
import sys
from collections import Counter
from collections.abc import Awaitable, Callable
from pathlib import Path

from bench.bench_interactions import KINDS, measure
from bench.common import REPO, machine

ROUNDS = 2
CONCURRENCY = 200
OURS = (str(REPO / "bot") + "/", str(REPO / "cogs") + "/", "bot/", "cogs/")
TOP = 40


def py_spy() -> str | None:
    here = Path(sys.executable).with_name("py-spy")
    return str(here) if here.exists() else shutil.which("py-spy")


def ours(frame: str) -> bool:
    """``function (path:line)`` in bot/ or cogs/ (not the venv's packages)."""
    start = frame.rfind("(")
    where = frame[start + 1 :] if start >= 0 else ""
    return "site-packages" not in where and any(where.startswith(p) or f"/{p}" in where for p in OURS)


def short(frame: str) -> str:
    return frame.replace(str(REPO) + "/", "")


def summarise_collapsed(raw: Path, top: int = TOP) -> list[str]:
    """Self and total samples per function of our code, from py-spy's collapsed stacks."""
    self_samples: Counter[str] = Counter()
    total_samples: Counter[str] = Counter()
    all_samples = 0
    for line in raw.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        all_samples += count
        frames = stack.split(";")
        mine = [f for f in frames if ours(f)]
        for frame in set(mine):
            total_samples[frame] += count
        if mine and frames[-1] == mine[-1]:
            self_samples[mine[-1]] += count
    if not all_samples:
        return ["no samples"]
    out = [f"{all_samples} samples of the bot's threads", "", "by self time (% of samples, function):"]
    out += [f"{n / all_samples * 100:6.2f} %  {short(f)}" for f, n in self_samples.most_common(top)]
    out += ["", "by total time (on the stack):"]
    out += [f"{n / all_samples * 100:6.2f} %  {short(f)}" for f, n in total_samples.most_common(top)]
    return out


def summarise_cprofile(path: Path, top: int = TOP) -> list[str]:
    stats = pstats.Stats(str(path))
    rows = []
    for (filename, line, name), (_, calls, tottime, cumtime, _) in stats.stats.items():  # type: ignore[attr-defined]
        if ours(f"{name} ({filename}:{line})"):
            rows.append((tottime, cumtime, calls, f"{name} ({short(filename)}:{line})"))
    out = ["by self time (seconds, calls, function; cProfile counts a coroutine's every resumption):"]
    out += [f"{t:8.3f} s {c:8d}  {f}" for t, _, c, f in sorted(rows, reverse=True)[:top]]
    out += ["", "by total time:"]
    out += [f"{ct:8.3f} s {c:8d}  {f}" for _, ct, c, f in sorted(rows, key=lambda r: -r[1])[:top]]
    return out


def sampler(tool: str, raw: Path) -> Callable[[int], Awaitable[Callable[[], Awaitable[bool]]]]:
    """Attach py-spy to the bot once it is up; the returned coroutine stops it (True if it sampled)."""

    async def attach(pid: int) -> Callable[[], Awaitable[bool]]:
        process = await asyncio.create_subprocess_exec(
            tool, "record", "--pid", str(pid), "--format", "raw", "--rate", "250",
            "--output", str(raw), "--nonblocking",
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip

        async def stop() -> bool:
            if process.returncode is None:
                process.send_signal(signal.SIGINT)
            _, err = await process.communicate()
            sampled = raw.exists()  # noqa: ASYNC240 - after the rounds
            if not sampled:
                print(f"py-spy did not sample: {err.decode(errors='replace')[-400:]}", file=sys.stderr)
            return sampled

        return stop

    return attach


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.profile_interactions", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--out", type=Path, default=REPO / "profile.txt")
    parser.add_argument("--raw", type=Path, default=REPO / "profile.collapsed.txt")
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--concurrency", type=int, default=CONCURRENCY)
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--cprofile", action="store_true", help="use cProfile even if py-spy is there")
    args = parser.parse_args(argv)
    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    tool = None if args.cprofile else py_spy()
    header = [machine(), f"{args.rounds} rounds of {args.concurrency} at once of: {', '.join(kinds)}", ""]

    def say(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    lines: list[str] = []
    if tool is not None:
        args.raw.unlink(missing_ok=True)
        result = asyncio.run(
            measure(
                rounds=args.rounds,
                concurrency=args.concurrency,
                kinds=kinds,
                attach=sampler(tool, args.raw),
                progress=say,
            )
        )
        if args.raw.exists():
            lines = [
                "profiler: py-spy (sampling, 250 Hz, from outside the bot)",
                *summarise_collapsed(args.raw),
            ]
    if not lines:
        prof = args.out.with_suffix(".prof")
        result = asyncio.run(
            measure(rounds=args.rounds, concurrency=args.concurrency, kinds=kinds, profile=prof, progress=say)
        )
        lines = ["profiler: cProfile (py-spy not installed or could not attach)", *summarise_cprofile(prof)]
    args.out.write_text("\n".join([*header, *lines, "", "the run's table:", result.table(), ""]), "utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

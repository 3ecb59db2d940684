"""Crisis screening speed: microseconds per message over the labelled corpus, and for long messages.

DESIGN.md budget: under 1 ms a message. Runs in-process (no bot, no emulator):

    python -m bench --only crisis
    python -m bench.bench_crisis          # just this, printed
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from bench.common import Figure, Spread, figure
from bot.crisis import screen
from tests.crisis_corpus import load_corpus

ROUNDS = 5
LONG_PARAGRAPH = (
    "Update on the flare: knees and wrists swollen again, pred back up to 20mg, the rash is creeping over my "
    "cheeks and I slept maybe four hours. Rheum says labs next week, insurance still arguing about benlysta. "
)


def _timed(texts: list[str], rounds: int) -> list[float]:
    """Microseconds per call of ``screen`` for each text, best of ``rounds`` (the machine's noise removed)."""
    best = [float("inf")] * len(texts)
    for _ in range(rounds):
        for i, text in enumerate(texts):
            started = time.perf_counter()
            screen(text)
            best[i] = min(best[i], (time.perf_counter() - started) * 1e6)
    return best


async def run(progress: Callable[[str], None]) -> list[Figure]:
    texts = [e.text for e in load_corpus()]
    screen("warm up")
    progress(f"screening {len(texts)} corpus messages x {ROUNDS}")
    per_message = _timed(texts, ROUNDS)
    spread = Spread.of(per_message)
    long_texts = [LONG_PARAGRAPH * n for n in (5, 10, 20)]  # ~1,000 / 2,000 / 4,000 characters
    long_us = _timed(long_texts, ROUNDS)
    progress(f"per message (µs): {spread}")
    return [
        figure("crisis screen mean", sum(per_message) / len(per_message), "µs", "crisis_screen_us"),
        figure("crisis screen p99", spread.p99, "µs", "crisis_screen_us"),
        figure("crisis screen, 2,000-char message", long_us[1], "µs", "crisis_screen_us"),
        figure("crisis screen, 4,000-char message", long_us[2], "µs", note="twice Discord's message limit"),
    ]


if __name__ == "__main__":
    for row in asyncio.run(run(print)):
        print(f"{row.name}: {row.shown()}")

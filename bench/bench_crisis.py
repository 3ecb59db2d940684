"""Crisis screening speed: microseconds per message over the labelled corpus, and for long messages.

DESIGN.md budget: under 1 ms a message. Runs in-process (no bot, no emulator):

    python -m bench --only crisis
    python -m bench.bench_crisis          # just this, printed
"""

from __future__ import annotations

import asyncio
import random
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


LONG_CHARS = 2_000
LONG_MESSAGES = 100


def long_messages(count: int = LONG_MESSAGES, size: int = LONG_CHARS, seed: int = 7) -> list[str]:
    """Messages of ``size`` characters made of distinct everyday corpus messages, one in three with a
    crisis message among them: unlike a paragraph said ten times, every sentence is new to the screen."""
    examples = load_corpus()
    everyday = [e.text.rstrip(".!? ") for e in examples if not e.is_crisis and e.language == "en"]
    crisis = [e.text.rstrip(".!? ") for e in examples if e.is_crisis and e.language == "en"]
    rng = random.Random(seed)
    messages: list[str] = []
    for n in range(count):
        parts: list[str] = []
        while sum(len(p) + 2 for p in parts) < size:
            parts.append(rng.choice(everyday))
        if n % 3 == 0:
            parts.insert(rng.randrange(len(parts)), rng.choice(crisis))
        messages.append(". ".join(parts)[:size])
    return messages


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
    progress(f"screening {LONG_MESSAGES} messages of {LONG_CHARS:,} characters, distinct sentences")
    distinct = Spread.of(_timed(long_messages(), ROUNDS))
    progress(f"2,000-char messages (µs): {distinct}")
    return [
        figure("crisis screen mean", sum(per_message) / len(per_message), "µs", "crisis_screen_us"),
        figure("crisis screen p99", spread.p99, "µs", "crisis_screen_us"),
        figure("crisis screen, 2,000-char message", long_us[1], "µs", "crisis_screen_us"),
        figure(
            "crisis screen, 2,000-char messages of distinct sentences, median",
            distinct.p50,
            "µs",
            note="every sentence new (the paragraph above repeats its two)",
        ),
        figure("crisis screen, 2,000-char messages of distinct sentences, p99", distinct.p99, "µs"),
        figure("crisis screen, 4,000-char message", long_us[2], "µs", note="twice Discord's message limit"),
    ]


if __name__ == "__main__":
    for row in asyncio.run(run(print)):
        print(f"{row.name}: {row.shown()}")

"""Simple, honest patterns: "On days with poor sleep, pain averaged 6.1 (other days 4.2)".

Observations only, never a cause: each line compares the days that had a
condition with the days that did not, and appears only when there are at least
three days on each side and the difference is at least one point. At most three
lines, the largest differences first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from bot.wording import tracking as words

MIN_DAYS_EACH_SIDE = 3
MIN_DIFFERENCE = 1.0
MAX_LINES = 3

Day = Mapping[str, float | None]

CONDITIONS: tuple[tuple[str, str, str, float], ...] = (
    # (label, measure, "<=" or ">=", threshold): a day "has" the condition when its value passes.
    (words.CONDITION_POOR_SLEEP, "sleep", "<=", 4),
    (words.CONDITION_HIGH_FATIGUE, "fatigue", ">=", 7),
    (words.CONDITION_MORNING_STIFFNESS, "stiffness", ">=", 5),
    (words.CONDITION_LOW_MOOD, "mood", "<=", 3),
    (words.CONDITION_FINISHED_ROUTINE, "routine", ">=", 1),
)
OUTCOMES: tuple[tuple[str, str], ...] = (
    ("pain", words.OUTCOME_PAIN),
    ("fatigue", words.OUTCOME_FATIGUE),
    ("stiffness", words.OUTCOME_STIFFNESS),
)
"""(measure, how the sentence names it)."""


@dataclass(frozen=True, slots=True)
class Pattern:
    condition: str
    outcome: str
    with_average: float
    without_average: float
    with_days: int
    without_days: int

    @property
    def text(self) -> str:
        return words.PATTERN.format(
            condition=self.condition,
            outcome=self.outcome,
            with_average=self.with_average,
            without_average=self.without_average,
            with_days=self.with_days,
            without_days=self.without_days,
        )


def find_patterns(days: Mapping[date, Day]) -> list[Pattern]:
    """At most three patterns over per-day values (a day maps measure -> that day's average)."""
    found: list[Pattern] = []
    for label, source, op, threshold in CONDITIONS:
        for outcome, noun in OUTCOMES:
            if outcome == source:
                continue
            with_values: list[float] = []
            without_values: list[float] = []
            for day in days.values():
                level, value = day.get(source), day.get(outcome)
                if level is None or value is None:
                    continue
                flag = level <= threshold if op == "<=" else level >= threshold
                (with_values if flag else without_values).append(float(value))
            if len(with_values) < MIN_DAYS_EACH_SIDE or len(without_values) < MIN_DAYS_EACH_SIDE:
                continue
            a = sum(with_values) / len(with_values)
            b = sum(without_values) / len(without_values)
            if abs(a - b) >= MIN_DIFFERENCE:
                found.append(Pattern(label, noun, a, b, len(with_values), len(without_values)))
    found.sort(key=lambda p: -abs(p.with_average - p.without_average))
    return found[:MAX_LINES]

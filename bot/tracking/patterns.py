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

MIN_DAYS_EACH_SIDE = 3
MIN_DIFFERENCE = 1.0
MAX_LINES = 3

Day = Mapping[str, float | None]

CONDITIONS: tuple[tuple[str, str, str, float], ...] = (
    # (label, measure, "<=" or ">=", threshold): a day "has" the condition when its value passes.
    ("poor sleep", "sleep", "<=", 4),
    ("high fatigue", "fatigue", ">=", 7),
    ("morning stiffness", "stiffness", ">=", 5),
    ("low mood", "mood", "<=", 3),
    ("a finished routine", "routine", ">=", 1),
)
OUTCOMES: tuple[tuple[str, str], ...] = (("pain", "pain"), ("fatigue", "fatigue"), ("stiffness", "stiffness"))


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
        return (
            f"On days with {self.condition}, {self.outcome} averaged {self.with_average:.1f} "
            f"(other days {self.without_average:.1f}; {self.with_days} and {self.without_days} days)."
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


REPORT_PATTERN_NOTE = "Observations from the patient's own records, with no cause implied."

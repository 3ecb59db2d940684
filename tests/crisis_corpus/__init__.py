"""The labelled crisis corpus and how the detector is measured on it.

``blind.yaml`` is the held-out split (written before the detector, never tuned
against); ``blind2.yaml`` is a second held-out split in other voices, written before the
concept rules and never tuned against (measured apart, not part of the corpus figures);
``blind3.yaml`` is a third, written before the multi-sentence work and measured apart the same way;
``blind5.yaml`` the latest, by a writer who never saw the detector, whose messages have never
been read (only its figures), measured apart too (``dev-writers-a2.yaml`` was ``blind4`` until its
misses were read and fixed); ``blind6.yaml`` is another such set, by a writer asked for a
broad cross-section; every other ``*.yaml`` here is the tuning split. Each file maps a
:class:`bot.crisis.Concern` value to languages to messages.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from bot.crisis import Concern, screen

CORPUS_DIR = Path(__file__).resolve().parent
HELD_OUT = "blind"
SECOND_HELD_OUT = "blind2"
THIRD_HELD_OUT = "blind3"
LATEST_HELD_OUT = "blind5"
SIXTH_HELD_OUT = "blind6"
HELD_OUT_SPLITS = (HELD_OUT, SECOND_HELD_OUT, THIRD_HELD_OUT, LATEST_HELD_OUT, SIXTH_HELD_OUT)
NOT_CRISIS = frozenset({Concern.NONE, Concern.EXERCISE_HURT})


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    concern: Concern
    language: str
    split: str  # "blind" / "blind2" / "blind3" / "blind5" / "blind6" (held out) or "dev"

    @property
    def is_crisis(self) -> bool:
        return self.concern not in NOT_CRISIS


def load_corpus() -> list[Example]:
    examples: list[Example] = []
    for path in sorted(CORPUS_DIR.glob("*.yaml")):
        split = path.stem if path.stem in HELD_OUT_SPLITS else "dev"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for concern, languages in data.items():
            for language, texts in languages.items():
                examples.extend(Example(str(t), Concern(concern), str(language), split) for t in texts)
    return examples


@dataclass(frozen=True, slots=True)
class Figures:
    """Recall (crisis messages shown the crisis card), false alarms (everyday ones shown it),
    concern accuracy (the exact concern and language), and mean screening time."""

    messages: int
    crises: int
    everyday: int
    recall: float
    false_alarm_rate: float
    concern_accuracy: float
    mean_us: float
    missed: tuple[str, ...]
    false_alarms: tuple[str, ...]

    def line(self) -> str:
        return (
            f"recall {self.recall:.3f}, false alarms {self.false_alarm_rate:.1%} on {self.messages} messages "
            f"({self.crises} crisis, {self.everyday} everyday)"
        )


def measure(examples: Iterable[Example]) -> Figures:
    examples = list(examples)
    hits = alarms = exact = 0
    missed: list[str] = []
    false_alarms: list[str] = []
    started = time.perf_counter()
    results = [screen(e.text) for e in examples]
    elapsed = time.perf_counter() - started
    for example, result in zip(examples, results, strict=True):
        if example.is_crisis:
            hits += result.is_crisis
            if not result.is_crisis:
                missed.append(example.text)
        else:
            alarms += result.is_crisis
            if result.is_crisis:
                false_alarms.append(example.text)
        exact += result.concern is example.concern and result.language == example.language
    crises = sum(e.is_crisis for e in examples)
    everyday = len(examples) - crises
    return Figures(
        messages=len(examples),
        crises=crises,
        everyday=everyday,
        recall=hits / crises if crises else 1.0,
        false_alarm_rate=alarms / everyday if everyday else 0.0,
        concern_accuracy=exact / len(examples) if examples else 1.0,
        mean_us=elapsed / len(examples) * 1e6 if examples else 0.0,
        missed=tuple(missed),
        false_alarms=tuple(false_alarms),
    )


# Where the corpus test leaves (corpus, held-out, second held-out) figures for the end-of-run summary
# (tests/conftest.py).
CRISIS_FIGURES = pytest.StashKey[tuple[Figures, Figures, Figures]]()

"""The check-in card's state, carried in its components' custom_ids (no Discord here).

Every pick on the card re-renders it with the new state written into every
custom_id, so nothing is kept in memory between taps, and a card left open
across a restart still saves what it shows. Encoding (fits in Discord's 100
characters with room to spare):

* measures: five characters, pain, fatigue, stiffness, sleep, mood, each
  ``0``–``9``, ``a`` (10) or ``-`` (not picked);
* symptoms: ``<id base 36><level>`` pairs joined by ``.``, level ``0``–``3``
  (none, mild, moderate, severe); a symptom not picked is left out; ``_`` when
  there are none.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from bot.storage.tracking import MEASURES

LEVELS: tuple[str, ...] = ("none", "mild", "moderate", "severe")
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
EMPTY_SYMPTOMS = "_"


def _b36(number: int) -> str:
    if number < 0:
        raise ValueError("ids are positive")
    text = ""
    while True:
        number, rest = divmod(number, 36)
        text = _DIGITS[rest] + text
        if number == 0:
            return text


@dataclass(frozen=True, slots=True)
class CardState:
    """What the card shows as picked: measure name -> 0..10, symptom id -> level 0..3."""

    measures: Mapping[str, int] = field(default_factory=dict)
    symptoms: Mapping[int, int] = field(default_factory=dict)

    def with_measure(self, name: str, value: int) -> CardState:
        if name not in MEASURES or not 0 <= value <= 10:
            raise ValueError("not a measure value")
        return replace(self, measures={**self.measures, name: value})

    def with_symptom(self, symptom_id: int, level: int) -> CardState:
        if not 0 <= level <= 3:
            raise ValueError("not a symptom level")
        return replace(self, symptoms={**self.symptoms, symptom_id: level})

    @property
    def picked(self) -> int:
        return len(self.measures) + len(self.symptoms)

    def encode(self) -> tuple[str, str]:
        """The two custom_id arguments: measures and symptoms."""
        measures = "".join(
            "-" if (v := self.measures.get(m)) is None else ("a" if v == 10 else str(v)) for m in MEASURES
        )
        pairs = [f"{_b36(sid)}{level}" for sid, level in sorted(self.symptoms.items())]
        return measures, ".".join(pairs) or EMPTY_SYMPTOMS

    @classmethod
    def decode(cls, measures: str, symptoms: str) -> CardState:
        """The state from custom_id arguments; ValueError when they were tampered with."""
        if len(measures) != len(MEASURES):
            raise ValueError("bad measures")
        picked: dict[str, int] = {}
        for name, char in zip(MEASURES, measures, strict=True):
            if char == "-":
                continue
            if char == "a":
                picked[name] = 10
            elif char.isdigit():
                picked[name] = int(char)
            else:
                raise ValueError("bad measure")
        levels: dict[int, int] = {}
        if symptoms != EMPTY_SYMPTOMS:
            for pair in symptoms.split("."):
                if len(pair) < 2 or pair[-1] not in "0123":
                    raise ValueError("bad symptom")
                levels[int(pair[:-1], 36)] = int(pair[-1])
        return cls(picked, levels)

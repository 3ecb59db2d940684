"""The check-in card (``/checkin``): its state rides in every custom_id (see :mod:`bot.tracking.card`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from bot.custom_ids.base import CustomId, Part, one_of
from bot.tracking.card import CardState

SYMPTOMS_ON_CARD = 10
"""``bot.tracking.service.MAX_SYMPTOMS``: the card holds at most this many symptoms."""
_PAIR = r"[0-9a-z]{1,6}[0-3]"
Measures = Annotated[str, Part(r"[0-9a-]{5}", "aaaaa")]
"""Five characters: pain, fatigue, stiffness, sleep, mood (``0``–``9``, ``a`` = 10, ``-`` not picked)."""
Symptoms = Annotated[
    str,
    Part(
        rf"_|{_PAIR}(?:\.{_PAIR}){{0,{SYMPTOMS_ON_CARD - 1}}}",
        ".".join(["zzzzzz3"] * SYMPTOMS_ON_CARD),
    ),
]
"""``<symptom id base 36><level>`` pairs joined by ``.``, or ``_`` (symptom ids below 36**6)."""


class CardStateId(CustomId):
    """Ids that carry the card's state; ``state`` decodes it (ValueError when tampered with)."""

    measures: str
    symptoms: str

    @property
    def state(self) -> CardState:
        return CardState.decode(self.measures, self.symptoms)


@dataclass(frozen=True)
class MeasureMenu(CardStateId, kind="ck:m"):
    """``lc:ck:m:<measure code>:<measures>:<symptoms>``: a 0–10 menu; the choice is the value."""

    code: Annotated[str, one_of("p", "f", "s", "l", "m")]
    measures: Measures
    symptoms: Symptoms


@dataclass(frozen=True)
class SymptomMenu(CardStateId, kind="ck:s"):
    """``lc:ck:s:<symptom id base 36>:<measures>:<symptoms>``: none/mild/moderate/severe."""

    symptom: Annotated[str, Part(r"[0-9a-z]{1,6}", "zzzzzz")]
    measures: Measures
    symptoms: Symptoms

    @property
    def symptom_id(self) -> int:
        return int(self.symptom, 36)


@dataclass(frozen=True)
class CardSave(CardStateId, kind="ck:save"):
    """``lc:ck:save:<measures>:<symptoms>``."""

    measures: Measures
    symptoms: Symptoms


@dataclass(frozen=True)
class CardNote(CardStateId, kind="ck:note"):
    """``lc:ck:note:<measures>:<symptoms>``: "Add a note" opens the note form."""

    measures: Measures
    symptoms: Symptoms


@dataclass(frozen=True)
class CardNoteForm(CardStateId, kind="ck:submit"):
    """``lc:ck:submit:<measures>:<symptoms>``: the note form coming back (a modal)."""

    measures: Measures
    symptoms: Symptoms


@dataclass(frozen=True)
class CardSame(CustomId, kind="ck:same"):
    """``lc:ck:same``: "Same as yesterday"."""


@dataclass(frozen=True)
class FlareAnswer(CustomId, kind="ck:flare"):
    """``lc:ck:flare:<yes|no>``: "Is this a flare?"."""

    answer: Annotated[str, one_of("yes", "no")]


@dataclass(frozen=True)
class CheckinNow(CustomId, kind="ck:open"):
    """``lc:ck:open``: "Check in now" on the daily check-in reminder (opens the card)."""


TRACKING: tuple[type[CustomId], ...] = (
    MeasureMenu,
    SymptomMenu,
    CardSave,
    CardNote,
    CardSame,
    FlareAnswer,
    CheckinNow,
)
TRACKING_FORMS: tuple[type[CustomId], ...] = (CardNoteForm,)

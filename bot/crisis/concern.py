"""What a screening found: the kind of concern, and the language to answer in."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Concern(StrEnum):
    """What the text is about. Everything but NONE and EXERCISE_HURT is a crisis."""

    NONE = "none"
    SUICIDE = "suicide"  # the writer may harm themselves, direct or indirect wording
    SELF_HARM = "self_harm"  # cutting, burning, hurting oneself on purpose
    OVERDOSE = "overdose"  # took or is saving pills: lead with emergency + poison control
    OTHER_PERSON = "other_person"  # someone else is at risk: a helping-someone reply
    EXERCISE_HURT = "exercise_hurt"  # "I hurt myself stretching": the It-hurts help, not crisis


@dataclass(frozen=True, slots=True)
class Screening:
    concern: Concern = Concern.NONE
    language: str = "en"  # "en" or "es": which wording the reply should lead with

    @property
    def is_crisis(self) -> bool:
        return self.concern not in (Concern.NONE, Concern.EXERCISE_HURT)

"""Crisis detector: what a piece of free text tells us about the writer's safety.

Interface used by every free-text path (DMs, search, forms, text options):
``screen(text, extra_phrases=()) -> Screening``. ``extra_phrases`` are the
content's own crisis phrases (``safety.yaml``), which count as well.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from bot.safety import mentions_crisis

DEFAULT_PHRASES: tuple[str, ...] = (
    "kill myself",
    "want to die",
    "suicide",
    "suicidal",
    "end my life",
    "self harm",
)


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


NO_CONCERN = Screening()


def screen(text: str, extra_phrases: Iterable[str] = ()) -> Screening:
    """Screen one piece of member text. Placeholder: the old phrase matcher."""
    phrases = (*DEFAULT_PHRASES, *extra_phrases)
    if mentions_crisis(text, phrases):
        return Screening(Concern.SUICIDE)
    return NO_CONCERN

"""The phrase-family type of the crisis lexicon, and the word-set builder its guards use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.crisis.concern import Concern
from bot.crisis.normalize import squeeze

Person = Literal["self", "other"]


@dataclass(frozen=True, slots=True)
class Family:
    """Phrasings of one concern. A match counts unless one of the family's guards says otherwise."""

    name: str
    concern: Concern
    patterns: tuple[str, ...]
    language: str = "en"
    negatable: bool = False  # "I don't want to die" is not "I want to die"
    veto: frozenset[str] = frozenset()  # words in the same sentence that make it everyday talk
    person: Person | None = None  # fixed; None = from the words (herself, my friend, she ...)
    default_person: Person = "self"  # when the words do not say


def words(text: str) -> frozenset[str]:
    """A set of words, squeezed like the token stream ("coffee" is "cofe")."""
    return frozenset(squeeze(w) for w in text.split())

"""The crisis detector's knowledge, assembled: word classes, guard words and phrase families.

Each part lives in a module of its own:

- :mod:`bot.crisis.family`: the :class:`Family` type and the :func:`words` set builder;
- :mod:`bot.crisis.word_classes`: the ``@NAME`` word classes patterns are written in;
- :mod:`bot.crisis.guards`: negators, everyday-context vetoes, person and language hints;
- ``bot.crisis.families_*``: the phrase families, one module per kind of concern
  (suicide, hopelessness, goodbyes and plans, warning signs, self-harm, overdose, Spanish).

Patterns use the small language of :mod:`bot.crisis.patterns` over the canonical tokens of
:mod:`bot.crisis.normalize`. To add a phrase family, see docs/crisis-detector.md.
"""

from __future__ import annotations

from bot.crisis.families_es import SPANISH_FAMILIES
from bot.crisis.families_goodbye import GOODBYE_FAMILIES
from bot.crisis.families_hopeless import HOPELESS_FAMILIES
from bot.crisis.families_overdose import OVERDOSE_FAMILIES
from bot.crisis.families_self_harm import SELF_HARM_FAMILIES
from bot.crisis.families_suicide import SUICIDE_FAMILIES
from bot.crisis.families_warning import SPANISH_WARNING_FAMILIES, WARNING_FAMILIES
from bot.crisis.family import Family, Person, words
from bot.crisis.guards import (
    ACCIDENT,
    ENGLISH_HINTS,
    EXERCISE,
    EXERCISE_NAMES,
    FIRST_PERSON,
    INJURY,
    NEGATION_BRIDGE,
    NEGATORS,
    OTHER_INSIDE,
    OTHER_PEOPLE,
    SPANISH_HINTS,
)
from bot.crisis.word_classes import CLASSES

__all__ = [
    "ACCIDENT",
    "CLASSES",
    "ENGLISH_HINTS",
    "EXERCISE",
    "EXERCISE_NAMES",
    "FAMILIES",
    "FIRST_PERSON",
    "INJURY",
    "NEGATION_BRIDGE",
    "NEGATORS",
    "OTHER_INSIDE",
    "OTHER_PEOPLE",
    "SPANISH_HINTS",
    "Family",
    "Person",
    "words",
]

# The order is the order the detector tries them in (the first family of the most urgent concern
# gives the language of the answer): suicide, self-harm, overdose, then Spanish.
FAMILIES: tuple[Family, ...] = (
    *SUICIDE_FAMILIES,
    *HOPELESS_FAMILIES,
    *GOODBYE_FAMILIES,
    *WARNING_FAMILIES,
    *SELF_HARM_FAMILIES,
    *OVERDOSE_FAMILIES,
    *SPANISH_FAMILIES,
    *SPANISH_WARNING_FAMILIES,
)

"""Every piece of text a member typed into one interaction, found in its raw payload (no Discord).

Walking the payload rather than asking each command means a new slash option or a new
form field is screened the day it is added: there is nothing to remember to call.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from bot.crisis.detector import Concern, Screening

STRING_OPTION = 3
"""Discord's application-command option type for a string."""

SEVERITY: tuple[Concern, ...] = (
    Concern.OVERDOSE,
    Concern.SUICIDE,
    Concern.SELF_HARM,
    Concern.OTHER_PERSON,
    Concern.EXERCISE_HURT,
    Concern.NONE,
)
"""When one interaction holds several texts, the card answers the most urgent."""


def command_texts(options: Sequence[Any]) -> list[str]:
    """The values of every string option, inside subcommands and groups too."""
    found: list[str] = []
    for option in options:
        if not isinstance(option, Mapping):
            continue
        if option.get("type") == STRING_OPTION and isinstance(option.get("value"), str):
            found.append(option["value"])
        found.extend(command_texts(option.get("options") or ()))
    return found


def form_texts(components: Sequence[Any]) -> list[str]:
    """The values of every text input of a submitted form, whatever layout holds them."""
    found: list[str] = []
    for component in components:
        if not isinstance(component, Mapping):
            continue
        if isinstance(component.get("value"), str):
            found.append(component["value"])
        inner = component.get("components") or ([component["component"]] if "component" in component else [])
        found.extend(form_texts(inner))
    return found


def interaction_texts(data: Mapping[str, Any] | None) -> list[str]:
    """Free text in a slash command's or a form's payload (empty for buttons and selects)."""
    if not data:
        return []
    return [
        t for t in (*command_texts(data.get("options") or ()), *form_texts(data.get("components") or ())) if t
    ]


def dm_answer(screening: Screening) -> str:
    """What a plain DM gets: ``card`` (a crisis: the card, and nothing after it), ``hurt`` ("I hurt
    myself stretching": the It-hurts help, not the crisis card) or ``menu``."""
    if screening.is_crisis:
        return "card"
    return "hurt" if screening.concern is Concern.EXERCISE_HURT else "menu"


def most_urgent(screenings: Iterable[Screening]) -> Screening:
    """The screening the reply should answer: the most urgent concern found."""
    return min(screenings, key=lambda s: SEVERITY.index(s.concern), default=Screening())

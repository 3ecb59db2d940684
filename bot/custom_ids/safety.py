"""Safety: the safety plan (its two parts and their forms), the crisis card, the "It hurts" card."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from bot.custom_ids.base import CustomId, Part, one_of

PartNumber = Annotated[int, Part(r"[12]", "2")]


@dataclass(frozen=True)
class PlanView(CustomId, kind="plan:view"):
    """``lc:plan:view:<part>``: show part 1 or 2 of the safety plan."""

    part: PartNumber


@dataclass(frozen=True)
class PlanEdit(CustomId, kind="plan:edit"):
    """``lc:plan:edit:<part>``: open the form for that part."""

    part: PartNumber


@dataclass(frozen=True)
class PlanForm(CustomId, kind="plan:save"):
    """``lc:plan:save:<part>``: that part's form coming back."""

    part: PartNumber


@dataclass(frozen=True)
class CrisisAction(CustomId, kind="crisis"):
    """``lc:crisis:<lines|ground|plan|handoff>``: the crisis card's actions (and the DM's Crisis lines)."""

    action: Annotated[str, one_of("lines", "ground", "plan", "handoff")]


@dataclass(frozen=True)
class CrisisRegionChoice(CustomId, kind="crisis:region"):
    """``lc:crisis:region:<code>:<concern>:<language>``: where the member lives; the card keeps its words."""

    code: Annotated[str, Part(r"[A-Z]{2}|INTL", "INTL")]
    concern: Annotated[str, Part(r"[a-z_]{1,16}", "x" * 16)]
    language: Annotated[str, Part(r"[a-z]{2}", "es")]


@dataclass(frozen=True)
class HurtAdvice(CustomId, kind="hurt"):
    """``lc:hurt:<emergency|care>``: the "It hurts" card's buttons."""

    which: Annotated[str, one_of("emergency", "care")]


SAFETY: tuple[type[CustomId], ...] = (PlanView, PlanEdit, CrisisAction, CrisisRegionChoice, HurtAdvice)
SAFETY_FORMS: tuple[type[CustomId], ...] = (PlanForm,)

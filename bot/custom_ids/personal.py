"""Personal: check-ins, the journal, reminders, privacy, medicines, the report, the DM menu,
the safety plan, the crisis card, the "It hurts" card and the check-in card."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from bot.custom_ids.base import CustomId, Part, one_of
from bot.custom_ids.parts import RowId, UserId

# --- check-in form, journal, reminders, privacy, medicines, report, DM menu ----------------------


@dataclass(frozen=True)
class CheckinOpen(CustomId, kind="checkin:open"):
    """``lc:checkin:open``: "Check in now" / "Fix my check-in" reopen the check-in form."""


@dataclass(frozen=True)
class CheckinForm(CustomId, kind="checkin:submit"):
    """``lc:checkin:submit``: the check-in form coming back (a modal)."""


@dataclass(frozen=True)
class JournalView(CustomId, kind="journal"):
    """``lc:journal:<days>``: "See my journal"."""

    days: Annotated[int, Part(r"[0-9]{1,3}", "999")]


Which = Annotated[str | None, Part(r"stretch|checkin", "checkin", optional=True)]


@dataclass(frozen=True)
class ReminderAction(CustomId, kind="remind"):
    """``lc:remind:<stop|off|keep|snooze|skip>:<stretch|checkin>``. Stop only asks; ``off`` stops.
    Buttons sent before the check-in reminder name no reminder (the stretch one); ``lc:remind:off``
    from before Stop asked first asks too."""

    action: Annotated[str, one_of("stop", "off", "keep", "snooze", "skip")]
    which: Which = None


@dataclass(frozen=True)
class PrivacyChoice(CustomId, kind="privacy"):
    """``lc:privacy:<delete|cancel>:<user id>``: only the member it was shown to may press it."""

    action: Annotated[str, one_of("delete", "cancel")]
    owner: UserId


@dataclass(frozen=True)
class DoseAnswer(CustomId, kind="med"):
    """``lc:med:<taken|skipped|snooze>:<reminder id>`` on a medicine reminder DM."""

    action: Annotated[str, one_of("taken", "skipped", "snooze")]
    reminder_id: RowId


@dataclass(frozen=True)
class QuestionsOpen(CustomId, kind="rq:open"):
    """``lc:rq:open``: "Edit my questions" for the doctor's report."""


@dataclass(frozen=True)
class QuestionsForm(CustomId, kind="rq:save"):
    """``lc:rq:save``: the questions form coming back."""


@dataclass(frozen=True)
class DmMenu(CustomId, kind="menu"):
    """``lc:menu:<stretch|resources|help>``: the DM menu's buttons."""

    choice: Annotated[str, one_of("stretch", "resources", "help")]


# --- safety plan, crisis card, "It hurts" --------------------------------------------------------

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


PERSONAL: tuple[type[CustomId], ...] = (
    CheckinOpen,
    JournalView,
    ReminderAction,
    PrivacyChoice,
    DoseAnswer,
    QuestionsOpen,
    DmMenu,
    PlanView,
    PlanEdit,
    CrisisAction,
    CrisisRegionChoice,
    HurtAdvice,
)
PERSONAL_FORMS: tuple[type[CustomId], ...] = (CheckinForm, QuestionsForm, PlanForm)

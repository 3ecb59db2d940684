"""Personal tools: the check-in form, the journal, reminders, privacy, medicines, the doctor's
report and the DM menu. (The check-in card is in :mod:`bot.custom_ids.tracking`.)"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from bot.custom_ids.base import CustomId, Part, one_of
from bot.custom_ids.parts import RowId, UserId


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


PERSONAL: tuple[type[CustomId], ...] = (
    CheckinOpen,
    JournalView,
    ReminderAction,
    PrivacyChoice,
    DoseAnswer,
    QuestionsOpen,
    DmMenu,
)
PERSONAL_FORMS: tuple[type[CustomId], ...] = (CheckinForm, QuestionsForm)

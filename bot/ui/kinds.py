"""One ``discord.ui.DynamicItem`` per kind of button or select (discord.py's idiom for
components that outlive the process).

Each class here wraps one id class of :mod:`bot.custom_ids`: its template is that
class's wire template, ``from_custom_id`` parses the press into the class's typed
arguments, and ``callback`` hands them (and, for a select, the values chosen) to the
handler a cog registered on :data:`bot.ui.router.ROUTER`. :class:`Unknown`
matches exactly the custom_ids no kind matches, so every press gets one answer.
Register them all with ``bot.add_dynamic_items(*DYNAMIC_ITEMS)``.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar, Generic, Self, TypeVar

import discord
from discord import ui

from bot.custom_ids import COMPONENTS, CustomId
from bot.custom_ids import personal as p
from bot.custom_ids import reading as r
from bot.custom_ids import routines as rt
from bot.custom_ids import safety as sf
from bot.custom_ids import tracking as t
from bot.ui.errors import send_notice
from bot.ui.router import EXPIRED, ROUTER

IdT = TypeVar("IdT", bound=CustomId)
_ITEM_OF: dict[type[CustomId], type[Kind[Any]]] = {}


class Kind(ui.DynamicItem[ui.Button[Any]], Generic[IdT], template=r"(?!)"):
    """Base of the dynamic items: subclass as ``class X(Kind[SomeId], ids=SomeId)``."""

    ids: ClassVar[type[CustomId]]

    def __init_subclass__(cls, *, ids: type[CustomId], **kwargs: Any) -> None:
        super().__init_subclass__(template=ids.TEMPLATE, **kwargs)
        cls.ids = ids
        _ITEM_OF[ids] = cls

    def __init__(self, item: ui.Item[Any], args: IdT) -> None:
        super().__init__(item)  # type: ignore[arg-type]
        self.args = args

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: ui.Item[Any], match: re.Match[str], /
    ) -> Self:
        return cls(item, cls.ids.from_match(match))  # type: ignore[arg-type]

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        values = tuple(getattr(self.item, "values", ()) or ())
        await ROUTER.dispatch(interaction, self.args, values)


# --- reading -----------------------------------------------------------------------------------
class ReadPageButton(Kind[r.ReadPage], ids=r.ReadPage): ...


class SectionMenuSelect(Kind[r.SectionMenu], ids=r.SectionMenu): ...


class ArticleSourcesButton(Kind[r.ArticleSources], ids=r.ArticleSources): ...


class TopicSourcesButton(Kind[r.TopicSources], ids=r.TopicSources): ...


class ResourcePageButton(Kind[r.ResourcePage], ids=r.ResourcePage): ...


class ResourceJumpSelect(Kind[r.ResourceJump], ids=r.ResourceJump): ...


class ShareArticleButton(Kind[r.ShareArticle], ids=r.ShareArticle): ...


class ShareTopicButton(Kind[r.ShareTopic], ids=r.ShareTopic): ...


class PostArticleButton(Kind[r.PostArticle], ids=r.PostArticle): ...


class PostTopicButton(Kind[r.PostTopic], ids=r.PostTopic): ...


class UnshareButton(Kind[r.Unshare], ids=r.Unshare): ...


class OpenRefButton(Kind[r.OpenRef], ids=r.OpenRef): ...


class OpenMenuSelect(Kind[r.OpenMenu], ids=r.OpenMenu): ...


class RefMenuSelect(Kind[r.RefMenu], ids=r.RefMenu): ...


class LibraryButton(Kind[r.LibraryPage], ids=r.LibraryPage): ...


class HelpButton(Kind[r.HelpPage], ids=r.HelpPage): ...


class PrivacyNoticeButton(Kind[r.PrivacyNotice], ids=r.PrivacyNotice): ...


# --- routines ----------------------------------------------------------------------------------
class SessionPressButton(Kind[rt.SessionPress], ids=rt.SessionPress): ...


class RoutineMenuSelect(Kind[rt.RoutineMenu], ids=rt.RoutineMenu): ...


class RoutineIntroButton(Kind[rt.RoutineIntro], ids=rt.RoutineIntro): ...


class RoutineStartButton(Kind[rt.RoutineStart], ids=rt.RoutineStart): ...


class RoutineAckButton(Kind[rt.RoutineAck], ids=rt.RoutineAck): ...


class AutoAdvanceButton(Kind[rt.AutoAdvance], ids=rt.AutoAdvance): ...


class RoutineListButton(Kind[rt.RoutineList], ids=rt.RoutineList): ...


class SessionResumeButton(Kind[rt.SessionResume], ids=rt.SessionResume): ...


class SessionAbandonButton(Kind[rt.SessionAbandon], ids=rt.SessionAbandon): ...


class PainAnswerButton(Kind[rt.PainAnswer], ids=rt.PainAnswer): ...


class RoutineNotesButton(Kind[rt.RoutineNotes], ids=rt.RoutineNotes): ...


class RoutineSourcesButton(Kind[rt.RoutineSources], ids=rt.RoutineSources): ...


# --- personal, safety --------------------------------------------------------------------------
class CheckinOpenButton(Kind[p.CheckinOpen], ids=p.CheckinOpen): ...


class JournalButton(Kind[p.JournalView], ids=p.JournalView): ...


class ReminderActionButton(Kind[p.ReminderAction], ids=p.ReminderAction): ...


class PrivacyButton(Kind[p.PrivacyChoice], ids=p.PrivacyChoice): ...


class DoseAnswerButton(Kind[p.DoseAnswer], ids=p.DoseAnswer): ...


class QuestionsButton(Kind[p.QuestionsOpen], ids=p.QuestionsOpen): ...


class DmMenuButton(Kind[p.DmMenu], ids=p.DmMenu): ...


class PlanViewButton(Kind[sf.PlanView], ids=sf.PlanView): ...


class PlanEditButton(Kind[sf.PlanEdit], ids=sf.PlanEdit): ...


class CrisisButton(Kind[sf.CrisisAction], ids=sf.CrisisAction): ...


class CrisisRegionButton(Kind[sf.CrisisRegionChoice], ids=sf.CrisisRegionChoice): ...


class HurtButton(Kind[sf.HurtAdvice], ids=sf.HurtAdvice): ...


# --- the check-in card -------------------------------------------------------------------------
class MeasureSelect(Kind[t.MeasureMenu], ids=t.MeasureMenu): ...


class SymptomSelect(Kind[t.SymptomMenu], ids=t.SymptomMenu): ...


class CardSaveButton(Kind[t.CardSave], ids=t.CardSave): ...


class CardNoteButton(Kind[t.CardNote], ids=t.CardNote): ...


class CardSameButton(Kind[t.CardSame], ids=t.CardSame): ...


class FlareButton(Kind[t.FlareAnswer], ids=t.FlareAnswer): ...


class CheckinNowButton(Kind[t.CheckinNow], ids=t.CheckinNow): ...


KINDS: tuple[type[Kind[Any]], ...] = tuple(_ITEM_OF.values())
"""Every dynamic item above (one per id class in :data:`bot.custom_ids.COMPONENTS`)."""


def item_for(ids: CustomId, item: ui.Item[Any]) -> Kind[Any]:
    """``item`` (whose custom_id is ``ids``'s) as the dynamic item of its kind."""
    return _ITEM_OF[type(ids)](item, ids)


class Unknown(
    ui.DynamicItem[ui.Button[Any]],
    template=r"(?s)(?!(?:" + "|".join(k.SHAPE for k in COMPONENTS) + r")\Z).*",
):
    """Anything that is not ours or no longer exists: answer kindly instead of failing.

    Its template matches exactly what no kind matches (``(?s)`` and ``\\Z``: a
    custom_id may hold any character, a newline included, and one that matched no
    template at all would get Discord's "This interaction failed").
    """

    def __init__(self, item: ui.Item[Any]) -> None:
        super().__init__(item)  # type: ignore[arg-type]

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: ui.Item[Any], match: re.Match[str], /
    ) -> Unknown:
        return cls(item)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await send_notice(interaction, EXPIRED)


DYNAMIC_ITEMS: tuple[type[ui.DynamicItem[Any]], ...] = (*KINDS, Unknown)

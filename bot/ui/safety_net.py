"""The one screening step every piece of member text goes through, before anything else answers it.

Three doors, one step: the command tree's ``interaction_check`` (every slash command's
string options), the client's ``on_interaction`` (every submitted form, whatever its
fields), and the DM listener (plain messages). When the text shows a crisis, the crisis
card is the first reply (private in servers); the command or form still runs, so what
the member asked to keep is kept, but nothing else follows the card unless the reply
says their input was kept (``Reply.after_crisis``). The text is never stored or logged.
"""

from __future__ import annotations

import logging
import secrets
import weakref
from collections.abc import Iterable
from typing import Any, Protocol

import discord

from bot.content.library import Library
from bot.crisis import Screening, screen
from bot.crisis.free_text import interaction_texts, most_urgent
from bot.crisis.regions import crisis_region
from bot.crisis.safety_plan import SafetyPlan
from bot.storage.prefs import Prefs
from bot.ui.crisis import CardOptions, crisis_card
from bot.ui.reply import CRISIS_SHOWN, Reply, message_kwargs, send

log = logging.getLogger(__name__)

SCREENED_TYPES = (discord.InteractionType.application_command, discord.InteractionType.modal_submit)


class _Content(Protocol):
    @property
    def library(self) -> Library: ...


class _Prefs(Protocol):
    async def get(self, user_id: int) -> Prefs: ...


class _Plans(Protocol):
    async def get(self, user_id: int) -> SafetyPlan | None: ...


_IDS: weakref.WeakKeyDictionary[Library, frozenset[str]] = weakref.WeakKeyDictionary()


def content_ids(library: Library) -> frozenset[str]:
    """Every article, section, routine and resource topic id of a library snapshot (made once)."""
    ids = _IDS.get(library)
    if ids is None:
        found = {*library.articles, *library.routines, *library.topics}
        found.update(s.id for a in library.articles.values() for s in a.sections)
        ids = _IDS[library] = frozenset(found)
    return ids


class SafetyNet:
    """Screens member text and answers a crisis with the card for the member's region."""

    def __init__(
        self,
        content: _Content,
        prefs: _Prefs,
        plans: _Plans,
        *,
        default_region: str,
        support_channel_id: int | None,
    ) -> None:
        self._content = content
        self._prefs = prefs
        self._plans = plans
        self.default_region = default_region
        self.support_channel_id = support_channel_id

    def screen(self, texts: Iterable[str]) -> Screening:
        """The most urgent concern in ``texts``. A screening failure is logged (never the text)
        and counts as no concern, so a bug here cannot take every command down with it."""
        library = self._content.library
        phrases = library.safety.crisis.phrases
        ids = content_ids(library)
        try:
            # An option that is exactly a content id (picked from autocomplete, or a button's
            # /read) is the library's own word, not the member's: nothing to screen.
            return most_urgent(screen(text, extra_phrases=phrases) for text in texts if text not in ids)
        except Exception:
            log.exception("error %s while screening text", secrets.token_hex(4))
            return Screening()

    async def card(self, user_id: int, screening: Screening, region: str | None = None) -> Reply:
        """The crisis card for this member: their region (or ``region``), their plan, the handoff."""
        try:
            prefs = await self._prefs.get(user_id)
            plan = await self._plans.get(user_id)
        except Exception:
            # The card must go out even if storage is failing: the community's region, no plan button.
            log.exception("error %s while reading card preferences", secrets.token_hex(4))
            prefs, plan = Prefs(user_id), None
        options = CardOptions(
            has_plan=plan is not None and not plan.is_empty,
            handoff=self.support_channel_id is not None,
        )
        chosen = crisis_region(region or prefs.crisis_region, self.default_region)
        return crisis_card(self._content.library, screening, chosen, options)

    async def check_interaction(self, interaction: discord.Interaction[Any]) -> Screening | None:
        """Screen a slash command's string options or a form's fields; answer a crisis first."""
        if interaction.type not in SCREENED_TYPES:
            return None
        texts = interaction_texts(interaction.data)
        if not texts:
            return None
        screening = self.screen(texts)
        if not screening.is_crisis:
            return None
        try:
            reply = await self.card(interaction.user.id, screening)
            reply.after_crisis = True
            await send(interaction, reply)
        except discord.HTTPException as exc:
            log.warning("could not deliver the crisis card (status %s)", exc.status)
            return None
        interaction.extras[CRISIS_SHOWN] = screening
        return screening

    async def check_message(self, message: discord.Message) -> Screening:
        """Screen a plain DM; on a crisis, the card is sent to that DM (and nothing cheerful after it)."""
        screening = self.screen([message.content])
        if screening.is_crisis:
            reply = await self.card(message.author.id, screening)
            await message.channel.send(**message_kwargs(reply))
        return screening

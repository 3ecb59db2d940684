"""/checkin (the three-tap card), /symptoms and /flare: a thin adapter over ``bot.tracking``.

Health data: every reply is private (ephemeral in a server, plain only in the
bot's own DM) and nothing here logs values or text. Free text (a note, a
symptom name, a flare note) is crisis-screened by the safety net before any of this runs
(``bot.ui.safety_net``); after a crisis card, only replies saying what was kept follow it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import logsafety
from bot.clock import utcnow
from bot.custom_ids import tracking as ids
from bot.fairuse import CHECKINS, wait_words
from bot.journal.checkin_form import NOTE_MAX, CheckinProblems, clean_note, parse_checkin
from bot.tracking.card import CardState
from bot.tracking.service import NeedsPain, TrackingService, clean_symptom_name
from bot.ui import journal as journal_ui
from bot.ui import tracking as render
from bot.ui.components import open_modal
from bot.ui.errors import UserFacingError
from bot.ui.reply import NO_MENTIONS, Reply, crisis_shown, send, wants_ephemeral
from bot.ui.transformers import OwnSymptom, SymptomIdea, starter_symptoms
from bot.wording import tracking as words

if TYPE_CHECKING:
    from bot.client import LupusBot

FLARE_NOTE_MAX = 500


class Tracking(commands.Cog):
    symptoms = app_commands.Group(name="symptoms", description="Your own symptoms to track (up to 10)")
    flare = app_commands.Group(name="flare", description="Mark the start or end of a flare")

    def __init__(self, bot: LupusBot) -> None:
        self.bot = bot
        router = bot.router
        router.on_choose(ids.MeasureMenu, self.on_measure)
        router.on_choose(ids.SymptomMenu, self.on_symptom)
        router.on_press(ids.CardSave, self.on_save)
        router.on_press(ids.CardNote, self.on_note)
        router.on_submit(ids.CardNoteForm, self.on_note_saved)
        router.on_press(ids.CardSame, self.on_same)
        router.on_press(ids.FlareAnswer, self.on_flare)
        router.on_press(ids.CheckinNow, self.on_checkin_now)

    async def cog_unload(self) -> None:
        self.bot.router.unregister(*ids.TRACKING, *ids.TRACKING_FORMS)

    def now(self) -> datetime:
        return utcnow(self.bot.clock)

    @property
    def service(self) -> TrackingService:
        return self.bot.services.tracking

    # --- /checkin --------------------------------------------------------------------------------

    @app_commands.command(name="checkin", description="A quick private check-in: pain, fatigue and more")
    async def checkin(self, interaction: discord.Interaction[Any]) -> None:
        await self.show_card(interaction)

    async def show_card(self, interaction: discord.Interaction[Any]) -> None:
        """A fresh check-in card (``/checkin``, and "Check in now" on the daily reminder)."""
        user_id = interaction.user.id
        card = render.checkin_card(
            CardState(),
            await self.service.symptoms(user_id),
            has_yesterday=await self.service.yesterday(user_id) is not None,
        )
        await interaction.response.send_message(
            view=card, ephemeral=wants_ephemeral(interaction, Reply()), allowed_mentions=NO_MENTIONS
        )

    # --- the card's components: each carries the card's state (``bot.custom_ids.tracking``) ----

    async def on_measure(
        self, interaction: discord.Interaction[Any], menu: ids.MeasureMenu, chosen: str
    ) -> None:
        state = _state(menu)
        if not chosen:
            raise UserFacingError(words.CARD_STALE)
        await self.redraw(
            interaction, state.with_measure(render.MEASURE_CODES[menu.code], _int(chosen, 0, 10))
        )

    async def on_symptom(
        self, interaction: discord.Interaction[Any], menu: ids.SymptomMenu, chosen: str
    ) -> None:
        state = _state(menu)
        if not chosen:
            raise UserFacingError(words.CARD_STALE)
        await self.redraw(interaction, state.with_symptom(menu.symptom_id, _int(chosen, 0, 3)))

    async def on_save(self, interaction: discord.Interaction[Any], press: ids.CardSave) -> None:
        await self.save(interaction, _state(press))

    async def on_note(self, interaction: discord.Interaction[Any], press: ids.CardNote) -> None:
        await open_modal(interaction, render.note_modal(_state(press)))

    async def on_note_saved(
        self, interaction: discord.Interaction[Any], form: ids.CardNoteForm, fields: Mapping[str, str]
    ) -> None:
        await self.save_with_note(interaction, _state(form), fields)

    async def on_same(self, interaction: discord.Interaction[Any], press: ids.CardSame) -> None:
        await self.save_same(interaction)

    async def on_flare(self, interaction: discord.Interaction[Any], press: ids.FlareAnswer) -> None:
        await self.on_flare_answer(interaction, press.answer)

    async def on_checkin_now(self, interaction: discord.Interaction[Any], press: ids.CheckinNow) -> None:
        """ "Check in now" on the daily check-in reminder: the card, as ``/checkin`` shows it."""
        await self.show_card(interaction)

    async def redraw(self, interaction: discord.Interaction[Any], state: CardState) -> None:
        if not _on_card(interaction):
            raise UserFacingError(words.CARD_STALE)
        user_id = interaction.user.id
        card = render.checkin_card(
            state,
            await self.service.symptoms(user_id),
            has_yesterday=await self.service.yesterday(user_id) is not None,
        )
        await interaction.response.edit_message(view=card, allowed_mentions=NO_MENTIONS)

    async def save(
        self,
        interaction: discord.Interaction[Any],
        state: CardState,
        *,
        note: str | None = None,
        for_doctor: bool = False,
    ) -> None:
        user_id = interaction.user.id
        if "pain" not in state.measures:
            raise UserFacingError(render.needs_pain())
        if wait := self.bot.services.fair_use.wait_s(CHECKINS, user_id):
            # The same per-member limit as the check-in form; nothing is stored, the card stays.
            await send(interaction, journal_ui.checkin_slow_down(wait_words(wait)))
            return
        try:
            saved = await self.service.save(user_id, state, now=self.now(), note=note, for_doctor=for_doctor)
        except NeedsPain:
            raise UserFacingError(render.needs_pain()) from None
        if crisis_shown(interaction):  # the crisis card answered first: no card, no cheer, just "kept"
            await send(interaction, render.checkin_kept(saved.checkin))
            return
        view = render.checkin_saved(saved.checkin, saved.symptoms, ask_flare=saved.ask_flare)
        if _on_card(interaction):
            await interaction.response.edit_message(view=view, allowed_mentions=NO_MENTIONS)
        else:  # from a form, or a button that is not on a card: a new private message
            await interaction.response.send_message(
                view=view, ephemeral=wants_ephemeral(interaction, Reply()), allowed_mentions=NO_MENTIONS
            )

    async def save_same(self, interaction: discord.Interaction[Any]) -> None:
        state = await self.service.yesterday(interaction.user.id)
        if state is None:
            raise UserFacingError(render.nothing_to_copy())
        await self.save(interaction, state)

    async def save_with_note(
        self, interaction: discord.Interaction[Any], state: CardState, fields: Mapping[str, str]
    ) -> None:
        pain, fatigue = fields.get("pain", "")[:40], fields.get("fatigue", "")[:40]
        note_text = fields.get("note", "")[: NOTE_MAX * 4]
        parsed = parse_checkin(pain, fatigue, note_text, fatigue_required=False)
        if isinstance(parsed, CheckinProblems):
            # Nothing typed is lost: "Fix my check-in" reopens the form with their text in it.
            self.bot.services.checkin_drafts.keep(interaction.user.id, pain, fatigue, note_text)
            await send(interaction, journal_ui.checkin_problems(parsed.messages))
            return
        state = state.with_measure("pain", parsed.pain)
        if parsed.fatigue is not None:
            state = state.with_measure("fatigue", parsed.fatigue)
        doctor = fields.get("doctor", "").strip().lower() in ("true", "1", "yes")
        await self.save(interaction, state, note=clean_note(parsed.note), for_doctor=doctor)

    async def on_flare_answer(self, interaction: discord.Interaction[Any], answer: str) -> None:
        if answer == "yes":
            flare, created = await self.service.start_flare(interaction.user.id, now=self.now(), note=None)
            await send(interaction, render.flare_started(flare, created=created))
        else:
            await send(interaction, render.flare_answered(False, None))

    # --- /symptoms -------------------------------------------------------------------------------

    def starters(self) -> list[str]:
        return starter_symptoms(self.bot.content.library)

    @symptoms.command(name="add", description="Track a symptom of your own on the check-in card")
    @app_commands.describe(name="For example: rash, mouth sores, brain fog (start typing for ideas)")
    async def symptoms_add(
        self, interaction: discord.Interaction[Any], name: app_commands.Transform[str, SymptomIdea]
    ) -> None:
        cleaned = clean_symptom_name(name)
        if cleaned is None:
            raise UserFacingError(words.SYMPTOM_NAME_TOO_LONG)
        added = await self.service.add_symptom(interaction.user.id, cleaned, now=self.now())
        if added is None:
            raise UserFacingError(render.symptoms_full())
        count = len(await self.service.symptoms(interaction.user.id))
        await send(interaction, render.symptom_added(added, count))

    @symptoms.command(name="remove", description="Stop tracking one of your symptoms")
    @app_commands.describe(name="Which symptom (start typing)")
    async def symptoms_remove(
        self, interaction: discord.Interaction[Any], name: app_commands.Transform[str, OwnSymptom]
    ) -> None:
        removed = await self.service.remove_symptom(interaction.user.id, name)
        await send(interaction, render.symptom_removed(name, removed))

    @symptoms.command(name="list", description="See the symptoms you track")
    async def symptoms_list(self, interaction: discord.Interaction[Any]) -> None:
        await send(
            interaction,
            render.symptoms_list(await self.service.symptoms(interaction.user.id), self.starters()),
        )

    # --- /flare ----------------------------------------------------------------------------------

    @flare.command(name="start", description="Mark that a flare started (private)")
    @app_commands.describe(note="Optional: anything to remember about it")
    async def flare_start(
        self,
        interaction: discord.Interaction[Any],
        note: app_commands.Range[str, 1, FLARE_NOTE_MAX] | None = None,
    ) -> None:
        flare, created = await self.service.start_flare(
            interaction.user.id, now=self.now(), note=clean_note(note)
        )
        await send(interaction, render.flare_started(flare, created=created))

    @flare.command(name="end", description="Mark that your flare has settled")
    @app_commands.describe(note="Optional: anything to remember about it")
    async def flare_end(
        self,
        interaction: discord.Interaction[Any],
        note: app_commands.Range[str, 1, FLARE_NOTE_MAX] | None = None,
    ) -> None:
        ended = await self.service.end_flare(interaction.user.id, now=self.now(), note=clean_note(note))
        await send(interaction, render.flare_ended(ended))


def _on_card(interaction: discord.Interaction[Any]) -> bool:
    """The press came from a check-in card (a Components V2 message), which can be edited in place."""
    message = interaction.message
    return message is not None and message.flags.components_v2


def _state(ids_: ids.CardStateId) -> CardState:
    """The state a card id carries; a tampered one gets the kind "expired" answer."""
    try:
        return ids_.state
    except ValueError:
        raise UserFacingError(words.CARD_STALE) from None


def _int(text: str, low: int, high: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise UserFacingError(words.CARD_STALE) from None
    if not low <= value <= high:
        raise UserFacingError(words.CARD_STALE)
    return value


async def setup(bot: LupusBot) -> None:
    logsafety.install()
    await bot.add_cog(Tracking(bot))

"""/checkin (the three-tap card), /symptoms and /flare: a thin adapter over ``bot.tracking``.

Health data: every reply is private (ephemeral in a server, plain only in the
bot's own DM) and nothing here logs values or text. Free text (a note, a
symptom name, a flare note) is crisis-screened by the safety net before any of this runs
(``bot.ui.safety_net``); after a crisis card, only replies saying what was kept follow it.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import logsafety
from bot.clock import utcnow
from bot.fairuse import CHECKINS, wait_words
from bot.journal.checkin_form import NOTE_MAX, CheckinProblems, clean_note, parse_checkin
from bot.tracking.card import CardState
from bot.tracking.service import NeedsPain, TrackingService, clean_symptom_name
from bot.ui import personal
from bot.ui import tracking as render
from bot.ui.components import Press, open_modal
from bot.ui.errors import UserFacingError
from bot.ui.reply import NO_MENTIONS, Reply, crisis_shown, send, wants_ephemeral
from bot.ui.transformers import OwnSymptom, SymptomIdea, starter_symptoms

if TYPE_CHECKING:
    from bot.client import LupusBot

STALE = "This check-in card has expired. Use `/checkin` for a fresh one."
FLARE_NOTE_MAX = 500


class Tracking(commands.Cog):
    symptoms = app_commands.Group(name="symptoms", description="Your own symptoms to track (up to 10)")
    flare = app_commands.Group(name="flare", description="Mark the start or end of a flare")

    def __init__(self, bot: LupusBot) -> None:
        self.bot = bot
        bot.router.register(render.KIND, self.on_card)

    async def cog_unload(self) -> None:
        self.bot.router.unregister(render.KIND)

    def now(self) -> datetime:
        return utcnow(self.bot.clock)

    @property
    def service(self) -> TrackingService:
        return self.bot.services.tracking

    # --- /checkin --------------------------------------------------------------------------------

    @app_commands.command(name="checkin", description="A quick private check-in: pain, fatigue and more")
    async def checkin(self, interaction: discord.Interaction[Any]) -> None:
        await self.open_card(interaction)

    async def open_card(self, interaction: discord.Interaction[Any]) -> None:
        """A fresh check-in card, as a new private message."""
        user_id = interaction.user.id
        card = render.checkin_card(
            CardState(),
            await self.service.symptoms(user_id),
            has_yesterday=await self.service.yesterday(user_id) is not None,
        )
        await interaction.response.send_message(
            view=card, ephemeral=wants_ephemeral(interaction, Reply()), allowed_mentions=NO_MENTIONS
        )

    async def on_card(self, interaction: discord.Interaction[Any], press: Press) -> None:
        action, args = (press.args[0], press.args[1:]) if press.args else ("", ())
        if action == "flare":
            await self.on_flare_answer(interaction, args[0] if args else "")
            return
        if action == "same":
            await self.save_same(interaction)
            return
        if action == "open":  # "Check in now" on the daily check-in reminder
            await self.open_card(interaction)
            return
        try:
            state = CardState.decode(*args[-2:]) if len(args) >= 2 else None
        except ValueError:
            state = None
        if state is None:
            raise UserFacingError(STALE)
        if action == "m" and press.values and args[0] in render.MEASURE_CODES:
            state = state.with_measure(render.MEASURE_CODES[args[0]], _int(press.values[0], 0, 10))
            await self.redraw(interaction, state)
        elif action == "s" and press.values:
            state = state.with_symptom(int(args[0], 36), _int(press.values[0], 0, 3))
            await self.redraw(interaction, state)
        elif action == "save":
            await self.save(interaction, state)
        elif action == "note":
            await open_modal(interaction, render.note_modal(state))
        elif action == "submit" and interaction.type is discord.InteractionType.modal_submit:
            await self.save_with_note(interaction, state, press.fields)
        else:
            raise UserFacingError(STALE)

    async def redraw(self, interaction: discord.Interaction[Any], state: CardState) -> None:
        if not _on_card(interaction):
            raise UserFacingError(STALE)
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
            await send(interaction, personal.checkin_slow_down(wait_words(wait)))
            return
        try:
            saved = await self.service.save(user_id, state, now=self.now(), note=note, for_doctor=for_doctor)
        except NeedsPain:
            raise UserFacingError(render.needs_pain()) from None
        if crisis_shown(interaction):  # the crisis card answered first: no card, no cheer, just "kept"
            await send(interaction, render.checkin_kept(saved.checkin))
            return
        view = render.checkin_saved(
            saved.checkin, await self.service.symptoms(user_id), ask_flare=saved.ask_flare
        )
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
        self, interaction: discord.Interaction[Any], state: CardState, fields: dict[str, str]
    ) -> None:
        pain, fatigue = fields.get("pain", "")[:40], fields.get("fatigue", "")[:40]
        note_text = fields.get("note", "")[: NOTE_MAX * 4]
        parsed = parse_checkin(pain, fatigue, note_text, fatigue_required=False)
        if isinstance(parsed, CheckinProblems):
            # Nothing typed is lost: "Fix my check-in" reopens the form with their text in it.
            self.bot.services.checkin_drafts.keep(interaction.user.id, pain, fatigue, note_text)
            await send(interaction, personal.checkin_problems(parsed.messages))
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
            raise UserFacingError("A symptom name can be up to 40 characters, like `joint swelling`.")
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


def _int(text: str, low: int, high: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise UserFacingError(STALE) from None
    if not low <= value <= high:
        raise UserFacingError(STALE)
    return value


async def setup(bot: LupusBot) -> None:
    logsafety.install()
    await bot.add_cog(Tracking(bot))

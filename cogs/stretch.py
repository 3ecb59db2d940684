"""/stretch and the routine buttons: a thin adapter between Discord and the routine service.

Every button carries what it needs in its custom_id (``lc:rt:<session>:<action>``,
``lc:rtstart:<routine>`` …), so a button pressed after a restart still works.
Each handler reads the interaction, calls :class:`RoutineService` (which stores
the change before we answer), and sends the card a renderer in
:mod:`bot.ui.routines` built. The card edited without a press (auto-advance) is the
service's own ``CardEditor`` (:mod:`bot.ui.senders`), handed in when the services are built.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.content.models import Routine
from bot.custom_ids import routines as ids
from bot.routines.service import CardLocation, RoutineError, SessionConflict
from bot.routines.session import Action, InvalidAction, RoutineSession, RoutineSnapshot
from bot.text import clip
from bot.ui import routine_picker as picker
from bot.ui import routines as render
from bot.ui.errors import UserFacingError
from bot.ui.reading import see_also_items
from bot.ui.reply import Reply, is_bot_dm, message_kwargs, send, update
from bot.ui.routine_entry import routine_intro, show_routine_intro, show_routine_list
from bot.ui.senders import session_card
from bot.ui.transformers import StretchRoutine, routine_not_found
from bot.wording import routines as words

if TYPE_CHECKING:
    from bot.client import LupusBot

log = logging.getLogger(__name__)

PRESSES = {
    a.value: a
    for a in (Action.NEXT, Action.BACK, Action.PAUSE, Action.RESUME, Action.SKIP, Action.STOP, Action.HURT)
}


def _kind(exc: RoutineError | InvalidAction) -> UserFacingError:
    """The kind message for the error pipeline. Raise it ``from None``: the pipeline looks at
    ``__cause__`` first, and would treat a chained service error as unexpected."""
    return UserFacingError(exc.reason)


class Stretch(commands.Cog):
    """Guided routines: list, intro, step cards, and the endings."""

    def __init__(self, bot: LupusBot) -> None:
        self.bot = bot
        self.routines = bot.services.routines
        router = bot.router
        router.on_press(ids.SessionPress, self.on_press)
        router.on_choose(ids.RoutineMenu, self.on_menu)
        router.on_press(ids.RoutineIntro, self.on_open)
        router.on_press(ids.RoutineStart, self.on_start)
        router.on_press(ids.RoutineAck, self.on_ack)
        router.on_press(ids.AutoAdvance, self.on_auto)
        router.on_press(ids.RoutineList, self.on_list)
        router.on_press(ids.SessionResume, self.on_resume)
        router.on_press(ids.SessionAbandon, self.on_abandon)
        router.on_press(ids.PainAnswer, self.on_pain)
        router.on_press(ids.RoutineNotes, self.on_notes)
        router.on_press(ids.RoutineSources, self.on_sources)

    async def cog_unload(self) -> None:
        self.bot.router.unregister(*ids.ROUTINES)

    # --- the command (its ways into a routine are shared: bot.ui.routine_entry) ---------------

    @app_commands.command(name="stretch", description="Gentle stretching, guided step by step")
    @app_commands.describe(
        routine="Which routine (optional; start typing)",
        private="Run it in a DM with me, so I can update the card while you stretch",
    )
    async def stretch(
        self,
        interaction: discord.Interaction[Any],
        routine: app_commands.Transform[Routine | None, StretchRoutine] | None = None,
        private: bool = False,
    ) -> None:
        active = await self.routines.active_for(interaction.user.id)
        if active is not None:
            requested = routine.id if routine else None
            prompt = picker.resume_prompt(
                active.session,
                requested,
                start_at_once=False,
                requested_title=routine.title if routine else None,
            )
            await send(interaction, prompt)
        elif routine is None:
            await self.show_list(interaction)
        elif private and not is_bot_dm(interaction):
            await self.send_to_dm(interaction, routine)
        else:
            await show_routine_intro(self.bot, interaction, routine, replace=False)

    async def show_list(self, interaction: discord.Interaction[Any], *, replace: bool = False) -> None:
        await show_routine_list(self.bot, interaction, replace=replace)

    async def show_intro(
        self, interaction: discord.Interaction[Any], routine_id: str, *, replace: bool = False
    ) -> None:
        await show_routine_intro(self.bot, interaction, self.routine(routine_id), replace=replace)

    async def send_to_dm(self, interaction: discord.Interaction[Any], routine: Routine) -> None:
        """``private:True`` in a server: the routine runs in a DM message the bot can always edit."""
        reply = await self.intro(interaction.user.id, routine)
        try:
            channel = await interaction.user.create_dm()
            await channel.send(**message_kwargs(reply))
        except discord.HTTPException as exc:
            log.info("could not DM a routine intro (status %s)", exc.status)
            reply.content = clip(f"{words.DM_FAILED}\n\n{reply.content or ''}", 2000)
            await send(interaction, reply)
            return
        await send(interaction, Reply(content=words.SENT_TO_DM, ephemeral=True))

    # --- helpers -------------------------------------------------------------------------------

    def routine(self, routine_id: str) -> Routine:
        """The routine named ``routine_id`` in the current library, or a kind "did you mean"."""
        library = self.bot.content.library
        found = library.routines.get(routine_id)
        if found is None:
            raise routine_not_found(library, routine_id)
        return found

    async def intro(self, user_id: int, routine: Routine) -> Reply:
        return await routine_intro(self.bot, user_id, routine)

    def hurt_reply(self) -> Reply:
        """The "It hurts" advice as a new private message (for a press on a routine that has ended)."""
        library = self.bot.content.library
        return render.hurt_card(library.safety, library.topics.get(render.CARE_TEAM_TOPIC))

    def card(self, session: RoutineSession) -> Reply:
        return session_card(self.bot, session)

    def card_location(self, interaction: discord.Interaction[Any]) -> CardLocation:
        """Where this press's answer will show, and the token that can edit it for 15 minutes."""
        message = interaction.message
        return CardLocation.for_interaction(
            interaction.token,
            self.bot.clock.now(),
            channel_id=interaction.channel_id,
            message_id=message.id if message is not None else None,
            is_dm=is_bot_dm(interaction),
        )

    async def begin(self, interaction: discord.Interaction[Any], routine_id: str) -> None:
        """Start ``routine_id`` on the card that was pressed (or offer Resume / Start over)."""
        routine = self.bot.content.library.routines.get(routine_id)
        if routine is None:
            raise UserFacingError(words.ROUTINE_GONE)
        snapshot = RoutineSnapshot.from_mapping(routine.model_dump(mode="json"))
        try:
            record = await self.routines.begin(
                interaction.user.id, snapshot, location=self.card_location(interaction)
            )
        except SessionConflict as conflict:
            prompt = picker.resume_prompt(
                conflict.existing.session, routine_id, start_at_once=True, requested_title=routine.title
            )
            await update(interaction, prompt)
            return
        await update(interaction, self.card(record.session))

    # --- components ----------------------------------------------------------------------------

    async def on_press(self, interaction: discord.Interaction[Any], press: ids.SessionPress) -> None:
        """Back, Pause, Resume, Next, Skip, Stop, It hurts on a step card."""
        action = PRESSES[press.action]
        # A card from before versions (no version) counts as older than any session.
        card_version = -1 if press.version is None else press.version
        try:
            result = await self.routines.press(
                press.session,
                interaction.user.id,
                action,
                location=self.card_location(interaction),
                card_version=card_version,
            )
        except RoutineError as exc:
            raise _kind(exc) from None
        except InvalidAction as exc:
            if action is Action.HURT:  # safety first, even on a routine that has ended
                await send(interaction, self.hurt_reply())
                return
            raise _kind(exc) from None
        await update(interaction, self.card(result.record.session))

    async def on_menu(
        self, interaction: discord.Interaction[Any], menu: ids.RoutineMenu, chosen: str
    ) -> None:
        """The list's menu: show the chosen routine's intro in place of the message."""
        await self.show_intro(interaction, chosen, replace=True)

    async def on_open(self, interaction: discord.Interaction[Any], press: ids.RoutineIntro) -> None:
        """Back to a routine's intro, in place."""
        await self.show_intro(interaction, press.routine, replace=True)

    async def on_notes(self, interaction: discord.Interaction[Any], press: ids.RoutineNotes) -> None:
        """The safety notes, a page at a time, in place."""
        routine = self.routine(press.routine)
        user_id = interaction.user.id
        library = self.bot.content.library
        reply = picker.routine_notes(
            routine,
            library.safety,
            max(press.page, 0),
            acknowledged=await self.routines.safety_acknowledged(user_id),
            auto_advance=await self.routines.auto_advance(user_id),
            see_also=see_also_items(library, routine.see_also, row=2),
        )
        await update(interaction, reply)

    async def on_sources(self, interaction: discord.Interaction[Any], press: ids.RoutineSources) -> None:
        """Where the routine's advice comes from."""
        await update(interaction, picker.routine_sources(self.routine(press.routine), max(press.page, 0)))

    async def on_start(self, interaction: discord.Interaction[Any], press: ids.RoutineStart) -> None:
        found = self.bot.content.library.routines.get(press.routine)
        grounding = found is not None and render.is_grounding(found)  # never waits for the stretch OK
        if not grounding and not await self.routines.safety_acknowledged(interaction.user.id):
            await self.show_intro(interaction, press.routine, replace=True)
            return
        await self.begin(interaction, press.routine)

    async def on_ack(self, interaction: discord.Interaction[Any], press: ids.RoutineAck) -> None:
        """The one-time safety OK: remember it, then start at once."""
        await self.routines.acknowledge_safety(interaction.user.id)
        await self.begin(interaction, press.routine)

    async def on_auto(self, interaction: discord.Interaction[Any], press: ids.AutoAdvance) -> None:
        """The auto-advance switch, on the intro or on the one-time notes (shown again in place)."""
        await self.routines.set_auto_advance(interaction.user.id, press.switch == "on")
        await self.show_intro(interaction, press.routine, replace=True)

    async def on_list(self, interaction: discord.Interaction[Any], press: ids.RoutineList) -> None:
        await self.show_list(interaction, replace=True)

    async def on_resume(self, interaction: discord.Interaction[Any], press: ids.SessionResume) -> None:
        try:
            record = await self.routines.resume(
                press.session, interaction.user.id, location=self.card_location(interaction)
            )
        except (RoutineError, InvalidAction) as exc:
            raise _kind(exc) from None
        await update(interaction, self.card(record.session))

    async def on_abandon(self, interaction: discord.Interaction[Any], press: ids.SessionAbandon) -> None:
        """Start over: close the routine in progress, then the one asked for (or the list)."""
        try:
            await self.routines.abandon(press.session, interaction.user.id)
        except RoutineError as exc:
            raise _kind(exc) from None
        if press.routine == "-":
            await self.show_list(interaction, replace=True)
        elif press.mode == "go" and await self.routines.safety_acknowledged(interaction.user.id):
            await self.begin(interaction, press.routine)
        else:
            await self.show_intro(interaction, press.routine, replace=True)

    async def on_pain(self, interaction: discord.Interaction[Any], press: ids.PainAnswer) -> None:
        """The finish card's 0–10 pain check (or "Not now")."""
        try:
            record = await self.routines.owned(press.session, interaction.user.id)
            if press.choice == "skip":
                await update(interaction, render.finish_card(record.session, ask=False))
                return
            saved, previous = await self.routines.save_pain(
                press.session, interaction.user.id, int(press.choice)
            )
        except RoutineError as exc:
            raise _kind(exc) from None
        card = render.finish_card(record.session, saved_pain=saved.pain, changed_from=previous)
        await update(interaction, card)


async def setup(bot: LupusBot) -> None:
    await bot.add_cog(Stretch(bot))

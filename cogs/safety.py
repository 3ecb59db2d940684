"""The safety net's buttons and the member's own safety plan: a thin adapter.

- Crisis card: choose a region (remembered privately), breathe with a grounding
  routine, open the safety plan, ask a moderator to reach out (only on this tap),
  and the DM menu's permanent "Crisis lines".
- "It hurts" card: emergency numbers, when to call the care team.
- ``/safety-plan``: view and edit the plan through a two-part form.
Nothing a member wrote is logged, and nothing of it ever goes to moderators.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.clock import utcnow
from bot.crisis import Concern, Screening
from bot.crisis.card import CRISIS_TOPIC, emergency_numbers_text
from bot.crisis.regions import region_code
from bot.crisis.safety_plan import part
from bot.custom_ids import safety as ids
from bot.ui import safety_plan as plan_ui
from bot.ui.components import open_modal
from bot.ui.crisis import GROUNDING_ROUTINE
from bot.ui.errors import UserFacingError
from bot.ui.reply import NO_MENTIONS, Reply, send, update
from bot.ui.routine_entry import show_routine_intro
from bot.ui.routines import CARE_TEAM_TOPIC, care_card
from bot.wording import safety as words

if TYPE_CHECKING:
    from bot.client import LupusBot

log = logging.getLogger(__name__)

HANDOFF_COOLDOWN = 600.0
"""Seconds before the same member's tap sends moderators a second note."""


def handoff_note(user: discord.abc.User) -> str:
    """Exactly what moderators see: who asked, and nothing they wrote."""
    return words.HANDOFF_NOTE.format(
        mention=user.mention, name=discord.utils.escape_markdown(user.name), id=user.id
    )


class Safety(commands.Cog):
    def __init__(self, bot: LupusBot) -> None:
        self.bot = bot
        self._handoffs: dict[int, float] = {}
        router = bot.router
        router.on_press(ids.CrisisAction, self.on_crisis)
        router.on_press(ids.CrisisRegionChoice, self.on_crisis_region)
        router.on_press(ids.PlanView, self.on_plan_view)
        router.on_press(ids.PlanEdit, self.on_plan_edit)
        router.on_submit(ids.PlanForm, self.on_plan_saved)
        router.on_press(ids.HurtAdvice, self.on_hurt)

    async def cog_unload(self) -> None:
        self.bot.router.unregister(
            ids.CrisisAction, ids.CrisisRegionChoice, ids.PlanView, ids.PlanEdit, ids.PlanForm, ids.HurtAdvice
        )

    # --- /safety-plan ----------------------------------------------------------------------------

    @app_commands.command(name="safety-plan", description="Your private safety plan: see it or change it")
    async def safety_plan(self, interaction: discord.Interaction[Any]) -> None:
        plan = await self.bot.services.safety_plans.get(interaction.user.id)
        await send(interaction, plan_ui.plan_card(plan, 1))

    async def on_plan_view(self, interaction: discord.Interaction[Any], press: ids.PlanView) -> None:
        plan = await self.bot.services.safety_plans.get(interaction.user.id)
        await update(interaction, plan_ui.plan_card(plan, press.part))

    async def on_plan_edit(self, interaction: discord.Interaction[Any], press: ids.PlanEdit) -> None:
        plan = await self.bot.services.safety_plans.get(interaction.user.id)
        await open_modal(interaction, plan_ui.plan_modal(press.part, plan))

    async def on_plan_saved(
        self, interaction: discord.Interaction[Any], form: ids.PlanForm, fields: Mapping[str, str]
    ) -> None:
        wanted = {section.id for section in part(form.part)}
        plans = self.bot.services.safety_plans
        saved = await plans.save(
            interaction.user.id, {k: v for k, v in fields.items() if k in wanted}, now=utcnow(self.bot.clock)
        )
        await send(interaction, plan_ui.plan_card(saved, form.part, saved=True))

    # --- the crisis card -----------------------------------------------------------------------

    async def on_crisis_region(
        self, interaction: discord.Interaction[Any], press: ids.CrisisRegionChoice
    ) -> None:
        """A region button: remember it (privately) and show the card for it, keeping its words."""
        code = region_code(press.code)
        if code is None:
            raise UserFacingError(words.UNKNOWN_REGION_BUTTON)
        user_id = interaction.user.id
        await self.bot.services.prefs.set_crisis_region(user_id, code, now=utcnow(self.bot.clock))
        await update(interaction, await self.bot.safety_net.card(user_id, _screening(press), code))

    async def on_crisis(self, interaction: discord.Interaction[Any], press: ids.CrisisAction) -> None:
        action = press.action
        net = self.bot.safety_net
        user_id = interaction.user.id
        if action == "ground":
            grounding = self.bot.content.library.routines.get(GROUNDING_ROUTINE)
            if grounding is None:
                raise UserFacingError(words.GROUNDING_MISSING)
            await show_routine_intro(self.bot, interaction, grounding, replace=False)
        elif action == "plan":
            plan = await self.bot.services.safety_plans.get(user_id)
            await send(interaction, plan_ui.plan_card(plan, 1))
        elif action == "handoff":
            await self.hand_off(interaction)
        else:  # "lines": the DM menu's permanent button
            await send(interaction, await net.card(user_id, Screening(Concern.NONE)))

    async def hand_off(self, interaction: discord.Interaction[Any]) -> None:
        """They tapped "Ask a moderator to reach out": post who they are, then tell them exactly what."""
        channel_id = self.bot.safety_net.support_channel_id
        if channel_id is None:
            raise UserFacingError(words.NO_SUPPORT_CHANNEL)
        user = interaction.user
        now = self.bot.clock.now()
        if now - self._handoffs.get(user.id, float("-inf")) < HANDOFF_COOLDOWN:
            await send(
                interaction,
                Reply(words.HANDOFF_ALREADY_SENT, ephemeral=True),
            )
            return
        note = handoff_note(user)
        try:
            channel = self.bot.get_channel(channel_id) or await self.bot.fetch_channel(channel_id)
            await channel.send(note, allowed_mentions=NO_MENTIONS)  # type: ignore[union-attr]
        except (discord.HTTPException, AttributeError) as exc:
            log.warning("could not post a handoff note (%s)", type(exc).__name__)
            raise UserFacingError(words.HANDOFF_FAILED) from None
        self._handoffs[user.id] = now
        quoted = "\n".join(f"> {line}" for line in note.splitlines())
        await send(
            interaction,
            Reply(words.HANDOFF_SENT.format(quoted=quoted), ephemeral=True),
        )

    # --- the "It hurts" card -------------------------------------------------------------------

    async def on_hurt(self, interaction: discord.Interaction[Any], press: ids.HurtAdvice) -> None:
        library = self.bot.content.library
        if press.which == "care":
            await send(interaction, care_card(library.safety, library.topics.get(CARE_TEAM_TOPIC)))
            return
        prefs = await self.bot.services.prefs.get(interaction.user.id)
        region = prefs.crisis_region or self.bot.safety_net.default_region
        text = emergency_numbers_text(library.safety, library.topics.get(CRISIS_TOPIC), region)
        await send(interaction, Reply(text, ephemeral=None))


def _screening(press: ids.CrisisRegionChoice) -> Screening:
    """The concern and language a region button carries, so the card keeps its words."""
    try:
        concern = Concern(press.concern)
    except ValueError:
        concern = Concern.SUICIDE
    return Screening(concern, "es" if press.language == "es" else "en")


async def setup(bot: LupusBot) -> None:
    await bot.add_cog(Safety(bot))

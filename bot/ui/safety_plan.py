"""The safety plan as Discord sees it: the card (two parts, one screen each) and the two-part form.

Private: ephemeral in a server, a plain message only in the bot's own DM. The
forms' submissions are routed by custom_id (``lc:plan:save:<part>``), so a form
left open across a restart still saves, and, like every form, they are screened.
"""

from __future__ import annotations

import discord
from discord import ui

from bot.crisis.safety_plan import PARTS, SECTION_MAX, SafetyPlan, part
from bot.custom_ids.safety import PlanEdit, PlanForm, PlanView
from bot.ui import components as c
from bot.ui.reply import Reply
from bot.wording import safety as words

PLAN_COLOR = discord.Colour(0x2E7D6B)


def plan_modal(number: int, plan: SafetyPlan | None) -> ui.Modal:
    """Part 1 (four sections) or part 2 (three) of the form, filled with what they wrote before."""
    sections = part(number)
    modal = ui.Modal(
        title=words.PLAN_PART_TITLE.format(number=number, parts=len(PARTS)),
        custom_id=PlanForm(number).custom_id(),
        timeout=None,
    )
    for section in sections:
        before = plan.get(section.id) if plan else None
        modal.add_item(
            c.text_field(
                section.title, section.id, SECTION_MAX, default=before, placeholder=section.hint, long=True
            )
        )
    return modal


def plan_card(plan: SafetyPlan | None, number: int = 1, *, saved: bool = False) -> Reply:
    """One part of the plan, with buttons to edit it and to turn to the other part."""
    number = max(1, min(number, len(PARTS)))
    if plan is None or plan.is_empty:
        embed = discord.Embed(title=words.PLAN_TITLE, colour=PLAN_COLOR, description=words.PLAN_INTRO)
        view = c.view(c.button(words.BUTTON_WRITE_MY_PLAN, PlanEdit(1), style=discord.ButtonStyle.primary))
        return Reply(embeds=[embed], view=view, after_crisis=saved)
    embed = discord.Embed(
        title=words.PLAN_PART_TITLE.format(number=number, parts=len(PARTS)), colour=PLAN_COLOR
    )
    for section in part(number):
        embed.add_field(name=section.title, value=plan.get(section.id) or words.NOT_WRITTEN_YET, inline=False)
    other = 2 if number == 1 else 1
    buttons = [
        c.button(
            words.BUTTON_EDIT_PART.format(number=number), PlanEdit(number), style=discord.ButtonStyle.primary
        ),
        c.button(words.BUTTON_NEXT_PART if other == 2 else words.BUTTON_FIRST_PART, PlanView(other)),
    ]
    if saved and number == 1:  # straight on to the second form
        buttons = [
            c.button(words.BUTTON_WRITE_PART_2, PlanEdit(2), style=discord.ButtonStyle.primary),
            buttons[0],
        ]
    content = None
    if saved:
        content = words.PLAN_SAVED_PART_2_NEXT if number == 1 else words.PLAN_SAVED
    return Reply(content=content, embeds=[embed], view=c.view(*buttons), after_crisis=saved)

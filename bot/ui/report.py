"""Renderers for ``/report``: the PDF reply and the "questions for my doctor" form. Private replies."""

from __future__ import annotations

import discord
from discord import ui

from bot.custom_ids.personal import QuestionsForm, QuestionsOpen
from bot.report.data import ReportData
from bot.report.service import QUESTIONS_MAX
from bot.ui import components as c
from bot.ui.reply import Attachment, Reply

MODAL_ID = QuestionsForm().custom_id()


def report_reply(data: ReportData, name: str, pdf: bytes) -> Reply:
    flares = len(data.flares)
    content = (
        f"**Your one-page report for your doctor** (last {data.days} days, {data.checkins} check-ins"
        + (f", {flares} flare{'s' if flares != 1 else ''}" if flares else "")
        + ").\nOpen it, print it, or show it on your phone at your visit. Only you can see this. "
        "It is a record of how you felt, not a diagnosis."
    )
    if not data.questions:
        content += "\nTip: add the questions you want to ask with **Edit my questions**."
    return Reply(
        content=content,
        files=[Attachment(name, pdf, description="One-page report for your doctor (PDF)")],
        view=c.view(c.button("Edit my questions", QuestionsOpen())),
    )


def questions_modal(current: str) -> ui.Modal:
    modal = ui.Modal(title="Questions for my doctor", custom_id=MODAL_ID, timeout=None)
    modal.add_item(
        ui.TextInput(
            label="One question a line (they go on your report)",
            custom_id="questions",
            style=discord.TextStyle.paragraph,
            placeholder="Is my tiredness from lupus or from a medicine?",
            default=current[:QUESTIONS_MAX] or None,
            max_length=QUESTIONS_MAX,
            required=False,
        )
    )
    return modal


def questions_saved(count: int) -> Reply:
    if count == 0:
        return Reply(content="Your questions list is now empty.", after_crisis=True)
    return Reply(
        after_crisis=True,
        content=(
            f"Saved {count} question{'s' if count != 1 else ''}. They appear on your next `/report`. "
            "Only you can see them."
        ),
    )

"""Renderers for ``/report``: the PDF reply and the "questions for my doctor" form. Private replies."""

from __future__ import annotations

from discord import ui

from bot.custom_ids.personal import QuestionsForm, QuestionsOpen
from bot.report.data import ReportData
from bot.report.service import QUESTIONS_MAX
from bot.ui import components as c
from bot.ui.reply import Attachment, Reply
from bot.wording import report as words

MODAL_ID = QuestionsForm().custom_id()


def report_reply(data: ReportData, name: str, pdf: bytes) -> Reply:
    flares = len(data.flares)
    flare_words = (words.REPLY_FLARE if flares == 1 else words.REPLY_FLARES).format(count=flares)
    content = words.REPLY.format(days=data.days, checkins=data.checkins, flares=flare_words if flares else "")
    if not data.questions:
        content += words.REPLY_TIP
    return Reply(
        content=content,
        files=[Attachment(name, pdf, description=words.PDF_DESCRIPTION)],
        view=c.view(c.button(words.BUTTON_EDIT_MY_QUESTIONS, QuestionsOpen())),
    )


def questions_modal(current: str) -> ui.Modal:
    modal = ui.Modal(title=words.QUESTIONS_TITLE, custom_id=MODAL_ID, timeout=None)
    modal.add_item(
        c.text_field(
            words.QUESTIONS_LABEL,
            "questions",
            QUESTIONS_MAX,
            default=current,
            placeholder=words.QUESTIONS_PLACEHOLDER,
            long=True,
        )
    )
    return modal


def questions_saved(count: int) -> Reply:
    if count == 0:
        return Reply(content=words.QUESTIONS_EMPTY, after_crisis=True)
    return Reply(
        after_crisis=True,
        content=(words.QUESTION_SAVED if count == 1 else words.QUESTIONS_SAVED).format(count=count),
    )

"""/report end to end, in a server and in a DM: a private one-page PDF, and the questions form."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from tests.e2e_support import PLACES, LiveBot, assert_private, open_checkin_form

pytestmark = [pytest.mark.timeout(120), pytest.mark.backends("sqlite", "postgres")]


@pytest.mark.parametrize("place", PLACES)
async def test_the_report_is_one_private_page_with_the_members_questions(
    live_bot: LiveBot, place: str
) -> None:
    emu, member = live_bot.emu, live_bot.place.member
    form = await open_checkin_form(emu, member, **live_bot.where(place))
    await (
        await emu.submit_modal(
            form, values={"pain": "6", "fatigue": "5", "note": "Ask about my rash", "doctor": True}
        )
    ).wait_message()
    await live_bot.slash("flare", {"note": "hands"}, subcommand="start", place=place)

    opened = await live_bot.invoke("report", {"questions": "edit"}, place=place)
    await opened.response()
    assert opened.modal is not None and opened.modal.custom_id == "lc:rq:save"
    saved = await (
        await emu.submit_modal(
            opened, values={"questions": "Is this a flare?\n\nShould I change my sunscreen?"}
        )
    ).wait_message()
    assert_private(saved, place)
    assert "Saved 2 questions" in saved.content

    reply = await (await live_bot.invoke("report", {"days": 30}, place=place)).wait_message(timeout=15)
    assert_private(reply, place)
    assert "one-page report for your doctor" in reply.content
    [attachment] = reply.attachments
    assert re.fullmatch(r"lupus-report-\d{4}-\d{2}-\d{2}\.pdf", attachment.filename)
    reader = PdfReader(io.BytesIO(attachment.data))
    assert len(reader.pages) == 1
    text = " ".join((reader.pages[0].extract_text() or "").split())
    for part in (
        "Lupus report for my doctor",
        "(30 days)",
        "1 check-ins",
        "average 6.0",
        "ongoing: hands",
        "Ask about my rash",
        "Is this a flare?",
        "Should I change my sunscreen?",
    ):
        assert part in text, part

    again = await emu.click(reply, reply.find_button("Edit my questions"), user=member)
    await again.response()
    assert again.modal is not None
    [box] = again.modal.inputs()
    assert box.value == "Is this a flare?\nShould I change my sunscreen?"


async def test_a_crisis_question_gets_the_crisis_card_first_and_is_kept(live_bot: LiveBot) -> None:
    opened = await live_bot.invoke("report", {"questions": "edit"})
    await opened.response()
    submitted = await live_bot.emu.submit_modal(opened, values={"questions": "I want to die"})
    crisis = await submitted.wait_message()
    assert crisis.ephemeral and "Saved" not in crisis.content
    [kept] = await submitted.wait_followups(1)
    assert "Saved 1 question" in kept.content
    assert live_bot.dict_rows("SELECT questions FROM tracking_settings") == [{"questions": "I want to die"}]

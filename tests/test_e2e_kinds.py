"""Each press is routed by its custom_id alone: a press on a message sent by an earlier process is
parsed by its kind's class and answered, with nothing kept in memory."""

from __future__ import annotations

import pytest

from bot.custom_ids.reading import ReadPage, SectionMenu
from tests.e2e_support import LiveBot

pytestmark = [pytest.mark.timeout(90), pytest.mark.backends("sqlite", "postgres")]

ARTICLE = "lower-back-pain"


async def test_buttons_and_menus_from_before_a_restart_are_answered_by_their_kind(live_bot: LiveBot) -> None:
    emu, member = live_bot.emu, live_bot.place.member
    overview = await (
        await emu.slash("read", {"article": ARTICLE}, user=member, guild=live_bot.place.guild)
    ).wait_message()
    first = await (
        await emu.click(overview, overview.find_button("Start reading"), user=member)
    ).wait_message()
    next_id = first.find_button("Next ▶").custom_id or ""
    assert ReadPage.parse(next_id) is not None, next_id  # the wire format the old process wrote
    [menu] = [s for s in first.selects() if SectionMenu.parse(s.custom_id)]

    await live_bot.restart(kill=True)  # SIGKILL: the new process has never seen these messages

    second = await (await emu.click(first, first.find_button("Next ▶"), user=member)).wait_message()
    assert "Section 2 of" in second.text() and second.id == first.id
    last_value = menu.options[-1]["value"]
    last = await (await emu.select(second, menu.custom_id, [last_value], user=member)).wait_message()
    assert last.find_button("Next ▶").disabled, "the section menu's pick opened the last section"
    # A well-formed id of no kind (an old kind, since removed) gets the kind "expired" notice.
    second.stored.components = [
        {"type": 1, "components": [{"type": 2, "style": 2, "label": "old", "custom_id": "lc:gone:1"}]}
    ]
    expired = await (await emu.click(second, "lc:gone:1", user=member)).wait_message()
    assert "expired" in expired.text()

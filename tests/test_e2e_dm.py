"""Plain DMs lead somewhere: typed words get what they most likely want, end to end.

"hi" gets a greeting and the menu (the full menu at most once every ten minutes, even across
a restart), "thanks" a short "You're welcome", "my back hurts" buttons to the back-pain
article and a back routine, "I can't afford my meds" help with medicine costs. Crisis words
still get the crisis card first (tests/test_e2e_safety.py); fair use still limits a flood
(tests/test_e2e_trust.py), so each member here sends at most three DMs a minute.
"""

from __future__ import annotations

import json

import pytest

from tests.e2e_support import LiveBot
from tests.emulator import Message

pytestmark = [pytest.mark.timeout(120), pytest.mark.backends("sqlite", "postgres")]

MENU_BUTTONS = {"Read", "Stretch", "Resources", "Help", "Crisis lines"}


def labels(message: Message) -> list[str]:
    return [str(b.label) for b in message.buttons()]


async def test_greetings_thanks_and_the_menu_once_every_ten_minutes(live_bot: LiveBot) -> None:
    member = live_bot.place.member
    hello = await live_bot.dm(member, "hi")
    assert set(labels(hello)) >= MENU_BUTTONS and "What would you like?" not in hello.text()
    again = await live_bot.dm(member, "hello!")
    assert again.text().startswith("Hi again") and "Read" not in labels(again)  # no second full menu
    welcome = await live_bot.dm(member, "thanks")
    assert welcome.text() == "You're welcome. Take care of yourself." and welcome.buttons() == []

    await live_bot.restart(kill=False)  # the last-menu time is stored, not kept in memory
    after = await live_bot.dm(member, "hey")
    assert after.text().startswith("Hi again") and "Read" not in labels(after)

    export = await (
        await live_bot.emu.slash("privacy", {}, subcommand="export", user=member, dm=True)
    ).wait_message()
    prefs = json.loads(export.attachments[0].data)["tables"]["user_prefs"]
    assert prefs[0]["dm_menu_at"], "the menu time is the member's data: in their export"


async def test_my_back_hurts_leads_to_the_article_and_a_back_routine(live_bot: LiveBot) -> None:
    admin = live_bot.place.admin
    answer = await live_bot.dm(admin, "my back hurts")
    assert answer.text() == "I can't chat, but this might help:"
    shown = labels(answer)
    assert "Crisis lines" in shown and len(shown) <= 4  # up to three suggestions, and the crisis lines
    article = next(label for label in shown if "lower back pain" in label.lower())
    assert any("Gentle lower-back stretches" in label for label in shown)
    page = await live_bot.press(answer, article, admin)
    assert page.id == answer.id and "back" in page.text().lower()  # opened in place of the answer

    again = await live_bot.dm(admin, "my back hurts")
    routine = next(label for label in labels(again) if "Gentle lower-back stretches" in label)
    intro = await live_bot.press(again, routine, admin)
    assert "Gentle lower-back stretches" in intro.text() and "Before you start" in intro.text()

    money = await live_bot.dm(admin, "I can't afford my meds")
    costs = next(label for label in labels(money) if "medicine costs" in label)
    topic = await live_bot.press(money, costs, admin)
    assert "Help with care and medicine costs" in topic.text()


async def test_words_that_find_nothing_say_so_plainly(live_bot: LiveBot) -> None:
    owner = live_bot.place.owner
    first = await live_bot.dm(owner, "asdfgh qwerty")
    assert first.text().startswith("I can't chat") and set(labels(first)) >= MENU_BUTTONS
    second = await live_bot.dm(owner, "zzkq vvbn")
    assert "didn't find anything" in second.text() and labels(second) == ["Crisis lines"]
    okay = await live_bot.dm(owner, "ok")
    assert okay.text().startswith("OK.") and okay.buttons() == []

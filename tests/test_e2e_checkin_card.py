"""The three-tap check-in card end to end, in a server and in a DM, through the emulator.

A quick check-in is /checkin, pick pain, pick fatigue, Save: three taps. "Same
as yesterday" saves in one tap; "Add a note" opens the check-in form with a
"for my doctor" toggle. Own symptoms appear on the card.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from tests.e2e_support import PLACES, LiveBot, assert_private, nothing_public
from tests.emulator import InteractionHandle, Message

pytestmark = [pytest.mark.timeout(120), pytest.mark.backends("sqlite", "postgres")]
QUICK_CHECKIN_TAP_BUDGET = 3


def select_id(message: Message, prefix: str) -> str:
    [found] = [s.custom_id for s in message.selects() if s.custom_id.startswith(prefix)]
    return found


class Taps:
    """Counts every interaction the member makes after typing the command."""

    def __init__(self, live: LiveBot) -> None:
        self.live = live
        self.count = 0

    async def pick(self, message: Message, prefix: str, value: str) -> Message:
        self.count += 1
        handle = await self.live.emu.select(message, select_id(message, prefix), [value])
        return await handle.wait_message()

    async def press(self, message: Message, label: str) -> InteractionHandle:
        self.count += 1
        return await self.live.click(message, label)


@pytest.mark.parametrize("place", PLACES)
async def test_a_quick_check_in_takes_at_most_three_taps(live_bot: LiveBot, place: str) -> None:
    card = await live_bot.slash("checkin", place=place)
    assert_private(card, place)
    text = card.text()
    assert "Check in (private)" in text and len(text) <= 1200
    assert len(card.selects()) == 5  # pain, fatigue, stiffness, sleep, mood
    taps = Taps(live_bot)
    card = await taps.pick(card, "lc:ck:m:p:", "6")
    card = await taps.pick(card, "lc:ck:m:f:", "7")
    saved = await (await taps.press(card, "Save")).wait_message()
    print(f"\nquick check-in taps ({place}): {taps.count} (budget {QUICK_CHECKIN_TAP_BUDGET})")
    assert taps.count <= QUICK_CHECKIN_TAP_BUDGET
    assert "Saved to your private journal" in saved.text() and "Pain **6**/10" in saved.text()
    [row] = live_bot.dict_rows("SELECT pain, fatigue, stiffness, sleep, mood, note FROM checkins")
    assert row == {"pain": 6, "fatigue": 7, "stiffness": None, "sleep": None, "mood": None, "note": None}

    # Same as yesterday: one tap from a fresh card.
    card = await live_bot.slash("checkin", place=place)
    again = await (await live_bot.emu.click(card, card.find_button("Same as yesterday"))).wait_message()
    assert "Saved to your private journal" in again.text()
    rows = live_bot.dict_rows("SELECT pain, fatigue FROM checkins ORDER BY id")
    assert rows == [{"pain": 6, "fatigue": 7}] * 2
    nothing_public(live_bot)


@pytest.mark.parametrize("place", PLACES)
async def test_own_symptoms_and_a_note_for_my_doctor(live_bot: LiveBot, place: str) -> None:
    added = await (
        await live_bot.invoke("symptoms", {"name": "Brain  Fog"}, place=place, subcommand="add")
    ).wait_message()
    assert_private(added, place)
    assert "brain fog" in added.content
    listed = await live_bot.slash("symptoms", place=place, subcommand="list")
    assert "brain fog" in listed.content and "1 of 10" in listed.content

    card = await live_bot.slash("checkin", place=place)
    assert len(card.selects()) == 6
    card = await (await live_bot.emu.select(card, select_id(card, "lc:ck:m:l:"), ["3"])).wait_message()
    card = await (await live_bot.emu.select(card, select_id(card, "lc:ck:s:"), ["2"])).wait_message()
    form = await live_bot.emu.click(card, card.find_button("Add a note"))
    await form.response()
    assert form.modal is not None
    assert {i.custom_id for i in form.modal.inputs()} == {"pain", "fatigue", "note", "doctor"}
    saved = await (
        await live_bot.emu.submit_modal(
            form, values={"pain": "5", "fatigue": "4", "note": "Ask about my hands", "doctor": True}
        )
    ).wait_message()
    assert_private(saved, place)
    assert "marked for your doctor" in saved.text() and "brain fog: moderate" in saved.text()
    [row] = live_bot.dict_rows("SELECT pain, fatigue, sleep, note, for_doctor FROM checkins")
    assert row == {"pain": 5, "fatigue": 4, "sleep": 3, "note": "Ask about my hands", "for_doctor": 1}
    assert live_bot.dict_rows("SELECT level FROM checkin_symptoms") == [{"level": 2}]

    removed = await (
        await live_bot.invoke("symptoms", {"name": "brain fog"}, place=place, subcommand="remove")
    ).wait_message()
    assert "Removed" in removed.content
    card = await live_bot.slash("checkin", place=place)
    assert len(card.selects()) == 5
    nothing_public(live_bot)


async def test_saving_without_pain_is_explained_and_a_crisis_note_gets_the_card_first_and_is_kept(
    live_bot: LiveBot,
) -> None:
    card = await live_bot.slash("checkin")
    card = await (await live_bot.emu.select(card, select_id(card, "lc:ck:m:f:"), ["4"])).wait_message()
    refused = await (await live_bot.emu.click(card, card.find_button("Save"))).wait_message()
    assert "Pick your **pain** level first" in refused.content and refused.ephemeral
    form = await live_bot.emu.click(card, card.find_button("Add a note"))
    await form.response()
    submitted = await live_bot.emu.submit_modal(
        form, values={"pain": "5", "fatigue": "4", "note": "I want to die"}
    )
    crisis = await submitted.wait_message()
    assert crisis.ephemeral and "Saved" not in crisis.text()  # the crisis card comes first
    [kept] = await submitted.wait_followups(1)
    assert kept.ephemeral and "Saved to your private journal" in kept.text()  # then only "kept"
    assert live_bot.dict_rows("SELECT pain, note FROM checkins") == [{"pain": 5, "note": "I want to die"}]


async def test_three_days_well_above_usual_ask_is_this_a_flare_once(live_bot: LiveBot) -> None:
    member = live_bot.place.member
    now = time.time()
    for day in range(1, 21):  # a usual of pain 2, then two hard days before today
        pain = 8 if day <= 2 else 2
        at = datetime.fromtimestamp(now - day * 86400, UTC).isoformat(timespec="microseconds")
        live_bot.execute(
            "INSERT INTO checkins (user_id, at, pain, source) VALUES (?, ?, ?, 'command')",
            (member.id, at, pain),
        )
    card = await live_bot.slash("checkin")
    card = await (await live_bot.emu.select(card, select_id(card, "lc:ck:m:p:"), ["9"])).wait_message()
    saved = await (await live_bot.emu.click(card, card.find_button("Save"))).wait_message()
    assert "Is this a flare?" in saved.text()
    marked = await (await live_bot.emu.click(saved, saved.find_button("Yes, mark a flare"))).wait_message()
    assert "Flare marked" in marked.content
    assert len(live_bot.dict_rows("SELECT * FROM flares WHERE ended_at IS NULL")) == 1
    # Asked at most once a week: the next hard day does not ask again.
    card = await live_bot.slash("checkin")
    card = await (await live_bot.emu.select(card, select_id(card, "lc:ck:m:p:"), ["9"])).wait_message()
    again = await (await live_bot.emu.click(card, card.find_button("Save"))).wait_message()
    assert "Is this a flare?" not in again.text()

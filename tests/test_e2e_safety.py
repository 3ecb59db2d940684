"""The safety net end to end, through the emulator: every free-text path is screened, the crisis
card answers first for the member's region, and nothing cheerful follows it.

Phrases are ones any detector catches ("I want to die", "kill myself"): these tests prove the
plumbing (every door screened, what the card shows, what follows it), not the detector.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e_support import (
    LiveBot,
    is_card,
    live_bot_for,
    open_checkin_form,
    to_the_safety_ok,
)
from tests.emulator import InteractionHandle

pytestmark = [pytest.mark.timeout(180), pytest.mark.backends("sqlite", "postgres")]

CRISIS = "I want to die"
SHORT_CRISIS = "kill myself"
TINY_CRISIS = "suicide"  # fits the 8-character score boxes
CARD_LEAD = "I'm really glad you told me"
QUIET = 0.6
"""Seconds to wait before checking that nothing followed the card (the bot answers in milliseconds)."""


@pytest.fixture(name="us_bot")
async def us_bot_fixture(tmp_path: Path) -> AsyncIterator[LiveBot]:
    async for live in live_bot_for(tmp_path, community__region="US"):
        yield live


async def nothing_followed(handle: InteractionHandle) -> None:
    await asyncio.sleep(QUIET)
    assert handle.followups == [], [m.text() for m in handle.followups]


# ------------------------------------------------------------------------------- plain DMs


async def test_a_crisis_dm_gets_the_card_and_no_cheerful_menu(us_bot: LiveBot) -> None:
    emu, member = us_bot.emu, us_bot.place.member
    sent = await emu.send_dm(member, "honestly I want to DIE today")
    card = await emu.wait_for_dm(member, after=sent)
    assert is_card(card) and CARD_LEAD in card.text()
    text = card.text()
    assert "Call **911**" in text and "**988**" in text
    assert "text **HOME** to **741741**" in text and "📞 **Crisis Text Line" not in text
    assert "116 123" not in text  # not a US line
    await asyncio.sleep(QUIET)
    assert emu.dm_messages(member, from_bot_only=True)[-1].id == card.id  # no menu after it
    assert "DIE" not in us_bot.logs() and "want to die" not in us_bot.logs().lower()


async def test_the_plain_dm_menu_has_a_red_crisis_lines_button(us_bot: LiveBot) -> None:
    emu, member = us_bot.emu, us_bot.place.member
    sent = await emu.send_dm(member, "hello there")
    menu = await emu.wait_for_dm(member, after=sent)
    button = menu.find_button("Crisis lines")
    assert button.style == 4  # danger: red
    lines = await us_bot.press(menu, "Crisis lines")
    assert is_card(lines) and CARD_LEAD not in lines.text() and "988" in lines.text()


# ------------------------------------------------------------------- region cards, two places


@pytest.mark.parametrize("place", ["guild", "dm"])
async def test_the_region_card_follows_the_members_own_choice(live_bot: LiveBot, place: str) -> None:
    handle = await live_bot.invoke("search", {"query": f"{CRISIS} honestly"}, place=place)
    card = await handle.wait_message()
    assert is_card(card) and card.ephemeral == (place == "guild")
    assert "Wherever you are" in card.text() and "112" in card.text()  # the community default: INTL
    assert "findahelpline.com" in card.text()
    await nothing_followed(handle)  # no search results after the card

    expectations = {
        "Australia": (["**000**", "**13 11 14**"], ["116 123", "988"]),
        "New Zealand": (["**111**", "**1737**"], ["116 123", "000"]),
        "India": (["**14416**"], ["116 123", "988"]),
        "UK & Ireland": (["**999**", "**116 123**", "text **SHOUT** to **85258**"], ["988", "741741"]),
        "Canada": (["**911**", "call or text **988**"], ["116 123", "741741"]),
        "US": (["**911**", "**988**", "text **HOME** to **741741**"], ["116 123", "85258"]),
    }
    for region, (present, absent) in expectations.items():
        card = await live_bot.press(card, region)
        text = card.text()
        assert all(p in text for p in present), (region, text)
        assert not any(a in text for a in absent), (region, text)
        assert card.find_button(region).style == 1  # the chosen region is highlighted
        assert "📞 **Shout" not in text and "📞 **Crisis Text Line" not in text
    member = live_bot.place.member.id
    assert live_bot.rows("SELECT crisis_region FROM user_prefs WHERE user_id = ?", (member,)) == [("US",)]

    # Remembered privately: the next card, anywhere, starts with the US lines.
    other = "dm" if place == "guild" else "guild"
    again = await live_bot.slash("search", {"query": CRISIS}, place=other)
    assert "Help in the US" in again.text()
    # Asked for directly, the crisis lines are the same card for the same place.
    asked = await live_bot.slash("resources", {"topic": "crisis"}, place=other)
    assert "Help in the US" in asked.text() and "116 123" not in asked.text()


# ------------------------------------------------------------ every free-text path is screened


def string_option_paths(commands: list[dict[str, Any]]) -> list[tuple[str, str | None, dict[str, Any], str]]:
    """(command, subcommand, options, option name) for every free-text string option of every command."""

    def filled(options: list[dict[str, Any]], target: str, text: str) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for option in options:
            if option["name"] == target:
                values[option["name"]] = text
            elif option.get("required"):
                kind = option["type"]
                values[option["name"]] = {3: "hello", 4: option.get("min_value", 1), 5: False, 10: 1.0}[kind]
        return values

    found = []

    def walk(name: str, sub: str | None, options: list[dict[str, Any]]) -> None:
        for option in options:
            if option["type"] in (1, 2):
                walk(name, f"{sub} {option['name']}" if sub else option["name"], option.get("options", []))
            elif option["type"] == 3 and not option.get("choices"):
                limit = option.get("max_length", 6000)
                text = CRISIS if len(CRISIS) <= limit else SHORT_CRISIS
                found.append((name, sub, filled(options, option["name"], text), option["name"]))

    for command in commands:
        walk(command["name"], None, command.get("options", []))
    return found


async def test_every_string_option_of_every_command_is_screened_first(live_bot: LiveBot) -> None:
    paths = string_option_paths(live_bot.emu.commands())
    named = {(name, option) for name, _, _, option in paths}
    assert {("search", "query"), ("read", "article"), ("resources", "region")} <= named  # the walk works
    for name, sub, options, option in paths:
        handle = await live_bot.invoke(name, options, subcommand=sub)
        card = await handle.wait_message()
        assert is_card(card) and card.ephemeral, f"/{name} {sub or ''} {option}: {card.text()[:80]}"
        await nothing_followed(handle)
    print(f"screened {len(paths)} string options of {len(live_bot.emu.commands())} commands")


async def open_form(live: LiveBot, command: str, place: str = "guild") -> InteractionHandle:
    """The check-in form (the /checkin card's "Add a note"), or /report's questions form."""
    if command == "checkin":
        where = {"guild": live.place.guild} if place == "guild" else {"dm": True}
        return await open_checkin_form(live.emu, live.place.member, **where)
    handle = await live.invoke(command, {"questions": "edit"} if command == "report" else {}, place=place)
    await handle.response()
    assert handle.modal is not None
    return handle


async def test_a_crisis_check_in_note_is_saved_after_the_card(live_bot: LiveBot) -> None:
    form = await open_form(live_bot, "checkin")
    submitted = await live_bot.emu.submit_modal(form, values={"pain": "4", "fatigue": "5", "note": CRISIS})
    card = await submitted.wait_message()
    assert is_card(card) and card.ephemeral
    saved = (await submitted.wait_followups(1))[0]
    assert "Saved to your private journal" in saved.text() and saved.ephemeral
    assert live_bot.rows("SELECT pain, note FROM checkins") == [(4, CRISIS)]
    await asyncio.sleep(QUIET)
    assert len(submitted.followups) == 1


async def plan_form(live: LiveBot, part: int, place: str = "guild") -> InteractionHandle:
    view = await live.slash("safety-plan", place=place)
    label = "Write my plan" if part == 1 and "Write my plan" in {b.label for b in view.buttons()} else None
    if label is None:
        if part == 2:
            view = await live.press(view, "Next part")
        label = f"Edit part {part}"
    handle = await live.click(view, label)
    await handle.response()
    assert handle.modal is not None
    return handle


async def test_every_field_of_every_form_is_screened(live_bot: LiveBot) -> None:
    """Every text input the bot's forms hold; bot.ui forms are listed in test_safety_net.FORMS."""
    from tests.test_safety_net import form_fields

    forms = form_fields()
    checked = 0
    for command, part, field in forms:
        handle = await (
            open_form(live_bot, command) if command in ("checkin", "report") else plan_form(live_bot, part)
        )
        assert handle.modal is not None
        limit = next(i.max_length for i in handle.modal.inputs() if i.custom_id == field) or 4000
        text = next(t for t in (CRISIS, SHORT_CRISIS, TINY_CRISIS) if len(t) <= limit)
        values = {"pain": "3", "fatigue": "3", "note": ""} if command == "checkin" else {}
        values[field] = text
        submitted = await live_bot.emu.submit_modal(handle, values=values)
        card = await submitted.wait_message()
        assert is_card(card), f"{command} part {part} field {field}"
        checked += 1
    assert checked == len(forms) >= 10
    # What the member asked to keep is kept: the plan holds every section they wrote. The card
    # is sent before the form's own handler saves, so wait for the last save.
    await live_bot.emu.wait_until(
        lambda: live_bot.rows("SELECT warning_signs, reasons FROM safety_plans") == [(CRISIS, CRISIS)],
        10,
        "the last part of the plan to be saved",
    )


# ------------------------------------------------------------------------------ safety plan


@pytest.mark.parametrize("place", ["guild", "dm"])
async def test_a_safety_plan_is_written_in_two_parts_and_opens_from_the_card(
    live_bot: LiveBot, place: str
) -> None:
    emu = live_bot.emu
    empty = await live_bot.slash("safety-plan", place=place)
    assert "only you see it" in empty.text() and empty.ephemeral == (place == "guild")
    form = await live_bot.click(empty, "Write my plan")
    await form.response()
    assert form.modal is not None and len(form.modal.inputs()) == 4
    part1 = {"warning_signs": "I stop answering texts", "coping": "Shower, music", "people": "Sam 555-0100"}
    saved = await (await emu.submit_modal(form, values=part1)).wait_message()
    assert "Saved" in saved.text() and "I stop answering texts" in saved.text()
    form2 = await live_bot.click(saved, "Write part 2")
    await form2.response()
    assert form2.modal is not None and len(form2.modal.inputs()) == 3
    saved2 = await (await emu.submit_modal(form2, values={"reasons": "My dog Pip"})).wait_message()
    assert "My dog Pip" in saved2.text() and "Reasons to keep going" in saved2.text()

    # Every crisis card now offers the plan.
    card = await live_bot.slash("search", {"query": CRISIS}, place=place)
    plan = await live_bot.press(card, "My safety plan")
    assert "I stop answering texts" in plan.text()

    # In /privacy export, gone after /privacy delete.
    export = await live_bot.slash("privacy", subcommand="export", place=place)
    data = json.loads(export.attachments[0].data)
    assert data["tables"]["safety_plans"][0]["reasons"] == "My dog Pip"
    confirm = await live_bot.slash("privacy", subcommand="delete", place=place)
    await live_bot.press(confirm, "Yes, erase everything")
    assert live_bot.rows("SELECT COUNT(*) FROM safety_plans") == [(0,)]


async def test_breathe_with_me_opens_the_grounding_routine(live_bot: LiveBot) -> None:
    card = await live_bot.slash("search", {"query": CRISIS})
    intro = await live_bot.press(card, "Breathe with me")
    assert "Breathe and ground yourself" in intro.text()


# ------------------------------------------------------------------------------ handoff


async def test_a_moderator_is_asked_only_when_the_member_taps(live_bot: LiveBot) -> None:
    emu, place = live_bot.emu, live_bot.place
    mods = emu.create_channel(place.guild, "mod-support")
    card = await live_bot.slash("search", {"query": CRISIS})
    assert "Ask a moderator to reach out" not in {b.label for b in card.buttons()}  # not configured

    live_bot.write_config(safety__support_channel_id=mods.id)
    await live_bot.restart(kill=False)
    sent = await emu.send_dm(place.member, f"{CRISIS}, nobody would notice")
    card = await emu.wait_for_dm(place.member, after=sent)
    await asyncio.sleep(QUIET)
    assert emu.channel_messages(mods) == []  # nothing without the tap
    told = await live_bot.press(card, "Ask a moderator to reach out")
    posted = emu.channel_messages(mods)
    assert len(posted) == 1
    note = posted[0].content
    assert f"<@{place.member.id}>" in note and str(place.member.id) in note
    assert "nobody would notice" not in note and "die" not in note.lower()
    assert posted[0].raw.get("mentions", []) == []  # named, not pinged
    assert note.splitlines()[0] in told.text() and "exactly what I sent" in told.text()
    again = await live_bot.press(card, "Ask a moderator to reach out")
    assert "already asked" in again.text() and len(emu.channel_messages(mods)) == 1


# ------------------------------------------------------------------------------ It hurts


async def test_the_it_hurts_card_fits_a_screen_and_its_buttons_work(live_bot: LiveBot) -> None:
    intro = await live_bot.slash("stretch", {"routine": "chair-bad-day"})
    intro = await to_the_safety_ok(live_bot.emu, intro, live_bot.place.member)
    card = await live_bot.press(intro, "I've read this — start")
    hurt = await live_bot.press(card, "It hurts")
    embed = hurt.embeds[0]
    visible = len(embed.get("title", "")) + len(embed.get("description", "")) + len(hurt.content or "")
    print(f"It-hurts card: {visible} visible characters (budget 1200)")
    assert visible <= 1200
    assert embed["description"].startswith("**Get emergency care now")
    assert [b.label for b in hurt.buttons()] == [
        "Emergency numbers",
        "When to call my care team",
        "Log this in my journal",
    ]
    numbers = await live_bot.press(hurt, "Emergency numbers")
    assert "911" in numbers.text() and "000" in numbers.text()
    care = await live_bot.press(hurt, "When to call my care team")
    assert "One leg swollen" in care.text()
    log = await live_bot.click(hurt, "Log this in my journal")
    await log.response()
    assert log.modal is not None

"""Guided stretching, end to end: the real bot process against the local Discord emulator.

A member lists routines, reads the intro (cautions and disclaimer), confirms the
one-time safety note, and is walked through step cards — in a server (private
cards), in a DM, after the bot process is killed and started again, while the
routine's file changes underneath, and with auto-advance editing the card by
itself. Every test ends with zero emulator violations (nothing Discord would
refuse, no interaction left unanswered).
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.e2e_support import START_FIRST_TIME, LiveBot, live_bot_for, title, to_the_safety_ok
from tests.emulator import Message, StoredMessage

pytestmark = [pytest.mark.timeout(120), pytest.mark.backends("sqlite", "postgres")]

ROUTINE = "chair-bad-day"  # 5 steps, 14 positions
QUICK = "quick-test"  # short holds, for timers in real time

QUICK_ROUTINE: dict[str, Any] = {
    "id": QUICK,
    "title": "Quick test stretches",
    "summary": "Two short steps for testing timers.",
    "level": "gentle",
    "position": "chair",
    "minutes": 1,
    "equipment": [],
    "cautions": ["Stop if anything hurts."],
    "reviewed": "2026-11-24",
    "sources": [{"title": "NHS — Back pain", "url": "https://www.nhs.uk/conditions/back-pain/"}],
    "steps": [
        {
            "id": "reach",
            "title": "Side reach",
            "instructions": "Reach one arm up and over.",
            "hold_seconds": 1,
            "reps": 2,
            "sides": "both",
            "rest_seconds": 0,
        },
        {
            "id": "shrug",
            "title": "Shoulder shrugs",
            "instructions": "Lift and drop your shoulders.",
            "hold_seconds": 0,
            "reps": 5,
            "sides": "none",
            "rest_seconds": 0,
        },
    ],
}


# --------------------------------------------------------------------------- fixture and helpers


def write_routine(content: Path, data: dict[str, Any]) -> None:
    (content / "routines" / f"{data['id']}.yaml").write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")


@pytest.fixture(name="live")
async def stretch_bot_fixture(tmp_path: Path) -> AsyncIterator[LiveBot]:
    """Like the ``live_bot`` fixture, with a quick routine added to the content copy."""
    async for live in live_bot_for(tmp_path, prepare=lambda content: write_routine(content, QUICK_ROUTINE)):
        yield live


async def stretch(live: LiveBot, place: str = "guild", user: Any = None, **options: Any) -> Message:
    """``/stretch`` with ``options`` given as keywords."""
    return await live.slash("stretch", options, place=place, user=user)


def session_id(card: Message) -> str:
    for button in card.buttons():
        match = re.fullmatch(r"lc:rt:([0-9a-f]{32}):\w+:\d+", button.custom_id or "")
        if match:
            return match.group(1)
    raise AssertionError(f"no routine buttons on {card!r}")


async def open_intro(live: LiveBot, routine: str, place: str = "guild") -> Message:
    return await stretch(live, place, routine=routine)


async def start(live: LiveBot, routine: str, place: str = "guild", *, manual: bool = False) -> Message:
    """From /stretch routine to the first step card (confirming the safety note if asked).

    ``manual``: turn auto-advance off first, for tests that walk a routine of one-second holds
    by hand (with auto-advance on, the card would move under their presses)."""
    intro = await open_intro(live, routine, place)
    if manual:
        intro = await live.press(intro, "Let me press Next")
    if "Start" in [b.label for b in intro.buttons()]:
        return await live.press(intro, "Start")
    return await live.press(await to_the_safety_ok(live.emu, intro, live.place.member), START_FIRST_TIME)


def step_of(card: Message) -> str:
    """The card's one progress count, "Step 2 of 5"."""
    found = re.search(r"Step \d+ of \d+", card.text())
    return found.group(0) if found else ""


async def walk_to_the_end(live: LiveBot, card: Message) -> Message:
    for _ in range(60):
        if "Well done" in title(card):
            return card
        label = "Finish" if any(b.label == "Finish" for b in card.buttons()) else "Next"
        card = await live.press(card, label)
    raise AssertionError(f"the routine never finished: {title(card)}")


def edits(live: LiveBot, route: str) -> int:
    """How many successful PATCH requests the bot made on `route` (an emulator route template)."""
    requests = live.emu.state.requests
    return sum(1 for r in requests if r.method == "PATCH" and r.route == route and r.status < 300)


TOKEN_EDIT = "/webhooks/{application_id}/{token}/messages/{message_id}"
DM_EDIT = "/channels/{channel_id}/messages/{message_id}"


def step_buttons(card: Message) -> dict[str, int]:
    return {str(b.label): b.style for b in card.buttons()}


# --------------------------------------------------------------------------- a whole routine


async def test_a_whole_routine_in_a_server(live: LiveBot) -> None:
    listing = await stretch(live)
    assert listing.ephemeral
    text = listing.text()
    assert "Five minutes in a chair, for bad days" in text
    assert "min ·" in text and "in a chair" in text and "needs" in text  # length, level, position, kit
    menu = listing.selects()[0]
    assert ROUTINE in [o["value"] for o in menu.options]

    intro = await (await live.emu.select(listing, menu.custom_id, [ROUTINE])).wait_message()
    safety = yaml.safe_load((live.content / "safety.yaml").read_text("utf-8"))
    first_line = safety["disclaimer"].splitlines()[0]
    assert "Before you start" in intro.text()  # the cautions first
    assert "First time only" in intro.content and "Auto-advance is on" in intro.content
    assert intro.find_button("Let me press Next")  # auto-advance is on; the switch says what it does
    notes = await to_the_safety_ok(live.emu, intro, live.place.member)
    assert notes.id == intro.id  # the notes page inside one message
    assert first_line in notes.text()  # the disclaimer, before the first routine
    notes = await live.press(notes, "Let me press Next")  # this test walks the routine by hand
    assert "Auto-advance is off" in notes.content

    card = await live.press(await to_the_safety_ok(live.emu, notes, live.place.member), START_FIRST_TIME)
    assert card.ephemeral and title(card) == "Sit tall, then relax · hold 1 of 2"
    assert re.search(r"<t:\d+:R>", card.text())  # a live countdown, no per-second edits
    assert "▱" in card.text() and "Step 1 of 5" in card.text() and " of 14" not in card.text()
    styles = step_buttons(card)
    assert {"Back", "Pause", "Next", "Stop", "It hurts"} <= set(styles)
    assert styles["It hurts"] == 4  # red

    card = await live.press(card, "Back")  # back on the very first step: just starts it again
    assert "Step 1 of 5" in card.text()
    card = await live.press(card, "Pause")
    assert title(card).startswith("Paused")
    assert [b.label for b in card.buttons()] == ["Resume", "Stop", "It hurts"]
    card = await live.press(card, "Resume")
    done = await walk_to_the_end(live, card)
    assert "Time stretching" in done.text() and "5 of 5" in done.text()
    saved = await live.press(done, "3")
    assert "pain **3 / 10**" in saved.text()
    completions = live.rows("SELECT outcome, steps_done, steps_total FROM routine_completions")
    assert completions == [("done", 5, 5)]
    assert live.rows("SELECT pain, source FROM checkins") == [(3, "routine")]

    again = await open_intro(live, ROUTINE)  # the safety note is asked for only once
    assert again.find_button("Start") and "First time only" not in again.content
    assert len(again.text()) < 300 and again.find_button("Safety notes")  # one line, notes one tap away
    assert "Auto-advance is off" in again.text()  # their own choice is kept
    notes = await live.press(again, "Safety notes")
    assert "Before you start" in notes.text() and notes.id == again.id


async def test_a_whole_routine_in_a_dm(live: LiveBot) -> None:
    listing = await stretch(live, "dm")
    assert not listing.ephemeral and listing.guild_id is None
    card = await start(live, QUICK, "dm", manual=True)
    assert not card.ephemeral
    assert title(card) == "Side reach (left) · hold 1 of 2" and step_of(card) == "Step 1 of 2"
    done = await walk_to_the_end(live, card)
    assert "Well done" in title(done)
    assert live.rows("SELECT outcome FROM routine_completions") == [("done",)]


async def test_private_true_runs_the_routine_in_a_dm_message(live: LiveBot) -> None:
    note = await stretch(live, routine=QUICK, private=True)
    assert note.ephemeral and "DM" in note.content
    intro = await live.emu.wait_for_dm(live.place.member)
    intro = await live.press(intro, "Let me press Next")
    card = await live.press(intro, "I've read this — start")
    assert not card.ephemeral and card.guild_id is None
    card = await live.press(card, "Next")
    assert "hold 2 of 2" in title(card)


async def test_movement_steps_take_one_press_for_all_their_reps(live: LiveBot) -> None:
    card = await start(live, QUICK, manual=True)
    for _ in range(4):  # left ×2, right ×2
        card = await live.press(card, "Next")
    assert title(card) == "Shoulder shrugs · 5 times" and step_of(card) == "Step 2 of 2"
    assert "Do this **5 times**" in str(card.embeds[0]["description"])
    assert "Well done" in title(await live.press(card, "Finish"))


# --------------------------------------------------------------------------- stopping, hurting, other people


async def test_it_hurts_stops_at_once_with_emergency_signs_advice_and_the_next_steps(live: LiveBot) -> None:
    card = await start(live, ROUTINE)
    card = await live.press(card, "Next")
    hurt = await live.press(card, "It hurts")
    text = hurt.text()
    assert "Stop now" in title(hurt)
    assert "Get emergency care now" in text and "Stop the stretch now" in text
    assert text.index("Get emergency care now") < text.index("Stop the stretch now")  # signs first
    assert [b.label for b in hurt.buttons()] == [
        "Emergency numbers",
        "When to call my care team",
        "Log this in my journal",
    ]
    care = await live.press(hurt, "When to call my care team")
    assert "Call your care team" in care.text() and care.find_button("Care team contacts")
    assert live.rows("SELECT outcome FROM routine_completions") == [("hurt",)]
    assert not [b for b in hurt.buttons() if (b.custom_id or "").startswith("lc:rt:")]


async def test_someone_elses_buttons_answer_kindly_and_change_nothing(live: LiveBot) -> None:
    card = await start(live, ROUTINE)
    sid = session_id(card)
    # An ephemeral card can't be seen by others; put its buttons where another member can press them.
    emu, place = live.emu, live.place
    copy = StoredMessage(
        id=emu.state.next_id(),
        channel_id=place.general.id,
        guild_id=place.guild.id,
        author=emu.bot_user,
        embeds=card.embeds,
        components=card.components,
    )
    emu.state.store_message(copy)
    for label in ("Next", "It hurts", "Stop"):
        handle = await emu.click(copy.id, Message(copy).find_button(label), user=place.admin)
        answer = await handle.wait_message()
        assert answer.ephemeral
        assert "belongs to someone else" in answer.content and "/stretch" in answer.content
    assert live.rows(f"SELECT status FROM routine_sessions WHERE id = '{sid}'") == [("active",)]
    card = await live.press(card, "Next")  # the owner carries on from where they were
    assert "hold 2 of 2" in title(card)


async def test_buttons_of_a_finished_routine_answer_kindly(live: LiveBot) -> None:
    first = await start(live, ROUTINE)
    # /stretch again while it runs: Resume puts it on a new card; the first card is now stale.
    prompt = await stretch(live)
    assert "in progress" in title(prompt)
    current = await live.press(prompt, "Resume")
    assert session_id(current) == session_id(first)
    stopped = await live.press(current, "Stop")
    assert "Routine stopped" in title(stopped)
    late = await live.press(first, "Next")
    assert late.ephemeral and "stopped" in late.content and "/stretch" in late.content
    hurt = await live.press(first, "It hurts")  # safety advice is never refused
    assert "Stop the stretch now" in hurt.text()
    assert live.rows("SELECT outcome FROM routine_completions") == [("stopped",)]


async def test_start_over_restarts_the_same_routine_and_switching_says_which(live: LiveBot) -> None:
    first = await start(live, ROUTINE)
    prompt = await stretch(live, routine=QUICK)
    assert [b.label for b in prompt.buttons()] == [
        "Resume",
        "Start over",
        "Start Quick test stretches instead",
    ]
    again = await live.press(prompt, "Start over")
    assert session_id(again) != session_id(first)
    assert title(again) == title(first) and step_of(again) == "Step 1 of 5"  # the same routine, anew
    late = await live.press(first, "Next")
    assert late.ephemeral and "closed" in late.content
    prompt = await stretch(live, routine=QUICK)
    intro = await live.press(prompt, "Start Quick test stretches instead")
    assert "Quick test stretches" in title(intro)
    card = await live.press(intro, "Start")
    assert "Side reach" in title(card)


# --------------------------------------------------------------------------- restarts and reloads


async def test_after_the_bot_process_is_killed_the_old_buttons_carry_on(live: LiveBot) -> None:
    card = await start(live, ROUTINE, manual=True)
    card = await live.press(card, "Next")
    card = await live.press(card, "Next")
    assert step_of(card) == "Step 2 of 5"
    await live.restart(kill=True)  # SIGKILL: no shutdown code runs
    card = await live.press(card, "Next")  # a button from before the crash
    assert step_of(card) == "Step 3 of 5" and "(left)" in title(card)
    prompt = await stretch(live)  # /stretch offers to resume it
    resumed = await live.press(prompt, "Resume")
    assert title(resumed) == title(card)
    assert "Well done" in title(await walk_to_the_end(live, resumed))


async def test_a_content_reload_does_not_change_a_running_routine(live: LiveBot) -> None:
    card = await start(live, QUICK, manual=True)
    card = await live.press(card, "Next")
    changed = {
        **QUICK_ROUTINE,
        "title": "Renamed routine",
        "steps": [
            {**QUICK_ROUTINE["steps"][1], "id": "only", "title": "A brand new step"},
        ],
    }
    write_routine(live.content, changed)
    # A moderator reloads the changed content live, while the routine runs.
    reload = await live.emu.slash(
        "admin", {}, subcommand="reload", user=live.place.admin, guild=live.place.guild
    )
    report = await reload.wait_message()
    assert "Renamed routine" in report.text() or QUICK in report.text(), report.text()
    new_intro = await open_intro(live, QUICK)  # asked while the old one runs: offered resume
    assert "in progress" in title(new_intro) and "Quick test stretches" in new_intro.text()
    card = await live.press(card, "Next")
    assert title(card) == "Side reach (right) · hold 1 of 2"  # the copy from the start
    done = await walk_to_the_end(live, card)
    assert "Quick test stretches" in done.text()
    fresh = await open_intro(live, QUICK)
    assert title(fresh) == "Renamed routine"


# --------------------------------------------------------------------------- auto-advance


async def test_auto_advance_edits_the_card_when_a_hold_ends(live: LiveBot) -> None:
    intro = await open_intro(live, QUICK)
    assert intro.find_button("Let me press Next")  # on by default
    card = await live.press(intro, "I've read this — start")
    assert "I'll move on by itself" in card.text()
    # Four one-second holds (left ×2, right ×2) pass with no press; the card follows,
    # edited through the latest interaction token (the only way to edit an ephemeral message).
    await live.emu.wait_until(lambda: step_of(card) == "Step 2 of 2", timeout=15, what="auto-advance")
    assert edits(live, TOKEN_EDIT) == 4 and edits(live, DM_EDIT) == 0
    assert "Do this **5 times**" in card.text()  # a movement waits for Next
    assert "Well done" in title(await live.press(card, "Finish"))


async def test_auto_advance_in_a_dm_edits_the_dm_message(live: LiveBot) -> None:
    intro = await open_intro(live, QUICK, "dm")
    card = await live.press(intro, "I've read this — start")
    assert not card.ephemeral
    await live.emu.wait_until(lambda: step_of(card) == "Step 2 of 2", timeout=15, what="auto-advance")
    assert edits(live, DM_EDIT) == 4 and edits(live, TOKEN_EDIT) == 0  # a DM message: no token needed


async def test_auto_advance_pauses_when_the_card_can_no_longer_be_edited(live: LiveBot) -> None:
    """An ephemeral card can only be edited through its 15-minute token. When Discord refuses
    the edit, the routine pauses instead of running on unseen, and the next press resumes it."""
    intro = await open_intro(live, QUICK)
    card = await live.press(intro, "I've read this — start")
    assert step_of(card) == "Step 1 of 2"
    live.emu.advance_clock(16 * 60)  # Discord's side: the card's token is now past 15 minutes
    await live.emu.wait_until(
        lambda: live.rows("SELECT status FROM routine_sessions") == [("paused",)],
        timeout=15,
        what="the session to pause after a refused edit",
    )
    violations = live.emu.state.violations
    refused = [v for v in violations if v["code"] == 10015]
    assert refused, "the bot did try to edit through the expired token"
    violations[:] = [v for v in violations if v["code"] != 10015]
    assert edits(live, TOKEN_EDIT) == 0
    resumed = await live.press(card, "Next")  # a fresh press brings a fresh token
    assert live.rows("SELECT status FROM routine_sessions") == [("active",)]
    assert step_of(resumed) in ("Step 1 of 2", "Step 2 of 2")


async def test_timers_are_re_armed_after_a_crash_and_the_card_catches_up(live: LiveBot) -> None:
    intro = await open_intro(live, QUICK)
    card = await live.press(intro, "I've read this — start")
    live.bot.kill()  # mid-hold, before any timer fired
    await live.bot.wait()
    await live.start()
    # The new process re-arms the stored deadline; the holds missed while it was down are
    # replayed at their own times, and the card is edited through the token stored with the session.
    await live.emu.wait_until(lambda: step_of(card) == "Step 2 of 2", timeout=15, what="catch-up")
    assert edits(live, TOKEN_EDIT) >= 1
    assert "Well done" in title(await live.press(card, "Finish"))


async def test_in_manual_mode_an_ended_hold_says_so_instead_of_a_stale_countdown(live: LiveBot) -> None:
    card = await start(live, QUICK, manual=True)
    assert re.search(r"<t:\d+:R>", card.text())  # "ends in 1 second" while it runs
    # When the hold ends the card is edited: no "ends 3 seconds ago" left on screen.
    await live.emu.wait_until(lambda: "Hold done" in card.text(), timeout=10, what="the hold-done card")
    assert not re.search(r"<t:\d+:R>", card.text())
    assert title(card) == "Side reach (left) · hold 1 of 2"  # nothing moved without a press
    card = await live.press(card, "Next")
    assert title(card) == "Side reach (left) · hold 2 of 2"

"""Taps from `/stretch` to the end of the shortest shipped stretching routine, counted and printed.

A brand-new member with default settings (auto-advance on) types `/stretch`, picks the
shortest routine from the list, reads the one-time safety notes (paging counts as taps),
confirms them once, and is walked through every step. Holds and rests move on by
themselves; only a movement ("do this 5 times") waits for the member's Next. Every tap is
counted: the command, the menu pick, every button. The budget is 8 taps.

To keep the test short, the shortest shipped routine is copied into this test's content tree
with the same steps, reps and sides but scaled-down seconds (every hold and rest that has a
timer lasts one second; a movement stays a movement). The tap count cannot depend on the
durations: a timer ends the same way after one second as after twenty.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.content.loader import load_library
from bot.content.models import Routine
from tests.e2e_support import REPO, LiveBot, live_bot_for, title
from tests.emulator import InteractionHandle, Message

pytestmark = [pytest.mark.timeout(180), pytest.mark.backends("sqlite", "postgres")]

TAP_BUDGET = 8


def routine_seconds(routine: Routine) -> int:
    """How long the routine takes with nobody pausing: every hold and every rest."""
    total = 0
    for step in routine.steps:
        sides = 2 if step.sides == "both" else 1
        positions = sides * (1 if step.hold_seconds == 0 else step.reps)
        total += positions * (step.hold_seconds + step.rest_seconds)
    return total


def shortest_stretch() -> Routine:
    library = load_library(REPO / "content").library
    assert library is not None
    stretches = [r for r in library.routines.values() if r.kind == "stretch"]
    return min(stretches, key=lambda r: (r.minutes, routine_seconds(r), r.id))


def scaled_copy(content: Path, routine: Routine) -> None:
    """The same routine file, with every timed hold and rest one second long."""
    path = content / "routines" / f"{routine.id}.yaml"
    data: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
    for step in data["steps"]:
        if step.get("hold_seconds", 0) > 0:
            step["hold_seconds"] = 1
        if step.get("rest_seconds", 0) > 0:
            step["rest_seconds"] = 1
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")


@pytest.fixture(name="live")
async def taps_bot_fixture(tmp_path: Path) -> AsyncIterator[LiveBot]:
    routine = shortest_stretch()
    async for live in live_bot_for(tmp_path, prepare=lambda content: scaled_copy(content, routine)):
        yield live


def waits_for_the_member(card: Message) -> bool:
    """A card that only moves on with a press (a movement, or a hold in manual mode)."""
    return any(b.label in ("Next", "Finish") for b in card.buttons()) and "press **" in card.text()


def moved_on(card: Message) -> Any:
    shown = card.text()
    return lambda: card.text() != shown


async def test_the_shortest_routine_takes_at_most_8_taps(live: LiveBot, capsys: Any) -> None:
    emu, place = live.emu, live.place
    routine = shortest_stretch()
    taps: list[str] = []

    async def tap(handle_coro: Any, what: str) -> Message:
        taps.append(what)
        handle: InteractionHandle = await handle_coro
        return await handle.wait_message()

    listing = await tap(emu.slash("stretch", {}, user=place.member, guild=place.guild), "/stretch")
    menu = listing.selects()[0]
    assert routine.id in [o["value"] for o in menu.options]
    screen = await tap(emu.select(listing, menu.custom_id, [routine.id]), f"pick {routine.id}")
    while "I've read this — start" not in [b.label for b in screen.buttons()]:
        screen = await tap(emu.click(screen, screen.find_button("Next page"), user=place.member), "Next page")
    card = await tap(
        emu.click(screen, screen.find_button("I've read this — start"), user=place.member), "I've read this"
    )
    for _ in range(200):
        if "Well done" in title(card):
            break
        if waits_for_the_member(card):
            label = "Finish" if any(b.label == "Finish" for b in card.buttons()) else "Next"
            card = await tap(emu.click(card, card.find_button(label), user=place.member), label)
            continue
        await emu.wait_until(moved_on(card), timeout=20, what="the card to move on by itself")
    assert "Well done" in title(card), card.text()
    to_the_end = len(taps)
    await tap(emu.click(card, card.find_button("3"), user=place.member), "pain 3/10")
    with capsys.disabled():
        print(
            f"\ntaps from /stretch to the end of {routine.id} ({routine.minutes} min, "
            f"{len(routine.steps)} steps): {to_the_end} to the finish card, {len(taps)} with the pain "
            f"answer (budget {TAP_BUDGET}): {' → '.join(taps)}"
        )
    assert len(taps) <= TAP_BUDGET

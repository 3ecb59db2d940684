"""The grounding exercise behind the crisis card's "Breathe with me", end to end.

It is a routine of ``kind: grounding``: a brand-new member starts it without the stretching
safety OK, it is not listed among the stretches, nothing about it goes into the journal, and
it ends with a calm line and the way back to the crisis lines and the safety plan, never
with the stretching finish card and its 0–10 pain question.

To keep the test short, the shipped exercise is copied with its timed steps one second long
(the same steps; the untimed ones still wait for Next).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.e2e_support import LiveBot, live_bot_for, title
from tests.emulator import Message

pytestmark = [pytest.mark.timeout(120), pytest.mark.backends("sqlite", "postgres")]

GROUNDING = "grounding-breathing"


def quick_grounding(content: Path) -> None:
    path = content / "routines" / f"{GROUNDING}.yaml"
    data: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
    for step in data["steps"]:
        if step.get("hold_seconds", 0) > 0:
            step["hold_seconds"] = 1
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")


@pytest.fixture(name="live")
async def grounding_bot_fixture(tmp_path: Path) -> AsyncIterator[LiveBot]:
    async for live in live_bot_for(tmp_path, prepare=quick_grounding):
        yield live


def moved_on(card: Message) -> Any:
    shown = card.text()
    return lambda: card.text() != shown


async def test_breathe_with_me_runs_without_the_stretch_ok_and_ends_calmly(live: LiveBot) -> None:
    emu, member = live.emu, live.place.member
    sent = await emu.send_dm(member, "some days I want to die")
    card = await emu.wait_for_dm(member, after=sent)
    intro = await live.press(card, "Breathe with me")
    assert "Breathe and ground yourself" in intro.text()
    assert "If you are in danger right now" in intro.text()  # its own short cautions, on screen
    assert "I've read this — start" not in [b.label for b in intro.buttons()]  # no stretching OK

    step = await live.press(intro, "Start")
    assert "It hurts" not in [b.label for b in step.buttons()]  # stretching stop advice does not fit
    for _ in range(30):
        if title(step) == "Take your time":
            break
        if any(b.label in ("Next", "Finish") for b in step.buttons()) and "press **" in step.text():
            finish = any(b.label == "Finish" for b in step.buttons())
            step = await live.press(step, "Finish" if finish else "Next")
        else:
            await emu.wait_until(moved_on(step), timeout=10, what="the breathing step to end")
    assert title(step) == "Take your time"
    assert "pain" not in step.text().lower() and "Time stretching" not in step.text()
    assert [b.label for b in step.buttons()] == ["Crisis lines", "My safety plan", "Breathe again"]
    lines = await live.press(step, "Crisis lines")
    assert "988" in lines.text() or "help" in lines.text().lower()

    assert live.rows("SELECT COUNT(*) FROM routine_completions") == [(0,)]
    assert live.rows("SELECT COUNT(*) FROM user_prefs WHERE safety_ack_at IS NOT NULL") == [(0,)]
    listing = await (await emu.slash("stretch", {}, user=member, dm=True)).wait_message()
    assert GROUNDING not in [o["value"] for o in listing.selects()[0].options]

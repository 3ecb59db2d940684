"""Every screen fits a phone: a crawl through every command, button and menu with the shipped content.

A member with fatigue reads on a phone, where about 1,200 characters of text is one
screen and a half. This test starts every registered slash command (each content id
for options that name content, sample values for the others), then presses every
button and picks every menu option it finds, breadth first, within a budget, and
measures the visible text (content, embed title, description, fields, footer, and
Components V2 text) of every message the bot shows after each step. It prints the
largest screens and fails when any is over the limit.

A command with a required option this test has no sample value for fails the test,
so a new command cannot slip past the measurement.
"""

from __future__ import annotations

import hashlib
from collections import deque
from dataclasses import dataclass, field
from typing import Any

import pytest

from bot.content.loader import load_library
from tests.e2e_support import REPO, LiveBot
from tests.emulator import HarnessError, InteractionHandle, Message

pytestmark = [pytest.mark.timeout(600), pytest.mark.backends("sqlite", "postgres")]

SCREEN_LIMIT = 1_200
MAX_STEPS = 700
"""Interactions in one crawl (each costs the bot and the emulator a few ms)."""
MAX_DEPTH = 5
OPTIONS_PER_SELECT = 6
"""Menu options tried per select: enough to reach every kind of page without trying all 25."""

SAMPLES: dict[str, list[Any]] = {
    "query": ["my back hurts", "I can't afford my meds", "tired all the time", "crisis"],
    "days": [30],
    "time": ["08:30"],
    "timezone": ["EST"],
    "region": ["US"],
    "name": ["rash"],
    "times": ["08:00"],
}
"""Values for required options that do not name content (by option name)."""

SKIP_LABELS = ("Delete everything", "Yes, delete", "Yes, stop it")
"""Buttons that end the member's data: pressed last would be fine, but they change what later steps see."""


@dataclass
class Crawl:
    live: LiveBot
    sizes: dict[str, tuple[int, str]] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)
    steps: int = 0
    modals: list[str] = field(default_factory=list)

    def measure(self, path: str, message: Message) -> None:
        size = len(message.text())
        key = hashlib.sha1(message.text().encode()).hexdigest()[:12]
        if key not in self.sizes or self.sizes[key][0] < size:
            self.sizes[key] = (size, path)

    async def visible(self, handle: InteractionHandle) -> Message | None:
        response = await handle.response()
        if response.type in (9, 8):  # a modal or autocomplete answer: no message
            self.modals.append(handle.record.description)
            return None
        message = await handle.wait_message()
        for extra in handle.followups:
            self.measure("follow-up", extra)
        return message


def _content_values(kind: str) -> list[str]:
    library = load_library(REPO / "content").library
    assert library is not None
    return {
        "article": list(library.articles),
        "routine": list(library.routines),
        "topic": list(library.topics),
    }.get(kind, [])


def _invocations(commands: list[dict[str, Any]]) -> list[tuple[str, str | None, dict[str, Any]]]:
    """(command, subcommand, options) for every command and every value of its content option."""
    runs: list[tuple[str, str | None, dict[str, Any]]] = []
    for command in commands:
        subs = [o for o in command.get("options") or [] if o.get("type") in (1, 2)]
        leaves: list[tuple[str | None, list[dict[str, Any]]]] = []
        if not subs:
            leaves.append((None, list(command.get("options") or [])))
        for sub in subs:
            if sub["type"] == 1:
                leaves.append((sub["name"], list(sub.get("options") or [])))
            else:
                for inner in sub.get("options") or []:
                    leaves.append((f"{sub['name']} {inner['name']}", list(inner.get("options") or [])))
        for subcommand, options in leaves:
            fixed: dict[str, Any] = {}
            variants: list[tuple[str, Any]] = []
            bare_run = True
            for option in options:
                name = option["name"]
                values = _content_values(name) or SAMPLES.get(name, [])
                if name in ("article", "routine", "topic") and values:
                    variants.extend((name, v) for v in values)
                    bare_run = bare_run and not option.get("required")
                elif option.get("required"):
                    assert values, f"/{command['name']} {subcommand or ''}: no sample value for {name!r}"
                    fixed[name] = values[0]
                    variants.extend((name, v) for v in values[1:])
            if bare_run:
                runs.append((command["name"], subcommand, dict(fixed)))
            runs.extend((command["name"], subcommand, {**fixed, name: v}) for name, v in variants)
    return runs


async def _crawl(live: LiveBot, place: str) -> Crawl:
    emu, p = live.emu, live.place
    crawl = Crawl(live)
    where: dict[str, Any] = {"guild": p.guild} if place == "guild" else {"dm": True}
    queue: deque[tuple[Message, str, int]] = deque()
    for name, subcommand, options in _invocations(emu.commands()):
        user = p.admin if name == "admin" else p.member
        handle = await emu.slash(name, options, user=user, subcommand=subcommand, **where)
        path = (
            f"/{name}"
            + (f" {subcommand}" if subcommand else "")
            + "".join(f" {k}:{v}" for k, v in options.items())
        )
        crawl.steps += 1
        message = await crawl.visible(handle)
        if message is not None:
            crawl.measure(path, message)
            queue.append((message, path, 1))
    for text in ("hi", "my back hurts", "thanks"):
        if place == "dm":
            sent = await emu.send_dm(p.member, text)
            reply = await emu.wait_for_dm(p.member, after=sent)
            crawl.measure(f"DM {text!r}", reply)
            queue.append((reply, f"DM {text!r}", 1))
    while queue and crawl.steps < MAX_STEPS:
        message, path, depth = queue.popleft()
        current = emu.message(message.id)
        signature = hashlib.sha1(repr((current.text(), current.components)).encode()).hexdigest()
        if signature in crawl.seen or depth > MAX_DEPTH:
            continue
        crawl.seen.add(signature)
        actions: list[tuple[str, Any]] = []
        for button in current.buttons():
            if (
                button.custom_id
                and not button.disabled
                and not any(s in (button.label or "") for s in SKIP_LABELS)
            ):
                actions.append((f"[{button.label}]", button))
        for select in current.selects():
            if select.type == 3 and not select.disabled:
                for option in select.options[:OPTIONS_PER_SELECT]:
                    actions.append((f"<{option.get('label')}>", (select.custom_id, option["value"])))
        for label, action in actions:
            if crawl.steps >= MAX_STEPS:
                break
            # Each action starts from the message as the crawl found it (it may have been edited since).
            try:
                if isinstance(action, tuple):
                    handle = await emu.select(current, action[0], [action[1]])
                else:
                    handle = await emu.click(current, action)
            except (HarnessError, KeyError):
                continue  # the component changed under an earlier press: it is measured where it is now
            crawl.steps += 1
            step_path = f"{path} {label}"
            shown = await crawl.visible(handle)
            if shown is not None:
                crawl.measure(step_path, shown)
                queue.append((shown, step_path, depth + 1))
    return crawl


@pytest.mark.parametrize("place", ["guild", "dm"])
async def test_every_screen_fits_a_phone(
    live_bot: LiveBot, place: str, capsys: pytest.CaptureFixture[str]
) -> None:
    crawl = await _crawl(live_bot, place)
    ranked = sorted(crawl.sizes.values(), reverse=True)
    with capsys.disabled():
        print(f"\nscreens ({place}): {len(ranked)} distinct, {crawl.steps} interactions; largest:")
        for size, path in ranked[:8]:
            print(f"  {size:5d} chars  {path}")
    assert len(ranked) > 20, "the crawl reached too few screens to mean anything"
    too_long = [(size, path) for size, path in ranked if size > SCREEN_LIMIT]
    assert too_long == [], f"{len(too_long)} screens over {SCREEN_LIMIT} characters: {too_long[:10]}"

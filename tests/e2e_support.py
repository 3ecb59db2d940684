"""End-to-end support: the real bot as a subprocess against the local Discord emulator.

Each test gets its own emulator, a copy of the shipped content (so a test may
edit it), a fresh database and a config file, and ends by asserting the
emulator recorded no violation (nothing Discord would have refused, and no
interaction left unanswered).

    from tests.e2e_support import LiveBot, live_bot_fixture  # noqa: F401

    async def test_x(live_bot: LiveBot) -> None:
        h = await live_bot.emu.slash("help", user=live_bot.place.member, guild=live_bot.place.guild)
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from tests.emulator import BotProcess, Emulator
from tests.emulator.harness import Community, InteractionHandle, Message
from tests.emulator.state import User

REPO = Path(__file__).resolve().parents[1]
START_FIRST_TIME = "I've read this — start"
"""The one-time safety OK, on the last page of a routine's safety notes."""
BOT_CMD = [sys.executable, "-m", "bot", "--config"]


@dataclass
class LiveBot:
    """One emulator, one community, and the bot process(es) run against it."""

    emu: Emulator
    place: Community
    root: Path
    content: Path
    database: Path
    config_path: Path
    processes: list[BotProcess] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)
    """Extra environment for the bot processes this test starts."""

    @property
    def bot(self) -> BotProcess:
        return self.processes[-1]

    def write_config(self, **overrides: object) -> None:
        config: dict[str, object] = {
            "admins": {
                "user_ids": [],
                "role_ids": [self.place.admin_role.id],
                "guild_ids": [self.place.guild.id],
            },
            "database": {"path": str(self.database)},
            "content": {"path": str(self.content), "watch": False},
            "logging": {"level": "INFO"},
        }
        for dotted, value in overrides.items():
            section, key = dotted.split("__")
            config.setdefault(section, {})[key] = value  # type: ignore[index]
        self.config_path.write_text(yaml.safe_dump(config), encoding="utf-8")

    async def start(self, *, ready_within: float = 30.0) -> BotProcess:
        """Start a bot process and wait until it is connected and its commands are registered."""
        log_path = self.root / f"bot-{len(self.processes)}.log"
        process = BotProcess(
            [*BOT_CMD, str(self.config_path)], cwd=REPO, emulator=self.emu, log_path=log_path, env=self.env
        )
        self.processes.append(process)
        await process.start()
        await process.wait_ready(timeout=ready_within)
        return process

    async def restart(self, *, kill: bool = True) -> BotProcess:
        """Crash (SIGKILL) or stop (SIGTERM) the current process and start a new one on the same database."""
        if kill:
            self.bot.kill()
            await self.bot.wait()
        else:
            assert await self.bot.stop() == 0
        return await self.start()

    def logs(self) -> str:
        return "\n".join(p.logs() for p in self.processes)


async def live_bot_for(
    tmp_path: Path,
    *,
    prepare: Callable[[Path], None] | None = None,
    database: Path | None = None,
    check_violations: bool = True,
    emulator_options: dict[str, object] | None = None,
    env: dict[str, str] | None = None,
    **config: object,
) -> AsyncIterator[LiveBot]:
    """Copy the content (then let ``prepare`` change the copy), start the emulator and the bot.

    ``check_violations=False`` is for tests that kill the bot on purpose: they expect the
    interactions they cut off to fail, and check exactly those themselves."""
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    if prepare is not None:
        prepare(content)
    async with Emulator(**(emulator_options or {})) as emu:
        live = LiveBot(
            emu=emu,
            place=emu.community(),
            root=tmp_path,
            content=content,
            database=database or tmp_path / "data" / "bot.sqlite3",
            config_path=tmp_path / "config.yaml",
            env=dict(env or {}),
        )
        live.write_config(**config)
        try:
            await live.start()
            yield live
        finally:
            for process in live.processes:
                if process.running:
                    await process.stop()
        if check_violations:
            emu.assert_no_violations()


@pytest.fixture(name="live_bot")
async def live_bot_fixture(tmp_path: Path) -> AsyncIterator[LiveBot]:
    """The bot running against a fresh emulator; asserts zero violations at the end."""
    async for live in live_bot_for(tmp_path):
        yield live


@pytest.fixture(name="debug_bot")
async def debug_bot_fixture(tmp_path: Path) -> AsyncIterator[LiveBot]:
    """Like ``live_bot`` but logging at DEBUG (for tests that prove nothing private is logged)."""
    async for live in live_bot_for(tmp_path, logging__level="DEBUG"):
        yield live


async def open_checkin_form(emu: Emulator, user: User, **where: object) -> InteractionHandle:
    """The check-in form: ``/checkin`` shows the card, and its "Add a note" button opens the form."""
    card = await (await emu.slash("checkin", {}, user=user, **where)).wait_message()  # type: ignore[arg-type]
    handle = await emu.click(card, card.find_button("Add a note"), user=user)
    await handle.response()
    assert handle.modal is not None, "Add a note opens the check-in form"
    return handle


async def to_the_safety_ok(emu: Emulator, notes: Message, user: User, *, manual: bool = False) -> Message:
    """Page a member's first routine intro (its safety notes) to the page with the one-time OK.

    ``manual``: first turn auto-advance off ("Let me press Next"), for tests that walk a
    routine by hand and must not have a timer move the card under their presses."""
    if manual:
        notes = await (
            await emu.click(notes, notes.find_button("Let me press Next"), user=user)
        ).wait_message()
    while START_FIRST_TIME not in [b.label for b in notes.buttons()]:
        notes = await (await emu.click(notes, notes.find_button("Next page"), user=user)).wait_message()
    return notes

"""pytest fixtures for tests that drive a bot through the emulator.

Import the ones you use into your test module. Each is registered under a
short fixture name but defined as ``*_fixture``, so test arguments named
``emulator`` do not shadow the import:

    from tests.emulator.pytest_fixtures import community_fixture, emulator_fixture  # noqa: F401

    async def test_ping(emulator, community): ...
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from .botprocess import BotProcess
from .harness import Community, Emulator

REPO_ROOT = Path(__file__).resolve().parents[2]
BARE_BOT_CMD = [sys.executable, "-m", "tests.emulator.bare_bot"]


@pytest.fixture(name="emulator")
async def emulator_fixture() -> AsyncIterator[Emulator]:
    """A fresh emulator with Discord's real limits (3 s first reply, 15 min tokens)."""
    async with Emulator() as emu:
        yield emu


@pytest.fixture(name="community")
def community_fixture(emulator: Emulator) -> Community:
    """The standard cast: a server with an owner, an admin, a member, and outsiders."""
    return emulator.community()


@pytest.fixture(name="bare_bot")
async def bare_bot_fixture(
    emulator: Emulator, community: Community, tmp_path: Path
) -> AsyncIterator[BotProcess]:
    """The baseline bot (tests/emulator/bare_bot.py) running as a subprocess, ready."""
    bot = BotProcess(BARE_BOT_CMD, cwd=REPO_ROOT, emulator=emulator, log_path=tmp_path / "bare-bot.log")
    await bot.start()
    try:
        await bot.wait_ready(timeout=30)
        yield bot
    finally:
        if bot.running:
            await bot.stop()

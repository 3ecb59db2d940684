"""The test-facing API: start the emulator, build a server, act as people, read results.

    async with Emulator(response_deadline=0.5) as emu:
        place = emu.community()
        ...start the bot with emu.bot_env()...
        handle = await emu.slash("ping", user=place.member, guild=place.guild)
        message = await handle.wait_message()
        assert message.content == "pong"
        emu.assert_no_violations()

Nothing here depends on pytest, so a playground or a benchmark can reuse it.
"""

from __future__ import annotations

from .people import People
from .world import World


class Emulator(People, World):
    """A local Discord (REST + gateway) plus the means to act in it as people."""

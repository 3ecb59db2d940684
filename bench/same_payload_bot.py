"""The same-payload baseline: a bare discord.py bot that answers with the payload our bot sent.

``bench/bench_interactions.py`` runs our bot first, keeps every answer it sent
during the warm-up (the interaction callback bodies and DM message bodies, as
they reached the emulator), and writes them to a JSON file. This bot is then
started with the command list our bot registered; before each of its bursts the
bench writes our bot's answers to the same interactions (made just before, in our
bot's burst) to a file and sends SIGHUP, and this bot answers each interaction
with the very body our bot answered it with (found by :func:`keys_of`; if none
is found, the answer of the same kind of press or command). So the two bots put the
same bytes on the wire and discord.py parses and sends the same amount for both:
what is left between them is our own code.

It is the smallest bot discord.py allows: a :class:`discord.Client` with no
command tree, answering in ``on_interaction`` and ``on_message`` through
discord.py's own request path (the adapter ``InteractionResponse`` uses, and
``HTTPClient.send_message``), and it builds the same response objects discord.py
builds for a normal answer. Run it with ``python -m bench.same_payload_bot``; it
needs DISCORD_TOKEN, DISCORD_API_BASE, BENCH_PAYLOADS and BENCH_COMMANDS. With
BENCH_GC_LOG it logs its full collections like our bot (``bot.gc_policy``).
"""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any

from tests.emulator import run_until_signalled

READY_MARKER = "same-payload bot: commands registered"


def _canon(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def _focused(options: list[dict[str, Any]]) -> str:
    for option in options:
        if option.get("focused"):
            return str(option.get("value", ""))
        found = _focused(option.get("options") or [])
        if found:
            return found
    return ""


def keys_of(kind: int | str, data: dict[str, Any]) -> tuple[str, str]:
    """(exact key, kind key) for an interaction's ``data`` (``kind`` its type) or a DM (``"dm"``)."""
    if kind == "dm":
        return f"dm:{data.get('content', '')}", "dm"
    if kind == 2:  # application command
        name = str(data.get("name"))
        return f"cmd:{name}:{_canon(data.get('options') or [])}", f"cmd:{name}"
    if kind == 4:  # autocomplete
        name = str(data.get("name"))
        return f"ac:{name}:{_focused(data.get('options') or [])}", f"ac:{name}"
    custom_id = str(data.get("custom_id", ""))
    words = [part for part in custom_id.split(":") if part.isalpha()]  # no ids, versions or pages
    return f"cid:{custom_id}", "cid:" + ":".join(words)


def log_full_collections(path: str) -> None:
    """Append ``<monotonic start> <ms>`` to ``path`` for every full collection (as bot.gc_policy does)."""
    started: list[float] = []

    def callback(phase: str, info: dict[str, int]) -> None:
        if info.get("generation") != 2:
            return
        if phase == "start":
            started[:] = [time.monotonic()]
        elif started:
            with open(path, "a", encoding="utf-8") as out:
                out.write(f"{started[0]:.6f} {(time.monotonic() - started[0]) * 1000:.3f}\n")

    gc.callbacks.append(callback)


async def main(payloads_path: Path, commands: list[dict[str, Any]]) -> int:
    import discord
    import yarl
    from discord.http import MultipartParameters
    from discord.interactions import InteractionCallbackResponse
    from discord.webhook.async_ import async_context

    token, api_base = os.environ.get("DISCORD_TOKEN"), os.environ.get("DISCORD_API_BASE")
    if not token or not api_base:
        print("DISCORD_TOKEN and DISCORD_API_BASE must be set", file=sys.stderr)
        return 2
    if os.environ.get("BENCH_GC_LOG"):
        log_full_collections(os.environ["BENCH_GC_LOG"])
    payloads: dict[str, dict[str, Any]] = {}

    def reload() -> None:
        """SIGHUP: read the payloads again (the bench writes our bot's latest answers before each burst)."""
        text = payloads_path.read_text()
        payloads.clear()
        payloads.update(json.loads(text) if text else {})
        loaded = payloads_path.with_suffix(".loaded")
        loaded.write_text(str(int(loaded.read_text() or 0) + 1 if loaded.exists() else 1))

    discord.http.Route.BASE = api_base.rstrip("/")
    discord.utils.setup_logging(level=logging.INFO)

    def body_for(kind: int | str, data: dict[str, Any]) -> dict[str, Any] | None:
        exact, by_kind = keys_of(kind, data)
        return payloads.get(exact) or payloads.get(by_kind)

    class SamePayloadBot(discord.Client):
        async def setup_hook(self) -> None:
            _, url, _ = await self.http.get_bot_gateway()
            discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(url)

        async def on_ready(self) -> None:
            assert self.application_id is not None
            await self.http.bulk_upsert_global_commands(self.application_id, commands)  # type: ignore[arg-type]
            print(READY_MARKER, flush=True)

        async def on_interaction(self, interaction: discord.Interaction[Any]) -> None:
            body = body_for(interaction.type.value, dict(interaction.data or {}))
            if body is None:
                return
            http = interaction._state.http
            data = await async_context.get().create_interaction_response(
                interaction.id,
                interaction.token,
                session=interaction._session,
                proxy=http.proxy,
                proxy_auth=http.proxy_auth,
                params=MultipartParameters(payload=body, multipart=None, files=None),
            )
            response = interaction.response
            response._response_type = discord.InteractionResponseType(body["type"])
            InteractionCallbackResponse(
                data=data, parent=interaction, state=interaction._state, type=response._response_type
            )

        async def on_message(self, message: discord.Message) -> None:
            if message.guild is not None or message.author.bot:
                return
            body = body_for("dm", {"content": message.content})
            if body is None:
                return
            data = await self.http.send_message(
                message.channel.id, params=MultipartParameters(payload=body, multipart=None, files=None)
            )
            self._connection.create_message(channel=message.channel, data=data)  # type: ignore[arg-type]

    bot = SamePayloadBot(intents=discord.Intents.default(), allowed_mentions=discord.AllowedMentions.none())
    asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, reload)
    return await run_until_signalled(bot, token)


if __name__ == "__main__":
    sys.exit(
        asyncio.run(
            main(
                Path(os.environ["BENCH_PAYLOADS"]),
                json.loads(Path(os.environ["BENCH_COMMANDS"]).read_text()),
            )
        )
    )

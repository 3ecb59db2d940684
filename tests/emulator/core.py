"""The emulator itself: the aiohttp app (REST + gateway) and its lifecycle, gateway control,
waits on the shared state, reading what was posted, and the violations check."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable
from typing import Any, Self

from aiohttp import web

from .constants import JSON, MessageFlag
from .entities import (
    Channel,
    Guild,
    InteractionRecord,
    StoredMessage,
    User,
    Violation,
)
from .faults import FaultInjector
from .gateway import Gateway, GatewaySession
from .interactions import HarnessError
from .rest import RestApi
from .state import EmulatorConfig, EmulatorState
from .views import Message

DEFAULT_TOKEN = "emulator-bot-token"


class EmulatorCore:
    """A local Discord (REST + gateway); :class:`~tests.emulator.Emulator` adds people and places."""

    def __init__(self, config: EmulatorConfig | None = None, **overrides: Any) -> None:
        base = config or EmulatorConfig()
        self.config = dataclasses.replace(base, **overrides) if overrides else base
        self.state = EmulatorState(self.config)
        self.faults = FaultInjector()
        self.gateway = Gateway(self.state)
        self.rest = RestApi(self.state, self.gateway, self.faults)
        self._runner: web.AppRunner | None = None
        self._timers: list[asyncio.TimerHandle] = []
        self._pending: set[asyncio.Task[Any]] = set()
        self._friends: dict[int, Channel] = {}
        self.port = 0

    # ---------------------------------------------------------------- lifecycle

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def start(self) -> Self:
        app = web.Application(client_max_size=256 * 1024 * 1024)
        self.rest.register(app)
        app.router.add_get("/gateway", self.gateway.handle)
        app.router.add_get("/gateway/resume", self.gateway.handle)
        app.router.add_get("/attachments/{channel_id}/{attachment_id}/{filename}", self.rest.get_attachment)
        app.router.add_get("/_emulator/violations", self._violations_endpoint)
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await runner.setup()
        site = web.TCPSite(runner, self.config.host, self.config.port)
        await site.start()
        self._runner = runner
        self.port = int(runner.addresses[0][1])
        self.state.base_url = f"http://{self.config.host}:{self.port}"
        self.gateway.url = f"ws://{self.config.host}:{self.port}/gateway"
        self.gateway.resume_url = f"ws://{self.config.host}:{self.port}/gateway/resume"
        return self

    async def close(self) -> None:
        for timer in self._timers:
            timer.cancel()
        self._timers.clear()
        for task in list(self._pending):
            task.cancel()
        await self.gateway.close_all()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _violations_endpoint(self, request: web.Request) -> web.Response:
        """Read-only view for a standalone emulator (a playground checks it between runs)."""
        return web.json_response(self.state.violations)

    @property
    def base_url(self) -> str:
        return self.state.base_url

    @property
    def api_base(self) -> str:
        """What DISCORD_API_BASE should be (discord.py's Route.BASE)."""
        return f"{self.state.base_url}/api/v{self.config.api_version}"

    @property
    def gateway_url(self) -> str:
        return self.gateway.url

    @property
    def token(self) -> str:
        return self.config.token or DEFAULT_TOKEN

    @property
    def bot_user(self) -> User:
        return self.state.bot

    @property
    def application_id(self) -> int:
        return self.state.application_id

    def bot_env(self, **extra: str) -> dict[str, str]:
        """Environment for a bot process pointed at this emulator."""
        env = {"DISCORD_TOKEN": self.token, "DISCORD_API_BASE": self.api_base}
        env.update(extra)
        return env

    # --------------------------------------------------------- gateway control

    def _later(self, coro: Any) -> None:
        task = asyncio.ensure_future(coro)
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def _flush(self) -> None:
        if self._pending:
            await asyncio.gather(*list(self._pending), return_exceptions=True)

    @property
    def sessions(self) -> list[GatewaySession]:
        return self.gateway.live_sessions()

    async def drop_gateway(self, code: int = 4000) -> int:
        """Close the gateway socket(s); sessions stay resumable. Returns sockets closed."""
        return await self.gateway.drop(code)

    async def invalidate_session(self, *, resumable: bool = False) -> int:
        """Send INVALID_SESSION (the client must IDENTIFY again unless `resumable`)."""
        return await self.gateway.invalidate(resumable=resumable)

    async def request_reconnect(self) -> int:
        return await self.gateway.reconnect()

    async def wait_until(
        self, predicate: Callable[[], Any], timeout: float = 5.0, what: str = "condition"
    ) -> Any:
        """Until `predicate()` is truthy (re-checked on every change and every 20 ms)."""
        try:
            return await self.state.changes.wait_for(predicate, timeout, poll=0.02)
        except TimeoutError:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}") from None

    async def wait_for_ready(self, *, since: float = float("-inf"), timeout: float = 10.0) -> None:
        """Until a session got READY (after `since`, an emulator clock reading)."""
        await self.wait_until(
            lambda: any(e.kind == "ready" and e.at >= since for e in self.state.gateway_log), timeout, "READY"
        )

    async def wait_for_resume(self, *, since: float = float("-inf"), timeout: float = 10.0) -> None:
        await self.wait_until(
            lambda: any(e.kind == "resumed" and e.at >= since for e in self.state.gateway_log),
            timeout,
            "RESUMED",
        )

    async def wait_for_commands(self, *, since: float = float("-inf"), timeout: float = 10.0) -> None:
        """Until the bot wrote its application commands (PUT/POST/PATCH/DELETE)."""
        await self.wait_until(
            lambda: any(at >= since for at, _ in self.state.command_writes),
            timeout,
            "application commands to be registered",
        )

    def commands(self, guild: Guild | None = None) -> list[JSON]:
        return list(self.state.iter_commands(guild.id if guild else None))

    def advance_clock(self, seconds: float) -> None:
        """Move the emulator's clock (ages tokens, passes deadlines) without waiting."""
        self.state.clock.advance(seconds)
        for rec in self.state.interactions.values():
            self.rest.check_deadline(rec)

    def _stored(self, message: Message | StoredMessage | int) -> StoredMessage:
        if isinstance(message, Message):
            return message.stored
        if isinstance(message, StoredMessage):
            return message
        stored = self.state.messages.get(message)
        if stored is None:
            raise HarnessError(f"unknown message {message}")
        return stored

    # ------------------------------------------------------------------ reading

    def message(self, message_id: int) -> Message:
        return Message(self._stored(message_id))

    def channel_messages(self, channel: Channel | int, *, include_ephemeral: bool = False) -> list[Message]:
        channel_id = channel if isinstance(channel, int) else channel.id
        return [
            Message(m) for m in self.state.channel_messages(channel_id, include_ephemeral=include_ephemeral)
        ]

    def dm_messages(self, user: User, *, from_bot_only: bool = False) -> list[Message]:
        """The DM between `user` and the bot, oldest first."""
        channel_id = self.state.dm_channels.get(user.id)
        if channel_id is None:
            return []
        found = self.channel_messages(channel_id)
        return [m for m in found if m.author.id == self.state.bot.id] if from_bot_only else found

    async def wait_for_message(
        self,
        *,
        channel: Channel | int | None = None,
        predicate: Callable[[Message], bool] | None = None,
        after: Message | int | None = None,
        author: User | None = None,
        timeout: float = 5.0,
    ) -> Message:
        """The first non-ephemeral message (by the bot, by default) matching, newer than `after`."""
        channel_id = channel if isinstance(channel, int) or channel is None else channel.id
        after_id = after.id if isinstance(after, Message) else (after or 0)
        author_id = (author or self.state.bot).id

        def find() -> Message | None:
            for stored in self.state.messages.values():
                if (
                    stored.id <= after_id
                    or stored.deleted
                    or stored.ephemeral
                    or stored.author.id != author_id
                ):
                    continue
                if channel_id is not None and stored.channel_id != channel_id:
                    continue
                message = Message(stored)
                if predicate is None or predicate(message):
                    return message
            return None

        found: Message = await self.wait_until(find, timeout, f"a message in channel {channel_id}")
        return found

    async def wait_for_dm(
        self, user: User, *, after: Message | int | None = None, timeout: float = 5.0
    ) -> Message:
        """The bot's next DM to `user`."""
        await self.wait_until(
            lambda: user.id in self.state.dm_channels, timeout, f"a DM channel with {user.username}"
        )
        return await self.wait_for_message(
            channel=self.state.dm_channels[user.id], after=after, timeout=timeout
        )

    # --------------------------------------------------------------- results

    @property
    def violations(self) -> list[Violation]:
        return self.state.violations

    def failed_interactions(self) -> list[InteractionRecord]:
        return [r for r in self.state.interactions.values() if r.failed]

    def unfinished_deferrals(self) -> list[InteractionRecord]:
        """Interactions left "thinking…" (deferred, original never filled in)."""
        found = []
        for rec in self.state.interactions.values():
            original = self.state.messages.get(rec.original_message_id or 0)
            if original is not None and original.flags & MessageFlag.LOADING and not original.deleted:
                found.append(rec)
        return found

    def assert_no_violations(self, *, ignore: Callable[[Violation], bool] | None = None) -> None:
        """Fail with a readable list if Discord would have refused or failed anything."""
        problems = [v for v in self.state.violations if ignore is None or not ignore(v)]
        if problems:
            listing = "\n".join(
                f"  [{v['kind']}] {v['route']}: {v['code']} {v['message']} — {v['detail']}" for v in problems
            )
            raise AssertionError(f"{len(problems)} Discord violation(s):\n{listing}")

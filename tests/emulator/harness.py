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

import asyncio
import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, Self

from aiohttp import web

from .faults import FaultInjector
from .gateway import Gateway, GatewaySession
from .interactions import HarnessError, OptionBuilder, Where, find_command, interaction_payload, locate
from .rest import RestApi
from .state import (
    JSON,
    CallbackType,
    Channel,
    ChannelType,
    Context,
    EmulatorConfig,
    EmulatorState,
    Guild,
    Intent,
    InteractionRecord,
    InteractionType,
    Member,
    MessageFlag,
    Overwrite,
    Perm,
    Role,
    StoredAttachment,
    StoredMessage,
    User,
    Violation,
)
from .validation import walk_components

DEFAULT_TOKEN = "emulator-bot-token"


class InteractionFailed(AssertionError):
    """The person would have seen "This interaction failed"."""


class InteractionRejected(AssertionError):
    """The bot's response was refused by the emulator (as Discord would refuse it)."""

    def __init__(self, violation: Violation) -> None:
        super().__init__(
            f"{violation['route']}: {violation['code']} {violation['message']} — {violation['detail']}"
        )
        self.violation = violation


class ButtonInfo(NamedTuple):
    label: str | None
    custom_id: str | None
    style: int
    disabled: bool


class SelectInfo(NamedTuple):
    custom_id: str
    type: int
    options: list[JSON]
    min_values: int
    max_values: int
    disabled: bool
    placeholder: str | None


class ModalInput(NamedTuple):
    custom_id: str
    type: int
    label: str | None
    style: int | None
    required: bool
    min_length: int | None
    max_length: int | None
    value: str | None


class Message:
    """A live view of a message the emulator holds (edits show through)."""

    def __init__(self, stored: StoredMessage) -> None:
        self._stored = stored

    def __repr__(self) -> str:
        flags = " ephemeral" if self.ephemeral else ""
        return f"<Message {self.id}{flags} content={self.content[:40]!r} embeds={len(self.embeds)}>"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and other.id == self.id

    def __hash__(self) -> int:
        return hash(self.id)

    @property
    def stored(self) -> StoredMessage:
        return self._stored

    @property
    def id(self) -> int:
        return self._stored.id

    @property
    def channel_id(self) -> int:
        return self._stored.channel_id

    @property
    def guild_id(self) -> int | None:
        return self._stored.guild_id

    @property
    def author(self) -> User:
        return self._stored.author

    @property
    def content(self) -> str:
        return self._stored.content

    @property
    def embeds(self) -> list[JSON]:
        return self._stored.embeds

    @property
    def components(self) -> list[JSON]:
        return self._stored.components

    @property
    def flags(self) -> int:
        return self._stored.flags

    @property
    def attachments(self) -> list[StoredAttachment]:
        return self._stored.attachments

    @property
    def ephemeral(self) -> bool:
        return self._stored.ephemeral

    @property
    def loading(self) -> bool:
        return self._stored.loading

    @property
    def deleted(self) -> bool:
        return self._stored.deleted

    @property
    def edited(self) -> bool:
        return self._stored.edited_timestamp is not None

    @property
    def interaction_id(self) -> int | None:
        return self._stored.interaction_id

    @property
    def raw(self) -> JSON:
        return self._stored.payload()

    def text(self) -> str:
        """Everything a reader sees as text: content, embeds, and Components V2 text."""
        parts = [self.content]
        for embed in self.embeds:
            for key in ("title", "description"):
                if embed.get(key):
                    parts.append(str(embed[key]))
            author = embed.get("author") or {}
            if author.get("name"):
                parts.append(str(author["name"]))
            for item in embed.get("fields") or []:
                parts.extend([str(item.get("name", "")), str(item.get("value", ""))])
            footer = embed.get("footer") or {}
            if footer.get("text"):
                parts.append(str(footer["text"]))
        for component in walk_components(self.components):
            if component.get("type") == 10:
                parts.append(str(component.get("content", "")))
        return "\n".join(p for p in parts if p)

    def all_components(self) -> list[JSON]:
        return walk_components(self.components)

    def buttons(self) -> list[ButtonInfo]:
        """Every button as (label, custom_id, style, disabled), in reading order."""
        return [
            ButtonInfo(
                c.get("label"), c.get("custom_id"), int(c.get("style", 0)), bool(c.get("disabled", False))
            )
            for c in self.all_components()
            if c.get("type") == 2
        ]

    def link_buttons(self) -> list[tuple[str | None, str]]:
        return [
            (c.get("label"), str(c.get("url")))
            for c in self.all_components()
            if c.get("type") == 2 and c.get("style") == 5
        ]

    def find_button(self, label: str) -> ButtonInfo:
        """The button labelled exactly `label` (else the only one containing it)."""
        buttons = self.buttons()
        exact = [b for b in buttons if b.label == label]
        if exact:
            return exact[0]
        partial = [b for b in buttons if b.label and label.lower() in b.label.lower()]
        if len(partial) == 1:
            return partial[0]
        raise KeyError(f"no button {label!r}; buttons: {[b.label for b in buttons]}")

    def selects(self) -> list[SelectInfo]:
        return [
            SelectInfo(
                str(c.get("custom_id")),
                int(c["type"]),
                list(c.get("options") or []),
                int(c.get("min_values", 1)),
                int(c.get("max_values", 1)),
                bool(c.get("disabled", False)),
                c.get("placeholder"),
            )
            for c in self.all_components()
            if c.get("type") in (3, 5, 6, 7, 8)
        ]

    def find_component(self, custom_id: str) -> JSON:
        for component in self.all_components():
            if component.get("custom_id") == custom_id:
                return component
        raise KeyError(f"no component with custom_id {custom_id!r} on message {self.id}")


class Modal:
    """A modal the bot opened (callback type 9)."""

    def __init__(self, data: JSON) -> None:
        self.data = data

    def __repr__(self) -> str:
        return f"<Modal {self.custom_id!r} title={self.title!r}>"

    @property
    def custom_id(self) -> str:
        return str(self.data.get("custom_id"))

    @property
    def title(self) -> str:
        return str(self.data.get("title"))

    @property
    def components(self) -> list[JSON]:
        return list(self.data.get("components") or [])

    def inputs(self) -> list[ModalInput]:
        found: list[ModalInput] = []
        for top in self.components:
            label = top.get("label") if top.get("type") == 18 else None
            children = [top["component"]] if top.get("type") == 18 else list(top.get("components") or [])
            for child in children:
                if not isinstance(child, dict) or "custom_id" not in child:
                    continue
                found.append(
                    ModalInput(
                        custom_id=str(child["custom_id"]),
                        type=int(child.get("type", 4)),
                        label=child.get("label") or label,
                        style=child.get("style"),
                        required=bool(child.get("required", True)),
                        min_length=child.get("min_length"),
                        max_length=child.get("max_length"),
                        value=child.get("value"),
                    )
                )
        return found


@dataclass
class CallbackResponse:
    """The bot's initial response to an interaction."""

    type: int
    data: JSON | None
    message: Message | None

    @property
    def ephemeral(self) -> bool:
        return self.message is not None and self.message.ephemeral


class InteractionHandle:
    """What happened to one interaction the harness dispatched."""

    def __init__(self, emulator: Emulator, record: InteractionRecord) -> None:
        self._emu = emulator
        self.record = record

    def __repr__(self) -> str:
        return f"<InteractionHandle {self.record.description} response={self.record.response_type}>"

    @property
    def id(self) -> int:
        return self.record.id

    @property
    def token(self) -> str:
        return self.record.token

    @property
    def type(self) -> int:
        return self.record.type

    @property
    def user(self) -> User:
        return self.record.user

    @property
    def payload(self) -> JSON:
        return self.record.payload

    @property
    def delivered(self) -> bool:
        return self.record.delivered

    @property
    def responded(self) -> bool:
        return self.record.response_type is not None

    @property
    def failed(self) -> bool:
        return self.record.failed

    @property
    def response_type(self) -> int | None:
        return self.record.response_type

    @property
    def rejections(self) -> list[Violation]:
        return list(self.record.rejections)

    @property
    def messages(self) -> list[Message]:
        """Messages created through this interaction: the original, then follow-ups."""
        state = self._emu.state
        return [Message(state.messages[m]) for m in self.record.message_ids]

    @property
    def original(self) -> Message | None:
        stored = self._emu.state.messages.get(self.record.original_message_id or 0)
        return Message(stored) if stored else None

    @property
    def followups(self) -> list[Message]:
        return [m for m in self.messages if m.id != self.record.original_message_id]

    @property
    def modal(self) -> Modal | None:
        return Modal(self.record.modal) if self.record.modal is not None else None

    @property
    def choices(self) -> list[JSON] | None:
        return self.record.choices

    def _default_timeout(self, timeout: float | None) -> float:
        return timeout if timeout is not None else self._emu.config.response_deadline + 2.0

    def _diagnose(self, what: str, timeout: float) -> str:
        rec = self.record
        lines = [
            f"{what} for {rec.description} (interaction {rec.id}) within {timeout:g} s",
            f"  delivered to a gateway session: {rec.delivered}",
            f"  initial response type: {rec.response_type}; failed: {rec.failed}",
        ]
        if rec.rejections:
            lines.append(
                "  rejected: "
                + "; ".join(f"{v['code']} {v['message']} ({v['detail']})" for v in rec.rejections)
            )
        return "\n".join(lines)

    async def response(self, timeout: float | None = None) -> CallbackResponse:
        """Wait (bounded) for the initial callback; raise if it failed or was refused."""
        limit = self._default_timeout(timeout)
        rec = self.record
        try:
            await self._emu.state.changes.wait_for(
                lambda: rec.response_type is not None or rec.rejections or rec.failed, limit
            )
        except TimeoutError:
            raise AssertionError(self._diagnose("no initial response", limit)) from None
        if rec.response_type is None:
            if rec.rejections:
                raise InteractionRejected(rec.rejections[-1])
            raise InteractionFailed(self._diagnose("This interaction failed: no response", limit))
        message: Message | None = None
        if rec.response_type in (CallbackType.CHANNEL_MESSAGE, CallbackType.DEFERRED_CHANNEL_MESSAGE):
            message = self.original
        elif rec.response_type == CallbackType.UPDATE_MESSAGE and rec.component_message_id:
            message = Message(self._emu.state.messages[rec.component_message_id])
        return CallbackResponse(rec.response_type, rec.response_data, message)

    def _visible_message(self) -> StoredMessage | None:
        rec = self.record
        state = self._emu.state
        kind = rec.response_type
        if rec.failed and kind is None:
            raise InteractionFailed(self._diagnose("This interaction failed", 0))
        if kind in (CallbackType.CHANNEL_MESSAGE, CallbackType.DEFERRED_CHANNEL_MESSAGE):
            original = state.messages.get(rec.original_message_id or 0)
            if original is not None and not original.loading:
                return original
        elif kind == CallbackType.UPDATE_MESSAGE:
            return state.messages.get(rec.component_message_id or 0)
        elif kind == CallbackType.DEFERRED_UPDATE_MESSAGE:
            if rec.component_message_edited:
                return state.messages.get(rec.component_message_id or 0)
            if rec.message_ids:
                return state.messages[rec.message_ids[-1]]
        elif kind in (CallbackType.MODAL, CallbackType.AUTOCOMPLETE_RESULT):
            raise HarnessError(f"{rec.description} was answered with callback type {kind}, not a message")
        return None

    async def wait_message(self, timeout: float | None = None) -> Message:
        """The message the person ends up seeing (after a defer: the edited original)."""
        limit = self._default_timeout(timeout)
        await self.response(limit)
        try:
            stored = await self._emu.state.changes.wait_for(self._visible_message, limit)
        except TimeoutError:
            raise AssertionError(self._diagnose("no visible message (still thinking?)", limit)) from None
        assert stored is not None
        return Message(stored)

    async def wait_followups(self, count: int, timeout: float | None = None) -> list[Message]:
        """Wait until at least `count` follow-ups (beyond the original) exist."""
        limit = self._default_timeout(timeout)
        try:
            await self._emu.state.changes.wait_for(lambda: len(self.followups) >= count, limit)
        except TimeoutError:
            raise AssertionError(self._diagnose(f"fewer than {count} follow-ups", limit)) from None
        return self.followups


@dataclass
class Community:
    """A typical server: an owner, an admin, a plain member, plus people outside it."""

    guild: Guild
    general: Channel
    admin_role: Role
    owner: User
    admin: User
    member: User
    closed_dms: User  # a member who has turned DMs off (sends get 50007)
    outsider: User  # shares no server with the bot (opening a DM gets 50278)


class Emulator:
    """A local Discord (REST + gateway) plus the means to act in it as people."""

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

    # --------------------------------------------------------------- fixtures

    def create_user(
        self,
        username: str | None = None,
        *,
        global_name: str | None = None,
        locale: str = "en-US",
        dms_open: bool = True,
        bot: bool = False,
    ) -> User:
        user_id = self.state.next_id()
        user = User(
            id=user_id,
            username=username or f"user{user_id % 100000}",
            global_name=global_name,
            bot=bot,
            locale=locale,
            dms_open=dms_open,
        )
        self.state.users[user.id] = user
        return user

    def create_guild(
        self,
        name: str = "Test Server",
        *,
        owner: User | None = None,
        bot_member: bool = True,
        bot_permissions: int = Perm.BOT_DEFAULT,
        everyone_permissions: int = Perm.EVERYONE_DEFAULT,
        channels: Sequence[str] = ("general",),
        locale: str = "en-US",
    ) -> Guild:
        """A server with @everyone, its owner, text channels, and (by default) the bot."""
        owner = owner or self.create_user(f"{name.lower().replace(' ', '-')}-owner")
        guild_id = self.state.next_id()
        guild = Guild(id=guild_id, name=name, owner_id=owner.id, preferred_locale=locale)
        guild.roles[guild_id] = Role(
            id=guild_id, guild_id=guild_id, name="@everyone", permissions=everyone_permissions, position=0
        )
        self.state.guilds[guild_id] = guild
        guild.members[owner.id] = Member(user=owner, guild_id=guild_id)
        for channel_name in channels:
            self.create_channel(guild, channel_name)
        if bot_member:
            self.add_bot(guild, permissions=bot_permissions)
        return guild

    def add_bot(self, guild: Guild, *, permissions: int = Perm.BOT_DEFAULT) -> Member:
        """Install the bot in `guild` (with its managed role); announce it if connected."""
        role = Role(
            id=self.state.next_id(),
            guild_id=guild.id,
            name=self.state.bot.username,
            permissions=permissions,
            position=len(guild.roles),
            managed=True,
            bot_id=self.state.bot.id,
        )
        guild.roles[role.id] = role
        member = Member(user=self.state.bot, guild_id=guild.id, role_ids=[role.id])
        guild.members[self.state.bot.id] = member
        if self.gateway.live_sessions():
            self._later(
                self.gateway.dispatch_each(
                    "GUILD_CREATE",
                    lambda s: (
                        self.state.guild_payload(guild, intents=s.intents)
                        if s.intents & Intent.GUILDS
                        else None
                    ),
                    guild_id=guild.id,
                )
            )
        return member

    def create_role(
        self, guild: Guild, name: str, *, permissions: int = 0, mentionable: bool = False, color: int = 0
    ) -> Role:
        role = Role(
            id=self.state.next_id(),
            guild_id=guild.id,
            name=name,
            permissions=permissions,
            position=len(guild.roles),
            mentionable=mentionable,
            color=color,
        )
        guild.roles[role.id] = role
        return role

    def create_channel(
        self,
        guild: Guild,
        name: str,
        *,
        type: int = ChannelType.GUILD_TEXT,
        topic: str | None = None,
        overwrites: Sequence[Overwrite] = (),
        parent: Channel | None = None,
    ) -> Channel:
        channel = Channel(
            id=self.state.next_id(),
            type=type,
            name=name,
            guild_id=guild.id,
            position=len(guild.channel_ids),
            parent_id=parent.id if parent else None,
            topic=topic,
            overwrites=list(overwrites),
        )
        self.state.channels[channel.id] = channel
        guild.channel_ids.append(channel.id)
        return channel

    def add_member(
        self, guild: Guild, user: User, *, roles: Sequence[Role] = (), nick: str | None = None
    ) -> Member:
        member = Member(user=user, guild_id=guild.id, role_ids=[r.id for r in roles], nick=nick)
        guild.members[user.id] = member
        return member

    def remove_member(self, guild: Guild, user: User) -> None:
        guild.members.pop(user.id, None)

    def community(self, name: str = "Lupus Warriors") -> Community:
        """The standard cast for end-to-end tests (see Community)."""
        owner = self.create_user("owner", global_name="Server Owner")
        guild = self.create_guild(name, owner=owner, channels=("general", "stretching"))
        admin_role = self.create_role(guild, "Admin", permissions=Perm.ADMINISTRATOR)
        admin = self.create_user("admin", global_name="Moderator")
        member = self.create_user("member", global_name="Warrior")
        closed = self.create_user("private-person", dms_open=False)
        outsider = self.create_user("outsider")
        self.add_member(guild, admin, roles=[admin_role])
        self.add_member(guild, member)
        self.add_member(guild, closed)
        general = self.state.channels[guild.channel_ids[0]]
        return Community(guild, general, admin_role, owner, admin, member, closed, outsider)

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

    # ------------------------------------------------------------ interactions

    async def _dispatch(
        self,
        kind: int,
        data: JSON,
        user: User,
        where: Where,
        description: str,
        *,
        message: StoredMessage | None = None,
        command_id: int | None = None,
        locale: str | None = None,
    ) -> InteractionHandle:
        await self._flush()
        interaction_id = self.state.next_id()
        token = self.state.new_token()
        payload = interaction_payload(
            self.state,
            interaction_id=interaction_id,
            token=token,
            kind=kind,
            data=data,
            user=user,
            where=where,
            message=message,
            locale=locale,
        )
        rec = InteractionRecord(
            id=interaction_id,
            token=token,
            type=kind,
            user=user,
            guild_id=where.guild.id if where.guild else None,
            channel_id=where.channel.id,
            context=where.context,
            payload=payload,
            created_at=self.state.now(),
            description=description,
            command_id=command_id,
            component_message_id=message.id if message is not None else None,
        )
        self.state.interactions[rec.id] = rec
        self.state.interactions_by_token[token] = rec
        loop = asyncio.get_running_loop()
        self._timers.append(
            loop.call_later(self.config.response_deadline + 0.01, self.rest.check_deadline, rec)
        )
        sessions = await self.gateway.dispatch(
            "INTERACTION_CREATE", payload, guild_id=rec.guild_id, only_newest=True
        )
        rec.delivered = bool(sessions)
        self.state.changes.notify()
        return InteractionHandle(self, rec)

    def _command_data(
        self,
        name: str,
        options: Mapping[str, Any] | None,
        user: User,
        where: Where,
        subcommand: str | None,
        *,
        strict: bool,
        focused: str | None = None,
    ) -> tuple[JSON, JSON]:
        command = find_command(self.state, name, where, strict=strict, user=user)
        builder = OptionBuilder(self.state, where, user, strict=strict)
        built = builder.build(command.get("options") or [], dict(options or {}), subcommand, focused=focused)
        for upload in builder.uploads:
            self.state.loose_attachments[upload.id] = upload
        data: JSON = {"id": command["id"], "name": command["name"], "type": command["type"]}
        if built:
            data["options"] = built
        resolved = builder.resolved.payload()
        if resolved:
            data["resolved"] = resolved
        if command.get("guild_id"):
            data["guild_id"] = command["guild_id"]
        return command, data

    async def slash(
        self,
        name: str,
        options: Mapping[str, Any] | None = None,
        *,
        user: User,
        guild: Guild | None = None,
        channel: Channel | None = None,
        dm: bool = False,
        private_channel: bool = False,
        subcommand: str | None = None,
        user_installed: bool = False,
        locale: str | None = None,
        strict: bool = True,
    ) -> InteractionHandle:
        """`user` runs /name (optionally `subcommand` "group sub") with typed `options`."""
        where = locate(
            self.state,
            user,
            guild=guild,
            channel=channel,
            dm=dm,
            private_channel=private_channel,
            user_installed=user_installed,
            friends=self._friends,
        )
        command, data = self._command_data(name, options, user, where, subcommand, strict=strict)
        label = f"/{name}" + (f" {subcommand}" if subcommand else "")
        return await self._dispatch(
            InteractionType.APPLICATION_COMMAND,
            data,
            user,
            where,
            label,
            command_id=int(command["id"]),
            locale=locale,
        )

    async def begin_autocomplete(
        self,
        name: str,
        options: Mapping[str, Any] | None = None,
        *,
        focused: str,
        user: User,
        guild: Guild | None = None,
        channel: Channel | None = None,
        dm: bool = False,
        private_channel: bool = False,
        subcommand: str | None = None,
        user_installed: bool = False,
    ) -> InteractionHandle:
        """Dispatch an autocomplete interaction without waiting for the answer."""
        where = locate(
            self.state,
            user,
            guild=guild,
            channel=channel,
            dm=dm,
            private_channel=private_channel,
            user_installed=user_installed,
            friends=self._friends,
        )
        command, data = self._command_data(
            name, options, user, where, subcommand, strict=True, focused=focused
        )
        return await self._dispatch(
            InteractionType.AUTOCOMPLETE,
            data,
            user,
            where,
            f"autocomplete /{name} {focused}",
            command_id=int(command["id"]),
        )

    async def autocomplete(
        self,
        name: str,
        options: Mapping[str, Any] | None = None,
        *,
        focused: str,
        user: User,
        guild: Guild | None = None,
        channel: Channel | None = None,
        dm: bool = False,
        private_channel: bool = False,
        subcommand: str | None = None,
        user_installed: bool = False,
        timeout: float | None = None,
    ) -> list[JSON]:
        """Type into option `focused`; returns the choices the bot offered ([{name, value}])."""
        handle = await self.begin_autocomplete(
            name,
            options,
            focused=focused,
            user=user,
            guild=guild,
            channel=channel,
            dm=dm,
            private_channel=private_channel,
            subcommand=subcommand,
            user_installed=user_installed,
        )
        response = await handle.response(timeout)
        if response.type != CallbackType.AUTOCOMPLETE_RESULT:
            raise HarnessError(f"autocomplete answered with callback type {response.type}")
        return list(handle.choices or [])

    def _stored(self, message: Message | StoredMessage | int) -> StoredMessage:
        if isinstance(message, Message):
            return message.stored
        if isinstance(message, StoredMessage):
            return message
        stored = self.state.messages.get(message)
        if stored is None:
            raise HarnessError(f"unknown message {message}")
        return stored

    def _component_place(self, stored: StoredMessage, user: User | None) -> tuple[User, Where]:
        """Who presses a component on `stored`, and from where (same place as the message)."""
        origin = self.state.interactions.get(stored.interaction_id or 0)
        if user is None:
            if origin is None:
                raise HarnessError("say who presses: user=...")
            user = origin.user
        if stored.deleted:
            raise HarnessError(f"message {stored.id} was deleted")
        if stored.ephemeral and (origin is None or origin.user.id != user.id):
            raise HarnessError(f"message {stored.id} is ephemeral; only its recipient can use it")
        if origin is not None and origin.context != Context.GUILD:
            channel = self.state.channels[origin.channel_id]
            where = Where(
                origin.context, channel, None, "1" in origin.payload["authorizing_integration_owners"]
            )
            if origin.context == Context.BOT_DM and user.id != origin.user.id:
                raise HarnessError("only the DM's recipient can use components in a bot DM")
            return user, where
        channel = self.state.channels[stored.channel_id]
        if channel.type == ChannelType.DM:
            if user.id not in channel.recipient_ids:
                raise HarnessError(f"{user.username} cannot see a DM between other people")
            return user, locate(self.state, user, dm=True)
        guild = self.state.guilds[channel.guild_id or 0]
        user_installed = origin is not None and "0" not in origin.payload["authorizing_integration_owners"]
        return user, locate(self.state, user, guild=guild, channel=channel, user_installed=user_installed)

    async def click(
        self,
        message: Message | StoredMessage | int,
        button: str | ButtonInfo,
        *,
        user: User | None = None,
        strict: bool = True,
    ) -> InteractionHandle:
        """Press a button (by custom_id, or as found by find_button) on `message`.

        The presser defaults to the person the message answered.
        """
        stored = self._stored(message)
        if isinstance(button, ButtonInfo):
            if button.custom_id is None:
                raise HarnessError(f"{button.label!r} is a link button; it sends no interaction")
            custom_id = button.custom_id
        else:
            custom_id = button
        component = Message(stored).find_component(custom_id)
        if component.get("type") != 2:
            raise HarnessError(f"{custom_id!r} is not a button (type {component.get('type')})")
        if strict and component.get("disabled"):
            raise HarnessError(f"button {component.get('label')!r} is disabled")
        presser, where = self._component_place(stored, user)
        data = {"custom_id": custom_id, "component_type": 2}
        return await self._dispatch(
            InteractionType.MESSAGE_COMPONENT,
            data,
            presser,
            where,
            f"button {component.get('label') or custom_id!r}",
            message=stored,
        )

    async def select(
        self,
        message: Message | StoredMessage | int,
        custom_id: str,
        values: Sequence[Any],
        *,
        user: User | None = None,
        strict: bool = True,
    ) -> InteractionHandle:
        """Pick `values` in the select `custom_id` on `message`."""
        stored = self._stored(message)
        component = Message(stored).find_component(custom_id)
        kind = int(component.get("type", 0))
        if kind not in (3, 5, 6, 7, 8):
            raise HarnessError(f"{custom_id!r} is not a select (type {kind})")
        presser, where = self._component_place(stored, user)
        low, high = int(component.get("min_values", 1)), int(component.get("max_values", 1))
        if strict and component.get("disabled"):
            raise HarnessError(f"select {custom_id!r} is disabled")
        if strict and not low <= len(values) <= high:
            raise HarnessError(f"select {custom_id!r} takes {low}..{high} values, got {len(values)}")
        data: JSON = {"custom_id": custom_id, "component_type": kind}
        if kind == 3:
            offered = [str(o.get("value")) for o in component.get("options") or []]
            picked = [str(v) for v in values]
            if strict and any(v not in offered for v in picked):
                raise HarnessError(f"{picked} not all among the options {offered}")
            data["values"] = picked
        else:
            builder = OptionBuilder(self.state, where, presser, strict=strict)
            picked = []
            for value in values:
                if kind == 6 or (kind == 7 and isinstance(value, Role)):
                    picked.append(str(builder._resolve_role(value)))
                elif kind == 8:
                    picked.append(str(builder._resolve_channel(value, {"name": custom_id})))
                else:
                    picked.append(str(builder._resolve_user(value)))
            data["values"] = picked
            data["resolved"] = builder.resolved.payload()
        return await self._dispatch(
            InteractionType.MESSAGE_COMPONENT, data, presser, where, f"select {custom_id!r}", message=stored
        )

    async def submit_modal(
        self,
        handle: InteractionHandle,
        custom_id: str | None = None,
        values: Mapping[str, Any] | None = None,
        *,
        user: User | None = None,
        strict: bool = True,
    ) -> InteractionHandle:
        """Fill in and submit the modal `handle` was answered with."""
        modal = handle.modal
        if modal is None:
            raise HarnessError(f"{handle.record.description} did not open a modal")
        if custom_id is not None and custom_id != modal.custom_id:
            raise HarnessError(f"the modal's custom_id is {modal.custom_id!r}, not {custom_id!r}")
        values = dict(values or {})
        known = {i.custom_id: i for i in modal.inputs()}
        unknown = set(values) - set(known)
        if unknown:
            raise HarnessError(f"the modal has no field(s) {sorted(unknown)}; fields: {sorted(known)}")
        if strict:
            for field_id, spec in known.items():
                text = values.get(field_id, spec.value)
                if spec.type != 4:
                    continue
                text = "" if text is None else str(text)
                if spec.required and not text:
                    raise HarnessError(f"modal field {field_id!r} is required")
                if text and spec.min_length is not None and len(text) < spec.min_length:
                    raise HarnessError(
                        f"modal field {field_id!r} needs at least {spec.min_length} characters"
                    )
                if spec.max_length is not None and len(text) > spec.max_length:
                    raise HarnessError(f"modal field {field_id!r} takes at most {spec.max_length} characters")

        def answer(component: JSON) -> JSON:
            field_id = str(component.get("custom_id"))
            result: JSON = {"type": component.get("type"), "custom_id": field_id}
            if "id" in component:
                result["id"] = component["id"]
            value = values.get(field_id, component.get("value"))
            if component.get("type") == 4:
                result["value"] = "" if value is None else str(value)
            elif isinstance(value, list | tuple):
                result["values"] = [str(v) for v in value]
            elif value is not None:
                result["value"] = value
            else:
                result["values"] = []
            return result

        components: list[JSON] = []
        for index, top in enumerate(modal.components, start=1):
            kind = top.get("type")
            if kind == 1:
                components.append(
                    {
                        "type": 1,
                        "id": top.get("id", index),
                        "components": [answer(c) for c in top.get("components") or []],
                    }
                )
            elif kind == 18:
                components.append(
                    {"type": 18, "id": top.get("id", index), "component": answer(top["component"])}
                )
            elif kind == 10:
                components.append({"type": 10, "id": top.get("id", index)})
        origin = handle.record
        presser = user or origin.user
        channel = self.state.channels[origin.channel_id]
        guild = self.state.guilds.get(origin.guild_id or 0)
        where = Where(origin.context, channel, guild, "1" in origin.payload["authorizing_integration_owners"])
        message = self.state.messages.get(origin.component_message_id or 0)
        data = {"custom_id": modal.custom_id, "components": components}
        return await self._dispatch(
            InteractionType.MODAL_SUBMIT, data, presser, where, f"modal {modal.custom_id!r}", message=message
        )

    # ------------------------------------------------------------------ messages

    async def send_dm(self, user: User, content: str) -> Message:
        """`user` writes `content` to the bot in a DM (MESSAGE_CREATE, content always included)."""
        await self._flush()
        channel = self.state.ensure_dm_channel(user)
        stored = StoredMessage(
            id=self.state.next_id(), channel_id=channel.id, guild_id=None, author=user, content=content
        )
        self.state.store_message(stored)
        await self.gateway.dispatch("MESSAGE_CREATE", stored.payload(), intent=Intent.DIRECT_MESSAGES)
        return Message(stored)

    async def send_message(self, channel: Channel, user: User, content: str) -> Message:
        """`user` posts in a server channel; only MESSAGE_CONTENT sessions (or an @bot) see the text."""
        await self._flush()
        guild = self.state.guilds[channel.guild_id or 0]
        stored = StoredMessage(
            id=self.state.next_id(), channel_id=channel.id, guild_id=guild.id, author=user, content=content
        )
        self.state.store_message(stored)
        member = guild.members.get(user.id)

        def build(session: GatewaySession) -> JSON | None:
            if not session.intents & Intent.GUILD_MESSAGES:
                return None
            data = stored.payload()
            data["guild_id"] = str(guild.id)
            if member is not None:
                data["member"] = member.payload(with_user=False)
            sees_content = session.intents & Intent.MESSAGE_CONTENT or f"<@{self.state.bot.id}>" in content
            if not sees_content:
                data.update({"content": "", "embeds": [], "attachments": [], "components": []})
            return data

        await self.gateway.dispatch_each("MESSAGE_CREATE", build, guild_id=guild.id)
        return Message(stored)

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


__all__ = [
    "ButtonInfo",
    "CallbackResponse",
    "Community",
    "Emulator",
    "HarnessError",
    "InteractionFailed",
    "InteractionHandle",
    "InteractionRejected",
    "Message",
    "Modal",
    "ModalInput",
    "SelectInfo",
]

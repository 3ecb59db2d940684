"""In-memory model of the slice of Discord the bot touches.

The REST routes, the gateway and the test harness all read and write this one
state, so after a run a test can inspect exactly what a real Discord would hold:
the messages the bot sent, the commands it registered, the interactions it
answered (or failed to), and every request Discord would have rejected.
"""

from __future__ import annotations

import asyncio
import mimetypes
import secrets
import struct
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypedDict, TypeVar

JSON = dict[str, Any]
T = TypeVar("T")

DISCORD_EPOCH_MS = 1_420_070_400_000


class Perm:
    """Permission bits the emulator reasons about (Discord's values)."""

    CREATE_INSTANT_INVITE = 1 << 0
    ADMINISTRATOR = 1 << 3
    MANAGE_GUILD = 1 << 5
    ADD_REACTIONS = 1 << 6
    VIEW_CHANNEL = 1 << 10
    SEND_MESSAGES = 1 << 11
    EMBED_LINKS = 1 << 14
    ATTACH_FILES = 1 << 15
    READ_MESSAGE_HISTORY = 1 << 16
    MENTION_EVERYONE = 1 << 17
    USE_EXTERNAL_EMOJIS = 1 << 18
    CONNECT = 1 << 20
    SPEAK = 1 << 21
    CHANGE_NICKNAME = 1 << 26
    USE_APPLICATION_COMMANDS = 1 << 31
    ALL = (1 << 53) - 1

    EVERYONE_DEFAULT = (
        CREATE_INSTANT_INVITE
        | ADD_REACTIONS
        | VIEW_CHANNEL
        | SEND_MESSAGES
        | EMBED_LINKS
        | ATTACH_FILES
        | READ_MESSAGE_HISTORY
        | USE_EXTERNAL_EMOJIS
        | CONNECT
        | SPEAK
        | CHANGE_NICKNAME
        | USE_APPLICATION_COMMANDS
    )
    BOT_DEFAULT = (
        VIEW_CHANNEL
        | SEND_MESSAGES
        | EMBED_LINKS
        | ATTACH_FILES
        | READ_MESSAGE_HISTORY
        | ADD_REACTIONS
        | USE_EXTERNAL_EMOJIS
    )
    # What an app gets in a DM with its own bot user (Discord documents the
    # attach/embed/mention/external-emoji bits; the rest make a DM usable).
    BOT_DM = (
        VIEW_CHANNEL
        | SEND_MESSAGES
        | EMBED_LINKS
        | ATTACH_FILES
        | READ_MESSAGE_HISTORY
        | ADD_REACTIONS
        | MENTION_EVERYONE
        | USE_EXTERNAL_EMOJIS
    )
    PRIVATE_CHANNEL = (
        VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | ATTACH_FILES | READ_MESSAGE_HISTORY | MENTION_EVERYONE
    )


class Intent:
    """Gateway intent bits that change what the emulator dispatches."""

    GUILDS = 1 << 0
    GUILD_MEMBERS = 1 << 1
    GUILD_PRESENCES = 1 << 8
    GUILD_MESSAGES = 1 << 9
    DIRECT_MESSAGES = 1 << 12
    MESSAGE_CONTENT = 1 << 15
    PRIVILEGED = GUILD_MEMBERS | GUILD_PRESENCES | MESSAGE_CONTENT
    KNOWN = (1 << 26) - 1


class MessageFlag:
    SUPPRESS_EMBEDS = 1 << 2
    EPHEMERAL = 1 << 6
    LOADING = 1 << 7
    SUPPRESS_NOTIFICATIONS = 1 << 12
    IS_VOICE_MESSAGE = 1 << 13
    IS_COMPONENTS_V2 = 1 << 15
    # Flags a sender may set; anything else is silently dropped, as Discord does.
    SETTABLE = SUPPRESS_EMBEDS | EPHEMERAL | SUPPRESS_NOTIFICATIONS | IS_VOICE_MESSAGE | IS_COMPONENTS_V2


class ChannelType:
    GUILD_TEXT = 0
    DM = 1
    GUILD_VOICE = 2
    GROUP_DM = 3
    GUILD_CATEGORY = 4
    GUILD_ANNOUNCEMENT = 5


class InteractionType:
    PING = 1
    APPLICATION_COMMAND = 2
    MESSAGE_COMPONENT = 3
    AUTOCOMPLETE = 4
    MODAL_SUBMIT = 5


class CallbackType:
    PONG = 1
    CHANNEL_MESSAGE = 4
    DEFERRED_CHANNEL_MESSAGE = 5
    DEFERRED_UPDATE_MESSAGE = 6
    UPDATE_MESSAGE = 7
    AUTOCOMPLETE_RESULT = 8
    MODAL = 9


class Context:
    GUILD = 0
    BOT_DM = 1
    PRIVATE_CHANNEL = 2


def iso_now() -> str:
    """Discord's timestamp format (ISO 8601 with microseconds and +00:00)."""
    return datetime.now(UTC).isoformat()


@dataclass
class EmulatorConfig:
    """Knobs a test may turn; the defaults are Discord's real values."""

    host: str = "127.0.0.1"
    port: int = 0
    # None: any non-empty bot token is accepted (and remembered on first use).
    token: str | None = None
    application_id: int | None = None
    bot_name: str = "Lupus Companion"
    api_version: int = 10
    # Discord's 3 s rule for the first reply, and the 15 min token lifetime.
    response_deadline: float = 3.0
    token_lifetime: float = 15 * 60.0
    heartbeat_interval_ms: int = 41_250
    shards: int = 1
    # Privileged intents this application is approved for (bits of Intent.PRIVILEGED).
    privileged_intents: int = 0
    rate_limit: int = 50
    rate_limit_reset_after: float = 1.0
    attachment_size_limit: int = 10 * 1024 * 1024
    # Replayable dispatches kept per gateway session for RESUME.
    resume_buffer: int = 5000


class Violation(TypedDict):
    """One thing real Discord would have refused or shown as a failure."""

    kind: str  # "rejected" | "failed_interaction" | "mention" | "unknown_route"
    route: str
    status: int
    code: int
    message: str
    detail: str


class Clock:
    """Monotonic clock that tests may push forward (e.g. to age a token 15 min)."""

    def __init__(self) -> None:
        self.offset = 0.0

    def now(self) -> float:
        return time.monotonic() + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += seconds


class SnowflakeGenerator:
    """Real-looking, strictly increasing snowflakes (timestamp in the top bits)."""

    def __init__(self) -> None:
        self._last_ms = 0
        self._increment = 0

    def next(self) -> int:
        ms = max(int(time.time() * 1000), self._last_ms)
        if ms == self._last_ms:
            self._increment += 1
            if self._increment > 0xFFF:
                ms += 1
                self._increment = 0
        else:
            self._increment = 0
        self._last_ms = ms
        return ((ms - DISCORD_EPOCH_MS) << 22) | (1 << 17) | self._increment


class ChangeNotifier:
    """Wakes waiters whenever the emulator's state changes (no polling by default).

    A predicate that also looks outside the emulator (a bot's own state, a log
    file) passes `poll` so it is re-checked that often as well.
    """

    def __init__(self) -> None:
        self._waiters: set[asyncio.Future[None]] = set()

    def notify(self) -> None:
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_result(None)
        self._waiters.clear()

    async def wait_for(self, predicate: Callable[[], T], timeout: float, *, poll: float | None = None) -> T:
        """Return predicate()'s first truthy value; TimeoutError after `timeout` s."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            result = predicate()
            if result:
                return result
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError
            waiter: asyncio.Future[None] = loop.create_future()
            self._waiters.add(waiter)
            try:
                await asyncio.wait({waiter}, timeout=remaining if poll is None else min(remaining, poll))
            finally:
                self._waiters.discard(waiter)


# --------------------------------------------------------------------------- entities


@dataclass(eq=False)
class User:
    id: int
    username: str
    global_name: str | None = None
    bot: bool = False
    locale: str = "en-US"
    # False: the user has "Direct Messages" turned off; sends get 50007.
    dms_open: bool = True

    @property
    def mention(self) -> str:
        return f"<@{self.id}>"

    def payload(self) -> JSON:
        data: JSON = {
            "id": str(self.id),
            "username": self.username,
            "discriminator": "0",
            "global_name": self.global_name,
            "avatar": None,
            "avatar_decoration_data": None,
            "banner": None,
            "accent_color": None,
            "public_flags": 0,
            "flags": 0,
            "collectibles": None,
            "primary_guild": None,
        }
        if self.bot:
            data["bot"] = True
        return data


@dataclass(eq=False)
class Role:
    id: int
    guild_id: int
    name: str
    permissions: int
    position: int = 0
    color: int = 0
    hoist: bool = False
    mentionable: bool = False
    managed: bool = False
    bot_id: int | None = None

    @property
    def mention(self) -> str:
        return f"<@&{self.id}>"

    def payload(self) -> JSON:
        data: JSON = {
            "id": str(self.id),
            "name": self.name,
            "color": self.color,
            "colors": {"primary_color": self.color, "secondary_color": None, "tertiary_color": None},
            "hoist": self.hoist,
            "icon": None,
            "unicode_emoji": None,
            "position": self.position,
            "permissions": str(self.permissions),
            "managed": self.managed,
            "mentionable": self.mentionable,
            "flags": 0,
        }
        if self.bot_id is not None:
            data["tags"] = {"bot_id": str(self.bot_id)}
        return data


@dataclass(eq=False)
class Member:
    user: User
    guild_id: int
    role_ids: list[int] = field(default_factory=list)
    nick: str | None = None
    joined_at: str = field(default_factory=iso_now)

    def payload(self, *, permissions: int | None = None, with_user: bool = True) -> JSON:
        data: JSON = {
            "nick": self.nick,
            "avatar": None,
            "banner": None,
            "roles": [str(r) for r in self.role_ids],
            "joined_at": self.joined_at,
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "communication_disabled_until": None,
        }
        if with_user:
            data["user"] = self.user.payload()
        if permissions is not None:
            data["permissions"] = str(permissions)
        return data


@dataclass
class Overwrite:
    id: int
    type: int  # 0 role, 1 member
    allow: int = 0
    deny: int = 0

    def payload(self) -> JSON:
        return {"id": str(self.id), "type": self.type, "allow": str(self.allow), "deny": str(self.deny)}


@dataclass(eq=False)
class Channel:
    id: int
    type: int
    name: str | None = None
    guild_id: int | None = None
    position: int = 0
    parent_id: int | None = None
    topic: str | None = None
    nsfw: bool = False
    overwrites: list[Overwrite] = field(default_factory=list)
    recipient_ids: list[int] = field(default_factory=list)
    last_message_id: int | None = None
    message_ids: list[int] = field(default_factory=list)

    @property
    def mention(self) -> str:
        return f"<#{self.id}>"

    @property
    def is_private(self) -> bool:
        return self.type in (ChannelType.DM, ChannelType.GROUP_DM)


@dataclass(eq=False)
class Guild:
    id: int
    name: str
    owner_id: int
    roles: dict[int, Role] = field(default_factory=dict)
    members: dict[int, Member] = field(default_factory=dict)
    channel_ids: list[int] = field(default_factory=list)
    preferred_locale: str = "en-US"
    features: list[str] = field(default_factory=list)

    @property
    def everyone(self) -> Role:
        return self.roles[self.id]


@dataclass(eq=False)
class StoredAttachment:
    id: int
    filename: str
    data: bytes
    content_type: str | None
    url: str
    description: str | None = None
    ephemeral: bool = False
    width: int | None = None
    height: int | None = None

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def name(self) -> str:
        return self.filename

    def payload(self) -> JSON:
        data: JSON = {
            "id": str(self.id),
            "filename": self.filename,
            "size": self.size,
            "url": self.url,
            "proxy_url": self.url,
        }
        if self.content_type:
            data["content_type"] = self.content_type
        if self.description:
            data["description"] = self.description
        if self.ephemeral:
            data["ephemeral"] = True
        if self.width is not None:
            data["width"] = self.width
            data["height"] = self.height
        return data


def guess_content_type(filename: str, sent: str | None) -> str | None:
    """Discord derives the type from the file name; discord.py always sends octet-stream."""
    guessed, _ = mimetypes.guess_type(filename)
    if guessed:
        return guessed if not guessed.startswith("text/") else f"{guessed}; charset=utf-8"
    if sent and sent != "application/octet-stream":
        return sent
    return None


def png_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from a PNG header, as Discord reports them for images."""
    if len(data) >= 24 and data[:8] == b"\x89PNG\r\n\x1a\n":
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    return None


@dataclass(eq=False)
class StoredMessage:
    id: int
    channel_id: int
    guild_id: int | None
    author: User
    content: str = ""
    embeds: list[JSON] = field(default_factory=list)
    components: list[JSON] = field(default_factory=list)
    flags: int = 0
    attachments: list[StoredAttachment] = field(default_factory=list)
    tts: bool = False
    type: int = 0
    timestamp: str = field(default_factory=iso_now)
    edited_timestamp: str | None = None
    webhook_id: int | None = None
    application_id: int | None = None
    interaction_id: int | None = None
    interaction_metadata: JSON | None = None
    interaction_legacy: JSON | None = None
    mentions: list[JSON] = field(default_factory=list)
    mention_roles: list[str] = field(default_factory=list)
    mention_everyone: bool = False
    message_reference: JSON | None = None
    poll: JSON | None = None
    allowed_mentions: JSON | None = None
    deleted: bool = False
    edit_count: int = 0

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & MessageFlag.EPHEMERAL)

    @property
    def loading(self) -> bool:
        return bool(self.flags & MessageFlag.LOADING)

    def payload(self) -> JSON:
        data: JSON = {
            "id": str(self.id),
            "type": self.type,
            "channel_id": str(self.channel_id),
            "author": self.author.payload(),
            "content": self.content,
            "timestamp": self.timestamp,
            "edited_timestamp": self.edited_timestamp,
            "tts": self.tts,
            "mention_everyone": self.mention_everyone,
            "mentions": self.mentions,
            "mention_roles": self.mention_roles,
            "attachments": [a.payload() for a in self.attachments],
            "embeds": self.embeds,
            "components": self.components,
            "pinned": False,
            "flags": self.flags,
        }
        if self.webhook_id is not None:
            data["webhook_id"] = str(self.webhook_id)
        if self.application_id is not None:
            data["application_id"] = str(self.application_id)
        if self.interaction_metadata is not None:
            data["interaction_metadata"] = self.interaction_metadata
        if self.interaction_legacy is not None:
            data["interaction"] = self.interaction_legacy
        if self.message_reference is not None:
            data["message_reference"] = self.message_reference
        if self.poll is not None:
            data["poll"] = self.poll
        return data


@dataclass(eq=False)
class InteractionRecord:
    """One interaction as Discord tracks it: its token, deadline and responses."""

    id: int
    token: str
    type: int
    user: User
    guild_id: int | None
    channel_id: int
    context: int
    payload: JSON
    created_at: float
    description: str
    command_id: int | None = None
    delivered: bool = False
    response_type: int | None = None
    responded_at: float | None = None
    # When the first callback request reached the emulator, before it read and checked the
    # body (that is the emulator's work): benchmarks measure the bot from created_at to here.
    callback_received_at: float | None = None
    response_data: JSON | None = None
    original_message_id: int | None = None
    component_message_id: int | None = None
    component_message_edited: bool = False
    message_ids: list[int] = field(default_factory=list)
    failed: bool = False
    rejections: list[Violation] = field(default_factory=list)
    modal: JSON | None = None
    choices: list[JSON] | None = None


@dataclass
class UploadedFile:
    index: int
    filename: str
    content_type: str | None
    data: bytes


@dataclass
class GatewayLogEntry:
    kind: str  # connect / identify / ready / resume / resumed / invalid_session / disconnect
    at: float
    session_id: str | None = None
    detail: str = ""


@dataclass
class RequestLogEntry:
    at: float
    method: str
    path: str
    route: str
    status: int


class EmulatorState:
    """Everything the fake Discord knows. Plain data; no I/O."""

    def __init__(self, config: EmulatorConfig) -> None:
        self.config = config
        self.clock = Clock()
        self.snowflakes = SnowflakeGenerator()
        self.changes = ChangeNotifier()
        self.application_id = config.application_id or self.snowflakes.next()
        self.bot = User(id=self.application_id, username=config.bot_name, bot=True)
        self.owner = User(id=self.snowflakes.next(), username="app-owner")
        self.users: dict[int, User] = {self.bot.id: self.bot, self.owner.id: self.owner}
        self.guilds: dict[int, Guild] = {}
        self.channels: dict[int, Channel] = {}
        self.messages: dict[int, StoredMessage] = {}
        self.dm_channels: dict[int, int] = {}  # user id -> DM channel with the bot
        self.commands: dict[int | None, dict[int, JSON]] = {None: {}}
        self.interactions: dict[int, InteractionRecord] = {}
        self.interactions_by_token: dict[str, InteractionRecord] = {}
        # Files people attached to command options (served like message attachments).
        self.loose_attachments: dict[int, StoredAttachment] = {}
        self.violations: list[Violation] = []
        self.gateway_log: list[GatewayLogEntry] = []
        self.requests: list[RequestLogEntry] = []
        self.command_writes: list[tuple[float, str]] = []
        self.base_url = ""  # filled in once the server listens

    # ----------------------------------------------------------------- helpers

    def next_id(self) -> int:
        return self.snowflakes.next()

    def now(self) -> float:
        return self.clock.now()

    def new_token(self) -> str:
        return "aW50ZXJhY3Rpb246" + secrets.token_urlsafe(64)

    def record_violation(
        self, kind: str, route: str, status: int, code: int, message: str, detail: str = ""
    ) -> Violation:
        violation: Violation = {
            "kind": kind,
            "route": route,
            "status": status,
            "code": code,
            "message": message,
            "detail": detail,
        }
        self.violations.append(violation)
        self.changes.notify()
        return violation

    def token_ok(self, token: str) -> bool:
        """Accept the configured token, or (unconfigured) any non-empty one."""
        if not token:
            return False
        return self.config.token is None or token == self.config.token

    def application_payload(self) -> JSON:
        return {
            "id": str(self.application_id),
            "name": self.bot.username,
            "icon": None,
            "description": "",
            "summary": "",
            "type": None,
            "hook": True,
            "bot_public": True,
            "bot_require_code_grant": False,
            "verify_key": "0" * 64,
            "owner": self.owner.payload(),
            "team": None,
            "flags": self.application_flags(),
            "bot": self.bot.payload(),
            "approximate_guild_count": len(self.guilds),
            "interactions_endpoint_url": None,
            "redirect_uris": [],
            "tags": [],
            "install_params": None,
            "integration_types_config": {"0": {}, "1": {}},
        }

    def application_flags(self) -> int:
        flags = 0
        if self.config.privileged_intents & Intent.GUILD_PRESENCES:
            flags |= 1 << 13
        if self.config.privileged_intents & Intent.GUILD_MEMBERS:
            flags |= 1 << 15
        if self.config.privileged_intents & Intent.MESSAGE_CONTENT:
            flags |= 1 << 19
        return flags

    # ------------------------------------------------------------ permissions

    def base_permissions(self, guild: Guild, user_id: int) -> int:
        if guild.owner_id == user_id:
            return Perm.ALL
        perms = guild.everyone.permissions
        member = guild.members.get(user_id)
        if member is not None:
            for role_id in member.role_ids:
                role = guild.roles.get(role_id)
                if role is not None:
                    perms |= role.permissions
        if perms & Perm.ADMINISTRATOR:
            return Perm.ALL
        return perms

    def channel_permissions(self, guild: Guild, user_id: int, channel: Channel | None) -> int:
        """Discord's overwrite algorithm: @everyone, then roles together, then the member."""
        perms = self.base_permissions(guild, user_id)
        if perms == Perm.ALL or channel is None:
            return perms
        member = guild.members.get(user_id)
        role_ids = set(member.role_ids) if member else set()
        by_id = {(o.type, o.id): o for o in channel.overwrites}
        everyone = by_id.get((0, guild.id))
        if everyone:
            perms = (perms & ~everyone.deny) | everyone.allow
        allow = deny = 0
        for overwrite in channel.overwrites:
            if overwrite.type == 0 and overwrite.id in role_ids:
                allow |= overwrite.allow
                deny |= overwrite.deny
        perms = (perms & ~deny) | allow
        own = by_id.get((1, user_id))
        if own:
            perms = (perms & ~own.deny) | own.allow
        return perms

    def bot_in(self, guild: Guild) -> bool:
        return self.bot.id in guild.members

    def mutual_guilds(self, user_id: int) -> list[Guild]:
        return [g for g in self.guilds.values() if user_id in g.members and self.bot.id in g.members]

    # ----------------------------------------------------------- serializers

    def channel_payload(self, channel: Channel, *, viewer: User | None = None) -> JSON:
        if channel.is_private:
            recipients = [self.users[u] for u in channel.recipient_ids if viewer is None or u != viewer.id]
            data: JSON = {
                "id": str(channel.id),
                "type": channel.type,
                "last_message_id": str(channel.last_message_id) if channel.last_message_id else None,
                "flags": 0,
                "recipients": [u.payload() for u in recipients],
            }
            if channel.type == ChannelType.GROUP_DM:
                data["name"] = channel.name
                data["owner_id"] = str(channel.recipient_ids[0]) if channel.recipient_ids else None
                data["icon"] = None
            return data
        data = {
            "id": str(channel.id),
            "type": channel.type,
            "guild_id": str(channel.guild_id),
            "name": channel.name,
            "position": channel.position,
            "permission_overwrites": [o.payload() for o in channel.overwrites],
            "parent_id": str(channel.parent_id) if channel.parent_id else None,
            "nsfw": channel.nsfw,
            "flags": 0,
        }
        if channel.type in (ChannelType.GUILD_TEXT, ChannelType.GUILD_ANNOUNCEMENT):
            data["topic"] = channel.topic
            data["last_message_id"] = str(channel.last_message_id) if channel.last_message_id else None
            data["rate_limit_per_user"] = 0
        elif channel.type == ChannelType.GUILD_VOICE:
            data.update({"bitrate": 64000, "user_limit": 0, "rtc_region": None, "last_message_id": None})
        return data

    def guild_payload(self, guild: Guild, *, intents: int = 0, large_threshold: int = 250) -> JSON:
        """A GUILD_CREATE body. Without GUILD_MEMBERS only the bot's own member is sent."""
        if intents & Intent.GUILD_MEMBERS:
            members = list(guild.members.values())
        else:
            members = [m for m in guild.members.values() if m.user.id == self.bot.id]
        return {
            "id": str(guild.id),
            "name": guild.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "banner": None,
            "description": None,
            "owner_id": str(guild.owner_id),
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 1,
            "default_message_notifications": 1,
            "explicit_content_filter": 2,
            "mfa_level": 0,
            "nsfw_level": 0,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "premium_progress_bar_enabled": False,
            "preferred_locale": guild.preferred_locale,
            "features": list(guild.features),
            "roles": [r.payload() for r in guild.roles.values()],
            "emojis": [],
            "stickers": [],
            "application_id": None,
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "safety_alerts_channel_id": None,
            "vanity_url_code": None,
            "max_members": 500000,
            "max_video_channel_users": 25,
            "max_stage_video_channel_users": 50,
            "incidents_data": None,
            "joined_at": guild.members[self.bot.id].joined_at if self.bot.id in guild.members else iso_now(),
            "large": len(guild.members) > large_threshold,
            "unavailable": False,
            "member_count": len(guild.members),
            "members": [m.payload() for m in members],
            "channels": [self.channel_payload(self.channels[c]) for c in guild.channel_ids],
            "threads": [],
            "presences": [],
            "voice_states": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }

    def guild_rest_payload(self, guild: Guild) -> JSON:
        data = self.guild_payload(guild)
        for key in (
            "members",
            "channels",
            "threads",
            "presences",
            "voice_states",
            "stage_instances",
            "guild_scheduled_events",
            "soundboard_sounds",
            "joined_at",
            "large",
            "unavailable",
            "member_count",
        ):
            data.pop(key, None)
        return data

    # ----------------------------------------------------------- channels

    def ensure_dm_channel(self, user: User) -> Channel:
        """The bot's DM channel with `user`; one per user, like Discord."""
        channel_id = self.dm_channels.get(user.id)
        if channel_id is not None:
            return self.channels[channel_id]
        channel = Channel(id=self.next_id(), type=ChannelType.DM, recipient_ids=[user.id, self.bot.id])
        self.channels[channel.id] = channel
        self.dm_channels[user.id] = channel.id
        return channel

    def channel_messages(self, channel_id: int, *, include_ephemeral: bool = False) -> list[StoredMessage]:
        channel = self.channels.get(channel_id)
        if channel is None:
            return []
        found = [self.messages[m] for m in channel.message_ids]
        return [m for m in found if not m.deleted and (include_ephemeral or not m.ephemeral)]

    def store_message(self, message: StoredMessage) -> None:
        self.messages[message.id] = message
        channel = self.channels.get(message.channel_id)
        if channel is not None:
            channel.message_ids.append(message.id)
            if not message.ephemeral:
                channel.last_message_id = message.id
        self.changes.notify()

    def iter_commands(self, guild_id: int | None) -> Iterable[JSON]:
        return self.commands.get(guild_id, {}).values()

"""In-memory model of the slice of Discord the bot touches.

The REST routes, the gateway and the test harness all read and write this one
state, so after a run a test can inspect exactly what a real Discord would hold:
the messages the bot sent, the commands it registered, the interactions it
answered (or failed to), and every request Discord would have rejected.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from .constants import DISCORD_EPOCH_MS, JSON, ChannelType, Intent, Perm, iso_now
from .entities import (
    Channel,
    GatewayLogEntry,
    Guild,
    InteractionRecord,
    RequestLogEntry,
    StoredAttachment,
    StoredMessage,
    User,
    Violation,
)

T = TypeVar("T")


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
    # What GET /gateway/bot recommends; also the count `create_guild(shard=…)` places servers by.
    shards: int = 1
    # More servers than this on one session: IDENTIFY is refused with 4011 (Sharding required).
    max_guilds_per_session: int = 2500
    # Privileged intents this application is approved for (bits of Intent.PRIVILEGED).
    privileged_intents: int = 0
    rate_limit: int = 50
    rate_limit_reset_after: float = 1.0
    attachment_size_limit: int = 10 * 1024 * 1024
    # Replayable dispatches kept per gateway session for RESUME.
    resume_buffer: int = 5000


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

    def next_on_shard(self, shard_id: int, shard_count: int) -> int:
        """The next snowflake that, as a server id, lands on ``shard_id`` of ``shard_count``.

        The shard is the timestamp part modulo the count, so this moves the clock part up to
        ``shard_count - 1`` ms ahead; later ids still increase."""
        ms = max(int(time.time() * 1000), self._last_ms)
        while (ms - DISCORD_EPOCH_MS) % shard_count != shard_id or (
            ms == self._last_ms and self._increment >= 0xFFF
        ):
            ms += 1
        self._increment = self._increment + 1 if ms == self._last_ms else 0
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
        self.nonces: dict[tuple[int, str], tuple[float, int]] = {}  # (channel, nonce) -> (when, message)
        self.nonce_replays = 0
        """Sends answered with an earlier message because their enforced nonce was seen before."""
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

    def nonce_message(self, channel_id: int, nonce: str, *, window: float = 300.0) -> StoredMessage | None:
        """The message created in this channel with this enforced nonce within ``window`` seconds."""
        seen = self.nonces.get((channel_id, nonce))
        if seen is None or self.clock.now() - seen[0] > window:
            return None
        message = self.messages.get(seen[1])
        if message is not None:
            self.nonce_replays += 1
        return message

    def remember_nonce(self, channel_id: int, nonce: str, message: StoredMessage) -> None:
        self.nonces[(channel_id, nonce)] = (self.clock.now(), message.id)

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

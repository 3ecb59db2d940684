"""Building INTERACTION_CREATE payloads exactly as Discord shapes them.

The Discord client only lets a person invoke what the bot registered, with
option values of the registered types, in the places the command is allowed;
so does the harness (unless ``strict=False``). Payload fields follow the
Interaction object: ``member`` + ``guild_id`` + ``guild`` in a server, ``user``
in a DM, ``channel``, ``app_permissions``, ``context``,
``authorizing_integration_owners``, ``locale``, ``entitlements``,
``attachment_size_limit``, and ``data`` with ``resolved`` ids.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .constants import JSON, ChannelType, Context, Perm
from .entities import Channel, Guild, Member, Role, StoredAttachment, StoredMessage, User, guess_content_type
from .state import EmulatorState


class HarnessError(Exception):
    """The test asked for something a real Discord client could not do."""


@dataclass
class Where:
    """Where an interaction happens and on whose installation."""

    context: int
    channel: Channel
    guild: Guild | None = None
    user_installed: bool = False

    def owners(self, user: User, state: EmulatorState) -> dict[str, str]:
        owners: dict[str, str] = {}
        if self.context == Context.GUILD and self.guild is not None and state.bot_in(self.guild):
            owners["0"] = str(self.guild.id)
        elif self.context == Context.BOT_DM:
            owners["0"] = "0"
        if self.user_installed:
            owners["1"] = str(user.id)
        return owners


def locate(
    state: EmulatorState,
    user: User,
    *,
    guild: Guild | None = None,
    channel: Channel | None = None,
    dm: bool = False,
    private_channel: bool = False,
    user_installed: bool = False,
    friends: dict[int, Channel] | None = None,
) -> Where:
    """Resolve the place a person acts from: a server channel, the bot DM, or a private channel."""
    if dm:
        return Where(Context.BOT_DM, state.ensure_dm_channel(user), None, user_installed)
    if private_channel:
        if friends is None:
            raise HarnessError("private channels need the emulator's friend registry")
        found = friends.get(user.id)
        if found is None:
            friend = User(id=state.next_id(), username=f"friend-of-{user.username}")
            state.users[friend.id] = friend
            found = Channel(id=state.next_id(), type=ChannelType.DM, recipient_ids=[user.id, friend.id])
            state.channels[found.id] = found
            friends[user.id] = found
        return Where(Context.PRIVATE_CHANNEL, found, None, True)
    if channel is not None and guild is None and channel.guild_id is not None:
        guild = state.guilds[channel.guild_id]
    if guild is None:
        raise HarnessError("say where: guild=..., channel=..., dm=True or private_channel=True")
    if user.id not in guild.members:
        raise HarnessError(f"{user.username} is not a member of {guild.name}")
    if channel is None:
        texts = [
            state.channels[c] for c in guild.channel_ids if state.channels[c].type == ChannelType.GUILD_TEXT
        ]
        if not texts:
            raise HarnessError(f"{guild.name} has no text channel")
        channel = texts[0]
    if channel.guild_id != guild.id:
        raise HarnessError(f"channel {channel.name} is not in {guild.name}")
    if not user_installed and not state.bot_in(guild):
        raise HarnessError(f"the bot is not in {guild.name}; pass user_installed=True")
    return Where(Context.GUILD, channel, guild, user_installed)


def app_permissions(state: EmulatorState, where: Where) -> int:
    if where.context == Context.BOT_DM:
        return Perm.BOT_DM
    if where.context == Context.PRIVATE_CHANNEL or where.guild is None:
        return Perm.PRIVATE_CHANNEL
    if state.bot_in(where.guild):
        return state.channel_permissions(where.guild, state.bot.id, where.channel)
    return state.channel_permissions(where.guild, where.guild.id, where.channel)


def interaction_payload(
    state: EmulatorState,
    *,
    interaction_id: int,
    token: str,
    kind: int,
    data: JSON,
    user: User,
    where: Where,
    message: StoredMessage | None = None,
    locale: str | None = None,
) -> JSON:
    """The INTERACTION_CREATE body for one interaction."""
    payload: JSON = {
        "id": str(interaction_id),
        "application_id": str(state.application_id),
        "type": kind,
        "data": data,
        "token": token,
        "version": 1,
        "app_permissions": str(app_permissions(state, where)),
        "locale": locale or user.locale,
        "entitlements": [],
        "entitlement_sku_ids": [],
        "authorizing_integration_owners": where.owners(user, state),
        "context": where.context,
        "attachment_size_limit": state.config.attachment_size_limit,
        "channel_id": str(where.channel.id),
    }
    channel = state.channel_payload(where.channel, viewer=user)
    if where.guild is not None:
        guild = where.guild
        member = guild.members[user.id]
        perms = state.channel_permissions(guild, user.id, where.channel)
        channel["permissions"] = str(perms)
        payload["guild_id"] = str(guild.id)
        payload["guild"] = {
            "id": str(guild.id),
            "locale": guild.preferred_locale,
            "features": list(guild.features),
        }
        payload["guild_locale"] = guild.preferred_locale
        payload["member"] = member.payload(permissions=perms)
    else:
        payload["user"] = user.payload()
    payload["channel"] = channel
    if message is not None:
        payload["message"] = message.payload()
    return payload


# ------------------------------------------------------------------ commands


def effective_contexts(command: JSON) -> set[int]:
    contexts = command.get("contexts")
    if contexts is not None:
        return set(contexts)
    installs = set(command.get("integration_types") or [0])
    allowed = {Context.GUILD, Context.BOT_DM} if 0 in installs else set()
    if 1 in installs:
        allowed |= {Context.GUILD, Context.BOT_DM, Context.PRIVATE_CHANNEL}
    if command.get("dm_permission") is False:
        allowed.discard(Context.BOT_DM)
    return allowed


def find_command(
    state: EmulatorState,
    name: str,
    where: Where,
    *,
    kind: int = 1,
    strict: bool = True,
    user: User | None = None,
) -> JSON:
    """The registered command a person could pick here (guild commands first)."""
    candidates: list[JSON] = []
    if where.guild is not None:
        candidates.extend(
            c for c in state.iter_commands(where.guild.id) if c["name"] == name and c["type"] == kind
        )
    candidates.extend(c for c in state.iter_commands(None) if c["name"] == name and c["type"] == kind)
    if not candidates:
        known = sorted({c["name"] for scope in state.commands.values() for c in scope.values()})
        raise HarnessError(f"command /{name} is not registered (registered: {', '.join(known) or 'none'})")
    command = candidates[0]
    if not strict:
        return command
    installs = set(command.get("integration_types") or [0])
    if where.user_installed and 1 not in installs and where.context == Context.PRIVATE_CHANNEL:
        raise HarnessError(f"/{name} is not available to user installs")
    if not where.user_installed and 0 not in installs:
        raise HarnessError(f"/{name} is only available as a user-installed command")
    if where.context not in effective_contexts(command):
        raise HarnessError(f"/{name} is not available in context {where.context}")
    required = command.get("default_member_permissions")
    if required is not None and where.guild is not None and user is not None:
        perms = state.base_permissions(where.guild, user.id)
        if perms != Perm.ALL and (int(required) == 0 or perms & int(required) != int(required)):
            raise HarnessError(
                f"{user.username} cannot see /{name} (needs permissions {required}); strict=False forces it"
            )
    return command


@dataclass
class Resolved:
    users: dict[str, JSON] = field(default_factory=dict)
    members: dict[str, JSON] = field(default_factory=dict)
    roles: dict[str, JSON] = field(default_factory=dict)
    channels: dict[str, JSON] = field(default_factory=dict)
    attachments: dict[str, JSON] = field(default_factory=dict)

    def payload(self) -> JSON:
        data: JSON = {}
        for key in ("users", "members", "roles", "channels", "attachments"):
            value = getattr(self, key)
            if value:
                data[key] = value
        return data


def _snowflake_of(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    inner = getattr(value, "id", None)
    if isinstance(inner, int):
        return inner
    if isinstance(value, Member):
        return value.user.id
    raise HarnessError(f"cannot use {value!r} as an id")


class OptionBuilder:
    """Turns Python values into typed interaction options plus their resolved data."""

    def __init__(self, state: EmulatorState, where: Where, user: User, *, strict: bool) -> None:
        self.state = state
        self.where = where
        self.user = user
        self.strict = strict
        self.resolved = Resolved()
        self.uploads: list[StoredAttachment] = []

    def build(
        self,
        registered: Sequence[JSON],
        values: Mapping[str, Any],
        subcommand: str | None,
        *,
        focused: str | None = None,
    ) -> list[JSON]:
        path = subcommand.split() if subcommand else []
        return self._level(registered, values, path, focused, trail="")

    def _level(
        self,
        registered: Sequence[JSON],
        values: Mapping[str, Any],
        path: list[str],
        focused: str | None,
        trail: str,
    ) -> list[JSON]:
        subs = [o for o in registered if o.get("type") in (1, 2)]
        if subs:
            if not path:
                names = ", ".join(o["name"] for o in subs)
                raise HarnessError(f"command{trail} needs a subcommand: one of {names}")
            head, rest = path[0], path[1:]
            chosen = next((o for o in subs if o["name"] == head), None)
            if chosen is None:
                raise HarnessError(f"unknown subcommand {head!r}{trail}")
            inner = self._level(chosen.get("options") or [], values, rest, focused, f"{trail} {head}")
            option: JSON = {"name": head, "type": chosen["type"]}
            option["options"] = inner
            return [option]
        if path:
            raise HarnessError(f"command{trail} has no subcommand {path[0]!r}")
        by_name = {o["name"]: o for o in registered}
        unknown = set(values) - set(by_name)
        if unknown:
            raise HarnessError(f"unknown option(s) {sorted(unknown)}; registered: {sorted(by_name)}")
        options: list[JSON] = []
        for spec in registered:
            name = spec["name"]
            if name not in values or values[name] is None:
                if spec.get("required") and focused is None and self.strict:
                    raise HarnessError(f"option {name!r} is required")
                continue
            if name == focused:
                if not spec.get("autocomplete") and self.strict:
                    raise HarnessError(f"option {name!r} has no autocomplete")
                options.append(
                    {"name": name, "type": spec["type"], "value": str(values[name]), "focused": True}
                )
                continue
            options.append({"name": name, "type": spec["type"], "value": self._value(spec, values[name])})
        if focused is not None and focused not in values:
            focused_spec = by_name.get(focused)
            if focused_spec is None:
                raise HarnessError(f"focused option {focused!r} is not an option of this command")
            options.append({"name": focused, "type": focused_spec["type"], "value": "", "focused": True})
        return options

    def _value(self, spec: JSON, value: Any) -> Any:
        kind = spec["type"]
        name = spec["name"]
        if kind == 3:
            result: Any = str(value)
            self._check_length(spec, result)
        elif kind == 4:
            if isinstance(value, bool) or not isinstance(value, int):
                raise HarnessError(f"option {name!r} takes an integer, got {value!r}")
            result = value
            self._check_range(spec, result)
        elif kind == 10:
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise HarnessError(f"option {name!r} takes a number, got {value!r}")
            result = float(value)
            self._check_range(spec, result)
        elif kind == 5:
            if not isinstance(value, bool):
                raise HarnessError(f"option {name!r} takes a boolean, got {value!r}")
            result = value
        elif kind == 6:
            result = str(self._resolve_user(value))
        elif kind == 7:
            result = str(self._resolve_channel(value, spec))
        elif kind == 8:
            result = str(self._resolve_role(value))
        elif kind == 9:
            result = str(self._resolve_role(value) if isinstance(value, Role) else self._resolve_user(value))
        elif kind == 11:
            result = str(self._resolve_attachment(value))
        else:
            raise HarnessError(f"option {name!r} has unsupported type {kind}")
        choices = spec.get("choices")
        if choices and self.strict and result not in [c["value"] for c in choices]:
            raise HarnessError(f"{value!r} is not a choice of {name!r}: {[c['value'] for c in choices]}")
        return result

    def _check_length(self, spec: JSON, value: str) -> None:
        if not self.strict:
            return
        low, high = spec.get("min_length"), spec.get("max_length")
        if (low is not None and len(value) < low) or (high is not None and len(value) > high):
            raise HarnessError(f"option {spec['name']!r}: length {len(value)} outside [{low}, {high}]")
        if len(value) > 6000:
            raise HarnessError(f"option {spec['name']!r}: Discord caps string options at 6000 characters")

    def _check_range(self, spec: JSON, value: float) -> None:
        if not self.strict:
            return
        low, high = spec.get("min_value"), spec.get("max_value")
        if (low is not None and value < low) or (high is not None and value > high):
            raise HarnessError(f"option {spec['name']!r}: {value} outside [{low}, {high}]")

    def _resolve_user(self, value: Any) -> int:
        user_id = _snowflake_of(value)
        user = self.state.users.get(user_id)
        if user is None:
            raise HarnessError(f"unknown user {user_id}")
        self.resolved.users[str(user_id)] = user.payload()
        guild = self.where.guild
        if guild is not None and user_id in guild.members:
            member = guild.members[user_id]
            perms = self.state.channel_permissions(guild, user_id, self.where.channel)
            self.resolved.members[str(user_id)] = member.payload(permissions=perms, with_user=False)
        return user_id

    def _resolve_role(self, value: Any) -> int:
        role_id = _snowflake_of(value)
        guild = self.where.guild
        role = guild.roles.get(role_id) if guild is not None else None
        if role is None:
            raise HarnessError(f"role {role_id} is not in this guild")
        self.resolved.roles[str(role_id)] = role.payload()
        return role_id

    def _resolve_channel(self, value: Any, spec: JSON) -> int:
        channel_id = _snowflake_of(value)
        channel = self.state.channels.get(channel_id)
        if channel is None:
            raise HarnessError(f"unknown channel {channel_id}")
        allowed = spec.get("channel_types")
        if allowed and channel.type not in allowed and self.strict:
            raise HarnessError(f"channel type {channel.type} not allowed for {spec['name']!r}")
        data: JSON = {"id": str(channel.id), "name": channel.name, "type": channel.type, "flags": 0}
        guild = self.where.guild
        if guild is not None and channel.guild_id == guild.id:
            data["guild_id"] = str(guild.id)
            data["parent_id"] = str(channel.parent_id) if channel.parent_id else None
            data["permissions"] = str(self.state.channel_permissions(guild, self.user.id, channel))
            data["position"] = channel.position
            data["nsfw"] = channel.nsfw
            data["topic"] = channel.topic
            data["last_message_id"] = str(channel.last_message_id) if channel.last_message_id else None
            data["rate_limit_per_user"] = 0
        self.resolved.channels[str(channel.id)] = data
        return channel.id

    def _resolve_attachment(self, value: Any) -> int:
        if isinstance(value, StoredAttachment):
            attachment = value
        else:
            if not isinstance(value, tuple) or len(value) not in (2, 3):
                raise HarnessError("attachment options take (filename, bytes[, content_type])")
            filename, data = value[0], value[1]
            content_type = value[2] if len(value) == 3 else None
            attachment_id = self.state.next_id()
            attachment = StoredAttachment(
                id=attachment_id,
                filename=str(filename),
                data=bytes(data),
                content_type=guess_content_type(str(filename), content_type),
                url=f"{self.state.base_url}/attachments/{self.where.channel.id}/{attachment_id}/{filename}",
                ephemeral=True,
            )
        self.uploads.append(attachment)
        self.resolved.attachments[str(attachment.id)] = attachment.payload()
        return attachment.id

"""The things Discord holds: users, roles, members, channels, guilds, stored messages and
attachments, interactions, and the logs of requests, gateway events and refusals."""

from __future__ import annotations

import mimetypes
import struct
from dataclasses import dataclass, field
from typing import TypedDict

from .constants import JSON, ChannelType, MessageFlag, iso_now


class Violation(TypedDict):
    """One thing real Discord would have refused or shown as a failure."""

    kind: str  # "rejected" | "failed_interaction" | "mention" | "unknown_route"
    route: str
    status: int
    code: int
    message: str
    detail: str


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
    # The gateway session (and its shard id) that received the interaction.
    session_id: str | None = None
    shard: int | None = None
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
    kind: str  # connect / identify / refused / ready / resume / resumed / invalid_session / disconnect
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

"""Building the world a test needs: users, servers, roles, channels, members, the bot."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from .constants import ChannelType, Intent, Perm
from .core import EmulatorCore
from .entities import (
    Channel,
    Guild,
    Member,
    Overwrite,
    Role,
    User,
)


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


class World(EmulatorCore):
    """Creates what real Discord users and admins would have set up before the bot arrives."""

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
        shard: int | None = None,
    ) -> Guild:
        """A server with @everyone, its owner, text channels, and (by default) the bot.

        ``shard``: pick the server's id so it lands on that shard of ``config.shards``."""
        owner = owner or self.create_user(f"{name.lower().replace(' ', '-')}-owner")
        if shard is None:
            guild_id = self.state.next_id()
        elif 0 <= shard < self.config.shards:
            guild_id = self.state.snowflakes.next_on_shard(shard, self.config.shards)
        else:
            raise ValueError(f"shard {shard} is not one of the {self.config.shards} shard(s)")
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

    def community(self, name: str = "Lupus Warriors", *, shard: int = 0) -> Community:
        """The standard cast for end-to-end tests (see Community); its server is on ``shard``
        (of ``config.shards``; with one shard every server is on shard 0)."""
        owner = self.create_user("owner", global_name="Server Owner")
        guild = self.create_guild(name, owner=owner, channels=("general", "stretching"), shard=shard)
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

    def another_server(self, place: Community, name: str, *, shard: int | None = None) -> Community:
        """The cast of ``place`` in a second server with the bot, on ``shard``: the same owner,
        admin (with this server's own Admin role) and members; the outsider stays outside."""
        guild = self.create_guild(name, owner=place.owner, channels=("general", "stretching"), shard=shard)
        admin_role = self.create_role(guild, "Admin", permissions=Perm.ADMINISTRATOR)
        self.add_member(guild, place.admin, roles=[admin_role])
        self.add_member(guild, place.member)
        self.add_member(guild, place.closed_dms)
        general = self.state.channels[guild.channel_ids[0]]
        return dataclasses.replace(place, guild=guild, general=general, admin_role=admin_role)

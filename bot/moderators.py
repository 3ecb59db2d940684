"""Who may use ``/admin``: one pure rule, checked in code on every admin action.

Why in code and not only ``default_member_permissions``: that setting merely
hides a command in the client, and a server's owner can change it for any role
or member in Server Settings › Integrations. So every admin action asks
:func:`authorize` first, with plain facts taken from the interaction.

The rule:

- a user id listed in ``admins.user_ids`` is a moderator everywhere (servers,
  the bot's DM, group DMs);
- in one of the community's servers (``admins.guild_ids``), so is anyone with a
  role listed in ``admins.role_ids``, or with the Manage Server permission
  (Administrator includes it) in a server that installed the bot;
- nobody else, anywhere: anyone can make a server of their own and invite the
  bot, and owning *that* server must not make them a moderator of this
  community. With no ``guild_ids`` configured, only listed user ids count;
- in a DM or group DM, only listed user ids count (there are no roles there,
  and nobody "manages" a DM).

No Discord imports: the cog hands in ids and the permission bits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

ADMINISTRATOR = 1 << 3
MANAGE_GUILD = 1 << 5
"""Discord permission bits (Manage Server is ``MANAGE_GUILD`` in the API)."""


class Grant(Enum):
    """Why someone is a moderator (or that they are not); the value is shown in logs."""

    USER_ID = "listed user id"
    ROLE = "moderator role"
    MANAGE_SERVER = "Manage Server permission"
    NONE = "not a moderator"


@dataclass(frozen=True, slots=True)
class Moderators:
    """The configured moderators: ``admins.user_ids``, ``admins.role_ids`` and ``admins.guild_ids``."""

    user_ids: frozenset[int] = frozenset()
    role_ids: frozenset[int] = frozenset()
    guild_ids: frozenset[int] = frozenset()

    @classmethod
    def of(
        cls, user_ids: Iterable[int], role_ids: Iterable[int], guild_ids: Iterable[int] = ()
    ) -> Moderators:
        return cls(frozenset(user_ids), frozenset(role_ids), frozenset(guild_ids))


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is acting, and where.

    ``guild_id`` is None in the bot's DM and in group DMs. ``permissions`` are the
    member's permission bits there (0 outside a server). ``guild_installed`` is True
    when the server itself installed the bot (not only the person's own account).
    """

    user_id: int
    guild_id: int | None = None
    role_ids: frozenset[int] = frozenset()
    permissions: int = 0
    guild_installed: bool = False


def authorize(moderators: Moderators, actor: Actor) -> Grant:
    """Why ``actor`` may act as a moderator, or :attr:`Grant.NONE` (see module docstring)."""
    if actor.user_id in moderators.user_ids:
        return Grant.USER_ID
    if actor.guild_id is None or actor.guild_id not in moderators.guild_ids:
        return Grant.NONE
    if actor.role_ids & moderators.role_ids:
        return Grant.ROLE
    if actor.guild_installed and actor.permissions & (MANAGE_GUILD | ADMINISTRATOR):
        return Grant.MANAGE_SERVER
    return Grant.NONE


def is_moderator(moderators: Moderators, actor: Actor) -> bool:
    return authorize(moderators, actor) is not Grant.NONE


NO_COMMUNITY_SERVERS_WARNING = (
    "admins.guild_ids is empty: no server is named as this community's, so moderator roles and the "
    "Manage Server permission count nowhere and only the user ids in admins.user_ids can use /admin. "
    "Add your community's server id(s) to admins.guild_ids (see config.example.yaml)."
)


def startup_warning(moderators: Moderators) -> str | None:
    """What to tell the operator at start-up about this configuration, if anything."""
    return None if moderators.guild_ids else NO_COMMUNITY_SERVERS_WARNING

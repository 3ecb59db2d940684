"""Who is a moderator: the one rule every /admin action asks (bot.moderators)."""

from __future__ import annotations

import pytest

from bot.moderators import (
    ADMINISTRATOR,
    MANAGE_GUILD,
    Actor,
    Grant,
    Moderators,
    authorize,
    is_moderator,
    startup_warning,
)

LISTED_USER = 111
MOD_ROLE = 900
SERVER = 5_000
OTHER_SERVER = 6_000
MODERATORS = Moderators.of(user_ids=[LISTED_USER], role_ids=[MOD_ROLE], guild_ids=[SERVER])
SEND_MESSAGES = 1 << 11


def in_server(
    user_id: int = 222,
    *,
    roles: tuple[int, ...] = (),
    permissions: int = 0,
    installed: bool = True,
    guild_id: int = SERVER,
) -> Actor:
    return Actor(user_id, guild_id, frozenset(roles), permissions, guild_installed=installed)


def in_dm(user_id: int = 222) -> Actor:
    return Actor(user_id)


@pytest.mark.parametrize(
    ("actor", "grant"),
    [
        pytest.param(in_server(LISTED_USER), Grant.USER_ID, id="listed user in a server"),
        pytest.param(in_dm(LISTED_USER), Grant.USER_ID, id="listed user in a DM"),
        pytest.param(
            in_server(LISTED_USER, installed=False, guild_id=OTHER_SERVER),
            Grant.USER_ID,
            id="listed user anywhere, even where only they installed the app",
        ),
        pytest.param(in_server(roles=(MOD_ROLE,)), Grant.ROLE, id="moderator role, no permissions"),
        pytest.param(in_server(roles=(1, MOD_ROLE, 2)), Grant.ROLE, id="moderator role among others"),
        pytest.param(in_server(permissions=MANAGE_GUILD), Grant.MANAGE_SERVER, id="Manage Server"),
        pytest.param(in_server(permissions=ADMINISTRATOR), Grant.MANAGE_SERVER, id="Administrator"),
        pytest.param(
            in_server(permissions=MANAGE_GUILD | SEND_MESSAGES),
            Grant.MANAGE_SERVER,
            id="Manage Server among other permissions",
        ),
    ],
)
def test_moderators_are_accepted_and_the_reason_is_named(actor: Actor, grant: Grant) -> None:
    assert authorize(MODERATORS, actor) is grant
    assert is_moderator(MODERATORS, actor)


@pytest.mark.parametrize(
    "actor",
    [
        pytest.param(in_server(), id="plain member"),
        pytest.param(in_server(roles=(1, 2), permissions=SEND_MESSAGES), id="member with other roles"),
        pytest.param(in_dm(), id="DM user without a listed id"),
        pytest.param(in_dm(MOD_ROLE), id="a user id that equals a role id is not a listed user"),
        pytest.param(
            in_server(permissions=MANAGE_GUILD, installed=False, guild_id=OTHER_SERVER),
            id="Manage Server of a server that did not install the bot (their own server, user app)",
        ),
        pytest.param(
            in_server(permissions=MANAGE_GUILD | ADMINISTRATOR, guild_id=OTHER_SERVER),
            id="owner of another server that installed the bot (anyone can invite it)",
        ),
        pytest.param(
            in_server(roles=(MOD_ROLE,), guild_id=OTHER_SERVER),
            id="a moderator role counts only in the community's servers",
        ),
    ],
)
def test_everyone_else_is_refused(actor: Actor) -> None:
    assert authorize(MODERATORS, actor) is Grant.NONE
    assert not is_moderator(MODERATORS, actor)


def test_in_a_dm_roles_and_permissions_do_not_count() -> None:
    # A DM has no server, so nothing can vouch for the role ids or permission bits.
    forged = Actor(222, None, frozenset({MOD_ROLE}), MANAGE_GUILD | ADMINISTRATOR, guild_installed=True)
    assert authorize(MODERATORS, forged) is Grant.NONE


def test_a_role_counts_in_a_community_server_even_where_only_users_installed_the_app() -> None:
    assert authorize(MODERATORS, in_server(roles=(MOD_ROLE,), installed=False)) is Grant.ROLE


def test_with_no_community_servers_only_listed_ids_count_and_start_up_says_so() -> None:
    no_servers = Moderators.of(user_ids=[LISTED_USER], role_ids=[MOD_ROLE])
    assert authorize(no_servers, in_server(permissions=MANAGE_GUILD)) is Grant.NONE
    assert authorize(no_servers, in_server(roles=(MOD_ROLE,))) is Grant.NONE
    assert authorize(no_servers, in_dm(LISTED_USER)) is Grant.USER_ID
    warning = startup_warning(no_servers)
    assert warning is not None and "admins.guild_ids" in warning and "only the user ids" in warning
    assert startup_warning(MODERATORS) is None

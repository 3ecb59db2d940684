"""Sharding as Discord does it: which shard a server belongs to, which IDENTIFY shard is
accepted, and server ids picked to land on a given shard.

* A server belongs to shard ``(guild_id >> 22) % shard_count``; DMs belong to shard 0.
* IDENTIFY's ``shard`` is ``[shard_id, shard_count]`` with ``0 <= shard_id < shard_count``;
  anything else closes the socket with 4010 (Invalid shard), and so does a count that differs
  from the one the bot's other connected sessions use.
* A session that would hold more than ``max_guilds`` servers is refused with 4011 (Sharding
  required): Discord's 2,500 servers per session.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

MAX_GUILDS_PER_SESSION = 2500
"""Discord's limit: beyond it a bot must shard (close code 4011)."""
INVALID_SHARD = 4010
SHARDING_REQUIRED = 4011


def shard_of(guild_id: int | None, shard_count: int) -> int:
    """The shard that receives a server's events; DMs (no server) go to shard 0."""
    if guild_id is None:
        return 0
    return (guild_id >> 22) % shard_count


@dataclass(frozen=True)
class ShardRefusal:
    """Why an IDENTIFY's shard is refused: the close code and reason Discord sends."""

    code: int
    reason: str


def check_shard(
    raw: object,
    *,
    connected: Iterable[tuple[int, int]],
    guild_ids: Iterable[int],
    max_guilds: int = MAX_GUILDS_PER_SESSION,
) -> tuple[int, int] | ShardRefusal:
    """The ``(shard_id, shard_count)`` an IDENTIFY asks for (``None``: ``[0, 1]``), or why not.

    ``connected`` are the shards of the bot's sessions that are connected right now;
    ``guild_ids`` are the servers the bot is in."""
    if raw is None:
        raw = [0, 1]
    if (
        not isinstance(raw, list)
        or len(raw) != 2
        or not all(isinstance(x, int) and not isinstance(x, bool) for x in raw)
        or not 0 <= raw[0] < raw[1]
    ):
        return ShardRefusal(INVALID_SHARD, "Invalid shard")
    shard_id, shard_count = raw
    if any(count != shard_count for _, count in connected):
        return ShardRefusal(INVALID_SHARD, "Invalid shard")
    held = sum(1 for guild_id in guild_ids if shard_of(guild_id, shard_count) == shard_id)
    if held > max_guilds:
        return ShardRefusal(SHARDING_REQUIRED, "Sharding required")
    return shard_id, shard_count

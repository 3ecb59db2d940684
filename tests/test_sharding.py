"""Sharding settings: ``discord.shard_count`` / ``discord.shard_ids`` (and SHARD_COUNT / SHARD_IDS)
are checked like every other key; the bot is discord.py's AutoShardedBot on them; only the process
serving shard 0 syncs the command tree; /admin status names this process's shards."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.client import LupusBot
from bot.config import ConfigError, load_config
from bot.ui.admin import StatusFacts, status_page

TOKEN = "a-token"


def test_no_shard_settings_means_one_process_for_everything() -> None:
    config = load_config(None, env={"DISCORD_TOKEN": TOKEN})
    assert config.discord.shard_count is None and config.discord.shard_ids is None
    assert config.discord.serves_first_shard
    bot = LupusBot(config)
    assert bot.shard_count is None and bot.shard_ids is None  # discord.py asks GET /gateway/bot


def test_environment_sets_the_shards_like_the_token(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("discord:\n  shard_count: 4\n  shard_ids: [3]\n", encoding="utf-8")
    env = {"DISCORD_TOKEN": TOKEN, "SHARD_COUNT": "2", "SHARD_IDS": " 1, 0"}
    config = load_config(path, env=env)
    assert config.discord.shard_count == 2 and config.discord.shard_ids == (0, 1)
    from_file = load_config(path, env={})
    assert from_file.discord.shard_count == 4 and from_file.discord.shard_ids == (3,)
    assert not from_file.discord.serves_first_shard
    bot = LupusBot(from_file)
    assert bot.shard_count == 4 and bot.shard_ids == [3]


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"SHARD_IDS": "0"}, "needs discord.shard_count"),
        ({"SHARD_COUNT": "2", "SHARD_IDS": "2"}, "from 0 to 1"),
        ({"SHARD_COUNT": "2", "SHARD_IDS": "0,0"}, "names a shard twice"),
        ({"SHARD_COUNT": "2", "SHARD_IDS": "0,x"}, "'discord.shard_ids'"),
        ({"SHARD_COUNT": "0"}, "'discord.shard_count'"),
        ({"SHARD_COUNT": "two"}, "'discord.shard_count'"),
    ],
)
def test_bad_shard_settings_are_a_config_error(env: dict[str, str], expected: str) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(None, env={"DISCORD_TOKEN": TOKEN, **env})
    assert expected in str(info.value) and "environment" in str(info.value)


def test_a_bad_shard_in_the_file_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("discord:\n  shard_count: 2\n  shard_ids: [0, 5]\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path, env={})
    assert f"{path}:3: 'discord.shard_ids'" in str(info.value)


async def test_only_the_process_serving_shard_0_syncs_commands(tmp_path: Path) -> None:
    config = load_config(None, env={"DISCORD_TOKEN": TOKEN, "SHARD_COUNT": "2", "SHARD_IDS": "1"})
    bot = LupusBot(config)
    assert "not synced" in await bot.sync_commands()  # before touching the tree or the database


def facts(**overrides: object) -> StatusFacts:
    base: dict[str, object] = {
        "version": "abc",
        "counts": {"articles": 1, "sections": 1, "routines": 1, "steps": 1, "topics": 1, "items": 1},
        "watching": False,
        "watch_problem": None,
        "current_errors": (),
        "last_reload": None,
        "uptime_s": 60.0,
        "latency_s": 0.04,
        "guilds": None,
        "active_sessions": None,
        "db_bytes": None,
        "bot_version": "0.1.0",
    }
    return StatusFacts(**(base | overrides))  # type: ignore[arg-type]


def bot_field(page_facts: StatusFacts) -> str:
    embed = status_page(page_facts).embeds[0]
    return next(str(f.value) for f in embed.fields if f.name == "Bot")


def test_status_names_the_shards_of_this_process_and_their_latency() -> None:
    assert "shard" not in bot_field(facts(shard_count=1, shards=[(0, 0.04)]))
    one = bot_field(facts(shard_count=2, shards=[(1, 0.042)]))
    assert "This process serves shard 1 (42 ms) of 2" in one
    many = bot_field(facts(shard_count=4, shards=[(2, float("nan")), (0, 0.01)]))
    assert "serves shards 0 (10 ms), 2 (not measured yet) of 4" in many

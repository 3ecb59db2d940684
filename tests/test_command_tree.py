"""The slash commands Discord sees stay as they were: names, options, types, descriptions, limits
and autocomplete flags, command by command (tests/fixtures/command_tree.json).

The options are built from transformers (bot/ui/transformers.py); a change there that changes what
Discord registers (a lost autocomplete flag, a length limit) would make members' clients differ
from what the bot expects. A deliberate change: regenerate the file with
``python -m tests.test_command_tree > tests/fixtures/command_tree.json`` and review the diff.
"""

from __future__ import annotations

import asyncio
import json
import tempfile
from pathlib import Path
from typing import Any

from bot.client import LupusBot
from bot.config import Config, ContentConfig, DatabaseConfig

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT = ROOT / "tests" / "fixtures" / "command_tree.json"


async def command_payloads(folder: Path) -> list[dict[str, Any]]:
    """What the bot would register with Discord, sorted by command name."""
    config = Config(
        database=DatabaseConfig(path=folder / "bot.sqlite3", backup_dir=folder / "backups"),
        content=ContentConfig(path=ROOT / "content"),
    )
    bot = LupusBot(config)
    try:
        await bot.assemble()
        payload = [command.to_dict(bot.tree) for command in bot.tree.get_commands()]
    finally:
        await bot.services.close()
        await bot.db.close()
    return sorted(payload, key=lambda command: str(command["name"]))


def render(payload: list[dict[str, Any]]) -> str:
    return json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


async def test_registered_commands_match_the_snapshot(tmp_path: Path) -> None:
    payload = await command_payloads(tmp_path)
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    by_name = {command["name"]: command for command in payload}
    assert sorted(by_name) == sorted(command["name"] for command in expected)
    for command in expected:
        assert by_name[command["name"]] == command, f"/{command['name']} changed"


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        print(render(asyncio.run(command_payloads(Path(folder)))), end="")

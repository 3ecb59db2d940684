"""The crisis screen is ready before members write: the learned model is loaded while the bot is
assembled (off the event loop), not by the first member's message after a start."""

from __future__ import annotations

from pathlib import Path

from bot.client import LupusBot
from bot.config import Config, ContentConfig, DatabaseConfig
from bot.crisis.model import load_model

ROOT = Path(__file__).resolve().parents[1]


async def test_assembling_the_bot_loads_the_crisis_model(tmp_path: Path) -> None:
    load_model.cache_clear()
    config = Config(
        database=DatabaseConfig(path=tmp_path / "bot.sqlite3", backup_dir=tmp_path / "backups"),
        content=ContentConfig(path=ROOT / "content"),
    )
    bot = LupusBot(config)
    assert load_model.cache_info().currsize == 0
    try:
        await bot.assemble()
        assert load_model.cache_info().currsize == 1
        assert load_model() is not None
    finally:
        await bot.services.close()
        await bot.db.close()

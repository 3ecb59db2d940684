"""The layout keeps its promises: a Discord-free core, and cogs that stay thin adapters."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The only core modules allowed to import discord: the client, the process runner, and bot/ui/.
DISCORD_FACING = {"bot/client.py", "bot/app.py"}


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_core_modules_do_not_import_discord() -> None:
    offenders = []
    for path in sorted((ROOT / "bot").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel in DISCORD_FACING or rel.startswith("bot/ui/"):
            continue
        if any(name == "discord" or name.startswith("discord.") for name in imports(path)):
            offenders.append(rel)
    assert offenders == [], f"core modules importing discord: {offenders}"


def test_cogs_hold_no_sql() -> None:
    for path in sorted((ROOT / "cogs").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        for keyword in ("SELECT ", "INSERT ", "UPDATE ", "DELETE FROM", "aiosqlite", "sqlite3"):
            assert keyword not in text, f"{path.name} has SQL ({keyword.strip()}); put it in bot/storage"


def test_every_cog_is_an_extension() -> None:
    for path in sorted((ROOT / "cogs").glob("*.py")):
        if path.name == "__init__.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {n.name for n in tree.body if isinstance(n, ast.AsyncFunctionDef)}
        assert "setup" in names, f"{path.name} has no async setup(bot)"

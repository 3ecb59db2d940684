"""The layout keeps its promises: a Discord-free core, and cogs that stay thin adapters.

The import rules (core without discord, cogs without bot.storage or each other) are import-linter
contracts in pyproject.toml (`lint-imports`, run by `make test`); these tests check the rest."""

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


CODE = ("bot", "cogs", "bench")


def python_files(*folders: str) -> list[Path]:
    return [path for folder in folders for path in sorted((ROOT / folder).rglob("*.py"))]


def test_no_cog_is_looked_up_by_name() -> None:
    """``bot.get_cog("Stretch")`` hides a dependency and fails only at run time: what cogs share
    lives in bot/ui (or the core) and is imported."""
    offenders = []
    for path in python_files(*CODE):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "get_cog":
                offenders.append(f"{path.relative_to(ROOT).as_posix()}:{node.lineno}")
    assert offenders == [], f"get_cog used at {offenders}"


def test_services_get_their_discord_side_when_built() -> None:
    """Nothing is plugged into a service after it is built (``routines.card_editor = …``,
    ``dispatcher.sender = …``): the client hands the Discord side to ``Services.create``
    (bot.ports.Ports, bot.ui.senders). An object sets only its own attributes."""
    from dataclasses import fields

    from bot.ports import Ports

    seams = {field.name for field in fields(Ports)} | {"sender"}
    offenders = []
    for path in python_files(*CODE):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[ast.expr] = []
            if isinstance(node, ast.Assign):
                targets = node.targets
            elif isinstance(node, ast.AnnAssign | ast.AugAssign):
                targets = [node.target]
            for target in targets:
                if not isinstance(target, ast.Attribute):
                    continue
                if isinstance(target.value, ast.Name) and target.value.id == "self":
                    continue  # its own attribute
                owner = ast.unparse(target.value)
                if target.attr in seams or "services" in owner.split("."):
                    offenders.append(
                        f"{path.relative_to(ROOT).as_posix()}:{node.lineno} {owner}.{target.attr}"
                    )
    assert offenders == [], f"attributes plugged into other objects: {offenders}"

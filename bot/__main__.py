"""Command line: ``python -m bot [--config PATH]``, ``validate [PATH]``, ``schema``, ``restore BACKUP``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Lupus Companion Discord bot")
    parser.add_argument("--config", type=Path, help="path to config.yaml (optional)")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="run the bot (the default)")
    validate = sub.add_parser("validate", help="check content files and print every problem")
    validate.add_argument(
        "path", nargs="?", type=Path, default=None, help="content folder (default: from config)"
    )
    restore = sub.add_parser(
        "restore", help="check a backup and put it in place of the database (stop the bot first)"
    )
    restore.add_argument("backup", type=Path, help="a bot-*.sqlite3 file from database.backup_dir")
    schema = sub.add_parser("schema", help="print the JSON Schema of the content files")
    schema.add_argument(
        "--kind", choices=["article", "routine", "resource", "safety", "synonyms", "tracking"], default=None
    )
    args = parser.parse_args(argv)

    if args.command == "schema":
        from bot.content.cli import schema_command

        return schema_command(args.kind)

    from bot.config import ConfigError, load_config

    try:
        config = load_config(args.config)
    except ConfigError as exc:
        print(f"Configuration error:\n{exc}", file=sys.stderr)
        return 2

    if args.command == "validate":
        from bot.content.cli import validate_command

        return validate_command(args.path or config.content.path)

    if args.command == "restore":
        if config.database.url:
            print(
                "Not restored: the database is PostgreSQL (database.url / DATABASE_URL); `restore` puts back "
                "the bot's own SQLite backups. Restore PostgreSQL with pg_restore (docs/deploy.md).",
                file=sys.stderr,
            )
            return 1
        return restore_command(args.backup, config.database.path)

    from bot.app import run

    return run(config)


def restore_command(backup: Path, database: Path) -> int:
    from bot.clock import SystemClock
    from bot.storage.backup import BackupError, restore

    try:
        kept = restore(backup, database, now=SystemClock().now())
    except (BackupError, OSError) as exc:
        print(f"Not restored: {exc}\nThe database was not changed.", file=sys.stderr)
        return 1
    print(f"Restored {database} from {backup} (it passed quick_check and has a known schema version).")
    if kept is not None:
        print(f"The previous file is kept as {kept}; delete it once the bot runs well.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

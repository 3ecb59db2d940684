"""Operator configuration: one YAML file (optional), environment overrides, defaults.

Only a token is required to run. Every mistake in the file is reported as one
clear message naming the file, the key and the line; the token is never shown
(it is a ``SecretStr`` everywhere, and messages never echo values).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from bot.content.marked_yaml import Marks, parse_yaml

DEFAULT_API_BASE = "https://discord.com/api/v10"

NO_TOKEN_HELP = """\
Lupus Companion needs a Discord bot token to start, and none was found.
To get one: open https://discord.com/developers/applications, choose "New Application",
open its "Bot" page and press "Reset Token", then copy the token. Put it in the
environment as DISCORD_TOKEN=... (for example in a file that only you can read, loaded by
your service manager), or in config.yaml under discord.token (see config.example.yaml).
Invite the bot with the "bot" and "applications.commands" scopes; it needs no privileged intents."""


ENV_OVERRIDES = (
    ("DISCORD_TOKEN", "token"),
    ("DISCORD_API_BASE", "api_base"),
    ("SHARD_COUNT", "shard_count"),
    ("SHARD_IDS", "shard_ids"),
)
"""Environment variables that override a key of the ``discord`` section."""


class ConfigError(Exception):
    """A configuration problem the operator must fix; the CLI prints it and exits 2."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DiscordConfig(_Section):
    token: SecretStr | None = None
    api_base: str = DEFAULT_API_BASE
    dev_guild_ids: tuple[int, ...] = ()
    shard_count: int | None = Field(default=None, ge=1)
    """Shards the whole bot runs on (every process alike); None: what Discord recommends."""
    shard_ids: tuple[int, ...] | None = None
    """The shards this process serves; None: all of them. Needs ``shard_count``."""

    @field_validator("shard_ids")
    @classmethod
    def _shards_of_the_count(
        cls, value: tuple[int, ...] | None, info: ValidationInfo
    ) -> tuple[int, ...] | None:
        if value is None:
            return None
        count = info.data.get("shard_count")
        if count is None:
            raise ValueError("needs discord.shard_count (SHARD_COUNT) too: the shards of how many")
        if not value:
            raise ValueError("must name at least one shard (or be left out for all of them)")
        if len(set(value)) != len(value):
            raise ValueError("names a shard twice")
        if not all(0 <= shard < count for shard in value):
            raise ValueError(f"shard ids go from 0 to {count - 1} when shard_count is {count}")
        return tuple(sorted(value))

    @property
    def serves_first_shard(self) -> bool:
        """Whether this process serves shard 0 (DMs, and the one command sync of the bot)."""
        return self.shard_ids is None or 0 in self.shard_ids

    @field_validator("api_base")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise ValueError("must be an http(s) URL such as https://discord.com/api/v10")
        return value.rstrip("/")


class AdminsConfig(_Section):
    user_ids: tuple[int, ...] = ()
    role_ids: tuple[int, ...] = ()
    guild_ids: tuple[int, ...] = ()
    """The community's servers: roles and Manage Server make a moderator only there."""
    log_channel_id: int | None = None


class CommunityConfig(_Section):
    region: str = "INTL"
    """The crisis card's region until a member picks their own: US, CA, UK, AU, NZ, IN or INTL."""

    @field_validator("region")
    @classmethod
    def _known_region(cls, value: str) -> str:
        from bot.crisis.regions import BY_CODE, region_code

        code = region_code(value)
        if code is None:
            raise ValueError(f"must be one of {', '.join(BY_CODE)} (INTL = elsewhere)")
        return code


class SafetyConfig(_Section):
    support_channel_id: int | None = None
    """Where a member's own "ask a moderator to reach out" goes; None = the button is not shown."""


class DatabaseConfig(_Section):
    path: Path = Path("data/bot.sqlite3")
    backup_dir: Path = Path("data/backups")
    """Where the daily online backup goes (the last 7 are kept; SQLite only)."""
    url: str | None = None
    """``postgresql://user@host/db``: use PostgreSQL instead of the SQLite file (also ``DATABASE_URL``)."""

    @field_validator("url")
    @classmethod
    def _postgres_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("postgresql://", "postgres://")):
            raise ValueError("must be a PostgreSQL URL such as postgresql://lupus@localhost/lupus")
        return value or None


class ContentConfig(_Section):
    path: Path = Path("content")
    watch: bool = False


class LoggingConfig(_Section):
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"


class Config(_Section):
    discord: DiscordConfig = Field(default_factory=DiscordConfig)
    admins: AdminsConfig = Field(default_factory=AdminsConfig)
    community: CommunityConfig = Field(default_factory=CommunityConfig)
    safety: SafetyConfig = Field(default_factory=SafetyConfig)
    database: DatabaseConfig = Field(default_factory=DatabaseConfig)
    content: ContentConfig = Field(default_factory=ContentConfig)
    logging: LoggingConfig = Field(default_factory=LoggingConfig)

    @property
    def token(self) -> str | None:
        secret = self.discord.token
        return secret.get_secret_value() if secret else None


def load_config(path: Path | None = None, env: Mapping[str, str] | None = None) -> Config:
    """Read ``path`` (if given), apply the environment (:data:`ENV_OVERRIDES`, DATABASE_URL), fill defaults.

    Relative paths in the file are taken relative to the file's folder, so the bot
    finds its content and database wherever it is started from.
    """
    env = os.environ if env is None else env
    raw: dict[str, object] = {}
    marks: Marks | None = None
    base = Path.cwd()
    if path is not None:
        raw, marks = _read_yaml(path)
        base = path.resolve().parent
    data = {key: dict(value) if isinstance(value, dict) else value for key, value in raw.items()}
    for var, key in ENV_OVERRIDES:
        if env.get(var):
            section = data.setdefault("discord", {})
            if isinstance(section, dict):
                section[key] = _shard_list(env[var]) if key == "shard_ids" else env[var]
    if env.get("DATABASE_URL"):
        section = data.setdefault("database", {})
        if isinstance(section, dict):
            section["url"] = env["DATABASE_URL"]
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_explain(exc, path, marks)) from None
    return config.model_copy(
        update={
            "database": DatabaseConfig(
                path=_under(base, config.database.path),
                backup_dir=_under(base, config.database.backup_dir),
                url=config.database.url,
            ),
            "content": ContentConfig(path=_under(base, config.content.path), watch=config.content.watch),
        }
    )


def _shard_list(text: str) -> list[str]:
    """``SHARD_IDS="0,1"`` as the list the ``discord.shard_ids`` key takes."""
    return [part.strip() for part in text.split(",")]


def _under(base: Path, path: Path) -> Path:
    return path if path.is_absolute() else base / path


def _read_yaml(path: Path) -> tuple[dict[str, object], Marks]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found (see config.example.yaml)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the config file ({type(exc).__name__})") from None
    # The same safe, position-keeping reader as the content (no alias bombs, YAML 1.2 scalars).
    parsed = parse_yaml(text)
    if parsed.problems:
        raise ConfigError("\n".join(f"{path}:{p.line}:{p.col}: {p.message}" for p in parsed.problems))
    if parsed.value is None:
        return {}, parsed.marks
    if not isinstance(parsed.value, dict):
        raise ConfigError(
            f"{path}:1:1: the config file must be a mapping of sections (see config.example.yaml)"
        )
    return parsed.value, parsed.marks


def _explain(exc: ValidationError, path: Path | None, marks: Marks | None) -> str:
    lines = []
    for error in exc.errors():
        loc = tuple(error["loc"])
        key = ".".join(str(part) for part in loc if not isinstance(part, int)) or "(top level)"
        line = (
            (marks.key(loc) if error["type"] == "extra_forbidden" else marks.value(loc))[0] if marks else None
        )
        where = f"{path}:{line}" if path and line else str(path or "environment")
        if error["type"] == "extra_forbidden":
            message = f"unknown key '{key}' (check the spelling against config.example.yaml)"
        else:
            message = f"'{key}': {error['msg']}"
        lines.append(f"{where}: {message}")
    return "\n".join(lines)

"""Operators get one clear message and exit code 2 for every bad config; the token never shows."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import ConfigError, load_config

ROOT = Path(__file__).resolve().parents[1]
SECRET = "MTIzNDU2Nzg5.SECRET-TOKEN-VALUE.do-not-print"


def run_cli(
    *args: str, env: dict[str, str] | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("DISCORD_")}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**base, "PYTHONPATH": str(ROOT), **(env or {})},
        cwd=cwd,
    )


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_need_only_a_token(tmp_path: Path) -> None:
    config = load_config(None, env={"DISCORD_TOKEN": SECRET})
    assert config.token == SECRET
    assert config.discord.api_base == "https://discord.com/api/v10"
    assert config.content.path.name == "content"
    assert config.database.path.name == "bot.sqlite3"
    assert SECRET not in repr(config) and SECRET not in str(config)


def test_environment_overrides_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "discord:\n  token: from-file\n  api_base: https://a.example/api\n")
    config = load_config(
        path, env={"DISCORD_TOKEN": SECRET, "DISCORD_API_BASE": "http://127.0.0.1:9/api/v10"}
    )
    assert config.token == SECRET
    assert config.discord.api_base == "http://127.0.0.1:9/api/v10"


def test_example_config_documents_every_key() -> None:
    config = load_config(ROOT / "config.example.yaml", env={})
    text = (ROOT / "config.example.yaml").read_text()
    for section, model in config:
        for key in type(model).model_fields:
            assert f"{key}:" in text, f"{section}.{key} is not documented"
    assert {"discord", "admins", "community", "safety", "database", "content", "logging"} == set(
        type(config).model_fields
    )


def test_relative_paths_follow_the_config_file(tmp_path: Path) -> None:
    path = write(tmp_path, "database:\n  path: db/x.sqlite3\ncontent:\n  path: mycontent\n  watch: true\n")
    config = load_config(path, env={})
    assert config.database.path == tmp_path / "db/x.sqlite3"
    assert config.content.path == tmp_path / "mycontent" and config.content.watch is True


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("discord:\n  tokn: x\n", ":2: unknown key 'discord.tokn'"),
        ("loging:\n  level: INFO\n", ":1: unknown key 'loging'"),
        ("content:\n  watch: maybe-later\n", ":2: 'content.watch'"),
        ("admins:\n  user_ids: [12, abc]\n", ":2: 'admins.user_ids'"),
        ("logging:\n  level: LOUD\n", ":2: 'logging.level'"),
        ("discord:\n  api_base: ftp://x\n", ":2: 'discord.api_base'"),
        ("discord: [1, 2\n", "config.yaml:2:1:"),
        ("- just\n- a list\n", ":1:1: the config file must be a mapping"),
        ("admins:\n  log_channel_id: {a: 1}\n", ":2: 'admins.log_channel_id'"),
    ],
)
def test_bad_config_names_file_key_and_line(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path, env={})
    assert str(path) in str(info.value)
    assert expected in str(info.value)


@pytest.mark.parametrize(
    "text",
    [
        f"discord:\n  token: {SECRET}\n  tokn: oops\n",
        f"discord:\n  token: {SECRET}\nlogging:\n  level: 7\n",
        f"discord:\n  token: {SECRET}\n  api_base: not-a-url\n",
        f"discord: {{token: {SECRET}, dev_guild_ids: [x]}}\n",
    ],
)
def test_cli_bad_config_exit_2_without_traceback_or_token(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    result = run_cli("--config", str(path), env={"DISCORD_TOKEN": SECRET})
    assert result.returncode == 2
    output = result.stdout + result.stderr
    assert "Configuration error" in output and str(path) in output
    assert "Traceback" not in output
    assert SECRET not in output


def test_cli_missing_and_unreadable_files(tmp_path: Path) -> None:
    missing = run_cli("--config", str(tmp_path / "nope.yaml"))
    assert missing.returncode == 2 and "not found" in missing.stderr and "Traceback" not in missing.stderr
    binary = tmp_path / "bin.yaml"
    binary.write_bytes(b"\xff\xfe\x00bad")
    unreadable = run_cli("--config", str(binary))
    assert unreadable.returncode == 2 and "cannot read" in unreadable.stderr


def test_cli_without_token_explains_how_to_get_one(tmp_path: Path) -> None:
    path = write(tmp_path, "logging:\n  level: INFO\n")
    result = run_cli("--config", str(path))
    assert result.returncode == 2
    assert "discord.com/developers/applications" in result.stderr
    assert "DISCORD_TOKEN" in result.stderr
    assert "Traceback" not in result.stderr


def test_token_never_logged_during_a_failed_start(tmp_path: Path) -> None:
    """A start against an unreachable REST base backs off; nothing it prints holds the token."""
    path = write(tmp_path, "logging:\n  level: DEBUG\n")
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "--config", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=ROOT,
        env={
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "DISCORD_TOKEN": SECRET,
            "DISCORD_API_BASE": "http://127.0.0.1:9/api/v10",
        },
    )
    try:
        out, _ = proc.communicate(timeout=8)
    except subprocess.TimeoutExpired:
        proc.terminate()
        out, _ = proc.communicate(timeout=10)
    assert SECRET not in out
    assert "trying again" in out or "start-up failed" in out

"""The systemd units in deploy/: restarts on failure with a growing delay, hardened, token from a file.

Both units are held to every rule: ``lupus-companion.service`` (one process, SQLite) and the
template ``lupus-companion@.service`` (process ``%i`` of several sharing PostgreSQL).

A crash loop must not burn Discord's 1,000 logins a day (more resets the token),
so the unit caps how often it starts the bot and the bot itself backs off
between failed start-ups (``tests/test_faults.py`` runs that loop). Here the
unit is read as systemd reads it, checked with ``systemd-analyze verify`` where
the tool exists, and scored with ``systemd-analyze security --offline``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.app import BACKOFF_SECONDS

REPO = Path(__file__).resolve().parents[1]
UNITS = (REPO / "deploy" / "lupus-companion.service", REPO / "deploy" / "lupus-companion@.service")
TEMPLATE = UNITS[1]
DAY = 86_400
LOGINS_A_DAY = 1_000

SYSTEMD_ANALYZE = shutil.which("systemd-analyze")
needs_systemd_analyze = pytest.mark.skipif(
    SYSTEMD_ANALYZE is None, reason="systemd-analyze is not installed here (CI images without systemd)"
)


def parse_unit(text: str) -> dict[str, dict[str, list[str]]]:
    """Sections → key → every value, in order (systemd allows a key more than once)."""
    sections: dict[str, dict[str, list[str]]] = {}
    current: dict[str, list[str]] | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], {})
            continue
        assert current is not None, f"a key before any section: {raw!r}"
        key, sep, value = line.partition("=")
        assert sep, f"not a key=value line: {raw!r}"
        current.setdefault(key.strip(), []).append(value.strip())
    return sections


def seconds(value: str) -> float:
    """A systemd time span (``5s``, ``15min``, ``1h 30min``, ``1800``) in seconds."""
    units = {"": 1, "s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hr": 3600, "d": DAY, "ms": 0.001}
    total = 0.0
    for number, unit in re.findall(r"(\d+(?:\.\d+)?)\s*([a-z]*)", value):
        total += float(number) * units[unit]
    return total


@pytest.fixture(name="unit_path", scope="module", params=UNITS, ids=lambda path: path.name)
def unit_path_fixture(request: pytest.FixtureRequest) -> Path:
    return Path(request.param)


@pytest.fixture(name="unit", scope="module")
def unit_fixture(unit_path: Path) -> dict[str, dict[str, list[str]]]:
    return parse_unit(unit_path.read_text(encoding="utf-8"))


def one(unit: dict[str, dict[str, list[str]]], section: str, key: str) -> str:
    values = unit[section].get(key)
    assert values, f"[{section}] {key}= is missing"
    return values[-1]


def systemd_version() -> int:
    assert SYSTEMD_ANALYZE is not None
    out = subprocess.run([SYSTEMD_ANALYZE, "--version"], capture_output=True, text=True, timeout=30).stdout
    match = re.search(r"systemd (\d+)", out)
    return int(match.group(1)) if match else 0


def runnable_copy(unit_path: Path, tmp_path: Path) -> Path:
    """The unit with ExecStart pointing at this interpreter, so verify can check the command exists
    (the real path, /opt/lupus-companion/.venv, exists only on a server). A template is checked
    as its instance 0, next to the template itself."""
    text = unit_path.read_text(encoding="utf-8")
    text = re.sub(r"^ExecStart=\S+", f"ExecStart={sys.executable}", text, flags=re.MULTILINE)
    copy = tmp_path / unit_path.name
    copy.write_text(text, encoding="utf-8")
    if unit_path.name.endswith("@.service"):
        instance = tmp_path / unit_path.name.replace("@.", "@0.")
        instance.write_text(text, encoding="utf-8")
        return instance
    return copy


# -- what the unit promises -------------------------------------------------------------------------


def test_it_restarts_on_failure_with_a_growing_delay(unit: dict[str, dict[str, list[str]]]) -> None:
    assert one(unit, "Service", "Restart") == "on-failure"
    first = seconds(one(unit, "Service", "RestartSec"))
    longest = seconds(one(unit, "Service", "RestartMaxDelaySec"))
    steps = int(one(unit, "Service", "RestartSteps"))
    assert first >= 5 and steps >= 2 and longest >= 10 * 60, "the delay grows from seconds to minutes"
    # Exit 2 is a bad token or config: restarting cannot fix it, and each try would be a login.
    assert "2" in one(unit, "Service", "RestartPreventExitStatus").split()


def test_a_crash_loop_cannot_reach_a_thousand_logins_a_day(unit: dict[str, dict[str, list[str]]]) -> None:
    burst = int(one(unit, "Unit", "StartLimitBurst"))
    interval = seconds(one(unit, "Unit", "StartLimitIntervalSec"))
    starts_a_day = burst * DAY / interval
    assert starts_a_day < LOGINS_A_DAY / 2, f"systemd could start the bot {starts_a_day:.0f} times a day"
    # Inside one process, failed start-ups back off on this schedule; count tries in a day.
    tries, elapsed = 0, 0.0
    while elapsed < DAY:
        elapsed += BACKOFF_SECONDS[min(tries, len(BACKOFF_SECONDS) - 1)]
        tries += 1
    assert list(BACKOFF_SECONDS) == sorted(BACKOFF_SECONDS), "the pauses only grow"
    assert tries < LOGINS_A_DAY / 2, f"the bot's own back-off allows {tries} tries a day"


def test_the_token_comes_from_an_environment_file(
    unit: dict[str, dict[str, list[str]]], unit_path: Path
) -> None:
    service = unit["Service"]
    assert one(unit, "Service", "EnvironmentFile").startswith("/etc/"), "the token lives outside the code"
    text = unit_path.read_text(encoding="utf-8")
    assert not re.search(r"^\s*Environment=.*DISCORD_TOKEN", text, flags=re.MULTILINE)
    assert "DISCORD_TOKEN=" not in "".join(v for values in service.values() for v in values)
    assert "mode 0600" in text, "the install note says to keep the env file private"


def test_it_runs_as_its_own_user_with_hardening(unit: dict[str, dict[str, list[str]]]) -> None:
    assert one(unit, "Service", "User") not in ("root", "0")
    expected = {
        "NoNewPrivileges": "yes",
        "ProtectSystem": "strict",
        "ProtectHome": "yes",
        "PrivateTmp": "yes",
        "PrivateDevices": "yes",
        "RestrictSUIDSGID": "yes",
        "LockPersonality": "yes",
        "UMask": "0077",
        "CapabilityBoundingSet": "",
    }
    for key, value in expected.items():
        assert one(unit, "Service", key) == value, key
    assert "AF_INET" in one(unit, "Service", "RestrictAddressFamilies")
    # ProtectSystem=strict makes everything read-only; the database folder must be the exception.
    assert one(unit, "Service", "ReadWritePaths") or one(unit, "Service", "StateDirectory")


# -- checked by systemd itself -----------------------------------------------------------------------


@needs_systemd_analyze
def test_systemd_analyze_verify_accepts_the_unit(unit_path: Path, tmp_path: Path) -> None:
    assert SYSTEMD_ANALYZE is not None
    result = subprocess.run(
        [SYSTEMD_ANALYZE, "verify", str(runnable_copy(unit_path, tmp_path))],
        capture_output=True,
        text=True,
        timeout=60,
    )
    output = (result.stdout + result.stderr).strip()
    cannot_run = r"Failed to (?:connect|initialize)|not booted|Operation not permitted"
    if result.returncode != 0 and re.search(cannot_run, output):
        pytest.skip(f"systemd-analyze cannot run in this container: {output.splitlines()[0]}")
    problems = output.splitlines()
    if systemd_version() < 254:
        # RestartSteps= and RestartMaxDelaySec= arrived in systemd 254; older ones ignore them
        # (and keep the fixed RestartSec= delay, still capped by StartLimitBurst=).
        newer = r"Unknown key '(RestartSteps|RestartMaxDelaySec)'"
        problems = [p for p in problems if not re.search(newer, p)]
    assert result.returncode == 0 and not problems, output


@needs_systemd_analyze
def test_systemd_rates_the_unit_well_hardened(unit_path: Path, tmp_path: Path) -> None:
    """``systemd-analyze security`` exposure 0–10; 2.5 or less is the "OK" band or better."""
    assert SYSTEMD_ANALYZE is not None
    result = subprocess.run(
        [
            SYSTEMD_ANALYZE,
            "security",
            "--offline=yes",
            "--threshold=25",
            str(runnable_copy(unit_path, tmp_path)),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    output = result.stdout + result.stderr
    if "Unknown option" in output or "unrecognized option" in output:
        pytest.skip("this systemd-analyze has no offline security review (needs systemd 250+)")
    level = re.search(r"Overall exposure level for \S+: ([\d.]+)", output)
    assert result.returncode == 0, output[-2000:]
    assert level is not None and float(level.group(1)) <= 2.5, output[-500:]


def test_the_template_gives_each_process_its_own_shards() -> None:
    """Every instance reads the shared file (token, DATABASE_URL, SHARD_COUNT), then its own."""
    unit = parse_unit(TEMPLATE.read_text(encoding="utf-8"))
    assert unit["Service"]["EnvironmentFile"] == ["/etc/lupus-companion/env", "/etc/lupus-companion/env.%i"]
    assert "%i" in one(unit, "Unit", "Description")
    assert "postgresql.service" in one(unit, "Unit", "After")

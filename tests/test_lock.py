"""The lock is what runs: installed versions are the locked ones, and the lock fits pyproject's ranges."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[1]
_PIN = re.compile(
    r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;]+)(?:\s*;\s*(?P<marker>[^\\]+))?"
)


def _locked(path: Path) -> dict[str, str]:
    """name -> version of every pin in a uv-exported requirements file that applies to this Python."""
    pins: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _PIN.match(line)
        if match is None:
            continue
        marker = match["marker"]
        if marker and not Marker(marker.strip()).evaluate():
            continue
        pins[canonicalize_name(match["name"])] = match["version"]
    return pins


def _declared() -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [Requirement(r) for r in [*project["dependencies"], *project["optional-dependencies"]["test"]]]


def test_every_lock_line_is_hashed() -> None:
    for name in ("run.txt", "test.txt"):
        text = (REPO / "requirements" / name).read_text(encoding="utf-8")
        # One block per requirement: its pin line, then its hashes and "# via" comments.
        blocks = [b for b in re.split(r"\n(?=[A-Za-z0-9])", text) if _PIN.match(b)]
        assert len(blocks) > 10
        for block in blocks:
            assert "--hash=sha256:" in block, f"{name}: {block.splitlines()[0]} has no hash"


def test_installed_versions_are_the_locked_ones() -> None:
    locked = _locked(REPO / "requirements" / "test.txt")
    assert locked, "the lock is empty"
    wrong = {
        name: (version, metadata.version(name))
        for name, version in locked.items()
        if metadata.version(name) != version
    }
    assert wrong == {}, f"installed versions differ from the lock (locked, installed): {wrong}"


def test_runtime_lock_agrees_with_the_test_lock() -> None:
    run, test = _locked(REPO / "requirements" / "run.txt"), _locked(REPO / "requirements" / "test.txt")
    assert {name: test.get(name) for name in run} == run


@pytest.mark.parametrize("requirement", _declared(), ids=str)
def test_lock_is_inside_pyproject_ranges(requirement: Requirement) -> None:
    locked = _locked(REPO / "requirements" / "test.txt")
    version = locked.get(canonicalize_name(requirement.name))
    assert version is not None, f"{requirement.name} is declared but not locked: run `make lock`"
    assert requirement.specifier.contains(version, prereleases=True), (
        f"{requirement.name}=={version} is outside {requirement.specifier}: run `make lock`"
    )

"""Shared pytest fixtures and hooks."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.storage.db import Database
from tests.crisis_corpus import CRISIS_FIGURES


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    """A fresh database (every migration applied) in the test's own folder, closed afterwards."""
    database = await Database.open(tmp_path / "bot.sqlite3")
    try:
        yield database
    finally:
        await database.close()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    """Print the crisis detector's corpus figures when the corpus test ran."""
    figures = config.stash.get(CRISIS_FIGURES, None)
    if figures is None:
        return
    everything, held_out, second = figures
    terminalreporter.write_sep("-", "crisis screening")
    terminalreporter.write_line(
        f"crisis screen: {everything.line()} (held-out: {held_out.line()}; "
        f"second held-out: {second.line()}); concern and language "
        f"exact {everything.concern_accuracy:.1%}; mean {everything.mean_us:.0f} µs/message"
    )

"""Shared pytest hooks."""

from __future__ import annotations

import pytest

from tests.crisis_corpus import CRISIS_FIGURES


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

"""The content CI guard: the real ``content/`` tree must load with zero errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content.loader import load_library

CONTENT = Path(__file__).resolve().parent.parent / "content"


def test_shipped_content_has_no_errors() -> None:
    if not any(CONTENT.glob("**/*.yaml")):
        pytest.skip("content/ has no YAML files yet")
    result = load_library(CONTENT)
    assert [str(e) for e in result.errors] == []
    assert result.library is not None
    assert result.library.counts()["articles"] >= 1

"""Article overviews and search pages are rendered once per library snapshot and reused."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content.library import Library
from bot.content.loader import load_library
from bot.ui import reading

CONTENT = Path(__file__).resolve().parents[1] / "content"


def test_overview_is_rendered_once_per_snapshot(library: Library) -> None:
    article = next(iter(library.articles.values()))
    first = reading.article_overview(library, article, shareable=True)
    again = reading.article_overview(library, article, shareable=True)
    assert first is not again and first.embeds[0] is again.embeds[0] and first.view is again.view
    private = reading.article_overview(library, article, shareable=False)
    assert private.view is not first.view  # no Share button: another entry
    labels = [getattr(i, "label", None) for i in private.view.children] if private.view else []
    assert "Share in channel" not in labels
    fresh = load_library(CONTENT).library  # a reload: a new snapshot renders again
    assert fresh is not None
    assert (
        reading.article_overview(fresh, fresh.articles[article.id], shareable=True).embeds[0]
        is not (first.embeds[0])
    )


def test_search_pages_are_kept_per_query(library: Library) -> None:
    first = reading.search_page(library, "tired")
    again = reading.search_page(library, "tired")
    assert first.embeds[0] is again.embeds[0] and first.embeds is not again.embeds
    assert first.embeds[0].title == "Search: tired"
    other = reading.search_page(library, "kidney tests")
    assert other.embeds[0] is not first.embeds[0]


def test_a_search_not_remembered_is_not_kept(library: Library) -> None:
    one = reading.search_page(library, "a query kept nowhere", remember=False)
    two = reading.search_page(library, "a query kept nowhere", remember=False)
    assert one.content == two.content and "a query kept nowhere" not in reading._SEARCHES[library]


def test_search_pages_kept_are_bounded(library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "SEARCHES_KEPT", 3)
    for n in range(6):
        reading.search_page(library, f"pain {n}")
    assert len(reading._SEARCHES[library]) <= 3

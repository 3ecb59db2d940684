"""Picking a time zone from what people type into autocomplete."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from bot.reminders.schedule import POPULAR_ZONES, timezone_choices


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("london", "Europe/London"),
        ("London", "Europe/London"),
        ("new york", "America/New_York"),
        ("new_york", "America/New_York"),
        ("eastern", "America/New_York"),
        ("pacific", "America/Los_Angeles"),
        ("uk", "Europe/London"),
        ("india", "Asia/Kolkata"),
        ("europe/par", "Europe/Paris"),
        ("syd", "Australia/Sydney"),
        ("Asia/Tokyo", "Asia/Tokyo"),
        ("US/Eastern", "US/Eastern"),  # a legacy name typed exactly still works
        ("utc", "UTC"),
    ],
)
def test_the_obvious_answer_comes_first(query: str, first: str) -> None:
    assert timezone_choices(query)[0] == first


@pytest.mark.parametrize(("query", "expected"), [("londn", "Europe/London"), ("tokio", "Asia/Tokyo")])
def test_typos_still_find_the_zone(query: str, expected: str) -> None:
    assert expected in timezone_choices(query)[:5]


def test_an_empty_query_offers_common_zones() -> None:
    assert timezone_choices("") == list(POPULAR_ZONES[:25])
    assert timezone_choices("   ", limit=3) == list(POPULAR_ZONES[:3])


def test_results_are_real_unique_zones_within_the_limit() -> None:
    for query in ("a", "america", "an", "europe", "san", "x"):
        choices = timezone_choices(query)
        assert len(choices) <= 25 and len(set(choices)) == len(choices)
        for name in choices:
            ZoneInfo(name)
    assert len(timezone_choices("america", limit=5)) == 5


def test_nonsense_finds_nothing_and_odd_input_is_harmless() -> None:
    assert timezone_choices("qqqzzzxx") == []
    assert isinstance(timezone_choices("\u202e" + "ⓛⓞⓝⓓⓞⓝ" * 1000), list)
    assert all(
        not name.startswith(("posix", "right", "Etc/")) and name not in ("localtime", "Factory")
        for name in timezone_choices("e", limit=1000)
    )

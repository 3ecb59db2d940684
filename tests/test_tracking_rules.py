"""Pure tracking rules: the card's state in custom_ids, "Is this a flare?", and honest patterns."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.custom_ids.tracking import SymptomMenu
from bot.tracking.card import CardState
from bot.tracking.flares import should_ask, streak_above_usual
from bot.tracking.patterns import MAX_LINES, find_patterns

MEASURES = ("pain", "fatigue", "stiffness", "sleep", "mood")
TODAY = date(2026, 6, 30)
NOW = datetime(2026, 6, 30, 20, 0, tzinfo=UTC)


@given(
    measures=st.dictionaries(st.sampled_from(MEASURES), st.integers(0, 10)),
    symptoms=st.dictionaries(st.integers(1, 36**6 - 1), st.integers(0, 3), max_size=10),
)
def test_the_card_state_round_trips_and_fits_a_custom_id(
    measures: dict[str, int], symptoms: dict[int, int]
) -> None:
    state = CardState(measures, symptoms)
    encoded = state.encode()
    assert CardState.decode(*encoded) == state
    menu = SymptomMenu("zzzzzz", *encoded)
    assert SymptomMenu.parse(menu.custom_id()) == menu and menu.state == state


@pytest.mark.parametrize(
    "measures, symptoms", [("abc", "_"), ("-----", "x9"), ("-----", "15"), ("zzzzz", "_")]
)
def test_a_tampered_card_state_is_refused(measures: str, symptoms: str) -> None:
    with pytest.raises(ValueError):
        CardState.decode(measures, symptoms)


def days(values: list[float], measure: str = "pain") -> dict[date, dict[str, float | None]]:
    """``values`` for the days ending today, oldest first."""
    start = TODAY - timedelta(days=len(values) - 1)
    return {start + timedelta(days=n): {measure: v} for n, v in enumerate(values)}


def test_three_days_well_above_usual_ask_about_a_flare() -> None:
    usual = [3.0] * 20
    assert streak_above_usual(days([*usual, 6, 6, 5]), TODAY)
    assert not streak_above_usual(days([*usual, 6, 4, 6]), TODAY)  # not three in a row
    assert not streak_above_usual(days([*usual, 6, 6]), TODAY + timedelta(days=1))  # today missing
    assert not streak_above_usual(days([3, 3, 3, 6, 6, 6]), TODAY)  # too little history for a usual
    assert streak_above_usual(days([*usual, 8, 8, 8], "stiffness"), TODAY)


def test_the_flare_question_comes_at_most_once_a_week_and_not_during_a_flare() -> None:
    history = days([*([2.0] * 20), 7, 7, 7])
    assert should_ask(history, TODAY, now=NOW, last_asked=None, flare_open=False)
    assert not should_ask(history, TODAY, now=NOW, last_asked=NOW - timedelta(days=6), flare_open=False)
    assert should_ask(history, TODAY, now=NOW, last_asked=NOW - timedelta(days=7), flare_open=False)
    assert not should_ask(history, TODAY, now=NOW, last_asked=None, flare_open=True)


def test_patterns_need_three_days_each_side_and_are_observations() -> None:
    history = {}
    for n in range(6):
        poor = n < 3
        history[TODAY - timedelta(days=n)] = {"sleep": 2.0 if poor else 8.0, "pain": 6.0 if poor else 4.0}
    [pattern] = find_patterns(history)
    assert pattern.text.startswith("On days with poor sleep, pain averaged 6.0 (other days 4.0")
    assert "because" not in pattern.text and "cause" not in pattern.text
    del history[TODAY]  # now only two poor-sleep days
    assert find_patterns(history) == []


def test_at_most_three_patterns() -> None:
    history = {}
    for n in range(10):
        bad = n % 2 == 0
        history[TODAY - timedelta(days=n)] = {
            "sleep": 2.0 if bad else 9.0,
            "fatigue": 9.0 if bad else 2.0,
            "stiffness": 8.0 if bad else 1.0,
            "mood": 2.0 if bad else 8.0,
            "pain": 8.0 if bad else 2.0,
        }
    assert len(find_patterns(history)) == MAX_LINES

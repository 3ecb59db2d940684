"""The crisis screen's learned model: the shipped weights are what training gives today, and the
plain-Python scorer the bot runs computes exactly what scikit-learn computes."""

from __future__ import annotations

import pytest

from bot.crisis import screen
from bot.crisis.model import load_model
from tests.crisis_corpus import load_corpus
from tests.crisis_corpus.train_model import THRESHOLD, model_text, train


@pytest.fixture(scope="module")
def trained() -> object:
    return train()


def test_the_shipped_model_is_the_one_training_gives(trained: object) -> None:
    """Edit a tuning split and forget to retrain, and this fails: run
    ``python -m tests.crisis_corpus.train_model`` and commit bot/crisis/model.json."""
    model = load_model()
    assert model is not None and model.threshold == THRESHOLD
    texts = [model_text(e.text) for e in load_corpus()]
    expected = trained.predict_proba(texts)[:, 1]  # type: ignore[attr-defined]
    worst = max(abs(model.probability(t) - p) for t, p in zip(texts, expected, strict=True))
    assert worst < 1e-4, f"bot/crisis/model.json is stale (max difference {worst:.6f}): retrain it"


@pytest.mark.parametrize(
    "text",
    [
        # from messages written outside the corpus, which the rules alone missed
        "i know exactly how i'd do it",
        "there's a gun in the house and i keep thinking about it",
    ],
)
def test_the_model_hears_wordings_the_rules_do_not_know(text: str) -> None:
    model = load_model()
    assert model is not None and model.flags(model_text(text))
    assert screen(text).is_crisis


@pytest.mark.parametrize(
    "text",
    [
        "I don't want to die",
        "i fell and hurt myself",
        "I want to stretch",
        "i want to learn about kidney tests",
    ],
)
def test_the_model_never_overrules_the_rules_guards_or_everyday_wishes(text: str) -> None:
    assert not screen(text).is_crisis

"""What a plain DM most likely wants, on typical messages, with the shipped content."""

from __future__ import annotations

import pytest

from bot.content.library import Library
from bot.dm_intent import MAX_SUGGESTIONS, Intent, understand


@pytest.mark.parametrize(
    "text",
    ["thanks", "Thanks!", "thank you", "Thank you so much 💛", "ty", "thx", "ok thanks", "cheers"],
)
def test_thanks_is_only_thanks(library: Library, text: str) -> None:
    assert understand(text, library).intent is Intent.THANKS


@pytest.mark.parametrize("text", ["ok", "okay", "cool", "got it", "yes", "no"])
def test_a_plain_ok_gets_a_plain_answer(library: Library, text: str) -> None:
    assert understand(text, library).intent is Intent.OKAY


@pytest.mark.parametrize("text", ["hi", "Hi!", "hello", "hello there", "hey", "good morning", "Hiya :)"])
def test_greetings(library: Library, text: str) -> None:
    assert understand(text, library).intent is Intent.GREETING


@pytest.mark.parametrize("text", ["help", "menu", "?", "what can you do", "help please", "   "])
def test_asking_for_the_menu(library: Library, text: str) -> None:
    assert understand(text, library).intent is Intent.MENU


def opened(text: str, library: Library) -> list[str]:
    found = understand(text, library)
    assert found.intent is Intent.SUGGEST, text
    assert 1 <= len(found.suggestions) <= MAX_SUGGESTIONS
    return [f"{s.kind}:{s.target}" for s in found.suggestions]


def test_my_back_hurts_offers_the_back_pain_article_and_a_back_routine(library: Library) -> None:
    refs = opened("my back hurts", library)
    assert refs[0].startswith("article:lower-back-pain")
    assert "routine:gentle-floor-back" in refs[:2]  # the routine named for the lower back comes first


def test_cant_afford_meds_offers_help_with_medicine_costs(library: Library) -> None:
    refs = opened("I can't afford my meds", library)
    assert any(r.startswith("resources:health-costs") for r in refs)
    assert any(r.startswith("article:affording-care") for r in refs)
    labels = [s.label for s in understand("I can't afford my meds", library).suggestions]
    assert any("medicine costs" in label for label in labels)
    assert "resources:health-costs#2" in refs  # the group "Help paying for medicines (US)"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tired all the time", "article:pacing-and-fatigue|article:fatigue-and-brain-fog"),
        ("I am so tired", "article:pacing-and-fatigue|article:fatigue-and-brain-fog"),
        ("depressed", "article:emotional-health"),
        ("I feel lonely", "article:emotional-health"),
        ("my joints are stiff in the morning", "routine:bed-morning"),
        ("SSDI", "article:disability-claim"),
        ("kidney tests", "article:kidneys-and-nephritis"),
        ("brain fog", "article:fatigue-and-brain-fog"),
        ("pregnant", "article:pregnancy-and-planning"),
        ("I need a lawyer for my disability claim", "article:disability-claim"),
    ],
)
def test_typical_messages_lead_to_the_right_place_first(library: Library, text: str, expected: str) -> None:
    refs = opened(text, library)
    assert refs[0].split("#")[0] in expected.split("|"), refs


def test_one_button_per_article_routine_or_topic_and_the_kinds_mixed(library: Library) -> None:
    for text in ("my back hurts", "I can't afford my meds", "depressed", "SSDI", "my hips hurt"):
        refs = opened(text, library)
        keys = [r.split("#")[0] for r in refs]
        assert len(keys) == len(set(keys)), refs


def test_a_resource_opens_at_its_group_and_every_label_fits_a_button(library: Library) -> None:
    for text in ("I can't afford my meds", "SSDI", "depressed", "my joints are stiff in the morning"):
        for s in understand(text, library).suggestions:
            assert len(s.label) <= 80
            if s.kind == "resources":
                topic, _, group = s.target.partition("#")
                assert topic in library.topics and group.isdigit()
                assert int(group) < len(library.topics[topic].groups)


@pytest.mark.parametrize("text", ["what is lupus", "asdfgh qwerty", "ok", "🙂"])
def test_words_that_match_nothing_useful_get_no_buttons(library: Library, text: str) -> None:
    found = understand(text, library)
    assert found.intent in (Intent.UNKNOWN, Intent.OKAY) and found.suggestions == ()

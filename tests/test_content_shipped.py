"""The content CI guard: the real ``content/`` tree must load with zero errors, read at grade 8
or below, and every article must be reachable from the library, from search and from another
article."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest

from bot.content.library import Library
from bot.content.loader import load_library
from bot.content.models import Ref
from tests.readability import fk_grade

CONTENT = Path(__file__).resolve().parent.parent / "content"
MAX_GRADE = 8.0
NEW_ARTICLES = (
    "flares",
    "fatigue-and-brain-fog",
    "medicines",
    "kidneys-and-nephritis",
    "heart-lungs-and-clots",
    "sun-and-skin",
    "pregnancy-and-planning",
    "emotional-health",
    "disability-claim",
    "affording-care",
)


@functools.cache
def shipped() -> Library:
    result = load_library(CONTENT)
    assert [str(e) for e in result.errors] == []
    assert result.library is not None
    return result.library


def test_shipped_content_has_no_errors() -> None:
    assert any(CONTENT.glob("**/*.yaml")), f"no YAML files under {CONTENT}"
    assert shipped().counts()["articles"] >= 1


def sections() -> list[tuple[str, str]]:
    return [(a.id, s.id) for a in shipped().articles.values() for s in a.sections]


@pytest.mark.parametrize(("article_id", "section_id"), sections())
def test_every_article_section_reads_at_grade_8_or_below(article_id: str, section_id: str) -> None:
    section = shipped().articles[article_id].section(section_id)
    assert section is not None
    grade = fk_grade(section.body)
    assert grade <= MAX_GRADE, (
        f"{article_id}#{section_id} reads at grade {grade:.1f}; use shorter words and sentences"
    )


SCREEN_CHARS = 1200
"""What a phone shows without scrolling far: a section's title, body and see-also list."""


@pytest.mark.parametrize(("article_id", "section_id"), sections())
def test_every_article_section_fits_one_phone_screen(article_id: str, section_id: str) -> None:
    from bot.content import render_text

    library = shipped()
    article = library.articles[article_id]
    [index] = [i for i, s in enumerate(article.sections) if s.id == section_id]
    section = article.sections[index]
    labels = [render_text.ref_label(t) for t in map(library.resolve, section.see_also) if t is not None]
    embed = render_text.section_embed(article, index, labels)
    shown = len(embed.title or "") + len(embed.description or "") + sum(len(v) for _, v in embed.fields)
    assert shown <= SCREEN_CHARS, f"{article_id}#{section_id} shows {shown} characters; split or shorten it"


def test_the_grade_is_measured_on_words_not_markdown() -> None:
    simple = "The sun can hurt your skin. Wear a hat. Sit in the shade."
    assert fk_grade(simple) < 3
    hard = (
        "Immunosuppressive medications substantially increase susceptibility to opportunistic "
        "infections, necessitating comprehensive vaccination evaluation beforehand."
    )
    assert fk_grade(hard) > 12
    assert fk_grade("**The** [sun](https://example.org/a-very-long-complicated-address) can *hurt*.") == (
        fk_grade("The sun can hurt.")
    )


def test_the_new_articles_are_shipped() -> None:
    assert set(NEW_ARTICLES) <= set(shipped().articles)


@pytest.mark.parametrize("article_id", NEW_ARTICLES)
def test_each_new_article_is_reachable_from_another_articles_see_also(article_id: str) -> None:
    linked_from = {
        a.id
        for a in shipped().articles.values()
        for s in a.sections
        for ref in s.see_also
        if (parsed := Ref.parse(ref)) is not None and parsed.kind == "article" and parsed.id == article_id
    }
    assert linked_from - {article_id}, f"no other article links to {article_id}"


@pytest.mark.parametrize("article_id", NEW_ARTICLES)
def test_each_new_article_is_found_by_searching_its_title(article_id: str) -> None:
    article = shipped().articles[article_id]
    refs = [hit.ref for hit in shipped().search(article.title, limit=5)]
    assert refs and refs[0].startswith(f"article:{article_id}"), refs


def select_values(view: Any) -> dict[str, list[str]]:
    """custom_id → option values of every select menu in a view."""
    found: dict[str, list[str]] = {}
    for row in view.to_components():
        for component in row["components"]:
            if "options" in component:
                found[component["custom_id"]] = [option["value"] for option in component["options"]]
    return found


def test_the_library_lists_and_opens_every_article() -> None:
    from bot import limits
    from bot.ui.reading import library_page

    reply = library_page(shipped())
    [embed] = reply.embeds
    listing = next(field.value for field in embed.fields if field.name.startswith("📖"))
    assert len(listing) <= limits.EMBED_FIELD_VALUE
    assert len(embed) <= limits.EMBED_TOTAL
    opened = next(values for custom_id, values in select_values(reply.view).items() if "article" in custom_id)
    for article in shipped().articles.values():
        assert f"**{article.title}**" in listing
        assert article.id in opened


@pytest.mark.parametrize(
    ("query", "article_id"),
    [
        ("depressed", "emotional-health"),
        ("can't afford my rheumatologist", "affording-care"),
        ("SSDI", "disability-claim"),
        ("prednisone", "medicines"),
        ("pregnant", "pregnancy-and-planning"),
        ("flare", "flares"),
        ("sun", "sun-and-skin"),
        ("tired", "fatigue-and-brain-fog"),
        ("foamy pee", "kidneys-and-nephritis"),
        ("blood clot", "heart-lungs-and-clots"),
    ],
)
def test_members_words_find_the_article_about_them(query: str, article_id: str) -> None:
    refs = [hit.ref for hit in shipped().search(query, limit=5)]
    assert any(ref.startswith(f"article:{article_id}") for ref in refs[:3]), refs


@pytest.mark.parametrize(
    ("query", "article_id"),
    [("depressed", "emotional-health"), ("prednisone", "medicines"), ("ssdi", "disability-claim")],
)
def test_members_words_find_the_article_in_autocomplete(query: str, article_id: str) -> None:
    assert article_id in [choice.value for choice in shipped().autocomplete("article", query)]


def test_routine_choices_offer_stretches_not_the_grounding_exercise() -> None:
    """/stretch and /remind set offer stretching routines; grounding is one tap from the crisis card."""
    library = load_library(CONTENT).library
    assert library is not None
    offered = {c.value for c in library.autocomplete("routine", "")}
    grounding = {r.id for r in library.routines.values() if r.kind == "grounding"}
    assert grounding and not offered & grounding
    assert offered == {r.id for r in library.routines.values() if r.kind == "stretch"}

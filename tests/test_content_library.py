"""The Library snapshot: lookups, autocomplete a member can type badly into, and search."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.content.library import Library
from bot.content.loader import load_library
from bot.content.models import Article, Ref, ResourceTopic, Routine, Section, Source

VALID = Path(__file__).parent / "fixtures" / "content" / "valid"


@functools.cache
def valid_library() -> Library:
    result = load_library(VALID)
    assert result.library is not None, result.errors
    return result.library


@pytest.fixture
def library() -> Library:
    return valid_library()


def synthetic_library(base: Library, articles: int, sections_each: int = 1) -> Library:
    """The fixture library plus many generated articles, for size and ranking tests."""
    words = ["kidney", "fatigue", "sleep", "joint", "skin", "heart", "lung", "brain", "blood", "bone"]
    generated = {}
    for n in range(articles):
        topic = words[n % len(words)]
        article_id = f"gen-{n:04d}-{topic}"
        generated[article_id] = Article(
            id=article_id,
            title=f"Generated {topic} article number {n}",
            summary="Synthetic content for tests.",
            reviewed=dt.date(2026, 1, 1),
            sources=(Source(title="Test", url="https://example.org/"),),
            sections=tuple(
                Section(
                    id=f"s{k}", title=f"{topic.title()} part {k}", body=f"About {topic} and lupus, part {k}."
                )
                for k in range(sections_each)
            ),
        )
    return Library.build(
        {**base.articles, **generated}, base.routines, base.topics, base.safety, version="synthetic"
    )


# --- the snapshot ---------------------------------------------------------------------------------


def test_library_cannot_be_changed(library: Library) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        library.version = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        library.articles["new"] = library.articles["kidney-care"]  # type: ignore[index]
    with pytest.raises(ValueError, match="frozen"):
        library.articles["kidney-care"].title = "changed"  # type: ignore[misc]


def test_resolve_every_kind_of_reference(library: Library) -> None:
    assert isinstance(library.resolve("article:kidney-care"), Article)
    target = library.resolve("article:back-basics#kidney-tests")
    assert isinstance(target, tuple) and target[1].id == "kidney-tests"
    assert isinstance(library.resolve("routine:chair-stretch"), Routine)
    assert isinstance(library.resolve("resources:crisis"), ResourceTopic)
    assert isinstance(library.resolve(Ref("routine", "floor-stretch")), Routine)
    for missing in ("article:nope", "article:kidney-care#nope", "routine:nope", "resources:nope", "junk", ""):
        assert library.resolve(missing) is None


def test_routine_helpers(library: Library) -> None:
    chair = library.routines["chair-stretch"]
    assert chair.steps[0].sides_list() == [None]
    assert chair.steps[1].sides_list() == ["left", "right"]
    # shoulder rolls: movement, no timers; seated twist: 2 sides x 2 reps x (15 hold + 10 rest)
    assert chair.total_seconds() == 2 * 2 * (15 + 10)


# --- autocomplete ---------------------------------------------------------------------------------


def names(choices: list) -> list[str]:  # type: ignore[type-arg]
    return [c.name for c in choices]


def test_empty_query_lists_articles_alphabetically(library: Library) -> None:
    assert names(library.autocomplete("article", "")) == [
        "Looking after your kidneys",
        "Lupus and lower back pain",
    ]


def test_sections_keep_reading_order_for_an_empty_query(library: Library) -> None:
    choices = library.autocomplete("section", "", article_id="back-basics")
    assert [c.value for c in choices] == ["why-it-hurts", "kidney-tests", "self-care"]


def test_sections_of_every_article_when_none_is_chosen(library: Library) -> None:
    choices = library.autocomplete("section", "warning")
    assert [c.value for c in choices] == ["kidney-care#warning-signs"]
    unknown = library.autocomplete("section", "habits", article_id="not-an-article")
    assert [c.value for c in unknown] == ["kidney-care#habits"]


@pytest.mark.parametrize(
    ("kind", "typed", "expected_value"),
    [
        ("article", "lookng aftr", "kidney-care"),  # typos
        ("article", "LUPUS", "back-basics"),  # case
        ("article", "nephritis", "back-basics"),  # alias
        ("article", "back-basics", "back-basics"),  # the id itself
        ("article", "lupis bak", "back-basics"),  # two typos
        ("routine", "flor", "floor-stretch"),
        ("routine", "chair", "chair-stretch"),
        ("topic", "mony", "money-help"),
        ("topic", "crisis", "crisis"),
        ("region", "uk", "GB"),
        ("region", "everywhere", "INTL"),
        ("region", "norway", "NO"),
        ("region", "nothing like a region", None),
    ],
)
def test_autocomplete_tolerates_typos(
    library: Library, kind: str, typed: str, expected_value: str | None
) -> None:
    choices = library.autocomplete(kind, typed)  # type: ignore[arg-type]
    if expected_value is None:
        assert choices == []
    else:
        assert choices and choices[0].value == expected_value


def test_prefix_matches_rank_before_fuzzy_and_inner_matches() -> None:
    base = valid_library()
    big = synthetic_library(base, 300)
    top = big.autocomplete("article", "generated kidney article number 10")
    # the exact title, then the title it prefixes, then titles holding every word somewhere
    assert [c.value for c in top[:3]] == ["gen-0010-kidney", "gen-0100-kidney", "gen-0110-kidney"]
    assert all(c.value.endswith("kidney") for c in top)


def test_at_most_25_choices_and_names_fit_discord() -> None:
    base = valid_library()
    big = synthetic_library(base, 1000)
    for query in ("", "g", "generated", "kidney", "xqzv", "a" * 500):
        choices = big.autocomplete("article", query)
        assert len(choices) <= 25
        assert all(len(c.name) <= 100 and len(c.value) <= 100 for c in choices)
    assert len(big.autocomplete("article", "generated", limit=3)) == 3
    assert len(big.autocomplete("article", "generated", limit=500)) == 25


def test_long_titles_are_clipped_to_100_characters_with_the_routine_details_kept(library: Library) -> None:
    routine = library.routines["floor-stretch"]
    long = routine.model_copy(update={"title": "Stretch " * 40})
    lib = Library.build(
        library.articles, {"floor-stretch": long}, library.topics, library.safety, version="x"
    )
    [choice] = lib.autocomplete("routine", "")
    assert len(choice.name) <= 100
    assert choice.name.endswith(" · 10 min · easy")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_autocomplete_never_raises_on_any_text(query: str) -> None:
    lib = valid_library()
    for kind in ("article", "section", "routine", "topic", "region"):
        assert len(lib.autocomplete(kind, query)) <= 25  # type: ignore[arg-type]


# --- search ---------------------------------------------------------------------------------------


def test_search_ranks_the_section_that_is_about_it_first(library: Library) -> None:
    hits = library.search("kidney tests")
    assert hits[0].ref == "article:back-basics#kidney-tests"
    assert hits[0].kind == "article" and hits[0].section_id == "kidney-tests"
    assert "**" in hits[0].snippet
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_title_matches_outrank_body_matches(library: Library) -> None:
    hits = library.search("habits")
    assert hits[0].ref == "article:kidney-care#habits"


def test_search_finds_routines_and_resources(library: Library) -> None:
    assert library.search("shoulder rolls")[0].ref == "routine:chair-stretch"
    hit = library.search("samaritans")[0]
    assert (hit.kind, hit.ref) == ("resource", "resources:crisis#1")
    assert "Samaritans" in hit.title


def test_search_stems_and_ignores_small_words(library: Library) -> None:
    assert library.search("how do I stretch my knees")[0].ref == "routine:floor-stretch"


def test_search_survives_typos(library: Library) -> None:
    refs = [h.ref for h in library.search("nefritis")]
    assert "article:back-basics" in refs
    assert library.search("samaritns")[0].title.startswith("Samaritans")


def test_aliases_find_the_article_itself(library: Library) -> None:
    assert library.search("backache")[0].ref == "article:back-basics"


def test_snippets_are_plain_text_without_links(library: Library) -> None:
    hit = library.search("NIDDK")[0]
    assert "](" not in hit.snippet and "https://" not in hit.snippet


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "'",
        'kidney"',
        "AND",
        "OR NOT",
        "NEAR(a b)",
        "*",
        "-kidney",
        "kid*ney",
        "col:kidney",
        "^",
        "()",
        "\x00",
        "😀" * 50,
        "x" * 6000,
        "\u202e\u200b",
        "ǩîðñéÿ",
        "  ",
        "",
        "__",
        "a_b",
        "1 2 3",
    ],
)
def test_weird_queries_never_raise(library: Library, query: str) -> None:
    hits = library.search(query)
    assert isinstance(hits, list) and len(hits) <= 10


def test_diacritics_are_ignored(library: Library) -> None:
    assert library.search("kídnéy")[0].ref == library.search("kidney")[0].ref


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_search_never_raises_on_any_text(query: str) -> None:
    assert len(valid_library().search(query)) <= 10


def test_search_can_be_read_from_other_threads(library: Library) -> None:
    failures: list[BaseException] = []

    def reader() -> None:
        try:
            for _ in range(50):
                assert library.search("kidney")
        except BaseException as exc:  # pragma: no cover - only on failure
            failures.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []


def test_search_over_many_sections_returns_the_limit() -> None:
    base = valid_library()
    big = synthetic_library(base, 500, sections_each=10)
    hits = big.search("kidney lupus", limit=10)
    assert len(hits) == 10
    assert all("kidney" in h.snippet.lower() or "kidney" in h.title.lower() for h in hits)


def test_region_code_understands_names_and_common_words() -> None:
    from bot.content.loader import load_library

    library = load_library(Path(__file__).resolve().parents[1] / "content").library
    assert library is not None
    assert library.region_code("UK") == "GB" and library.region_code(" england ") == "GB"
    assert library.region_code("us") == "US" and library.region_code("Canada") == "CA"
    assert library.region_code("xx") == "XX"

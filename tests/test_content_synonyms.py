"""The search synonyms list: checked like any content file, and used by search and autocomplete."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.content.loader import load_library
from bot.content.search import Term, expand, fts_query, synonym_table

VALID = Path(__file__).parent / "fixtures" / "content" / "valid"

GOOD = """\
synonyms:
  - words: [pee, wee, foamy pee]
    means: [urine]
  - words: [backache, sore back]
    means: [back pain, lower back]
"""


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return Path(shutil.copytree(VALID, tmp_path / "content"))


def problems(tree: Path, text: str) -> list[tuple[int, int, str]]:
    (tree / "synonyms.yaml").write_text(text)
    return [(e.line, e.col, e.message) for e in load_library(tree).errors]


def test_the_file_is_optional(tree: Path) -> None:
    library = load_library(tree).library
    assert library is not None and dict(library.synonyms) == {}


def test_a_good_list_loads_and_search_uses_it(tree: Path) -> None:
    assert problems(tree, GOOD) == []
    library = load_library(tree).library
    assert library is not None
    assert library.synonyms["pee"] == ("urine",)
    assert library.search("pee"), "a word the content never uses finds the text about it"
    assert library.search("pee")[0].ref == library.search("urine")[0].ref
    without = load_library(VALID).library
    assert without is not None and without.search("wee") == []


def test_autocomplete_knows_members_words(tree: Path) -> None:
    problems(
        tree,
        GOOD.replace("means: [back pain, lower back]", "means: [backache]").replace(
            "words: [backache, sore back]", "words: [sore back]"
        ),
    )
    library = load_library(tree).library
    assert library is not None
    assert [c.value for c in library.autocomplete("article", "sore back")] == ["back-basics"]


def test_words_must_be_lower_case_and_the_error_says_where(tree: Path) -> None:
    [(line, col, message)] = problems(tree, GOOD.replace("[pee, wee", "[pee, Wee"))
    assert (line, col) == (2, 18)
    assert "lower-case" in message and "write 'wee'" in message


def test_a_word_pointing_at_itself_is_refused(tree: Path) -> None:
    [(line, col, message)] = problems(tree, GOOD.replace("means: [urine]", "means: [urine, pee]"))
    assert (line, col) == (3, 20)
    assert "point at itself" in message


def test_every_target_must_occur_in_the_content(tree: Path) -> None:
    [(line, col, message)] = problems(tree, GOOD.replace("means: [urine]", "means: [urine, unicorns]"))
    assert (line, col) == (3, 20)
    assert "'unicorns' appears in no article, routine or resource" in message


def test_repeats_in_a_group_are_refused(tree: Path) -> None:
    [(line, _, message)] = problems(tree, GOOD.replace("[pee, wee,", "[pee, pee,"))
    assert line == 2 and "listed twice" in message


@pytest.mark.parametrize(
    "text",
    [
        "synonyms: []\n",
        "synonyms:\n  - words: []\n    means: [urine]\n",
        "synonyms:\n  - words: [pee]\n",
        "synonyms:\n  - words: [pee!]\n    means: [urine]\n",
        "synonyms:\n  - words: [' pee  wee']\n    means: [urine]\n",
        "synonyms:\n  - words: [pee]\n    means: [urine]\n    extra: 1\n",
        "synonyms:\n  pee: urine\n",
        "- pee\n",
    ],
)
def test_malformed_lists_are_errors_not_crashes(tree: Path, text: str) -> None:
    found = problems(tree, text)
    assert found and all(line >= 1 and col >= 1 for line, col, _ in found)
    assert load_library(tree).library is None


def test_query_terms_become_or_groups() -> None:
    table = synonym_table({"can't afford": ["costs", "financial help"], "meds": ["medicines"]})
    terms = expand(["i", "can", "t", "afford", "my", "meds"], table)
    assert terms == [
        Term(("i",)),
        Term(("can", "t", "afford"), (("costs",), ("financial", "help"))),
        Term(("my",)),
        Term(("meds",), (("medicines",),)),
    ]
    meaningful = [t for t in terms if not t.is_small_word()]
    assert fts_query(meaningful, "AND") == (
        '("can t afford" OR "costs" OR "financial help") AND ("meds"* OR "medicines")'
    )


def test_synonyms_never_break_odd_queries(tree: Path) -> None:
    problems(tree, GOOD)
    library = load_library(tree).library
    assert library is not None
    for query in ['pee"', "pee OR", "NEAR(pee wee)", "pee*", "-pee", "pee " * 300, "foamy", "foamy pee pee"]:
        assert len(library.search(query)) <= 10

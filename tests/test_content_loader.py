"""The loader: every problem in a content tree, each at its file and line, in one pass."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.content import marked_yaml
from bot.content.errors import ContentError
from bot.content.loader import load_library
from bot.content.marked_yaml import parse_yaml

FIXTURES = Path(__file__).parent / "fixtures" / "content"
BROKEN = FIXTURES / "broken"
VALID = FIXTURES / "valid"
SMALL_CAP = 24 * 1024  # so that broken/articles/too-large.yaml (~30 KiB) is over it

# (file relative to the tree, line, a phrase the message at that line must contain)
EXPECTED_BROKEN = [
    ("articles/alias-bomb.yaml", 5, "alias bomb"),
    ("articles/bad-date.yaml", 4, "expected a date"),
    ("articles/bad-slug.yaml", 1, "'Bad_Slug' is not a valid id"),
    ("articles/dangling-article.yaml", 12, "there is no article 'no-such-article'"),
    ("articles/dangling-routine.yaml", 12, "there is no routine 'no-such-routine'"),
    ("articles/dangling-section.yaml", 12, "article 'good' has no section 'missing-section'"),
    ("articles/dup-id-again.yaml", 1, "duplicate article id 'dup-id'"),
    ("articles/dup-id-again.yaml", 1, "does not match the file name"),
    ("articles/dup-id.yaml", 1, "duplicate article id 'dup-id'"),
    ("articles/dup-section.yaml", 12, "duplicate section id 'intro' (first at line 9)"),
    ("articles/duplicate-key.yaml", 3, "duplicate key 'title' (first at line 2)"),
    ("articles/empty-sources.yaml", 5, "sources: is empty"),
    ("articles/empty.yaml", 1, "this file is empty"),
    ("articles/http-source.yaml", 7, "must start with https:// (this one has 'http:')"),
    ("articles/javascript-url.yaml", 7, "this one has 'javascript:'"),
    ("articles/long-body.yaml", 11, "the limit is 16000"),
    ("articles/long-title.yaml", 2, "the limit is 256"),
    ("articles/missing-field.yaml", 1, "missing required key 'summary'"),
    ("articles/multi-doc.yaml", 12, "a second YAML document starts here"),
    ("articles/name-mismatch.yaml", 1, "does not match the file name 'name-mismatch.yaml'"),
    ("articles/non-utf8.yaml", 3, "not valid UTF-8"),
    ("articles/python-tag.yaml", 3, "tag !!python/object/apply:os.system is not allowed"),
    ("articles/syntax-error.yaml", 3, "a second ':' on one line. If the text itself contains ': ', put"),
    ("articles/tab-indent.yaml", 10, "tab character"),
    ("articles/too-large.yaml", 1, "over 24 KiB"),
    ("articles/too-many-sections.yaml", 9, "has 26 entries; the limit is 25"),
    ("articles/top-level-list.yaml", 1, "must be a mapping"),
    ("articles/unclosed-quote.yaml", 2, "never closed"),
    ("articles/unknown-key.yaml", 2, "unknown key 'tittle'; did you mean 'title'?"),
    ("articles/wrong-ext.yml", 1, "rename this to wrong-ext.yaml"),
    ("resources/bad-region.yaml", 11, "'usa' is not a region"),
    ("resources/group-too-big.yaml", 6, "one phone screen holds 1,200"),
    ("resources/no-contact.yaml", 8, "give a url or a phone number"),
    ("resources/phone-number.yaml", 10, 'write the number in quotes so it stays exactly as written: "988"'),
    ("routines/bad-level.yaml", 4, "must be one of 'gentle', 'easy' or 'moderate', got 'hard'"),
    ("routines/bad-position.yaml", 5, "got 'sofa'"),
    ("routines/dup-step.yaml", 22, "duplicate step id 'breathe'"),
    ("routines/negative-hold.yaml", 18, "must be at least 0, got -5"),
    ("routines/wrong-type.yaml", 6, "expected a whole number, got 'ten'"),
    ("safety.yaml", 14, "crisis.reply: is 2,114 characters; the limit is 1800"),
]


def relative(error: ContentError, root: Path) -> str:
    """The error's file relative to ``root``, however the loader chose to display it."""
    marker = root.name + "/"
    return error.path.split(marker, 1)[1] if marker in error.path else error.path


def copy_tree(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


def test_every_broken_file_is_reported_at_its_line_in_one_pass() -> None:
    result = load_library(BROKEN, max_file_bytes=SMALL_CAP)

    assert result.library is None
    found = {(relative(e, BROKEN), e.line) for e in result.errors}
    assert found == {(path, line) for path, line, _ in EXPECTED_BROKEN}
    for path, line, phrase in EXPECTED_BROKEN:
        messages = [e.message for e in result.errors if (relative(e, BROKEN), e.line) == (path, line)]
        assert any(phrase in m for m in messages), (path, line, phrase, messages)


def test_the_broken_tree_has_at_least_25_distinct_broken_files() -> None:
    broken_files = {path for path, _, _ in EXPECTED_BROKEN}
    assert len(broken_files) >= 25


def test_errors_print_as_path_line_col_message() -> None:
    error = ContentError("content/articles/x.yaml", 3, 7, "title: is 300 characters; the limit is 256")
    assert str(error) == "content/articles/x.yaml:3:7: title: is 300 characters; the limit is 256"


def test_every_error_has_a_real_position_and_the_files_are_counted() -> None:
    result = load_library(BROKEN, max_file_bytes=SMALL_CAP)
    assert all(e.line >= 1 and e.col >= 1 for e in result.errors)
    assert result.files == len([p for p in BROKEN.rglob("*") if p.suffix in (".yaml", ".yml")])
    assert result.errors == sorted(result.errors, key=lambda e: (e.path, e.line, e.col, e.message))


def test_the_valid_tree_loads_cleanly() -> None:
    result = load_library(VALID)

    assert result.errors == []
    assert result.library is not None
    assert result.safety == "ok"
    assert result.library.counts() == {
        "articles": 2,
        "sections": 5,
        "routines": 2,
        "steps": 4,
        "topics": 2,
        "items": 5,
    }
    assert result.counts == result.library.counts()


def test_a_region_called_no_is_norway_not_false() -> None:
    library = load_library(VALID).library
    assert library is not None
    nav = library.topics["money-help"].groups[1].items[0]
    assert nav.regions == ("NO",)


def test_version_is_stable_and_changes_with_the_bytes(tmp_path: Path) -> None:
    tree = copy_tree(VALID, tmp_path / "content")
    first = load_library(tree).library
    again = load_library(tree).library
    assert first is not None and again is not None
    assert first.version == again.version and len(first.version) == 12
    int(first.version, 16)

    article = tree / "articles" / "kidney-care.yaml"
    article.write_text(article.read_text() + "# a comment changes the bytes\n")
    changed = load_library(tree).library
    assert changed is not None and changed.version != first.version


def test_missing_safety_file_is_an_error(tmp_path: Path) -> None:
    tree = copy_tree(VALID, tmp_path / "content")
    (tree / "safety.yaml").unlink()
    result = load_library(tree)
    assert result.library is None
    assert result.safety == "missing"
    assert any(
        e.path.endswith("safety.yaml") and "safety.yaml is missing" in e.message for e in result.errors
    )


def test_missing_root_is_one_error_not_an_exception(tmp_path: Path) -> None:
    result = load_library(tmp_path / "nope")
    assert result.library is None
    assert [e.message for e in result.errors] == ["content folder not found"]


def test_a_bom_and_windows_line_endings_are_fine(tmp_path: Path) -> None:
    tree = copy_tree(VALID, tmp_path / "content")
    article = tree / "articles" / "kidney-care.yaml"
    text = article.read_text(encoding="utf-8").replace("\n", "\r\n")
    article.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    result = load_library(tree)
    assert result.errors == []


def test_errors_in_a_nested_mapping_point_at_the_nested_line(tmp_path: Path) -> None:
    tree = copy_tree(VALID, tmp_path / "content")
    routine = tree / "routines" / "chair-stretch.yaml"
    routine.write_text(
        routine.read_text().replace("      alt: A person", "      alt: A person\n      colour: red  # no")
    )
    result = load_library(tree)
    [error] = result.errors
    assert error.line == 32
    assert error.message == "steps[1].image: unknown key 'colour'; allowed keys here: url, alt"


def test_a_reference_to_a_file_with_errors_is_not_also_called_dangling(tmp_path: Path) -> None:
    tree = copy_tree(VALID, tmp_path / "content")
    article = tree / "articles" / "kidney-care.yaml"
    article.write_text(article.read_text().replace("summary:", "sumary:"))
    result = load_library(tree)
    assert [(Path(e.path).name, e.line) for e in result.errors] == [("kidney-care.yaml", 3)]


def test_section_reference_into_an_article_that_failed_is_not_guessed(tmp_path: Path) -> None:
    tree = copy_tree(VALID, tmp_path / "content")
    article = tree / "articles" / "back-basics.yaml"
    article.write_text(article.read_text().replace("reviewed: 2026-11-24", "reviewed: someday"))
    result = load_library(tree)
    assert {Path(e.path).name for e in result.errors} == {"back-basics.yaml"}


def test_a_hidden_or_non_yaml_file_is_ignored(tmp_path: Path) -> None:
    tree = copy_tree(VALID, tmp_path / "content")
    (tree / "articles" / ".draft.yaml").write_text("not: [valid")
    (tree / "articles" / "notes.md").write_text("# notes")
    assert load_library(tree).errors == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: yes\nb: no\nc: on\nd: NO\n", {"a": "yes", "b": "no", "c": "on", "d": "NO"}),
        ("a: true\nb: False\nc: ~\nd:\n", {"a": True, "b": False, "c": None, "d": None}),
        ("a: 1:30\nb: 0o17\nc: 0x1F\nd: 012\ne: 1.5\n", {"a": "1:30", "b": 15, "c": 31, "d": 12, "e": 1.5}),
        (
            "a: 2026-11-24\nb: 2026-13-45\nc: '2026-11-24'\n",
            {"a": __import__("datetime").date(2026, 11, 24), "b": "2026-13-45", "c": "2026-11-24"},
        ),
        ("a: !!str 10\nb: !!int '7'\nc: !!float 2\n", {"a": "10", "b": 7, "c": 2.0}),
        ("a: " + "9" * 5000 + "\n", {"a": "9" * 5000}),
    ],
)
def test_plain_values_follow_yaml_1_2(text: str, expected: dict[str, object]) -> None:
    parsed = parse_yaml(text)
    assert parsed.problems == []
    assert parsed.value == expected


def test_aliases_within_the_budget_are_copied_not_shared() -> None:
    parsed = parse_yaml("a: &src [1, 2]\nb: *src\n")
    assert parsed.problems == []
    assert parsed.value == {"a": [1, 2], "b": [1, 2]}
    assert parsed.value["a"] is not parsed.value["b"]


def test_recursive_alias_is_refused() -> None:
    parsed = parse_yaml("a: &a [1, *a]\n")
    assert parsed.value is None
    assert "has no anchor" in parsed.problems[0].message


_PARSERS = [
    pytest.param(yaml.SafeLoader, id="python-parser"),
    *([pytest.param(yaml.CSafeLoader, id="libyaml-parser")] if hasattr(yaml, "CSafeLoader") else []),
]


@pytest.mark.parametrize("parser", _PARSERS)
@pytest.mark.parametrize(
    ("text", "line", "col"),
    [
        # The 51st level starts at the 51st bracket, whatever the parser's own limit is
        # (libyaml in PyYAML >= 6.0.4 refuses flow nesting past 1,000 levels by itself).
        ("[" * 100_000 + "]" * 100_000, 1, 51),
        # Two mappings (the file's and a's) leave room for 48 braces: the 49th is refused.
        ("a:\n  b: " + "{k: " * 5_000 + "1" + "}" * 5_000, 2, 6 + 4 * 48),
        # Block nesting: the mapping under k49 (line 52, indented 100) would be level 51.
        ("x: 1\n" + "".join("  " * i + f"k{i}:\n" for i in range(60)) + "  " * 60 + "v: 1\n", 52, 101),
    ],
    ids=["flow-100k", "flow-mapping-5k", "block-60"],
)
def test_deep_nesting_is_refused_with_our_message_where_it_starts(
    monkeypatch: pytest.MonkeyPatch, parser: type, text: str, line: int, col: int
) -> None:
    """A content author sees our limit and the place the too-deep value starts, under any parser."""
    monkeypatch.setattr(marked_yaml, "_Parser", parser)
    parsed = parse_yaml(text)
    assert parsed.value is None
    assert [(p.line, p.col, p.message) for p in parsed.problems] == [
        (line, col, f"values are nested more than {marked_yaml.MAX_DEPTH} levels deep here")
    ]


def test_duplicate_keys_are_found_in_nested_mappings() -> None:
    parsed = parse_yaml("a:\n  b: 1\n  c: 2\n  b: 3\n")
    assert [(p.line, p.col) for p in parsed.problems] == [(4, 3)]
    assert parsed.value == {"a": {"b": 1, "c": 2}}


def test_complex_keys_and_unknown_tags_are_problems() -> None:
    parsed = parse_yaml("? [a, b]\n: 1\nc: !custom x\nd: !!binary aGk=\n")
    messages = [p.message for p in parsed.problems]
    assert any("key must be plain text" in m for m in messages)
    assert any("!custom is not allowed" in m for m in messages)
    assert any("!!binary is not allowed" in m for m in messages)


def test_a_nul_byte_is_an_error_not_an_exception() -> None:
    parsed = parse_yaml("a: b\x00c\n")
    assert parsed.value is None
    assert parsed.problems and parsed.problems[0].line >= 1


def test_files_and_folders_that_lead_outside_the_content_folder_are_refused_unread(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(VALID, root)
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = "ghp_" + "S3cr3t" * 6
    (outside / "token.yaml").write_text(f"id: {secret}\ntitle: [\n", encoding="utf-8")
    inside_link = root / "articles" / "alias.yaml"
    first = next((root / "articles").glob("*.yaml"))
    (root / "articles" / "leak.yaml").symlink_to(outside / "token.yaml")
    inside_link.symlink_to(first)  # a symlink that stays inside is an ordinary (duplicate) file
    (root / "resources").rename(tmp_path / "resources-elsewhere")
    (root / "resources").symlink_to(tmp_path / "resources-elsewhere", target_is_directory=True)

    result = load_library(root)

    outside_errors = sorted(
        str(e).split("content/", 1)[-1] for e in result.errors if e.message == "outside the content folder"
    )
    assert outside_errors == [
        "articles/leak.yaml:1:1: outside the content folder",
        "resources:1:1: outside the content folder",
    ]
    assert result.library is None
    assert all(secret[:10] not in str(e) for e in result.errors)
    assert not any("alias.yaml" in str(e) and "outside" in str(e) for e in result.errors)

"""Whatever bytes a moderator saves, the loader answers with errors, never an exception."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.content.errors import ContentError
from bot.content.loader import load_library
from bot.content.marked_yaml import parse_yaml

VALID = Path(__file__).parent / "fixtures" / "content" / "valid"

YAML_ALPHABET = st.sampled_from(
    list(":-?[]{},&*!|>'\"%@`#\t\n\r \\~")
    + list("abcxyz019")
    + ["id", "title", "sections", "---", "...", "\ufeff", "é", "\x00", "\u2028"]
)
yamlish = st.lists(YAML_ALPHABET, max_size=120).map("".join)
fuzz_settings = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _load_with(relative: str, data: bytes) -> list[ContentError]:
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "content"
        shutil.copytree(VALID, tree)
        target = tree / relative
        target.write_bytes(data)
        result = load_library(tree, max_file_bytes=4096)
    assert (result.library is None) == bool(result.errors)
    for error in result.errors:
        assert isinstance(error, ContentError)
        assert error.line >= 1 and error.col >= 1
        assert str(error).startswith(f"{error.path}:{error.line}:{error.col}: ")
    return result.errors


@fuzz_settings
@given(yamlish)
def test_yamlish_text_in_an_article_never_raises(text: str) -> None:
    _load_with("articles/back-basics.yaml", text.encode("utf-8", "surrogatepass"))


@fuzz_settings
@given(st.binary(max_size=300))
def test_arbitrary_bytes_as_safety_file_never_raise(data: bytes) -> None:
    errors = _load_with("safety.yaml", data)
    assert errors  # random bytes are never a valid safety file


@fuzz_settings
@given(st.text(max_size=200))
def test_arbitrary_unicode_in_a_routine_never_raises(text: str) -> None:
    _load_with("routines/chair-stretch.yaml", text.encode("utf-8", "surrogatepass"))


@fuzz_settings
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40), st.integers(0, 40))
def test_mutating_a_valid_file_never_raises(insert: str, at_line: int) -> None:
    lines = (VALID / "articles" / "back-basics.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    at = min(at_line, len(lines))
    mutated = "".join(lines[:at]) + insert + "".join(lines[at:])
    _load_with("articles/back-basics.yaml", mutated.encode("utf-8", "surrogatepass"))


@settings(max_examples=300, deadline=None)
@given(yamlish)
def test_parse_yaml_reports_positions_inside_the_text(text: str) -> None:
    parsed = parse_yaml(text)
    # YAML also breaks lines at NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR.
    lines = sum(text.count(c) for c in "\n\r\x85\u2028\u2029") + 2
    for problem in parsed.problems:
        assert 1 <= problem.line <= lines
        assert problem.col >= 1

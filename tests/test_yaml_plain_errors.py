"""Moderators read YAML mistakes as plain sentences with a fix, at the line and column to look at."""

from __future__ import annotations

import pytest

from bot.content.marked_yaml import parse_yaml

RAW_PARSER_WORDS = (
    "mapping values are not allowed",
    "could not find expected",
    "did not find expected",
    "cannot start any token",
    "while scanning",
    "while parsing",
)


@pytest.mark.parametrize(
    ("text", "line", "col", "words"),
    [
        ("title: Pain: what helps\n", 1, 12, 'put the whole value in quotes, like title: "Pain: what helps"'),
        ("title: a\nbody\nother: b\n", 2, 1, "a line without ':'"),
        ("a:\n  b: 1\n c: 2\n", 3, 2, "not lined up with the keys of its block"),
        ("items:\n  - a\n  b: 1\n", 3, 3, "every item starts with '- '"),
        ("title: `code`\n", 1, 8, "a value cannot start with '`' unless it is in quotes"),
        ("title: @home\n", 1, 8, "a value cannot start with '@'"),
        ("title: *bold*\n", 1, 13, "a value starting with '*' or '&' reads as a YAML reference"),
        ('title: "a\\qb"\n', 1, 10, "a backslash inside double quotes"),
        ("tags: [a, b\nnext: 1\n", 2, 5, "a bracket is never closed (that part starts at line 1, column 7)"),
        ("a:\n\tb: 1\n", 2, 1, "a tab character is used for indentation here"),
        ('title: "abc\nbody: x\n', 1, 8, "this quoted text is never closed"),
    ],
)
def test_common_mistakes_are_said_plainly_with_a_fix(text: str, line: int, col: int, words: str) -> None:
    [problem] = parse_yaml(text).problems
    assert (problem.line, problem.col) == (line, col)
    assert words in problem.message
    assert not any(raw in problem.message for raw in RAW_PARSER_WORDS), problem.message


def test_an_unclosed_brace_names_the_bracket_to_add() -> None:
    [problem] = parse_yaml("a: {b: 1\n").problems
    assert "a bracket is never closed" in problem.message and "'}'" in problem.message

"""YAML text to plain Python values, remembering the line and column of every value.

Why not ``yaml.safe_load``: it forgets positions (so an author could not be told
*where* a problem is), silently keeps the last of two duplicate keys, expands
alias bombs until memory runs out, reads ``NO`` (Norway) as ``False`` and
``1:30`` as 90, and its C composer recurses (a file of 100,000 ``[`` crashes the
process). Here the C parser (libyaml, when PyYAML has it) only produces *events*;
this module builds values from them iteratively, so:

- positions are kept for every value and key (``Marks``), 1-based;
- duplicate keys are reported (the first value is kept);
- aliases may be used, but every value an alias copies counts against a small
  budget, checked *before* copying, so a "billion laughs" file stops at once;
- nesting deeper than ``max_depth`` stops the file with a clear message;
- plain scalars follow YAML 1.2's core schema (only ``true``/``false`` are
  booleans; ``yes``, ``no``, ``on``, ``off`` stay text), plus ``YYYY-MM-DD`` dates;
- tags other than the standard scalar and collection tags are rejected: no object
  is ever constructed from a tag.

Nothing here raises on bad input; problems come back as data.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

_Parser: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""Only the parser part (``check_event``/``get_event``) is used, never the constructor."""

PathPart = str | int
DataPath = tuple[PathPart, ...]

MAX_DEPTH = 50
ALIAS_BUDGET = 1_000
"""Values that aliases may copy in one file: plenty to reuse a list of sources a few
times, far too few for an alias bomb."""

_TAG = "tag:yaml.org,2002:"
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_INT_OCT = re.compile(r"^0o[0-7]+$")
_INT_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong in the YAML itself, at a 1-based line and column."""

    line: int
    col: int
    message: str


@dataclass(slots=True)
class Marks:
    """Where each value (and each mapping key) starts, by its path from the document root.

    A path is a tuple of keys and list indexes, the same shape as a pydantic error
    ``loc``, so a validation error can be traced back to its line.
    """

    values: dict[DataPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[DataPath, tuple[int, int]] = field(default_factory=dict)

    def value(self, path: DataPath) -> tuple[int, int]:
        """Position of the value at ``path``, or of its nearest enclosing value that exists
        (a missing key points at the mapping that lacks it)."""
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found is not None:
                return found
        return (1, 1)

    def key(self, path: DataPath) -> tuple[int, int]:
        """Position of the key that names ``path`` (where an unknown key is written)."""
        return self.keys.get(path) or self.value(path)


@dataclass(slots=True)
class ParsedYaml:
    """The document's value (None when it could not be read), its marks and any problems."""

    value: Any
    marks: Marks
    problems: list[Problem]
    empty: bool = False


class _Stop(Exception):
    """A problem after which the rest of the file cannot be trusted."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


_SKIP = object()
"""Pending-key marker: the next value belongs to a rejected key and is dropped."""


@dataclass(slots=True)
class _Frame:
    container: dict[str, Any] | list[Any]
    path: DataPath | None  # None: inside a dropped value, marks are not recorded
    anchor: str | None
    nodes: int = 1
    key: Any = None  # mappings: None = expecting a key, str = expecting its value, _SKIP
    key_lines: dict[str, int] = field(default_factory=dict)


def _pos(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


def resolve_plain(text: str) -> Any:
    """A plain (unquoted, untagged) scalar as YAML 1.2 core reads it, plus ISO dates."""
    try:
        if _NULL.match(text):
            return None
        if _BOOL.match(text):
            return text.lower() == "true"
        if _INT.match(text):
            return int(text, 10)
        if _INT_OCT.match(text):
            return int(text[2:], 8)
        if _INT_HEX.match(text):
            return int(text[2:], 16)
        if _FLOAT.match(text):
            return float(text)
        if _INF.match(text):
            return float("-inf") if text.startswith("-") else float("inf")
        if _NAN.match(text):
            return float("nan")
        if _DATE.match(text):
            return dt.date.fromisoformat(text)
    except ValueError:  # 2026-13-45, or an integer with more digits than Python will parse
        return text
    return text


_EXPLICIT = {"str", "int", "float", "bool", "null", "timestamp"}


class _Builder:
    """Turns parser events into values; see the module docstring for the rules."""

    def __init__(self, max_depth: int, alias_budget: int) -> None:
        self.max_depth = max_depth
        self.alias_budget = alias_budget
        self.alias_nodes = 0
        self.frames: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.marks = Marks()
        self.problems: list[Problem] = []
        self.root: Any = None
        self.documents = 0

    # --- events ---------------------------------------------------------------------------------

    def feed(self, event: Any) -> bool:
        """Handle one event; False when the rest of the stream should not be read."""
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                line, col = _pos(event.start_mark)
                self.problems.append(
                    Problem(
                        line,
                        col,
                        (
                            "a second YAML document starts here; each content file holds exactly one "
                            "(remove this '---' line or split the file)"
                        ),
                    )
                )
                return False
        elif isinstance(event, yaml.ScalarEvent):
            self._scalar(event)
        elif isinstance(event, yaml.AliasEvent):
            self._alias(event)
        elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            self._start(event)
        elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
            self._end()
        return True

    def _scalar(self, event: Any) -> None:
        top = self.frames[-1] if self.frames else None
        if top is not None and isinstance(top.container, dict) and top.key is None:
            self._check_tag(event, scalar=True)
            if event.anchor:
                self.anchors[event.anchor] = (event.value, 1)
            self._key(top, event.value, _pos(event.start_mark))
            return
        value = self._scalar_value(event)
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        self._add(value, _pos(event.start_mark), 1)

    def _alias(self, event: Any) -> None:
        position = _pos(event.start_mark)
        top = self.frames[-1] if self.frames else None
        if top is not None and isinstance(top.container, dict) and top.key is None:
            self.problems.append(Problem(*position, "an alias (*name) cannot be used as a key"))
            top.key = _SKIP
            return
        found = self.anchors.get(event.anchor)
        if found is None:
            raise _Stop(
                Problem(
                    *position,
                    (
                        f"alias *{event.anchor} has no anchor &{event.anchor} before it "
                        "(an anchor must be defined before use and cannot contain itself)"
                    ),
                )
            )
        value, nodes = found
        self.alias_nodes += nodes
        if self.alias_nodes > self.alias_budget:
            raise _Stop(
                Problem(
                    *position,
                    (
                        f"aliases in this file copy more than {self.alias_budget} values; "
                        "write the values out instead of using so many *aliases "
                        "(this looks like an alias bomb)"
                    ),
                )
            )
        self._add(copy.deepcopy(value), position, nodes)

    def _start(self, event: Any) -> None:
        position = _pos(event.start_mark)
        if len(self.frames) >= self.max_depth:
            raise _Stop(Problem(*position, f"values are nested more than {self.max_depth} levels deep here"))
        self._check_tag(event, scalar=False)
        container: dict[str, Any] | list[Any] = {} if isinstance(event, yaml.MappingStartEvent) else []
        top = self.frames[-1] if self.frames else None
        if top is not None and isinstance(top.container, dict) and top.key is None:
            self.problems.append(Problem(*position, "a key must be plain text, not a list or a mapping"))
            top.key = _SKIP
            path: DataPath | None = None
        else:
            path = self._add(container, position, 0)
        self.frames.append(_Frame(container, path, event.anchor))

    def _end(self) -> None:
        frame = self.frames.pop()
        if frame.anchor:
            self.anchors[frame.anchor] = (frame.container, frame.nodes)
        if self.frames:
            self.frames[-1].nodes += frame.nodes

    # --- helpers --------------------------------------------------------------------------------

    def _key(self, frame: _Frame, key: str, position: tuple[int, int]) -> None:
        assert isinstance(frame.container, dict)
        if key in frame.container or key in frame.key_lines:
            first = frame.key_lines.get(key)
            where = f" (first at line {first})" if first else ""
            self.problems.append(Problem(*position, f"duplicate key '{key}'{where}; keep only one"))
            frame.key = _SKIP
            return
        frame.key = key
        frame.key_lines[key] = position[0]
        if frame.path is not None:
            self.marks.keys[(*frame.path, key)] = position

    def _add(self, value: Any, position: tuple[int, int], nodes: int) -> DataPath | None:
        """Attach ``value`` to the open container (or make it the root); returns its path."""
        if not self.frames:
            self.root = value
            self.marks.values[()] = position
            return ()
        top = self.frames[-1]
        top.nodes += nodes
        path: DataPath | None
        if isinstance(top.container, list):
            path = None if top.path is None else (*top.path, len(top.container))
            top.container.append(value)
        else:
            key, top.key = top.key, None
            if key is _SKIP:
                return None
            top.container[key] = value
            path = None if top.path is None else (*top.path, key)
        if path is not None:
            self.marks.values[path] = position
        return path

    def _check_tag(self, event: Any, *, scalar: bool) -> None:
        tag = event.tag
        if tag is None or tag == "!":
            return
        allowed = _EXPLICIT if scalar else {"map", "seq"}
        if tag.startswith(_TAG) and tag[len(_TAG) :] in allowed:
            return
        line, col = _pos(event.start_mark)
        self.problems.append(
            Problem(
                line,
                col,
                (
                    f"the YAML tag {_short_tag(tag)} is not allowed; content files use plain text, numbers, "
                    "dates, lists and mappings"
                ),
            )
        )

    def _scalar_value(self, event: Any) -> Any:
        tag, text = event.tag, event.value
        if tag is None:
            return resolve_plain(text) if event.implicit[0] else text
        self._check_tag(event, scalar=True)
        name = tag[len(_TAG) :] if tag.startswith(_TAG) else ""
        if name in ("", "str") or name not in _EXPLICIT:
            return text
        value = resolve_plain(text)
        expected = {"int": int, "float": float, "bool": bool, "null": type(None), "timestamp": dt.date}[name]
        if name == "float" and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            line, col = _pos(event.start_mark)
            self.problems.append(Problem(line, col, f"'{text}' is not a valid !!{name}"))
            return text
        return value


def _char_at(text: str, line: int, col: int) -> str:
    """The character at a 1-based line and column of ``text`` ("" past the end)."""
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return ""
    row = lines[line - 1]
    return row[col - 1] if 1 <= col <= len(row) else ""


def _plain_words(problem: str, context: str, started: str, char: str) -> str | None:
    """The common libyaml problems said plainly: what is wrong here, then how to fix it.

    ``started`` is " (it starts at line L, column C)" when libyaml names where the
    enclosing piece began, else "". None: no plain sentence for this one.
    """
    if "tab" in problem or "'\\t'" in problem or char == "\t":
        return "a tab character is used for indentation here; YAML needs spaces. Replace the tab with spaces."
    if "mapping values are not allowed" in problem:
        return (
            "a second ':' on one line. If the text itself contains ': ', put the whole value in quotes, "
            'like title: "Pain: what helps"; if this should be a new key, start it on its own line, '
            "lined up with the keys above."
        )
    if "could not find expected ':'" in problem:
        return (
            f"a line without ':'{started}. Every line here is 'key: value': add the ':', or, if the "
            "line continues the text above, put that text in quotes or start it with '|' on the key's line."
        )
    if "did not find expected key" in problem or "expected <block end>" in problem:
        return (
            f"this line is not lined up with the keys of its block{started}, or text follows a closing "
            "quote. Indent it with exactly as many spaces as its neighbours, and keep quoted text whole."
        )
    if "expected '-' indicator" in problem:
        return (
            f"this line breaks a list{started}: every item starts with '- ' at the same indent. "
            "Add the '- ', or indent the line to belong to the item above."
        )
    if "cannot start any token" in problem:
        shown = f"'{char}'" if char.strip() else "this character"
        return f"a value cannot start with {shown} unless it is in quotes. Put the whole value in quotes."
    if "alphabetic or numeric character" in problem and ("alias" in context or "anchor" in context):
        return (
            "a value starting with '*' or '&' reads as a YAML reference. Put the whole value in quotes, "
            'like title: "*Important* note".'
        )
    if "undefined alias" in problem:
        return "'*' at the start of a value reads as a YAML reference. Put the whole value in quotes."
    if "unknown escape character" in problem:
        return (
            "a backslash inside double quotes starts an escape code. Write \\\\ for a backslash, "
            "or use single quotes."
        )
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        bracket = "]" if "']'" in problem else "}"
        return (
            f"a bracket is never closed{started}. Add '{bracket}' where the list ends, or put text "
            "that contains commas or brackets in quotes."
        )
    if "expected node content" in problem:
        return f"a value is missing{started}: remove the extra ',' or write the missing value."
    return None


def _syntax_problem(error: yaml.YAMLError, text: str = "") -> Problem:
    """A libyaml/PyYAML error as one plain sentence, with a fix, at the most useful position."""
    if not isinstance(error, yaml.MarkedYAMLError):
        position = getattr(error, "position", None)
        message = str(error).split("\n")[0]
        return Problem(
            1, 1 + position if isinstance(position, int) else 1, f"YAML cannot read this file: {message}"
        )
    problem = error.problem or "not valid YAML"
    context = error.context or ""
    mark = error.problem_mark or error.context_mark
    line, col = _pos(mark) if mark is not None else (1, 1)
    started = ""
    if error.context_mark is not None and error.context_mark is not mark:
        start_line, start_col = _pos(error.context_mark)
        started = f" (that part starts at line {start_line}, column {start_col})"
    if "end of stream" in problem and "quoted scalar" in context and error.context_mark is not None:
        line, col = _pos(error.context_mark)
        return Problem(line, col, "this quoted text is never closed: add the matching quote at its end")
    if "could not find expected ':'" in problem and error.context_mark is not None:
        line, col = _pos(error.context_mark)  # the line missing its ':' (libyaml points past it)
        started = ""
    plain = _plain_words(problem, context, started, _char_at(text, line, col))
    if plain is None:
        plain = (
            f"YAML cannot read this ({problem}{started}). Check the quotes, colons and indentation "
            "on this line and the one above."
        )
    return Problem(line, col, plain)


def parse_yaml(text: str, *, max_depth: int = MAX_DEPTH, alias_budget: int = ALIAS_BUDGET) -> ParsedYaml:
    """Read one YAML document from ``text``; never raises on bad input.

    ``value`` is None when the file is empty (``empty`` is then True) or when a
    problem stopped reading; ``problems`` then says why.
    """
    parsed, error = _parse_with(_Parser, text, max_depth, alias_budget)
    if error is not None and _is_nesting_error(error) and _Parser is not yaml.SafeLoader:
        # libyaml (PyYAML >= 6.0.4) has its own flow-nesting limit, and its scanner
        # reads up to 1,024 characters ahead, so "[[[[…" trips that limit before our
        # builder sees the level it would refuse. The pure-Python parser reads the
        # same stream lazily, so our own refusal, at the exact line and column, wins.
        parsed, error = _parse_with(yaml.SafeLoader, text, max_depth, alias_budget)
    if error is not None and _is_nesting_error(error):
        # Should a future PyYAML refuse first on every path, the author still gets our words.
        line, col = parsed.problems[-1].line, parsed.problems[-1].col
        parsed.problems[-1] = Problem(line, col, f"values are nested more than {max_depth} levels deep here")
    return parsed


def _is_nesting_error(error: yaml.YAMLError) -> bool:
    return "nesting" in str(error) or "depth" in str(error)


def _parse_with(
    parser_class: Any, text: str, max_depth: int, alias_budget: int
) -> tuple[ParsedYaml, yaml.YAMLError | None]:
    builder = _Builder(max_depth, alias_budget)
    parser = parser_class(text)
    stopped = False
    syntax_error: yaml.YAMLError | None = None
    try:
        while parser.check_event():
            if not builder.feed(parser.get_event()):
                break
    except _Stop as stop:
        builder.problems.append(stop.problem)
        stopped = True
    except yaml.YAMLError as error:
        builder.problems.append(_syntax_problem(error, text))
        syntax_error = error
        stopped = True
    except RecursionError:  # pragma: no cover - the event loop above does not recurse
        builder.problems.append(Problem(1, 1, "this file is nested too deeply to read"))
        stopped = True
    finally:
        parser.dispose()
    empty = builder.documents == 0 and not builder.problems
    value = None if stopped else builder.root
    parsed = ParsedYaml(value=value, marks=builder.marks, problems=builder.problems, empty=empty)
    return parsed, syntax_error

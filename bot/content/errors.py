"""Content problems as ``path:line:col: message``, and pydantic errors in plain words.

Authors are moderators, not programmers: "sections[3].body is 4,213 characters;
the limit is 4000" helps, "String should have at most 4000 characters" at
``('sections', 3, 'body')`` does not. Every message names the key it is about.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError
from rapidfuzz import fuzz, process

from bot.content.marked_yaml import DataPath, Marks
from bot.content.models import REF_PATTERN, REGION_PATTERN, SLUG_PATTERN
from bot.text import clip


@dataclass(frozen=True, slots=True, order=True)
class ContentError:
    """One problem in one content file; ``str()`` is ``path:line:col: message`` (1-based),
    the shape editors and CI logs turn into a clickable location."""

    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


def where(loc: DataPath) -> str:
    """``('sections', 3, 'body')`` → ``sections[3].body``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def describe_value(value: Any) -> str:
    """A short, plain description of a YAML value for "got …" messages."""
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, bool):
        return f"'{str(value).lower()}' (a yes/no value)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"'{clip(value, 40)}'"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "a mapping (key: value lines)"
    return type(value).__name__


_PATTERN_HINTS = {
    SLUG_PATTERN: "is not a valid id: use lower-case letters a-z, digits and hyphens, starting with a "
    "letter or digit, at most 48 characters (like lower-back-pain)",
    REF_PATTERN: "is not a valid reference: write article:ID, article:ID#SECTION, routine:ID or resources:ID",
    REGION_PATTERN: "is not a region: use a two-letter country code in capitals (US, GB, CA …) "
    "or INTL for everywhere",
}


def _detail(error: Any) -> str:
    """The part of the message after ``key:`` for one pydantic error."""
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    if kind == "string_too_long":
        return f"is {len(str(value).strip()):,} characters; the limit is {ctx['max_length']}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "too_short":
        wanted = ctx.get("min_length", 1)
        if not value:
            return f"is empty; add at least {wanted}"
        return f"needs at least {wanted} {'entry' if wanted == 1 else 'entries'}"
    if kind == "too_long":
        return f"has {ctx.get('actual_length', len(value))} entries; the limit is {ctx['max_length']}"
    if kind == "string_pattern_mismatch":
        hint = _PATTERN_HINTS.get(ctx.get("pattern", ""), f"does not match {ctx.get('pattern')}")
        return f"{describe_value(value)} {hint}"
    if kind == "string_type":
        if isinstance(value, dict) and len(value) == 1:
            return (
                f"expected text, got {describe_value(value)}: a ': ' inside text starts a key in YAML, "
                "so put the whole text in quotes"
            )
        return f"expected text, got {describe_value(value)}"
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"expected a whole number, got {describe_value(value)}"
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected')}, got {describe_value(value)}"
    if kind in {"greater_than_equal", "greater_than"}:
        return f"must be at least {ctx.get('ge', ctx.get('gt'))}, got {value}"
    if kind in {"less_than_equal", "less_than"}:
        return f"must be at most {ctx.get('le', ctx.get('lt'))}, got {value}"
    if kind.startswith("date"):
        return f"expected a date like 2026-11-24, got {describe_value(value)}"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return f"expected a mapping (key: value lines), got {describe_value(value)}"
    if kind in {"tuple_type", "list_type", "iterable_type"}:
        return f"expected a list, got {describe_value(value)}"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    return str(error["msg"])


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """Every model class inside a field annotation (through Optional, tuple, Annotated)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _models_in(typing.get_args(annotation)[0])
    if origin is not None or isinstance(annotation, types.UnionType):
        for arg in typing.get_args(annotation):
            found += _models_in(arg)
    return found


def model_at(model: type[BaseModel], loc: DataPath) -> type[BaseModel] | None:
    """The model class that validates the mapping at ``loc`` (for "did you mean" keys)."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        if info is None:
            return None
        models = _models_in(info.annotation)
        current = models[0] if models else None
    return current


def _only_echoes_item_errors(error: Any) -> bool:
    """pydantic counts only the *valid* items of a list against ``min_length``, so one bad
    item in a one-item list also yields "too short". The bad item is reported already."""
    if error["type"] != "too_short":
        return False
    value, wanted = error.get("input"), (error.get("ctx") or {}).get("min_length", 0)
    return isinstance(value, list | tuple) and len(value) >= wanted


def validation_problems(
    exc: ValidationError, marks: Marks, model: type[BaseModel]
) -> list[tuple[int, int, str]]:
    """``(line, col, message)`` for every error, each at the line of the value it is about.

    An unknown key that is a near miss of a missing required key (``tittle`` for
    ``title``) is reported once, as "did you mean", not twice.
    """
    errors = exc.errors(include_url=False)
    missing = {(tuple(e["loc"][:-1]), e["loc"][-1]) for e in errors if e["type"] == "missing"}
    explained: set[tuple[DataPath, Any]] = set()
    out: list[tuple[int, int, str]] = []
    for error in errors:
        loc: DataPath = tuple(error["loc"])
        if error["type"] == "extra_forbidden":
            parent, key = loc[:-1], str(loc[-1])
            message = f"unknown key '{key}'"
            owner = model_at(model, parent)
            if owner is not None:
                match = process.extractOne(key, list(owner.model_fields), scorer=fuzz.ratio, score_cutoff=70)
                if match is not None:
                    message += f"; did you mean '{match[0]}'?"
                    if (parent, match[0]) in missing:
                        explained.add((parent, match[0]))
                else:
                    message += f"; allowed keys here: {', '.join(owner.model_fields)}"
            if parent:
                message = f"{where(parent)}: {message}"
            out.append((*marks.key(loc), message))
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] == "extra_forbidden" or _only_echoes_item_errors(error):
            continue
        if error["type"] == "missing":
            parent, key = loc[:-1], str(loc[-1])
            if (parent, key) in explained:
                continue
            prefix = f"{where(parent)}: " if parent else ""
            out.append((*marks.value(parent), f"{prefix}missing required key '{key}'"))
            continue
        prefix = f"{where(loc)}: " if loc else ""
        out.append((*marks.value(loc), prefix + _detail(error)))
    return out

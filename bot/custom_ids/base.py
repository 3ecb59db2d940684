"""One class per kind of custom_id: its arguments as a frozen dataclass, its wire template, its parse.

A kind is declared once, as a dataclass whose fields are annotated with a :class:`Part`
(the field's pattern on the wire and its widest possible value)::

    @dataclass(frozen=True, slots=True)
    class ReadPage(CustomId, kind="read"):
        article: Slug
        section: SlugOrDash
        page: Page

From that one declaration come :attr:`CustomId.TEMPLATE` (the regex a press is parsed
with, ``lc:read:(?P<article>…):(?P<section>…):(?P<page>…)``),
:meth:`CustomId.custom_id` (the string a renderer puts on a button),
:meth:`CustomId.parse` (a press back to typed arguments, or None) and
:meth:`CustomId.widest` (the longest id the kind can produce, which the content
validator measures). No Discord here: the validator imports it.
"""

from __future__ import annotations

import inspect
import re
import typing
from dataclasses import dataclass
from typing import Any, ClassVar, Self

from bot.custom_ids.grammar import PREFIX
from bot.limits import CUSTOM_ID

__all__ = ["CustomId", "Part", "one_of"]


@dataclass(frozen=True, slots=True)
class Part:
    """How one argument looks on the wire."""

    pattern: str
    """A regex without groups of its own (use ``(?:…)``); matched whole."""
    widest: str
    """The longest text this argument can be, as it appears in a custom_id."""
    optional: bool = False
    """Absent in ids sent before the argument existed (only the last arguments may be optional)."""


def one_of(*words: str) -> Part:
    """An argument that is one of a few fixed words (``delete|cancel``)."""
    return Part("|".join(re.escape(w) for w in words), max(words, key=len))


@dataclass(frozen=True, slots=True)
class _Field:
    name: str
    part: Part
    is_int: bool


class CustomId:
    """Base of every id dataclass. Subclass with ``kind="…"`` and fields annotated with a :class:`Part`."""

    KIND: ClassVar[str]
    TEMPLATE: ClassVar[re.Pattern[str]]
    """The whole custom_id, with one named group per argument."""
    SHAPE: ClassVar[str]
    """The same pattern without named groups (safe to combine with other kinds' shapes)."""
    _FIELDS: ClassVar[tuple[_Field, ...]]

    def __init_subclass__(cls, *, kind: str | None = None, **kwargs: Any) -> None:
        """``kind=None``: an abstract helper class that no custom_id has."""
        super().__init_subclass__(**kwargs)
        if kind is None:
            return
        cls.KIND = kind
        hints = typing.get_type_hints(cls, include_extras=True)
        found: list[_Field] = []
        for name in inspect.get_annotations(cls):  # the dataclass's own fields, in order
            hint = hints[name]
            if name.isupper() or name.startswith("_") or typing.get_origin(hint) is ClassVar:
                continue
            parts = [m for m in getattr(hint, "__metadata__", ()) if isinstance(m, Part)]
            if len(parts) != 1:
                raise TypeError(f"{cls.__name__}.{name}: annotate with Annotated[..., Part(...)]")
            base = typing.get_args(hint)[0]
            found.append(_Field(name, parts[0], base is int or base == (int | None)))
        cls._FIELDS = tuple(found)
        head = re.escape(f"{PREFIX}:{kind}")
        named = head + "".join(_piece(f, named=True) for f in found)
        cls.TEMPLATE = re.compile(named)
        cls.SHAPE = head + "".join(_piece(f, named=False) for f in found)

    # --- building ----------------------------------------------------------------------------

    def custom_id(self) -> str:
        """The custom_id a component carries; ValueError if an argument is malformed or it is too long."""
        text = f"{PREFIX}:{self.KIND}"
        for f in self._FIELDS:
            value = getattr(self, f.name)
            if value is None and f.part.optional:
                break
            text += f":{value}"
        if len(text) > CUSTOM_ID:
            raise ValueError(f"custom_id too long ({len(text)} > {CUSTOM_ID}) for {self.KIND}")
        if self.TEMPLATE.fullmatch(text) is None:
            raise ValueError(f"{type(self).__name__}: an argument does not fit {self.TEMPLATE.pattern}")
        return text

    def fits(self) -> bool:
        try:
            self.custom_id()
        except ValueError:
            return False
        return True

    # --- reading -----------------------------------------------------------------------------

    @classmethod
    def parse(cls, value: str) -> Self | None:
        """The typed arguments of ``value``, or None when it is not an id of this kind."""
        match = cls.TEMPLATE.fullmatch(value)
        return None if match is None else cls.from_match(match)

    @classmethod
    def from_match(cls, match: re.Match[str]) -> Self:
        """Arguments from a match of :attr:`TEMPLATE`."""
        values: dict[str, Any] = {}
        for f in cls._FIELDS:
            text = match.group(f.name)
            values[f.name] = None if text is None else (int(text) if f.is_int else text)
        return cls(**values)

    # --- measuring ---------------------------------------------------------------------------

    @classmethod
    def widest(cls, **known: str | int) -> str:
        """The longest custom_id of this kind once ``known`` arguments are fixed (e.g. a real
        topic id): every other argument at its widest. What the content validator measures."""
        unknown = set(known) - {f.name for f in cls._FIELDS}
        if unknown:
            raise TypeError(f"{cls.__name__} has no argument {sorted(unknown)}")
        text = f"{PREFIX}:{cls.KIND}"
        for f in cls._FIELDS:
            text += f":{known.get(f.name, f.part.widest)}"
        return text

    @classmethod
    def widest_fits(cls, **known: str | int) -> bool:
        return len(cls.widest(**known)) <= CUSTOM_ID

    @classmethod
    def argument_names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in cls._FIELDS)


def _piece(f: _Field, *, named: bool) -> str:
    body = f"(?P<{f.name}>{f.part.pattern})" if named else f"(?:{f.part.pattern})"
    return f"(?::{body})?" if f.part.optional else f":{body}"

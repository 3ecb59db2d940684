"""A small language for phrase patterns over the canonical token stream, compiled to regexes.

A pattern is elements separated by spaces; each element matches whole tokens:

``word``            that word (written normally: squeezed like the text when compiled)
``a|b|c_d``         one of several; ``_`` joins the words of a multi-word choice
``@CLASS``          any entry of a word class (entries are patterns themselves); ``@A|@B|word`` mixes
``#MANY``           a number of 10 or more
``x?``              suffix ``?``: the element is optional (``@ADV?``, ``really|just?``)
``~N``              up to N arbitrary words, never across the end of a sentence nor over a negation
``$``               the end of the sentence or of the text
``^``               the start of the sentence or of the text
``!(p+q)``          not followed by the pattern ``p q`` (``+`` separates its elements)
``&(p+q)``          followed by the pattern ``p q``

The text is matched as ``" tok tok tok "``: every element consumes its words and the
space after them, so elements join without separators.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from bot.crisis.normalize import squeeze

Classes = Mapping[str, Sequence[str]]

_WORD = re.compile(r"[a-z0-9]+|[A-Z0-9]+")


class PatternError(ValueError):
    """A pattern or word class is malformed (a programming error, caught by the tests)."""


def _literal(word: str) -> str:
    if not _WORD.fullmatch(word):
        raise PatternError(f"not a word: {word!r}")
    return re.escape(word if word.isupper() or word.isdigit() else squeeze(word))


class Compiler:
    """Compiles patterns against one set of word classes (each class compiled once)."""

    def __init__(self, classes: Classes) -> None:
        self._classes = classes
        self._compiled: dict[str, str] = {}
        self._active: set[str] = set()
        self._first_cache: dict[str, frozenset[str] | None] = {}
        self.compile_class = lru_cache(maxsize=None)(self._compile_class)

    def _compile_class(self, name: str) -> str:
        if name not in self._classes:
            raise PatternError(f"unknown word class @{name}")
        if name in self._active:
            raise PatternError(f"word class @{name} refers to itself")
        self._active.add(name)
        try:
            entries = sorted({self.sequence(entry) for entry in self._classes[name]}, key=len, reverse=True)
        finally:
            self._active.discard(name)
        return "(?:" + "|".join(entries) + ")"

    def element(self, element: str) -> str:
        if element.startswith("~"):
            # a gap never skips a negation: "want to not die" is not "want to die"
            return f"(?:(?!(?:not|never|no) )[^ .]+ ){{0,{int(element[1:])}}}"
        if element == "$":
            return r"(?=\. |$)"
        if element == "^":
            return r"(?:(?<=^ )|(?<=\. ))"
        if element[:2] in ("!(", "&(") and element.endswith(")"):
            inner = self.sequence(element[2:-1].replace("+", " "))
            return ("(?!" if element[0] == "!" else "(?=") + inner + ")"
        optional = element.endswith("?") and len(element) > 1
        if optional:
            element = element[:-1]
        choices = sorted((self._choice(c) for c in element.split("|")), key=len, reverse=True)
        body = "(?:" + "|".join(choices) + ")"
        return f"(?:{body})?" if optional else body

    def _choice(self, choice: str) -> str:
        if choice == "#MANY":
            return "(?:[1-9][0-9]+) "  # a number of 10 or more
        if choice == "$":
            return r"(?=\. |$)"
        if choice.startswith("@"):
            return self.compile_class(choice[1:])
        return " ".join(_literal(w) for w in choice.split("_")) + " "

    def sequence(self, pattern: str) -> str:
        parts = pattern.split()
        if not parts:
            raise PatternError("empty pattern")
        return "".join(self.element(p) for p in parts)

    def first_words(self, pattern: str) -> frozenset[str] | None:
        """Words one of which must start any match of ``pattern`` (None: it may start anywhere).
        Lets the detector skip a pattern whose first words are not in the text at all."""
        found: set[str] = set()
        for element in pattern.split():
            if element in ("$", "^") or element[:2] in ("!(", "&("):
                continue  # zero-width
            if element.startswith("~"):
                return None
            optional = element.endswith("?") and len(element) > 1
            for choice in (element[:-1] if optional else element).split("|"):
                if choice == "#MANY" or choice == "$":
                    return None
                if choice.startswith("@"):
                    first = self._class_first_words(choice[1:])
                    if first is None:
                        return None
                    found |= first
                else:
                    word = choice.split("_")[0]
                    found.add(word if word.isupper() or word.isdigit() else squeeze(word))
            if not optional:
                return frozenset(found)
        return None  # every element optional or zero-width

    def anchors(self, pattern: str) -> tuple[frozenset[str], ...]:
        """For each required element of ``pattern``, the words one of which it must start with.
        A text missing every word of one of these sets cannot match: the pattern is skipped."""
        found: list[frozenset[str]] = []
        for element in pattern.split():
            if element in ("$", "^") or element[:2] in ("!(", "&(") or element.startswith("~"):
                continue
            if element.endswith("?") and len(element) > 1:
                continue
            words = self.first_words(element)
            if words is not None:
                found.append(words)
        return tuple(found)

    def _class_first_words(self, name: str) -> frozenset[str] | None:
        if name not in self._first_cache:
            self.compile_class(name)  # validates the class
            found: set[str] = set()
            for entry in self._classes[name]:
                first = self.first_words(entry)
                if first is None:
                    self._first_cache[name] = None
                    break
                found |= first
            else:
                self._first_cache[name] = frozenset(found)
        return self._first_cache[name]

    def compile_one(self, pattern: str) -> re.Pattern[str]:
        """One pattern as a regex, matching from the start of a word."""
        try:
            return re.compile(f"(?<= )(?:{self.sequence(pattern)})")
        except PatternError as exc:
            raise PatternError(f"{exc} in pattern {pattern!r}") from None

    def compile(self, patterns: Sequence[str]) -> re.Pattern[str]:
        """One regex matching any of ``patterns``, each starting at a word."""
        compiled: list[str] = []
        for pattern in patterns:
            try:
                compiled.append(f"(?:{self.sequence(pattern)})")
            except PatternError as exc:
                raise PatternError(f"{exc} in pattern {pattern!r}") from None
        return re.compile("(?<= )(?:" + "|".join(compiled) + ")")

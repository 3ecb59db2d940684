"""Content files as the loader hands them to the validator, and what exists among them.

:class:`LoadedFile` is one parsed file (its model, or None, and where each value
is); :class:`ContentIndex` answers "does this reference point at something?"
for the cross-file rules in :mod:`bot.content.validator`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import process

from bot.content import render_text
from bot.content.errors import ContentError
from bot.content.marked_yaml import DataPath, Marks
from bot.content.models import Article, ContentModel, Ref, ResourceTopic, Routine

__all__ = ["KIND_WORD", "REF_KIND", "ContentIndex", "LoadedFile", "did_you_mean"]

KIND_WORD = {
    "article": "article",
    "routine": "routine",
    "resource": "resource topic",
    "safety": "safety",
    "synonyms": "synonyms",
    "tracking": "tracking",
}
REF_KIND = {"article": "article", "routine": "routine", "resources": "resource"}
"""Reference prefix → content kind."""


@dataclass(slots=True)
class LoadedFile:
    """One content file after parsing: its model (None if it had errors) and value positions."""

    kind: str
    path: Path
    display: str
    model: ContentModel | None = None
    marks: Marks = field(default_factory=Marks)
    raw: Any = None

    def error(self, loc: DataPath, message: str, *, key: bool = False) -> ContentError:
        line, col = self.marks.key(loc) if key else self.marks.value(loc)
        return ContentError(self.display, line, col, message)

    def claimed_id(self) -> str:
        """The id this file means to define, even when its model failed (for references)."""
        raw_id = self.raw.get("id") if isinstance(self.raw, dict) else None
        return raw_id if isinstance(raw_id, str) else self.path.stem


class ContentIndex:
    """What exists, for resolving references: ids per kind, the models that loaded, and
    section ids per article."""

    def __init__(self, files: Sequence[LoadedFile]) -> None:
        self.ids: dict[str, set[str]] = {kind: set() for kind in ("article", "routine", "resource")}
        self.models: dict[tuple[str, str], ContentModel] = {}
        for file in files:
            if file.kind not in self.ids:  # safety.yaml and synonyms.yaml have no id
                continue
            self.ids[file.kind].add(file.claimed_id())
            if file.model is not None:
                self.models.setdefault((file.kind, file.claimed_id()), file.model)

    def target(self, ref: str) -> render_text.Target | None:
        """The loaded model ``ref`` names, or None (unresolved, or its file has errors)."""
        parsed = Ref.parse(ref)
        if parsed is None:
            return None
        model = self.models.get((REF_KIND[parsed.kind], parsed.id))
        if isinstance(model, Article) and parsed.section is not None:
            section = model.section(parsed.section)
            return (model, section) if section is not None else None
        return model if isinstance(model, Article | Routine | ResourceTopic) else None

    def problem(self, ref: str) -> str | None:
        """Why ``ref`` does not resolve, or None when it does."""
        parsed = Ref.parse(ref)
        if parsed is None:
            return None  # the model already reported the malformed reference
        kind = REF_KIND[parsed.kind]
        if parsed.id not in self.ids[kind]:
            hint = did_you_mean(parsed.id, self.ids[kind])
            return (
                f"'{ref}' points at no {KIND_WORD[kind]}: there is no {KIND_WORD[kind]} '{parsed.id}'{hint}"
            )
        article = self.models.get((kind, parsed.id))
        # An article that failed to load: its own errors say enough; do not guess at its sections.
        if (
            parsed.section is not None
            and isinstance(article, Article)
            and article.section(parsed.section) is None
        ):
            hint = did_you_mean(parsed.section, [s.id for s in article.sections])
            return (
                f"'{ref}' points at no section: article '{parsed.id}' has no section '{parsed.section}'{hint}"
            )
        return None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    match = process.extractOne(word, sorted(choices), score_cutoff=75)
    return f" (did you mean '{match[0]}'?)" if match else ""

"""Rules for ``synonyms.yaml``: every synonym must be able to find something.

Search widens a word to its synonyms (:mod:`bot.content.search`); a synonym
that appears nowhere in the content widens it to nothing, and a word listed as
its own synonym points at itself. Both are mistakes an author cannot see, so
the validator reports them here, at the line of the word.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.content.errors import ContentError, where
from bot.content.loaded import LoadedFile
from bot.content.models import Article, ResourceTopic, Routine, Synonyms
from bot.content.search import fts_tokens

__all__ = ["searchable_text", "synonym_rules"]


def searchable_text(files: Sequence[LoadedFile]) -> str:
    """Every word search can find, as one space-separated run of tokens (with spaces at both
    ends, so ``" word "`` tests for a whole word or phrase)."""
    texts: list[str] = []
    for file in files:
        model = file.model
        if isinstance(model, Article):
            texts += [model.title, model.summary, *model.aliases]
            texts += [text for section in model.sections for text in (section.title, section.body)]
        elif isinstance(model, Routine):
            texts += [model.title, model.summary, *model.equipment]
            texts += [text for step in model.steps for text in (step.title, step.instructions)]
        elif isinstance(model, ResourceTopic):
            texts += [model.title, model.intro]
            for group in model.groups:
                texts += [group.title, group.intro or ""]
                texts += [text for item in group.items for text in (item.name, item.helps_with)]
    return " " + " ".join(" ".join(fts_tokens(text)) for text in texts) + " "


def synonym_rules(file: LoadedFile, synonyms: Synonyms, searchable: str) -> list[ContentError]:
    """A word is never its own synonym, appears once per group, and every word a search is
    widened to occurs somewhere in the content (else the synonym can find nothing)."""
    errors: list[ContentError] = []
    for g, group in enumerate(synonyms.synonyms):
        for key in ("words", "means"):
            seen: set[str] = set()
            for i, word in enumerate(getattr(group, key)):
                loc = ("synonyms", g, key, i)
                if word in seen:
                    errors.append(file.error(loc, f"{where(loc)}: '{word}' is listed twice in this group"))
                seen.add(word)
        for i, word in enumerate(group.means):
            loc = ("synonyms", g, "means", i)
            if word in group.words:
                errors.append(
                    file.error(
                        loc, f"{where(loc)}: '{word}' is in both words and means: it would point at itself"
                    )
                )
            elif f" {' '.join(fts_tokens(word))} " not in searchable:
                errors.append(
                    file.error(
                        loc,
                        (
                            f"{where(loc)}: '{word}' appears in no article, routine or resource, so "
                            "searching for it finds nothing; use a word the content uses"
                        ),
                    )
                )
    return errors

"""The Library: one immutable snapshot of all content, with its lookup indexes.

A snapshot is built once (in a worker thread, during a reload) and then only
read, by any number of interactions at once. Nothing in it can change: the
models are frozen, the mappings are read-only views, and the autocomplete and
search indexes are built in the constructor. A reload builds a *new* Library and
swaps the reference (:mod:`bot.content.store`), so a reader always sees one
consistent version, old or new, never a mix.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from bot import limits
from bot.content.choices import Choice, ChoiceIndex
from bot.content.models import Article, Ref, ResourceTopic, Routine, Safety, Section, Synonyms, Tracking
from bot.content.render_text import plain_text
from bot.content.search import SearchDoc, SearchHit, SearchIndex, fts_tokens
from bot.text import clip, normalize_query

__all__ = ["Choice", "Library", "SearchHit"]

AutocompleteKind = Literal["article", "section", "routine", "topic", "region"]
Target = Article | tuple[Article, Section] | Routine | ResourceTopic

REGION_NAMES = {
    "INTL": "Everywhere (international)",
    **{
        code: name
        for code, name in (
            line.split(" ", 1)
            for line in """
AT Austria
AU Australia
BE Belgium
BR Brazil
CA Canada
CH Switzerland
DE Germany
DK Denmark
ES Spain
FI Finland
FR France
GB United Kingdom
IE Ireland
IN India
IT Italy
JP Japan
MX Mexico
NG Nigeria
NL Netherlands
NO Norway
NZ New Zealand
PH Philippines
PL Poland
PT Portugal
SE Sweden
SG Singapore
US United States
ZA South Africa
""".strip().splitlines()
        )
    },
}
"""Names shown (and matched) for region codes content is likely to use; others show the code."""
REGION_ALIASES = {
    "INTL": ("international", "everywhere", "world", "other"),
    "US": ("usa", "united states of america", "america"),
    "GB": ("uk", "britain", "great britain", "england", "scotland", "wales", "northern ireland"),
    "IE": ("eire", "republic of ireland"),
}
"""Words people type for a region whose code they do not know (``UK`` is ``GB``)."""


@dataclass(frozen=True, slots=True)
class _Indexes:
    articles: ChoiceIndex
    sections: Mapping[str, ChoiceIndex]
    all_sections: ChoiceIndex
    routines: ChoiceIndex
    topics: ChoiceIndex
    regions: ChoiceIndex
    search: SearchIndex


@dataclass(frozen=True, eq=False)
class Library:
    """All content of one version. Build with :meth:`build`; never mutate."""

    articles: Mapping[str, Article]
    routines: Mapping[str, Routine]
    topics: Mapping[str, ResourceTopic]
    safety: Safety
    version: str
    """First 12 hex digits of the sha256 of every content file's path and bytes."""
    synonyms: Mapping[str, tuple[str, ...]]
    """A member's word → the content's words for it (``synonyms.yaml``; may be empty)."""
    _indexes: _Indexes = field(repr=False)
    tracking: Tracking | None = None
    """``tracking.yaml`` (starter symptoms); None when the file is absent."""

    @classmethod
    def build(
        cls,
        articles: Mapping[str, Article],
        routines: Mapping[str, Routine],
        topics: Mapping[str, ResourceTopic],
        safety: Safety,
        *,
        version: str,
        synonyms: Synonyms | None = None,
        tracking: Tracking | None = None,
    ) -> Library:
        """A snapshot of these models, with every index built now (so reads are cheap)."""
        articles, routines, topics = dict(articles), dict(routines), dict(topics)
        expansions = synonyms.expansions() if synonyms is not None else {}
        return cls(
            articles=MappingProxyType(articles),
            routines=MappingProxyType(routines),
            topics=MappingProxyType(topics),
            safety=safety,
            version=version,
            synonyms=MappingProxyType(expansions),
            _indexes=_build_indexes(articles, routines, topics, expansions),
            tracking=tracking,
        )

    def counts(self) -> dict[str, int]:
        """How much content there is, for ``/admin status`` and ``validate``."""
        return {
            "articles": len(self.articles),
            "sections": sum(len(a.sections) for a in self.articles.values()),
            "routines": len(self.routines),
            "steps": sum(len(r.steps) for r in self.routines.values()),
            "topics": len(self.topics),
            "items": sum(len(t.items()) for t in self.topics.values()),
        }

    def resolve(self, ref: str | Ref) -> Target | None:
        """What a reference names: an Article, ``(Article, Section)``, a Routine or a
        ResourceTopic; None when it is malformed or names nothing in this version."""
        parsed = Ref.parse(ref) if isinstance(ref, str) else ref
        if parsed is None:
            return None
        if parsed.kind == "article":
            article = self.articles.get(parsed.id)
            if article is None or parsed.section is None:
                return article
            section = article.section(parsed.section)
            return None if section is None else (article, section)
        if parsed.kind == "routine":
            return self.routines.get(parsed.id)
        return self.topics.get(parsed.id)

    def autocomplete(
        self,
        kind: AutocompleteKind,
        query: str,
        *,
        article_id: str | None = None,
        limit: int = limits.AUTOCOMPLETE_CHOICES,
    ) -> list[Choice]:
        """Up to ``limit`` (≤ 25) choices for an option, best first (see :mod:`bot.content.choices`).

        ``section``: the sections of ``article_id`` in reading order; when the article is
        not chosen yet (or unknown), sections of every article, valued ``article#section``.
        An empty query gives the first choices in their natural order.
        """
        indexes = self._indexes
        if kind == "section":
            index = indexes.sections.get(article_id or "", indexes.all_sections)
        else:
            index = {
                "article": indexes.articles,
                "routine": indexes.routines,
                "topic": indexes.topics,
                "region": indexes.regions,
            }[kind]
        choices = index.query(query, limit)
        if kind == "topic" and query.strip() and len(choices) < limit:
            choices += self._topics_by_content(query, {c.value for c in choices}, limit - len(choices))
        return choices

    def _topics_by_content(self, query: str, known: set[str], limit: int) -> list[Choice]:
        """Topics whose items match ``query`` in search ("988" or "suicide" finds crisis lines,
        "depressed" the topics with emotional support), for words no title or synonym has."""
        found: list[Choice] = []
        for hit in self.search(query, limit=20):
            if hit.kind == "resource" and hit.id not in known and hit.id in self.topics:
                known.add(hit.id)
                found.append(Choice(name=clip(self.topics[hit.id].title, limits.CHOICE_NAME), value=hit.id))
        return found[:limit]

    def region_code(self, text: str) -> str:
        """The region code for what someone typed: a code (``us``), a name (``Canada``) or a
        word people use for it (``UK`` is ``GB``); otherwise the typed text, upper-cased."""
        typed = normalize_query(text, 60)
        for code, aliases in REGION_ALIASES.items():
            if typed in aliases:
                return code
        for code, name in REGION_NAMES.items():
            if typed in (code.lower(), name.lower()):
                return code
        return typed.upper()

    def known_region(self, code: str) -> bool:
        """Whether ``code`` is a region this library knows: one its resources list, or a named one."""
        return code in REGION_NAMES or any(code in topic.regions() for topic in self.topics.values())

    def search(self, query: str, limit: int = 10) -> list[SearchHit]:
        """Ranked matches across article sections, routines and resource items."""
        return self._indexes.search.search(query, limit)


class _SectionIndexes(Mapping[str, ChoiceIndex]):
    """Each article's section choices, built the first time someone picks from that article:
    most articles are never asked, and building them all would slow every reload."""

    def __init__(self, articles: Mapping[str, Article]) -> None:
        self._articles = articles
        self._built: dict[str, ChoiceIndex] = {}

    def __getitem__(self, article_id: str) -> ChoiceIndex:
        index = self._built.get(article_id)
        if index is None:
            article = self._articles[article_id]
            index = ChoiceIndex([(s.title, s.id, ()) for s in article.sections], alphabetical=False)
            self._built[article_id] = index  # a race builds the same index twice: harmless
        return index

    def __iter__(self) -> Iterator[str]:
        return iter(self._articles)

    def __len__(self) -> int:
        return len(self._articles)


def _routine_choice_name(routine: Routine) -> str:
    suffix = f" · {routine.minutes} min · {routine.level}"
    return clip(routine.title, limits.CHOICE_NAME - len(suffix)) + suffix


class _SynonymWords:
    """Members' words for what some texts name: the words whose synonyms appear in them, so
    autocomplete finds "Emotional health" when someone types "depressed"."""

    def __init__(self, expansions: Mapping[str, tuple[str, ...]]) -> None:
        self._phrases = [
            (word, [f" {' '.join(fts_tokens(m))} " for m in means]) for word, means in expansions.items()
        ]

    def __call__(self, texts: Iterable[str]) -> list[str]:
        blob = " " + " ".join(" ".join(fts_tokens(text)) for text in texts) + " "
        return [word for word, phrases in self._phrases if any(p in blob for p in phrases)]


def _build_indexes(
    articles: Mapping[str, Article],
    routines: Mapping[str, Routine],
    topics: Mapping[str, ResourceTopic],
    expansions: Mapping[str, tuple[str, ...]],
) -> _Indexes:
    synonym_words = _SynonymWords(expansions)
    all_sections = ChoiceIndex(
        [
            (f"{clip(a.title, 40)} › {s.title}", f"{a.id}#{s.id}", ())
            for a in articles.values()
            for s in a.sections
        ],
        alphabetical=False,
    )
    regions = sorted({r for t in topics.values() for r in t.regions()}, key=lambda r: (r != "INTL", r))
    return _Indexes(
        articles=ChoiceIndex(
            [(a.title, a.id, (*a.aliases, *synonym_words((a.title, *a.aliases)))) for a in articles.values()],
            alphabetical=True,
        ),
        sections=_SectionIndexes(articles),
        all_sections=all_sections,
        routines=ChoiceIndex(
            # Stretching routines only: a grounding exercise is opened from the crisis card.
            [
                (_routine_choice_name(r), r.id, (r.title, r.position, r.level))
                for r in routines.values()
                if r.kind == "stretch"
            ],
            alphabetical=True,
        ),
        topics=ChoiceIndex(
            [
                (t.title, t.id, synonym_words((t.title, *(g.title for g in t.groups))))
                for t in topics.values()
            ],
            alphabetical=True,
        ),
        regions=ChoiceIndex(
            [
                (f"{REGION_NAMES[r]} ({r})" if r in REGION_NAMES else r, r, REGION_ALIASES.get(r, ()))
                for r in regions
            ],
            alphabetical=False,
        ),
        search=SearchIndex(_search_docs(articles, routines, topics), expansions),
    )


def _search_docs(
    articles: Mapping[str, Article], routines: Mapping[str, Routine], topics: Mapping[str, ResourceTopic]
) -> list[SearchDoc]:
    """One row per article (title, aliases, summary: opens the overview), per section, per
    routine (summary and every step) and per resource item (which opens at its group's page).
    Aliases sit on the article row only, so they do not make every section of a long article
    match equally."""
    docs: list[SearchDoc] = []
    for a in articles.values():
        docs.append(
            SearchDoc(
                kind="article",
                id=a.id,
                section_id=None,
                label=a.title,
                title=a.title,
                keywords=" ".join(a.aliases),
                context="",
                body=plain_text(a.summary),
                ref=f"article:{a.id}",
            )
        )
        for s in a.sections:
            docs.append(
                SearchDoc(
                    kind="article",
                    id=a.id,
                    section_id=s.id,
                    label=f"{a.title} › {s.title}",
                    title=s.title,
                    keywords="",
                    context=a.title,
                    body=plain_text(s.body),
                    ref=f"article:{a.id}#{s.id}",
                )
            )
    for r in routines.values():
        steps = " ".join(f"{step.title}. {plain_text(step.instructions)}" for step in r.steps)
        docs.append(
            SearchDoc(
                kind="routine",
                id=r.id,
                section_id=None,
                label=r.title,
                title=r.title,
                keywords=f"{r.level} {r.position} stretching routine",
                context=" ".join(r.equipment),
                body=f"{plain_text(r.summary)} {steps}",
                ref=f"routine:{r.id}",
            )
        )
    for t in topics.values():
        for group_index, g in enumerate(t.groups):
            for item in g.items:
                docs.append(
                    SearchDoc(
                        kind="resource",
                        id=t.id,
                        section_id=None,
                        label=f"{item.name} ({t.title})",
                        title=item.name,
                        keywords=f"{g.title} {' '.join(item.regions)}",
                        context=t.title,
                        body=plain_text(item.helps_with),
                        ref=f"resources:{t.id}#{group_index}",
                    )
                )
    return docs

"""What a plain DM most likely wants, worked out from its words and the content (no Discord).

The bot cannot chat, but a DM is rarely random: "thanks" wants a short "you're welcome",
"hi" a greeting and the menu, "my back hurts" the back-pain article and a back routine,
"I can't afford my meds" help with medicine costs. Anything else goes through the same
search as ``/search`` (synonyms included) and becomes up to three buttons, one per kind of
thing first (an article, a routine, a resource topic), so one long article cannot fill them all.

Crisis screening runs before this (``bot.ui.safety_net``); the text is never stored or logged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from bot import limits
from bot.content.library import Library, SearchHit
from bot.content.models import ResourceTopic
from bot.content.search import STOPWORDS, fts_tokens
from bot.text import clip, normalize_query

__all__ = ["MAX_SUGGESTIONS", "DmIntent", "Intent", "Suggestion", "understand"]

MAX_SUGGESTIONS = 3
SEARCH_DEPTH = 20
"""Results looked at: enough to find the best of each kind, not so many that noise gets in."""
MIN_SCORE = 1.0
"""A result scoring below this matched only on words every page has ("what is lupus")."""
FILL_SHARE = 0.5
"""A second article or routine is offered only when it scores at least this share of the best."""

_SMALL_TALK = r"[\s!.,?…:)(\-'\"*~♥❤️💛💜🙏😊🙂👍]*"
_THANKS = re.compile(
    rf"^(?:ok(?:ay)?\s+|oh\s+)?(?:thanks?|thank\s*(?:you|u|ya)|thx|tysm|ty|cheers|much appreciated|"
    rf"thanks? (?:a lot|so much|again)|thank you (?:so much|very much|again))"
    rf"(?:\s+(?:so much|a lot|again|bot|buddy|friend))?{_SMALL_TALK}$"
)
_GREETING = re.compile(
    rf"^(?:hi+|hello+|hey+|hiya|howdy|yo|hallo|hola|good (?:morning|afternoon|evening|day)|"
    rf"hi there|hello there|hey there)(?:\s+(?:bot|there|friend|lupus companion))?{_SMALL_TALK}$"
)
_OKAY = re.compile(
    rf"^(?:ok(?:ay)?|k|kk|cool|great|nice|good|fine|yes|yeah|yep|no|nope|nah|alright|all right|"
    rf"got it|sure|sounds good|will do|lol|haha)(?:\s+(?:then|thanks?))?{_SMALL_TALK}$"
)
_MENU = re.compile(
    rf"^(?:help|menu|start|options|commands|\?+|what can you do|what do you do|"
    rf"what can i do|help me|help please|please help)(?:\s+please)?{_SMALL_TALK}$"
)


class Intent(StrEnum):
    THANKS = "thanks"
    OKAY = "okay"
    GREETING = "greeting"
    MENU = "menu"
    SUGGEST = "suggest"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One button: what it opens (``kind`` and ``target`` as the ``open`` button takes them:
    ``article`` + ``id`` or ``id#section``; ``routine`` + ``id``; ``resources`` + ``topic``
    or ``topic#group``) and its label."""

    kind: str
    target: str
    label: str


@dataclass(frozen=True, slots=True)
class DmIntent:
    intent: Intent
    suggestions: tuple[Suggestion, ...] = ()


def understand(text: str, library: Library) -> DmIntent:
    """The likeliest wish behind ``text``: small talk ("thanks", "hi", "ok"), the menu, or up to
    three suggestions (``UNKNOWN`` when nothing matched well enough)."""
    said = normalize_query(text, limit=300)
    if _THANKS.match(said):
        return DmIntent(Intent.THANKS)
    if _OKAY.match(said):
        return DmIntent(Intent.OKAY)
    if _GREETING.match(said):
        return DmIntent(Intent.GREETING)
    if _MENU.match(said) or not said.strip():
        return DmIntent(Intent.MENU)
    suggestions = suggest(said, library)
    return DmIntent(Intent.SUGGEST if suggestions else Intent.UNKNOWN, suggestions)


@dataclass(frozen=True, slots=True)
class _Candidate:
    rank: int
    score: float
    kind: str
    key: str
    suggestion: Suggestion
    overlap: int


def suggest(text: str, library: Library) -> tuple[Suggestion, ...]:
    """Up to three things to open: the best of each kind first, then the next best others.

    Within a kind, a title that names the member's own words (or their synonyms) comes first,
    so "my back hurts" offers the lower-back routine rather than any routine that says "back"."""
    words = _meaningful(text, library)
    best: dict[str, _Candidate] = {}
    for rank, hit in enumerate(library.search(text, limit=SEARCH_DEPTH)):
        if hit.score < MIN_SCORE:
            continue
        found = _candidate(rank, hit, library, words)
        if found is not None and found.key not in best:
            best[found.key] = found
    if not best:
        return ()
    ordered = sorted(best.values(), key=lambda c: (-c.overlap, c.rank))
    chosen: list[_Candidate] = []
    for kind in ("article", "routine", "resource"):
        first = next((c for c in ordered if c.kind == kind), None)
        if first is not None:
            chosen.append(first)
    chosen.sort(key=lambda c: c.rank)
    top = max(c.score for c in best.values())
    for candidate in sorted(best.values(), key=lambda c: c.rank):
        if len(chosen) >= MAX_SUGGESTIONS:
            break
        if candidate not in chosen and candidate.score >= FILL_SHARE * top:
            chosen.append(candidate)
    return tuple(c.suggestion for c in chosen[:MAX_SUGGESTIONS])


def _meaningful(text: str, library: Library) -> set[str]:
    """The member's words that say something, and the content's words for them (synonyms)."""
    tokens = [t for t in fts_tokens(text) if t not in STOPWORDS and len(t) >= 3]
    words = set(tokens)
    joined = f" {' '.join(fts_tokens(text))} "
    for word, means in library.synonyms.items():
        if f" {' '.join(fts_tokens(word))} " in joined:
            words.update(t for m in means for t in fts_tokens(m) if len(t) >= 3)
    return words


def _overlap(title: str, words: set[str]) -> int:
    """How many of ``words`` a title names (a shared start of four letters: "hurts" ~ "hurt")."""
    stems = {w[:4] for w in words}
    return len({t[:4] for t in fts_tokens(title) if len(t) >= 3} & stems)


def _candidate(rank: int, hit: SearchHit, library: Library, words: set[str]) -> _Candidate | None:
    """The button a hit becomes, keyed so one article, routine or topic gives one button."""
    kind, _, target = hit.ref.partition(":")
    ident, _, part = target.partition("#")
    if kind == "article" and (article := library.articles.get(ident)) is not None:
        section = article.section(part) if part else None
        label = f"{article.title}: {section.title}" if section is not None else article.title
        suggestion = Suggestion("article", target, _label("📖", label))
        return _Candidate(rank, hit.score, "article", f"article:{ident}", suggestion, _overlap(label, words))
    if kind == "routine" and (routine := library.routines.get(ident)) is not None:
        suggestion = Suggestion("routine", ident, _label("🧘", routine.title))
        overlap = _overlap(routine.title, words)
        return _Candidate(rank, hit.score, "routine", f"routine:{ident}", suggestion, overlap)
    if kind == "resources" and (topic := library.topics.get(ident)) is not None:
        group = part or _group_of(hit, topic)
        where = f"{ident}#{group}" if group else ident
        named = topic.groups[int(group)].title if group.isdigit() and int(group) < len(topic.groups) else ""
        suggestion = Suggestion(
            "resources", where, _label("🤝", f"{topic.title}: {named}" if named else topic.title)
        )
        overlap = _overlap(f"{hit.title} {named}", words)
        return _Candidate(rank, hit.score, "resource", f"resources:{ident}", suggestion, overlap)
    return None


def _group_of(hit: SearchHit, topic: ResourceTopic) -> str:
    """The index of the group holding the item a resource hit names ("" if not found)."""
    for index, group in enumerate(topic.groups):
        if any(hit.title.startswith(f"{item.name} (") for item in group.items):
            return str(index)
    return ""


def _label(icon: str, text: str) -> str:
    return clip(f"{icon} {text}", limits.BUTTON_LABEL)

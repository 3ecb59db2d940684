"""Full-text search over one library snapshot: SQLite FTS5 in memory, rapidfuzz for typos.

Why FTS5: stemming ("stretches" finds "stretching"), bm25 ranking with titles
weighted above bodies, and ``snippet()`` for the lines under each result, in the
standard library and fast (under a millisecond for today's content, about 7 ms median at
5,000 sections).
Members' own words are widened with the content's synonyms list
(``content/synonyms.yaml``): "depressed" is searched as ``("depressed" OR
"emotional health" OR …)``, so a word the content never uses still finds the
article about it. When FTS finds nothing, usually a typo ("nefritis"), each unknown word is
replaced by the closest indexed term (rapidfuzz) and FTS runs again; if that
still finds nothing, result titles are matched with rapidfuzz.

User text never reaches FTS syntax: a query is cut into word tokens, each quoted,
so quotes, ``NEAR``, ``*``, ``-`` or 6,000 characters of anything cannot raise.

Threads: the index is built in whatever thread builds the library (a worker
thread during reload) and then only read. The connection allows use from other
threads and every query holds a lock, so reads are safe from any thread; in the
bot they all come from the event loop thread.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz, process

from bot.text import clip, normalize_query

HitKind = Literal["article", "routine", "resource"]

MAX_TOKENS = 16
MAX_TOKEN_CHARS = 40
SNIPPET_TOKENS = 18
FUZZY_CUTOFF = 75
"""rapidfuzz WRatio a result label must reach when all else found nothing."""
FUZZY_MAX_QUERY = 30
FUZZY_MAX_DOCS = 2_000
"""The last resort (rapidfuzz WRatio over every result title) costs about 2–4 ms per 1,000
titles; above these sizes it would break the 20 ms budget, and a long query that FTS
could not match even corrected is not a misspelt title anyway."""
CORRECT_CUTOFF = 75
"""rapidfuzz ratio for replacing a misspelt query word with an indexed term."""
WEIGHTS = (10.0, 5.0, 2.0, 1.0)
"""bm25 weights of the columns: title, keywords (aliases, group, level…), context, body."""
_STOPWORDS_TEXT = """
a an and are as at be but by can do does for from how i if in is it me my of on or so
that the this to was what when where which who why will with you your
all am any been feel feeling get got had has have im just lot lots much really too very
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())
"""Dropped from both passes (unless the synonyms list gives them a meaning), so "how do I
stretch my back" still finds stretches and "tired all the time" does not match on "time"."""
TIER_POOL = 3
"""Plain matches fetched per result wanted, for the tiers to reorder."""
STRONG_COLUMNS = ("title keywords", "title keywords context")
"""Columns that say what a place is about (its body only mentions things): a place naming
every word of a query in its title or keywords comes first, then in those or its context."""
_WORD = re.compile(r"[^\W_]+")

Phrase = tuple[str, ...]
"""Tokens that must appear one after another ("emotional health")."""


@dataclass(frozen=True, slots=True)
class Term:
    """One part of a query: the words as typed, or-ed with what the synonyms list adds."""

    typed: Phrase
    also: tuple[Phrase, ...] = ()

    def is_small_word(self) -> bool:
        """A stopword, or a single letter left over from "can't" or "it's"."""
        if self.also or len(self.typed) != 1:
            return False
        token = self.typed[0]
        return token in STOPWORDS or (len(token) == 1 and token.isalpha())


@dataclass(frozen=True, slots=True)
class SearchDoc:
    """One searchable thing: an article section, a routine or a resource item.

    ``title`` is indexed (weighted highest); ``label`` is what a result shows."""

    kind: HitKind
    id: str
    section_id: str | None
    label: str
    title: str
    keywords: str
    context: str
    body: str
    ref: str


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One result. ``score``: the bm25 score (the list order, not the score, is the ranking).
    ``snippet`` is plain text with the matched words in Discord ``**bold**``."""

    kind: HitKind
    id: str
    section_id: str | None
    title: str
    snippet: str
    score: float
    ref: str


def fts_tokens(query: str) -> list[str]:
    """The words of ``query`` that can go into an FTS5 query (no syntax characters)."""
    words = _WORD.findall(normalize_query(query, limit=1000))
    return [w[:MAX_TOKEN_CHARS] for w in words[:MAX_TOKENS]]


def fts_query(
    terms: Sequence[Term], operator: str, prefix: frozenset[str] = frozenset(), columns: str = ""
) -> str:
    """Quoted terms joined by ``AND``/``OR``; a term with synonyms is an OR-group in brackets.
    The last typed word, and any in ``prefix``, also match as a prefix ("kidn" finds "kidney").
    ``columns`` (``"title context"``) makes each term match in those columns only."""
    parts = []
    for n, term in enumerate(terms):
        typed = '"' + " ".join(term.typed) + '"'
        single = len(term.typed) == 1
        last = n == len(terms) - 1
        if single and (term.typed[0] in prefix or (last and len(term.typed[0]) >= 3)):
            typed += "*"
        if term.also:
            typed = "(" + " OR ".join([typed, *('"' + " ".join(p) + '"' for p in term.also)]) + ")"
        parts.append(f"{{{columns}}} : ({typed})" if columns else typed)
    return f" {operator} ".join(parts)


def synonym_table(expansions: Mapping[str, Sequence[str]]) -> dict[Phrase, tuple[Phrase, ...]]:
    """The synonyms list as token phrases, the same tokens a query is cut into."""
    table: dict[Phrase, tuple[Phrase, ...]] = {}
    for word, means in expansions.items():
        key = tuple(fts_tokens(word))
        phrases = tuple(p for p in (tuple(fts_tokens(m)) for m in means) if p and p != key)
        if key and phrases:
            table[key] = tuple(dict.fromkeys((*table.get(key, ()), *phrases)))
    return table


def expand(tokens: Sequence[str], table: Mapping[Phrase, tuple[Phrase, ...]]) -> list[Term]:
    """``tokens`` as terms: the longest run of words found in ``table`` becomes one term with
    its synonyms ("can't afford" → ``("can t afford" OR "costs" …)``); other words stay alone."""
    longest = max(map(len, table), default=0)
    terms: list[Term] = []
    i = 0
    while i < len(tokens):
        for size in range(min(longest, len(tokens) - i), 0, -1):
            phrase = tuple(tokens[i : i + size])
            if phrase in table:
                terms.append(Term(phrase, table[phrase]))
                i += size
                break
        else:
            terms.append(Term((tokens[i],)))
            i += 1
    return terms


class SearchIndex:
    """An in-memory FTS5 table of :class:`SearchDoc` rows (see the module docstring)."""

    def __init__(
        self, docs: Sequence[SearchDoc], synonyms: Mapping[str, Sequence[str]] | None = None
    ) -> None:
        """``synonyms``: a member's word → the content's words for it (see :func:`synonym_table`)."""
        self._docs = list(docs)
        self._synonyms = synonym_table(synonyms or {})
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(":memory:", check_same_thread=False)
        self._conn.execute(
            "CREATE VIRTUAL TABLE docs USING fts5("
            "title, keywords, context, body, tokenize = 'porter unicode61 remove_diacritics 2')"
        )
        self._conn.executemany(
            "INSERT INTO docs(rowid, title, keywords, context, body) VALUES (?, ?, ?, ?, ?)",
            ((i, d.title, d.keywords, d.context, d.body) for i, d in enumerate(self._docs)),
        )
        self._conn.commit()
        self._labels = [normalize_query(d.label) for d in self._docs]
        # Indexed (stemmed) terms, to correct typos in a query that found nothing.
        self._conn.execute("CREATE VIRTUAL TABLE vocab USING fts5vocab(docs, 'row')")
        terms = (row[0] for row in self._conn.execute("SELECT term FROM vocab"))
        self._vocab = [t for t in terms if len(t) >= 3 and t.isalpha()]
        self._vocab_set = frozenset(self._vocab)

    def __len__(self) -> int:
        return len(self._docs)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def search(self, query: str, limit: int = 10) -> list[SearchHit]:
        """Best matches first; an empty list when nothing matches. Never raises on odd input."""
        limit = max(0, min(limit, 50))
        tokens = fts_tokens(query)
        if not tokens or limit == 0:
            return []
        hits = self._and_then_or(tokens, limit)
        if not hits:
            corrected = self._corrected(tokens)
            if corrected != tokens:
                hits = self._and_then_or(corrected, limit, frozenset(corrected) - frozenset(tokens))
        if hits:
            return hits
        typed = " ".join(tokens)
        if len(typed) > FUZZY_MAX_QUERY or len(self._docs) > FUZZY_MAX_DOCS:
            return []
        return self._fuzzy(typed, limit)

    def _and_then_or(
        self, tokens: list[str], limit: int, prefix: frozenset[str] = frozenset()
    ) -> list[SearchHit]:
        """All meaningful words first; when that finds nothing, any of the words."""
        terms = expand(tokens, self._synonyms)
        meaningful = [t for t in terms if not t.is_small_word()] or terms
        hits = self._match(fts_query(meaningful, "AND", prefix), limit * TIER_POOL)
        if hits and len(meaningful) > 1:
            # Places naming every word in their title or keywords come first, then in those or
            # their context: "can't afford my meds" opens medicine-cost help before a page that
            # only mentions medicines. The tiers only reorder the plain matches, which keep their
            # snippets (matched words in bold).
            plain = {(h.ref, h.title): h for h in hits}
            ranked: dict[tuple[str, str], SearchHit] = {}
            for columns in STRONG_COLUMNS:
                for h in self._match(fts_query(meaningful, "AND", prefix, columns), limit * TIER_POOL):
                    if (h.ref, h.title) in plain:
                        ranked.setdefault((h.ref, h.title), plain[(h.ref, h.title)])
            for key, h in plain.items():
                ranked.setdefault(key, h)
            hits = list(ranked.values())
        hits = hits[:limit]
        if not hits and len(meaningful) > 1:
            # Any of the meaningful words: "tired all the time" must not match on "the time".
            hits = self._match(fts_query(meaningful, "OR", prefix), limit)
        return hits

    def _corrected(self, tokens: list[str]) -> list[str]:
        """Each unknown word of 4+ letters replaced by the closest indexed term ("nefritis" →
        "nephriti", the stem of "nephritis"); searched as a prefix, since terms are stems."""
        out = []
        for token in tokens:
            known = token in self._vocab_set or (token,) in self._synonyms
            if len(token) >= 4 and token.isalpha() and not known and self._vocab:
                match = process.extractOne(token, self._vocab, scorer=fuzz.ratio, score_cutoff=CORRECT_CUTOFF)
                out.append(match[0] if match else token)
            else:
                out.append(token)
        return out

    def _match(self, match: str, limit: int) -> list[SearchHit]:
        sql = (
            f"SELECT rowid, bm25(docs, {', '.join(map(str, WEIGHTS))}) AS rank, "
            f"snippet(docs, 3, '**', '**', '…', {SNIPPET_TOKENS}) "
            "FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT ?"
        )
        try:
            with self._lock:
                rows = self._conn.execute(sql, (match, limit)).fetchall()
        except sqlite3.Error:  # belt and braces: tokens are quoted, so this should not happen
            return []
        return [self._hit(rowid, -rank, snippet) for rowid, rank, snippet in rows]

    def _fuzzy(self, query: str, limit: int) -> list[SearchHit]:
        matches = process.extract(
            query, self._labels, scorer=fuzz.WRatio, processor=None, score_cutoff=FUZZY_CUTOFF, limit=limit
        )
        return [self._hit(i, score / 100, clip(self._docs[i].body, 160)) for _, score, i in matches]

    def _hit(self, row: int, score: float, snippet: str) -> SearchHit:
        doc = self._docs[row]
        return SearchHit(doc.kind, doc.id, doc.section_id, doc.label, snippet, round(score, 4), doc.ref)

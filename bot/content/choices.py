"""Autocomplete choices: typo-tolerant, ranked, and cheap enough to answer every keystroke.

Discord gives an autocomplete handler no way to defer and shows at most 25
choices, so each query must be fast and its best answers first. Everything that
does not depend on the query (normalised search keys, the default order) is
built once per library snapshot; a query then costs a few substring tests per
entry in C and, only when those find too little, one rapidfuzz pass.

Ranking: exact match, then prefix of a name/alias/id, then a word that starts
with the query, then a substring, then every query word somewhere; inside a
tier, shorter names first (the closest match), then the default order. Only
when none of that matches (usually a typo) are misspelt words corrected, and
failing that, fuzzy matches come by score.
"""

from __future__ import annotations

import functools
import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot import limits
from bot.text import clip, normalize_query

FUZZY_CUTOFF = 72
"""rapidfuzz WRatio score (0–100) a typo must reach; below it matches feel random."""
CORRECT_CUTOFF = 75
"""rapidfuzz ratio for replacing a misspelt word with a known one ("kidny" → "kidney" is 91)."""
FULL_FUZZY_MAX_KEYS = 4_000
FULL_FUZZY_MAX_QUERY = 30
"""Whole-key fuzzy matching (rapidfuzz WRatio) costs about 1 ms per 1,000 keys for a short
query and more for a long one; above these sizes it would break the 5 ms budget, and a
long query that matched nothing else is not a typo of a name anyway."""
LAZY_TYPO_INDEX_MAX = 50
"""Indexes with at most this many entries build their typo index on first use."""
MIN_FUZZY_KEY = 3
"""Shorter keys (``no``, ``us``) match almost anything as a partial string; skip them."""


@dataclass(frozen=True, slots=True)
class Choice:
    """One autocomplete choice: ``name`` is shown (≤ 100 chars), ``value`` is sent back."""

    name: str
    value: str


@dataclass(frozen=True, slots=True)
class _TypoIndex:
    keys: list[str]  # every key and every word of a key, 3+ letters, sorted
    owners: list[list[int]]  # entries each key belongs to
    vocabulary: list[str]  # the single words among the keys
    known: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Entry:
    choice: Choice
    blob: str  # "\n" + "\n".join(normalised keys) + "\n"
    rank: int  # position in the default order


class _Normaliser:
    """``normalize_query`` with a memo: aliases repeat on every section of an article."""

    def __init__(self) -> None:
        self._seen: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        found = self._seen.get(text)
        if found is None:
            found = self._seen[text] = normalize_query(text)
        return found

    def keys(self, name: str, value: str, extra: Iterable[str]) -> list[str]:
        """What an entry is found by: its name, its value (as written and with spaces for
        hyphens) and the extra words, normalised and without repeats."""
        keys = [self(name), self(value), self(value.replace("-", " ")), *(self(word) for word in extra)]
        return list(dict.fromkeys(k for k in keys if k))


class ChoiceIndex:
    """Choices for one option (articles, sections of one article, routines …)."""

    def __init__(self, entries: Sequence[tuple[str, str, Iterable[str]]], *, alphabetical: bool) -> None:
        """``entries`` are ``(name, value, extra search words)``; the default order (shown for an
        empty query) is alphabetical by name, or the given order when ``alphabetical`` is False."""
        normalise = _Normaliser()
        items = [
            (clip(name, limits.CHOICE_NAME), value, normalise.keys(name, value, extra))
            for name, value, extra in entries
        ]
        if alphabetical:
            items.sort(key=lambda item: (item[2][0], item[1]))
        self._entries = [
            _Entry(Choice(name, value[: limits.CHOICE_VALUE]), "\n" + "\n".join(keys) + "\n", rank)
            for rank, (name, value, keys) in enumerate(items)
        ]
        self._keys = [keys for _, _, keys in items]
        if len(self._entries) > LAZY_TYPO_INDEX_MAX:
            _ = self._typos  # a big index is built now, so no member's keystroke pays for it

    @functools.cached_property
    def _typos(self) -> _TypoIndex:
        """Typo tolerance, two ways. (1) Every word of 3+ letters in any key is vocabulary: a
        misspelt query word is replaced by the closest one ("mony" → "money"), then matched as
        usual. (2) When that finds nothing, whole keys and words are compared with rapidfuzz
        ("backpain" ~ "back pain"), for indexes small enough for that to stay cheap.

        Built on first use for small indexes (one per article's sections: most are never
        queried with a typo), in the constructor for big ones. Building twice from two
        threads at once is harmless: the result is the same."""
        owners: dict[str, list[int]] = {}
        for i, keys in enumerate(self._keys):
            tokens = set(keys)
            for key in keys:
                tokens.update(key.split())
            for token in tokens:
                if len(token) >= MIN_FUZZY_KEY:
                    owners.setdefault(token, []).append(i)
        fuzzy_keys = sorted(owners)  # sorted: the same order, so the same answers, in every process
        vocabulary = [k for k in fuzzy_keys if " " not in k]
        return _TypoIndex(fuzzy_keys, [owners[k] for k in fuzzy_keys], vocabulary, frozenset(vocabulary))

    def __len__(self) -> int:
        return len(self._entries)

    def query(self, text: str, limit: int = limits.AUTOCOMPLETE_CHOICES) -> list[Choice]:
        """The best ``limit`` (≤ 25) choices for what the member has typed so far."""
        limit = max(0, min(limit, limits.AUTOCOMPLETE_CHOICES))
        query = normalize_query(text, limits.CHOICE_NAME)
        if not query or not limit:
            return [entry.choice for entry in self._entries[:limit]]
        picked = self._matching(query, limit)
        if not picked:
            corrected = self._corrected(query)
            if corrected != query:
                picked = self._matching(corrected, limit)
        if not picked and len(query) <= FULL_FUZZY_MAX_QUERY and len(self._typos.keys) <= FULL_FUZZY_MAX_KEYS:
            picked = self._fuzzy(query, limit)
        return [self._entries[i].choice for i in picked]

    def _matching(self, query: str, limit: int) -> list[int]:
        """Entries containing the query, best tier first (see the module docstring)."""
        exact, start, word = "\n" + query + "\n", "\n" + query, " " + query
        words = query.split()
        several = len(words) > 1
        short = len(query) < 2  # one letter: only names and words that start with it
        ranked: list[tuple[int, int, int, int]] = []
        for i, entry in enumerate(self._entries):
            blob = entry.blob
            if query in blob:
                tier = 0 if exact in blob else 1 if start in blob else 2 if word in blob else 3
                if short and tier == 3:
                    continue
            elif several and all(w in blob for w in words):
                tier = 4
            else:
                continue
            ranked.append((tier, len(entry.choice.name), entry.rank, i))
        return [i for *_, i in heapq.nsmallest(limit, ranked)]

    def _corrected(self, query: str) -> str:
        """``query`` with each unknown word replaced by the closest vocabulary word."""
        typos, out = self._typos, []
        for word in query.split():
            if len(word) >= MIN_FUZZY_KEY and word not in typos.known and typos.vocabulary:
                match = process.extractOne(
                    word, typos.vocabulary, scorer=fuzz.ratio, score_cutoff=CORRECT_CUTOFF
                )
                out.append(match[0] if match else word)
            else:
                out.append(word)
        return " ".join(out)

    def _fuzzy(self, query: str, wanted: int) -> list[int]:
        """Entries whose name, alias, id or one word of them is close to ``query`` (typos)."""
        typos = self._typos
        matches = process.extract(
            query,
            typos.keys,
            scorer=fuzz.WRatio,
            processor=None,
            score_cutoff=FUZZY_CUTOFF,
            limit=wanted * 4 + 10,
        )
        best: dict[int, float] = {}
        for _, score, position in matches:
            for owner in typos.owners[position]:
                if score > best.get(owner, -1.0):
                    best[owner] = score
        ordered = sorted(
            best, key=lambda i: (-best[i], len(self._entries[i].choice.name), self._entries[i].rank)
        )
        return ordered[:wanted]

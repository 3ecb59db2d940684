"""Crisis detector: what a piece of free text tells us about the writer's safety.

Interface used by every free-text path (DMs, search, forms, text options):
``screen(text, extra_phrases=()) -> Screening``. ``extra_phrases`` are the
content's own crisis phrases (``safety.yaml``), which count as well.

How: the text becomes a canonical token stream (:mod:`bot.crisis.normalize`), the
phrase families of :mod:`bot.crisis.lexicon` and the concept rules of :mod:`bot.crisis.concepts`
are matched on it, and each match is
checked against its family's guards (negation, everyday context) and read for who
it is about. The most urgent concern wins: overdose, then suicide, then self-harm,
then someone else at risk. When no family matches, weak signals of two kinds in one sentence or
two adjacent ones (:mod:`bot.crisis.pairs`: "I have the pills saved up. Tonight is the night.")
are a crisis too. Without any, hurt during exercise is reported so the It-hurts help can be
shown, and a learned model reads what the rules found nothing in. Nothing is stored or logged.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

from bot.crisis.concepts import CONCEPT_CLASSES, CONCEPT_FAMILIES, defuse, rejoin_fragments
from bot.crisis.concern import Concern, Screening
from bot.crisis.lexicon import (
    CLASSES,
    ENGLISH_HINTS,
    EXERCISE,
    EXERCISE_NAMES,
    FAMILIES,
    FIRST_PERSON,
    INJURY,
    NEGATION_BRIDGE,
    NEGATORS,
    OTHER_INSIDE,
    OTHER_PEOPLE,
    SPANISH_HINTS,
    Family,
    Person,
    words,
)
from bot.crisis.model import CrisisModel, load_model
from bot.crisis.normalize import BOUNDARY, squeeze, tokens
from bot.crisis.pairs import PAIR_CLASSES, PAIR_FAMILIES
from bot.crisis.patterns import Compiler

__all__ = ["Concern", "Screening", "screen", "warm_up"]

NO_CONCERN = Screening()
# Most urgent first: an overdose needs the emergency number before anything else.
PRIORITY: tuple[Concern, ...] = (Concern.OVERDOSE, Concern.SUICIDE, Concern.SELF_HARM, Concern.OTHER_PERSON)

MODEL_MIN_WORDS = 4  # a sentence shorter than this is left to the rules
# A message is also read whole from this many words up to the next: the long, indirect posts the
# sentences alone miss (written at 15 to 60 words). Shorter ones stay with their sentences ("I want
# to. Die Hard is on tonight"); in a much longer one a few sentences are lost in the whole, and
# reading it twice would cost more than the 1 ms budget.
MESSAGE_MIN_WORDS = 10
MESSAGE_MAX_WORDS = 80
SHORT_TEXT = 60  # words: below this a pattern is scanned over the text, above it tried where it can start
LOOKBACK = 8  # words searched backwards for who a match is about
VETO_WINDOW = 6  # words either side searched for everyday context
ON_PURPOSE = (
    "on purpose", "deliberately", "intentionally", "purposely", "purposefully", "a proposito", "adrede",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Pattern:
    regex: re.Pattern[str]
    first_words: frozenset[str] | None  # None: may start at any word
    # The word sets the pattern needs (one word of each must stand in the text for it to match),
    # one bit per set (see _WordSets): a text lacking any of them is skipped with one AND.
    needs: int = 0
    # One of those sets, the one least likely in everyday text: the pattern is listed under its
    # words (_PatternIndex), so a text none of whose words is there never looks at the pattern.
    key: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class _Compiled:
    family: Family
    patterns: tuple[_Pattern, ...]

    def finditer(self, text: _Text, patterns: Iterable[_Pattern] | None = None) -> Iterator[re.Match[str]]:
        """Matches of the family's patterns (or of ``patterns``, those of them the text may match:
        see :class:`_PatternIndex`). In a long text a pattern is only tried where one of
        its first words stands, in a sentence that has a word of every set it needs (no match
        crosses the end of a sentence), not scanned over the whole text: long messages stay fast."""
        short = len(text.words) <= SHORT_TEXT
        missing = text.missing
        joined = text.joined
        for pattern in self.patterns if patterns is None else patterns:
            needs = pattern.needs
            if needs & missing:
                continue  # a word the pattern needs (or starts with) is not in the text at all
            if pattern.first_words is None or short:  # short: one scan is cheaper than the places
                yield from pattern.regex.finditer(joined)
                continue
            sentence_missing = text.sentence_missing
            starts = text.starts
            match_at = pattern.regex.match
            for i in text.indexes(pattern.first_words):
                if needs & sentence_missing[i]:
                    continue
                match = match_at(joined, starts[i])
                if match:
                    yield match


@dataclass(frozen=True, slots=True)
class _Text:
    """The token stream, its matchable string, and where each token starts in it."""

    words: list[str]
    joined: str
    starts: list[int]
    positions: dict[str, list[int]]  # word -> indexes where it stands
    vocabulary: frozenset[str]
    missing: int  # the bits of the needed word sets (_WordSets) none of whose words is in the text
    # long texts only: for each token, the bits of the needed word sets missing from its sentence
    sentence_missing: list[int]
    _indexes: dict[frozenset[str], list[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, words: list[str]) -> _Text:
        starts = list(accumulate([len(w) + 1 for w in words], initial=1))
        starts.pop()  # where the text after the last word would start
        positions: defaultdict[str, list[int]] = defaultdict(list)
        for i, w in enumerate(words):
            positions[w].append(i)
        vocabulary = frozenset(positions)
        joined = " " + " ".join(words) + " "
        sentence_missing: list[int] = []
        if len(words) > SHORT_TEXT:
            begin = 0
            for end in [*positions.get(BOUNDARY, ()), len(words)]:
                # the boundary itself takes its sentence's bits (no pattern starts with it)
                size = min(end + 1, len(words)) - begin
                sentence_missing += [_WORD_SETS.missing(words[begin:end])] * size
                begin = end + 1
        return cls(
            words, joined, starts, positions, vocabulary, _WORD_SETS.missing(vocabulary), sentence_missing
        )

    def indexes(self, first_words: frozenset[str]) -> list[int]:
        """Where any of ``first_words`` stands, in order (worked out once per set of words)."""
        found = self._indexes.get(first_words)
        if found is None:
            present = first_words & self.vocabulary
            found = self._indexes[first_words] = sorted(i for word in present for i in self.positions[word])
        return found

    def span(self, match: re.Match[str]) -> tuple[int, int]:
        """Token indexes [start, end) covered by a regex match."""
        start = bisect_right(self.starts, match.start()) - 1
        end = bisect_right(self.starts, max(match.end() - 2, match.start()))
        return start, max(end, start + 1)

    def sentence(self, start: int, end: int, window: int) -> list[str]:
        """Words around [start, end) in the same sentence, at most ``window`` either side."""
        lo = start
        while lo > 0 and start - lo < window and self.words[lo - 1] != BOUNDARY:
            lo -= 1
        hi = end
        while hi < len(self.words) and hi - end < window and self.words[hi] != BOUNDARY:
            hi += 1
        return self.words[lo:start] + self.words[end:hi]


_COMPILER = Compiler({**CLASSES, **CONCEPT_CLASSES, **PAIR_CLASSES})


class _WordSets:
    """The word sets the patterns need, one bit each, and for every word the bits of the sets it
    is in: a text's missing sets are found once, from its vocabulary, for all the patterns."""

    def __init__(self) -> None:
        self._bits: dict[frozenset[str], int] = {}
        self._word_bits: dict[str, int] = {}
        self._all = 0

    def bits(self, sets: Iterable[frozenset[str]]) -> int:
        found = 0
        for word_set in sets:
            bit = self._bits.get(word_set)
            if bit is None:
                bit = self._bits[word_set] = 1 << len(self._bits)
                self._all |= bit
                for word in word_set:
                    self._word_bits[word] = self._word_bits.get(word, 0) | bit
            found |= bit
        return found

    def missing(self, vocabulary: Iterable[str]) -> int:
        present = 0
        word_bits = self._word_bits
        for word in vocabulary:
            present |= word_bits.get(word, 0)
        return self._all & ~present


_WORD_SETS = _WordSets()


# Words in most messages, squeezed like the patterns' words: a needed word set holding one is a
# poor key for _PatternIndex.
_COMMON_WORDS = words(
    "i me my to a the and it is of in that this for you be have not so just do was with but on at all "
    "like are get if or can what am no im dont up out one"
)


def _key(needed: Iterable[frozenset[str]]) -> frozenset[str]:
    """The needed word set least likely in everyday text: fewest common words, then fewest words."""
    return min(needed, key=lambda words: (len(words & _COMMON_WORDS), len(words)), default=frozenset())


def _compile(family: Family) -> _Compiled:
    compiled: list[_Pattern] = []
    for p in family.patterns:
        first = _COMPILER.first_words(p)
        needed = (*_COMPILER.anchors(p), *(() if first is None else (first,)))
        compiled.append(_Pattern(_COMPILER.compile_one(p), first, _WORD_SETS.bits(needed), _key(needed)))
    return _Compiled(family, tuple(compiled))


class _PatternIndex:
    """Which patterns of a row of families a text may match, found from its words in one pass.

    Each pattern is listed under the words of its key (a word set it needs), so a text meets only
    the few patterns whose key it has a word of, in the families' and patterns' own order, instead
    of checking each of about a thousand patterns in turn (that loop was half the screen's time)."""

    def __init__(self, families: Iterable[_Compiled]) -> None:
        self._patterns: list[tuple[int, _Pattern]] = []  # (family number, pattern), in order
        by_word: defaultdict[str, list[int]] = defaultdict(list)
        for number, compiled in enumerate(families):
            for pattern in compiled.patterns:
                if not pattern.key:
                    raise ValueError(f"a pattern of {compiled.family.name!r} needs no word")
                for word in pattern.key:
                    by_word[word].append(len(self._patterns))
                self._patterns.append((number, pattern))
        self._by_word = {word: tuple(found) for word, found in by_word.items()}

    def candidates(self, text: _Text) -> dict[int, list[_Pattern]]:
        """Family number -> the patterns the text has a word of every needed set for, in order."""
        listed: set[int] = set()
        by_word = self._by_word
        for word in text.vocabulary:
            found = by_word.get(word)
            if found:
                listed.update(found)
        missing = text.missing
        patterns = self._patterns
        out: dict[int, list[_Pattern]] = {}
        for n in sorted(listed):
            number, pattern = patterns[n]
            if not pattern.needs & missing:
                out.setdefault(number, []).append(pattern)
        return out


# The phrase families first, then the concept rules (bot/crisis/concepts.py).
ALL_FAMILIES: tuple[Family, ...] = (*FAMILIES, *CONCEPT_FAMILIES)
_FAMILIES: tuple[_Compiled, ...] = tuple(_compile(f) for f in ALL_FAMILIES)
_FAMILY_INDEX = _PatternIndex(_FAMILIES)
_ON_PURPOSE = tuple(" " + p + " " for p in ON_PURPOSE)
# The weak signals read across two sentences (bot/crisis/pairs.py): means, resolve, despair.
_PAIRS: tuple[tuple[str, _Compiled], ...] = tuple((kind, _compile(f)) for kind, f in PAIR_FAMILIES)
_PAIR_INDEX = _PatternIndex(compiled for _, compiled in _PAIRS)


def _negated(text: _Text, start: int) -> bool:
    """A negator just before the match ("I do not really want to die"), within the sentence."""
    i = start - 1
    bridged = 0
    while i >= 0 and bridged <= 3:
        word = text.words[i]
        if word in NEGATORS:
            return True
        if word not in NEGATION_BRIDGE:
            return False
        bridged += 1
        i -= 1
    return False


def _person(text: _Text, start: int, end: int, family: Family) -> Person:
    """Whom the match is about: the words inside it first, then the nearest person before it."""
    if family.person:
        return family.person
    inside = text.words[start:end]
    if any(w in FIRST_PERSON for w in inside):
        return "self"
    if any(w in OTHER_INSIDE for w in inside):
        return "other"
    i = start - 1
    while i >= 0 and start - i <= LOOKBACK and text.words[i] != BOUNDARY:
        word = text.words[i]
        if word in FIRST_PERSON and word != "me":  # "my friend sent me a goodbye text"
            return "self"
        if word in OTHER_PEOPLE:
            return "other"
        i -= 1
    return family.default_person


def _vetoed(text: _Text, start: int, end: int, family: Family) -> bool:
    return _vetoed_by(text, start, end, family.veto)


def _vetoed_by(text: _Text, start: int, end: int, veto: frozenset[str]) -> bool:
    if not veto:
        return False
    around = text.sentence(start, end, VETO_WINDOW)
    if veto.isdisjoint(around):
        return False
    context = " " + " ".join(around) + " "
    return not any(p in context for p in _ON_PURPOSE)


def _findings(text: _Text) -> tuple[list[tuple[Concern, str]], bool]:
    """Every concern the families find, with the language of the family that found it, and
    whether some family matched only to be stopped by its own guard (see :func:`_matches`)."""
    found, guarded = _matches(text)
    return [(concern, family.language) for family, concern in found], guarded


def _matches(text: _Text) -> tuple[list[tuple[Family, Concern]], bool]:
    """Each family that matches (once), with the concern its match stands for; and whether a
    match was stopped by its family's guard (a negation, everyday context).

    The rules decided those guarded wordings on purpose ("I don't want to die", "tired of living
    off noodles"), so the learned model does not overrule them."""
    found: list[tuple[Family, Concern]] = []
    guarded = False
    candidates = _FAMILY_INDEX.candidates(text)
    for number, compiled in enumerate(_FAMILIES):
        patterns = candidates.get(number)
        if not patterns:
            continue
        family = compiled.family
        about_other = False
        for match in compiled.finditer(text, patterns):
            start, end = text.span(match)
            if (family.negatable and _negated(text, start)) or _vetoed(text, start, end, family):
                guarded = True
                continue
            if _person(text, start, end, family) == "self":
                found.append((family, family.concern))
                break  # the writer's own concern: nothing in this family is more urgent
            if not about_other:
                about_other = True
                found.append((family, Concern.OTHER_PERSON))
    return found, guarded


# Kinds that do not make a crisis together: "I'm done. Bye!" ends a chat; an overdose's signs
# ("so dizzy", "heart racing") pair only with more than the dose.
_UNPAIRED = frozenset(
    {frozenset(("farewell", "despair"))}
    | {frozenset(("od_signs", kind)) for kind, _ in PAIR_FAMILIES if kind not in ("od_signs", "excess")}
    | {frozenset(("excess", "when"))}
)
# A pair with more than the dose in it is an overdose
_OVERDOSE_KINDS = frozenset(("excess", "od_signs"))


def _paired(text: _Text) -> tuple[Concern | None, set[int]]:
    """Weak signals of two different kinds (means, resolve, despair: bot/crisis/pairs.py) in one
    sentence or two adjacent ones: the writer's crisis, or someone else's when the means or resolve
    signal is about someone else. Each signal keeps its guards (a negation just before it, everyday
    context in its sentence). Also the sentences (numbered by the sentence ends before them) that
    hold any weak signal: the learned model listens to them more readily."""
    ends = text.positions.get(BOUNDARY, [])
    seen: dict[str, dict[int, Person]] = {}
    candidates = _PAIR_INDEX.candidates(text)
    for number, (kind, compiled) in enumerate(_PAIRS):
        family = compiled.family
        sentences = seen.setdefault(kind, {})
        for match in compiled.finditer(text, candidates.get(number, ())):
            start, end = text.span(match)
            if (family.negatable and _negated(text, start)) or _vetoed(text, start, end, family):
                continue
            index = bisect_left(ends, start)
            if sentences.get(index) != "self":
                sentences[index] = _person(text, start, end, family)
    found: Concern | None = None
    # an overdose's halves are common alone ("I feel awful"): the model is not told of them
    weak = {index for kind, sentences in seen.items() if kind not in _OVERDOSE_KINDS for index in sentences}
    for kind, sentences in seen.items():
        if kind == "despair":
            continue  # despair is about others by nature ("everyone would be fine"): the other kind says whom
        for index, person in sentences.items():
            near = (index - 1, index, index + 1)
            partners = (o for o in seen if o != kind and frozenset((kind, o)) not in _UNPAIRED)
            partner = next((other for other in partners if any(i in seen[other] for i in near)), None)
            if partner is not None:
                if person == "self":
                    overdose = kind in _OVERDOSE_KINDS or partner in _OVERDOSE_KINDS
                    return (Concern.OVERDOSE if overdose else Concern.SUICIDE), weak
                found = Concern.OTHER_PERSON
    return found, weak


def matched_families(text: str) -> list[str]:
    """Names of the phrase families that match ``text``: for tests and for tuning the lexicon."""
    words = rejoin_fragments(defuse(tokens(text)))
    return [family.name for family, _ in _matches(_Text.of(words))[0]] if words else []


@lru_cache(maxsize=64)
def _extra_family(phrases: tuple[str, ...]) -> _Compiled | None:
    """The content's own crisis phrases as one more family (normalised like the text)."""
    canonical = sorted({" ".join(tokens(p)) for p in phrases} - {""}, key=len, reverse=True)
    if not canonical:
        return None
    alternatives = "|".join(re.escape(p) + " " for p in canonical)
    # Content phrases keep the everyday exceptions the families know ("die my hair", "dead tired").
    guard = _COMPILER.element("!(@CONTENT_PHRASE_GUARD)")
    family = Family(
        "content-phrases",
        Concern.SUICIDE,
        (),
        negatable=True,
        veto=_SELF_HARM_VETO,
    )
    return _Compiled(family, (_Pattern(re.compile(f"(?<= )(?:{alternatives}){guard}"), None),))


_SELF_HARM_VETO = next(f.veto for f in FAMILIES if f.name == "self-harm-hurt")
_OVERDOSE_VETO = next(f.veto for f in FAMILIES if f.name == "overdose-words")
_EXTRA_KINDS: tuple[tuple[frozenset[str], Concern], ...] = (
    (frozenset({"overdose", "overdosed", "overdosing", "pils", "pil", "odx"}), Concern.OVERDOSE),
    (
        frozenset({"harm", "harming", "hurt", "hurting", "cut", "cuting", "burn", "burning", "cuts"}),
        Concern.SELF_HARM,
    ),
)


def _extra_findings(text: _Text, phrases: tuple[str, ...]) -> list[tuple[Concern, str]]:
    compiled = _extra_family(phrases)
    if compiled is None:
        return []
    for match in compiled.finditer(text):
        start, end = text.span(match)
        if _negated(text, start):
            continue
        words = set(text.words[start:end])
        kind = next((c for keys, c in _EXTRA_KINDS if not keys.isdisjoint(words)), Concern.SUICIDE)
        if kind is Concern.SELF_HARM and _vetoed(text, start, end, compiled.family):
            continue
        if kind is Concern.OVERDOSE and _vetoed_by(text, start, end, _OVERDOSE_VETO):
            continue  # the overdose family's own guard: "is it dangerous to overdose", "the overdose episode"
        person = _person(text, start, end, compiled.family)
        return [(kind if person == "self" else Concern.OTHER_PERSON, "en")]
    return []


_EXERCISE_WORDS = EXERCISE | EXERCISE_NAMES


def _exercise_hurt(text: _Text) -> bool:
    """A hurt word and an exercise word in the same sentence."""
    if INJURY.isdisjoint(text.vocabulary) or _EXERCISE_WORDS.isdisjoint(text.vocabulary):
        return False  # not even in the same text
    sentence: set[str] = set()
    for word in [*text.words, BOUNDARY]:
        if word == BOUNDARY:
            if not INJURY.isdisjoint(sentence) and not _EXERCISE_WORDS.isdisjoint(sentence):
                return True
            sentence = set()
        else:
            sentence.add(word)
    return False


_SPANISH_LETTERS = re.compile("[ñáéíóú¿¡]", re.IGNORECASE)


def _language(text: str, words: list[str]) -> str:
    """ "es" when Spanish words (or letters) outweigh English ones; "en" otherwise."""
    spanish = sum(w in SPANISH_HINTS for w in words)
    if _SPANISH_LETTERS.search(text):
        spanish += 2
    english = sum(w in ENGLISH_HINTS for w in words)
    return "es" if spanish >= 2 and spanish > english else "en"


def _model_flags(model: CrisisModel, words: list[str], weak: set[int]) -> bool:
    """The model reads one sentence at a time, like the rules ("I want to. Die Hard is on"). It
    flags a sentence at its threshold, or at its lower ``near_threshold`` when a weak signal of
    bot/crisis/pairs.py stands in it or next to it (``weak``: sentence numbers). In a message of
    several sentences a flagged one counts only when it still reads as a crisis together with a
    sentence next to it ("you've been kind to me." is a farewell alone, not before "thank you for
    the tips about the fatigue")."""
    sentences: list[tuple[int, str]] = []  # (sentence number, its words)
    sentence: list[str] = []
    number = 0
    for word in [*words, BOUNDARY]:
        if word != BOUNDARY:
            sentence.append(word)
            continue
        if sentence:
            sentences.append((number, " ".join(sentence)))
            sentence = []
        number += 1
    # Read whole, as the model was trained: a crisis said across several sentences, none of which
    # is enough alone ("It's been eleven years of this. I've made my peace. The cat goes to my sister.")
    length = len(words) - len(sentences)  # words, not sentence ends
    if (
        len(sentences) > 1
        and MESSAGE_MIN_WORDS <= length <= MESSAGE_MAX_WORDS
        and model.probability(_model_text(words)) >= model.message_threshold
    ):
        return True
    read: set[str] = set()  # a sentence said twice is read once
    for i, (number, joined) in enumerate(sentences):
        # A few words alone ("I want to.") are too little for it to judge; the rules read those.
        if joined in read or joined.count(" ") + 1 < MODEL_MIN_WORDS:
            continue
        read.add(joined)
        near = not weak.isdisjoint((number - 1, number, number + 1))
        if model.probability(joined) < (model.near_threshold if near else model.threshold):
            continue
        if len(sentences) == 1:
            return True
        windows = [
            f"{sentences[j][1]} {SENTENCE_BREAK} {sentences[j + 1][1]}"
            for j in (i - 1, i)
            if 0 <= j < len(sentences) - 1
        ]
        if any(model.probability(w) >= model.context_threshold for w in windows):
            return True
    return False


# What the model reads where a sentence ends: a word, so that no word pair runs across it ("I want
# to. Die Hard is on" has no "to die").
SENTENCE_BREAK = "sentencebreak"


def _model_text(words: list[str]) -> str:
    return " ".join(SENTENCE_BREAK if w == BOUNDARY else w for w in words)


# A writer offering help to others ("if anyone is thinking about ending it, reach out to me"): the
# rules still read the message, the model (which hears the topic, not who it is about) does not.
_OFFERS = tuple(
    " " + " ".join(squeeze(w) for w in offer.split()) + " "
    for offer in ("reach out to me", "dms are open", "here for you", "you are not alone")
)


def _offers_help(words: list[str]) -> bool:
    joined = " " + " ".join(words) + " "
    return any(offer in joined for offer in _OFFERS)


# Which card a crisis found by the model gets: someone else's when the message is about another
# person and not the writer ("my daughter posted 'this is it' and blocked me"), self-harm or
# overdose when their words stand in it, the general card otherwise.
_SELF_HARM_CUES = words(
    "cut cuts cutting razor blade blades scars scar sh relapse relapsed bleeding burn burning urges marks "
    "bruises scabs carved carving punching digging bleed queme quemo cortes cortarme cuchilla navaja"
)
# The medicines' one-word names (bot/crisis/lexicon.py) and how an overdose is told
_OVERDOSE_CUES = frozenset(m for m in CLASSES["MEDS"] if " " not in m) | words(
    "overdose overdosed swallowed dose doses dosing stash stashed bottle cabinet mg pastillas"
)
_WRITER = frozenset(("i", "myself"))
# Someone asking what to do for another person ("she's not answering, should I call 911?")
_HELPER_ASKS = tuple(
    " " + squeeze(p) + " "
    for p in (
        "what do i do", "what should i do", "what can i do", "what do i say", "should i call",
        "who do i call", "am i overreacting", "how do i help", "how can i help", "how do i talk to",
        "how do i know if", "not answering", "not picking up", "can not reach", "que hago", "que debo hacer",
    )
)  # fmt: skip


def _model_concern(text: _Text) -> Concern:
    """The card for a crisis the model found: someone else's, self-harm or an overdose by the
    words around it, the writer's suicide risk otherwise."""
    vocabulary = text.vocabulary
    others = not OTHER_PEOPLE.isdisjoint(vocabulary)
    if others and (not _WRITER & vocabulary or any(a in text.joined for a in _HELPER_ASKS)):
        return Concern.OTHER_PERSON
    if not _SELF_HARM_CUES.isdisjoint(vocabulary):
        return Concern.SELF_HARM
    if not _OVERDOSE_CUES.isdisjoint(vocabulary):
        return Concern.OVERDOSE
    return Concern.SUICIDE


def model_input(text: str) -> str:
    """The text the learned model reads: the canonical tokens, hyperbole defused, sentence ends as
    a word of their own."""
    return _model_text(rejoin_fragments(defuse(tokens(text))))


def warm_up(extra_phrases: Iterable[str] = ()) -> None:
    """Load the learned model and compile the content's phrases now, before members write: the
    first screen after a start would otherwise spend about 80 ms on it, and the model's tables
    would be built after the bot's long-lived objects are frozen (bot/gc_policy.py), where every
    collection of the oldest generation walks them again."""
    load_model()
    screen("warm up", extra_phrases)


def screen(text: str, extra_phrases: Iterable[str] = ()) -> Screening:
    """Screen one piece of member text; never raises on any string."""
    words = rejoin_fragments(defuse(tokens(text)))
    if not words:
        return NO_CONCERN
    canonical = _Text.of(words)
    found, guarded = _findings(canonical)
    weak: set[int] = set()
    if not found:
        paired, weak = _paired(canonical)
        if paired is not None:
            found = [(paired, "en")]
    phrases = tuple(extra_phrases)
    if phrases:
        found += _extra_findings(canonical, phrases)
    if found:
        concern = min((c for c, _ in found), key=PRIORITY.index)
        language = next(lang for c, lang in found if c is concern)
        if language == "en" and _language(text, words) == "es":
            language = "es"
        return Screening(concern, language)
    language = _language(text, words)
    model = load_model()
    if model is not None and not guarded and not _offers_help(words) and _model_flags(model, words, weak):
        # A wording the rules don't know but that reads like the crisis messages the model saw
        # (also when it names an exercise and a pain: "yoga, pills, nothing helps the pain. I'm done").
        return Screening(_model_concern(canonical), language)
    if _exercise_hurt(canonical):
        return Screening(Concern.EXERCISE_HURT, language)
    return NO_CONCERN if language == "en" else Screening(Concern.NONE, language)

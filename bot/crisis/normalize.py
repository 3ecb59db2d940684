"""Turn a member's text into the canonical token stream the crisis patterns match on.

People in crisis type fast, on phones, and sometimes on purpose around filters. The
same words must come out whatever the spelling, so in order:

1. Unicode: NFKC (full-width, maths letters, ligatures), accents and every other
   combining mark dropped, invisible format characters (zero-width, soft hyphen,
   direction marks) dropped, case folded.
2. Look-alike letters (Cyrillic, Greek, a few others) folded to the Latin letter
   they look like, from :data:`HOMOGLYPHS` (an explicit table: see below).
3. Words split on anything but letters and digits; the ends of sentences kept as
   a ``.`` token, so phrase gaps and "who said it" never reach across sentences.
4. Digits and symbols standing for letters (``su1cide``, ``k!ll``, ``$uicide``)
   only inside a word that also has letters and is not a number with a unit
   (``3kms``, ``400mg``, ``2nd`` keep their digits).
5. Letters spaced out (``k i l l``, ``s-u-i-c-i-d-e``) joined back; known phrases
   run together (``killmyself``, ``wanttodie``) split apart.
6. Every run of a repeated letter squeezed to one (``dieeee`` → ``die``,
   ``kill`` → ``kil``): patterns are squeezed the same way, so both meet.
7. Text-speak, contractions and common misspellings mapped to one spelling
   (``wanna`` → ``want to``, ``cant`` → ``can not``, ``u`` → ``you``,
   ``sewer slide`` → ``suicide``), and ``2`` read as ``to`` between words.

Why a table for look-alikes rather than a confusables library: the maintained
TR39 "skeleton" data maps in both directions (it would also turn Latin ``m`` into
``rn``), and after NFKC and case folding only a few dozen lower-case Cyrillic and
Greek letters are left that pass for Latin ones; an explicit table is exact,
reviewable and needs no dependency.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

MAX_CHARS = 8000  # longer than any Discord message or form field; the rest is not screened

# Invisible format characters (category Cf that matter in practice) and combining marks.
_INVISIBLE_OR_MARK = re.compile(
    "["
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\ufe00-\ufe0f\ufeff"
    "\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
    "\U000e0000-\U000e007f"
    "]+"
)

# After NFKC + casefold: lower-case letters of other scripts that read as a Latin one.
HOMOGLYPHS: dict[str, str] = {
    # Cyrillic
    "а": "a", "б": "b", "в": "b", "г": "r", "д": "d", "е": "e", "ё": "e", "и": "u",
    "й": "u", "к": "k", "л": "n", "м": "m", "н": "h", "о": "o", "п": "n", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "ц": "u", "ш": "w", "щ": "w", "ь": "b", "ы": "bi",
    "ъ": "b", "э": "e", "ю": "io", "я": "r", "і": "i", "ї": "i", "ј": "j", "ѕ": "s", "ԁ": "d",
    "һ": "h", "ԛ": "q", "ԝ": "w", "ӏ": "l", "ɡ": "g", "ѵ": "v", "ѡ": "w", "ү": "y", "ұ": "y",
    "ҫ": "c", "ӓ": "a", "ӧ": "o", "ӱ": "y", "є": "e", "ҝ": "k", "қ": "k", "ң": "h",
    # Greek
    "α": "a", "β": "b", "γ": "y", "δ": "d", "ε": "e", "ζ": "z", "η": "n", "θ": "o", "ι": "i",
    "κ": "k", "μ": "u", "ν": "v", "ο": "o", "π": "n", "ρ": "p", "σ": "o",
    "ς": "s", "τ": "t", "υ": "u", "φ": "o", "χ": "x", "ω": "w", "ϲ": "c", "ϳ": "j",
    # Latin-like letters and symbols NFKC leaves alone
    "ı": "i", "ȷ": "j", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ß": "ss", "æ": "ae", "œ": "oe",
    "ɑ": "a", "ɩ": "i", "ɪ": "i", "ʏ": "y", "ᴀ": "a", "ᴄ": "c", "ᴅ": "d", "ᴇ": "e", "ᴋ": "k",
    "ᴍ": "m", "ᴏ": "o", "ᴘ": "p", "ᴛ": "t", "ᴜ": "u", "ᴠ": "v", "ᴡ": "w", "ᴢ": "z", "ʀ": "r",
    "ɴ": "n", "ʟ": "l", "ɢ": "g", "ʜ": "h",
    "ꜱ": "s", "¡": "i", "€": "e",
    # apostrophes and dashes of every kind
    "’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'", "′": "'",
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-",
}  # fmt: skip
# Letters in squares and circles that NFKC leaves alone (🅺, 🄺, 🅚) and regional indicators (🇰).
_ENCLOSED = {
    chr(base + i): chr(ord("a") + i) for base in (0x1F130, 0x1F150, 0x1F170, 0x1F1E6) for i in range(26)
}
_FOLD = str.maketrans({**HOMOGLYPHS, **_ENCLOSED})

# Digits and symbols written for letters, inside words only.
LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"}
)
_LEET_CHARS = frozenset("0134578@$!")
_NUMBER_WITH_UNIT = re.compile(r"\d+(?:[.,]\d+)*(?:[a-z]{1,3})?")

# Letters with dots ("k.m.s.", "e.g.") before a lowercase word: one word, and the last dot does not end
# the sentence ("k.m.s. walked today: 5").
_DOTTED = re.compile(r"\b(?:[a-z]\.){2,}(?=\s+[a-z])")
# (the lookahead first lets the regex engine jump straight to the characters that can start one)
_SENTENCE_END = re.compile(r"(?=[.?!;:\n])(?:[.?!;:]+(?=\s|$)|\n+)")
# A "word" for leet purposes: letters, digits and the symbols that stand for letters, with a digit or
# symbol in it (other words are left alone, and quickly): the whole run, tried only where a run starts.
_RAW_WORD = re.compile(r"(?<![a-z0-9@$!])[a-z0-9@$!]*?[0134578@$!][a-z0-9@$!]*")
_TOKEN = re.compile("[a-z0-9]+|\x00")  # NUL marks the end of a sentence while splitting
_SQUEEZE = re.compile(r"([a-z])\1+")

BOUNDARY = "."

# Contractions read before apostrophes go: "i'd" is "i would", but "od'd" is not.
_CONTRACTIONS = re.compile(r"\b(i|you|he|she|we|they|it|that|who|there)'(d|ll|re|ve|m|s)\b")
_IS_CONTRACTION = re.compile(
    r"\b(what|that|there|here|who|where|how|when|why|everyone|everybody|nobody|someone|somebody|nothing"
    r"|everything|life|this|tonight|today|it|he|she)'s\b"
)
_POSSESSIVE = re.compile(r"(?<=[a-z])'s\b")
_CONTRACTION_WORDS = {"d": "would", "ll": "will", "re": "are", "ve": "have", "m": "am", "s": "is"}
# "OD" as a verb ("gonna od", "i od'd", "oding"); not "odd", and not the "once daily" of prescriptions
# (patterns only read the marker after a person or an intention).
# "o.d." keeps its last dot too, so that it does not end the sentence ("o.d. on my pills").
_OD = re.compile(r"(?:\bo\.d\.(?=\s)|\bo\.?d(?:'d|'?ed|'?ing|'s)?\b)(?!\.?\s*(?:daily|once))")


@lru_cache(maxsize=16384)
def squeeze(word: str) -> str:
    """Every run of one repeated letter as a single letter: ``dieeee`` → ``die``, ``kill`` → ``kil``."""
    return _SQUEEZE.sub(r"\1", word)


def _canonical(mapping: dict[str, str]) -> dict[str, tuple[str, ...]]:
    return {squeeze(key): tuple(squeeze(w) for w in value.split()) for key, value in mapping.items()}


# One spelling for text-speak, contractions without apostrophes and common misspellings.
# Keys and values are squeezed when built, so "wanna" and "wana" are one key.
TEXT_SPEAK: dict[str, tuple[str, ...]] = _canonical(
    {
        # contractions typed without the apostrophe
        "im": "i am", "iam": "i am", "ima": "i am going to", "imma": "i am going to", "ive": "i have",
        "cant": "can not", "cannot": "can not", "cnt": "can not", "caint": "can not",
        "dont": "do not", "dnt": "do not", "doesnt": "does not", "didnt": "did not", "wont": "will not",
        "isnt": "is not", "arent": "are not", "wasnt": "was not", "werent": "were not", "aint": "is not",
        "havent": "have not", "hasnt": "has not", "hadnt": "had not", "wouldnt": "would not",
        "couldnt": "could not",
        "shouldnt": "should not", "youre": "you are", "theyre": "they are", "theyd": "they would",
        "whats": "what is", "wats": "what is", "thats": "that is", "theres": "there is",
        "hes": "he is", "shes": "she is", "its": "it is", "everyones": "everyone is", "id": "i would",
        # text-speak
        "wanna": "want to", "wana": "want to", "wnna": "want to", "wan": "want", "wnt": "want",
        "wannt": "want", "whant": "want", "gonna": "going to", "gona": "going to", "gunna": "going to",
        "finna": "going to", "tryna": "trying to", "gotta": "got to", "hafta": "have to",
        "u": "you", "ur": "your", "l": "i", "yall": "you all", "r": "are", "ppl": "people",
        "every1": "everyone", "some1": "someone", "no1": "no one", "any1": "anyone",
        "bc": "because", "cuz": "because", "coz": "because", "cos": "because", "becuz": "because",
        "rn": "right now", "tmrw": "tomorrow", "tmr": "tomorrow", "tmrow": "tomorrow",
        "2moro": "tomorrow", "2morrow": "tomorrow", "tomoz": "tomorrow", "2nite": "tonight",
        "tonite": "tonight", "2day": "today", "pls": "please", "plz": "please", "abt": "about",
        "bout": "about", "wit": "with", "w": "with",
        "wud": "would", "cud": "could", "shud": "should", "idk": "i do not know", "dunno": "do not know",
        "nomore": "no more", "b4": "before", "4ever": "forever",
        "q": "que", "xq": "porque", "pq": "porque",
        "thinkin": "thinking", "tryin": "trying", "goin": "going", "cuttin": "cutting",
        "killin": "killing", "dyin": "dying", "livin": "living", "endin": "ending", "hurtin": "hurting",
        "burnin": "burning", "plannin": "planning", "feelin": "feeling", "takin": "taking",
        "nothin": "nothing", "somethin": "something", "doin": "doing",
        "liv": "live", "lyfe": "life", "lyf": "life", "reson": "reason", "resn": "reason", "hav": "have",
        "b": "be", "tak": "take", "mor": "more", "cnat": "can not",
        "wanan": "want to", "goign": "going", "diee": "die",
        # misspellings of the words that matter most
        "myslef": "myself", "myslf": "myself", "mysef": "myself", "mself": "myself", "meself": "myself",
        "myselfe": "myself", "mysel": "myself", "myelf": "myself", "msyelf": "myself", "urself": "yourself",
        "yourslef": "yourself", "themself": "themselves",
        "suicde": "suicide", "sucide": "suicide", "suiside": "suicide", "suicid": "suicide",
        "suecide": "suicide", "sucicide": "suicide", "suicdie": "suicide", "siucide": "suicide",
        "suciide": "suicide", "suicied": "suicide",
        "sucidal": "suicidal", "suisidal": "suicidal", "suicdal": "suicidal", "suicidle": "suicidal",
        "sucicidal": "suicidal", "suicial": "suicidal", "suiciadal": "suicidal", "siucidal": "suicidal",
        "sewerslide": "suicide", "sewercide": "suicide", "selfharm": "self harm",
        "ctb": "suicide",  # "catch the bus", said where the word itself is filtered
        "selfharming": "self harming",
        "overdoes": "overdose", "ovrdose": "overdose", "overdoze": "overdose",
    }
)  # fmt: skip

# Typing slips in the words that matter most: a swapped pair of letters ("wnat", "anymroe"), or one
# letter missing from a longer word ("mysef", "withot"). Slips that make another real word are left out.
_KEY_WORDS = (
    "want anymore myself suicide suicidal alive living wake dying overdose pills tired point better without "
    "everyone nobody hurt cutting ending life existing exist yourself herself himself themselves anyone "
    "someone disappear tonight tomorrow forever deserve pointless worthless hopeless burden unalive this "
    "reason anything going"
)
_REAL_WORDS = frozenset(
    "tried king kling ling lief exits hopes overdoes canto exiting cuing iling neding".split()
)


def _slips(word: str) -> set[str]:
    found = {squeeze(word[:i] + word[i + 1] + word[i] + word[i + 2 :]) for i in range(len(word) - 1)}
    if len(word) >= 6:
        found |= {squeeze(word[:i] + word[i + 1 :]) for i in range(len(word))}
    return found - {word} - _REAL_WORDS


for _key in _KEY_WORDS.split():
    for _slip in _slips(squeeze(_key)):
        TEXT_SPEAK.setdefault(_slip, (squeeze(_key),))

# Two-word spellings read as one (keys squeezed when built).
BIGRAMS: dict[tuple[str, str], tuple[str, ...]] = {
    (squeeze(a), squeeze(b)): tuple(squeeze(w) for w in value.split())
    for (a, b), value in {
        ("my", "self"): "myself",
        ("your", "self"): "yourself",
        ("her", "self"): "herself",
        ("him", "self"): "himself",
        ("them", "selves"): "themselves",
        ("them", "self"): "themselves",
        ("any", "more"): "anymore",
        ("for", "ever"): "forever",
        ("ill", "be"): "i will be",  # "ill be gone": "I'll be" typed without the apostrophe
        ("sewer", "slide"): "suicide",
        ("sewer", "side"): "suicide",
        ("un", "alive"): "unalive",
        ("un", "aliving"): "unaliving",
        ("un", "alived"): "unalived",
        ("self", "harming"): "self harming",
    }.items()
}

# Phrases people run together, found inside longer words ("iwanttodie", "#killmyself").
_RUN_TOGETHER = (
    "kill myself", "killing myself", "want to die", "wanna die", "wana die",
    "want die", "end my life", "ending my life", "end it all", "hurt myself", "cut myself",
    "self harm", "take my life", "better off dead", "not want to live", "kms", "unalive myself",
)  # fmt: skip
_COMPOUNDS: dict[str, tuple[str, ...]] = {
    squeeze(p.replace(" ", "")): tuple(squeeze(w) for w in p.split()) for p in _RUN_TOGETHER
}
_COMPOUND_RE = re.compile(
    "|".join(sorted((re.escape(k) for k in _COMPOUNDS if len(k) >= 7), key=len, reverse=True))
)

# Words whose squeezed form would meet another word's: "fell" would read as "feel"
# ("noose" would read as "nose", "soon" as "son").
_BEFORE_SQUEEZE = {"fell": "fall", "noose": "hangrope", "nooses": "hangrope", "soon": "shortly"}

# Abbreviations with a slash, read before the slash splits them.
_SLASH_MEANS = {"w/o": " without ", "b/c": " because ", "w/": " with ", "s/h": " self harm "}
_SLASH_WORDS = re.compile("|".join(re.escape(k) for k in _SLASH_MEANS))

# Key words people break in two to slip past filters ("sui cide"), joined back.
_SPLIT_WORDS = {
    squeeze(w): squeeze(w)
    for w in "suicide suicidal suicidally overdose overdosed overdosing unalive unaliving myself kill "
    "killing die dying".split()
}

# Cheap first checks for the two tables above, looked up at every word of the text.
_BIGRAM_FIRST = frozenset(first for first, _ in BIGRAMS)
_SPLIT_FIRST = frozenset(key[:cut] for key in _SPLIT_WORDS for cut in range(1, len(key)))
# Each word's squeezed spelling (see tokens), remembered; emptied when full.
_SQUEEZED: dict[str, str] = {}
_SQUEEZED_WORDS = 20_000

# "2" reads as "to" next to these (squeezed): "want 2 die", "going 2 end it".
_TO_BEFORE = frozenset(
    squeeze(w)
    for w in "want wanted wants going have need needs trying try tried plan planning ready deserve about "
    "used decided wish like love hope".split()
)
_TO_AFTER = frozenset(
    squeeze(w)
    for w in "die kill end live be go sleep hurt cut jump take overdose unalive disappear exist stop wake "
    "keep give quit cry see do".split()
)

_QUANTITY = frozenset(
    "few couple several many some more extra those the these a one two three four five six seven eight nine "
    "ten twenty half of my".split()
)


# A capital I inside a lower-case word is an l in disguise ("kiII", "suicidaI").
_CAPITAL_I_FOR_L = re.compile(r"(?<=[a-z])I+")


def fold(text: str) -> str:
    """Steps 1 and 2: the text in plain lower-case Latin letters, invisible characters gone."""
    text = text[:MAX_CHARS].replace("\x00", "")
    if "I" in text:
        text = _CAPITAL_I_FOR_L.sub(lambda m: "l" * len(m[0]), text)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
        text = unicodedata.normalize("NFD", text)
        text = _INVISIBLE_OR_MARK.sub("", text)
        return text.casefold().translate(_FOLD)
    return text.lower().replace("`", "'")


def _deleet(word: str) -> str:
    """``su1cide`` → ``suicide``; a number, or a number with a unit (``3kms``), stays as it is."""
    if _LEET_CHARS.isdisjoint(word) or not any("a" <= c <= "z" for c in word):
        return word
    core = word.rstrip("!")  # "die!!!" is shouting, not a letter
    if _NUMBER_WITH_UNIT.fullmatch(core):
        return word
    return core.translate(LEET) + " " * (len(word) - len(core))


# A key word with a letter masked by a symbol ("su*cide", "k#ll", "d?e"), found and restored.
_MASKED = re.compile(r"\b[a-z]*[a-z][*#?~^%][a-z*#?~^%]*[a-z]*\b|\b[*#?~^%][a-z]{2,}\b")
_MASK_TARGETS = (
    "suicide suicidal kill killing myself die dying dead overdose unalive selfharm cutting"
).split()


def _unmask(word: str) -> str:
    pattern = re.compile(re.sub(r"[*#?~^%]", ".", word))
    return next((t for t in _MASK_TARGETS if len(t) == len(word) and pattern.fullmatch(t)), word)


_APOSTROPHE_WORD = re.compile(r"(?<!\S)[^\s']*+'\S*")


def _contraction(match: re.Match[str]) -> str:
    return f"{match[1]} {_CONTRACTION_WORDS[match[2]]}"


def _split_words(text: str) -> list[str]:
    if "/" in text:
        text = _SLASH_WORDS.sub(lambda m: _SLASH_MEANS[m[0]], text)
    if any(c in text for c in "*#?~^%"):
        text = _MASKED.sub(lambda m: _unmask(m[0]), text)
    apostrophes = "'" in text
    # The apostrophe rules never match across white space: each is run on the words with an
    # apostrophe only, not over the whole text.
    if apostrophes:
        text = _APOSTROPHE_WORD.sub(lambda m: _CONTRACTIONS.sub(_contraction, m[0]), text)
    if "od" in text or "o.d" in text:
        text = _OD.sub(" odx ", text)  # a marker no one types
    if apostrophes:
        # "what's", "tonight's"; then "mom's"
        text = _APOSTROPHE_WORD.sub(lambda m: _POSSESSIVE.sub("", _IS_CONTRACTION.sub(r"\1 is", m[0])), text)
        text = text.replace("'", "")
    if "." in text:
        text = _DOTTED.sub(lambda m: m[0].replace(".", ""), text)
    text = _SENTENCE_END.sub(" \x00 ", text)
    if not _LEET_CHARS.isdisjoint(text):
        text = _RAW_WORD.sub(lambda m: _deleet(m[0]), text)
    return [BOUNDARY if w == "\x00" else w for w in _TOKEN.findall(text)]


def _join_spelled_out(words: list[str]) -> list[str]:
    """``k i l l myself`` → ``kill myself``: three or more single letters in a row are one word."""
    out: list[str] = []
    run: list[str] = []
    for w in [*words, ""]:
        if len(w) == 1 and w.isalpha():
            run.append(w)
            continue
        if len(run) >= 3:
            out.append("".join(run))
        else:
            out.extend(run)
        run = []
        if w:
            out.append(w)
    return out


def _squeeze_word(word: str) -> str:
    """A token as the patterns spell it: numbers and sentence ends as they are, words squeezed."""
    found = word if word.isdigit() or word == BOUNDARY else squeeze(_BEFORE_SQUEEZE.get(word, word))
    _SQUEEZED[word] = found
    return found


def tokens(text: str) -> list[str]:
    """The canonical, squeezed token stream of ``text`` (``.`` marks the end of a sentence)."""
    words = _join_spelled_out(_split_words(fold(text)))
    if len(_SQUEEZED) >= _SQUEEZED_WORDS:
        _SQUEEZED.clear()
    known = _SQUEEZED.get
    squeezed = [known(w) or _squeeze_word(w) for w in words]
    out: list[str] = []
    n = len(words)
    i = 0
    while i < n:
        raw = words[i]
        if raw == BOUNDARY:
            if out and out[-1] != BOUNDARY:
                out.append(BOUNDARY)
            i += 1
            continue
        word = squeezed[i]
        if i + 1 < n:
            pair = word in _BIGRAM_FIRST and BIGRAMS.get((word, squeezed[i + 1]))
            if pair:
                out.extend(pair)
                i += 2
                continue
        if word == "2" and i + 1 < n:
            after = squeezed[i + 1]
            before = out[-1] if out else ""
            if after in _TO_AFTER or before in _TO_BEFORE:
                out.append("to")
                i += 1
                continue
        if i + 1 < n and word in _SPLIT_FIRST and (joined := _SPLIT_WORDS.get(word + squeezed[i + 1])):
            out.append(joined)  # "sui cide", "over dose"
            i += 2
            continue
        if word == "kms" and out and (out[-1].isdigit() or out[-1] in _QUANTITY):
            word = "km"  # "walked 3 kms", "a few kms": kilometres
        mapped = TEXT_SPEAK.get(word)
        if mapped:
            out.extend(mapped)
        elif len(word) >= 7 and not word.isdigit() and (found := _COMPOUND_RE.search(word)):
            if found.start():
                out.append(word[: found.start()])
            out.extend(_COMPOUNDS[found[0]])
            if found.end() < len(word):
                out.append(word[found.end() :])
        else:
            out.append(word)
        i += 1
    if out and out[-1] == BOUNDARY:
        out.pop()
    return out


def normalize(text: str) -> str:
    """The canonical form of ``text`` as one string of space-separated tokens."""
    return " ".join(tokens(text))

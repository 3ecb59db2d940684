"""A learned second opinion for the crisis screen: a linear model over character and word n-grams.

The phrase families and concept rules (:mod:`bot.crisis.lexicon`, :mod:`bot.crisis.concepts`)
know the wordings someone wrote down; people in crisis keep finding new ones. This model,
trained by scikit-learn on the tuning corpus (``python -m tests.crisis_corpus.train_model``),
scores how much a message reads like the crisis messages it saw, so a new wording close to
known ones is still heard. It only ever adds a crisis (the rules' guards still decide
everything they match), and its threshold was chosen on the tuning corpus for few false alarms.

Inference is plain Python over the exported weights (``model.json``): TF-IDF with sublinear
term frequency and l2 norm per block, then a logistic regression, exactly as scikit-learn
computes it (``tests/test_crisis_model.py`` checks the two agree). No ML library is needed
at run time, so the bot's start-up and memory stay small.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from itertools import compress, repeat
from operator import gt
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("model.json")
MAX_CHARS = 1_500
"""Only the start of a very long message is scored (the rules read all of it)."""

_KNOWN_WORDS = 20_000
"""Words whose known n-grams are remembered (the memory is emptied when full)."""

_WORD = re.compile(r"(?u)\b\w\w+\b")
_SPACES = re.compile(r"\s\s+")


@dataclass(frozen=True, slots=True)
class _Block:
    """One TF-IDF block: n-gram -> (idf, weight)."""

    analyzer: str  # "char_wb" or "word"
    low: int
    high: int
    features: dict[str, tuple[float, float]]
    # word -> its character n-grams that are features, in order (char_wb blocks only)
    _known: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)
    # n-gram -> idf * weight and idf * idf: its terms when it occurs once ((1 + log 1) * idf is idf)
    _once_dot: dict[str, float] = field(init=False, compare=False, repr=False)
    _once_norm: dict[str, float] = field(init=False, compare=False, repr=False)
    _gram: dict[str, str] = field(init=False, compare=False, repr=False)  # n-gram -> the key itself

    def __post_init__(self) -> None:
        features = self.features.items()
        object.__setattr__(self, "_once_dot", {gram: idf * weight for gram, (idf, weight) in features})
        object.__setattr__(self, "_once_norm", {gram: idf * idf for gram, (idf, weight) in features})
        object.__setattr__(self, "_gram", {gram: gram for gram in self.features})

    def ngrams(self, text: str) -> list[str]:
        if self.analyzer == "word":
            words = _WORD.findall(text)
            grams: list[str] = []
            for n in range(self.low, self.high + 1):
                # the n words from each place: words[i : i + n] joined, for every i that has n
                grams.extend(
                    words if n == 1 else map(" ".join, zip(*(words[k:] for k in range(n)), strict=False))
                )
            return grams
        grams = []
        for word in _SPACES.sub(" ", text).split():
            padded = f" {word} "
            size = len(padded)
            for n in range(self.low, self.high + 1):
                offset = 0
                grams.append(padded[offset : offset + n])
                while offset + n < size:
                    offset += 1
                    grams.append(padded[offset : offset + n])
                if offset == 0:  # a word shorter than n counts once
                    break
        return grams

    def _known_grams(self, text: str) -> list[str]:
        """The n-grams of ``text`` that are features, in the order :meth:`ngrams` gives them.

        A character n-gram never crosses a word, so a word's known n-grams are worked out once
        and remembered: a long message repeats its common words many times."""
        if self.analyzer == "word":
            return list(filter(self.features.__contains__, self.ngrams(text)))
        grams: list[str] = []
        known = self._known
        for word in _SPACES.sub(" ", text).split():
            found = known.get(word)
            if found is None:
                if len(known) >= _KNOWN_WORDS:
                    known.clear()
                # the features' own strings, so a remembered word costs a few pointers
                found = known[word] = tuple(self._gram[g] for g in self.ngrams(word) if g in self._gram)
            grams.extend(found)
        return grams

    def score(self, text: str) -> float:
        """This block's share of the decision: weights · l2-normalised sublinear TF-IDF."""
        counts = Counter(self._known_grams(text))
        # Each n-gram's terms, in the order the n-grams first occur; most occur once, whose terms
        # were worked out at load. Summed in that order (on Python 3.11, sum() adds floats one by
        # one, exactly as a plain loop would).
        grams = list(counts)
        dots = list(map(self._once_dot.__getitem__, grams))
        norms = list(map(self._once_norm.__getitem__, grams))
        for i in compress(range(len(grams)), map(gt, counts.values(), repeat(1))):
            idf, weight = self.features[grams[i]]
            value = (1.0 + math.log(counts[grams[i]])) * idf
            dots[i] = value * weight
            norms[i] = value * value
        dot = sum(dots, 0.0)
        norm = sum(norms, 0.0)
        return dot / math.sqrt(norm) if norm else 0.0


@dataclass(frozen=True, slots=True)
class CrisisModel:
    blocks: tuple[_Block, ...]
    intercept: float
    threshold: float
    # a sentence next to a weak signal of bot/crisis/pairs.py is flagged from this probability
    near_threshold: float = 1.0
    # a sentence flagged in a message of several also needs this with a sentence next to it
    context_threshold: float = 0.0
    # a message of several sentences read whole is flagged from this probability (above 1: never)
    message_threshold: float = 2.0

    def probability(self, text: str) -> float:
        text = text[:MAX_CHARS].lower()
        z = self.intercept + sum(block.score(text) for block in self.blocks)
        return 1.0 / (1.0 + math.exp(-z))

    def flags(self, text: str) -> bool:
        return self.probability(text) >= self.threshold


@cache
def load_model(path: Path = MODEL_PATH) -> CrisisModel | None:
    """The exported model, or None when there is none (the rules then screen alone)."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    blocks = tuple(
        _Block(
            b["analyzer"],
            b["ngram_range"][0],
            b["ngram_range"][1],
            {gram: (idf, weight) for gram, idf, weight in b["features"]},
        )
        for b in data["blocks"]
    )
    threshold = float(data["threshold"])
    return CrisisModel(
        blocks,
        float(data["intercept"]),
        threshold,
        float(data.get("near_threshold", threshold)),
        float(data.get("context_threshold", 0.0)),
        float(data.get("message_threshold", 2.0)),
    )

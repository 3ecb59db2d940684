"""Flesch–Kincaid grade of content text, for the readability test (no dependency needed).

Syllables are counted with the usual vowel-group rule and its common exceptions
(silent final e, -le, -ed, -es). It is an estimate, as every syllable counter is,
but a stable one: the same text always gets the same grade.
"""

from __future__ import annotations

import re

_LINK = re.compile(r"\[([^\]]+)\]\((?:https?://[^)]+)\)")
_MARKS = re.compile(r"[*_`~|>]+")
_LIST = re.compile(r"^\s*(?:[-•]|\d+[.)])\s+", re.MULTILINE)
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_VOWELS = re.compile(r"[aeiouy]+")
_TWO_VOWEL_SOUNDS = re.compile(r"(?<![cgst])i[aou]|u[ao]|ea$")
"""Vowel pairs usually said as two syllables: Austral-i-an, radi-o, usu-al, are-a
(but not spe-cial, na-tion, re-gion)."""


def plain(markdown: str) -> str:
    """Discord markdown as plain sentences: links become their text, marks go, and every line
    (a list item, a heading) ends a sentence."""
    text = _LINK.sub(r"\1", markdown)
    text = _LIST.sub("", text)
    text = _MARKS.sub("", text)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return " ".join(line if line[-1] in ".!?:" else line + "." for line in lines)


def syllables(word: str) -> int:
    word = word.lower().replace("’", "'").split("'")[0]
    if len(word) <= 3:
        return 1
    groups = len(_VOWELS.findall(word)) + len(_TWO_VOWEL_SOUNDS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and groups > 1:
        groups -= 1
    elif word.endswith(("ed", "es")) and not word.endswith(("ted", "ded", "ses", "zes", "ces", "ges", "xes")):
        groups -= 1 if groups > 1 else 0
    return max(1, groups)


def fk_grade(markdown: str) -> float:
    """The Flesch–Kincaid grade level of ``markdown`` after :func:`plain`."""
    text = plain(markdown)
    sentences = max(1, len([s for s in re.split(r"[.!?:]+(?:\s|$)", text) if _WORD.search(s)]))
    words = _WORD.findall(text)
    if not words:
        return 0.0
    total = sum(syllables(w) for w in words)
    return 0.39 * len(words) / sentences + 11.8 * total / len(words) - 15.59

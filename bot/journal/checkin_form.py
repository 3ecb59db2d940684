"""Reading the ``/checkin`` form: what people type, checked kindly.

Pure and Discord-free. The form uses text boxes (Discord modals have no number
input), so "7", " 7 ", "07", "７" (a full-width digit from a phone keyboard)
and "7/10" are all read as 7; anything else gets a message that says what is
expected, never "invalid input". Every problem is reported at once, so a tired
person fixes the form in one go.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from bot.storage.journal import Checkin
from bot.wording import journal as words

NOTE_MAX = 500
"""The longest note we keep (the database enforces the same)."""
SCORE_MAX_CHARS = 8
"""Room in the score boxes for "10 / 10" (or a word, which then gets a kind explanation)."""

_SCORE = re.compile(r"^(\d{1,2})(?:\s*/\s*10)?$", re.ASCII)
# Control characters other than newline and tab: invisible, and they break CSV viewers.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


@dataclass(frozen=True, slots=True)
class CheckinInput:
    """A check-in that passed every rule, ready to store."""

    pain: int
    fatigue: int | None
    note: str | None

    def checkin(self, user_id: int, at: datetime) -> Checkin:
        """The journal row for it, as typed in the form."""
        return Checkin(user_id, at, self.pain, self.fatigue, self.note, source="command")


@dataclass(frozen=True, slots=True)
class CheckinProblems:
    """Why the form could not be saved: one kind sentence per problem."""

    messages: tuple[str, ...]


def _score(text: str, what: str, *, required: bool) -> tuple[int | None, str | None]:
    cleaned = unicodedata.normalize("NFKC", text or "").strip()
    if not cleaned:
        if required:
            return None, words.SCORE_NEEDED.format(what=what)
        return None, None
    match = _SCORE.match(cleaned)
    if match is None or int(match[1]) > 10:
        return None, words.SCORE_OUT_OF_RANGE.format(what=what)
    return int(match[1]), None


def clean_note(text: str | None) -> str | None:
    """The note as stored: NFC, invisible control characters removed, trimmed; None if empty."""
    if text is None:
        return None
    note = _CONTROL.sub("", unicodedata.normalize("NFC", text)).strip()
    return note or None


def parse_checkin(
    pain: str, fatigue: str, note: str | None, *, fatigue_required: bool = True
) -> CheckinInput | CheckinProblems:
    """Check the three boxes of the form; return the values or every problem found."""
    problems: list[str] = []
    pain_value, pain_problem = _score(pain, words.PAIN, required=True)
    fatigue_value, fatigue_problem = _score(fatigue, words.FATIGUE, required=fatigue_required)
    for problem in (pain_problem, fatigue_problem):
        if problem:
            problems.append(problem)
    cleaned = clean_note(note)
    if cleaned is not None and len(cleaned) > NOTE_MAX:
        problems.append(words.NOTE_TOO_LONG.format(most=NOTE_MAX, length=len(cleaned)))
    if problems or pain_value is None:
        return CheckinProblems(tuple(problems))
    return CheckinInput(pain=pain_value, fatigue=fatigue_value, note=cleaned)

"""The CSV export: parses with the csv module, matches the journal, and is inert in spreadsheets."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest

from bot.journal.export import HEADER, checkins_csv, neutralize
from bot.storage.journal import Checkin, Completion

ALICE = 111_111_111_111_111_111
NOW = datetime(2026, 5, 15, 18, 5, tzinfo=UTC)


def read(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def test_the_csv_matches_the_checkins_and_routines() -> None:
    checkins = [
        Checkin(ALICE, NOW, pain=6, fatigue=7, note='stiff, "sore" hands\nworse at night', id=2),
        Checkin(ALICE, NOW - timedelta(days=1), pain=3, source="routine", id=1),
        Checkin(ALICE, NOW - timedelta(days=2), pain=0, fatigue=0, note="día tranquilo ☀️", id=3),
    ]
    completions = [Completion(ALICE, "gentle-lower-back", "hurt", NOW - timedelta(hours=5), NOW, 3, 8, 240)]
    data = checkins_csv(checkins, completions)
    assert data.decode("utf-8").splitlines()[0] == ",".join(HEADER)
    rows = read(data)
    assert [r["kind"] for r in rows] == ["checkin", "checkin", "routine", "checkin"]
    first_checkin = rows[0]
    assert first_checkin["date"] == "2026-05-13" and first_checkin["note"] == "día tranquilo ☀️"
    assert (first_checkin["pain"], first_checkin["fatigue"]) == ("0", "0")
    assert rows[1]["fatigue"] == "" and rows[1]["note"] == "" and rows[1]["source"] == "routine"
    routine = rows[2]
    assert routine["time_utc"] == "13:05" and routine["routine_id"] == "gentle-lower-back"
    assert (routine["outcome"], routine["steps_done"], routine["steps_total"], routine["seconds_spent"]) == (
        "hurt",
        "3",
        "8",
        "240",
    )
    assert routine["pain"] == ""
    last = rows[3]
    assert (last["date"], last["time_utc"], last["pain"], last["fatigue"]) == (
        "2026-05-15",
        "18:05",
        "6",
        "7",
    )
    assert last["note"] == 'stiff, "sore" hands\nworse at night'
    assert last["source"] == "command"


def test_an_empty_journal_is_just_the_header() -> None:
    assert read(checkins_csv([], [])) == []


@pytest.mark.parametrize(
    "note", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=1", "\r=1", '=HYPERLINK("http://x","y")', "＝1+1"]
)
def test_formulas_in_notes_are_neutralised(note: str) -> None:
    rows = read(checkins_csv([Checkin(ALICE, NOW, pain=2, note=note)], []))
    assert rows[0]["note"] == "'" + note


@pytest.mark.parametrize("text", ["fine", "3 = bad", "a-b", "", "'quoted"])
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert neutralize(text) == text

"""The stored JSON of a routine session reads and writes exactly as rows already in databases have it."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from pydantic import ValidationError

from bot.routines.session import Phase, RoutineSession
from bot.routines.stored import StoredSession

# Written by the hand-written encoder this model replaced (format 1); rows like these are in databases now.
PAUSED_ROW = (
    '{"format":1,"id":"0123456789abcdef0123456789abcdef","user_id":42,"routine":{"id":"gentle-floor-b'
    'ack","title":"Gentle lower-back stretches on the floor","summary":"Ten calm minutes lying '
    'down.","minutes":10,"cautions":["Skip knee-to-chest if you have osteoporosis."],"equipment":["a '
    'mat or firm bed"],"kind":"stretch","steps":[{"id":"pelvic-tilt","title":"Pelvic '
    'tilt","instructions":"Lie on your back\\u2026","hold_seconds":5,"reps":2,"sides":"none","rest_sec'
    'onds":10,"image":null},{"id":"knee-to-chest","title":"Knee to chest","instructions":"Bring one '
    'knee up\\u2026","hold_seconds":20,"reps":2,"sides":"both","rest_seconds":5,"image":{"url":"https:'
    '//example.org/k.png","alt":"A person hugging one knee"}},{"id":"breathing","title":"Slow '
    'breathing","instructions":"Breathe in for four\\u2026","hold_seconds":0,"reps":3,"sides":"none","'
    'rest_seconds":0,"image":null},{"id":"child-pose","title":"Child\'s pose","instructions":"Kneel '
    'and fold forward\\u2026","hold_seconds":30,"reps":1,"sides":"none","rest_seconds":0,"image":null}'
    ']},"phase":"paused","step_index":0,"side_index":0,"rep_index":1,"deadline":null,"timer_complete"'
    ':false,"paused_from":{"phase":"hold","remaining":3.75,"timer_complete":false,"paused_at":1700000'
    '003.25,"by_idle":false},"auto_advance":false,"created_at":1700000000.1,"started_at":1700000000.3'
    '333333,"updated_at":1700000003.25,"last_action_at":1700000003.25,"finished_at":null,"active_seco'
    'nds":2.9166667461395264,"steps_completed":[],"steps_skipped":[],"version":3}'
)
HURT_ROW = (
    '{"format":1,"id":"fedcba9876543210fedcba9876543210","user_id":7,"routine":{"id":"gentle-floor-ba'
    'ck","title":"Gentle lower-back stretches on the floor","summary":"Ten calm minutes lying '
    'down.","minutes":10,"cautions":["Skip knee-to-chest if you have osteoporosis."],"equipment":["a '
    'mat or firm bed"],"kind":"stretch","steps":[{"id":"pelvic-tilt","title":"Pelvic '
    'tilt","instructions":"Lie on your back\\u2026","hold_seconds":5,"reps":2,"sides":"none","rest_sec'
    'onds":10,"image":null},{"id":"knee-to-chest","title":"Knee to chest","instructions":"Bring one '
    'knee up\\u2026","hold_seconds":20,"reps":2,"sides":"both","rest_seconds":5,"image":{"url":"https:'
    '//example.org/k.png","alt":"A person hugging one knee"}},{"id":"breathing","title":"Slow '
    'breathing","instructions":"Breathe in for four\\u2026","hold_seconds":0,"reps":3,"sides":"none","'
    'rest_seconds":0,"image":null},{"id":"child-pose","title":"Child\'s pose","instructions":"Kneel '
    'and fold forward\\u2026","hold_seconds":30,"reps":1,"sides":"none","rest_seconds":0,"image":null}'
    ']},"phase":"hurt","step_index":0,"side_index":0,"rep_index":0,"deadline":null,"timer_complete":f'
    'alse,"paused_from":null,"auto_advance":true,"created_at":1700000000.0,"started_at":1700000000.0,'
    '"updated_at":1700000012.5,"last_action_at":1700000012.5,"finished_at":1700000012.5,"active_secon'
    'ds":12.5,"steps_completed":[],"steps_skipped":[],"version":2}'
)
RESTING_ROW = (
    '{"format":1,"id":"aaaabbbbccccddddaaaabbbbccccdddd","user_id":9,"routine":{"id":"gentle-floor-ba'
    'ck","title":"Gentle lower-back stretches on the floor","summary":"Ten calm minutes lying '
    'down.","minutes":10,"cautions":["Skip knee-to-chest if you have osteoporosis."],"equipment":["a '
    'mat or firm bed"],"kind":"stretch","steps":[{"id":"pelvic-tilt","title":"Pelvic '
    'tilt","instructions":"Lie on your back\\u2026","hold_seconds":5,"reps":2,"sides":"none","rest_sec'
    'onds":10,"image":null},{"id":"knee-to-chest","title":"Knee to chest","instructions":"Bring one '
    'knee up\\u2026","hold_seconds":20,"reps":2,"sides":"both","rest_seconds":5,"image":{"url":"https:'
    '//example.org/k.png","alt":"A person hugging one knee"}},{"id":"breathing","title":"Slow '
    'breathing","instructions":"Breathe in for four\\u2026","hold_seconds":0,"reps":3,"sides":"none","'
    'rest_seconds":0,"image":null},{"id":"child-pose","title":"Child\'s pose","instructions":"Kneel '
    'and fold forward\\u2026","hold_seconds":30,"reps":1,"sides":"none","rest_seconds":0,"image":null}'
    ']},"phase":"rest","step_index":0,"side_index":0,"rep_index":1,"deadline":1700000015.0,"timer_com'
    'plete":false,"paused_from":null,"auto_advance":true,"created_at":1700000000.0,"started_at":17000'
    '00000.0,"updated_at":1700000005.0,"last_action_at":1700000000.0,"finished_at":null,"active_secon'
    'ds":5.0,"steps_completed":[],"steps_skipped":[],"version":2}'
)
ROWS = [PAUSED_ROW, HURT_ROW, RESTING_ROW]


@pytest.mark.parametrize("row", ROWS, ids=["paused", "hurt", "resting"])
def test_a_stored_row_reads_and_writes_back_byte_for_byte(row: str) -> None:
    session = RoutineSession.from_json(row)
    assert session.to_json() == row
    assert json.dumps(session.to_dict(), separators=(",", ":")) == row


def test_a_stored_row_reads_as_the_session_it_was() -> None:
    session = RoutineSession.from_json(PAUSED_ROW)
    assert session.phase is Phase.PAUSED
    assert session.paused_from is not None and session.paused_from.remaining == 3.75
    assert session.routine.steps[0].instructions == "Lie on your back…"  # \u2026 in the row
    assert session.routine.steps[1].image_alt == "A person hugging one knee"
    assert session.invariant_errors() == []


def test_rows_from_before_kinds_and_idle_pauses_still_read() -> None:
    data = json.loads(PAUSED_ROW)
    del data["routine"]["kind"]
    assert data["paused_from"] is not None
    del data["paused_from"]["by_idle"]
    session = RoutineSession.from_dict(data)
    assert session.routine.kind == "stretch"
    assert session.paused_from is not None and not session.paused_from.by_idle


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d.update(format=2),
        lambda d: d.update(user_id=True),
        lambda d: d.update(deadline=float("nan")),
        lambda d: d.update(created_at="yesterday"),
        lambda d: d.update(timer_complete=0),
        lambda d: d.update(steps_completed=[True]),
        lambda d: d.pop("version"),
        lambda d: d["routine"].update(kind="yoga"),
        lambda d: d["routine"]["steps"][0].update(sides="left"),
        lambda d: d["routine"]["steps"][0].update(reps=0),
        lambda d: d["paused_from"].update(phase="dancing"),
        lambda d: d.update(step_index=9),  # well-typed, but no such step
    ],
)
def test_a_damaged_row_is_refused_with_a_value_error(damage: Callable[[dict[str, Any]], object]) -> None:
    data = json.loads(PAUSED_ROW)
    damage(data)
    with pytest.raises(ValueError):
        RoutineSession.from_json(json.dumps(data))


@pytest.mark.parametrize("text", ["", "{", "[]", "null", '"a session"'])
def test_text_that_is_not_a_session_is_refused_with_a_value_error(text: str) -> None:
    with pytest.raises(ValueError):
        RoutineSession.from_json(text)


def test_the_model_checks_types_the_state_machine_checks_consistency() -> None:
    data = json.loads(PAUSED_ROW)
    data["user_id"] = "42"
    with pytest.raises(ValidationError):
        StoredSession.model_validate(data)
    data = json.loads(PAUSED_ROW)
    data["phase"] = "hold"  # a paused session's fields, but another phase
    StoredSession.model_validate(data)  # well-formed JSON ...
    with pytest.raises(ValueError, match="inconsistent session"):
        RoutineSession.from_dict(data)  # ... that describes no possible session


def test_every_shipped_routine_writes_the_same_text_with_its_part_written_once() -> None:
    """A row's routine part is written once per routine and spliced in: the text is the one a
    whole dump gives, for every routine in the content and through a run, a pause included."""
    from pathlib import Path

    from bot.content.loader import load_library
    from bot.routines.session import Action, InvalidAction, RoutineSnapshot, transition

    library = load_library(Path(__file__).resolve().parents[1] / "content").library
    assert library is not None and library.routines
    for routine in library.routines.values():
        snapshot = RoutineSnapshot.from_mapping(routine.model_dump(mode="json"))
        session = RoutineSession.create(user_id=5, routine=snapshot, now=1_700_000_000.25, auto_advance=False)
        at = 1_700_000_000.25
        for action in (Action.START, Action.PAUSE, Action.RESUME, Action.NEXT, Action.STOP):
            at += 1.5
            try:
                session = transition(session, action, at)
            except InvalidAction:
                continue
            text = session.to_json()
            assert text == json.dumps(session.to_dict(), separators=(",", ":")), routine.id
            assert RoutineSession.from_json(text) == session


def test_whole_seconds_are_written_as_the_model_writes_them() -> None:
    """Times held as ints (a clock at a whole second) are written as floats, as a dump of the
    stored model writes them, a pause included; the text reads back as the same session."""
    from dataclasses import replace

    from bot.routines.session import Action, transition

    session = RoutineSession.from_json(RESTING_ROW)
    session = replace(session, created_at=1_700_000_000, updated_at=1_700_000_005, active_seconds=5)
    for action, at in ((Action.PAUSE, 1_700_000_007), (Action.RESUME, 1_700_000_009)):
        session = transition(session, action, at)
        text = session.to_json()
        assert text == json.dumps(session.to_dict(), separators=(",", ":"))
        assert RoutineSession.from_json(text) == session

"""The routine state machine, told as what a member does and what they see.

Pure: no clock, no Discord, no database. Every test builds a session, presses
buttons (or lets timers fire) at explicit times, and looks at the result.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.routines.progress import format_seconds, progress_bar
from bot.routines.session import (
    EXPIRE_AFTER_SECONDS,
    IDLE_AFTER_SECONDS,
    LIVE_PHASES,
    TERMINAL_PHASES,
    TICK_TOLERANCE_SECONDS,
    USER_ACTIONS,
    Action,
    InvalidAction,
    Phase,
    RoutineSession,
    RoutineSnapshot,
    StepSnapshot,
    Timer,
    transition,
)
from bot.storage.sessions import SESSION_STATUSES
from tests.routine_reference import allowed_actions, position_label

T0 = 1_700_000_000.0

# What the integration layer hands us: Routine.model_dump(mode="json"), extra keys and all.
FLOOR_ROUTINE: dict[str, Any] = {
    "id": "gentle-floor-back",
    "title": "Gentle lower-back stretches on the floor",
    "summary": "Ten calm minutes lying down.",
    "level": "gentle",
    "position": "floor",
    "minutes": 10,
    "equipment": ["a mat or firm bed"],
    "cautions": ["Skip knee-to-chest if you have osteoporosis."],
    "reviewed": "2026-11-24",
    "sources": [{"title": "Somewhere", "url": "https://example.org"}],
    "see_also": [],
    "steps": [
        {  # positions 0-1
            "id": "pelvic-tilt",
            "title": "Pelvic tilt",
            "instructions": "Lie on your back…",
            "hold_seconds": 5,
            "reps": 2,
            "sides": "none",
            "rest_seconds": 10,
            "image": None,
        },
        {  # positions 2-5: left rep 1, left rep 2, right rep 1, right rep 2
            "id": "knee-to-chest",
            "title": "Knee to chest",
            "instructions": "Bring one knee up…",
            "hold_seconds": 20,
            "reps": 2,
            "sides": "both",
            "rest_seconds": 5,
            "image": {"url": "https://example.org/k.png", "alt": "A person hugging one knee"},
        },
        {  # position 6: a movement, no hold timer, its 3 reps done in one go
            "id": "breathing",
            "title": "Slow breathing",
            "instructions": "Breathe in for four…",
            "hold_seconds": 0,
            "reps": 3,
            "sides": "none",
            "rest_seconds": 0,
        },
        {  # position 7
            "id": "child-pose",
            "title": "Child's pose",
            "instructions": "Kneel and fold forward…",
            "hold_seconds": 30,
            "reps": 1,
            "sides": "none",
            "rest_seconds": 0,
        },
    ],
}
TOTAL = 2 + 4 + 1 + 1


def routine() -> RoutineSnapshot:
    return RoutineSnapshot.from_mapping(FLOOR_ROUTINE)


def new_session(*, auto: bool = True, data: dict[str, Any] | None = None) -> RoutineSession:
    snapshot = RoutineSnapshot.from_mapping(data or FLOOR_ROUTINE)
    return RoutineSession.create(user_id=42, routine=snapshot, now=T0, auto_advance=auto, session_id="s1")


def started(*, auto: bool = True, at: float = T0) -> RoutineSession:
    return transition(new_session(auto=auto), Action.START, at)


def ok(session: RoutineSession) -> RoutineSession:
    assert session.invariant_errors() == []
    return session


def at_position(index: int, *, auto: bool = True) -> RoutineSession:
    """HOLD at ``index``, reached by pressing Next while each timer runs (no rests)."""
    s = started(auto=auto)
    for i in range(index):
        s = transition(s, Action.NEXT, T0 + i + 1)
    assert s.position_index == index and s.phase is Phase.HOLD
    return ok(s)


def fire(session: RoutineSession) -> RoutineSession:
    """Let the session's armed timer fire exactly on time."""
    timer = session.next_timer
    assert timer is not None
    return ok(transition(session, timer.action, timer.when))


# --------------------------------------------------------------------------- snapshots


def test_snapshot_reads_a_model_dump_and_ignores_extra_keys() -> None:
    r = routine()
    assert r.id == "gentle-floor-back"
    assert r.minutes == 10
    assert r.cautions == ("Skip knee-to-chest if you have osteoporosis.",)
    assert [s.id for s in r.steps] == ["pelvic-tilt", "knee-to-chest", "breathing", "child-pose"]
    knee = r.steps[1]
    assert knee.side_names == ("left", "right")
    assert knee.image_url == "https://example.org/k.png"
    assert knee.image_alt == "A person hugging one knee"
    assert r.steps[2].is_movement
    assert r.total_positions == TOTAL


def test_snapshot_round_trips_through_json() -> None:
    r = routine()
    again = RoutineSnapshot.from_mapping(json.loads(json.dumps(r.to_dict())))
    assert again == r
    step = StepSnapshot(id="x", title="X", image_url="https://example.org/x.png")
    assert StepSnapshot.from_mapping(step.to_dict()) == step


def test_snapshot_defaults_for_optional_step_fields() -> None:
    step = StepSnapshot.from_mapping({"id": "x", "title": "X"})
    assert (step.hold_seconds, step.reps, step.sides, step.rest_seconds) == (0, 1, "none", 0)


@pytest.mark.parametrize(
    "change",
    [
        {"reps": 0},
        {"reps": True},
        {"hold_seconds": -1},
        {"rest_seconds": "10"},
        {"sides": "left"},
        {"id": ""},
        {"title": None},
        {"image": {"alt": "no url"}},
    ],
)
def test_snapshot_rejects_broken_steps(change: dict[str, Any]) -> None:
    step = {**FLOOR_ROUTINE["steps"][0], **change}
    with pytest.raises(ValueError):
        RoutineSnapshot.from_mapping({**FLOOR_ROUTINE, "steps": [step]})


def test_snapshot_needs_steps() -> None:
    with pytest.raises(ValueError):
        RoutineSnapshot.from_mapping({**FLOOR_ROUTINE, "steps": []})


def test_position_numbering_goes_step_then_side_then_rep() -> None:
    r = routine()
    positions = [r.position_at(i) for i in range(r.total_positions)]
    assert positions[:6] == [(0, 0, 0), (0, 0, 1), (1, 0, 0), (1, 0, 1), (1, 1, 0), (1, 1, 1)]
    assert all(r.index_of(*p) == i for i, p in enumerate(positions))
    assert (r.step_start(1), r.step_end(1)) == (2, 5)
    with pytest.raises(IndexError):
        r.position_at(TOTAL)


# --------------------------------------------------------------------------- start


def test_a_new_session_waits_on_the_intro() -> None:
    s = ok(new_session())
    assert s.phase is Phase.INTRO
    assert s.deadline is None and s.started_at is None
    assert s.progress() == (0, TOTAL)
    # Nothing runs, but an abandoned intro is tidied up after 30 minutes.
    assert s.next_timer == Timer(T0 + IDLE_AFTER_SECONDS, Action.IDLE)


def test_start_begins_the_first_hold_with_its_timer() -> None:
    s = ok(transition(new_session(), Action.START, T0 + 3))
    assert s.phase is Phase.HOLD
    assert s.position == (0, 0, 0)
    assert s.deadline == T0 + 3 + 5
    assert s.started_at == T0 + 3
    assert s.next_timer == Timer(T0 + 8, Action.TICK)
    assert s.version == 1


def test_start_on_a_movement_arms_no_timer() -> None:
    data = {**FLOOR_ROUTINE, "steps": [FLOOR_ROUTINE["steps"][2]]}
    s = ok(transition(new_session(data=data), Action.START, T0))
    assert s.phase is Phase.HOLD and s.deadline is None
    assert s.seconds_remaining(T0) is None


def test_start_twice_is_refused_kindly() -> None:
    with pytest.raises(InvalidAction) as info:
        transition(started(), Action.START, T0 + 1)
    assert info.value.code == "already_started"
    assert "already started" in info.value.reason


@pytest.mark.parametrize("action", [Action.NEXT, Action.BACK, Action.SKIP, Action.PAUSE, Action.RESUME])
def test_intro_refuses_moves_before_start(action: Action) -> None:
    with pytest.raises(InvalidAction) as info:
        transition(new_session(), action, T0 + 1)
    assert info.value.code == "not_started"
    assert "Start" in str(info.value)


# --------------------------------------------------------------------------- auto-advance


def test_auto_advance_walks_the_whole_routine_with_timers_alone() -> None:
    s = started()
    seen: list[tuple[str, str]] = []
    # The movement step needs Next presses; everything else is timers.
    while not s.is_terminal:
        seen.append((s.phase.value, position_label(s)))
        if s.phase is Phase.HOLD and s.current_step.is_movement:
            s = ok(transition(s, Action.NEXT, s.updated_at + 4))
        else:
            s = fire(s)
    assert s.phase is Phase.DONE
    assert s.finished_at == s.updated_at
    assert s.progress() == (TOTAL, TOTAL)
    assert s.steps_completed == (0, 1, 2, 3) and s.steps_done == 4
    assert seen == [
        ("hold", "Step 1 of 4 · Pelvic tilt · rep 1 of 2"),
        ("rest", "Step 1 of 4 · Pelvic tilt · rep 2 of 2"),
        ("hold", "Step 1 of 4 · Pelvic tilt · rep 2 of 2"),
        ("rest", "Step 2 of 4 · Knee to chest (left) · rep 1 of 2"),  # rest between steps too
        ("hold", "Step 2 of 4 · Knee to chest (left) · rep 1 of 2"),
        ("rest", "Step 2 of 4 · Knee to chest (left) · rep 2 of 2"),
        ("hold", "Step 2 of 4 · Knee to chest (left) · rep 2 of 2"),
        ("rest", "Step 2 of 4 · Knee to chest (right) · rep 1 of 2"),  # left side done, then right
        ("hold", "Step 2 of 4 · Knee to chest (right) · rep 1 of 2"),
        ("rest", "Step 2 of 4 · Knee to chest (right) · rep 2 of 2"),
        ("hold", "Step 2 of 4 · Knee to chest (right) · rep 2 of 2"),
        ("rest", "Step 3 of 4 · Slow breathing · 3 times"),
        ("hold", "Step 3 of 4 · Slow breathing · 3 times"),  # one press for all three breaths
        ("hold", "Step 4 of 4 · Child's pose"),  # rest_seconds 0: no rest
    ]


def test_a_hold_tick_starts_a_rest_with_its_own_deadline() -> None:
    s = fire(started())
    assert s.phase is Phase.REST
    assert s.deadline == T0 + 5 + 10  # rest_seconds of the pelvic tilt
    assert s.progress() == (1, TOTAL)  # the finished rep counts during the rest
    s = fire(s)
    assert s.phase is Phase.HOLD and s.position == (0, 0, 1)
    assert s.deadline == T0 + 15 + 5


def test_tick_on_the_last_hold_finishes() -> None:
    s = at_position(TOTAL - 1)
    s = fire(s)
    assert s.phase is Phase.DONE
    assert s.deadline is None and s.next_timer is None
    assert s.finished_at == s.updated_at


def test_a_tick_a_little_early_is_accepted_but_a_stale_one_is_refused() -> None:
    s = started()
    assert s.deadline is not None
    early = ok(transition(s, Action.TICK, s.deadline - TICK_TOLERANCE_SECONDS / 2))
    assert early.phase is Phase.REST
    with pytest.raises(InvalidAction) as info:
        transition(s, Action.TICK, T0 + 1)
    assert info.value.code == "stale_timer"


def test_tick_without_a_running_timer_is_stale() -> None:
    movement = at_position(6)
    with pytest.raises(InvalidAction) as info:
        transition(movement, Action.TICK, T0 + 999)
    assert info.value.code == "stale_timer"
    with pytest.raises(InvalidAction):
        transition(new_session(), Action.TICK, T0 + 999)
    with pytest.raises(InvalidAction):
        transition(transition(started(), Action.PAUSE, T0 + 1), Action.TICK, T0 + 999)


# --------------------------------------------------------------------------- manual mode


def test_manual_mode_hold_ends_with_hold_complete_and_waits_for_next() -> None:
    s = fire(started(auto=False))
    assert s.phase is Phase.HOLD and s.position == (0, 0, 0)
    assert s.hold_complete and s.phase is Phase.HOLD
    assert s.deadline is None
    # Nothing moves on its own: only the idle check is armed.
    assert s.next_timer is not None and s.next_timer.action is Action.IDLE
    s = ok(transition(s, Action.NEXT, T0 + 9))
    assert s.phase is Phase.REST and s.deadline == T0 + 9 + 10  # a finished hold earns its rest


def test_manual_mode_rests_still_run_by_themselves() -> None:
    s = ok(transition(fire(started(auto=False)), Action.NEXT, T0 + 5))
    assert s.phase is Phase.REST
    rest_end = s.deadline
    assert rest_end is not None
    s = fire(s)
    # Nobody needs a tap to stop resting: the next hold starts, and waits for Next when it ends.
    assert s.phase is Phase.HOLD and s.position == (0, 0, 1) and s.deadline == rest_end + 5
    assert not s.timer_complete


def test_manual_mode_next_on_the_last_finished_hold_finishes() -> None:
    s = fire(at_position(TOTAL - 1, auto=False))
    assert s.hold_complete
    assert ok(transition(s, Action.NEXT, s.updated_at + 1)).phase is Phase.DONE


# --------------------------------------------------------------------------- next


def test_next_during_a_running_hold_goes_straight_to_the_next_position() -> None:
    s = ok(transition(started(), Action.NEXT, T0 + 2))
    assert s.phase is Phase.HOLD and s.position == (0, 0, 1)  # no rest: they chose to go faster
    assert s.deadline == T0 + 2 + 5


def test_next_during_rest_ends_the_rest_early() -> None:
    s = fire(started())
    s = ok(transition(s, Action.NEXT, T0 + 6))
    assert s.phase is Phase.HOLD and s.position == (0, 0, 1) and s.deadline == T0 + 11


def test_next_on_a_movement_moves_on_and_honours_its_rest() -> None:
    data = {
        **FLOOR_ROUTINE,
        "steps": [
            {
                "id": "roll",
                "title": "Ankle circles",
                "hold_seconds": 0,
                "reps": 5,
                "sides": "both",
                "rest_seconds": 4,
            },
        ],
    }
    s = ok(transition(new_session(data=data), Action.START, T0))
    assert position_label(s) == "Step 1 of 1 · Ankle circles (left) · 5 times"
    s = ok(transition(s, Action.NEXT, T0 + 7))  # all five circles on the left: one press
    assert s.phase is Phase.REST and s.deadline == T0 + 11 and s.position == (0, 1, 0)
    s = fire(s)
    assert s.phase is Phase.HOLD and s.deadline is None  # the right side, no timer
    assert position_label(s) == "Step 1 of 1 · Ankle circles (right) · 5 times"
    s = ok(transition(s, Action.NEXT, T0 + 20))
    assert s.phase is Phase.DONE and s.steps_completed == (0,)


def test_a_movement_is_one_position_per_side_whatever_its_reps() -> None:
    r = routine()
    breathing = r.steps[2]
    assert breathing.is_movement and breathing.reps == 3
    assert breathing.reps_per_side == 1 and breathing.positions == 1
    assert r.position_at(6) == (2, 0, 0) and r.position_at(7) == (3, 0, 0)
    s = ok(transition(at_position(6), Action.NEXT, T0 + 30))
    assert s.phase is Phase.HOLD and s.step_index == 3 and 2 in s.steps_completed


def test_next_on_the_last_position_finishes() -> None:
    s = ok(transition(at_position(TOTAL - 1), Action.NEXT, T0 + 100))
    assert s.phase is Phase.DONE and s.finished_at == T0 + 100


def test_finishing_the_last_rep_of_a_step_marks_the_step_completed() -> None:
    s = at_position(1)
    assert s.steps_completed == ()
    s = ok(transition(s, Action.NEXT, T0 + 50))
    assert s.steps_completed == (0,)


# --------------------------------------------------------------------------- back


def test_back_on_the_very_first_position_stays_and_restarts_the_timer() -> None:
    s = started()
    again = ok(transition(s, Action.BACK, T0 + 3))
    assert again.position == (0, 0, 0) and again.phase is Phase.HOLD
    assert again.deadline == T0 + 3 + 5
    assert again.version == s.version + 1


def test_back_on_the_first_position_clears_a_finished_hold() -> None:
    s = fire(started(auto=False))
    again = ok(transition(s, Action.BACK, T0 + 60))
    assert not again.hold_complete and again.deadline == T0 + 65


def test_back_goes_to_the_previous_position_and_restarts_its_hold() -> None:
    s = at_position(3)
    back = ok(transition(s, Action.BACK, T0 + 50))
    assert back.position == (1, 0, 0) and back.deadline == T0 + 70


def test_back_across_a_step_boundary_lands_on_the_last_rep_of_the_right_side() -> None:
    s = at_position(6)  # first breath
    back = ok(transition(s, Action.BACK, T0 + 50))
    assert back.position == (1, 1, 1)
    assert position_label(back) == "Step 2 of 4 · Knee to chest (right) · rep 2 of 2"


def test_back_during_rest_redoes_the_position_just_finished() -> None:
    s = fire(started())
    assert s.phase is Phase.REST and s.position == (0, 0, 1)
    back = ok(transition(s, Action.BACK, T0 + 7))
    assert back.phase is Phase.HOLD and back.position == (0, 0, 0) and back.deadline == T0 + 12


# --------------------------------------------------------------------------- skip


def test_skip_leaves_the_whole_step() -> None:
    s = at_position(3)  # knee to chest, left rep 2
    s = ok(transition(s, Action.SKIP, T0 + 10))
    assert s.phase is Phase.HOLD and s.position == (2, 0, 0)
    assert s.steps_skipped == (1,)
    assert s.deadline is None  # the breathing step is a movement


def test_skip_during_a_rest_between_steps_skips_the_upcoming_step() -> None:
    s = fire(at_position(1))  # rest before knee to chest
    assert s.phase is Phase.REST and s.step_index == 1
    s = ok(transition(s, Action.SKIP, T0 + 20))
    assert s.position == (2, 0, 0) and s.steps_skipped == (1,) and s.steps_completed == (0,)


def test_skip_on_the_last_step_finishes() -> None:
    s = ok(transition(at_position(TOTAL - 1), Action.SKIP, T0 + 10))
    assert s.phase is Phase.DONE and s.steps_skipped == (3,)
    assert s.progress() == (TOTAL, TOTAL)


def test_a_skipped_step_done_after_going_back_counts_as_completed() -> None:
    s = ok(transition(started(), Action.SKIP, T0 + 1))
    assert s.steps_skipped == (0,)
    s = ok(transition(s, Action.BACK, T0 + 2))  # back to pelvic tilt rep 2
    s = ok(transition(s, Action.NEXT, T0 + 3))
    assert s.steps_completed == (0,) and s.steps_skipped == ()


# --------------------------------------------------------------------------- pause / resume


def test_pause_during_a_hold_keeps_the_seconds_left() -> None:
    s = at_position(2)  # knee to chest: 20 s hold, armed at T0 + 2
    paused = ok(transition(s, Action.PAUSE, T0 + 9))
    assert paused.phase is Phase.PAUSED and paused.deadline is None
    assert paused.paused_from is not None
    assert paused.paused_from.phase is Phase.HOLD and paused.paused_from.remaining == 13
    assert paused.seconds_remaining(T0 + 500) == 13  # frozen while paused
    assert paused.next_timer == Timer(T0 + 9 + EXPIRE_AFTER_SECONDS, Action.EXPIRE)


def test_resume_re_arms_the_remaining_time_from_now() -> None:
    paused = transition(at_position(2), Action.PAUSE, T0 + 9)
    resumed = ok(transition(paused, Action.RESUME, T0 + 3600))
    assert resumed.phase is Phase.HOLD and resumed.position == (1, 0, 0)
    assert resumed.deadline == T0 + 3600 + 13
    assert resumed.seconds_remaining(T0 + 3600) == 13


def test_pause_during_rest_resumes_the_rest() -> None:
    rest = fire(started())  # 10 s rest until T0 + 15
    paused = ok(transition(rest, Action.PAUSE, T0 + 11))
    assert paused.paused_from is not None and paused.paused_from.phase is Phase.REST
    assert paused.paused_from.remaining == 4
    resumed = ok(transition(paused, Action.RESUME, T0 + 100))
    assert resumed.phase is Phase.REST and resumed.deadline == T0 + 104
    assert fire(resumed).position == (0, 0, 1)


def test_pause_on_a_movement_resumes_without_a_timer() -> None:
    paused = ok(transition(at_position(6), Action.PAUSE, T0 + 20))
    assert paused.paused_from is not None and paused.paused_from.remaining is None
    resumed = ok(transition(paused, Action.RESUME, T0 + 40))
    assert resumed.phase is Phase.HOLD and resumed.deadline is None


def test_pause_after_a_finished_manual_hold_stays_finished() -> None:
    s = fire(started(auto=False))
    resumed = transition(transition(s, Action.PAUSE, T0 + 20), Action.RESUME, T0 + 40)
    assert ok(resumed).hold_complete and resumed.deadline is None


def test_pause_and_resume_refuse_the_wrong_phase() -> None:
    paused = transition(started(), Action.PAUSE, T0 + 1)
    with pytest.raises(InvalidAction) as info:
        transition(paused, Action.PAUSE, T0 + 2)
    assert info.value.code == "already_paused"
    with pytest.raises(InvalidAction) as info:
        transition(started(), Action.RESUME, T0 + 2)
    assert info.value.code == "not_paused"
    for action in (Action.NEXT, Action.BACK, Action.SKIP, Action.START):
        with pytest.raises(InvalidAction):
            transition(paused, action, T0 + 2)


def test_time_paused_does_not_count_as_active() -> None:
    s = started()  # active from T0
    s = transition(s, Action.PAUSE, T0 + 3)  # 3 s active
    s = transition(s, Action.RESUME, T0 + 1003)
    s = transition(s, Action.NEXT, T0 + 1005)  # 2 s more
    assert s.active_seconds == pytest.approx(5)


def test_suspend_pauses_a_running_timer_without_counting_as_a_press() -> None:
    s = fire(started())  # the rest after the first tilt, nobody pressed since START
    suspended = ok(transition(s, Action.SUSPEND, T0 + 6))
    assert suspended.phase is Phase.PAUSED and suspended.last_action_at == T0
    assert suspended.paused_from is not None and suspended.paused_from.by_idle
    assert suspended.paused_from.phase is Phase.REST and suspended.paused_from.remaining == 9
    resumed = ok(transition(suspended, Action.RESUME, T0 + 100))
    assert resumed.phase is Phase.REST and resumed.deadline == T0 + 109


def test_suspend_only_applies_while_a_hold_or_rest_runs() -> None:
    for session in (new_session(), transition(started(), Action.PAUSE, T0 + 1)):
        with pytest.raises(InvalidAction) as info:
            transition(session, Action.SUSPEND, T0 + 2)
        assert info.value.code == "not_running"


# --------------------------------------------------------------------------- idle / expire


def test_idle_for_30_minutes_pauses_a_waiting_routine() -> None:
    s = at_position(6)  # a movement: nothing will tick, only the idle check
    assert s.next_timer == Timer(s.last_action_at + IDLE_AFTER_SECONDS, Action.IDLE)
    with pytest.raises(InvalidAction) as info:
        transition(s, Action.IDLE, s.last_action_at + IDLE_AFTER_SECONDS - 1)
    assert info.value.code == "not_idle"
    idle_at = s.last_action_at + IDLE_AFTER_SECONDS
    assert s.due_action(idle_at) is Action.IDLE
    paused = ok(transition(s, Action.IDLE, idle_at))
    assert paused.phase is Phase.PAUSED
    assert paused.paused_from is not None and paused.paused_from.by_idle
    assert paused.last_action_at == s.last_action_at  # a timer is not a press
    assert paused.active_seconds == s.active_seconds  # nobody was seen stretching


def test_idle_during_a_running_hold_keeps_the_remaining_time() -> None:
    data = {**FLOOR_ROUTINE, "steps": [{"id": "long", "title": "Long hold", "hold_seconds": 300, "reps": 20}]}
    s = transition(new_session(data=data), Action.START, T0)
    # Timers tick on while nobody presses; the last press was START.
    while s.next_timer is not None and s.next_timer.action is Action.TICK:
        s = fire(s)
    assert s.next_timer is not None and s.next_timer.action is Action.IDLE
    paused = fire(s)
    assert paused.phase is Phase.PAUSED
    assert paused.paused_from is not None and paused.paused_from.remaining is not None
    assert 0 < paused.paused_from.remaining <= 300


def test_idle_on_an_intro_nobody_started_closes_it() -> None:
    s = fire(new_session())
    assert s.phase is Phase.ABANDONED and s.is_terminal and s.finished_at == T0 + IDLE_AFTER_SECONDS


def test_paused_more_than_a_day_expires() -> None:
    paused = transition(started(), Action.PAUSE, T0 + 1)
    with pytest.raises(InvalidAction) as info:
        transition(paused, Action.EXPIRE, T0 + 1 + EXPIRE_AFTER_SECONDS - 1)
    assert info.value.code == "not_expired"
    expired = fire(paused)
    assert expired.phase is Phase.EXPIRED and expired.finished_at == T0 + 1 + EXPIRE_AFTER_SECONDS
    assert expired.paused_from is None and expired.next_timer is None


def test_expire_only_applies_to_a_paused_routine() -> None:
    with pytest.raises(InvalidAction) as info:
        transition(started(), Action.EXPIRE, T0 + 10 * EXPIRE_AFTER_SECONDS)
    assert info.value.code == "not_paused"


def test_idle_on_a_paused_routine_is_refused() -> None:
    paused = transition(started(), Action.PAUSE, T0 + 1)
    with pytest.raises(InvalidAction):
        transition(paused, Action.IDLE, T0 + 10 * IDLE_AFTER_SECONDS)


def test_due_action_is_none_before_the_timer() -> None:
    s = started()
    assert s.due_action(T0 + 1) is None
    assert s.due_action(T0 + 5) is Action.TICK
    assert ok(transition(s, Action.STOP, T0 + 1)).due_action(T0 + 10**9) is None


# --------------------------------------------------------------------------- stop / hurt / abandon


def live_states() -> list[tuple[str, RoutineSession]]:
    """One session in every live phase, at every position, in both modes."""
    states: list[tuple[str, RoutineSession]] = [("intro", new_session())]
    for auto in (True, False):
        mode = "auto" if auto else "manual"
        for index in range(TOTAL):
            hold = at_position(index, auto=auto)
            states.append((f"{mode}-hold-{index}", hold))
            states.append((f"{mode}-paused-hold-{index}", transition(hold, Action.PAUSE, T0 + 40)))
            if hold.deadline is not None:
                ticked = fire(hold)
                states.append((f"{mode}-after-tick-{index}", ticked))
                if ticked.phase is Phase.REST:
                    states.append((f"{mode}-paused-rest-{index}", transition(ticked, Action.PAUSE, T0 + 41)))
                if not ticked.is_terminal and ticked.timer_complete:
                    rest = transition(ticked, Action.NEXT, T0 + 60)
                    if rest.phase is Phase.REST:
                        states.append((f"{mode}-rest-{index}", rest))
                        states.append((f"{mode}-rest-complete-{index}", fire(rest)))
    states = [(name, s) for name, s in states if not s.is_terminal]
    assert {s.phase for _, s in states} == set(LIVE_PHASES)
    return states


LIVE_STATES = live_states()


@pytest.mark.parametrize(("name", "session"), LIVE_STATES, ids=[name for name, _ in LIVE_STATES])
def test_it_hurts_ends_the_routine_from_anywhere(name: str, session: RoutineSession) -> None:
    hurt = ok(transition(session, Action.HURT, T0 + 10_000))
    assert hurt.phase is Phase.HURT and hurt.is_terminal
    assert hurt.deadline is None and hurt.paused_from is None and hurt.next_timer is None
    assert hurt.finished_at == T0 + 10_000
    assert hurt.position == session.position  # where it hurt is kept


@pytest.mark.parametrize(("name", "session"), LIVE_STATES, ids=[name for name, _ in LIVE_STATES])
def test_stop_and_abandon_end_the_routine_from_anywhere(name: str, session: RoutineSession) -> None:
    assert ok(transition(session, Action.STOP, T0 + 10_000)).phase is Phase.STOPPED
    assert ok(transition(session, Action.ABANDON, T0 + 10_000)).phase is Phase.ABANDONED


TERMINAL_STATES = {
    Phase.DONE: transition(at_position(TOTAL - 1), Action.NEXT, T0 + 100),
    Phase.STOPPED: transition(started(), Action.STOP, T0 + 1),
    Phase.HURT: transition(started(), Action.HURT, T0 + 1),
    Phase.ABANDONED: transition(new_session(), Action.ABANDON, T0 + 1),
    Phase.EXPIRED: fire(transition(started(), Action.PAUSE, T0 + 1)),
}


def test_every_terminal_phase_is_covered() -> None:
    assert set(TERMINAL_STATES) == set(TERMINAL_PHASES)
    assert all(s.phase is phase for phase, s in TERMINAL_STATES.items())


@pytest.mark.parametrize("phase", sorted(TERMINAL_PHASES))
@pytest.mark.parametrize("action", list(Action))
def test_an_ended_routine_refuses_every_action(phase: Phase, action: Action) -> None:
    session = TERMINAL_STATES[phase]
    with pytest.raises(InvalidAction) as info:
        transition(session, action, T0 + 10**6)
    assert info.value.phase is phase and info.value.action is action
    assert info.value.reason.endswith(".") and "/stretch" in info.value.reason


def test_next_on_a_finished_routine_says_so() -> None:
    with pytest.raises(InvalidAction) as info:
        transition(TERMINAL_STATES[Phase.DONE], Action.NEXT, T0 + 200)
    assert info.value.code == "finished"
    assert str(info.value).startswith("This routine has already finished")


def test_actions_may_be_given_as_strings_but_not_made_up() -> None:
    assert transition(new_session(), "start", T0).phase is Phase.HOLD
    with pytest.raises(ValueError):
        transition(new_session(), "dance", T0)
    with pytest.raises(ValueError):
        transition(new_session(), Action.START, float("nan"))


# --------------------------------------------------------------------------- bookkeeping


def test_every_transition_bumps_the_version_and_stamps_the_time() -> None:
    s = new_session()
    assert s.version == 0
    s = transition(s, Action.START, T0 + 1)
    s = transition(s, Action.TICK, T0 + 6)
    assert s.version == 2 and s.updated_at == T0 + 6
    assert s.last_action_at == T0 + 1  # a TICK is not a press


def test_presses_refresh_last_action_at_and_timers_do_not() -> None:
    s = started()
    for action in sorted(USER_ACTIONS - {Action.START, Action.RESUME, Action.STOP, Action.HURT}):
        assert transition(s, action, T0 + 2).last_action_at == T0 + 2
    assert transition(s, Action.TICK, T0 + 5).last_action_at == T0


def test_progress_counts_positions_and_draws_a_bar() -> None:
    assert at_position(0).progress() == (0, TOTAL)
    assert at_position(5).progress() == (5, TOTAL)
    assert at_position(5).progress_bar() == "▰▰▰▰▰▰▱▱▱▱"  # 5 of 8, rounded down
    assert at_position(0).progress_bar() == "▱" * 10
    assert at_position(1).progress_bar(width=5) == "▰▱▱▱▱"  # anything done shows
    assert TERMINAL_STATES[Phase.DONE].progress_bar() == "▰" * 10
    assert TERMINAL_STATES[Phase.STOPPED].progress() == (0, TOTAL)


def test_progress_helpers() -> None:
    assert progress_bar(9, 10) == "▰" * 9 + "▱"  # only full when all done
    assert progress_bar(0, 0) == "▱" * 10
    assert progress_bar(20, 10) == "▰" * 10
    assert (format_seconds(45), format_seconds(120), format_seconds(90.2)) == ("45 s", "2 min", "1 min 31 s")
    with pytest.raises(ValueError):
        progress_bar(1, 2, width=0)


@pytest.mark.parametrize(
    ("index", "label"),
    [
        (0, "Step 1 of 4 · Pelvic tilt · rep 1 of 2"),
        (2, "Step 2 of 4 · Knee to chest (left) · rep 1 of 2"),
        (5, "Step 2 of 4 · Knee to chest (right) · rep 2 of 2"),
        (6, "Step 3 of 4 · Slow breathing · 3 times"),  # a movement: all reps in one go
        (7, "Step 4 of 4 · Child's pose"),  # one rep, one side: nothing to count
    ],
)
def test_position_labels(index: int, label: str) -> None:
    s = at_position(index)
    assert position_label(s) == label
    assert s.current_step.title in label


def test_status_matches_the_storage_column() -> None:
    statuses = {s.status for _, s in LIVE_STATES} | {s.status for s in TERMINAL_STATES.values()}
    assert statuses == SESSION_STATUSES
    assert new_session().status == "active" and TERMINAL_STATES[Phase.HURT].status == "hurt"


def test_current_step_and_side() -> None:
    s = at_position(4)
    assert s.current_step.id == "knee-to-chest" and s.current_side == "right"
    assert at_position(0).current_side is None


def test_seconds_remaining_counts_down() -> None:
    s = started()
    assert s.seconds_remaining(T0 + 2) == 3
    assert s.seconds_remaining(T0 + 99) == 0


# --------------------------------------------------------------------------- storage


@pytest.mark.parametrize(
    ("name", "session"),
    [*LIVE_STATES, *((p.value, s) for p, s in TERMINAL_STATES.items())],
    ids=[*(n for n, _ in LIVE_STATES), *(p.value for p in TERMINAL_STATES)],
)
def test_to_dict_from_dict_round_trips_exactly(name: str, session: RoutineSession) -> None:
    stored = json.dumps(session.to_dict())
    assert RoutineSession.from_dict(json.loads(stored)) == session
    assert json.loads(stored)["routine"]["steps"][1]["image"]["alt"] == "A person hugging one knee"


def test_round_trip_keeps_odd_floats_exact() -> None:
    s = RoutineSession.create(user_id=2**63 - 1, routine=routine(), now=T0 + 0.1 + 0.2, session_id="x")
    s = transition(s, Action.START, T0 + 1 / 3)
    assert RoutineSession.from_dict(json.loads(json.dumps(s.to_dict()))) == s


@pytest.mark.parametrize(
    "damage",
    [
        {"format": 99},
        {"phase": "dancing"},
        {"step_index": 7},
        {"rep_index": -1},
        {"deadline": "soon"},
        {"phase": "rest", "deadline": None},
        {"finished_at": T0},
        {"steps_completed": [2, 1]},
        {"user_id": "42"},
        {"routine": {"id": "x", "title": "X", "steps": []}},
    ],
)
def test_from_dict_rejects_damaged_rows(damage: dict[str, Any]) -> None:
    data = {**started().to_dict(), **damage}
    with pytest.raises(ValueError):
        RoutineSession.from_dict(data)


def test_from_dict_rejects_missing_keys() -> None:
    data = started().to_dict()
    del data["version"]
    with pytest.raises(ValueError):
        RoutineSession.from_dict(data)


def test_a_running_session_is_independent_of_later_content() -> None:
    data = json.loads(json.dumps(FLOOR_ROUTINE))
    s = RoutineSession.create(user_id=1, routine=RoutineSnapshot.from_mapping(data), now=T0)
    data["steps"][0]["title"] = "Renamed"  # a content reload changes the source dict
    assert s.routine.steps[0].title == "Pelvic tilt"


# --------------------------------------------------------------------------- random walks


@st.composite
def routines(draw: st.DrawFn) -> dict[str, Any]:
    steps = []
    for i in range(draw(st.integers(1, 4))):
        steps.append(
            {
                "id": f"s{i}",
                "title": f"Step {i}",
                "hold_seconds": draw(st.sampled_from([0, 0, 1, 5, 30, 300])),
                "reps": draw(st.integers(1, 3)),
                "sides": draw(st.sampled_from(["none", "both"])),
                "rest_seconds": draw(st.sampled_from([0, 0, 3, 10])),
            }
        )
    return {"id": "walk", "title": "Random walk", "steps": steps}


FIRE_DUE = "fire-due"  # pseudo-action: jump to the armed timer and apply what is due
OPS = st.tuples(
    st.sampled_from([*Action, FIRE_DUE, FIRE_DUE, FIRE_DUE]),
    st.sampled_from([0.0, 0.3, 1.0, 4.0, 60.0, IDLE_AFTER_SECONDS, EXPIRE_AFTER_SECONDS + 1]),
)


def check(session: RoutineSession) -> None:
    assert session.invariant_errors() == []
    done, total = session.progress()
    assert 0 <= done <= total == session.routine.total_positions
    if session.deadline is not None:
        longest = max(max(s.hold_seconds, s.rest_seconds) for s in session.routine.steps)
        assert session.updated_at <= session.deadline <= session.updated_at + longest
    assert (session.next_timer is None) == session.is_terminal
    assert RoutineSession.from_dict(json.loads(json.dumps(session.to_dict()))) == session


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=routines(), auto=st.booleans(), ops=st.lists(OPS, max_size=60))
def test_no_sequence_of_actions_breaks_the_invariants(
    data: dict[str, Any], auto: bool, ops: list[tuple[Action | str, float]]
) -> None:
    session = RoutineSession.create(
        user_id=7, routine=RoutineSnapshot.from_mapping(data), now=T0, auto_advance=auto
    )
    now = T0
    check(session)
    for op, dt in ops:
        now += dt
        if op == FIRE_DUE:
            timer = session.next_timer
            if timer is None:
                continue
            now = max(now, timer.when)
            action = session.due_action(now)
            assert action is not None, "a timer that is due must name an action"
        else:
            action = Action(op)
        was_terminal = session.is_terminal
        allowed = allowed_actions(session)
        try:
            new = transition(session, action, now)
        except InvalidAction as exc:
            assert exc.reason and exc.code
            assert action not in allowed, f"{action} is offered in {session.phase} but refused"
            assert op != FIRE_DUE, "the due timer action must always apply"
            continue
        assert not was_terminal, "an ended routine never changes"
        assert new.version == session.version + 1
        assert new.updated_at == now
        assert new.active_seconds >= session.active_seconds
        if action in USER_ACTIONS:
            assert action in allowed, f"{action} works in {session.phase} but no button offers it"
        if new.is_terminal:
            assert new.finished_at == now
        session = new
        check(session)


def test_a_day_of_nothing_ends_every_live_session() -> None:
    """Whatever state it is left in, timers alone bring a session to an end."""
    for _, session in LIVE_STATES:
        s = session
        for _ in range(200):
            timer = s.next_timer
            if timer is None:
                break
            s = transition(s, timer.action, timer.when)
        assert s.is_terminal, s.phase
        assert s.phase in {Phase.DONE, Phase.EXPIRED, Phase.ABANDONED}


def test_replace_keeps_slots_frozen() -> None:
    s = started()
    with pytest.raises(AttributeError):
        s.phase = Phase.DONE  # type: ignore[misc]
    assert replace(s, version=5).version == 5

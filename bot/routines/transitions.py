"""``transition(session, action, now) -> session``: what each press and timer does.

Pure: no clock, no I/O. See :mod:`bot.routines.session` for the rules in words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from bot.routines.phases import (
    EXPIRE_AFTER_SECONDS,
    IDLE_AFTER_SECONDS,
    TERMINAL_PHASES,
    TICK_TOLERANCE_SECONDS,
    TIMED_PHASES,
    USER_ACTIONS,
    Action,
    InvalidAction,
    Phase,
    check_now,
)
from bot.routines.state import PausedFrom, RoutineSession
from bot.wording import routines as words

__all__ = ["transition"]

_TERMINAL_REASONS: dict[Phase, tuple[str, str]] = {
    Phase.DONE: ("finished", words.ENDED_DONE),
    Phase.STOPPED: ("stopped", words.ENDED_STOPPED),
    Phase.HURT: ("hurt", words.ENDED_HURT),
    Phase.ABANDONED: ("abandoned", words.ENDED_ABANDONED),
    Phase.EXPIRED: ("expired", words.ENDED_EXPIRED),
}
"""The code and the kind sentence for any action on a session that has ended."""


def _invalid(session: RoutineSession, action: Action, code: str, reason: str) -> InvalidAction:
    return InvalidAction(action, session.phase, code, reason)


def _at(session: RoutineSession, index: int) -> RoutineSession:
    """The same session, moved to position ``index``."""
    pos = session.routine.position_at(index)
    return replace(session, step_index=pos.step, side_index=pos.side, rep_index=pos.rep)


def _hold(session: RoutineSession, index: int, now: float) -> RoutineSession:
    """Begin (or restart) the hold at position ``index``."""
    session = _at(session, index)
    hold = session.current_step.hold_seconds
    return replace(
        session,
        phase=Phase.HOLD,
        deadline=now + hold if hold > 0 else None,
        timer_complete=False,
        paused_from=None,
    )


def _mark_completed(session: RoutineSession, step: int) -> RoutineSession:
    return replace(
        session,
        steps_completed=tuple(sorted({*session.steps_completed, step})),
        steps_skipped=tuple(i for i in session.steps_skipped if i != step),
    )


def _mark_skipped(session: RoutineSession, step: int) -> RoutineSession:
    if step in session.steps_completed:
        return session  # done once already; skipping a redo doesn't undo that
    return replace(session, steps_skipped=tuple(sorted({*session.steps_skipped, step})))


def _done(session: RoutineSession) -> RoutineSession:
    return replace(session, phase=Phase.DONE, deadline=None, timer_complete=False, paused_from=None)


def _leave_position(session: RoutineSession, now: float, *, rest: bool) -> RoutineSession:
    """The current position is finished: rest (if ``rest`` and the step asks for it), then the next one."""
    index = session.position_index
    routine = session.routine
    if index == routine.step_end(session.step_index):
        session = _mark_completed(session, session.step_index)
    if index + 1 >= routine.total_positions:
        return _done(session)
    rest_seconds = session.current_step.rest_seconds if rest else 0
    if rest_seconds > 0:
        return replace(
            _at(session, index + 1),
            phase=Phase.REST,
            deadline=now + rest_seconds,
            timer_complete=False,
        )
    return _hold(session, index + 1, now)


def _refuse_unless_running(s: RoutineSession, action: Action) -> None:
    """Next, Back and Skip need a routine that has started and is not paused."""
    if s.phase is Phase.INTRO:
        raise _invalid(s, action, "not_started", words.NOT_STARTED)
    if s.phase is Phase.PAUSED:
        raise _invalid(s, action, "paused", words.PAUSED)


def _start(s: RoutineSession, now: float) -> RoutineSession:
    if s.phase is not Phase.INTRO:
        raise _invalid(s, Action.START, "already_started", words.ALREADY_STARTED)
    return _hold(s, 0, now)


def _next(s: RoutineSession, now: float) -> RoutineSession:
    _refuse_unless_running(s, Action.NEXT)
    if s.phase is Phase.REST:
        return _hold(s, s.position_index, now)
    # HOLD: finished (timer ran out, or a movement) → normal flow with rest;
    # still counting down → the person is going faster: no rest.
    return _leave_position(s, now, rest=s.deadline is None)


def _back(s: RoutineSession, now: float) -> RoutineSession:
    _refuse_unless_running(s, Action.BACK)
    return _hold(s, max(0, s.position_index - 1), now)


def _skip(s: RoutineSession, now: float) -> RoutineSession:
    _refuse_unless_running(s, Action.SKIP)
    step = s.step_index
    s = _mark_skipped(s, step)
    if step + 1 >= len(s.routine.steps):
        return _done(s)
    return _hold(s, s.routine.step_start(step + 1), now)


def _pause(s: RoutineSession, now: float, *, by_idle: bool = False) -> RoutineSession:
    if s.phase is Phase.INTRO:
        raise _invalid(s, Action.PAUSE, "not_started", words.NOT_STARTED)
    if s.phase is Phase.PAUSED:
        raise _invalid(s, Action.PAUSE, "already_paused", words.ALREADY_PAUSED)
    remaining = None if s.deadline is None else max(0.0, s.deadline - now)
    return replace(
        s,
        phase=Phase.PAUSED,
        paused_from=PausedFrom(s.phase, remaining, s.timer_complete, now, by_idle),
        deadline=None,
        timer_complete=False,
    )


def _resume(s: RoutineSession, now: float) -> RoutineSession:
    pf = s.paused_from
    if s.phase is not Phase.PAUSED or pf is None:
        if s.phase is Phase.INTRO:
            raise _invalid(s, Action.RESUME, "not_started", words.NOT_STARTED)
        raise _invalid(s, Action.RESUME, "not_paused", words.NOT_PAUSED)
    return replace(
        s,
        phase=pf.phase,
        deadline=None if pf.remaining is None else now + pf.remaining,
        timer_complete=pf.timer_complete,
        paused_from=None,
    )


def _suspend(s: RoutineSession, now: float) -> RoutineSession:
    if s.phase not in TIMED_PHASES:
        raise _invalid(s, Action.SUSPEND, "not_running", words.NOT_RUNNING)
    return _pause(s, now, by_idle=True)


def _tick(s: RoutineSession, now: float) -> RoutineSession:
    if s.phase not in TIMED_PHASES or s.deadline is None or now < s.deadline - TICK_TOLERANCE_SECONDS:
        raise _invalid(s, Action.TICK, "stale_timer", words.STALE_TIMER)
    if s.phase is Phase.REST:
        return _hold(s, s.position_index, now)  # rests run by themselves, in either mode
    if not s.auto_advance:
        return replace(s, deadline=None, timer_complete=True)
    return _leave_position(s, now, rest=True)


def _idle(s: RoutineSession, now: float) -> RoutineSession:
    if s.phase is Phase.PAUSED:
        raise _invalid(s, Action.IDLE, "already_paused", words.ALREADY_PAUSED)
    if now < s.last_action_at + IDLE_AFTER_SECONDS:
        raise _invalid(s, Action.IDLE, "not_idle", words.NOT_IDLE)
    if s.phase is Phase.INTRO:
        return replace(s, phase=Phase.ABANDONED)
    return _pause(s, now, by_idle=True)


def _expire(s: RoutineSession, now: float) -> RoutineSession:
    pf = s.paused_from
    if s.phase is not Phase.PAUSED or pf is None:
        raise _invalid(s, Action.EXPIRE, "not_paused", words.NOT_PAUSED)
    if now < pf.paused_at + EXPIRE_AFTER_SECONDS:
        raise _invalid(s, Action.EXPIRE, "not_expired", words.NOT_EXPIRED)
    return replace(s, phase=Phase.EXPIRED, paused_from=None)


_Handler = Callable[[RoutineSession, float], RoutineSession]


def _end_as(phase: Phase) -> _Handler:
    def end(s: RoutineSession, now: float) -> RoutineSession:
        return replace(s, phase=phase, deadline=None, timer_complete=False, paused_from=None)

    return end


_HANDLERS: dict[Action, _Handler] = {
    Action.START: _start,
    Action.NEXT: _next,
    Action.BACK: _back,
    Action.PAUSE: _pause,
    Action.RESUME: _resume,
    Action.SKIP: _skip,
    Action.STOP: _end_as(Phase.STOPPED),
    Action.HURT: _end_as(Phase.HURT),
    Action.ABANDON: _end_as(Phase.ABANDONED),
    Action.TICK: _tick,
    Action.SUSPEND: _suspend,
    Action.IDLE: _idle,
    Action.EXPIRE: _expire,
}


def _active_credit(old: RoutineSession, action: Action, now: float) -> float:
    """Seconds of the segment since the last transition that count as time spent stretching."""
    if old.phase not in TIMED_PHASES:
        return 0.0
    end = now
    if action is Action.IDLE:
        # Nobody pressed anything: only a running timer's time is believable.
        end = min(now, old.deadline) if old.deadline is not None else old.updated_at
    return max(0.0, end - old.updated_at)


def transition(session: RoutineSession, action: Action | str, now: float) -> RoutineSession:
    """Apply ``action`` at epoch time ``now`` and return the new session.

    Pure. Raises :class:`InvalidAction` (with a kind ``reason``) when the action
    does not apply — including any action on an ended session — and ValueError
    for an unknown action or a non-finite ``now``. Every accepted action bumps
    ``version`` by one, so the store can refuse a write based on a stale read.
    """
    action = Action(action)
    now = check_now(now)
    if session.is_terminal:
        code, reason = _TERMINAL_REASONS[session.phase]
        raise _invalid(session, action, code, reason)
    new = _HANDLERS[action](session, now)
    return replace(
        new,
        version=session.version + 1,
        updated_at=now,
        active_seconds=session.active_seconds + _active_credit(session, action, now),
        last_action_at=now if action in USER_ACTIONS else session.last_action_at,
        started_at=now if action is Action.START else session.started_at,
        finished_at=now if new.phase in TERMINAL_PHASES else None,
    )

"""One person's run through one routine: the frozen session value and what it can tell.

Transitions live in :mod:`bot.routines.transitions`; this module only answers
questions about a session (where are we, what is due next, is it consistent)
and converts it to and from its stored form (:mod:`bot.routines.stored`).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple, Self

from bot.routines.phases import (
    EXPIRE_AFTER_SECONDS,
    IDLE_AFTER_SECONDS,
    TERMINAL_PHASES,
    TICK_TOLERANCE_SECONDS,
    TIMED_PHASES,
    Action,
    Phase,
    check_now,
)
from bot.routines.progress import progress_bar as _progress_bar
from bot.routines.snapshot import Position, RoutineSnapshot, StepSnapshot
from bot.routines.stored import FORMAT_VERSION, StoredPause, StoredSession, compact_json

__all__ = ["PausedFrom", "RoutineSession", "Timer"]


@dataclass(frozen=True, slots=True)
class PausedFrom:
    """What a pause interrupted, so RESUME can put it back."""

    phase: Phase  # HOLD or REST
    remaining: float | None  # seconds left on the timer; None if none was running
    timer_complete: bool
    paused_at: float
    by_idle: bool = False  # paused by the bot (idle check or SUSPEND), not by a press (the UI says so)

    @classmethod
    def from_stored(cls, stored: StoredPause) -> Self:
        return cls(stored.phase, stored.remaining, stored.timer_complete, stored.paused_at, stored.by_idle)

    def to_stored(self) -> StoredPause:
        return StoredPause.model_construct(
            phase=self.phase,
            remaining=self.remaining,
            timer_complete=self.timer_complete,
            paused_at=self.paused_at,
            by_idle=self.by_idle,
        )

    def to_dict(self) -> dict[str, Any]:
        return self.to_stored().model_dump(mode="json")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        return cls.from_stored(StoredPause.model_validate(data))


def _seconds(value: float | None) -> float | None:
    """A ``Seconds | None`` field as the stored model dumps it (an int as a float)."""
    return None if value is None else float(value)


class Timer(NamedTuple):
    """The next thing the scheduler should do for a session: fire ``action`` at ``when``."""

    when: float
    action: Action


@dataclass(frozen=True, slots=True, kw_only=True)
class RoutineSession:
    """One person's run through one routine. Immutable: transitions return a new value."""

    id: str
    user_id: int
    routine: RoutineSnapshot
    phase: Phase = Phase.INTRO
    step_index: int = 0
    side_index: int = 0
    rep_index: int = 0
    deadline: float | None = None
    """Epoch end of the running hold/rest timer, or None when no timer runs."""
    timer_complete: bool = False
    """Manual mode: the hold/rest timer ran out and we wait for Next."""
    paused_from: PausedFrom | None = None
    auto_advance: bool = True
    created_at: float
    started_at: float | None = None
    updated_at: float
    last_action_at: float
    """Last press by the person: the idle clock, and how the service knows whether
    the 15-minute interaction token is still good for editing the message."""
    finished_at: float | None = None
    """When the session ended, whichever way (DONE, STOPPED, HURT, …)."""
    active_seconds: float = 0.0
    """Time spent in HOLD/REST; pauses, the intro and idle waiting are not counted."""
    steps_completed: tuple[int, ...] = ()
    steps_skipped: tuple[int, ...] = ()
    version: int = 0

    # construction ------------------------------------------------------------

    @classmethod
    def create(
        cls,
        *,
        user_id: int,
        routine: RoutineSnapshot,
        now: float,
        auto_advance: bool = True,
        session_id: str | None = None,
    ) -> RoutineSession:
        """A new session in INTRO (cautions on screen, nothing running yet)."""
        now = check_now(now)
        return cls(
            id=session_id or uuid.uuid4().hex,
            user_id=user_id,
            routine=routine,
            auto_advance=auto_advance,
            created_at=now,
            updated_at=now,
            last_action_at=now,
        )

    # where are we ------------------------------------------------------------

    @property
    def is_terminal(self) -> bool:
        return self.phase in TERMINAL_PHASES

    @property
    def status(self) -> str:
        """Coarse status for the ``routine_sessions.status`` column and queries.

        ``active`` (intro, hold, rest), ``paused``, or the terminal phase's value
        (``done``, ``stopped``, ``hurt``, ``abandoned``, ``expired``).
        """
        if self.phase in (Phase.INTRO, Phase.HOLD, Phase.REST):
            return "active"
        return self.phase.value

    @property
    def position(self) -> Position:
        return Position(self.step_index, self.side_index, self.rep_index)

    @property
    def position_index(self) -> int:
        return self.routine.index_of(self.step_index, self.side_index, self.rep_index)

    @property
    def total_positions(self) -> int:
        return self.routine.total_positions

    @property
    def current_step(self) -> StepSnapshot:
        """The step being done (during REST: the step of the upcoming position)."""
        return self.routine.steps[self.step_index]

    @property
    def current_side(self) -> str | None:
        """``"left"``/``"right"`` for two-sided steps, else None."""
        return self.current_step.side_names[self.side_index]

    @property
    def hold_complete(self) -> bool:
        """Manual mode: the hold timer ran out; the person presses Next when ready."""
        return self.phase is Phase.HOLD and self.timer_complete

    @property
    def steps_done(self) -> int:
        return len(self.steps_completed)

    def progress(self) -> tuple[int, int]:
        """``(positions done, total positions)``.

        Positions before the current one are done (during REST that includes the
        one just finished); DONE counts everything, even if steps were skipped.
        """
        total = self.total_positions
        if self.phase is Phase.DONE:
            return total, total
        if self.phase is Phase.INTRO:
            return 0, total
        return self.position_index, total

    def progress_bar(self, width: int = 10) -> str:
        """Text bar like ``▰▰▰▱▱▱▱▱▱▱``."""
        done, total = self.progress()
        return _progress_bar(done, total, width)

    def seconds_remaining(self, now: float) -> float | None:
        """Seconds left on the hold/rest timer (frozen while paused), or None if none runs."""
        if self.deadline is not None:
            return max(0.0, self.deadline - now)
        if self.paused_from is not None:
            return self.paused_from.remaining
        return None

    # timers --------------------------------------------------------------------

    @property
    def next_timer(self) -> Timer | None:
        """What the scheduler should arm for this session, or None (terminal).

        The earliest of: the hold/rest deadline (TICK), the idle check (IDLE, 30
        min after the last press), or, when paused, the expiry (EXPIRE, 24 h).
        One timer per session keeps the scheduler's key simple
        (``routine:<id>``): every transition re-arms it.
        """
        if self.is_terminal:
            return None
        if self.paused_from is not None:
            return Timer(self.paused_from.paused_at + EXPIRE_AFTER_SECONDS, Action.EXPIRE)
        idle = Timer(self.last_action_at + IDLE_AFTER_SECONDS, Action.IDLE)
        if self.deadline is not None and self.deadline <= idle.when:
            return Timer(self.deadline, Action.TICK)
        return idle

    @property
    def next_deadline(self) -> float | None:
        """When the scheduler should wake this session, or None."""
        timer = self.next_timer
        return None if timer is None else timer.when

    def due_action(self, now: float) -> Action | None:
        """The timer action to apply at ``now``, or None if nothing is due (a stale wake-up)."""
        timer = self.next_timer
        if timer is None:
            return None
        slack = TICK_TOLERANCE_SECONDS if timer.action is Action.TICK else 0.0
        return timer.action if now >= timer.when - slack else None

    # storage -------------------------------------------------------------------

    def to_stored(self) -> StoredSession:
        """The stored form (built from this already valid value, so not validated again)."""
        return StoredSession.model_construct(
            format=FORMAT_VERSION,
            id=self.id,
            user_id=self.user_id,
            routine=self.routine.to_stored(),
            phase=self.phase,
            step_index=self.step_index,
            side_index=self.side_index,
            rep_index=self.rep_index,
            deadline=self.deadline,
            timer_complete=self.timer_complete,
            paused_from=None if self.paused_from is None else self.paused_from.to_stored(),
            auto_advance=self.auto_advance,
            created_at=self.created_at,
            started_at=self.started_at,
            updated_at=self.updated_at,
            last_action_at=self.last_action_at,
            finished_at=self.finished_at,
            active_seconds=self.active_seconds,
            steps_completed=list(self.steps_completed),
            steps_skipped=list(self.steps_skipped),
            version=self.version,
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-able; ``from_dict(json.loads(json.dumps(d)))`` gives back an equal session."""
        return self.to_stored().model_dump(mode="json")

    @classmethod
    def from_stored(cls, stored: StoredSession) -> RoutineSession:
        """The session a stored form describes. Raises ValueError if it is inconsistent."""
        paused = stored.paused_from
        session = cls(
            id=stored.id,
            user_id=stored.user_id,
            routine=RoutineSnapshot.from_stored(stored.routine),
            phase=stored.phase,
            step_index=stored.step_index,
            side_index=stored.side_index,
            rep_index=stored.rep_index,
            deadline=stored.deadline,
            timer_complete=stored.timer_complete,
            paused_from=None if paused is None else PausedFrom.from_stored(paused),
            auto_advance=stored.auto_advance,
            created_at=stored.created_at,
            started_at=stored.started_at,
            updated_at=stored.updated_at,
            last_action_at=stored.last_action_at,
            finished_at=stored.finished_at,
            active_seconds=stored.active_seconds,
            steps_completed=tuple(stored.steps_completed),
            steps_skipped=tuple(stored.steps_skipped),
            version=stored.version,
        )
        problems = session.invariant_errors()
        if problems:
            raise ValueError("inconsistent session: " + "; ".join(problems))
        return session

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RoutineSession:
        """Read a stored session. Raises ValueError if it is malformed or inconsistent."""
        return cls.from_stored(StoredSession.model_validate(data))

    def to_json(self) -> str:
        """The ``state_json`` text: compact, ASCII-only, exactly as rows have always been written.

        Written straight from this value (every write of a session and every timer firing comes
        here): the same text as :meth:`StoredSession.to_json_with` (a dump of :meth:`to_stored`),
        keys in the stored model's field order, seconds as floats as the model writes them, the
        routine's part spliced in as written once per routine. Tests compare the two."""
        pf = self.paused_from
        head = compact_json({"format": FORMAT_VERSION, "id": self.id, "user_id": self.user_id})
        rest = compact_json(
            {
                "phase": self.phase.value,
                "step_index": self.step_index,
                "side_index": self.side_index,
                "rep_index": self.rep_index,
                "deadline": _seconds(self.deadline),
                "timer_complete": self.timer_complete,
                "paused_from": None
                if pf is None
                else {
                    "phase": pf.phase.value,
                    "remaining": _seconds(pf.remaining),
                    "timer_complete": pf.timer_complete,
                    "paused_at": float(pf.paused_at),
                    "by_idle": pf.by_idle,
                },
                "auto_advance": self.auto_advance,
                "created_at": float(self.created_at),
                "started_at": _seconds(self.started_at),
                "updated_at": float(self.updated_at),
                "last_action_at": float(self.last_action_at),
                "finished_at": _seconds(self.finished_at),
                "active_seconds": float(self.active_seconds),
                "steps_completed": list(self.steps_completed),
                "steps_skipped": list(self.steps_skipped),
                "version": self.version,
            }
        )
        return f'{head[:-1]},"routine":{self.routine.stored_json()},{rest[1:]}'

    @classmethod
    def from_json(cls, text: str | bytes) -> RoutineSession:
        """Read a ``state_json`` text. Raises ValueError if it is not JSON, malformed or inconsistent."""
        return cls.from_stored(StoredSession.from_json(text))

    def invariant_errors(self) -> list[str]:
        """Every rule a well-formed session keeps (empty list = fine). Used by from_dict and tests."""
        errors: list[str] = []
        steps = self.routine.steps
        if not 0 <= self.step_index < len(steps):
            return [f"step_index {self.step_index} out of range"]
        step = steps[self.step_index]
        if not 0 <= self.side_index < len(step.side_names):
            errors.append(f"side_index {self.side_index} out of range")
        if not 0 <= self.rep_index < step.reps_per_side:
            errors.append(f"rep_index {self.rep_index} out of range")
        if errors:
            return errors
        phase = self.phase
        if self.version < 0 or self.active_seconds < 0:
            errors.append("negative version or active_seconds")
        if (self.finished_at is not None) != (phase in TERMINAL_PHASES):
            errors.append("finished_at is set exactly when the session has ended")
        if self.deadline is not None and (phase not in TIMED_PHASES or self.timer_complete):
            errors.append("a deadline only runs in HOLD/REST with an unfinished timer")
        if self.timer_complete and phase not in TIMED_PHASES:
            errors.append("timer_complete only in HOLD/REST")
        if phase is Phase.HOLD:
            if step.is_movement and (self.deadline is not None or self.timer_complete):
                errors.append("a movement has no timer")
            if not step.is_movement and self.deadline is None and not self.timer_complete:
                errors.append("a hold needs a deadline until it is complete")
        if phase is Phase.REST:
            if self.position_index == 0:
                errors.append("REST always leads to a later position")
            if self.deadline is None and not self.timer_complete:
                errors.append("a rest needs a deadline until it is complete")
        if (self.paused_from is not None) != (phase is Phase.PAUSED):
            errors.append("paused_from is set exactly when PAUSED")
        if self.paused_from is not None:
            pf = self.paused_from
            if pf.phase not in TIMED_PHASES:
                errors.append("only HOLD/REST can be paused")
            if pf.remaining is not None and (pf.remaining < 0 or pf.timer_complete):
                errors.append("paused remaining time must be ≥ 0 and only for an unfinished timer")
        if phase is Phase.INTRO and (self.started_at is not None or self.position_index != 0):
            errors.append("INTRO is before the first position and before START")
        if phase in TIMED_PHASES | {Phase.PAUSED, Phase.DONE} and self.started_at is None:
            errors.append("a started session has started_at")
        marks = (("steps_completed", self.steps_completed), ("steps_skipped", self.steps_skipped))
        for name, indices in marks:
            if list(indices) != sorted(set(indices)) or any(not 0 <= i < len(steps) for i in indices):
                errors.append(f"{name} must be sorted, unique step indices")
        if set(self.steps_completed) & set(self.steps_skipped):
            errors.append("a step is either completed or skipped")
        return errors

"""The routine session: a pure state machine that walks someone through a routine.

Everything here is a frozen value and ``transition(session, action, now)`` is a
pure function: no clock, no I/O, no Discord. That is what lets the service store
a session as JSON, re-arm its timer after a restart, reject a stale button with
optimistic concurrency (``version``), and lets tests replay any sequence of
presses and timer firings exactly.

Model
-----
A routine is a list of steps; a held step is done ``reps`` times on each side
(``sides: both`` → all reps on the left, then all on the right). One *position*
is ``(step, side, rep)``; positions are numbered 0..total-1 in that order and
``progress()`` counts them. A *movement* (``hold_seconds: 0``) is one position
per side: all its reps are done in one go ("5 times") and one Next finishes
them, because people in pain should not have to tap ten times.

Phases::

    INTRO ──START──▶ HOLD ⇄ REST ──(last position)──▶ DONE
                      │  ▲
                 PAUSE│  │RESUME          any live phase ──STOP──▶ STOPPED
                      ▼  │                                ──HURT──▶ HURT
                     PAUSED ──EXPIRE (24 h)──▶ EXPIRED    ──ABANDON─▶ ABANDONED
    INTRO ──IDLE (30 min)──▶ ABANDONED;  HOLD/REST ──IDLE / SUSPEND──▶ PAUSED

* **HOLD** at a position lasts ``hold_seconds`` (``deadline`` is its end). A
  step with ``hold_seconds: 0`` is a *movement*: no timer, Next means "done
  with all the reps on this side".
* **REST** comes after a finished hold when the step has ``rest_seconds > 0``
  and there is a next position. During REST the indices already point at the
  *upcoming* position, so the UI can say "Rest · next: …", ``progress()`` counts
  the finished one, and Back means "let me redo the one I just did".
* **TICK** is "the deadline passed". A rest always ends by itself (nobody should
  need a tap to stop resting). After a hold, with ``auto_advance`` the routine
  moves on by itself; without it the finished hold only sets ``timer_complete``
  (exposed as ``hold_complete``) and waits for Next.
* **NEXT** after a finished hold (or on a movement) completes the position: rest
  if due, else the next position. NEXT while a hold or rest is still counting
  down means "I'm going faster": straight to the next position's hold, no rest.
* **BACK** goes to the previous position and restarts its timer; on the very
  first position it simply restarts it (no error: a kind no-op).
* **SKIP** leaves the whole current step (all sides and reps) for the first
  position of the next step; skipping the last step finishes the routine.
* **PAUSE** keeps the seconds left on the hold/rest; **RESUME** re-arms them
  from the moment of resuming. **SUSPEND** is the same pause done by the bot
  (it could not update the card when a hold ended), so it is not a press.
* **IDLE** (no press for 30 min) pauses a live routine, or closes one that was
  never started. **EXPIRE** closes a routine paused for 24 h. Both are checked
  against ``now`` here, so a stale timer firing is refused, never obeyed.
* **HURT**, **STOP** and **ABANDON** (the service replaced this session with a
  new one) end any live session.

Invalid actions raise :class:`InvalidAction`, never return the session
unchanged: the caller always learns that nothing happened and gets a kind,
plain-words ``reason`` it can show as is ("This routine has already
finished…"). Timer actions that are out of date (``code`` ``stale_timer``,
``not_idle``, ``not_expired``) should simply be dropped by the service.
Terminal phases accept nothing — not even HURT; the UI should still show the
stop advice when "It hurts" is pressed on a finished routine.
"""

from __future__ import annotations

import bisect
import math
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, NamedTuple, Self

from bot.routines.progress import progress_bar as _progress_bar

__all__ = [
    "EXPIRE_AFTER_SECONDS",
    "FORMAT_VERSION",
    "IDLE_AFTER_SECONDS",
    "LIVE_PHASES",
    "SYSTEM_ACTIONS",
    "TERMINAL_PHASES",
    "TICK_TOLERANCE_SECONDS",
    "TIMED_PHASES",
    "USER_ACTIONS",
    "Action",
    "InvalidAction",
    "PausedFrom",
    "Phase",
    "Position",
    "RoutineSession",
    "RoutineSnapshot",
    "StepSnapshot",
    "Timer",
    "transition",
]

IDLE_AFTER_SECONDS = 30 * 60
"""No press for this long → a live routine pauses (one never started is closed)."""
EXPIRE_AFTER_SECONDS = 24 * 60 * 60
"""Paused for this long → the routine is closed (EXPIRED)."""
TICK_TOLERANCE_SECONDS = 0.5
"""A TICK this close before the deadline still counts (clocks of two processes may differ a little)."""
FORMAT_VERSION = 1
"""Version of the ``to_dict`` layout; bump it with a migration when the layout changes."""

SIDE_NAMES: dict[str, tuple[str | None, ...]] = {"none": (None,), "both": ("left", "right")}


# --------------------------------------------------------------------------- snapshots


def _req_str(data: Mapping[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise ValueError(f"{where}: {key!r} must be a non-empty string")
    return value


def _opt_str(data: Mapping[str, Any], key: str, where: str, default: str = "") -> str:
    value = data.get(key, default)
    if value is None:
        return default
    if not isinstance(value, str):
        raise ValueError(f"{where}: {key!r} must be a string")
    return value


def _int(data: Mapping[str, Any], key: str, where: str, default: int, minimum: int) -> int:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError(f"{where}: {key!r} must be an integer ≥ {minimum}")
    return value


ROUTINE_KINDS = ("stretch", "grounding")


def _kind(data: Mapping[str, Any], where: str) -> str:
    """The routine's kind; sessions stored before kinds existed were all stretches."""
    kind = data.get("kind") or "stretch"
    if kind not in ROUTINE_KINDS:
        raise ValueError(f"{where}: 'kind' must be one of {', '.join(ROUTINE_KINDS)}")
    return str(kind)


def _str_tuple(data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = data.get(key) or ()
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{where}: {key!r} must be a list of strings")
    return tuple(value)


@dataclass(frozen=True, slots=True)
class StepSnapshot:
    """One step of a routine, copied at session start (independent of the content models)."""

    id: str
    title: str
    instructions: str = ""
    hold_seconds: int = 0
    reps: int = 1
    sides: str = "none"
    rest_seconds: int = 0
    image_url: str | None = None
    image_alt: str | None = None

    def __post_init__(self) -> None:
        if self.sides not in SIDE_NAMES:
            raise ValueError(f"step {self.id!r}: sides must be 'none' or 'both'")
        if self.reps < 1 or self.hold_seconds < 0 or self.rest_seconds < 0:
            raise ValueError(f"step {self.id!r}: reps ≥ 1 and non-negative seconds required")

    @property
    def side_names(self) -> tuple[str | None, ...]:
        """``(None,)`` for one-sided steps, ``("left", "right")`` for ``sides: both``."""
        return SIDE_NAMES[self.sides]

    @property
    def reps_per_side(self) -> int:
        """Positions per side: every rep of a hold, but one for a movement (its reps go in one go)."""
        return 1 if self.is_movement else self.reps

    @property
    def positions(self) -> int:
        return self.reps_per_side * len(self.side_names)

    @property
    def is_movement(self) -> bool:
        """A movement has no hold timer: the person presses Next when it is done."""
        return self.hold_seconds == 0

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Self:
        """Build from a content dict (``model_dump(mode="json")``) or from :meth:`to_dict`.

        Unknown keys are ignored so the content format can grow without breaking
        stored sessions; missing optional keys take the content defaults.
        """
        if not isinstance(data, Mapping):
            raise ValueError("a step must be a mapping")
        where = f"step {data.get('id')!r}"
        image = data.get("image")
        image_url: str | None = None
        image_alt: str | None = None
        if image is not None:
            if not isinstance(image, Mapping):
                raise ValueError(f"{where}: 'image' must be a mapping")
            image_url = _req_str(image, "url", where)
            alt = image.get("alt")
            if alt is not None and not isinstance(alt, str):
                raise ValueError(f"{where}: image 'alt' must be a string")
            image_alt = alt
        sides = data.get("sides", "none")
        if sides not in SIDE_NAMES:
            raise ValueError(f"{where}: 'sides' must be 'none' or 'both'")
        return cls(
            id=_req_str(data, "id", where),
            title=_req_str(data, "title", where),
            instructions=_opt_str(data, "instructions", where),
            hold_seconds=_int(data, "hold_seconds", where, 0, 0),
            reps=_int(data, "reps", where, 1, 1),
            sides=sides,
            rest_seconds=_int(data, "rest_seconds", where, 0, 0),
            image_url=image_url,
            image_alt=image_alt,
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-able, in the content file's shape (so ``from_mapping`` reads it back)."""
        return {
            "id": self.id,
            "title": self.title,
            "instructions": self.instructions,
            "hold_seconds": self.hold_seconds,
            "reps": self.reps,
            "sides": self.sides,
            "rest_seconds": self.rest_seconds,
            "image": None if self.image_url is None else {"url": self.image_url, "alt": self.image_alt},
        }


class Position(NamedTuple):
    step: int
    side: int
    rep: int


@dataclass(frozen=True, slots=True)
class RoutineSnapshot:
    """The routine as it was when the session started.

    A running session keeps this copy, so a content reload (a step renamed, a
    routine deleted) never breaks someone halfway through. Also knows how to
    number positions, which is pure arithmetic on the steps.
    """

    id: str
    title: str
    steps: tuple[StepSnapshot, ...]
    summary: str = ""
    minutes: int | None = None
    cautions: tuple[str, ...] = ()
    equipment: tuple[str, ...] = ()
    kind: str = "stretch"
    """``stretch`` or ``grounding`` (a calming exercise: it ends without the pain question)."""
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.steps:
            raise ValueError(f"routine {self.id!r} has no steps")
        starts = [0]
        for step in self.steps:
            starts.append(starts[-1] + step.positions)
        object.__setattr__(self, "_starts", tuple(starts))

    # positions -------------------------------------------------------------

    @property
    def total_positions(self) -> int:
        return self._starts[-1]

    def step_start(self, step: int) -> int:
        """Index of the first position of ``step``."""
        return self._starts[step]

    def step_end(self, step: int) -> int:
        """Index of the last position of ``step``."""
        return self._starts[step + 1] - 1

    def index_of(self, step: int, side: int, rep: int) -> int:
        return self._starts[step] + side * self.steps[step].reps_per_side + rep

    def position_at(self, index: int) -> Position:
        if not 0 <= index < self.total_positions:
            raise IndexError(f"position {index} out of range")
        step = bisect.bisect_right(self._starts, index) - 1
        side, rep = divmod(index - self._starts[step], self.steps[step].reps_per_side)
        return Position(step, side, rep)

    # conversion ------------------------------------------------------------

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Self:
        """Build from ``Routine.model_dump(mode="json")`` or from :meth:`to_dict`; extra keys are ignored."""
        if not isinstance(data, Mapping):
            raise ValueError("a routine must be a mapping")
        where = f"routine {data.get('id')!r}"
        steps = data.get("steps")
        if not isinstance(steps, list | tuple) or not steps:
            raise ValueError(f"{where}: 'steps' must be a non-empty list")
        minutes = data.get("minutes")
        if minutes is not None and (isinstance(minutes, bool) or not isinstance(minutes, int)):
            raise ValueError(f"{where}: 'minutes' must be an integer")
        return cls(
            id=_req_str(data, "id", where),
            title=_req_str(data, "title", where),
            steps=tuple(StepSnapshot.from_mapping(s) for s in steps),
            summary=_opt_str(data, "summary", where),
            minutes=minutes,
            cautions=_str_tuple(data, "cautions", where),
            equipment=_str_tuple(data, "equipment", where),
            kind=_kind(data, where),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "summary": self.summary,
            "minutes": self.minutes,
            "cautions": list(self.cautions),
            "equipment": list(self.equipment),
            "kind": self.kind,
            "steps": [s.to_dict() for s in self.steps],
        }


# --------------------------------------------------------------------------- phases, actions


class Phase(StrEnum):
    INTRO = "intro"  # cautions shown, waiting for the safety OK / Start
    HOLD = "hold"  # doing the current position (timer running, finished, or a movement)
    REST = "rest"  # resting before the upcoming position
    PAUSED = "paused"
    DONE = "done"
    STOPPED = "stopped"
    HURT = "hurt"
    ABANDONED = "abandoned"  # never started and left, or replaced by a new session
    EXPIRED = "expired"  # paused for more than a day

    @property
    def is_terminal(self) -> bool:
        return self in TERMINAL_PHASES


TERMINAL_PHASES = frozenset({Phase.DONE, Phase.STOPPED, Phase.HURT, Phase.ABANDONED, Phase.EXPIRED})
TIMED_PHASES = frozenset({Phase.HOLD, Phase.REST})
LIVE_PHASES = frozenset({Phase.INTRO, Phase.HOLD, Phase.REST, Phase.PAUSED})


class Action(StrEnum):
    START = "start"
    NEXT = "next"
    BACK = "back"
    PAUSE = "pause"
    RESUME = "resume"
    SKIP = "skip"
    STOP = "stop"
    HURT = "hurt"
    ABANDON = "abandon"  # the service closes it (a new routine was started)
    TICK = "tick"  # the hold/rest deadline passed
    SUSPEND = "suspend"  # the bot could not show the next card: pause, not a press
    IDLE = "idle"  # 30 min without a press
    EXPIRE = "expire"  # paused for 24 h


USER_ACTIONS = frozenset(
    {
        Action.START,
        Action.NEXT,
        Action.BACK,
        Action.PAUSE,
        Action.RESUME,
        Action.SKIP,
        Action.STOP,
        Action.HURT,
    }
)
"""Presses by the person; they refresh ``last_action_at``."""
SYSTEM_ACTIONS = frozenset({Action.ABANDON, Action.TICK, Action.SUSPEND, Action.IDLE, Action.EXPIRE})


_TERMINAL_REASONS: dict[Phase, tuple[str, str]] = {
    Phase.DONE: ("finished", "This routine has already finished — well done. Use /stretch to start another."),
    Phase.STOPPED: ("stopped", "This routine was stopped. You can start it again any time with /stretch."),
    Phase.HURT: (
        "hurt",
        "This routine was stopped because something hurt. Rest, and use /stretch only when you feel ready.",
    ),
    Phase.ABANDONED: ("abandoned", "This routine was closed. You can start it again any time with /stretch."),
    Phase.EXPIRED: (
        "expired",
        "This routine was paused for over a day, so it was closed. Use /stretch to start it again.",
    ),
}


class InvalidAction(Exception):
    """An action that does not apply to the session as it is now.

    ``code`` is for code (tests, logs, deciding to drop a stale timer);
    ``reason`` is a short, kind sentence that can be shown to the person as is.
    """

    def __init__(self, action: Action, phase: Phase, code: str, reason: str) -> None:
        super().__init__(reason)
        self.action = action
        self.phase = phase
        self.code = code
        self.reason = reason

    def __repr__(self) -> str:
        return f"InvalidAction(action={self.action.value!r}, phase={self.phase.value!r}, code={self.code!r})"


@dataclass(frozen=True, slots=True)
class PausedFrom:
    """What a pause interrupted, so RESUME can put it back."""

    phase: Phase  # HOLD or REST
    remaining: float | None  # seconds left on the timer; None if none was running
    timer_complete: bool
    paused_at: float
    by_idle: bool = False  # paused by the bot (idle check or SUSPEND), not by a press (the UI says so)

    def to_dict(self) -> dict[str, Any]:
        return {
            "phase": self.phase.value,
            "remaining": self.remaining,
            "timer_complete": self.timer_complete,
            "paused_at": self.paused_at,
            "by_idle": self.by_idle,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        remaining = data["remaining"]
        return cls(
            phase=Phase(data["phase"]),
            remaining=None if remaining is None else _float(remaining, "remaining"),
            timer_complete=_bool(data["timer_complete"], "timer_complete"),
            paused_at=_float(data["paused_at"], "paused_at"),
            by_idle=_bool(data.get("by_idle", False), "by_idle"),
        )


class Timer(NamedTuple):
    """The next thing the scheduler should do for a session: fire ``action`` at ``when``."""

    when: float
    action: Action


def _float(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{name!r} must be a finite number")
    return float(value)


def _opt_float(value: Any, name: str) -> float | None:
    return None if value is None else _float(value, name)


def _bool(value: Any, name: str) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{name!r} must be true or false")
    return value


def _index_tuple(value: Any, name: str) -> tuple[int, ...]:
    if not isinstance(value, list | tuple) or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in value
    ):
        raise ValueError(f"{name!r} must be a list of integers")
    return tuple(value)


# --------------------------------------------------------------------------- the session


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
        now = _check_now(now)
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
    def rest_complete(self) -> bool:
        """Manual mode: the rest timer ran out; the person presses Next when ready."""
        return self.phase is Phase.REST and self.timer_complete

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

    def position_label(self) -> str:
        """``Step 2 of 6 · Knee to chest (left) · rep 1 of 3``.

        The side is shown only for two-sided steps, the rep only when there is
        more than one; a movement done several times says ``· 5 times``. During
        REST this names the *upcoming* position.
        """
        step = self.current_step
        label = f"Step {self.step_index + 1} of {len(self.routine.steps)} · {step.title}"
        side = self.current_side
        if side is not None:
            label += f" ({side})"
        if step.is_movement and step.reps > 1:
            label += f" · {step.reps} times"
        elif step.reps_per_side > 1:
            label += f" · rep {self.rep_index + 1} of {step.reps}"
        return label

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

    def allowed_actions(self) -> frozenset[Action]:
        """The presses that make sense now — which buttons to show. HURT is in every live phase."""
        match self.phase:
            case Phase.INTRO:
                return frozenset({Action.START, Action.STOP, Action.HURT})
            case Phase.HOLD | Phase.REST:
                return frozenset(
                    {Action.NEXT, Action.BACK, Action.PAUSE, Action.SKIP, Action.STOP, Action.HURT}
                )
            case Phase.PAUSED:
                return frozenset({Action.RESUME, Action.STOP, Action.HURT})
            case _:
                return frozenset()

    # storage -------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """JSON-able; ``from_dict(json.loads(json.dumps(d)))`` gives back an equal session."""
        return {
            "format": FORMAT_VERSION,
            "id": self.id,
            "user_id": self.user_id,
            "routine": self.routine.to_dict(),
            "phase": self.phase.value,
            "step_index": self.step_index,
            "side_index": self.side_index,
            "rep_index": self.rep_index,
            "deadline": self.deadline,
            "timer_complete": self.timer_complete,
            "paused_from": None if self.paused_from is None else self.paused_from.to_dict(),
            "auto_advance": self.auto_advance,
            "created_at": self.created_at,
            "started_at": self.started_at,
            "updated_at": self.updated_at,
            "last_action_at": self.last_action_at,
            "finished_at": self.finished_at,
            "active_seconds": self.active_seconds,
            "steps_completed": list(self.steps_completed),
            "steps_skipped": list(self.steps_skipped),
            "version": self.version,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RoutineSession:
        """Read a stored session. Raises ValueError if it is malformed or inconsistent."""
        if not isinstance(data, Mapping):
            raise ValueError("a session must be a mapping")
        if data.get("format") != FORMAT_VERSION:
            raise ValueError(f"unsupported session format {data.get('format')!r}")
        try:
            user_id = data["user_id"]
            if isinstance(user_id, bool) or not isinstance(user_id, int):
                raise ValueError("'user_id' must be an integer")
            ints = {}
            for name in ("step_index", "side_index", "rep_index", "version"):
                value = data[name]
                if isinstance(value, bool) or not isinstance(value, int):
                    raise ValueError(f"{name!r} must be an integer")
                ints[name] = value
            paused = data["paused_from"]
            session = cls(
                id=_req_str(data, "id", "session"),
                user_id=user_id,
                routine=RoutineSnapshot.from_mapping(data["routine"]),
                phase=Phase(data["phase"]),
                deadline=_opt_float(data["deadline"], "deadline"),
                timer_complete=_bool(data["timer_complete"], "timer_complete"),
                paused_from=None if paused is None else PausedFrom.from_dict(paused),
                auto_advance=_bool(data["auto_advance"], "auto_advance"),
                created_at=_float(data["created_at"], "created_at"),
                started_at=_opt_float(data["started_at"], "started_at"),
                updated_at=_float(data["updated_at"], "updated_at"),
                last_action_at=_float(data["last_action_at"], "last_action_at"),
                finished_at=_opt_float(data["finished_at"], "finished_at"),
                active_seconds=_float(data["active_seconds"], "active_seconds"),
                steps_completed=_index_tuple(data["steps_completed"], "steps_completed"),
                steps_skipped=_index_tuple(data["steps_skipped"], "steps_skipped"),
                **ints,
            )
        except (KeyError, TypeError) as exc:
            raise ValueError(f"malformed session: {exc!r}") from exc
        problems = session.invariant_errors()
        if problems:
            raise ValueError("inconsistent session: " + "; ".join(problems))
        return session

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


# --------------------------------------------------------------------------- transitions


def _check_now(now: float) -> float:
    if isinstance(now, bool) or not isinstance(now, int | float) or not math.isfinite(now):
        raise ValueError("now must be a finite epoch time")
    return float(now)


def _invalid(session: RoutineSession, action: Action, code: str, reason: str) -> InvalidAction:
    return InvalidAction(action, session.phase, code, reason)


_NOT_STARTED = "This routine hasn't started yet. Press Start when you're ready."
_PAUSED = "This routine is paused. Press Resume when you're ready to carry on."


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


def _start(s: RoutineSession, now: float) -> RoutineSession:
    if s.phase is not Phase.INTRO:
        raise _invalid(s, Action.START, "already_started", "This routine has already started.")
    return _hold(s, 0, now)


def _next(s: RoutineSession, now: float) -> RoutineSession:
    if s.phase is Phase.INTRO:
        raise _invalid(s, Action.NEXT, "not_started", _NOT_STARTED)
    if s.phase is Phase.PAUSED:
        raise _invalid(s, Action.NEXT, "paused", _PAUSED)
    if s.phase is Phase.REST:
        return _hold(s, s.position_index, now)
    # HOLD: finished (timer ran out, or a movement) → normal flow with rest;
    # still counting down → the person is going faster: no rest.
    return _leave_position(s, now, rest=s.deadline is None)


def _back(s: RoutineSession, now: float) -> RoutineSession:
    if s.phase is Phase.INTRO:
        raise _invalid(s, Action.BACK, "not_started", _NOT_STARTED)
    if s.phase is Phase.PAUSED:
        raise _invalid(s, Action.BACK, "paused", _PAUSED)
    return _hold(s, max(0, s.position_index - 1), now)


def _skip(s: RoutineSession, now: float) -> RoutineSession:
    if s.phase is Phase.INTRO:
        raise _invalid(s, Action.SKIP, "not_started", _NOT_STARTED)
    if s.phase is Phase.PAUSED:
        raise _invalid(s, Action.SKIP, "paused", _PAUSED)
    step = s.step_index
    s = _mark_skipped(s, step)
    if step + 1 >= len(s.routine.steps):
        return _done(s)
    return _hold(s, s.routine.step_start(step + 1), now)


def _pause(s: RoutineSession, now: float, *, by_idle: bool = False) -> RoutineSession:
    if s.phase is Phase.INTRO:
        raise _invalid(s, Action.PAUSE, "not_started", _NOT_STARTED)
    if s.phase is Phase.PAUSED:
        raise _invalid(s, Action.PAUSE, "already_paused", "This routine is already paused.")
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
            raise _invalid(s, Action.RESUME, "not_started", _NOT_STARTED)
        raise _invalid(s, Action.RESUME, "not_paused", "This routine isn't paused.")
    return replace(
        s,
        phase=pf.phase,
        deadline=None if pf.remaining is None else now + pf.remaining,
        timer_complete=pf.timer_complete,
        paused_from=None,
    )


def _suspend(s: RoutineSession, now: float) -> RoutineSession:
    if s.phase not in TIMED_PHASES:
        raise _invalid(s, Action.SUSPEND, "not_running", "This routine isn't running right now.")
    return _pause(s, now, by_idle=True)


def _tick(s: RoutineSession, now: float) -> RoutineSession:
    if s.phase not in TIMED_PHASES or s.deadline is None or now < s.deadline - TICK_TOLERANCE_SECONDS:
        raise _invalid(s, Action.TICK, "stale_timer", "This timer is out of date.")
    if s.phase is Phase.REST:
        return _hold(s, s.position_index, now)  # rests run by themselves, in either mode
    if not s.auto_advance:
        return replace(s, deadline=None, timer_complete=True)
    return _leave_position(s, now, rest=True)


def _idle(s: RoutineSession, now: float) -> RoutineSession:
    if s.phase is Phase.PAUSED:
        raise _invalid(s, Action.IDLE, "already_paused", "This routine is already paused.")
    if now < s.last_action_at + IDLE_AFTER_SECONDS:
        raise _invalid(s, Action.IDLE, "not_idle", "This routine was used recently.")
    if s.phase is Phase.INTRO:
        return replace(s, phase=Phase.ABANDONED)
    return _pause(s, now, by_idle=True)


def _expire(s: RoutineSession, now: float) -> RoutineSession:
    pf = s.paused_from
    if s.phase is not Phase.PAUSED or pf is None:
        raise _invalid(s, Action.EXPIRE, "not_paused", "This routine isn't paused.")
    if now < pf.paused_at + EXPIRE_AFTER_SECONDS:
        raise _invalid(s, Action.EXPIRE, "not_expired", "This routine was paused only recently.")
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
    now = _check_now(now)
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

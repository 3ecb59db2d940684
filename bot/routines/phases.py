"""The routine's phases and actions, and the timing rules every part agrees on.

See :mod:`bot.routines.session` for the diagram of how actions move between
phases.
"""

from __future__ import annotations

import math
from enum import StrEnum

__all__ = [
    "EXPIRE_AFTER_SECONDS",
    "IDLE_AFTER_SECONDS",
    "LIVE_PHASES",
    "SYSTEM_ACTIONS",
    "TERMINAL_PHASES",
    "TICK_TOLERANCE_SECONDS",
    "TIMED_PHASES",
    "USER_ACTIONS",
    "Action",
    "InvalidAction",
    "Phase",
    "check_now",
]

IDLE_AFTER_SECONDS = 30 * 60
"""No press for this long → a live routine pauses (one never started is closed)."""
EXPIRE_AFTER_SECONDS = 24 * 60 * 60
"""Paused for this long → the routine is closed (EXPIRED)."""
TICK_TOLERANCE_SECONDS = 0.5
"""A TICK this close before the deadline still counts (clocks of two processes may differ a little)."""


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


def check_now(now: float) -> float:
    """``now`` as a float; ValueError unless it is a finite epoch time."""
    if isinstance(now, bool) or not isinstance(now, int | float) or not math.isfinite(now):
        raise ValueError("now must be a finite epoch time")
    return float(now)

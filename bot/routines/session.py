"""The routine session: a pure state machine that walks someone through a routine.

This module is the public face; the parts live beside it, one job each:
:mod:`~bot.routines.snapshot` (the routine copied at start, positions),
:mod:`~bot.routines.phases` (phases, actions, timing rules),
:mod:`~bot.routines.state` (the session value and what it can tell),
:mod:`~bot.routines.transitions` (what each action does) and
:mod:`~bot.routines.stored` (the JSON a session is stored as).

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

from bot.routines.phases import (
    EXPIRE_AFTER_SECONDS,
    IDLE_AFTER_SECONDS,
    LIVE_PHASES,
    SYSTEM_ACTIONS,
    TERMINAL_PHASES,
    TICK_TOLERANCE_SECONDS,
    TIMED_PHASES,
    USER_ACTIONS,
    Action,
    InvalidAction,
    Phase,
)
from bot.routines.snapshot import Position, RoutineSnapshot, StepSnapshot
from bot.routines.state import PausedFrom, RoutineSession, Timer
from bot.routines.stored import FORMAT_VERSION
from bot.routines.transitions import transition

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

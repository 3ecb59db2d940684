"""Routine timers: the pure catch-up rule and the one worker that applies due sessions.

* **One timer per session, in the one scheduler.** Its key is
  ``routine:<id>`` and its deadline is the session's ``next_deadline`` (the
  hold/rest end, the 30-minute idle check or the 24-hour expiry), stored in the
  row so the service can arm it again after a restart. The scheduler keeps only
  the key and a bound method: a session costs a heap entry, not a task. Due
  sessions are applied by one worker in turn (the database has one connection;
  see :meth:`TimerWorker.on_timer`), and card edits run beside it, at most
  :data:`EDIT_CONCURRENCY` at a time.
* **Missed timers replay at their own times** (:func:`catch_up`). After
  downtime a session moves exactly as it would have if the bot had been up.
* **A card that cannot be updated pauses the routine.** With auto-advance the
  bot edits the card when a hold ends; if the edit is impossible (ephemeral
  token expired) or fails, the session is SUSPENDed, and the next press or
  ``/stretch`` resumes it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Final

from bot.clock import Clock
from bot.routines.cache import SessionCache
from bot.routines.phases import Action, Phase
from bot.routines.records import CardEditor, CardLocation, SessionRecord
from bot.routines.state import RoutineSession
from bot.routines.transitions import transition
from bot.scheduler import Scheduler

__all__ = [
    "CATCH_UP_LIMIT",
    "EDIT_CONCURRENCY",
    "TIMER_PREFIX",
    "WRITE_ATTEMPTS",
    "TimerWorker",
    "catch_up",
]

log = logging.getLogger(__name__)

TIMER_PREFIX: Final = "routine:"
CATCH_UP_LIMIT: Final = 10_000
"""Safety net for :func:`catch_up`; a real routine needs at most a few hundred timer steps."""
EDIT_CONCURRENCY: Final = 32
"""Card edits after timers in flight at once: enough to hide Discord's latency, few enough to be polite."""
WRITE_ATTEMPTS: Final = 3
"""A timer retries its read-modify-write this often when a press got in between."""

LoadRecord = Callable[[str], Awaitable[SessionRecord | None]]
"""Reads a session's record from storage (None: gone or damaged)."""
WriteRecord = Callable[[SessionRecord, RoutineSession, CardLocation], Awaitable[SessionRecord | None]]
"""Stores a new session state if the row is still at the record's version (None: someone got there first)."""


def catch_up(session: RoutineSession, now: float) -> tuple[RoutineSession, list[Action]]:
    """Apply every timer due by ``now``, each at its own time, as if the bot had been up.

    Returns the new session and the actions applied (empty: nothing was due).
    Replaying at the timers' own times, not at ``now``, is what makes downtime
    honest: a hold that ended before a restart starts its rest from when it
    ended, and a person who left half an hour ago is paused, not walked through
    the rest of the routine.
    """
    applied: list[Action] = []
    for _ in range(CATCH_UP_LIMIT):
        action = session.due_action(now)
        timer = session.next_timer
        if action is None or timer is None:
            break
        at = max(min(timer.when, now), session.updated_at)
        session = transition(session, action, at)
        applied.append(action)
    return session, applied


class TimerWorker:
    """Arms each session's timer and applies due sessions one at a time, editing cards beside it."""

    def __init__(
        self,
        scheduler: Scheduler,
        clock: Clock,
        cache: SessionCache,
        *,
        load: LoadRecord,
        write: WriteRecord,
        card_editor: CardEditor | None = None,
    ) -> None:
        self._scheduler = scheduler
        self._clock = clock
        self._cache = cache
        self._load = load
        self._write = write
        self._closing = False
        self._callback = self.on_timer  # one bound method shared by every armed timer
        self._due: dict[str, None] = {}  # sessions whose timer fired, in order (a dict is an ordered set)
        self._worker: asyncio.Task[None] | None = None
        self._edits: set[asyncio.Task[None]] = set()
        self._edit_slots = asyncio.Semaphore(EDIT_CONCURRENCY)
        self.card_editor = card_editor
        """The Discord side (``bot.ui.senders``); without one, auto-advance pauses at each hold end."""

    # ------------------------------------------------------------------ arming

    def arm(self, session: RoutineSession) -> None:
        """Arm (or move, or cancel) the session's one timer to its next deadline."""
        key = TIMER_PREFIX + session.id
        when = session.next_deadline
        if when is None:
            self._scheduler.cancel(key)
        else:
            self._scheduler.schedule(key, when, self._callback)

    def arm_at(self, session_id: str, when: float) -> None:
        """Arm a session's timer from a stored deadline (after a restart)."""
        self._scheduler.schedule(TIMER_PREFIX + session_id, when, self._callback)

    def disarm(self, session_id: str) -> None:
        self._scheduler.cancel(TIMER_PREFIX + session_id)

    # ------------------------------------------------------------------ state, for tests and shutdown

    @property
    def pending(self) -> int:
        """Sessions whose timer fired and that wait for the worker."""
        return len(self._due)

    @property
    def edits_in_flight(self) -> int:
        return len(self._edits)

    async def close(self, *, grace: float = 5.0) -> None:
        """Stop acting on timers and let card edits in flight finish (at most ``grace`` seconds)."""
        self._closing = True
        self._due.clear()
        worker, self._worker = self._worker, None
        if worker is not None and not worker.done():
            worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await worker
        if self._edits:
            _, late = await asyncio.wait(set(self._edits), timeout=grace)
            for task in late:
                task.cancel()
            await asyncio.gather(*late, return_exceptions=True)

    async def settle(self) -> None:
        """Wait until every due timer has been applied and every card edit has finished."""
        while True:
            if self._worker is not None and not self._worker.done():
                await asyncio.wait({self._worker})
            elif self._edits:
                await asyncio.wait(set(self._edits))
            else:
                return

    # ------------------------------------------------------------------ firing

    async def on_timer(self, key: str) -> None:
        """The scheduler says a session is due: queue it for the one timer worker.

        Why a queue and one worker, not the work right here: applying a timer is
        a versioned write on the one database connection. Dozens of callbacks
        queueing on that connection at once get *less* done than one worker
        taking them in turn (measured: about 1,600 against 700 firings a second
        on a small machine), and the card edits, which wait on Discord, run
        beside it as their own bounded tasks.
        """
        if self._closing:
            return
        self._due[key.removeprefix(TIMER_PREFIX)] = None
        if self._worker is None or self._worker.done():
            self._worker = asyncio.get_running_loop().create_task(self._drain(), name="routine timers")

    async def _drain(self) -> None:
        while self._due and not self._closing:
            session_id = next(iter(self._due))
            del self._due[session_id]
            try:
                await self._apply_due(session_id)
            except Exception:
                log.exception("routine session %s: applying its timer failed", session_id)

    async def _apply_due(self, session_id: str) -> None:
        """Apply what is due for one session, store it, and start the card edit if one is needed."""
        known = self._cache.known(session_id)
        for _ in range(WRITE_ATTEMPTS):
            record, known = known or await self._load(session_id), None
            if record is None or record.session.is_terminal:
                self.disarm(session_id)
                return
            new, applied = catch_up(record.session, self._clock.now())
            if not applied:
                self.arm(record.session)  # woke early or already handled by a press: wait again
                return
            stored = await self._write(record, new, record.location)
            if stored is not None:
                break
        else:
            log.warning("routine session %s: timer lost %d races in a row", session_id, WRITE_ATTEMPTS)
            return
        session = stored.session
        ticked = Action.TICK in applied
        # Moved on by itself (auto-advance, or a rest ending): a card that cannot show it pauses the
        # routine. A manual-mode hold that ended is shown too ("Hold done"), so the card never says
        # "ends 3 seconds ago"; if that edit fails, nothing has moved and nothing pauses.
        moved = ticked and not session.timer_complete
        if ticked or session.phase is Phase.PAUSED or session.is_terminal:
            task = asyncio.get_running_loop().create_task(self.show_timer_result(stored, moved))
            self._edits.add(task)
            task.add_done_callback(self._edits.discard)

    async def show_timer_result(self, record: SessionRecord, moved: bool) -> None:
        """Edit the card after a timer; pause the routine if an auto-advance card can't be shown."""
        async with self._edit_slots:
            latest = self._cache.known(record.id) or record
            if latest.row_version != record.row_version:
                return  # a press or a later timer has moved on: its own card is the one to show
            now = self._clock.now()
            shown = record.location.can_edit(now) and await self._edit(record)
        if shown or not moved or record.session.phase not in (Phase.HOLD, Phase.REST):
            return
        suspended = transition(record.session, Action.SUSPEND, self._clock.now())
        await self._write(record, suspended, record.location)

    async def _edit(self, record: SessionRecord) -> bool:
        editor = self.card_editor
        if editor is None:
            return False
        try:
            return await editor(record)
        except Exception:
            log.exception("routine session %s: editing the card failed", record.id)
            return False

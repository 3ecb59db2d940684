"""Running routine sessions: storage, timers and the rules around the state machine.

The state machine (:mod:`bot.routines.session`) decides what a press or a timer
means; this service makes it durable and timely. No Discord here: the cog hands
in who pressed what and where the card lives (:class:`Delivery`), and the client gives the
service a :class:`CardEditor` so a timer can update the card when a hold ends.

Why it looks like this:

* **Written before the reply.** Every accepted press or timer is stored (with an
  optimistic ``version`` check) before anybody is told about it, so a crash
  between the two loses a message, never a step. A press that loses the race is
  not retried blindly: the caller gets the current session and shows that card.
* **One timer per session, in the one scheduler.** Its key is
  ``routine:<id>`` and its deadline is the session's ``next_deadline`` (the
  hold/rest end, the 30-minute idle check or the 24-hour expiry), stored in the
  row so :meth:`RoutineService.rearm` can arm it again after a restart. The
  scheduler keeps only the key and a bound method: a session costs a heap entry,
  not a task. Due sessions are applied by one worker in turn (the database has
  one connection; see :meth:`RoutineService._on_timer`), and card edits run
  beside it, at most :data:`EDIT_CONCURRENCY` at a time.
* **Missed timers replay at their own times** (:func:`catch_up`). After
  downtime a session moves exactly as it would have if the bot had been up: a
  hold that ended becomes a rest, half an hour without a press becomes a pause,
  a day paused closes it. The same catch-up runs before a press, so a press is
  always applied to an up-to-date session.
* **A card that cannot be updated pauses the routine.** With auto-advance the
  bot edits the card when a hold ends; if the edit is impossible (ephemeral
  token expired) or fails, the session is SUSPENDed, and the next press or
  ``/stretch`` resumes it. Nobody is left with a card that lies about where
  they are.
* **The journal gets outcomes, not logs.** A session that ends done, hurt or
  stopped adds a ``routine_completions`` row in the same transaction as the
  session's final write. Nothing here logs health data; logs carry session ids.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Final, Protocol

from bot.clock import Clock, utcnow
from bot.routines.session import (
    Action,
    InvalidAction,
    Phase,
    RoutineSession,
    RoutineSnapshot,
    transition,
)
from bot.scheduler import Scheduler
from bot.storage.db import Database
from bot.storage.journal import Checkin, Completion, JournalRepo, Outcome
from bot.storage.prefs import PrefsRepo
from bot.storage.sessions import LIVE_STATUSES, SessionRepo, SessionRow

__all__ = [
    "TIMER_PREFIX",
    "TOKEN_LIFETIME_SECONDS",
    "TOKEN_MARGIN_SECONDS",
    "CardEditor",
    "Delivery",
    "NotYourSession",
    "PressResult",
    "RoutineError",
    "RoutineService",
    "SessionConflict",
    "SessionNotFound",
    "SessionRecord",
    "catch_up",
]

log = logging.getLogger(__name__)

TIMER_PREFIX: Final = "routine:"
TOKEN_LIFETIME_SECONDS: Final = 15 * 60
"""Discord keeps an interaction token usable for 15 minutes."""
TOKEN_MARGIN_SECONDS: Final = 60
"""Stop trusting a token a minute early: a request refused for an expired token is a wasted edit."""
CATCH_UP_LIMIT: Final = 10_000
"""Safety net for :func:`catch_up`; a real routine needs at most a few hundred timer steps."""
EDIT_CONCURRENCY: Final = 32
"""Card edits after timers in flight at once: enough to hide Discord's latency, few enough to be polite."""
WRITE_ATTEMPTS: Final = 3
"""A timer retries its read-modify-write this often when a press got in between."""

_NAVIGATION = frozenset({Action.NEXT, Action.BACK, Action.SKIP})
_VERSIONED = _NAVIGATION | {Action.RESUME}
"""Presses that only make sense on the card they were pressed on (see ``RoutineService.press``)."""
_OUTCOMES: dict[Phase, Outcome] = {Phase.DONE: "done", Phase.HURT: "hurt", Phase.STOPPED: "stopped"}


# --------------------------------------------------------------------------- values


@dataclass(frozen=True, slots=True)
class Delivery:
    """Where a session's card is, and what the bot may use to edit it later.

    An ephemeral card (the default in a server) can only be edited through the
    interaction token of the latest press, for 15 minutes. A card in the bot's
    DM is a normal message the bot can edit at any time by channel and id.
    """

    channel_id: int | None = None
    message_id: int | None = None
    interaction_token: str | None = None
    token_expires_at: float | None = None
    is_dm: bool = False

    @classmethod
    def for_interaction(
        cls,
        token: str,
        issued_at: float,
        *,
        channel_id: int | None = None,
        message_id: int | None = None,
        is_dm: bool = False,
    ) -> Delivery:
        """A card shown through an interaction answered at ``issued_at`` (epoch seconds)."""
        return cls(
            channel_id=channel_id,
            message_id=message_id,
            interaction_token=token,
            token_expires_at=issued_at + TOKEN_LIFETIME_SECONDS - TOKEN_MARGIN_SECONDS,
            is_dm=is_dm,
        )

    def token_valid(self, now: float) -> bool:
        return (
            self.interaction_token is not None
            and self.token_expires_at is not None
            and (now < self.token_expires_at)
        )

    @property
    def dm_message(self) -> bool:
        """True when the card is a DM message the bot can edit without a token."""
        return self.is_dm and self.channel_id is not None and self.message_id is not None

    def can_edit(self, now: float) -> bool:
        return self.token_valid(now) or self.dm_message


@dataclass(frozen=True, slots=True)
class SessionRecord:
    """A session as stored: the state, where its card is, and the row's lock version."""

    session: RoutineSession
    delivery: Delivery
    row_version: int

    @property
    def id(self) -> str:
        return self.session.id


@dataclass(frozen=True, slots=True)
class PressResult:
    """What a press did. ``applied`` is False when it changed nothing (stale card, lost race):
    the caller then simply shows the card for ``record`` as it is now."""

    record: SessionRecord
    applied: bool
    action: Action | None = None


class CardEditor(Protocol):
    """Edits the card of a session to show its current state; True if the card now shows it."""

    async def __call__(self, record: SessionRecord, /) -> bool: ...


class RoutineError(Exception):
    """A press that cannot be served; ``reason`` is a kind sentence to show as is."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class SessionNotFound(RoutineError):
    def __init__(self) -> None:
        super().__init__("I can't find that routine any more. Use /stretch to start one.")


class NotYourSession(RoutineError):
    def __init__(self) -> None:
        super().__init__("This routine belongs to someone else — start your own with /stretch.")


class SessionConflict(RoutineError):
    """The person already has a live session; the caller offers Resume or Start over."""

    def __init__(self, existing: SessionRecord) -> None:
        super().__init__("You already have a routine in progress.")
        self.existing = existing


# --------------------------------------------------------------------------- pure helpers


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


def _dt(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)


def _row(record: SessionRecord, *, version: int) -> SessionRow:
    session, delivery = record.session, record.delivery
    deadline = session.next_deadline
    return SessionRow(
        id=session.id,
        user_id=session.user_id,
        routine_id=session.routine.id,
        state_json=json.dumps(session.to_dict(), separators=(",", ":")),
        status=session.status,
        version=version,
        deadline=None if deadline is None else _dt(deadline),
        channel_id=delivery.channel_id,
        message_id=delivery.message_id,
        interaction_token=delivery.interaction_token,
        token_expires_at=None if delivery.token_expires_at is None else _dt(delivery.token_expires_at),
        is_dm=delivery.is_dm,
    )


def _record(row: SessionRow) -> SessionRecord:
    """Read a row back. Raises ValueError for a damaged ``state_json``."""
    session = RoutineSession.from_dict(json.loads(row.state_json))
    if row.status not in LIVE_STATUSES and not session.is_terminal:
        # The status column is the authority: a finished row is finished, whatever state_json says.
        session = transition(session, Action.ABANDON, max(session.updated_at, session.created_at))
    delivery = Delivery(
        channel_id=row.channel_id,
        message_id=row.message_id,
        interaction_token=row.interaction_token,
        token_expires_at=None if row.token_expires_at is None else row.token_expires_at.timestamp(),
        is_dm=row.is_dm,
    )
    return SessionRecord(session, delivery, row.version)


def _completion(session: RoutineSession) -> Completion | None:
    """The journal line for an ended session, or None (abandoned/expired, or stopped before starting)."""
    outcome = _OUTCOMES.get(session.phase)
    if session.routine.kind == "grounding":
        return None  # a breathing exercise from the crisis card is not a stretch to keep in the journal
    if outcome is None or session.finished_at is None:
        return None
    if outcome == "stopped" and session.started_at is None:
        return None
    return Completion(
        user_id=session.user_id,
        session_id=session.id,
        routine_id=session.routine.id,
        outcome=outcome,
        started_at=_dt(session.started_at if session.started_at is not None else session.created_at),
        ended_at=_dt(session.finished_at),
        steps_done=session.steps_done,
        steps_total=len(session.routine.steps),
        seconds_spent=round(session.active_seconds),
    )


# --------------------------------------------------------------------------- the service


class RoutineService:
    """Start, press, resume and time routine sessions for every user of one process."""

    def __init__(
        self, db: Database, scheduler: Scheduler, clock: Clock, *, card_editor: CardEditor | None = None
    ) -> None:
        self._db = db
        self._sessions = SessionRepo(db)
        self._journal = JournalRepo(db)
        self._prefs = PrefsRepo(db)
        self._scheduler = scheduler
        self._clock = clock
        self._closing = False
        self._timer_callback = self._on_timer  # one bound method shared by every armed timer
        self._due: dict[str, None] = {}  # sessions whose timer fired, in order (a dict is an ordered set)
        self._worker: asyncio.Task[None] | None = None
        self._edits: set[asyncio.Task[None]] = set()
        self._edit_slots = asyncio.Semaphore(EDIT_CONCURRENCY)
        self.card_editor = card_editor
        """The Discord side (``bot.ui.senders``); without one, auto-advance pauses at each hold end."""
        self._known: dict[str, SessionRecord] = {}
        """The last record this process stored or read for each live session. A timer then costs one
        versioned write instead of a read and a write; the version check still catches any change
        made elsewhere (another process, a press), and then the row is read again."""
        self._routines: dict[RoutineSnapshot, RoutineSnapshot] = {}
        """One shared copy of each routine version, so 10,000 live sessions (started here or read back
        after a restart) do not hold 10,000 copies of the same instructions. Grows by one entry per
        routine version ever run in this process: a few kilobytes per content edit."""

    # ------------------------------------------------------------------ reading

    async def get(self, session_id: str) -> SessionRecord | None:
        """The stored session, or None if there is none (or its row is damaged)."""
        if not _looks_like_id(session_id):
            return None
        row = await self._sessions.get(session_id)
        if row is None:
            self._known.pop(session_id, None)
            return None
        try:
            record = _record(row)
        except ValueError:
            log.warning("routine session %s has a damaged state and is ignored", session_id)
            self._known.pop(session_id, None)
            return None
        routine = self._routines.setdefault(record.session.routine, record.session.routine)
        if routine is not record.session.routine:
            record = replace(record, session=replace(record.session, routine=routine))
        self._remember(record)
        return record

    def _remember(self, record: SessionRecord) -> None:
        if record.session.is_terminal:
            self._known.pop(record.id, None)
        else:
            self._known[record.id] = record

    async def owned(self, session_id: str, user_id: int) -> SessionRecord:
        """The session if ``user_id`` owns it; kind errors otherwise."""
        record = await self.get(session_id)
        if record is None:
            raise SessionNotFound()
        if record.session.user_id != user_id:
            raise NotYourSession()
        return record

    async def active_for(self, user_id: int) -> SessionRecord | None:
        """The person's live session (brought up to date), or None."""
        for row in await self._sessions.active_for_user(user_id):
            try:
                record = _record(row)
            except ValueError:
                log.warning("routine session %s has a damaged state and is ignored", row.id)
                continue
            current = await self._refresh(record)
            if current is not None and not current.session.is_terminal:
                return current
        return None

    # ------------------------------------------------------------------ presses

    async def begin(
        self, user_id: int, routine: RoutineSnapshot, *, delivery: Delivery | None = None
    ) -> SessionRecord:
        """Start ``routine`` for ``user_id`` at its first step.

        The routine is copied into the session, so a content reload never
        changes a running routine. Raises :class:`SessionConflict` if the person
        already has a live session (one at a time: the UI offers Resume or
        Start over). Auto-advance comes from the person's preference.
        """
        routine = self._routines.setdefault(routine, routine)
        async with self._db.transaction():  # the check and the insert as one: a double tap starts one
            existing = await self.active_for(user_id)
            if existing is None:
                prefs = await self._prefs.get(user_id)
                now = self._clock.now()
                session = RoutineSession.create(
                    user_id=user_id, routine=routine, now=now, auto_advance=prefs.auto_advance
                )
                session = transition(session, Action.START, now)
                record = SessionRecord(session, delivery or Delivery(), 0)
                await self._sessions.insert(_row(record, version=0), now=_dt(now))
        if existing is not None:
            raise SessionConflict(existing)
        self._remember(record)
        self._arm(session)
        return record

    async def press(
        self,
        session_id: str,
        user_id: int,
        action: Action | str,
        *,
        delivery: Delivery | None = None,
        card_version: int | None = None,
    ) -> PressResult:
        """Apply a person's press to their session and store it.

        Raises :class:`SessionNotFound`, :class:`NotYourSession`, or
        :class:`InvalidAction` when the session has ended (its ``reason`` says
        so kindly). A press that does not fit the session as it is now (a stale
        card) changes nothing and returns ``applied=False``; a paused session
        is resumed by Next, Back or Skip, because a card that still shows them
        was paused by the bot, not by the person.

        ``card_version`` is the session version the pressed card showed (None: not from a card,
        not checked). A navigation press (Next, Back, Skip, Resume) from a card older than the
        session changes nothing: the person gets the current card to act on, so a reply that was
        lost or an auto-advance edit that came late can never make one tap skip a step. Stop,
        Pause and It hurts mean the same on any card and always act.
        """
        action = Action(action)
        if action not in {*_NAVIGATION, Action.PAUSE, Action.RESUME, Action.STOP, Action.HURT}:
            raise RoutineError("That button doesn't do anything here. Use /stretch to carry on.")
        record = await self.owned(session_id, user_id)
        now = self._clock.now()
        session, _ = catch_up(record.session, now)
        if session.is_terminal:
            # Say kindly that it has ended (raises); store what the timers decided first.
            if session != record.session:
                await self._write(record, session, record.delivery)
            transition(session, action, now)
        if action in _VERSIONED and card_version is not None and card_version != session.version:
            if session.phase is Phase.PAUSED:
                # Paused by the bot (its card edit failed): come back, on the step it is at, not the next.
                session = transition(session, Action.RESUME, now)
            stored = await self._write(record, session, delivery or record.delivery)
            current = stored or await self.owned(session_id, user_id)
            return PressResult(current, applied=False)
        if session.phase is Phase.PAUSED and action in _NAVIGATION:
            action = Action.RESUME
        applied: Action | None = action
        try:
            new = transition(session, action, now)
        except InvalidAction:
            new, applied = session, None
        stored = await self._write(record, new, delivery or record.delivery)
        if stored is None:
            current = await self.owned(session_id, user_id)
            return PressResult(current, applied=False)
        return PressResult(stored, applied=applied is not None, action=applied)

    async def resume(
        self, session_id: str, user_id: int, *, delivery: Delivery | None = None
    ) -> SessionRecord:
        """Bring a live session back onto a card (after a crash, a pause, or on another message)."""
        record = await self.owned(session_id, user_id)
        now = self._clock.now()
        session, _ = catch_up(record.session, now)
        if session.is_terminal:
            if session != record.session:
                await self._write(record, session, record.delivery)
            transition(session, Action.RESUME, now)  # raises the kind "it has ended" reason
        if session.phase is Phase.PAUSED:
            session = transition(session, Action.RESUME, now)
        stored = await self._write(record, session, delivery or record.delivery)
        if stored is None:
            return await self.owned(session_id, user_id)
        return stored

    async def abandon(self, session_id: str, user_id: int) -> SessionRecord:
        """Close a live session the person chose to leave ("Start over"). Ended ones stay as they are."""
        for _ in range(WRITE_ATTEMPTS):
            record = await self.owned(session_id, user_id)
            if record.session.is_terminal:
                return record
            new = transition(record.session, Action.ABANDON, self._clock.now())
            stored = await self._write(record, new, record.delivery)
            if stored is not None:
                return stored
        return await self.owned(session_id, user_id)

    async def save_pain(self, session_id: str, user_id: int, pain: int) -> tuple[Checkin, int | None]:
        """The finish card's quick pain check, saved to the person's journal once per session.

        Returns the stored entry and the pain it replaced (None the first time): a second tap on
        the same card changes the answer instead of adding another entry."""
        if not 0 <= pain <= 10:
            raise RoutineError("Please pick a number from 0 to 10.")
        record = await self.owned(session_id, user_id)
        if record.session.phase not in _OUTCOMES:
            raise RoutineError("You can note your pain when the routine has finished.")
        return await self._journal.set_session_pain(user_id, session_id, utcnow(self._clock), pain)

    # ------------------------------------------------------------------ preferences

    async def auto_advance(self, user_id: int) -> bool:
        return (await self._prefs.get(user_id)).auto_advance

    async def set_auto_advance(self, user_id: int, enabled: bool) -> None:
        await self._prefs.set_auto_advance(user_id, enabled, now=utcnow(self._clock))

    async def safety_acknowledged(self, user_id: int) -> bool:
        return (await self._prefs.get(user_id)).safety_acknowledged

    async def acknowledge_safety(self, user_id: int) -> None:
        await self._prefs.ack_safety(user_id, now=utcnow(self._clock))

    # ------------------------------------------------------------------ timers

    async def rearm(self) -> int:
        """Arm the timer of every live session from its stored deadline; return how many.

        Deadlines already past fire as soon as the scheduler runs, and
        :func:`catch_up` applies what was missed in order.
        """
        rows = await self._sessions.list_with_deadlines()
        for row in rows:
            if row.deadline is not None:
                key = TIMER_PREFIX + row.id
                self._scheduler.schedule(key, row.deadline.timestamp(), self._timer_callback)
        return len(rows)

    async def forget_user(self, user_id: int) -> None:
        """Before /privacy delete erases a person's rows: disarm their sessions' timers."""
        for row in await self._sessions.active_for_user(user_id):
            self._scheduler.cancel(TIMER_PREFIX + row.id)
            self._known.pop(row.id, None)

    async def close(self, *, grace: float = 5.0) -> None:
        """Stop acting on timers and let card edits in flight finish (the database closes next).

        Timers not yet applied are simply left: their deadlines are stored, and
        the next start re-arms them.
        """
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
        """Wait until every due timer has been applied and every card edit has finished.

        For tests and benchmarks, which need to know the service is quiet.
        """
        while True:
            if self._worker is not None and not self._worker.done():
                await asyncio.wait({self._worker})
            elif self._edits:
                await asyncio.wait(set(self._edits))
            else:
                return

    def _arm(self, session: RoutineSession) -> None:
        key = TIMER_PREFIX + session.id
        when = session.next_deadline
        if when is None:
            self._scheduler.cancel(key)
        else:
            self._scheduler.schedule(key, when, self._timer_callback)

    async def _on_timer(self, key: str) -> None:
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
        known = self._known.get(session_id)
        for _ in range(WRITE_ATTEMPTS):
            record, known = known or await self.get(session_id), None
            if record is None or record.session.is_terminal:
                self._scheduler.cancel(TIMER_PREFIX + session_id)
                return
            new, applied = catch_up(record.session, self._clock.now())
            if not applied:
                self._arm(record.session)  # woke early or already handled by a press: wait again
                return
            stored = await self._write(record, new, record.delivery)
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
            task = asyncio.get_running_loop().create_task(self._show_timer_result(stored, moved))
            self._edits.add(task)
            task.add_done_callback(self._edits.discard)

    async def _show_timer_result(self, record: SessionRecord, moved: bool) -> None:
        """Edit the card after a timer; pause the routine if an auto-advance card can't be shown."""
        async with self._edit_slots:
            if self._known.get(record.id, record).row_version != record.row_version:
                return  # a press or a later timer has moved on: its own card is the one to show
            now = self._clock.now()
            shown = record.delivery.can_edit(now) and await self._edit(record)
        if shown or not moved or record.session.phase not in (Phase.HOLD, Phase.REST):
            return
        suspended = transition(record.session, Action.SUSPEND, self._clock.now())
        await self._write(record, suspended, record.delivery)

    async def _edit(self, record: SessionRecord) -> bool:
        editor = self.card_editor
        if editor is None:
            return False
        try:
            return await editor(record)
        except Exception:
            log.exception("routine session %s: editing the card failed", record.id)
            return False

    # ------------------------------------------------------------------ storage

    async def _refresh(self, record: SessionRecord) -> SessionRecord | None:
        """Apply timers that are due (e.g. missed while down) and store the result."""
        new, applied = catch_up(record.session, self._clock.now())
        if not applied:
            return record
        return await self._write(record, new, record.delivery)

    async def _write(
        self, record: SessionRecord, session: RoutineSession, delivery: Delivery
    ) -> SessionRecord | None:
        """Store ``session`` if nobody changed the row since ``record`` was read; None if someone did.

        The row version is bumped on every write (even a delivery-only one), so
        it is the lock; the session's own ``version`` counts transitions.
        """
        new = SessionRecord(session, delivery, record.row_version + 1)
        completion = _completion(session) if session.is_terminal and not record.session.is_terminal else None
        row = _row(new, version=new.row_version)
        now = utcnow(self._clock)
        if completion is None:
            # One UPDATE is atomic by itself; most timer firings take this short road.
            written = await self._sessions.update(row, expected_version=record.row_version, now=now)
        else:
            async with self._db.transaction():
                written = await self._sessions.update(row, expected_version=record.row_version, now=now)
                if written:
                    await self._journal.add_completion(completion)
        if not written:
            self._known.pop(record.id, None)
            return None
        self._remember(new)
        self._arm(session)
        return new


def _looks_like_id(value: str) -> bool:
    """Session ids are 32 lower-case hex digits (uuid4().hex); anything else is a forged button."""
    return len(value) == 32 and all(c in "0123456789abcdef" for c in value)

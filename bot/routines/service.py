"""Running routine sessions: storage, timers and the rules around the state machine.

The state machine (:mod:`bot.routines.session`) decides what a press or a timer
means; this service makes it durable and timely. No Discord here: the cog hands
in who pressed what and where the card lives (:class:`CardLocation`), and the client gives the
service a :class:`CardEditor` so a timer can update the card when a hold ends.

Why it looks like this:

* **Written before the reply.** Every accepted press or timer is stored (with an
  optimistic ``version`` check) before anybody is told about it, so a crash
  between the two loses a message, never a step. A press that loses the race is
  not retried blindly: the caller gets the current session and shows that card.
* **Timers** (one per session, replayed at their own times after downtime,
  a card that cannot be updated pauses the routine) are explained and run in
  :mod:`bot.routines.timers`; the values and errors in :mod:`bot.routines.records`.
* **The journal gets outcomes, not logs.** A session that ends done, hurt or
  stopped adds a ``routine_completions`` row in the same transaction as the
  session's final write. Nothing here logs health data; logs carry session ids.
"""

from __future__ import annotations

import logging
from typing import Final

from bot.clock import Clock, utcnow
from bot.routines.cache import SessionCache
from bot.routines.phases import Action, InvalidAction, Phase
from bot.routines.records import (
    OUTCOMES,
    TOKEN_LIFETIME_SECONDS,
    TOKEN_MARGIN_SECONDS,
    CardEditor,
    CardLocation,
    NotYourSession,
    PressResult,
    RoutineError,
    SessionConflict,
    SessionNotFound,
    SessionRecord,
    completion_for,
    epoch_to_datetime,
    record_from_row,
    record_to_row,
)
from bot.routines.snapshot import RoutineSnapshot
from bot.routines.state import RoutineSession
from bot.routines.timers import TIMER_PREFIX, WRITE_ATTEMPTS, TimerWorker, catch_up
from bot.routines.transitions import transition
from bot.scheduler import Scheduler
from bot.storage.database import Database
from bot.storage.journal import Checkin, JournalRepo
from bot.storage.prefs import PrefsRepo
from bot.storage.sessions import SessionRepo
from bot.wording import routines as words

__all__ = [
    "TIMER_PREFIX",
    "TOKEN_LIFETIME_SECONDS",
    "TOKEN_MARGIN_SECONDS",
    "CardEditor",
    "CardLocation",
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

_NAVIGATION: Final = frozenset({Action.NEXT, Action.BACK, Action.SKIP})
_VERSIONED: Final = _NAVIGATION | {Action.RESUME}
"""Presses that only make sense on the card they were pressed on (see ``RoutineService.press``)."""


class RoutineService:
    """Start, press, resume and time routine sessions for every user of one process."""

    def __init__(
        self, db: Database, scheduler: Scheduler, clock: Clock, *, card_editor: CardEditor | None = None
    ) -> None:
        self._db = db
        self._sessions = SessionRepo(db)
        self._journal = JournalRepo(db)
        self._prefs = PrefsRepo(db)
        self._clock = clock
        self._cache = SessionCache()
        self.timers = TimerWorker(
            scheduler, clock, self._cache, load=self.get, write=self._write, card_editor=card_editor
        )
        """Arms and applies the sessions' timers, and edits cards after them."""

    @property
    def card_editor(self) -> CardEditor | None:
        """Given at construction (``bot.ui.senders``); without one, auto-advance pauses at each hold end."""
        return self.timers.card_editor

    # ------------------------------------------------------------------ reading

    async def get(self, session_id: str) -> SessionRecord | None:
        """The stored session, or None if there is none (or its row is damaged)."""
        if not _looks_like_id(session_id):
            return None
        row = await self._sessions.get(session_id)
        if row is None:
            self._cache.forget(session_id)
            return None
        record = self._cache.read_back(row)
        if record is not None:
            self._cache.remember(record, row)
            return record
        try:
            record = record_from_row(row)
        except ValueError:
            log.warning("routine session %s has a damaged state and is ignored", session_id)
            self._cache.forget(session_id)
            return None
        record = self._cache.with_shared_routine(record)
        self._cache.remember(record, row)
        return record

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
                record = record_from_row(row)
            except ValueError:
                log.warning("routine session %s has a damaged state and is ignored", row.id)
                continue
            refreshed = await self._refresh(record)
            if refreshed is not None and not refreshed.session.is_terminal:
                return refreshed
        return None

    # ------------------------------------------------------------------ presses

    async def begin(
        self, user_id: int, routine: RoutineSnapshot, *, location: CardLocation | None = None
    ) -> SessionRecord:
        """Start ``routine`` for ``user_id`` at its first step.

        The routine is copied into the session, so a content reload never
        changes a running routine. Raises :class:`SessionConflict` if the person
        already has a live session (one at a time: the UI offers Resume or
        Start over). Auto-advance comes from the person's preference.
        """
        routine = self._cache.shared_routine(routine)
        async with self._db.transaction():  # the check and the insert as one: a double tap starts one
            existing = await self.active_for(user_id)
            if existing is None:
                prefs = await self._prefs.get(user_id)
                now = self._clock.now()
                session = RoutineSession.create(
                    user_id=user_id, routine=routine, now=now, auto_advance=prefs.auto_advance
                )
                session = transition(session, Action.START, now)
                record = SessionRecord(session, location or CardLocation(), 0)
                row = record_to_row(record, version=0)
                await self._sessions.insert(row, now=epoch_to_datetime(now))
        if existing is not None:
            raise SessionConflict(existing)
        self._cache.remember(record, row)
        self.timers.arm(session)
        return record

    async def _live(
        self, session_id: str, user_id: int, action: Action
    ) -> tuple[SessionRecord, RoutineSession, float]:
        """The person's session caught up with its timers, and the time it was caught up at.

        An ended session raises :class:`InvalidAction` with the kind "it has ended" reason for
        ``action``, after storing what the timers decided."""
        record = await self.owned(session_id, user_id)
        now = self._clock.now()
        session, _ = catch_up(record.session, now)
        if session.is_terminal:
            if session != record.session:
                await self._write(record, session, record.location)
            transition(session, action, now)
        return record, session, now

    async def press(
        self,
        session_id: str,
        user_id: int,
        action: Action | str,
        *,
        location: CardLocation | None = None,
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
            raise RoutineError(words.BUTTON_DOES_NOTHING)
        record, session, now = await self._live(session_id, user_id, action)
        if action in _VERSIONED and card_version is not None and not _card_is_current(session, card_version):
            if session.phase is Phase.PAUSED:
                # Paused by the bot (its card edit failed): come back, on the step it is at, not the next.
                session = transition(session, Action.RESUME, now)
            stored = await self._write(record, session, location or record.location)
            current = stored or await self.owned(session_id, user_id)
            return PressResult(current, applied=False)
        if session.phase is Phase.PAUSED and action in _NAVIGATION:
            action = Action.RESUME
        applied: Action | None = action
        try:
            new = transition(session, action, now)
        except InvalidAction:
            new, applied = session, None
        stored = await self._write(record, new, location or record.location)
        if stored is None:
            current = await self.owned(session_id, user_id)
            return PressResult(current, applied=False)
        return PressResult(stored, applied=applied is not None, action=applied)

    async def resume(
        self, session_id: str, user_id: int, *, location: CardLocation | None = None
    ) -> SessionRecord:
        """Bring a live session back onto a card (after a crash, a pause, or on another message)."""
        record, session, now = await self._live(session_id, user_id, Action.RESUME)
        if session.phase is Phase.PAUSED:
            session = transition(session, Action.RESUME, now)
        stored = await self._write(record, session, location or record.location)
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
            stored = await self._write(record, new, record.location)
            if stored is not None:
                return stored
        return await self.owned(session_id, user_id)

    async def save_pain(self, session_id: str, user_id: int, pain: int) -> tuple[Checkin, int | None]:
        """The finish card's quick pain check, saved to the person's journal once per session.

        Returns the stored entry and the pain it replaced (None the first time): a second tap on
        the same card changes the answer instead of adding another entry."""
        if not 0 <= pain <= 10:
            raise RoutineError(words.PAIN_OUT_OF_RANGE)
        record = await self.owned(session_id, user_id)
        if record.session.phase not in OUTCOMES:
            raise RoutineError(words.PAIN_AFTER_FINISH)
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

    async def rearm(self, *, dm_sessions: bool = True) -> int:
        """Arm the timer of every live session from its stored deadline; return how many.

        Deadlines already past fire as soon as the scheduler runs, and
        :func:`catch_up` applies what was missed in order.

        Several processes on one database (shards) may all re-arm a session: the row's
        version lets exactly one of them apply each timer, and the others, finding nothing
        due when they re-read it, wait for its next deadline. ``dm_sessions=False`` (a process
        not serving shard 0, which gets the DMs) leaves cards in DMs to that process.
        """
        rows = await self._sessions.list_with_deadlines()
        armed = 0
        for row in rows:
            if row.deadline is not None and (dm_sessions or not row.is_dm):
                self.timers.arm_at(row.id, row.deadline.timestamp())
                armed += 1
        return armed

    async def forget_user(self, user_id: int) -> None:
        """Before /privacy delete erases a person's rows: disarm their sessions' timers."""
        for row in await self._sessions.active_for_user(user_id):
            self.timers.disarm(row.id)
            self._cache.forget(row.id)

    async def close(self, *, grace: float = 5.0) -> None:
        """Stop acting on timers and let card edits in flight finish (the database closes next).

        Timers not yet applied are simply left: their deadlines are stored, and
        the next start re-arms them.
        """
        await self.timers.close(grace=grace)

    async def settle(self) -> None:
        """Wait until every due timer has been applied and every card edit has finished.

        For tests and benchmarks, which need to know the service is quiet.
        """
        await self.timers.settle()

    # ------------------------------------------------------------------ storage

    async def _refresh(self, record: SessionRecord) -> SessionRecord | None:
        """Apply timers that are due (e.g. missed while down) and store the result."""
        new, applied = catch_up(record.session, self._clock.now())
        if not applied:
            return record
        return await self._write(record, new, record.location)

    async def _write(
        self, record: SessionRecord, session: RoutineSession, location: CardLocation
    ) -> SessionRecord | None:
        """Store ``session`` if nobody changed the row since ``record`` was read; None if someone did.

        The row version is bumped on every write (even a location-only one), so
        it is the lock; the session's own ``version`` counts transitions.
        """
        new = SessionRecord(session, location, record.row_version + 1)
        ended_now = session.is_terminal and not record.session.is_terminal
        completion = completion_for(session) if ended_now else None
        row = record_to_row(new, version=new.row_version)
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
            self._cache.forget(record.id)
            return None
        self._cache.remember(new, row)
        self.timers.arm(session)
        return new


def _card_is_current(session: RoutineSession, card_version: int) -> bool:
    """Whether a card that showed ``card_version`` still shows where ``session`` is, for a press.

    The same version; or the one just before, when the only change since is that a manual-mode hold
    ran out (TICK without auto-advance moves nothing; the only other way into a finished hold is
    Resume, pressed on a paused card that has no Next, Back or Skip). Someone who taps Next as
    their hold ends means Next, whether the timer or the tap reached the bot first.
    """
    if card_version == session.version:
        return True
    return session.hold_complete and card_version == session.version - 1


def _looks_like_id(value: str) -> bool:
    """Session ids are 32 lower-case hex digits (uuid4().hex); anything else is a forged button."""
    return len(value) == 32 and all(c in "0123456789abcdef" for c in value)

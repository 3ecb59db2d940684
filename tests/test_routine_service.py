"""The routine service, told as what happens to a member's routine over time.

Real database (a file in tmp_path), real scheduler, a FakeClock: timers fire
exactly when the test moves time, and no Discord is involved — the card editor
is a recorder that says whether the card could be updated.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.routines.records import record_from_row, record_to_row
from bot.routines.service import (
    TIMER_PREFIX,
    TOKEN_LIFETIME_SECONDS,
    TOKEN_MARGIN_SECONDS,
    CardLocation,
    NotYourSession,
    RoutineError,
    RoutineService,
    SessionConflict,
    SessionNotFound,
    SessionRecord,
    catch_up,
)
from bot.routines.session import (
    EXPIRE_AFTER_SECONDS,
    IDLE_AFTER_SECONDS,
    Action,
    InvalidAction,
    Phase,
    RoutineSession,
    RoutineSnapshot,
    transition,
)
from bot.scheduler import Scheduler
from bot.storage.db import Database
from bot.storage.journal import JournalRepo
from bot.storage.prefs import PrefsRepo
from bot.storage.sessions import SessionRepo
from tests.fakeclock import FakeClock
from tests.routine_reference import position_label

T0 = 1_700_000_000.0
ALICE = 111_111_111_111_111_111
BOB = 222_222_222_222_222_222

ROUTINE: dict[str, Any] = {
    "id": "gentle-test",
    "title": "Gentle test routine",
    "steps": [
        {
            "id": "tilt",
            "title": "Pelvic tilt",
            "hold_seconds": 5,
            "reps": 2,
            "sides": "none",
            "rest_seconds": 3,
        },
        {
            "id": "knee",
            "title": "Knee to chest",
            "hold_seconds": 4,
            "reps": 1,
            "sides": "both",
            "rest_seconds": 2,
        },
        {
            "id": "breathe",
            "title": "Slow breaths",
            "hold_seconds": 0,
            "reps": 3,
            "sides": "none",
            "rest_seconds": 0,
        },
    ],
}
SNAPSHOT = RoutineSnapshot.from_mapping(ROUTINE)
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass
class Editor:
    """Stands in for Discord: records each card update and answers whether it worked."""

    works: bool = True
    shown: list[SessionRecord] = field(default_factory=list)

    async def __call__(self, record: SessionRecord) -> bool:
        self.shown.append(record)
        return self.works


@dataclass
class Env:
    clock: FakeClock
    db: Database
    scheduler: Scheduler
    service: RoutineService
    editor: Editor

    async def pass_time(self, seconds: float, step: float = 0.5) -> None:
        """Move time forward in small steps, letting every timer callback finish each time."""
        target = self.clock.now() + seconds
        while self.clock.now() < target:
            await self.clock.advance(min(step, target - self.clock.now()))
            await self.scheduler.wait_idle()
            await self.service.settle()

    async def restart(self) -> Env:
        """A new process on the same database: new scheduler, new service, timers re-armed."""
        await self.scheduler.stop()
        await self.service.close()
        scheduler = Scheduler(self.clock)
        service = RoutineService(self.db, scheduler, self.clock, card_editor=self.editor)
        scheduler.start()
        return Env(self.clock, self.db, scheduler, service, self.editor)


@pytest.fixture
async def env(db: Database) -> AsyncIterator[Env]:
    clock = FakeClock(T0)
    scheduler = Scheduler(clock)
    editor = Editor()
    service = RoutineService(db, scheduler, clock, card_editor=editor)
    scheduler.start()
    box = Env(clock, db, scheduler, service, editor)
    try:
        yield box
    finally:
        await box.scheduler.stop()


def ephemeral(clock: FakeClock, token: str = "tok") -> CardLocation:
    return CardLocation.for_interaction(token, clock.now())


def dm(clock: FakeClock) -> CardLocation:
    return CardLocation.for_interaction("tok", clock.now(), channel_id=5, message_id=6, is_dm=True)


async def auto_on(env: Env, user: int = ALICE) -> None:
    await env.service.set_auto_advance(user, True)


async def manual(env: Env, user: int = ALICE) -> None:
    """The member turned auto-advance off (it is on until they do)."""
    await env.service.set_auto_advance(user, False)


async def completions(env: Env, user: int = ALICE) -> list[Any]:
    return await JournalRepo(env.db).completions_since(user, EPOCH)


# --------------------------------------------------------------------------- starting


async def test_begin_starts_the_first_hold_stores_it_and_arms_its_timer(env: Env) -> None:
    record = await env.service.begin(ALICE, SNAPSHOT, location=ephemeral(env.clock))
    s = record.session
    assert s.phase is Phase.HOLD and s.position == (0, 0, 0)
    assert s.deadline == T0 + 5
    assert s.auto_advance  # the product default is on
    assert len(s.id) == 32
    assert env.scheduler.when(TIMER_PREFIX + s.id) == T0 + 5
    stored = await env.service.get(s.id)
    assert stored is not None and stored.session == s
    row = await SessionRepo(env.db).get(s.id)
    assert row is not None and row.status == "active" and row.routine_id == "gentle-test"
    assert row.deadline is not None and row.deadline.timestamp() == T0 + 5
    assert row.interaction_token == "tok" and not row.is_dm


async def test_auto_advance_comes_from_the_persons_preference(env: Env) -> None:
    assert await env.service.auto_advance(ALICE)  # never chosen: on
    await manual(env)
    assert not await env.service.auto_advance(ALICE)
    record = await env.service.begin(ALICE, SNAPSHOT)
    assert not record.session.auto_advance
    assert (await env.service.begin(BOB, SNAPSHOT)).session.auto_advance


async def test_one_live_routine_per_person(env: Env) -> None:
    first = await env.service.begin(ALICE, SNAPSHOT)
    with pytest.raises(SessionConflict) as info:
        await env.service.begin(ALICE, SNAPSHOT)
    assert info.value.existing.id == first.id
    assert (await env.service.active_for(ALICE)) is not None
    assert await env.service.active_for(BOB) is None
    await env.service.begin(BOB, SNAPSHOT)  # someone else is not affected


async def test_start_over_abandons_the_old_routine(env: Env) -> None:
    first = await env.service.begin(ALICE, SNAPSHOT)
    closed = await env.service.abandon(first.id, ALICE)
    assert closed.session.phase is Phase.ABANDONED
    assert TIMER_PREFIX + first.id not in env.scheduler
    second = await env.service.begin(ALICE, SNAPSHOT)
    assert second.id != first.id
    assert await completions(env) == []  # leaving a routine is not a journal entry
    with pytest.raises(InvalidAction) as info:
        await env.service.press(first.id, ALICE, Action.NEXT)
    assert info.value.code == "abandoned"


async def test_the_safety_acknowledgement_is_remembered(env: Env) -> None:
    assert not await env.service.safety_acknowledged(ALICE)
    await env.service.acknowledge_safety(ALICE)
    assert await env.service.safety_acknowledged(ALICE)
    assert (await PrefsRepo(env.db).get(ALICE)).safety_ack_at is not None


# --------------------------------------------------------------------------- presses


async def test_next_is_stored_before_anyone_is_told(env: Env) -> None:
    record = await env.service.begin(ALICE, SNAPSHOT)
    await env.clock.advance(2)
    result = await env.service.press(record.id, ALICE, "next", location=ephemeral(env.clock, "tok2"))
    assert result.applied and result.action is Action.NEXT
    assert result.record.session.position == (0, 0, 1)
    stored = await env.service.get(record.id)
    assert stored is not None and stored.session == result.record.session
    assert stored.location.interaction_token == "tok2"
    assert stored.row_version == record.row_version + 1


async def test_someone_elses_button_is_refused_kindly(env: Env) -> None:
    record = await env.service.begin(ALICE, SNAPSHOT)
    with pytest.raises(NotYourSession) as info:
        await env.service.press(record.id, BOB, Action.NEXT)
    assert "someone else" in info.value.reason and "/stretch" in info.value.reason
    stored = await env.service.get(record.id)
    assert stored is not None and stored.session == record.session  # nothing changed


@pytest.mark.parametrize("session_id", ["0" * 32, "nope", "../../etc", "A" * 32, ""])
async def test_unknown_or_forged_session_ids_are_not_found(env: Env, session_id: str) -> None:
    with pytest.raises(SessionNotFound):
        await env.service.press(session_id, ALICE, Action.NEXT)


async def test_a_press_that_lost_a_race_changes_nothing_and_returns_the_current_card(env: Env) -> None:
    record = await env.service.begin(ALICE, SNAPSHOT)
    # Another process (or a timer) writes first: the row version moves on.
    stale = await env.service.get(record.id)
    assert stale is not None
    await env.service.press(record.id, ALICE, Action.PAUSE)
    late = transition(stale.session, Action.NEXT, T0 + 1)
    assert await env.service._write(stale, late, stale.location) is None
    current = await env.service.get(record.id)
    assert current is not None and current.session.phase is Phase.PAUSED


async def test_a_row_read_back_unchanged_is_not_parsed_again_and_a_changed_one_is(env: Env) -> None:
    """Every press reads its row; when the text is the one this process wrote or read, the record
    is the one parsing would give, without the parse. A row changed elsewhere is parsed."""
    record = await env.service.begin(ALICE, SNAPSHOT, location=ephemeral(env.clock))
    pressed = await env.service.press(record.id, ALICE, Action.PAUSE)
    repo = SessionRepo(env.db)
    row = await repo.get(record.id)
    assert row is not None
    cached = env.service._cache.read_back(row)
    assert cached is not None and cached == record_from_row(row) == pressed.record
    again = await env.service.get(record.id)
    assert again == record_from_row(row)
    # Another process resumes it: same id, new text; the row is parsed, not taken from memory.
    resumed = transition(record_from_row(row).session, Action.RESUME, T0 + 2)
    other = record_to_row(SessionRecord(resumed, CardLocation(), row.version + 1), version=row.version + 1)
    assert await repo.update(other, expected_version=row.version, now=datetime.now(UTC))
    changed = await repo.get(record.id)
    assert changed is not None and env.service._cache.read_back(changed) is None
    fresh = await env.service.get(record.id)
    assert fresh is not None and fresh.session == resumed and fresh.session.phase is not Phase.PAUSED


async def read_back_as_parsed(env: Env, session_id: str) -> SessionRecord:
    """The live session's row as this process reads it back without parsing it (it wrote or read
    that very text) and as a process with nothing in memory parses it: the same record."""
    row = await SessionRepo(env.db).get(session_id)
    assert row is not None
    remembered = env.service._cache.read_back(row)
    assert remembered is not None, "the row as this process left it was not recognised"
    parsed = record_from_row(row)
    assert remembered == parsed
    # Every stored field, the routine's included, not only those the dataclasses compare.
    assert remembered.session.to_dict() == parsed.session.to_dict()
    assert remembered.session.to_json() == row.state_json
    assert await env.service.get(session_id) == parsed
    return remembered


async def test_a_row_read_back_from_memory_equals_the_row_parsed_fresh_at_every_step(env: Env) -> None:
    """Through a whole run (timers, presses, another process's writes, the status column changed
    alone), what this process reads back from memory is what parsing the row gives."""
    record = await env.service.begin(ALICE, SNAPSHOT, location=ephemeral(env.clock))
    session_id = record.id
    assert await read_back_as_parsed(env, session_id) == record
    await env.pass_time(5.5)  # the first hold ends: the timer writes (auto-advance is on)
    timed = await read_back_as_parsed(env, session_id)
    assert timed.session.version > record.session.version
    paused = await env.service.press(session_id, ALICE, Action.PAUSE, location=ephemeral(env.clock, "tok2"))
    assert paused.applied
    assert await read_back_as_parsed(env, session_id) == paused.record

    # Another process (nothing in memory) resumes it on a DM card: a new text, parsed here.
    other_scheduler = Scheduler(env.clock)
    other = RoutineService(env.db, other_scheduler, env.clock, card_editor=env.editor)
    resumed = await other.resume(session_id, ALICE, location=dm(env.clock))
    row = await SessionRepo(env.db).get(session_id)
    assert row is not None and env.service._cache.read_back(row) is None
    assert await env.service.get(session_id) == resumed
    assert await read_back_as_parsed(env, session_id) == resumed
    # It moves the card again without changing the session: the same text, in another row version
    # at another place. Memory gives the session; the place and the version are the row's.
    moved = await other.resume(session_id, ALICE, location=ephemeral(env.clock, "tok3"))
    assert moved.session == resumed.session and moved.row_version == resumed.row_version + 1
    seen = await read_back_as_parsed(env, session_id)
    assert seen == moved and seen.location.interaction_token == "tok3" and not seen.location.is_dm

    for _ in range(50):  # on to the end, a press at a time (timers due on the way are applied first)
        await env.pass_time(1)
        result = await env.service.press(session_id, ALICE, Action.NEXT)
        if result.record.session.is_terminal:
            break
        assert await read_back_as_parsed(env, session_id) == result.record
    else:
        raise AssertionError("the routine never finished")
    row = await SessionRepo(env.db).get(session_id)
    assert row is not None and row.status == "done" and env.service._cache.read_back(row) is None

    # The status column is the authority: changed alone, the same text is not taken from memory.
    again = await env.service.begin(ALICE, SNAPSHOT, location=ephemeral(env.clock))
    await read_back_as_parsed(env, again.id)
    await env.db.execute(
        "UPDATE routine_sessions SET status = 'abandoned', version = version + 1 WHERE id = ?", (again.id,)
    )
    row = await SessionRepo(env.db).get(again.id)
    assert row is not None and row.state_json == again.session.to_json()
    assert env.service._cache.read_back(row) is None
    closed = await env.service.get(again.id)
    assert closed == record_from_row(row) and closed is not None and closed.session.phase is Phase.ABANDONED


async def test_two_presses_at_once_never_both_win(env: Env) -> None:
    record = await env.service.begin(ALICE, SNAPSHOT)
    results = await asyncio.gather(*(env.service.press(record.id, ALICE, Action.NEXT) for _ in range(4)))
    applied = sum(r.applied for r in results)
    stored = await env.service.get(record.id)
    assert stored is not None
    assert stored.session.version == 1 + applied  # START + every press that was stored
    assert stored.session.position_index == applied


async def test_a_stale_press_that_does_not_fit_changes_nothing(env: Env) -> None:
    record = await env.service.begin(ALICE, SNAPSHOT)
    await env.service.press(record.id, ALICE, Action.PAUSE)
    again = await env.service.press(record.id, ALICE, Action.PAUSE)  # an old "Pause" button
    assert not again.applied and again.action is None
    assert again.record.session.phase is Phase.PAUSED


async def test_next_on_a_paused_routine_resumes_it(env: Env) -> None:
    record = await env.service.begin(ALICE, SNAPSHOT)
    await env.clock.advance(2)
    await env.service.press(record.id, ALICE, Action.PAUSE)
    await env.clock.advance(600)
    result = await env.service.press(record.id, ALICE, Action.NEXT)
    assert result.applied and result.action is Action.RESUME
    s = result.record.session
    assert s.phase is Phase.HOLD and s.position == (0, 0, 0) and s.deadline == env.clock.now() + 3


async def test_buttons_that_are_not_presses_are_refused(env: Env) -> None:
    record = await env.service.begin(ALICE, SNAPSHOT)
    for action in (Action.START, Action.TICK, Action.ABANDON, Action.SUSPEND):
        with pytest.raises(RoutineError):
            await env.service.press(record.id, ALICE, action)


# --------------------------------------------------------------------------- ending and the journal


async def walk_to_the_end(env: Env, session_id: str) -> SessionRecord:
    result = None
    for _ in range(50):
        await env.clock.advance(1)
        result = await env.service.press(session_id, ALICE, Action.NEXT)
        if result.record.session.is_terminal:
            return result.record
    raise AssertionError("the routine never finished")


async def test_finishing_records_a_completion_for_the_journal(env: Env) -> None:
    record = await env.service.begin(ALICE, SNAPSHOT)
    done = await walk_to_the_end(env, record.id)
    assert done.session.phase is Phase.DONE
    assert TIMER_PREFIX + record.id not in env.scheduler
    [entry] = await completions(env)
    assert entry.outcome == "done" and entry.session_id == record.id
    assert entry.steps_done == 3 and entry.steps_total == 3
    assert entry.seconds_spent == round(done.session.active_seconds) > 0
    row = await SessionRepo(env.db).get(record.id)
    assert row is not None and row.status == "done" and row.deadline is None


@pytest.mark.parametrize(("action", "outcome"), [(Action.HURT, "hurt"), (Action.STOP, "stopped")])
async def test_it_hurts_and_stop_end_at_once_and_are_recorded(env: Env, action: Action, outcome: str) -> None:
    record = await env.service.begin(ALICE, SNAPSHOT)
    await env.clock.advance(3)
    result = await env.service.press(record.id, ALICE, action)
    assert result.applied and result.record.session.is_terminal
    [entry] = await completions(env)
    assert entry.outcome == outcome and entry.steps_done == 0
    assert TIMER_PREFIX + record.id not in env.scheduler


async def test_it_hurts_while_paused_still_ends_it(env: Env) -> None:
    record = await env.service.begin(ALICE, SNAPSHOT)
    await env.service.press(record.id, ALICE, Action.PAUSE)
    result = await env.service.press(record.id, ALICE, Action.HURT)
    assert result.record.session.phase is Phase.HURT
    assert [c.outcome for c in await completions(env)] == ["hurt"]


async def test_a_finished_routine_refuses_buttons_kindly(env: Env) -> None:
    record = await env.service.begin(ALICE, SNAPSHOT)
    await walk_to_the_end(env, record.id)
    for action in (Action.NEXT, Action.HURT, Action.PAUSE):
        with pytest.raises(InvalidAction) as info:
            await env.service.press(record.id, ALICE, action)
        assert info.value.code == "finished" and "/stretch" in info.value.reason
    assert len(await completions(env)) == 1  # recorded once


async def test_the_pain_check_is_saved_after_the_routine(env: Env) -> None:
    record = await env.service.begin(ALICE, SNAPSHOT)
    with pytest.raises(RoutineError):
        await env.service.save_pain(record.id, ALICE, 3)  # not finished yet
    await walk_to_the_end(env, record.id)
    with pytest.raises(NotYourSession):
        await env.service.save_pain(record.id, BOB, 3)
    with pytest.raises(RoutineError):
        await env.service.save_pain(record.id, ALICE, 11)
    saved, previous = await env.service.save_pain(record.id, ALICE, 3)
    assert saved.pain == 3 and saved.source == "routine" and previous is None
    [checkin] = await JournalRepo(env.db).checkins_since(ALICE, EPOCH)
    assert checkin.pain == 3 and checkin.source == "routine" and checkin.note is None
    # Quick taps from the same card: one entry, the last answer wins, and each says what it replaced.
    # The database decides the order (on PostgreSQL it need not be the order of the taps), so
    # the replies must chain: 3 → one answer → the next → the last, each answer replaced once.
    answers = await asyncio.gather(*(env.service.save_pain(record.id, ALICE, n) for n in (9, 2, 5)))
    replaced = {prev: entry.pain for entry, prev in answers}
    assert len(replaced) == 3, answers  # no two taps replaced the same value
    chain, current = [], 3
    while current in replaced:
        current = replaced.pop(current)
        chain.append(current)
    assert sorted(chain) == [2, 5, 9] and not replaced
    [checkin] = await JournalRepo(env.db).checkins_since(ALICE, EPOCH)
    assert checkin.pain == chain[-1] and checkin.id == saved.id


async def test_a_press_from_an_older_card_shows_the_current_card_instead_of_acting(env: Env) -> None:
    record = await env.service.begin(ALICE, SNAPSHOT)
    shown = record.session.version
    moved = await env.service.press(record.id, ALICE, Action.NEXT, card_version=shown)
    assert moved.applied and moved.record.session.version > shown
    # The reply with the new card was lost: the person presses Next on the card they still see.
    again = await env.service.press(record.id, ALICE, Action.NEXT, card_version=shown)
    assert not again.applied
    assert again.record.session.step_index == moved.record.session.step_index
    assert again.record.session.version == moved.record.session.version
    # Stop and It hurts act from any card.
    hurt = await env.service.press(record.id, ALICE, Action.HURT, card_version=shown)
    assert hurt.applied and hurt.record.session.phase is Phase.HURT


async def test_next_tapped_as_a_manual_hold_ends_means_next_whichever_arrives_first(env: Env) -> None:
    await manual(env)
    record = await env.service.begin(ALICE, SNAPSHOT, location=ephemeral(env.clock))
    shown = record.session.version
    env.scheduler.cancel(TIMER_PREFIX + record.id)  # the tap reaches the bot before the timer does
    await env.clock.advance(6)
    pressed = await env.service.press(record.id, ALICE, Action.NEXT, card_version=shown)
    assert pressed.applied and pressed.action is Action.NEXT
    assert pressed.record.session.phase is Phase.REST and pressed.record.session.position == (0, 0, 1)


async def test_next_tapped_before_the_hold_done_card_arrives_still_means_next(env: Env) -> None:
    await manual(env)
    env.editor.works = False  # the "Hold done" edit is lost (or late)
    record = await env.service.begin(ALICE, SNAPSHOT, location=ephemeral(env.clock))
    shown = record.session.version
    await env.pass_time(6)
    stored = await env.service.get(record.id)
    assert stored is not None and stored.session.hold_complete and stored.session.version == shown + 1
    pressed = await env.service.press(record.id, ALICE, Action.NEXT, card_version=shown)
    assert pressed.applied and pressed.record.session.position == (0, 0, 1)


async def test_with_auto_advance_a_tap_as_the_hold_ends_never_skips_the_next_position(env: Env) -> None:
    await auto_on(env)
    record = await env.service.begin(ALICE, SNAPSHOT, location=ephemeral(env.clock))
    shown = record.session.version
    env.scheduler.cancel(TIMER_PREFIX + record.id)
    await env.clock.advance(6)  # the hold ended and the routine moved on by itself
    pressed = await env.service.press(record.id, ALICE, Action.NEXT, card_version=shown)
    assert not pressed.applied
    assert pressed.record.session.phase is Phase.REST and pressed.record.session.position == (0, 0, 1)


# --------------------------------------------------------------------------- timers and auto-advance


async def test_manual_mode_a_hold_ends_waits_and_the_card_says_so(env: Env) -> None:
    await manual(env)
    record = await env.service.begin(ALICE, SNAPSHOT, location=ephemeral(env.clock))
    await env.pass_time(6)
    stored = await env.service.get(record.id)
    assert stored is not None and stored.session.hold_complete
    assert stored.session.position == (0, 0, 0)
    # The card is edited to "Hold done" (no countdown left saying "ends 3 seconds ago").
    assert [r.session.hold_complete for r in env.editor.shown] == [True]


async def test_auto_advance_moves_on_when_a_hold_ends_and_edits_the_card(env: Env) -> None:
    await auto_on(env)
    record = await env.service.begin(ALICE, SNAPSHOT, location=ephemeral(env.clock))
    await env.pass_time(5)
    stored = await env.service.get(record.id)
    assert stored is not None and stored.session.phase is Phase.REST
    assert [r.session.phase for r in env.editor.shown] == [Phase.REST]
    await env.pass_time(3)  # the rest ends: the second tilt starts by itself
    stored = await env.service.get(record.id)
    assert stored is not None and stored.session.phase is Phase.HOLD
    assert stored.session.position == (0, 0, 1)


async def test_auto_advance_walks_across_sides_and_reps_until_the_movement(env: Env) -> None:
    await auto_on(env)
    record = await env.service.begin(ALICE, SNAPSHOT, location=dm(env.clock))
    await env.pass_time(5 + 3 + 5 + 3 + 4 + 2 + 4 + 2 + 1)  # holds and rests, left then right
    stored = await env.service.get(record.id)
    assert stored is not None
    s = stored.session
    assert s.phase is Phase.HOLD and s.current_step.id == "breathe"  # a movement waits for Next
    labels = [position_label(r.session) for r in env.editor.shown if r.session.phase is Phase.HOLD]
    assert labels == [
        "Step 1 of 3 · Pelvic tilt · rep 2 of 2",
        "Step 2 of 3 · Knee to chest (left)",
        "Step 2 of 3 · Knee to chest (right)",
        "Step 3 of 3 · Slow breaths · 3 times",
    ]
    done = await env.service.press(record.id, ALICE, Action.NEXT)
    assert done.record.session.phase is Phase.DONE


async def test_a_timer_card_edit_never_overwrites_a_newer_card(env: Env) -> None:
    await auto_on(env)
    env.editor.works = False
    record = await env.service.begin(ALICE, SNAPSHOT, location=ephemeral(env.clock))
    await env.service.press(record.id, ALICE, Action.NEXT)  # the press showed its own, newer card
    await env.service.timers.show_timer_result(record, moved=True)  # a late edit for the older state
    assert env.editor.shown == []
    stored = await env.service.get(record.id)
    assert stored is not None and stored.session.phase is Phase.HOLD  # and no pause because of it


async def test_a_dm_card_can_be_edited_long_after_the_last_press(env: Env) -> None:
    await auto_on(env)
    location = dm(env.clock)
    await env.clock.advance(TOKEN_LIFETIME_SECONDS)  # the token is long gone; the DM message is not
    assert not location.token_valid(env.clock.now()) and location.can_edit(env.clock.now())
    await env.service.begin(ALICE, SNAPSHOT, location=location)
    await env.pass_time(5)
    assert len(env.editor.shown) == 1


async def test_auto_advance_pauses_when_the_card_cannot_be_updated(env: Env) -> None:
    await auto_on(env)
    env.editor.works = False  # e.g. Discord refused the edit
    record = await env.service.begin(ALICE, SNAPSHOT, location=ephemeral(env.clock))
    await env.pass_time(5)
    stored = await env.service.get(record.id)
    assert stored is not None
    s = stored.session
    assert s.phase is Phase.PAUSED and s.paused_from is not None and s.paused_from.by_idle
    assert s.paused_from.phase is Phase.REST and s.paused_from.remaining == pytest.approx(3)
    # The next press (an old "Next" on the card) resumes where it was.
    result = await env.service.press(record.id, ALICE, Action.NEXT, location=ephemeral(env.clock))
    assert result.action is Action.RESUME and result.record.session.phase is Phase.REST


async def test_auto_advance_pauses_without_trying_once_the_token_has_expired(env: Env) -> None:
    await auto_on(env)
    old = CardLocation.for_interaction("old", T0 - TOKEN_LIFETIME_SECONDS + TOKEN_MARGIN_SECONDS + 2)
    assert old.token_valid(T0) and not old.token_valid(T0 + 3)
    record = await env.service.begin(ALICE, SNAPSHOT, location=old)
    await env.pass_time(5)
    stored = await env.service.get(record.id)
    assert stored is not None and stored.session.phase is Phase.PAUSED
    assert env.editor.shown == []  # an expired token is never used (Discord would refuse it)


async def test_without_a_card_editor_auto_advance_pauses(env: Env) -> None:
    await auto_on(env)
    env.service.timers.card_editor = None  # a process without the Discord side
    record = await env.service.begin(ALICE, SNAPSHOT, location=dm(env.clock))
    await env.pass_time(5)
    stored = await env.service.get(record.id)
    assert stored is not None and stored.session.phase is Phase.PAUSED


async def test_thirty_idle_minutes_pause_and_a_day_paused_closes(env: Env) -> None:
    await manual(env)
    record = await env.service.begin(ALICE, SNAPSHOT, location=dm(env.clock))
    await env.pass_time(IDLE_AFTER_SECONDS + 1, step=60)
    stored = await env.service.get(record.id)
    assert stored is not None and stored.session.phase is Phase.PAUSED
    row = await SessionRepo(env.db).get(record.id)
    assert row is not None and row.status == "paused"
    expires = T0 + IDLE_AFTER_SECONDS + EXPIRE_AFTER_SECONDS
    assert row.deadline is not None and row.deadline.timestamp() == expires
    assert [r.session.phase for r in env.editor.shown][-1] is Phase.PAUSED  # the DM card says so
    await env.pass_time(EXPIRE_AFTER_SECONDS, step=3600)
    stored = await env.service.get(record.id)
    assert stored is not None and stored.session.phase is Phase.EXPIRED
    assert await env.service.active_for(ALICE) is None
    assert await completions(env) == []
    assert TIMER_PREFIX + record.id not in env.scheduler


# --------------------------------------------------------------------------- restarts


async def test_after_a_restart_timers_are_re_armed_and_buttons_carry_on(env: Env) -> None:
    await manual(env)
    record = await env.service.begin(ALICE, SNAPSHOT)
    await env.clock.advance(1)
    await env.service.press(record.id, ALICE, Action.NEXT)  # second tilt, ends at T0 + 6
    env = await env.restart()
    assert await env.service.rearm() == 1
    assert env.scheduler.when(TIMER_PREFIX + record.id) == T0 + 6
    await env.pass_time(6)
    stored = await env.service.get(record.id)
    assert stored is not None and stored.session.hold_complete
    result = await env.service.press(record.id, ALICE, Action.NEXT)
    assert result.applied and result.record.session.phase is Phase.REST


async def test_timers_missed_while_down_replay_at_their_own_times(env: Env) -> None:
    await auto_on(env)
    record = await env.service.begin(ALICE, SNAPSHOT, location=dm(env.clock))
    await env.scheduler.stop()
    await env.clock.advance(2 * 3600)  # the bot is down for two hours
    env = await env.restart()
    await env.service.rearm()
    await env.pass_time(1)
    stored = await env.service.get(record.id)
    assert stored is not None
    s = stored.session
    # Timers walked on to the movement step (as they would have), then the idle
    # check paused it 30 minutes after the last press — not two hours later.
    assert s.phase is Phase.PAUSED and s.current_step.id == "breathe"
    assert s.paused_from is not None and s.paused_from.paused_at == T0 + IDLE_AFTER_SECONDS
    assert s.next_deadline == T0 + IDLE_AFTER_SECONDS + EXPIRE_AFTER_SECONDS


async def test_a_change_made_by_another_process_wins_over_a_remembered_state(env: Env) -> None:
    record = await env.service.begin(ALICE, SNAPSHOT)  # this process remembers it in HOLD
    other = RoutineService(env.db, Scheduler(env.clock), env.clock)  # a second process, same database
    await other.press(record.id, ALICE, Action.PAUSE)
    await env.pass_time(6)  # our timer fires for a hold that, in the database, is paused
    stored = await env.service.get(record.id)
    assert stored is not None and stored.session.phase is Phase.PAUSED
    assert stored.session.paused_from is not None and not stored.session.paused_from.by_idle
    assert env.scheduler.when(TIMER_PREFIX + record.id) == stored.session.next_deadline  # re-armed


async def test_privacy_delete_disarms_the_persons_timers(env: Env) -> None:
    record = await env.service.begin(ALICE, SNAPSHOT)
    other = await env.service.begin(BOB, SNAPSHOT)
    await env.service.forget_user(ALICE)
    assert TIMER_PREFIX + record.id not in env.scheduler
    assert TIMER_PREFIX + other.id in env.scheduler


async def test_closing_waits_briefly_for_card_edits_then_cancels_them(env: Env) -> None:
    await auto_on(env)
    release = asyncio.Event()

    async def slow_editor(record: SessionRecord) -> bool:
        await release.wait()  # Discord never answers
        return True

    env.service.timers.card_editor = slow_editor
    await env.service.begin(ALICE, SNAPSHOT, location=dm(env.clock))
    await env.clock.advance(5)
    await env.scheduler.wait_idle()
    for _ in range(50):  # let the worker store the tick and start the edit
        await asyncio.sleep(0.001)
    assert env.service.timers.edits_in_flight
    await env.service.close(grace=0.01)
    assert not env.service.timers.edits_in_flight
    await env.service.timers.on_timer(TIMER_PREFIX + "0" * 32)  # a closed service ignores timers
    assert not env.service.timers.pending


async def test_resume_puts_a_live_routine_on_a_new_card(env: Env) -> None:
    record = await env.service.begin(ALICE, SNAPSHOT, location=ephemeral(env.clock, "old"))
    found = await env.service.active_for(ALICE)
    assert found is not None and found.id == record.id
    moved = await env.service.resume(record.id, ALICE, location=ephemeral(env.clock, "new"))
    assert moved.location.interaction_token == "new"
    assert moved.session == record.session  # nothing else changed
    await env.service.press(record.id, ALICE, Action.PAUSE)
    resumed = await env.service.resume(record.id, ALICE, location=ephemeral(env.clock, "newer"))
    assert resumed.session.phase is Phase.HOLD


async def test_a_damaged_row_is_ignored_not_crashed_on(env: Env) -> None:
    record = await env.service.begin(ALICE, SNAPSHOT)
    damaged = json.dumps({"format": 99})
    await env.db.execute("UPDATE routine_sessions SET state_json = ? WHERE id = ?", (damaged, record.id))
    assert await env.service.get(record.id) is None
    assert await env.service.active_for(ALICE) is None
    with pytest.raises(SessionNotFound):
        await env.service.press(record.id, ALICE, Action.NEXT)


async def test_the_session_keeps_its_copy_of_the_routine(env: Env) -> None:
    record = await env.service.begin(ALICE, SNAPSHOT)
    row = await SessionRepo(env.db).get(record.id)
    assert row is not None
    assert json.loads(row.state_json)["routine"]["steps"][0]["title"] == "Pelvic tilt"


# --------------------------------------------------------------------------- catch_up (pure)


def test_catch_up_applies_nothing_before_the_timer() -> None:
    s = transition(RoutineSession.create(user_id=1, routine=SNAPSHOT, now=T0), Action.START, T0)
    assert catch_up(s, T0 + 1) == (s, [])


def test_catch_up_replays_each_timer_at_its_own_time() -> None:
    s = transition(RoutineSession.create(user_id=1, routine=SNAPSHOT, now=T0), Action.START, T0)
    new, applied = catch_up(s, T0 + 8.5)
    assert applied == [Action.TICK, Action.TICK]  # hold ended at T0+5, rest at T0+8
    assert new.phase is Phase.HOLD and new.deadline == T0 + 8 + 5
    assert new.updated_at == T0 + 8


def test_catch_up_brings_any_session_to_an_end_eventually() -> None:
    s = transition(RoutineSession.create(user_id=1, routine=SNAPSHOT, now=T0), Action.START, T0)
    new, _ = catch_up(s, T0 + 10 * EXPIRE_AFTER_SECONDS)
    assert new.phase is Phase.EXPIRED


def test_card_location_tokens_are_trusted_until_a_minute_before_discord_drops_them() -> None:
    d = CardLocation.for_interaction("t", T0)
    assert d.token_expires_at == T0 + 15 * 60 - 60
    assert d.token_valid(T0 + 839) and not d.token_valid(T0 + 840)
    assert not CardLocation().can_edit(T0)
    assert not CardLocation(channel_id=1, message_id=2).dm_message

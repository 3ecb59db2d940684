"""Faults: the bot killed mid-burst, Discord failing one call in ten, the gateway dropping, the
database locked by another process, a full or read-only disk, and a crash loop.

The promise under test is that nothing is lost: every write a person was told
about (a check-in saved, a routine step moved on) is in the database after a
SIGKILL and a restart, every routine can be resumed, and a broken environment
gives a short, private, kind message with an error id instead of a traceback,
with the data already stored left intact. Each test is bounded (a fixed burst,
a fixed routine, seeded fault rates) and asserts only what must hold however
the scheduler interleaves things; none measures wall-clock time.

Routines here are made only of movements (``hold_seconds: 0``), so no hold or
rest timer runs during a test and every change comes from a press.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.storage.db import Database, StorageError
from bot.storage.kv import KVRepo
from tests.e2e_support import REPO, LiveBot, live_bot_for, title
from tests.emulator import BotProcess, Emulator, InteractionHandle, Message, User, Violation

pytestmark = pytest.mark.timeout(120)

TAPS = "tap-through"
TAP_STEPS = 12
TAP_ROUTINE: dict[str, Any] = {
    "id": TAPS,
    "title": "Tap-through movements",
    "summary": "Twelve gentle movements, one press each, with no timers.",
    "level": "gentle",
    "position": "chair",
    "minutes": 5,
    "equipment": [],
    "cautions": ["Stop if anything hurts."],
    "reviewed": "2026-11-24",
    "sources": [{"title": "NHS — Back pain", "url": "https://www.nhs.uk/conditions/back-pain/"}],
    "steps": [
        {
            "id": f"move-{n}",
            "title": f"Movement {n}",
            "instructions": "Move slowly and gently.",
            "hold_seconds": 0,
            "reps": 1,
            "sides": "none",
            "rest_seconds": 0,
        }
        for n in range(1, TAP_STEPS + 1)
    ],
}
START_FIRST_TIME = "I've read this — start"
SAVED = "Saved to your private journal"
ERROR_ID = re.compile(r"error id `[0-9a-f]{8}`")


# --------------------------------------------------------------------------- bots and people


@asynccontextmanager
async def running_bot(tmp_path: Path, *, database: Path | None = None) -> AsyncIterator[LiveBot]:
    """The real bot on a copy of the content (plus a timer-free routine) and a fresh database.

    Unlike the ``live_bot`` fixture it does not assert zero violations on the way
    out: a test that kills the bot expects the interactions it cut off to fail, and
    checks exactly those itself.
    """

    def add_tap_routine(content: Path) -> None:
        (content / "routines" / f"{TAPS}.yaml").write_text(
            yaml.safe_dump(TAP_ROUTINE, sort_keys=False), "utf-8"
        )

    async for live in live_bot_for(
        tmp_path, prepare=add_tap_routine, database=database, check_violations=False
    ):
        yield live


def new_member(live: LiveBot, name: str) -> User:
    user = live.emu.create_user(name)
    live.emu.add_member(live.place.guild, user)
    return user


def step_of(message: Message) -> int:
    """The step a routine card shows (its one progress count, "Step 3 of 12" → 3)."""
    found = re.search(r"Step (\d+) of \d+", message.text())
    assert found, f"not a step card: {title(message)!r}"
    return int(found.group(1))


async def begin_routine(live: LiveBot, user: User) -> Message:
    """``/stretch tap-through`` → the intro → the first step card."""
    intro = await live.slash("stretch", {"routine": TAPS}, user=user)
    labels = [b.label for b in intro.buttons()]
    return await live.press(intro, START_FIRST_TIME if START_FIRST_TIME in labels else "Start", user)


def rows(database: Path, sql: str) -> list[tuple[Any, ...]]:
    with contextlib.closing(sqlite3.connect(database)) as conn:
        return list(conn.execute(sql))


def integrity(database: Path) -> str:
    return str(rows(database, "PRAGMA integrity_check")[0][0])


def only_failures_of(interaction_ids: set[int]) -> Any:
    """An ``ignore`` for ``assert_no_violations``: "This interaction failed" for these ids only."""

    def ignore(violation: Violation) -> bool:
        found = re.search(r"interaction (\d+)", violation["detail"])
        return (
            violation["kind"] == "failed_interaction"
            and found is not None
            and int(found.group(1)) in interaction_ids
        )

    return ignore


# --------------------------------------------------------------------------- kill -9 mid-burst


async def test_kill_9_during_a_burst_loses_no_acknowledged_write_and_every_routine_resumes(
    tmp_path: Path,
) -> None:
    async with running_bot(tmp_path) as live:
        emu = live.emu
        people = [new_member(live, f"warrior-{n}") for n in range(6)]
        cards: dict[int, Message] = {}
        for person in people:
            cards[person.id] = await live.press(await begin_routine(live, person), "Next", person)
        before = {pid: step_of(card) for pid, card in cards.items()}
        assert set(before.values()) == {2}
        forms = [(person, n, await live.open_checkin(user=person)) for person in people for n in range(4)]

        # The burst: every person presses Next and sends four check-ins, all at once.
        presses = [emu.click(cards[p.id], cards[p.id].find_button("Next"), user=p) for p in people]
        notes = {form.id: f"burst note {p.id}-{n}" for p, n, form in forms}
        submits = [
            emu.submit_modal(form, values={"pain": str(n + 2), "fatigue": "4", "note": notes[form.id]})
            for _, n, form in forms
        ]
        handles: list[InteractionHandle] = list(await asyncio.gather(*presses, *submits))
        press_handles, submit_handles = handles[: len(people)], handles[len(people) :]
        await emu.wait_until(
            lambda: sum(h.responded for h in handles) >= len(handles) // 3, timeout=15, what="answers"
        )
        live.bot.kill()  # SIGKILL: no shutdown code runs, whatever was in flight is cut off
        await live.bot.wait()
        await live.start()  # the same database, a new process and gateway session

        acknowledged = {h.id for h in handles if h.responded}
        cut_off = {h.id for h in handles} - acknowledged
        assert acknowledged, "the kill came after some answers"

        # Every check-in the person was told was saved is in the database, once.
        stored = rows(live.database, "SELECT user_id, note FROM checkins")
        assert len(stored) == len(set(stored)), "no check-in stored twice"
        for form, handle in zip(forms, submit_handles, strict=True):
            person, _, opened = form
            if handle.id in acknowledged:
                reply = (await handle.response()).message
                assert reply is not None and SAVED in reply.text()
                assert (person.id, notes[opened.id]) in stored, "an acknowledged check-in was lost"

        # Every routine resumes, at the step the person last saw (or one further, if the
        # press was stored but the answer was cut off), and carries on.
        for person, handle in zip(people, press_handles, strict=True):
            prompt = await live.slash("stretch", user=person)
            resumed = await live.press(prompt, "Resume", person)
            at = step_of(resumed)  # read now: the next press edits this same message
            if handle.id in acknowledged:
                assert at == step_of(cards[person.id]) == before[person.id] + 1
            else:
                assert at in (before[person.id], before[person.id] + 1)
            assert step_of(await live.press(resumed, "Next", person)) == at + 1

        emu.assert_no_violations(ignore=only_failures_of(cut_off))


# --------------------------------------------------------------------------- Discord failing


def callback_faults(emu: Emulator, interaction_id: int) -> int:
    """How many 5xx the emulator injected on this interaction's initial-response callback."""
    prefix = f"/interactions/{interaction_id}/"
    return sum(1 for f in emu.faults.injected if f.path.startswith(prefix) and f.status >= 500)


async def test_a_whole_routine_while_one_rest_call_in_ten_fails(tmp_path: Path) -> None:
    """About 10 % of every REST call gets a 429 or a 503 (seeded), for the whole routine.

    discord.py retries both; a person sees "This interaction failed" only if Discord
    failed the same reply twice, too late for its 3-second window. Even then the
    press was stored first: pressing again carries on and no step is lost or doubled.
    """
    async with running_bot(tmp_path) as live:
        emu, member = live.emu, live.place.member
        emu.faults.add("*", status=429, rate=0.05, seed=5, retry_after=0.05)
        emu.faults.add("*", status=503, rate=0.053, seed=6)
        card = await begin_routine(live, member)
        handles: list[InteractionHandle] = []
        for _ in range(3 * TAP_STEPS):
            if "Well done" in title(card):
                break
            label = "Finish" if any(b.label == "Finish" for b in card.buttons()) else "Next"
            handle = await emu.click(card, card.find_button(label), user=member)
            handles.append(handle)
            with contextlib.suppress(AssertionError):  # failed twice: the card stays as it was
                card = await handle.wait_message(timeout=10)
        assert "Well done" in title(card), title(card)

        statuses = [f.status for f in emu.faults.injected]
        assert 429 in statuses and 503 in statuses, f"faults injected: {statuses}"
        outcome = rows(live.database, "SELECT outcome, steps_done, steps_total FROM routine_completions")
        assert outcome == [("done", TAP_STEPS, TAP_STEPS)], outcome
        failed = {h.id for h in handles if h.failed}
        assert all(callback_faults(emu, i) >= 2 for i in failed), "only a twice-failed reply may fail"
        emu.assert_no_violations(ignore=only_failures_of(failed))


async def test_a_routine_survives_the_gateway_dropping_three_times(tmp_path: Path) -> None:
    """Dropped between presses, right after a press was sent, and before a press was sent: the
    bot RESUMEs, Discord replays what it missed, and each press moves the routine exactly once."""
    async with running_bot(tmp_path) as live:
        emu, member = live.emu, live.place.member
        card = await begin_routine(live, member)
        expected = step_of(card)

        async def next_step(*, drop: str | None = None) -> None:
            nonlocal card, expected
            since = emu.state.now()
            if drop == "before":
                await emu.drop_gateway()
            handle = await emu.click(card, card.find_button("Next"), user=member)
            if drop == "after":
                await emu.drop_gateway()
            card = await handle.wait_message(timeout=10)
            expected += 1
            assert step_of(card) == expected
            if drop:
                await emu.wait_for_resume(since=since)

        await next_step()
        await emu.drop_gateway()  # 1: between presses
        await emu.wait_for_resume()
        await next_step()
        await next_step(drop="after")  # 2: the press is on the wire when the socket goes
        await next_step(drop="before")  # 3: the press is dispatched while the bot is away
        while "Well done" not in title(card):
            label = "Finish" if any(b.label == "Finish" for b in card.buttons()) else "Next"
            card = await live.press(card, label, member)

        resumes = [e for e in emu.state.gateway_log if e.kind == "resumed"]
        identifies = [e for e in emu.state.gateway_log if e.kind == "identify"]
        assert len(resumes) == 3 and len(identifies) == 1, "three RESUMEs, never a new login"
        outcome = rows(live.database, "SELECT outcome, steps_done, steps_total FROM routine_completions")
        assert outcome == [("done", TAP_STEPS, TAP_STEPS)]
        emu.assert_no_violations()


# --------------------------------------------------------------------------- the database


LOCKER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
conn.execute("BEGIN EXCLUSIVE")
print("locked", time.monotonic(), flush=True)
sys.stdin.readline()
print("releasing", time.monotonic(), flush=True)
conn.execute("COMMIT")
conn.close()
"""


async def test_a_write_waits_for_a_database_another_process_has_locked(tmp_path: Path) -> None:
    """Another process holds the write lock for a moment; the check-in and the routine press
    wait for it (``busy_timeout``), then succeed, each answered after the lock was let go."""
    async with running_bot(tmp_path) as live:
        emu, member = live.emu, live.place.member
        card = await begin_routine(live, member)
        form = await live.open_checkin(user=member)
        locker = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            LOCKER,
            str(live.database),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
        )
        assert locker.stdin is not None and locker.stdout is not None
        try:
            assert (await locker.stdout.readline()).startswith(b"locked")
            submitted = await emu.submit_modal(form, values={"pain": "6", "fatigue": "5", "note": "locked"})
            pressed = await emu.click(card, card.find_button("Next"), user=member)
            # Both are now waiting on the lock (the bot has not answered either).
            await asyncio.sleep(0.5)
            assert not submitted.responded and not pressed.responded
            locker.stdin.write(b"go\n")
            await locker.stdin.drain()
            released_at = float((await locker.stdout.readline()).split()[1])
        finally:
            with contextlib.suppress(ProcessLookupError):
                locker.stdin.close()
            await locker.wait()
        saved = await submitted.wait_message()
        moved = await pressed.wait_message()
        assert SAVED in saved.text() and step_of(moved) == 2
        for handle in (submitted, pressed):
            received = handle.record.callback_received_at
            assert received is not None and received >= released_at, "answered only after the lock"
        assert rows(live.database, "SELECT note FROM checkins") == [("locked",)]
        emu.assert_no_violations()


@contextlib.contextmanager
def small_disk(path: Path, size: str = "2m") -> Iterator[Path]:
    """A tmpfs of ``size`` at ``path`` (root only); skips the test where mounting is not allowed."""
    path.mkdir(parents=True, exist_ok=True)
    mount = shutil.which("mount")
    if mount is None or os.geteuid() != 0:
        pytest.skip("needs root and mount(8) for a size-limited tmpfs (a real full disk)")
    done = subprocess.run(
        [mount, "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(path)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield path
    finally:
        if subprocess.run(["umount", str(path)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(path)], capture_output=True)


def fill(disk: Path) -> Path:
    """Write a file until the disk is full; return it (delete it to free the space)."""
    filler = disk / "filler"
    with filler.open("wb", buffering=0) as out:
        for chunk in (65536, 4096, 512, 1):
            with contextlib.suppress(OSError):
                while True:
                    out.write(b"\0" * chunk)
    return filler


def remount(disk: Path, mode: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{mode}", str(disk)], check=True, capture_output=True)


async def test_a_full_disk_gives_a_private_error_with_an_id_and_keeps_the_data(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk") as disk:
        async with running_bot(tmp_path, database=disk / "bot.sqlite3") as live:
            emu, member = live.emu, live.place.member
            first = await live.open_checkin(user=member)
            saved = await (
                await emu.submit_modal(first, values={"pain": "3", "fatigue": "2", "note": "before"})
            ).wait_message()
            assert SAVED in saved.text()
            card = await begin_routine(live, member)
            filler = fill(disk)

            form = await live.open_checkin(user=member)
            refused = await (
                await emu.submit_modal(form, values={"pain": "7", "fatigue": "6", "note": "while full"})
            ).wait_message()
            stuck = await (await emu.click(card, card.find_button("Next"), user=member)).response()
            for answer in (refused, stuck.message):
                assert answer is not None and answer.ephemeral
                text = answer.text()
                assert ERROR_ID.search(text) and "Traceback" not in text and "sqlite" not in text.lower()
            assert "is full" in live.logs(), "the operator's log says what is wrong"

            filler.unlink()  # space again: the same bot carries on, no restart needed
            again = await live.open_checkin(user=member)
            saved = await (
                await emu.submit_modal(again, values={"pain": "7", "fatigue": "6", "note": "after"})
            ).wait_message()
            assert SAVED in saved.text()
            moved = await live.press(card, "Next", member)
            assert step_of(moved) == 2
            emu.assert_no_violations()
        assert integrity(disk / "bot.sqlite3") == "ok"
        notes = rows(disk / "bot.sqlite3", "SELECT note FROM checkins ORDER BY id")
        assert notes == [("before",), ("after",)], "the refused check-in left nothing behind"


async def test_a_read_only_disk_stops_start_up_with_one_clear_line_and_no_damage(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk") as disk:
        database = disk / "bot.sqlite3"
        db = await Database.open(database)
        await KVRepo(db).set("kept", "yes")
        await db.close()
        remount(disk, "ro")
        try:
            async with Emulator() as emu:
                emu.community()
                bot = BotProcess(
                    [sys.executable, "-m", "bot", "--config", str(write_config(tmp_path, database))],
                    cwd=REPO,
                    emulator=emu,
                    log_path=tmp_path / "bot.log",
                )
                await bot.start()
                code = await bot.wait(timeout=60)
                log = bot.logs()
                assert not [e for e in emu.state.gateway_log if e.kind == "identify"], "no login wasted"
        finally:
            remount(disk, "rw")
        assert code == 1, log
        assert re.search(r"The database cannot be used: .*read-only.*write access", log), log
        assert "Traceback" not in log
        assert integrity(database) == "ok"
        assert rows(database, "SELECT value FROM kv WHERE key = 'kept'") == [("yes",)]


async def test_a_disk_that_fills_mid_transaction_rolls_back_whole(tmp_path: Path) -> None:
    """Storage level, on a real full disk: a transaction that runs out of space half-way is
    rolled back whole, the error says so, and the file is intact and usable afterwards."""
    with small_disk(tmp_path / "disk", size="1m") as disk:
        db = await Database.open(disk / "bot.sqlite3")
        try:
            kv = KVRepo(db)
            await kv.set("kept", "yes")
            with pytest.raises(StorageError) as caught:
                async with db.transaction():
                    for n in range(1_000):
                        await kv.set(f"big-{n}", "x" * 8_000)
            assert caught.value.kind == "full"
            assert "full" in str(caught.value) and "intact" in str(caught.value)
            assert await db.fetchval("SELECT COUNT(*) FROM kv WHERE key LIKE 'big-%'") == 0
            assert await kv.get("kept") == "yes"
            assert await db.fetchval("PRAGMA integrity_check") == "ok"
            await kv.set("after", "ok")  # the space the rollback gave back is usable
        finally:
            await db.close()
        assert integrity(disk / "bot.sqlite3") == "ok"


# --------------------------------------------------------------------------- a crash loop


def write_config(folder: Path, database: Path) -> Path:
    config = folder / "config.yaml"
    settings = {"database": {"path": str(database)}, "content": {"path": str(REPO / "content")}}
    config.write_text(yaml.safe_dump({**settings, "logging": {"level": "INFO"}}), encoding="utf-8")
    return config


def closed_port() -> int:
    """A local port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_failing_bot(tmp_path: Path, **env: str) -> tuple[subprocess.Popen[bytes], Path]:
    log = tmp_path / "bot.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "--config", str(write_config(tmp_path, tmp_path / "bot.sqlite3"))],
        cwd=REPO,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        env={
            **os.environ,
            "DISCORD_TOKEN": "a-token",
            "DISCORD_API_BASE": f"http://127.0.0.1:{closed_port()}/api/v10",
            "PYTHONUNBUFFERED": "1",
            **env,
        },
    )
    return process, log


async def wait_for_lines(log: Path, pattern: str, count: int, process: subprocess.Popen[bytes]) -> list[str]:
    """Until the log has ``count`` matches of ``pattern`` (bounded by the test timeout)."""
    while True:
        text = await asyncio.to_thread(log.read_text, errors="replace")
        found = re.findall(pattern, text)
        if len(found) >= count:
            return found
        assert process.poll() is None, f"the bot exited ({process.returncode}):\n{text[-2000:]}"
        await asyncio.sleep(0.05)


async def test_a_crash_loop_backs_off_with_growing_pauses(tmp_path: Path) -> None:
    """Discord unreachable: each failed start-up waits longer than the one before, up to the cap.
    (``LUPUS_BACKOFF_SECONDS`` shortens the schedule for the test; the next test checks the real one.)"""
    process, log = start_failing_bot(tmp_path, LUPUS_BACKOFF_SECONDS="0.05,0.1,0.2,0.4")
    try:
        pauses = await wait_for_lines(log, r"trying again in ([\d.]+)s", 6, process)
    finally:
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=30)
    assert [float(p) for p in pauses[:6]] == [0.05, 0.1, 0.2, 0.4, 0.4, 0.4]
    assert code == 0, "SIGTERM during a pause is a clean stop"
    text = log.read_text()
    assert text.count("logging in using static token") <= len(re.findall(r"trying again in", text)) + 1
    assert "Traceback" not in text


async def test_the_real_back_off_waits_five_seconds_first(tmp_path: Path) -> None:
    process, log = start_failing_bot(tmp_path)
    try:
        await wait_for_lines(log, r"trying again in 5s", 1, process)
    finally:
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=30)
    text = log.read_text()
    assert code == 0
    assert text.count("logging in using static token") == 1, "stopped during the first pause: one try"


async def test_a_refused_token_stops_at_once_without_retrying(tmp_path: Path) -> None:
    """A reset token cannot come back by retrying, and each retry would count: exit 2 (the unit
    does not restart on 2) after exactly one attempt."""
    async with Emulator(token="the-real-token") as emu:
        emu.community()
        bot = BotProcess(
            [sys.executable, "-m", "bot", "--config", str(write_config(tmp_path, tmp_path / "bot.sqlite3"))],
            env={"DISCORD_TOKEN": "an-old-token"},
            cwd=REPO,
            emulator=emu,
            log_path=tmp_path / "bot.log",
        )
        await bot.start()
        code = await bot.wait(timeout=60)
        logins = [r for r in emu.state.requests if r.route == "/users/@me"]
        assert code == 2, bot.logs()
        assert len(logins) == 1 and logins[0].status == 401
        assert not emu.state.gateway_log, "never reached the gateway"
        assert "Discord refused the token" in bot.logs()
        # The refusal is a 401 Discord really sends; the emulator records it as such.
        emu.assert_no_violations(ignore=lambda v: v["status"] == 401)

"""Several bot processes on one PostgreSQL: reminders exactly once, and interactions per second.

``python -m bench.bench_cluster reminders`` (``make bench-cluster`` runs both parts):

1. A throw-away PostgreSQL cluster (``tests.pg_cluster``) and one emulator whose server has
   ``--reminders`` members (100,000 by default).
2. One daily reminder per member, written straight into the ``reminders`` table, **all due at
   the same instant**, the start of the next whole minute.
3. Two bot processes (``python -m bot``) on that database. Both arm every reminder; at the
   minute both fire all of them, and each row is claimed by one of them.
4. When half of the DMs have reached the emulator, process A is killed with SIGKILL, whatever
   it is doing: some of its claims are mid-send, some DMs accepted by Discord but not recorded.
5. The survivor takes over A's claims once their lease (60 s) has passed, re-sending with the
   same nonce. The run ends when every member has a DM and the lease has passed since the kill
   (so any duplicate would have had time to appear).

Counted from the emulator's own record of created messages: **duplicates** (a member with more
than one reminder DM) and **losses** (a member with none), plus the sends Discord answered with
an earlier message because of the nonce (``nonce replays``: each one a duplicate prevented), and
from the database: rows not moved on to tomorrow, claims left behind.

``python -m bench.bench_cluster interactions`` compares interactions per second with one process
serving both shards against two processes serving one shard each, on one emulator and one
PostgreSQL (see :func:`interactions`).
"""

from __future__ import annotations

import argparse
import asyncio
import math
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from bench.common import REPO, Workspace, bot_process, percentile, workspace
from tests.emulator import BotProcess, Emulator
from tests.pg_cluster import running_cluster

LEASE_SECONDS = 60.0  # bot.delivery.CLAIM_LEASE_SECONDS


@dataclass
class ReminderFigures:
    reminders: int
    processes: int
    killed_after: int
    delivered: int
    duplicates: int
    lost: int
    nonce_replays: int
    not_moved_on: int
    claims_left: int
    first_to_half_s: float
    all_delivered_s: float

    def table(self) -> str:
        rows = [
            ("reminders due in the same minute", f"{self.reminders:,}"),
            ("bot processes (one killed with SIGKILL)", f"{self.processes}"),
            ("DMs seen when the process was killed", f"{self.killed_after:,}"),
            ("members who got their reminder", f"{self.delivered:,}"),
            ("duplicates (a member with two DMs)", f"{self.duplicates:,}"),
            ("losses (a member with none)", f"{self.lost:,}"),
            ("re-sends answered by the nonce (duplicates prevented)", f"{self.nonce_replays:,}"),
            ("rows not moved on to tomorrow", f"{self.not_moved_on:,}"),
            ("claims left behind", f"{self.claims_left:,}"),
            ("due → half delivered", f"{self.first_to_half_s:.1f} s"),
            ("due → all delivered (incl. the 60 s lease)", f"{self.all_delivered_s:.1f} s"),
        ]
        width = max(len(name) for name, _ in rows)
        return "\n".join(f"{name:<{width}}  {value}" for name, value in rows)


def _write_config(ws: Workspace, url: str | None) -> None:
    """The bot's config: PostgreSQL at ``url``, or (None) the workspace's SQLite file."""
    import yaml

    config = {
        "database": {"url": url} if url else {"path": str(ws.database)},
        "content": {"path": str(ws.content), "watch": False},
        "logging": {"level": "WARNING"},
    }
    ws.config.write_text(yaml.safe_dump(config), encoding="utf-8")


async def _prepare_database(url: str, user_ids: Sequence[int], due: datetime) -> None:
    """Migrate (by opening it the bot's way), then one reminder per member, all due at ``due``."""
    import asyncpg

    from bot.storage.postgres import PostgresDatabase

    database = await PostgresDatabase.open(url)
    await database.close()
    stamp = datetime.now(UTC).isoformat()
    local = due.strftime("%H:%M")
    conn = await asyncpg.connect(url)
    try:
        await conn.copy_records_to_table(
            "reminders",
            records=[
                (uid, local, "UTC", None, due.timestamp(), None, 0, None, stamp, stamp, None)
                for uid in user_ids
            ],
            columns=[
                "user_id", "local_time", "timezone", "routine_id", "next_fire_at", "last_sent_at",
                "paused", "paused_reason", "created_at", "updated_at", "claimed_at",
            ],
        )  # fmt: skip
    finally:
        await conn.close()


async def _database_leftovers(url: str, due: datetime) -> tuple[int, int]:
    import asyncpg

    conn = await asyncpg.connect(url)
    try:
        stuck = await conn.fetchval(
            "SELECT count(*) FROM reminders WHERE next_fire_at <= $1", due.timestamp()
        )
        claims = await conn.fetchval("SELECT count(*) FROM reminders WHERE claimed_at IS NOT NULL")
    finally:
        await conn.close()
    return int(stuck), int(claims)


def _dm_counts(emu: Emulator) -> Counter[int]:
    """Messages the bot created in each member's DM channel (the emulator's own record)."""
    state = emu.state
    owner = {channel_id: user_id for user_id, channel_id in state.dm_channels.items()}
    counts: Counter[int] = Counter()
    for message in state.messages.values():
        user_id = owner.get(message.channel_id)
        if user_id is not None and message.author.id == state.bot.id:
            counts[user_id] += 1
    return counts


async def reminders(count: int, *, give_up_after: float = 1200.0) -> ReminderFigures:
    with running_cluster() as cluster, workspace(log_level="WARNING") as ws:
        url = cluster.url()
        _write_config(ws, url)
        async with Emulator() as emu:
            place = emu.community()
            users = [emu.create_user(f"member{i}") for i in range(count)]
            for user in users:
                emu.add_member(place.guild, user)
            now = time.time()
            due = datetime.fromtimestamp(math.ceil((now + 40) / 60) * 60, UTC)
            await _prepare_database(url, [u.id for u in users], due)

            processes: list[BotProcess] = []
            try:
                for _ in range(2):
                    process = bot_process("ours", emu, ws)
                    processes.append(process)
                    await process.start()
                for process in processes:
                    await process.wait_ready(timeout=120)
                print(f"both processes ready; {count:,} reminders due at {due:%H:%M:%S} UTC", file=sys.stderr)

                half = count // 2
                baseline = len(emu.state.messages)
                killed_after = 0
                killed_at: float | None = None
                half_at = all_at = math.nan
                deadline = time.monotonic() + give_up_after
                while time.monotonic() < deadline:
                    await asyncio.sleep(0.5)
                    # Progress only (cheap): messages made since the start. Exact per-member
                    # counts are taken once, at the end.
                    made = len(emu.state.messages) - baseline
                    if killed_at is None and made >= half:
                        processes[0].kill()
                        killed_at, killed_after = time.time(), made
                        half_at = killed_at - due.timestamp()
                        print(f"killed process A after {made:,} DMs", file=sys.stderr)
                    if made >= count and math.isnan(all_at):
                        all_at = time.time() - due.timestamp()
                    if (
                        killed_at is not None
                        and made >= count
                        and time.time() > killed_at + LEASE_SECONDS + 10
                    ):
                        break
                counts = _dm_counts(emu)
            finally:
                for process in processes:
                    if process.running:
                        await process.stop()
            stuck, claims = await _database_leftovers(url, due)
            user_ids = {u.id for u in users}
            return ReminderFigures(
                reminders=count,
                processes=len(processes),
                killed_after=killed_after,
                delivered=sum(1 for uid in user_ids if counts[uid] >= 1),
                duplicates=sum(n - 1 for uid, n in counts.items() if uid in user_ids and n > 1),
                lost=sum(1 for uid in user_ids if counts[uid] == 0),
                nonce_replays=emu.state.nonce_replays,
                not_moved_on=stuck,
                claims_left=claims,
                first_to_half_s=half_at,
                all_delivered_s=all_at,
            )


@dataclass
class Throughput:
    layout: str
    per_second: float
    p50_ms: float
    p99_ms: float
    late: int
    bot_cpu_ms: float
    """All bot processes' CPU (user + system) per interaction."""
    emulator_cpu_ms: float
    """This process's CPU per interaction: the emulator and the driver."""


def _cpu_seconds(pids: Sequence[int]) -> float:
    import psutil

    total = 0.0
    for pid in pids:
        times = psutil.Process(pid).cpu_times()
        total += times.user + times.system
    return total


async def _create_database(admin_url: str, name: str) -> str:
    import asyncpg

    conn = await asyncpg.connect(admin_url)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return admin_url.rsplit("/", 1)[0] + "/" + name


async def _one_layout(
    ws: Workspace,
    url: str | None,
    layout: str,
    shard_sets: Sequence[str],
    total: int,
    concurrency: int,
    rounds: int,
) -> Throughput:
    from bench.bench_interactions import read_invocations

    _write_config(ws, url)
    invocations = read_invocations()
    async with Emulator(shards=2) as emu:
        first = emu.community(shard=0)
        second = emu.another_server(first, "Second server", shard=1)
        guilds = (first.guild, second.guild)
        people = [emu.create_user(f"reader{i}") for i in range(concurrency)]
        for person in people:
            for guild in guilds:
                emu.add_member(guild, person)
        processes = [
            bot_process("ours", emu, ws, env={"SHARD_COUNT": "2", "SHARD_IDS": ids}) for ids in shard_sets
        ]
        try:
            for process in processes:
                await process.start()
            for process in processes:
                await process.wait_ready(timeout=120)
            # One process serving both shards is ready after its first; wait for both sessions.
            await emu.wait_until(
                lambda: sorted(x.shard for x in emu.sessions if x.connected) == [(0, 2), (1, 2)],
                120,
                "both shards connected",
            )
            await asyncio.sleep(2.0)  # the second shard's GUILD_CREATE and the bot's own set-up

            async def one(i: int, slots: asyncio.Semaphore, latencies: list[float]) -> None:
                async with slots:
                    handle = await emu.slash(
                        "read", invocations[i % len(invocations)], user=people[i % concurrency],
                        guild=guilds[i % 2],
                    )  # fmt: skip
                    await handle.response(timeout=30)
                    record = handle.record
                    if record.callback_received_at is not None:
                        latencies.append((record.callback_received_at - record.created_at) * 1000)

            async def run(count: int) -> tuple[float, list[float]]:
                slots, latencies = asyncio.Semaphore(concurrency), []
                started = time.perf_counter()
                await asyncio.gather(*(one(i, slots, latencies) for i in range(count)))
                return count / (time.perf_counter() - started), latencies

            await run(concurrency)  # warm-up: caches, prepared statements, connections
            rates: list[float] = []
            all_latencies: list[float] = []
            pids = [p.pid for p in processes if p.pid is not None]
            bot_before, emu_before = _cpu_seconds(pids), time.process_time()
            for _ in range(rounds):
                rate, latencies = await run(total)
                rates.append(rate)
                all_latencies += latencies
            bot_cpu = (_cpu_seconds(pids) - bot_before) / (total * rounds) * 1000
            emu_cpu = (time.process_time() - emu_before) / (total * rounds) * 1000
            late = sum(1 for v in emu.state.violations if v["kind"] == "failed_interaction")
        finally:
            for process in processes:
                if process.running:
                    await process.stop()
    rates.sort()
    return Throughput(
        layout=layout,
        per_second=rates[len(rates) // 2],
        p50_ms=percentile(all_latencies, 50),
        p99_ms=percentile(all_latencies, 99),
        late=late,
        bot_cpu_ms=bot_cpu,
        emulator_cpu_ms=emu_cpu,
    )


async def interactions(total: int, concurrency: int, rounds: int) -> list[Throughput]:
    """``/read`` in two servers on two shards, ``concurrency`` in flight, ``total`` per round:
    one process serving both shards on SQLite (the default) and on PostgreSQL, then two processes
    serving one shard each on PostgreSQL (a fresh database each). Median interactions per second
    over ``rounds``, p50/p99 over all of them, and CPU per interaction."""
    results: list[Throughput] = []
    with running_cluster() as cluster:
        layouts = (
            ("1 process, SQLite (shards 0, 1)", ("0,1",), False),
            ("1 process, PostgreSQL (shards 0, 1)", ("0,1",), True),
            ("2 processes, PostgreSQL (shard 0 | shard 1)", ("0", "1"), True),
        )
        for n, (layout, shard_sets, postgres) in enumerate(layouts):
            url = await _create_database(cluster.url(), f"bench_ips_{n}") if postgres else None
            with workspace(log_level="WARNING") as ws:
                results.append(await _one_layout(ws, url, layout, shard_sets, total, concurrency, rounds))
    return results


def throughput_table(rows: Sequence[Throughput]) -> str:
    lines = [
        "| layout | interactions/s (median) | p50 | p99 | bot CPU / interaction "
        "| emulator CPU / interaction | answered after 3 s |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    base = rows[0].per_second
    for r in rows:
        lines.append(
            f"| {r.layout} | {r.per_second:,.0f} ({r.per_second / base:.2f}×) | {r.p50_ms:.1f} ms | "
            f"{r.p99_ms:.1f} ms | {r.bot_cpu_ms:.2f} ms | {r.emulator_cpu_ms:.2f} ms | {r.late} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.bench_cluster", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("part", choices=("reminders", "interactions", "all"), nargs="?", default="all")
    parser.add_argument("--reminders", type=int, default=100_000)
    parser.add_argument("--total", type=int, default=2000, help="interactions per round")
    parser.add_argument("--concurrency", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    if args.part in ("interactions", "all"):
        print(throughput_table(asyncio.run(interactions(args.total, args.concurrency, args.rounds))))
    if args.part in ("reminders", "all"):
        figures = asyncio.run(reminders(args.reminders))
        print(figures.table())
        if figures.duplicates or figures.lost:
            return 1
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    raise SystemExit(main())

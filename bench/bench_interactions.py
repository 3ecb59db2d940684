"""Interactions, 200 at once, kind by kind: our bot against a bare discord.py bot sending the same payload.

Budgets (DESIGN.md): p99 ≤ 50 ms for 200 ``/read`` at once; and our code within
10 % of discord.py: for every kind of interaction below, our bot's CPU per
interaction and its p99 ≤ 1.1× those of the same-payload baseline.

The kinds: ``/read`` (every overview and section of the shipped content), an
autocomplete answer (``/read article:``), a routine button (Pause / Resume on a
running routine: a versioned write), a check-in save (the three-tap card's Save:
a write), ``/search`` with a word that has synonyms, a resource page turn, and a
DM answered through the crisis screen (the crisis card).

What is measured, per interaction: from the emulator dispatching the event to the
bot's answer reaching the emulator (for an interaction, ``callback_received_at``;
for a DM, the moment its POST to the channel reaches the emulator, before the
body is read and checked), and the bot's CPU (user + system, psutil) over each
burst. How, and why:

* **The same-payload baseline** (``bench/same_payload_bot.py``). Our bot runs
  first, through a warm-up round of every kind; everything it answered is kept
  and handed to a bare discord.py bot, which answers the same interactions with
  those very bodies. The payload's own cost (discord.py building the request,
  parsing the message that comes back, the emulator checking an embed with menus)
  is then the same on both sides, and the ratio is what our code adds. A
  component press needs a message to press on: the baseline's emulator gets a
  copy of the message our bot showed, so discord.py parses the same message too.
* **Same run, alternating.** Both bots run as subprocesses, each with its own
  emulator, and each round runs one burst of a kind for ours, then for the
  baseline, so a noisy neighbour hits both alike. Figures are the **median over
  rounds** (one disturbed round moves it little), and the test is against the
  median.
* **200 at once**, the budget's burst. With 200 in flight the p99 is mostly the
  time to work through the queue, so it follows the CPU one interaction costs.
* **Setup is not measured**: the messages to press, the routines to pause and the
  check-in cards to save are made before the burst (fresh people for each
  check-in round, as a member may save only a few a minute).
* **The emulator's garbage is collected between bursts** (``gc.collect()`` in
  this process) and its CPU per interaction is shown: on two cores it shares the
  machine with the bot, so a slower emulator stretches the latencies.
* **Full collections in the bots** are logged by ``gc.callbacks``
  (``bot.gc_policy.log_full_collections``) and counted per run, and those that
  fell inside a measured burst are counted separately.

``python -m bench.bench_interactions --rounds 2 --concurrency 50 --kinds read,dm``
is a quick look; ``--profile out.prof`` runs our bot under cProfile (``make
profile`` uses py-spy when it is installed).
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import gc
import json
import signal
import statistics
import sys
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

from bench.common import (
    REPO,
    Figure,
    Spread,
    figure,
    machine,
    new_emulator,
    start_bot,
    stop_all,
    workspace,
)
from bench.same_payload_bot import keys_of
from tests.emulator import BotProcess, Emulator, Message, StoredMessage, User, locate

CONCURRENCY = 200
ROUNDS = 5
WARMUP_ROUNDS = 1
SAME_PAYLOAD_CMD = (sys.executable, "-m", "bench.same_payload_bot")
CRISIS_DM = "honestly I want to die today"
RESOURCE_TOPIC = "financial-help"
ROUTINE = "chair-bad-day"


# --- one bot under test ----------------------------------------------------------------------------


@dataclass
class Side:
    """One bot, its emulator, its server and the people in it."""

    name: str
    emu: Emulator
    process: BotProcess | None = None
    gc_log: Path | None = None
    users: dict[int, User] = field(default_factory=dict)
    dm_replies: dict[int, float] = field(default_factory=dict)
    """DM channel id → when the bot's first message to it reached the emulator."""
    dm_bodies: list[tuple[int, Any]] = field(default_factory=list)
    mirrored: dict[int, StoredMessage] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.place = self.emu.community()
        rest = self.emu.rest
        original = rest._read_body

        async def recording(request: Any) -> Any:
            stamp = self.emu.state.now()
            body = await original(request)
            if request.method == "POST" and request.path.endswith("/messages"):
                channel = int(request.match_info.get("channel_id", 0))
                self.dm_replies.setdefault(channel, stamp)
                self.dm_bodies.append((channel, body[0]))
            return body

        rest._read_body = recording  # type: ignore[method-assign]

    def people(self, start: int, count: int) -> list[User]:
        """People ``start`` … ``start + count - 1`` of this server, made on first use (same on both sides)."""
        for n in range(start, start + count):
            if n not in self.users:
                self.users[n] = user = self.emu.create_user(f"member{n}")
                self.emu.add_member(self.place.guild, user)
        return [self.users[n] for n in range(start, start + count)]

    def cpu(self) -> float:
        """The bot's CPU time in seconds, to the nanosecond (``/proc/<pid>/schedstat``; psutil's
        clock ticks are 10 ms, too coarse for a burst), or psutil's where there is no such file."""
        assert self.process is not None and self.process.pid is not None
        try:
            return int(Path(f"/proc/{self.process.pid}/schedstat").read_text().split()[0]) / 1e9
        except OSError:
            times = psutil.Process(self.process.pid).cpu_times()
            return float(times.user + times.system)

    def full_collections(self) -> list[tuple[float, float]]:
        """(start, ms) of every full collection the bot logged."""
        if self.gc_log is None or not self.gc_log.exists():
            return []
        found = []
        for line in self.gc_log.read_text().splitlines():
            start, ms = line.split()
            found.append((float(start), float(ms)))
        return found


# --- shots: one interaction each, the same on both sides ---------------------------------------------


@dataclass(frozen=True)
class Shot:
    """One interaction to dispatch: a slash command, an autocomplete, a press, or a DM."""

    how: str  # "slash", "autocomplete", "press", "dm"
    person: int
    name: str = ""
    options: dict[str, Any] = field(default_factory=dict)
    focused: str = ""
    custom_id: str = ""
    values: tuple[str, ...] = ()
    message: StoredMessage | None = None  # ours; the baseline presses a copy


class Pending:
    """A dispatched shot: when it was sent and how to tell it was answered."""

    def __init__(self, side: Side, record: Any = None, dm_channel: int = 0, sent_at: float = 0.0) -> None:
        self.side, self.record, self.dm_channel, self.sent_at = side, record, dm_channel, sent_at

    def answered(self) -> bool:
        if self.record is not None:
            r = self.record
            return r.response_type is not None or r.callback_received_at is not None or bool(r.rejections)
        return self.dm_channel in self.side.dm_replies

    def payload_bytes(self) -> int:
        if self.record is not None:
            return len(json.dumps(self.record.response_data or {}))
        bodies = [b for c, b in self.side.dm_bodies if c == self.dm_channel]
        return len(json.dumps(bodies[-1])) if bodies else 0

    def latency_ms(self) -> float:
        if self.record is not None:
            r = self.record
            assert r.callback_received_at is not None, f"{r.description} was never answered"
            return float(r.callback_received_at - r.created_at) * 1000
        return (self.side.dm_replies[self.dm_channel] - self.sent_at) * 1000


def mirror(side: Side, message: StoredMessage, person: User) -> StoredMessage:
    """A copy of ours' ``message`` in the baseline's server, from the baseline bot, to press on."""
    copy = side.mirrored.get(message.id)
    if copy is None:
        bot_user = side.emu.state.bot
        copy = dataclasses.replace(
            message,
            id=side.emu.state.next_id(),
            channel_id=side.place.general.id,
            guild_id=side.place.guild.id,
            author=bot_user,
            application_id=bot_user.id,
            interaction_id=None,
            embeds=json.loads(json.dumps(message.embeds)),
            components=json.loads(json.dumps(message.components)),
        )
        side.emu.state.store_message(copy)
        side.mirrored[message.id] = copy
    return copy


async def fire(side: Side, shot: Shot, people: Sequence[User]) -> Pending:
    emu, person = side.emu, people[shot.person]
    guild = side.place.guild
    if shot.how == "slash":
        handle = await emu.slash(shot.name, shot.options, user=person, guild=guild)
        return Pending(side, handle.record)
    if shot.how == "autocomplete":
        handle = await emu.begin_autocomplete(
            shot.name, shot.options, focused=shot.focused, user=person, guild=guild
        )
        return Pending(side, handle.record)
    if shot.how == "press":
        assert shot.message is not None
        message = shot.message if side.name == "ours" else mirror(side, shot.message, person)
        where = locate(emu.state, person, guild=guild, channel=side.place.general)
        data: dict[str, Any] = {"custom_id": shot.custom_id, "component_type": 3 if shot.values else 2}
        if shot.values:
            data["values"] = list(shot.values)
        handle = await emu._dispatch(3, data, person, where, f"press {shot.custom_id}", message=message)
        return Pending(side, handle.record)
    channel = emu.state.ensure_dm_channel(person)
    sent_at = emu.state.now()
    await emu.send_dm(person, shot.name)
    return Pending(side, dm_channel=channel.id, sent_at=sent_at)


@dataclass
class Burst:
    latencies: list[float]
    bot_cpu_s: float
    emulator_cpu_s: float
    started: float
    ended: float
    payload_bytes: float = 0.0
    failed: int = 0
    """Answers that came after Discord's 3-second deadline (the member saw "interaction failed")."""
    pending: list[Pending] = field(default_factory=list)


async def burst(side: Side, shots: Sequence[Shot], people: Sequence[User]) -> Burst:
    """Dispatch every shot at once; wait (one waiter) for every answer."""
    for shot in shots:  # the baseline's copies are made before, not during, the burst
        if shot.message is not None and side.name != "ours":
            mirror(side, shot.message, people[shot.person])
    for shot in shots:
        if shot.how == "dm":
            side.dm_replies.pop(side.emu.state.ensure_dm_channel(people[shot.person]).id, None)
    gc.collect()
    cpu, emu_cpu, started = side.cpu(), time.process_time(), time.monotonic()
    pending = list(await asyncio.gather(*(fire(side, s, people) for s in shots)))
    await side.emu.wait_until(
        lambda: all(p.answered() for p in pending), timeout=60, what=f"{len(shots)} answers"
    )
    ended = time.monotonic()
    result = Burst([], side.cpu() - cpu, time.process_time() - emu_cpu, started, ended)
    # Past Discord's 3 s the member saw "This interaction failed"; counted, and the late answer's
    # time is still the latency. An answer refused for another reason is a bench error.
    result.failed = sum(1 for p in pending if p.record is not None and p.record.failed)
    refused = [
        p.record for p in pending if p.record is not None and p.record.rejections and not p.record.failed
    ]
    assert not refused, (
        f"{len(refused)} refused on {side.name}: {refused[0].description} {refused[0].rejections}"
    )
    result.pending = pending
    result.latencies = [p.latency_ms() for p in pending]
    result.payload_bytes = statistics.mean(p.payload_bytes() for p in pending)
    return result


# --- the kinds ---------------------------------------------------------------------------------------


async def answer(side: Side, coro: Awaitable[Any]) -> Message:
    handle = await coro
    return await handle.wait_message(timeout=10)


def button(message: Message, label: str) -> str:
    custom_id = message.find_button(label).custom_id
    assert custom_id is not None
    return custom_id


@dataclass
class Kind:
    """A kind of interaction: how to make a burst of it on our side (the baseline repeats it)."""

    name: str
    label: str
    prepare: Callable[[Side, int, int], Awaitable[tuple[list[Shot], int]]]
    """(ours, round, count) → the shots and the first person they use."""


def read_invocations() -> list[dict[str, Any]]:
    from bot.content.loader import load_library

    library = load_library(REPO / "content").library
    if library is None:
        raise SystemExit("the shipped content does not load; run `python -m bot validate content/`")
    found: list[dict[str, Any]] = []
    for article in library.articles.values():
        found.append({"article": article.id})
        found.extend({"article": article.id, "section": s.id} for s in article.sections)
    return found


def prefixes() -> list[str]:
    from bot.content.loader import load_library

    library = load_library(REPO / "content").library
    assert library is not None
    titles = [a.title.lower() for a in library.articles.values()]
    return [t[:n] for t in titles for n in (1, 3, 5)]


def synonym_words() -> list[str]:
    import yaml

    groups = yaml.safe_load((REPO / "content" / "synonyms.yaml").read_text("utf-8"))["synonyms"]
    return [w for g in groups for w in g["words"]][:40]


def cycling(options: Sequence[Any]) -> Callable[[int, int], list[Any]]:
    def take(round_no: int, count: int) -> list[Any]:
        return [options[(round_no * count + i) % len(options)] for i in range(count)]

    return take


READS, PREFIXES, WORDS = cycling(read_invocations()), cycling(prefixes()), cycling(synonym_words())


async def prepare_read(ours: Side, round_no: int, count: int) -> tuple[list[Shot], int]:
    return [Shot("slash", i, "read", o) for i, o in enumerate(READS(round_no, count))], 0


async def prepare_autocomplete(ours: Side, round_no: int, count: int) -> tuple[list[Shot], int]:
    return [
        Shot("autocomplete", i, "read", {"article": p}, focused="article")
        for i, p in enumerate(PREFIXES(round_no, count))
    ], 0


async def prepare_search(ours: Side, round_no: int, count: int) -> tuple[list[Shot], int]:
    return [Shot("slash", i, "search", {"query": w}) for i, w in enumerate(WORDS(round_no, count))], 0


async def prepare_resource(ours: Side, round_no: int, count: int) -> tuple[list[Shot], int]:
    """Each person opens the topic once; rounds then turn to its next page, then back, and so on."""
    first = 1000
    people = ours.people(first, count)
    if not hasattr(ours, "_resource_pages"):
        emu, guild = ours.emu, ours.place.guild
        ours._resource_pages = list(  # type: ignore[attr-defined]
            await asyncio.gather(
                *(
                    answer(ours, emu.slash("resources", {"topic": RESOURCE_TOPIC}, user=p, guild=guild))
                    for p in people
                )
            )
        )
    # discord.py hands a press to our bot only if its custom_id is on the message: press what is there now.
    label = "Next ▶" if round_no % 2 == 0 else "◀ Previous"
    return [
        Shot("press", i, custom_id=button(m, label), message=m.stored)
        for i, m in enumerate(ours._resource_pages)  # type: ignore[attr-defined]
    ], first


async def start_routine(ours: Side, person: User) -> Message:
    emu, guild = ours.emu, ours.place.guild
    intro = await answer(ours, emu.slash("stretch", {"routine": ROUTINE}, user=person, guild=guild))
    intro = await answer(ours, emu.click(intro, intro.find_button("Let me press Next"), user=person))
    while "I've read this — start" not in [b.label for b in intro.buttons()]:
        intro = await answer(ours, emu.click(intro, intro.find_button("Next page"), user=person))
    return await answer(ours, emu.click(intro, intro.find_button("I've read this — start"), user=person))


async def prepare_routine(ours: Side, round_no: int, count: int) -> tuple[list[Shot], int]:
    """Each person runs one routine (auto-advance off); rounds alternate Pause and Resume on its card."""
    first = 2000
    people = ours.people(first, count)
    if not hasattr(ours, "_routine_cards"):
        ours._routine_cards = list(await asyncio.gather(*(start_routine(ours, p) for p in people)))  # type: ignore[attr-defined]
    shots = []
    for i, card in enumerate(ours._routine_cards):  # type: ignore[attr-defined]
        labels = [b.label for b in card.buttons()]
        label = "Pause" if "Pause" in labels else "Resume"
        shots.append(Shot("press", i, custom_id=button(card, label), message=card.stored))
    return shots, first


async def prepare_checkin(ours: Side, round_no: int, count: int) -> tuple[list[Shot], int]:
    """Fresh people each round (a member may save a few a minute): /checkin, pick a pain score; Save."""
    first = 10_000 + round_no * count
    people = ours.people(first, count)
    emu, guild = ours.emu, ours.place.guild

    async def card(person: User) -> Message:
        shown = await answer(ours, emu.slash("checkin", {}, user=person, guild=guild))
        [pain] = [s.custom_id for s in shown.selects() if s.custom_id.startswith("lc:ck:m:p")]
        return await answer(ours, emu.select(shown, pain, ["4"], user=person))

    cards = await asyncio.gather(*(card(p) for p in people))
    return [
        Shot("press", i, custom_id=button(c, "Save"), message=c.stored) for i, c in enumerate(cards)
    ], first


async def prepare_dm(ours: Side, round_no: int, count: int) -> tuple[list[Shot], int]:
    """Fresh people each round, each writing the same crisis words in a DM."""
    first = 50_000 + round_no * count
    return [Shot("dm", i, CRISIS_DM) for i in range(count)], first


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("read", "/read (overview or section)", prepare_read),
        Kind("autocomplete", "autocomplete answer (/read article:)", prepare_autocomplete),
        Kind("routine", "routine button (Pause/Resume, a write)", prepare_routine),
        Kind("checkin", "check-in save (a write)", prepare_checkin),
        Kind("search", "/search with synonyms", prepare_search),
        Kind("resource", "resource page turn", prepare_resource),
        Kind("dm", "DM answered through the crisis screen", prepare_dm),
    )
}


# --- the run ------------------------------------------------------------------------------------------


def captured_payloads(answered: Sequence[Pending]) -> dict[str, Any]:
    """What ours answered in a burst, under the keys the baseline looks answers up by."""
    found: dict[str, Any] = {}
    for p in answered:
        if p.record is not None:
            rec = p.record
            if rec.response_type is None:
                continue  # answered too late: the baseline uses the answer of the same kind
            body: dict[str, Any] = {"type": rec.response_type}
            if rec.response_data is not None:
                body["data"] = rec.response_data
            keys = keys_of(rec.type, rec.payload.get("data") or {})
        else:
            body = next(b for c, b in p.side.dm_bodies if c == p.dm_channel)
            keys = keys_of("dm", {"content": CRISIS_DM})
        for key in keys:
            found.setdefault(key, body)
    return found


async def hand_over(same: Side, path: Path, payloads: dict[str, Any]) -> None:
    """Give the baseline ``payloads`` and wait until it has read them (SIGHUP, then its ack file)."""
    assert same.process is not None and same.process.process is not None
    path.write_text(json.dumps(payloads))  # noqa: ASYNC240 - between bursts, never inside one
    ack = path.with_suffix(".loaded")
    expected = (int(ack.read_text() or 0) if ack.exists() else 0) + 1
    same.process.process.send_signal(signal.SIGHUP)
    deadline = time.monotonic() + 10
    while not (ack.exists() and ack.read_text() == str(expected)):
        assert time.monotonic() < deadline, "the same-payload bot did not reload its payloads"
        await asyncio.sleep(0.005)


def registered_commands(ours: Side) -> list[dict[str, Any]]:
    dropped = {"id", "application_id", "version", "guild_id"}
    return [
        {k: v for k, v in command.items() if k not in dropped}
        for command in ours.emu.state.iter_commands(None)
    ]


@dataclass
class KindResult:
    kind: Kind
    ours: list[Burst] = field(default_factory=list)
    same: list[Burst] = field(default_factory=list)

    @staticmethod
    def median(bursts: Sequence[Burst], pick: Callable[[Burst], float]) -> float:
        return statistics.median(pick(b) for b in bursts)

    def spread(self, side: str) -> tuple[float, float]:
        bursts = self.ours if side == "ours" else self.same
        spreads = [Spread.of(b.latencies) for b in bursts]
        return statistics.median(s.p50 for s in spreads), statistics.median(s.p99 for s in spreads)

    def cpu_ms(self, side: str, emulator: bool = False) -> float:
        bursts = self.ours if side == "ours" else self.same
        return self.median(
            bursts, lambda b: (b.emulator_cpu_s if emulator else b.bot_cpu_s) / len(b.latencies) * 1000
        )


@dataclass
class Result:
    kinds: list[KindResult]
    rounds: int
    concurrency: int
    full_collections: dict[str, list[tuple[float, float]]]
    in_bursts: dict[str, int]
    violations: list[str]
    load: tuple[float, float, float]

    def rows(self) -> list[tuple[str, ...]]:
        rows = []
        for k in self.kinds:
            (op50, op99), (sp50, sp99) = k.spread("ours"), k.spread("same")
            ocpu, scpu = k.cpu_ms("ours"), k.cpu_ms("same")
            rows.append(
                (
                    k.kind.label,
                    f"{op50:.1f} / {op99:.1f}",
                    f"{sp50:.1f} / {sp99:.1f}",
                    f"{op99 / sp99:.2f}×",
                    f"{ocpu:.3f} / {scpu:.3f}",
                    f"{ocpu / scpu:.2f}×",
                    f"{k.cpu_ms('ours', True):.2f} / {k.cpu_ms('same', True):.2f}",
                    f"{k.median(k.ours, lambda b: b.payload_bytes):.0f} / "
                    f"{k.median(k.same, lambda b: b.payload_bytes):.0f}",
                    f"{sum(b.failed for b in k.ours)} / {sum(b.failed for b in k.same)}",
                )
            )
        return rows

    def table(self) -> str:
        head = (
            "interaction",
            "ours p50 / p99 ms",
            "same payload p50 / p99 ms",
            "p99 ratio",
            "bot CPU ms, ours / same",
            "CPU ratio",
            "emulator CPU ms, ours / same",
            "answer bytes, ours / same",
            "answers after 3 s, ours / same",
        )
        lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
        lines += ["| " + " | ".join(r) + " |" for r in self.rows()]
        gc_line = "; ".join(
            f"{side}: {len(found)} full collections ({', '.join(f'{ms:.0f}' for _, ms in found) or '-'} ms), "
            f"{self.in_bursts[side]} inside a burst (measured rounds only)"
            for side, found in self.full_collections.items()
        )
        return "\n".join(
            [
                *lines,
                "",
                f"medians over {self.rounds} rounds of {self.concurrency} at once per kind, "
                f"after a warm-up round; load average during the run "
                f"{self.load[0]:.1f} / {self.load[1]:.1f} / {self.load[2]:.1f} (1 / 5 / 15 min, 2 cores)",
                gc_line,
            ]
        )

    def figures(self) -> list[Figure]:
        out: list[Figure] = []
        read = next((k for k in self.kinds if k.kind.name == "read"), None)
        if read is not None:
            out.append(
                figure(
                    "interaction p99, /read, 200 at once", read.spread("ours")[1], "ms", "interaction_p99_ms"
                )
            )
        for k in self.kinds:
            out.append(
                figure(
                    f"CPU ratio vs same payload, {k.kind.label}",
                    k.cpu_ms("ours") / k.cpu_ms("same"),
                    "×",
                    "same_payload_ratio",
                )
            )
            out.append(
                figure(
                    f"p99 ratio vs same payload, {k.kind.label}",
                    k.spread("ours")[1] / k.spread("same")[1],
                    "×",
                    "same_payload_ratio",
                )
            )
        for side, found in self.full_collections.items():
            out.append(figure(f"full collections in the run, {side}", float(len(found)), "count"))
            out.append(
                figure(f"full collections inside a burst, {side}", float(self.in_bursts[side]), "count")
            )
        out.append(figure("emulator violations during the run", float(len(self.violations)), "count"))
        return out


async def measure(
    *,
    rounds: int = ROUNDS,
    concurrency: int = CONCURRENCY,
    warmup: int = WARMUP_ROUNDS,
    kinds: Sequence[str] = tuple(KINDS),
    profile: Path | None = None,
    attach: Callable[[int], Awaitable[Callable[[], Awaitable[bool]]]] | None = None,
    progress: Callable[[str], None] = lambda _: None,
) -> Result:
    """Start both bots, run ``warmup`` + ``rounds`` rounds of every kind, and summarise.

    ``profile``: run our bot under cProfile, stats to that file. ``attach``: called with our
    bot's pid once it is up (a sampling profiler); what it returns is awaited after the rounds.
    """
    chosen = [KINDS[k] for k in kinds]
    results = [KindResult(k) for k in chosen]
    load_before = psutil.getloadavg()
    with workspace() as ws, workspace() as same_ws:
        async with new_emulator() as ours_emu, new_emulator() as same_emu:
            ours, same = Side("ours", ours_emu), Side("same", same_emu)
            ours.gc_log, same.gc_log = ws.root / "gc-ours.log", same_ws.root / "gc-same.log"
            try:
                wrap = ("-m", "cProfile", "-o", str(profile)) if profile else ()
                ours.process = await start_bot(
                    "ours", ours_emu, ws, env={"LUPUS_GC_LOG": str(ours.gc_log)}, wrap=wrap
                )
                payloads, commands = same_ws.root / "payloads.json", same_ws.root / "commands.json"
                payloads.write_text("{}")
                commands.write_text(json.dumps(registered_commands(ours)))
                same.process = await start_same_payload_bot(same, same_ws, payloads, commands)
                assert ours.process.pid is not None
                detach = await attach(ours.process.pid) if attach is not None else None
                for n in range(warmup + rounds):
                    for k, result in zip(chosen, results, strict=True):
                        shots, first = await k.prepare(ours, n, concurrency)
                        mine = await burst(ours, shots, ours.people(first, concurrency))
                        await hand_over(same, payloads, captured_payloads(mine.pending))
                        theirs = await burst(same, shots, same.people(first, concurrency))
                        if n < warmup:
                            continue
                        result.ours.append(mine)
                        result.same.append(theirs)
                        for who, b in (("ours", mine), ("same", theirs)):
                            progress(
                                f"round {n - warmup + 1}/{rounds} {k.name:12} {who}: "
                                f"{Spread.of(b.latencies)} cpu {b.bot_cpu_s / len(b.latencies) * 1000:.3f} ms"
                            )
                if detach is not None:
                    await detach()
            finally:
                await stop_all(ws)
                await stop_all(same_ws)
            windows = [(b.started, b.ended) for r in results for b in (*r.ours, *r.same)]
            # Counted from the first measured burst on (start-up's and freezing's collections are not).
            since = min((a for a, _ in windows), default=0.0)
            full = {s.name: [c for c in s.full_collections() if c[0] >= since] for s in (ours, same)}
            in_bursts = {
                name: sum(any(a <= t <= b for a, b in windows) for t, _ in found)
                for name, found in full.items()
            }
            violations = [
                f"{s.name}: {v['kind']} {v['route']} {v['message']} {v['detail']}"
                for s in (ours, same)
                for v in s.emu.violations
            ]
    load_after = psutil.getloadavg()
    load = (
        (load_before[0] + load_after[0]) / 2,
        (load_before[1] + load_after[1]) / 2,
        (load_before[2] + load_after[2]) / 2,
    )
    return Result(results, rounds, concurrency, full, in_bursts, violations, load)


async def start_same_payload_bot(side: Side, ws: Any, payloads: Path, commands: Path) -> BotProcess:
    from tests.emulator import BotProcess as Process

    env = {"BENCH_PAYLOADS": str(payloads), "BENCH_COMMANDS": str(commands)}
    if side.gc_log is not None:
        env["BENCH_GC_LOG"] = str(side.gc_log)
    process = Process(
        list(SAME_PAYLOAD_CMD), env=env, cwd=REPO, emulator=side.emu, log_path=ws.root / "same.log"
    )
    ws.processes.append(process)
    await process.start()
    await process.wait_ready(timeout=60)
    return process


async def run(progress: Callable[[str], None] = lambda _: None) -> list[Figure]:
    """The figures ``python -m bench`` prints."""
    result = await measure(progress=progress)
    progress("\n" + result.table())
    for line in result.violations[:10]:
        progress(f"violation: {line}")
    return result.figures()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.bench_interactions", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--concurrency", type=int, default=CONCURRENCY)
    parser.add_argument("--kinds", default=",".join(KINDS), help=f"some of {', '.join(KINDS)}")
    parser.add_argument("--profile", type=Path, help="run our bot under cProfile and write its stats here")
    args = parser.parse_args(argv)

    def say(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    result = asyncio.run(
        measure(
            rounds=args.rounds,
            concurrency=args.concurrency,
            kinds=[k.strip() for k in args.kinds.split(",") if k.strip()],
            profile=args.profile,
            progress=say,
        )
    )
    print(machine())
    print(result.table())
    for line in result.violations:
        print("violation:", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

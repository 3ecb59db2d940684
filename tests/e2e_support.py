"""End-to-end support: the real bot as a subprocess against the local Discord emulator.

Each test gets its own emulator, a copy of the shipped content (so a test may
edit it), a fresh database and a config file, and ends by asserting the
emulator recorded no violation (nothing Discord would have refused, and no
interaction left unanswered). The ``live_bot`` and ``debug_bot`` fixtures (tests/conftest.py)
are built with :func:`live_bot_for`; a test that needs other content or config makes its
own fixture from it.

The database is a SQLite file by default; ``live_bot_for(..., postgres=ADMIN_URL)`` gives the bot a
fresh PostgreSQL database instead (``DATABASE_URL`` in its environment), and a module marked
``pytestmark = pytest.mark.backends("sqlite", "postgres")`` runs its ``live_bot`` tests on both.
``rows``/``dict_rows``/``execute``/``executemany`` read and write either backend.

People act through the :class:`LiveBot` helpers; by default the plain member, in the
server (``place="dm"`` for the bot's DM, ``"user-app"`` for the user-installed app):

    async def test_x(live_bot: LiveBot) -> None:
        page = await live_bot.slash("read", {"article": "lupus-basics"})
        nxt = await live_bot.press(page, "Next")
        handle = await live_bot.invoke("checkin", place="dm")  # the handle, before any answer
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.storage.pg_sql import translate
from tests.emulator import BotProcess, Community, Emulator, InteractionHandle, Message, User
from tests.pg_cluster import create_database, drop_database, run_in_thread

REPO = Path(__file__).resolve().parents[1]
PLACES = ["guild", "dm"]
"""The two places every personal command works: the server (answers are ephemeral) and the bot's DM.
(:meth:`LiveBot.where` also knows ``"user-app"``: the user-installed app, in a server channel.)"""
REPLY_WITHIN = 15.0
"""Seconds the helpers wait for the message a person ends up seeing. Generous on purpose: the
emulator fails a first reply later than 3 s by itself (a violation), so this only bounds deferred
answers (exports, reloads) on a busy machine."""
START_FIRST_TIME = "I've read this — start"
"""The one-time safety OK, on the last page of a routine's safety notes."""
BOT_CMD = [sys.executable, "-m", "bot", "--config"]


@dataclass
class LiveBot:
    """One emulator, one community, and the bot process(es) run against it."""

    emu: Emulator
    place: Community
    root: Path
    content: Path
    database: Path
    config_path: Path
    processes: list[BotProcess] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)
    """Extra environment for the bot processes this test starts."""
    database_url: str | None = None
    """The PostgreSQL database the bot uses (``DATABASE_URL``), or None for the SQLite file."""

    @property
    def bot(self) -> BotProcess:
        return self.processes[-1]

    def write_config(self, **overrides: object) -> None:
        config: dict[str, object] = {
            "admins": {
                "user_ids": [],
                "role_ids": [self.place.admin_role.id],
                "guild_ids": [self.place.guild.id],
            },
            "database": {"path": str(self.database)},
            "content": {"path": str(self.content), "watch": False},
            "logging": {"level": "INFO"},
        }
        for dotted, value in overrides.items():
            section, key = dotted.split("__")
            config.setdefault(section, {})[key] = value  # type: ignore[index]
        self.config_path.write_text(yaml.safe_dump(config), encoding="utf-8")

    async def start(
        self, *, ready_within: float = 30.0, env: Mapping[str, str] | None = None, wait: bool = True
    ) -> BotProcess:
        """Start a bot process and wait until it is connected and its commands are registered.

        ``env`` adds to :attr:`env` for this process only (``SHARD_IDS`` of one of several);
        ``wait=False`` returns as soon as it runs (a test that expects it to exit)."""
        log_path = self.root / f"bot-{len(self.processes)}.log"
        process = BotProcess(
            [*BOT_CMD, str(self.config_path)],
            cwd=REPO,
            emulator=self.emu,
            log_path=log_path,
            env=self.env | dict(env or {}),
        )
        self.processes.append(process)
        await process.start()
        if wait:
            await process.wait_ready(timeout=ready_within)
        return process

    async def restart(self, *, kill: bool = True) -> BotProcess:
        """Crash (SIGKILL) or stop (SIGTERM) the current process and start a new one on the same database."""
        if kill:
            self.bot.kill()
            await self.bot.wait()
        else:
            assert await self.bot.stop() == 0
        return await self.start()

    def logs(self) -> str:
        return "\n".join(p.logs() for p in self.processes)

    # ------------------------------------------------------------ acting as people

    def where(self, place: str = "guild") -> dict[str, Any]:
        """The emulator's location arguments for ``place``: "guild", "dm" or "user-app"."""
        p = self.place
        places: dict[str, dict[str, Any]] = {
            "guild": {"guild": p.guild},
            "dm": {"dm": True},
            "user-app": {"channel": p.general, "user_installed": True},
        }
        return places[place]

    async def invoke(
        self,
        name: str,
        options: Mapping[str, Any] | None = None,
        *,
        place: str = "guild",
        user: User | None = None,
        subcommand: str | None = None,
        **kw: Any,
    ) -> InteractionHandle:
        """``user`` (the plain member by default) runs ``/name`` in ``place``; the handle, unanswered.

        ``kw`` goes to :meth:`Emulator.slash` (``strict``, ``locale``, or ``guild``/``channel``
        instead of the place's own)."""
        location = self.where(place) | kw
        return await self.emu.slash(
            name, dict(options or {}), user=user or self.place.member, subcommand=subcommand, **location
        )

    async def slash(
        self,
        name: str,
        options: Mapping[str, Any] | None = None,
        *,
        place: str = "guild",
        user: User | None = None,
        subcommand: str | None = None,
        within: float = REPLY_WITHIN,
        **kw: Any,
    ) -> Message:
        """Like :meth:`invoke`, then the message the person ends up seeing (within ``within`` s)."""
        handle = await self.invoke(name, options, place=place, user=user, subcommand=subcommand, **kw)
        return await handle.wait_message(timeout=within)

    async def admin(self, subcommand: str, *, user: User | None = None, **kw: Any) -> Message:
        """``user`` (the Admin-role moderator by default) runs ``/admin <subcommand>``."""
        return await self.slash("admin", user=user or self.place.admin, subcommand=subcommand, **kw)

    async def click(self, message: Message, label: str, user: User | None = None) -> InteractionHandle:
        """``user`` (the plain member by default) presses the button labelled ``label``."""
        return await self.emu.click(message, message.find_button(label), user=user or self.place.member)

    async def press(
        self, message: Message, label: str, user: User | None = None, *, within: float = REPLY_WITHIN
    ) -> Message:
        """Like :meth:`click`, then the message the person ends up seeing."""
        return await (await self.click(message, label, user)).wait_message(timeout=within)

    async def pick(self, message: Message, placeholder: str, value: str, user: User | None = None) -> Message:
        """``user`` picks ``value`` in the select with ``placeholder``; the message they then see."""
        select = next(s for s in message.selects() if s.placeholder == placeholder)
        handle = await self.emu.select(message, select.custom_id, [value], user=user or self.place.member)
        return await handle.wait_message(timeout=REPLY_WITHIN)

    async def dm(self, user: User, text: str) -> Message:
        """``user`` writes ``text`` to the bot in a DM; the bot's next DM to them."""
        sent = await self.emu.send_dm(user, text)
        return await self.emu.wait_for_dm(user, after=sent)

    async def open_checkin(self, place: str = "guild", user: User | None = None) -> InteractionHandle:
        """``user`` (the plain member by default) opens the check-in form; the handle shows it."""
        return await open_checkin_form(self.emu, user or self.place.member, **self.where(place))

    async def checkin(
        self, place: str, pain: str, fatigue: str, note: str = "", user: User | None = None
    ) -> Message:
        """A whole check-in through the form; the message the person then sees."""
        handle = await self.open_checkin(place, user)
        values = {"pain": pain, "fatigue": fatigue, "note": note}
        submitted = await self.emu.submit_modal(handle, values=values)
        return await submitted.wait_message(timeout=REPLY_WITHIN)

    @property
    def backend(self) -> str:
        return "postgres" if self.database_url else "sqlite"

    def _postgres(self, sql: str, rows: list[tuple[Any, ...]], fetch: bool) -> list[dict[str, Any]]:
        """Run ``sql`` (``?`` parameters) once per ``rows`` on the bot's PostgreSQL database."""
        url = self.database_url
        assert url is not None

        async def work() -> list[dict[str, Any]]:
            import asyncpg

            conn = await asyncpg.connect(url)
            try:
                if fetch:
                    return [dict(r.items()) for r in await conn.fetch(translate(sql), *rows[0])]
                if len(rows) == 1:
                    await conn.execute(translate(sql), *rows[0])
                else:
                    await conn.executemany(translate(sql), rows)
                return []
            finally:
                await conn.close()

        return run_in_thread(work)

    def rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Rows from the bot's database (read beside the running bot)."""
        if self.database_url:
            return [tuple(r.values()) for r in self._postgres(sql, [params], fetch=True)]
        with sqlite3.connect(self.database) as conn:
            return list(conn.execute(sql, params))

    def dict_rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        """Like :meth:`rows`, each row as a dict by column name."""
        if self.database_url:
            return self._postgres(sql, [params], fetch=True)
        with sqlite3.connect(self.database) as conn:
            conn.row_factory = sqlite3.Row
            return [dict(r) for r in conn.execute(sql, params)]

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> None:
        """Write to the bot's database behind its back (to set up a state the test needs)."""
        self.executemany(sql, [params])

    def executemany(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        """Write many rows behind the bot's back, in one go."""
        if self.database_url:
            self._postgres(sql, rows, fetch=False)
            return
        with sqlite3.connect(self.database) as conn:
            conn.executemany(sql, rows)

    def tables(self) -> list[str]:
        """Every table of the bot (not the database's own), by name."""
        if self.database_url:
            found = self.rows(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                "AND table_name <> 'lupus_schema_version' ORDER BY table_name"
            )
        else:
            found = self.rows(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "ORDER BY name"
            )
        return [str(name) for (name,) in found]

    def columns(self, table: str) -> list[dict[str, Any]]:
        """``table``'s columns in order: ``name``, ``type`` (SQLite's words: INTEGER, REAL, TEXT), ``pk``."""
        if not self.database_url:
            info = self.dict_rows(f'PRAGMA table_info("{table}")')
            return [{"name": c["name"], "type": (c["type"] or "").upper(), "pk": bool(c["pk"])} for c in info]
        keys = {
            name
            for (name,) in self.rows(
                "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                "AND a.attnum = ANY (i.indkey) WHERE i.indrelid = to_regclass(?) AND i.indisprimary",
                (table,),
            )
        }
        words = {"bigint": "INTEGER", "integer": "INTEGER", "double precision": "REAL", "text": "TEXT"}
        return [
            {"name": name, "type": words.get(kind, kind.upper()), "pk": name in keys}
            for name, kind in self.rows(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
                (table,),
            )
        ]

    def user_tables(self) -> list[str]:
        """Every table of the bot's database with a ``user_id`` column."""
        return [t for t in self.tables() if any(c["name"] == "user_id" for c in self.columns(t))]

    def bot_posts(self) -> list[Message]:
        """Everything the bot posted in the server's channels (public messages)."""
        return [
            m
            for channel_id in self.place.guild.channel_ids
            for m in self.emu.channel_messages(channel_id)
            if m.author.id == self.emu.bot_user.id
        ]


def title(message: Message) -> str:
    """The title of the message's first embed ("" when it has none)."""
    return str(message.embeds[0].get("title", "")) if message.embeds else ""


def assert_private(message: Message, place: str) -> None:
    """Ephemeral in a server; in the bot's own DM a plain message is already private. Pings nobody."""
    if place == "dm":
        assert message.guild_id is None and not message.ephemeral
    else:
        assert message.ephemeral
    no_mentions(message)


def nothing_public(live: LiveBot) -> None:
    """No personal reply ever lands in a server channel."""
    assert live.bot_posts() == []


def no_mentions(message: Message) -> None:
    """The message pings nobody (``allowed_mentions`` parses nothing)."""
    allowed = message.raw.get("allowed_mentions")
    assert allowed is None or allowed.get("parse") == [], allowed


async def live_bot_for(
    tmp_path: Path,
    *,
    prepare: Callable[[Path], None] | None = None,
    database: Path | None = None,
    check_violations: bool = True,
    emulator_options: dict[str, Any] | None = None,
    env: dict[str, str] | None = None,
    start: bool = True,
    postgres: str | None = None,
    **config: object,
) -> AsyncIterator[LiveBot]:
    """Copy the content (then let ``prepare`` change the copy), start the emulator and the bot.

    ``postgres``: the maintenance URL of a PostgreSQL cluster (the ``postgres_url`` fixture); the
    bot then gets a fresh database there (``DATABASE_URL``), dropped at the end.

    ``check_violations=False`` is for tests that kill the bot on purpose: they expect the
    interactions they cut off to fail, and check exactly those themselves. ``start=False``
    leaves starting the bot process(es) to the test (several shards, each its own process)."""
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    if prepare is not None:
        prepare(content)
    database_url = None if postgres is None else await create_database(postgres)
    extra = {} if database_url is None else {"DATABASE_URL": database_url}
    try:
        async for live in _live_bot(
            tmp_path,
            content,
            database,
            check_violations,
            emulator_options,
            {**(env or {}), **extra},
            start,
            config,
        ):
            yield live
    finally:
        if postgres is not None and database_url is not None:
            await drop_database(postgres, database_url)


async def _live_bot(
    tmp_path: Path,
    content: Path,
    database: Path | None,
    check_violations: bool,
    emulator_options: dict[str, Any] | None,
    env: dict[str, str],
    start: bool,
    config: dict[str, object],
) -> AsyncIterator[LiveBot]:
    async with Emulator(**(emulator_options or {})) as emu:
        live = LiveBot(
            emu=emu,
            place=emu.community(),
            root=tmp_path,
            content=content,
            database=database or tmp_path / "data" / "bot.sqlite3",
            config_path=tmp_path / "config.yaml",
            env=dict(env),
            database_url=env.get("DATABASE_URL"),
        )
        live.write_config(**config)
        try:
            if start:
                await live.start()
            yield live
        finally:
            for process in live.processes:
                if process.running:
                    await process.stop()
        if check_violations:
            emu.assert_no_violations()


async def open_checkin_form(emu: Emulator, user: User, **where: object) -> InteractionHandle:
    """The check-in form: ``/checkin`` shows the card, and its "Add a note" button opens the form."""
    card = await (await emu.slash("checkin", {}, user=user, **where)).wait_message()  # type: ignore[arg-type]
    handle = await emu.click(card, card.find_button("Add a note"), user=user)
    await handle.response()
    assert handle.modal is not None, "Add a note opens the check-in form"
    return handle


async def to_the_safety_ok(emu: Emulator, notes: Message, user: User, *, manual: bool = False) -> Message:
    """Page a member's first routine intro (its safety notes) to the page with the one-time OK.

    ``manual``: first turn auto-advance off ("Let me press Next"), for tests that walk a
    routine by hand and must not have a timer move the card under their presses."""
    if manual:
        notes = await (
            await emu.click(notes, notes.find_button("Let me press Next"), user=user)
        ).wait_message()
    while START_FIRST_TIME not in [b.label for b in notes.buttons()]:
        notes = await (await emu.click(notes, notes.find_button("Next page"), user=user)).wait_message()
    return notes


REGIONS = ["US", "Canada", "UK & Ireland", "Australia", "New Zealand", "India", "Elsewhere"]
"""The crisis card's region buttons, in order."""


def is_card(message: Message) -> bool:
    """The crisis card: the region choices and the in-danger line."""
    labels = {b.label for b in message.buttons()}
    return set(REGIONS) <= labels and "In danger right now" in message.text()

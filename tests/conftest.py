"""Shared pytest fixtures and hooks.

* ``db``: a fresh database, every migration applied, once on SQLite and once on PostgreSQL
  (test ids ``[sqlite]``/``[postgres]``); ``sqlite_db`` for tests of SQLite itself.
* ``postgres_url``: the session's throw-away PostgreSQL cluster (tests/pg_cluster.py), started on
  first use; ``fresh_postgres_url``: a new migrated database in it, dropped afterwards.
* ``emulator``, ``community``, ``bare_bot``: the local Discord emulator, its standard
  cast, and the baseline discord.py bot connected to it (tests of the emulator itself).
* ``live_bot``, ``debug_bot``: the real bot as a subprocess against a fresh emulator
  (see :mod:`tests.e2e_support`, which also holds the helpers that act as people).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.content.library import Library
from bot.content.loader import load_library
from bot.storage.database import Database
from bot.storage.db import SqliteDatabase
from bot.storage.postgres import PostgresDatabase
from tests.crisis_corpus import CRISIS_FIGURES
from tests.e2e_support import REPO, LiveBot, live_bot_for
from tests.emulator import BARE_BOT_CMD, BotProcess, Community, Emulator
from tests.pg_cluster import Cluster, NoPostgres, create_database, drop_database, make_template, run_in_thread

BACKENDS = ("sqlite", "postgres")


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """The maintenance database of a throw-away PostgreSQL cluster, with a migrated template.

    Fails (never skips) when PostgreSQL is not installed: the suite must run on both backends."""
    try:
        cluster = Cluster()
    except NoPostgres as exc:
        pytest.fail(str(exc), pytrace=False)
    try:
        cluster.start()
        run_in_thread(lambda: make_template(cluster))
        yield cluster.url()
    finally:
        cluster.stop()


@pytest.fixture
async def fresh_postgres_url(postgres_url: str) -> AsyncIterator[str]:
    """A new database in the session's cluster, every migration applied; dropped afterwards."""
    url = await create_database(postgres_url)
    try:
        yield url
    finally:
        await drop_database(postgres_url, url)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """``sqlite`` or ``postgres``; asking for it runs the test once on each."""
    if request.param == "postgres":
        request.getfixturevalue("postgres_url")  # started here, outside the test's event loop
    return str(request.param)


@pytest.fixture
async def db(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> AsyncIterator[Database]:
    """A fresh database (every migration applied), once per backend; closed afterwards."""
    if backend == "sqlite":
        database: Database = await SqliteDatabase.open(tmp_path / "bot.sqlite3")
        try:
            yield database
        finally:
            await database.close()
        return
    admin_url = request.getfixturevalue("postgres_url")
    url = await create_database(admin_url)
    try:
        database = await PostgresDatabase.open(url, pool_max=4)
        try:
            yield database
        finally:
            await database.close()
    finally:
        await drop_database(admin_url, url)


@pytest.fixture
async def sqlite_db(tmp_path: Path) -> AsyncIterator[SqliteDatabase]:
    """A fresh SQLite database in the test's own folder (for what only SQLite has: files, PRAGMAs)."""
    database = await SqliteDatabase.open(tmp_path / "bot.sqlite3")
    try:
        yield database
    finally:
        await database.close()


@pytest.fixture
async def emulator() -> AsyncIterator[Emulator]:
    """A fresh emulator with Discord's real limits (3 s first reply, 15 min tokens)."""
    async with Emulator() as emu:
        yield emu


@pytest.fixture
def community(emulator: Emulator) -> Community:
    """The standard cast: a server with an owner, an admin, a member, and outsiders."""
    return emulator.community()


@pytest.fixture
async def bare_bot(emulator: Emulator, community: Community, tmp_path: Path) -> AsyncIterator[BotProcess]:
    """The baseline bot (tests/emulator/bare_bot.py) running as a subprocess, ready."""
    bot = BotProcess(BARE_BOT_CMD, cwd=REPO, emulator=emulator, log_path=tmp_path / "bare-bot.log")
    await bot.start()
    try:
        await bot.wait_ready(timeout=30)
        yield bot
    finally:
        if bot.running:
            await bot.stop()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "backends(*names): run the module's live_bot/debug_bot tests on each database backend "
        "(sqlite, postgres); unmarked end-to-end tests run on SQLite only",
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """``e2e_backend`` (behind ``live_bot``) takes the backends a ``backends`` marker names."""
    marker = metafunc.definition.get_closest_marker("backends")
    if marker is not None and "e2e_backend" in metafunc.fixturenames:
        metafunc.parametrize("e2e_backend", marker.args, indirect=True)


@pytest.fixture
def e2e_backend(request: pytest.FixtureRequest) -> str | None:
    """None for SQLite (the default), else the PostgreSQL cluster's maintenance URL."""
    name = getattr(request, "param", "sqlite")
    if name == "sqlite":
        return None
    assert name == "postgres", name
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
async def live_bot(tmp_path: Path, e2e_backend: str | None) -> AsyncIterator[LiveBot]:
    """The bot running against a fresh emulator; asserts zero violations at the end."""
    async for live in live_bot_for(tmp_path, postgres=e2e_backend):
        yield live


@pytest.fixture
async def debug_bot(tmp_path: Path, e2e_backend: str | None) -> AsyncIterator[LiveBot]:
    """Like ``live_bot`` but logging at DEBUG (for tests that prove nothing private is logged)."""
    async for live in live_bot_for(tmp_path, postgres=e2e_backend, logging__level="DEBUG"):
        yield live


@pytest.fixture(scope="session")
def library() -> Library:
    """The shipped content (content/), loaded once; a test module may override it with its own."""
    result = load_library(REPO / "content")
    assert result.library is not None, result.errors
    return result.library


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    """Print the crisis detector's corpus figures when the corpus test ran."""
    figures = config.stash.get(CRISIS_FIGURES, None)
    if figures is None:
        return
    everything, held_out, second = figures
    terminalreporter.write_sep("-", "crisis screening")
    terminalreporter.write_line(
        f"crisis screen: {everything.line()} (held-out: {held_out.line()}; "
        f"second held-out: {second.line()}); concern and language "
        f"exact {everything.concern_accuracy:.1%}; mean {everything.mean_us:.0f} µs/message"
    )

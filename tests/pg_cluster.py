"""A throw-away PostgreSQL cluster for the tests: one per test session, on 127.0.0.1 and a free port.

``initdb`` and ``pg_ctl`` are taken from PATH, else from the newest ``/usr/lib/postgresql/*/bin``
(Debian's layout). PostgreSQL refuses to run as root, so as root both run as the ``postgres``
user (``runuser``) on a temporary folder owned by it. The cluster trusts local connections,
keeps no data safe (``fsync=off``: it is deleted at the end) and is stopped with
``pg_ctl stop -m immediate``.

``python -m tests.pg_cluster`` starts one and prints its URL until interrupted (handy by hand).
"""

from __future__ import annotations

import asyncio
import contextlib
import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

INSTALL_HELP = (
    "PostgreSQL is needed for the PostgreSQL-backed tests, and no initdb/pg_ctl was found on PATH "
    "or in /usr/lib/postgresql/*/bin. Install it with `apt-get install postgresql` "
    "(or run scripts/ensure-postgres, which `make test` does first)."
)


class NoPostgres(RuntimeError):
    """No PostgreSQL server binaries on this machine."""


def find_bin_dir() -> Path:
    """The folder holding ``initdb`` and ``pg_ctl``: PATH first, then the newest Debian version."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(os.path.realpath(found)).parent
    versions = []
    for candidate in glob.glob("/usr/lib/postgresql/*/bin"):
        if (Path(candidate) / "initdb").exists():
            name = Path(candidate).parent.name
            versions.append((int(name) if name.isdigit() else 0, Path(candidate)))
    if not versions:
        raise NoPostgres(INSTALL_HELP)
    return max(versions)[1]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Cluster:
    """One running cluster; ``url(dbname)`` connects to a database in it as the superuser."""

    USER = "lupus"

    def __init__(self) -> None:
        self.bin_dir = find_bin_dir()
        self.as_root = os.geteuid() == 0
        self.folder = Path(tempfile.mkdtemp(prefix="lupus-pg-"))
        self.data = self.folder / "data"
        self.port = 0
        self._started = False

    def _run(self, *args: str, timeout: float = 60.0) -> subprocess.CompletedProcess[str]:
        command = list(args)
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, check=False, cwd=self.folder
        )

    def start(self) -> Cluster:
        if self.as_root:
            shutil.chown(self.folder, "postgres")
        os.chmod(self.folder, 0o700)
        done = self._run(
            str(self.bin_dir / "initdb"),
            "-D",
            str(self.data),
            "-A",
            "trust",
            "-U",
            self.USER,
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )
        if done.returncode != 0:
            raise RuntimeError(f"initdb failed: {done.stderr.strip() or done.stdout.strip()}")
        for _ in range(5):  # a port taken between choosing and binding: choose again
            self.port = _free_port()
            options = (
                f"-c listen_addresses=127.0.0.1 -c port={self.port} "
                f"-c unix_socket_directories={self.folder} -c fsync=off -c synchronous_commit=off "
                "-c full_page_writes=off -c max_connections=200 -c shared_buffers=32MB"
            )
            done = self._run(
                str(self.bin_dir / "pg_ctl"),
                "-D",
                str(self.data),
                "-l",
                str(self.folder / "server.log"),
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "start",
            )
            if done.returncode == 0:
                self._started = True
                return self
        log = self.folder / "server.log"
        tail = log.read_text(errors="replace")[-2000:] if log.exists() else done.stderr
        raise RuntimeError(f"pg_ctl start failed: {tail}")

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://{self.USER}@127.0.0.1:{self.port}/{dbname}"

    def stop(self) -> None:
        try:
            if self._started:
                self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
                self._started = False
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


@contextlib.contextmanager
def running_cluster() -> Iterator[Cluster]:
    cluster = Cluster().start()
    try:
        yield cluster
    finally:
        cluster.stop()


TEMPLATE = "lupus_template"
"""The migrated database every test database is copied from (CREATE DATABASE … TEMPLATE)."""


def run_in_thread(coro_factory: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run a coroutine to completion in its own thread and loop (safe while a test loop runs)."""
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = asyncio.run(coro_factory())
        except BaseException as exc:
            box["error"] = exc

    thread = threading.Thread(target=target, name="pg-cluster-setup")
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box["value"]  # type: ignore[no-any-return]


async def make_template(cluster: Cluster) -> None:
    """Create :data:`TEMPLATE` and apply every migration to it once per session."""
    import asyncpg

    from bot.storage.postgres import PostgresDatabase

    admin = await asyncpg.connect(cluster.url())
    try:
        await admin.execute(f'CREATE DATABASE "{TEMPLATE}"')
    finally:
        await admin.close()
    database = await PostgresDatabase.open(cluster.url(TEMPLATE))
    await database.close()


_counter = itertools.count(1)


async def create_database(admin_url: str, *, template: str = TEMPLATE) -> str:
    """A fresh database copied from ``template`` (already migrated); returns its URL."""
    import asyncpg

    name = f"t{os.getpid()}_{next(_counter)}"
    admin = await asyncpg.connect(admin_url)
    try:
        try:  # FILE_COPY (PostgreSQL 15+) copies the files: three times faster than WAL_LOG here
            await admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY FILE_COPY')
        except asyncpg.PostgresSyntaxError:
            await admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    finally:
        await admin.close()
    return admin_url.rsplit("/", 1)[0] + "/" + name


async def drop_database(admin_url: str, url: str) -> None:
    """Drop the database at ``url`` (even if a killed bot left connections to it)."""
    import asyncpg

    name = url.rsplit("/", 1)[1]
    admin = await asyncpg.connect(admin_url)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


if __name__ == "__main__":
    with running_cluster() as c:
        print(c.url(), flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)

"""Reload content by itself when files under ``content/`` change (``content.watch: true``).

Why a quiet period of our own (``debounce_s``, 1 s by default): an editor saves
a file in two or three writes, and ``git pull`` touches many files over a few
hundred milliseconds. Reloading on the first event would validate a
half-written tree and report errors that are gone a moment later. So every
batch of changes restarts the clock, and the reload runs once the tree has been
quiet for ``debounce_s``. Changes that arrive while a reload runs cause one more
reload afterwards, never a lost change.

The reload is the same :meth:`ContentStore.reload` that ``/admin reload``
uses: the same validation, the same atomic swap, and with errors the old
library keeps serving. What happened goes to ``on_report`` (the admin cog logs
it, audits it and posts it to the moderators' channel). Nothing here raises
into the event loop: a failing callback or watcher is logged and the bot goes on.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

from watchfiles import Change, DefaultFilter, awatch

from bot.content.store import ContentStore, ReloadReport

log = logging.getLogger(__name__)

ReportCallback = Callable[[ReloadReport], Awaitable[None]]

HEARTBEAT_MS = 500
"""How often the file watcher wakes without changes. Its first wake-up proves the watch is
in place (see :meth:`ContentWatcher.wait_ready`); the cost is negligible."""


class ContentFilter(DefaultFilter):
    """Only changes the loader can see: ``*.yaml``/``*.yml`` files that are not hidden, and
    folders (a renamed or deleted folder removes files). Editor swap and backup files, and
    ``.git``, are ignored by :class:`watchfiles.DefaultFilter` already."""

    def __call__(self, change: Change, path: str) -> bool:
        if not super().__call__(change, path):
            return False
        name = Path(path).name
        if name.startswith("."):
            return False
        return name.endswith((".yaml", ".yml")) or "." not in name


class ContentWatcher:
    """Watch ``store.root`` and reload ``store`` after changes settle.

    ``start()`` from a running loop; ``await stop()`` on shutdown (idempotent).
    """

    def __init__(
        self,
        store: ContentStore,
        on_report: ReportCallback,
        *,
        debounce_s: float = 1.0,
        heartbeat_ms: int = HEARTBEAT_MS,
    ) -> None:
        self.store = store
        self.on_report = on_report
        self.debounce_s = debounce_s
        self.heartbeat_ms = heartbeat_ms
        self.reloads = 0
        """Reloads this watcher started (tests use it to prove a burst of saves is one reload)."""
        self.failed: str | None = None
        """Why watching stopped by itself, when it did (shown by ``/admin status``)."""
        self._stop = asyncio.Event()
        self._changed = asyncio.Event()
        self._ready = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []

    @property
    def running(self) -> bool:
        """True while files are being watched (False before start, after stop or a failure)."""
        return bool(self._tasks) and not self._tasks[0].done()

    def start(self) -> None:
        if self._tasks:
            return
        # watchfiles logs every batch at INFO; our reload line says what matters.
        logging.getLogger("watchfiles.main").setLevel(logging.WARNING)
        self._tasks = [
            asyncio.create_task(self._watch(), name="content-watch"),
            asyncio.create_task(self._reload_when_quiet(), name="content-watch-reload"),
        ]

    async def wait_ready(self, within_s: float = 10.0) -> None:
        """Until the file watch is in place: changes made after this are seen."""
        await asyncio.wait_for(self._ready.wait(), within_s)

    async def stop(self) -> None:
        """Stop watching; a reload in progress is abandoned (the store stays consistent)."""
        self._stop.set()
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _watch(self) -> None:
        root = self.store.root
        try:
            async for changes in awatch(
                root,
                watch_filter=ContentFilter(),
                stop_event=self._stop,
                step=50,
                rust_timeout=self.heartbeat_ms,
                yield_on_timeout=True,
            ):
                if not self._ready.is_set():
                    self._ready.set()
                    log.info("content watch in place on %s", root)
                if changes:
                    self._changed.set()
                    log.debug("content watch: %d change(s) under %s", len(changes), root)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a vanished folder, inotify limits: keep the bot up
            self.failed = f"{type(exc).__name__}: {exc}"
            log.error("content watch on %s stopped: %s", root, self.failed)

    async def _reload_when_quiet(self) -> None:
        while True:
            await self._changed.wait()
            self._changed.clear()
            while True:  # every further batch restarts the quiet period
                try:
                    await asyncio.wait_for(self._changed.wait(), self.debounce_s)
                except TimeoutError:
                    break
                self._changed.clear()
            self.reloads += 1
            try:
                report = await self.store.reload()
            except Exception:
                log.exception("content watch: reload failed unexpectedly; still serving the old content")
                continue
            try:
                await self.on_report(report)
            except Exception:
                log.exception("content watch: could not report a reload")

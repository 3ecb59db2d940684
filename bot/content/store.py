"""ContentStore: the library the bot serves now, and a reload that can only make it better.

A reload parses and checks the whole tree off the event loop, then swaps the
reference in one assignment, and only when the new content is clean. With any
error the old library keeps serving and the report says exactly what is wrong:
one bad file must never leave the bot with nothing (the classic mistake is to
empty the cache before parsing).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.content.errors import ContentError
from bot.content.library import Library
from bot.content.loader import LoadResult, load_library
from bot.text import plural


class ContentLoadError(Exception):
    """The first load found errors, so there is no content to serve at all."""

    def __init__(self, errors: Sequence[ContentError]) -> None:
        self.errors = tuple(errors)
        shown = "\n".join(str(e) for e in self.errors[:50])
        more = f"\n… and {len(self.errors) - 50} more" if len(self.errors) > 50 else ""
        super().__init__(f"{len(self.errors)} content error(s):\n{shown}{more}")


@dataclass(frozen=True, slots=True)
class Changes:
    """Ids added, changed and removed for one kind of content (each sorted)."""

    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def summary(self) -> str:
        """``1 added, 2 changed`` (only the verbs that happened)."""
        parts = [f"{len(ids)} {verb}" for verb, ids in self.by_verb() if ids]
        return ", ".join(parts) or "no changes"

    def by_verb(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        return (("added", self.added), ("changed", self.changed), ("removed", self.removed))


@dataclass(frozen=True, slots=True)
class ContentDiff:
    """What a reload changed. Sections are named ``article#section``."""

    articles: Changes = Changes()
    sections: Changes = Changes()
    routines: Changes = Changes()
    topics: Changes = Changes()

    @property
    def empty(self) -> bool:
        return not (self.articles or self.sections or self.routines or self.topics)

    def summary(self) -> str:
        """One line for a moderator, like ``added: 2 articles; changed: crisis``; or ``no changes``.

        One id is named, more are counted (the reply's fields list them all). Sections of an
        article that is itself added, changed or removed are not counted again."""
        touched = {a for _, ids in self.articles.by_verb() for a in ids}
        phrases = []
        for index, (verb, _) in enumerate(self.articles.by_verb()):
            pieces = []
            for noun, changes in (
                ("article", self.articles),
                ("routine", self.routines),
                ("resource topic", self.topics),
                ("section", self.sections),
            ):
                ids = changes.by_verb()[index][1]
                if noun == "section":
                    ids = tuple(i for i in ids if i.split("#", 1)[0] not in touched)
                if ids:
                    pieces.append(ids[0] if len(ids) == 1 else plural(len(ids), noun))
            if pieces:
                phrases.append(f"{verb}: {', '.join(pieces)}")
        return "; ".join(phrases) or "no changes"


def _changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> Changes:
    return Changes(
        added=tuple(sorted(new.keys() - old.keys())),
        changed=tuple(sorted(k for k in new.keys() & old.keys() if new[k] != old[k])),
        removed=tuple(sorted(old.keys() - new.keys())),
    )


def diff(old: Library | None, new: Library) -> ContentDiff:
    """What changed from ``old`` to ``new`` (everything is "added" when there was no old)."""

    def sections(library: Library | None) -> dict[str, Any]:
        if library is None:
            return {}
        return {f"{a.id}#{s.id}": s for a in library.articles.values() for s in a.sections}

    return ContentDiff(
        articles=_changes(old.articles if old else {}, new.articles),
        sections=_changes(sections(old), sections(new)),
        routines=_changes(old.routines if old else {}, new.routines),
        topics=_changes(old.topics if old else {}, new.topics),
    )


@dataclass(frozen=True, slots=True)
class ReloadReport:
    """The outcome of one reload. When ``ok`` is False nothing changed: ``version_after``
    equals ``version_before`` and ``diff`` is empty."""

    ok: bool
    errors: tuple[ContentError, ...]
    diff: ContentDiff
    version_before: str | None
    version_after: str | None
    duration_s: float
    files: int = 0


Loader = Callable[[Path], LoadResult]

_gc_pause_lock = threading.Lock()


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a library is built.

    Why: a load allocates some 200,000 long-lived objects (models, indexes). Each
    allocation burst triggers collections that re-scan the old library and the new one
    as it grows, about 20 % of a 1,000-file load (more in the bot, whose heap is
    bigger), and a full collection holds the GIL, so it also stalls the event loop
    the reload runs beside. Nothing a load builds is garbage until the next load, and
    reference counting still frees everything acyclic, so a pause of a second costs
    nothing. The previous state is restored (an operator may run with GC off).
    """
    with _gc_pause_lock:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            yield
        finally:
            if was_enabled:
                gc.enable()


class ContentStore:
    """Holds the current :class:`Library` for the whole bot.

    ``load()`` once at start-up (raises :class:`ContentLoadError` when the content has
    errors, since there is nothing older to fall back to); ``await reload()`` any
    time after. Readers just use ``store.library``: the reference is replaced in one
    assignment, so every reader sees a whole snapshot.
    """

    def __init__(self, root: Path, *, loader: Loader = load_library) -> None:
        self.root = Path(root)
        self._loader = loader
        self._library: Library | None = None
        self._reload_lock: asyncio.Lock | None = None
        self.last_reload: ReloadReport | None = None
        self.current_errors: tuple[ContentError, ...] = ()
        """Errors of the most recent load or reload; empty when it was clean."""

    @property
    def library(self) -> Library:
        """The library being served. Raises RuntimeError before the first successful load."""
        if self._library is None:
            raise RuntimeError("content has not been loaded yet: call ContentStore.load() first")
        return self._library

    @property
    def loaded(self) -> bool:
        return self._library is not None

    def load(self) -> Library:
        """Load synchronously (start-up). Raises :class:`ContentLoadError` on any error."""
        with gc_paused():
            result = self._loader(self.root)
        self.current_errors = tuple(result.errors)
        if result.library is None:
            raise ContentLoadError(result.errors or [ContentError(str(self.root), 1, 1, "no content loaded")])
        self._library = result.library
        return result.library

    def _load_and_diff(self, before: Library | None) -> tuple[LoadResult, ContentDiff | None]:
        """Worker-thread part of a reload: parse, check, build indexes and compare."""
        with gc_paused():
            result = self._loader(self.root)
            return result, (diff(before, result.library) if result.library is not None else None)

    async def reload(self) -> ReloadReport:
        """Load again in a worker thread; swap only if clean. Never raises on bad content.

        Concurrent calls are serialised, so two admins reloading at once get two
        consistent reports instead of a race.
        """
        if self._reload_lock is None:
            self._reload_lock = asyncio.Lock()
        async with self._reload_lock:
            started = time.perf_counter()
            before = self._library
            version_before = before.version if before else None
            result, changes = await asyncio.to_thread(self._load_and_diff, before)
            self.current_errors = tuple(result.errors)
            if result.library is None:
                report = ReloadReport(
                    ok=False,
                    errors=tuple(result.errors) or (ContentError(str(self.root), 1, 1, "no content loaded"),),
                    diff=ContentDiff(),
                    version_before=version_before,
                    version_after=version_before,
                    duration_s=time.perf_counter() - started,
                    files=result.files,
                )
            else:
                assert changes is not None
                self._library = result.library
                report = ReloadReport(
                    ok=True,
                    errors=(),
                    diff=changes,
                    version_before=version_before,
                    version_after=result.library.version,
                    duration_s=time.perf_counter() - started,
                    files=result.files,
                )
            self.last_reload = report
            return report

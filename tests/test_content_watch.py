"""The content watcher: a saved change reloads after a quiet period; a broken file changes nothing."""

from __future__ import annotations

import asyncio
import gc
import shutil
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from watchfiles import Change

from bot.content.loader import LoadResult, load_library
from bot.content.store import ContentStore, ReloadReport, gc_paused
from bot.content.watch import ContentFilter, ContentWatcher

pytestmark = pytest.mark.timeout(30)

VALID = Path(__file__).parent / "fixtures" / "content" / "valid"
DEBOUNCE = 0.3
KIDNEY = "articles/kidney-care.yaml"
BACK = "articles/back-basics.yaml"


async def until(condition: Callable[[], bool], what: str, within_s: float = 10.0) -> None:
    """Poll ``condition`` every 20 ms until it holds; fail naming ``what`` after ``within_s``."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within_s
    while not condition():
        assert loop.time() < deadline, f"timed out after {within_s:g} s waiting for {what}"
        await asyncio.sleep(0.02)


class Watched:
    """A store on a copy of the fixture tree, its watcher, and every report it delivered."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.store = ContentStore(root)
        self.store.load()
        self.reports: asyncio.Queue[ReloadReport] = asyncio.Queue()
        self.fail_next_report = False
        self.filtered: list[tuple[str, bool]] = []
        """Every change the watcher's filter was asked about: (file name, let through)."""
        self.watcher = ContentWatcher(self.store, self.on_report, debounce_s=DEBOUNCE, heartbeat_ms=100)

    async def on_report(self, report: ReloadReport) -> None:
        self.reports.put_nowait(report)
        if self.fail_next_report:
            self.fail_next_report = False
            raise RuntimeError("the moderators' channel is gone")

    async def next_report(self, within_s: float = 10.0) -> ReloadReport:
        return await asyncio.wait_for(self.reports.get(), within_s)

    def edit(self, relative: str, old: str, new: str) -> None:
        path = self.root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
async def watched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Watched]:
    setup = Watched(Path(shutil.copytree(VALID, tmp_path / "content")))

    class RecordingFilter(ContentFilter):
        """The watcher's own filter, noting what it was asked and what it answered."""

        def __call__(self, change: Change, path: str) -> bool:
            verdict = super().__call__(change, path)
            setup.filtered.append((Path(path).name, verdict))
            return verdict

    monkeypatch.setattr("bot.content.watch.ContentFilter", RecordingFilter)
    setup.watcher.start()
    await setup.watcher.wait_ready()
    try:
        yield setup
    finally:
        await setup.watcher.stop()


async def test_a_saved_change_reloads_once_the_tree_is_quiet(watched: Watched) -> None:
    before = watched.store.library
    loop = asyncio.get_running_loop()
    saved_at = loop.time()
    watched.edit(KIDNEY, "Drink water", "Drink plenty of water")

    report = await watched.next_report()

    assert loop.time() - saved_at >= DEBOUNCE
    assert report.ok and report.version_before == before.version
    assert report.diff.articles.changed == ("kidney-care",)
    assert watched.store.library is not before and watched.store.library.version == report.version_after
    assert watched.watcher.reloads == 1


async def test_a_broken_file_keeps_the_old_library_and_reports_why(watched: Watched) -> None:
    before = watched.store.library
    (watched.root / KIDNEY).write_text("id: [kidney-care\n", encoding="utf-8")

    report = await watched.next_report()

    assert not report.ok
    assert watched.store.library is before
    assert report.version_after == report.version_before == before.version
    assert report.errors and all(e.path.endswith("kidney-care.yaml") for e in report.errors)
    assert watched.store.current_errors == report.errors

    shutil.copy(VALID / KIDNEY, watched.root / KIDNEY)  # the fix is picked up too
    fixed = await watched.next_report()
    assert fixed.ok and watched.store.current_errors == ()


async def test_a_burst_of_saves_is_one_reload(watched: Watched) -> None:
    for n in range(5):
        watched.edit(KIDNEY, "Drink", f"Drink ({n})") if n == 0 else watched.edit(
            KIDNEY, f"({n - 1})", f"({n})"
        )
        # The scenario, not a wait: saves 60 ms apart, 300 ms in all, each inside the quiet period.
        await asyncio.sleep(DEBOUNCE / 5)

    report = await watched.next_report()
    assert report.ok and report.diff.articles.changed == ("kidney-care",)
    assert watched.watcher.reloads == 1
    assert "Drink (4)" in str(watched.store.library.articles["kidney-care"].sections)  # every save in it

    # No reload trails the burst: the next report is the one for a later, different change.
    watched.edit(BACK, "Lupus and lower back pain", "Lupus and the lower back")
    after = await watched.next_report()
    assert after.ok and after.diff.articles.changed == ("back-basics",), after.diff
    assert watched.watcher.reloads == 2 and watched.reports.empty()


async def test_swap_files_and_other_files_do_not_reload(watched: Watched) -> None:
    (watched.root / "articles" / ".kidney-care.yaml.swp").write_bytes(b"\0swap")
    (watched.root / "articles" / "kidney-care.yaml~").write_text("backup", encoding="utf-8")
    (watched.root / "articles" / ".hidden.yaml").write_text("id: [", encoding="utf-8")
    (watched.root / "README.txt").write_text("notes for editors", encoding="utf-8")
    ignored = {".kidney-care.yaml.swp", "kidney-care.yaml~", ".hidden.yaml", "README.txt"}
    await until(
        lambda: ignored <= {name for name, _ in watched.filtered}, "the watcher to see all four files"
    )
    assert [(name, let_through) for name, let_through in watched.filtered if let_through] == []
    assert watched.reports.empty() and watched.watcher.reloads == 0

    # The watch goes on: a real change afterwards is one reload of just that file.
    watched.edit(KIDNEY, "Drink water", "Drink plenty of water")
    report = await watched.next_report()
    assert report.ok and report.diff.articles.changed == ("kidney-care",)
    assert watched.watcher.reloads == 1


def test_the_filter_passes_what_the_loader_reads() -> None:
    check = ContentFilter()
    assert check(Change.modified, "/c/articles/kidney-care.yaml")
    assert check(Change.added, "/c/routines/new.yml")
    assert check(Change.deleted, "/c/articles")  # a folder removed takes its files with it
    assert not check(Change.modified, "/c/articles/.kidney-care.yaml.swp")
    assert not check(Change.modified, "/c/articles/kidney-care.yaml~")
    assert not check(Change.added, "/c/articles/.hidden.yaml")
    assert not check(Change.added, "/c/notes.txt")
    assert not check(Change.modified, "/c/.git/index")


async def test_a_failing_report_does_not_stop_watching(watched: Watched) -> None:
    watched.fail_next_report = True
    watched.edit(KIDNEY, "Drink water", "Drink more water")
    assert (await watched.next_report()).ok
    watched.edit(KIDNEY, "Drink more water", "Drink water")
    second = await watched.next_report()
    assert second.ok and watched.watcher.running


async def test_stop_is_prompt_and_can_be_called_twice(tmp_path: Path) -> None:
    setup = Watched(Path(shutil.copytree(VALID, tmp_path / "content")))
    setup.watcher.start()
    await setup.watcher.wait_ready()
    assert setup.watcher.running
    await asyncio.wait_for(setup.watcher.stop(), 2)
    await setup.watcher.stop()
    assert not setup.watcher.running


async def test_a_vanished_folder_is_reported_not_raised(tmp_path: Path) -> None:
    setup = Watched(Path(shutil.copytree(VALID, tmp_path / "content")))
    shutil.rmtree(setup.root)
    setup.watcher.start()
    try:
        await until(lambda: not setup.watcher.running, "the watcher to give up on the missing folder")
        assert setup.watcher.failed
    finally:
        await setup.watcher.stop()


async def test_reload_pauses_the_garbage_collector_and_restores_it(tmp_path: Path) -> None:
    """The reload the watcher runs builds the library with the cyclic GC paused (see
    ``bot.content.store.gc_paused``): ~20 % faster, and no full collection stalls the loop."""
    seen: list[bool] = []

    def loader(root: Path) -> LoadResult:
        seen.append(gc.isenabled())
        return load_library(root)

    store = ContentStore(Path(shutil.copytree(VALID, tmp_path / "content")), loader=loader)
    store.load()
    assert (await store.reload()).ok
    assert seen == [False, False] and gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled(), "a collector the operator turned off stays off"
    finally:
        gc.enable()

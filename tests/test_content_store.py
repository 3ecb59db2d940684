"""ContentStore: a reload swaps in clean content with a diff, or keeps serving the old."""

from __future__ import annotations

import asyncio
import shutil
import threading
import time
from pathlib import Path

import pytest

from bot.content.loader import LoadResult, load_library
from bot.content.store import ContentLoadError, ContentStore, diff

VALID = Path(__file__).parent / "fixtures" / "content" / "valid"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return Path(shutil.copytree(VALID, tmp_path / "content"))


def test_first_load_with_errors_raises_with_every_error(tree: Path) -> None:
    (tree / "articles" / "kidney-care.yaml").write_text("id: [unclosed\n")
    store = ContentStore(tree)
    with pytest.raises(ContentLoadError) as caught:
        store.load()
    assert caught.value.errors and "kidney-care.yaml:" in str(caught.value)
    assert not store.loaded
    with pytest.raises(RuntimeError):
        _ = store.library


async def test_a_clean_reload_swaps_and_reports_what_changed(tree: Path) -> None:
    store = ContentStore(tree)
    before = store.load()

    kidney = tree / "articles" / "kidney-care.yaml"
    kidney.write_text(kidney.read_text().replace("Drink water", "Drink plenty of water"))
    (tree / "routines" / "floor-stretch.yaml").unlink()
    back = tree / "articles" / "back-basics.yaml"
    back.write_text(back.read_text().replace("routine:floor-stretch, ", ""))
    new_article = (
        (tree / "articles" / "kidney-care.yaml").read_text().replace("id: kidney-care", "id: new-one")
    )
    (tree / "articles" / "new-one.yaml").write_text(new_article)

    report = await store.reload()

    assert report.ok and report.errors == ()
    assert store.library is not before
    assert report.version_before == before.version != report.version_after == store.library.version
    assert report.diff.articles.added == ("new-one",)
    assert report.diff.articles.changed == ("back-basics", "kidney-care")
    assert report.diff.articles.removed == ()
    assert report.diff.sections.added == ("new-one#habits", "new-one#warning-signs")
    assert report.diff.sections.changed == ("back-basics#self-care", "kidney-care#habits")
    assert report.diff.routines.removed == ("floor-stretch",)
    assert report.diff.topics.added == report.diff.topics.changed == report.diff.topics.removed == ()
    # Sections of an article already named or counted are not counted again.
    assert report.diff.summary() == "added: new-one; changed: 2 articles; removed: floor-stretch"
    assert report.diff.articles.summary() == "1 added, 2 changed"
    assert report.duration_s >= 0 and report.files == 7
    assert store.last_reload is report and store.current_errors == ()


async def test_a_broken_reload_keeps_serving_the_old_library(tree: Path) -> None:
    store = ContentStore(tree)
    before = store.load()
    (tree / "safety.yaml").write_text("disclaimer: [\n")

    report = await store.reload()

    assert not report.ok
    assert store.library is before
    assert report.version_after == report.version_before == before.version
    assert report.diff.empty and report.diff.summary() == "no changes"
    assert report.errors and all(e.path.endswith("safety.yaml") for e in report.errors)
    assert store.current_errors == report.errors


async def test_reload_without_changes_has_an_empty_diff_and_the_same_version(tree: Path) -> None:
    store = ContentStore(tree)
    before = store.load()
    report = await store.reload()
    assert report.ok and report.diff.empty
    assert report.version_after == before.version


async def test_concurrent_reloads_are_serialised(tree: Path) -> None:
    active = peak = 0
    guard = threading.Lock()

    def counting_loader(root: Path) -> LoadResult:
        nonlocal active, peak
        with guard:
            active += 1
            peak = max(peak, active)
        time.sleep(0.05)
        with guard:
            active -= 1
        return load_library(root)

    store = ContentStore(tree, loader=counting_loader)
    store.load()
    reports = await asyncio.gather(*(store.reload() for _ in range(3)))
    assert all(r.ok for r in reports)
    assert peak == 1


async def test_reload_does_not_block_the_event_loop(tree: Path) -> None:
    loop_ticks = 0

    def slow_loader(root: Path) -> LoadResult:
        time.sleep(0.2)
        return load_library(root)

    store = ContentStore(tree, loader=slow_loader)
    store.load()

    async def ticker() -> None:
        nonlocal loop_ticks
        while True:
            loop_ticks += 1
            await asyncio.sleep(0.01)

    task = asyncio.create_task(ticker())
    await store.reload()
    task.cancel()
    assert loop_ticks >= 5


def test_diff_from_nothing_adds_everything() -> None:
    library = load_library(VALID).library
    assert library is not None
    changes = diff(None, library)
    assert changes.articles.added == ("back-basics", "kidney-care")
    assert len(changes.sections.added) == 5
    assert changes.routines.added == ("chair-stretch", "floor-stretch")

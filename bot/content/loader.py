"""Read a content folder into a :class:`Library`, or into a list of every problem in it.

One pass reads every file, so an author sees *all* problems at once, each as
``path:line:col: message``. Nothing here raises on bad content: a broken file is
a list of errors, never an exception, because a reload must never take the bot
down (see :mod:`bot.content.store`).

Safety: files are read with a size cap before parsing; YAML is parsed into events
only (:mod:`bot.content.marked_yaml`), with no object construction from tags, an
alias budget and a depth cap. A file or folder that resolves outside the content
root (a symlink, usually) is refused *unread*, so nothing from elsewhere on the
disk is served, and no error message can quote a value from it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from bot.content.errors import ContentError, validation_problems
from bot.content.library import Library
from bot.content.loaded import LoadedFile
from bot.content.marked_yaml import parse_yaml
from bot.content.models import MODEL_BY_KIND, Article, ResourceTopic, Routine, Safety, Synonyms, Tracking
from bot.content.validator import validate_files

MAX_FILE_BYTES = 256 * 1024
"""A content file is a few KiB; anything near this is a mistake (or an attack)."""

FOLDERS = {"articles": "article", "routines": "routine", "resources": "resource"}
SAFETY_FILE = "safety.yaml"
OUTSIDE = "outside the content folder"
"""The whole message for a file that resolves outside the content root."""
SYNONYMS_FILE = "synonyms.yaml"
"""Optional: members' words for things, which search widens a query with."""
TRACKING_FILE = "tracking.yaml"


@dataclass(slots=True)
class LoadResult:
    """What loading a folder produced.

    ``library`` is None whenever ``errors`` is not empty: content with any problem is
    never served. ``counts`` counts what did load, for the summary line.
    """

    library: Library | None
    errors: list[ContentError]
    files: int
    counts: dict[str, int] = field(default_factory=dict)
    safety: str = "missing"
    """``ok``, ``missing`` or ``invalid``."""

    @property
    def ok(self) -> bool:
        return self.library is not None and not self.errors


def display_path(root: Path, file: Path) -> str:
    """How a file is named in messages: relative to the working directory when the content
    lives under it (clickable in a terminal), else relative to the content root's parent."""
    if not root.is_absolute():
        return (root / file.relative_to(root)).as_posix()
    try:
        return file.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return (Path(root.name) / file.relative_to(root)).as_posix()


def inside(root: Path, path: Path) -> bool:
    """Whether ``path``, with every symlink followed, is still under ``root`` (already resolved)."""
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a symlink loop
        return False


def _content_files(root: Path) -> Iterator[tuple[str, Path]]:
    """``(kind, path)`` for every content file, in a stable order (folders, then names)."""
    for folder, kind in FOLDERS.items():
        directory = root / folder
        if not directory.is_dir():
            continue
        if not inside(root.resolve(), directory):
            yield kind, directory  # refused by the caller, never listed
            continue
        for path in sorted(directory.iterdir()):
            if path.name.startswith(".") or not path.is_file():
                continue
            if path.suffix in (".yaml", ".yml"):
                yield kind, path
    safety = root / SAFETY_FILE
    if safety.is_file():
        yield "safety", safety
    synonyms = root / SYNONYMS_FILE
    if synonyms.is_file():
        yield "synonyms", synonyms
    tracking = root / TRACKING_FILE
    if tracking.is_file():
        yield "tracking", tracking


def _read(path: Path, max_bytes: int) -> bytes | int:
    """The file's bytes, or its size when it is over ``max_bytes`` (read no further)."""
    with path.open("rb") as handle:
        data = handle.read(max_bytes + 1)
        if len(data) > max_bytes:
            return max(len(data), os.fstat(handle.fileno()).st_size)
    return data


def _decode(data: bytes) -> tuple[str | None, tuple[int, int, str] | None]:
    """UTF-8 text (a leading BOM is dropped), or the 1-based position of the first bad byte."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        start = error.start
        line_start = data.rfind(b"\n", 0, start) + 1
        line = data.count(b"\n", 0, start) + 1
        col = len(data[line_start:start].decode("utf-8", errors="replace")) + 1
        return None, (
            line,
            col,
            (f"this file is not valid UTF-8 (byte 0x{data[start]:02x} here); save it as UTF-8"),
        )


def _load_file(kind: str, path: Path, display: str, data: bytes, errors: list[ContentError]) -> LoadedFile:
    """Parse and validate one file; append its problems to ``errors``."""
    loaded = LoadedFile(kind=kind, path=path, display=display)
    if path.suffix == ".yml":
        errors.append(
            ContentError(display, 1, 1, f"content files end in .yaml: rename this to {path.stem}.yaml")
        )
        return loaded
    text, bad_byte = _decode(data)
    if text is None:
        assert bad_byte is not None
        errors.append(ContentError(display, *bad_byte))
        return loaded
    parsed = parse_yaml(text)
    loaded.marks = parsed.marks
    errors.extend(ContentError(display, p.line, p.col, p.message) for p in parsed.problems)
    if parsed.empty or (parsed.value is None and not parsed.problems):
        errors.append(ContentError(display, 1, 1, "this file is empty"))
        return loaded
    if parsed.value is None:
        return loaded
    if not isinstance(parsed.value, dict):
        line, col = parsed.marks.value(())
        errors.append(
            ContentError(
                display,
                line,
                col,
                (
                    "the top level of a content file must be a mapping of keys "
                    "(like 'id: …' and 'title: …'), "
                    f"not {'a list' if isinstance(parsed.value, list) else 'a single value'}"
                ),
            )
        )
        return loaded
    loaded.raw = parsed.value
    model_class = MODEL_BY_KIND[kind]
    try:
        model = model_class.model_validate(parsed.value)
    except ValidationError as exc:
        errors.extend(
            ContentError(display, line, col, message)
            for line, col, message in validation_problems(exc, parsed.marks, model_class)
        )
        return loaded
    if not parsed.problems:  # e.g. a duplicate key: the model may be fine, the file is not
        loaded.model = model
    return loaded


def load_library(root: Path, *, max_file_bytes: int = MAX_FILE_BYTES) -> LoadResult:
    """Load and check every content file under ``root``; never raises on bad content.

    Returns a :class:`LoadResult` whose ``library`` is set only when there were no
    errors at all. Safe to call from a worker thread (it touches no shared state).
    """
    root = Path(root)
    if not root.is_dir():
        message = "content folder not found" if not root.exists() else "expected a content folder, not a file"
        return LoadResult(None, [ContentError(root.as_posix(), 1, 1, message)], 0)
    errors: list[ContentError] = []
    files: list[LoadedFile] = []
    digest = hashlib.sha256()
    real_root = root.resolve()
    for kind, path in _content_files(root):
        display = display_path(root, path)
        if not inside(real_root, path):
            errors.append(ContentError(display, 1, 1, OUTSIDE))
            continue
        try:
            data = _read(path, max_file_bytes)
        except OSError as error:
            errors.append(ContentError(display, 1, 1, f"cannot read this file: {error.strerror or error}"))
            continue
        if isinstance(data, int):
            errors.append(
                ContentError(
                    display,
                    1,
                    1,
                    (f"this file is over {max_file_bytes // 1024} KiB (the limit); split it or shorten it"),
                )
            )
            files.append(LoadedFile(kind=kind, path=path, display=display))
            continue
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + data + b"\0")
        files.append(_load_file(kind, path, display, data, errors))

    has_safety = any(f.kind == "safety" for f in files)
    errors += validate_files(files, None if has_safety else display_path(root, root / SAFETY_FILE))
    errors.sort(key=lambda e: (e.path, e.line, e.col, e.message))

    models = [f.model for f in files if f.model is not None]
    articles = {m.id: m for m in models if isinstance(m, Article)}
    routines = {m.id: m for m in models if isinstance(m, Routine)}
    topics = {m.id: m for m in models if isinstance(m, ResourceTopic)}
    safety = next((m for m in models if isinstance(m, Safety)), None)
    synonyms = next((m for m in models if isinstance(m, Synonyms)), None)
    tracking = next((m for m in models if isinstance(m, Tracking)), None)
    counts = {
        "articles": len(articles),
        "sections": sum(len(a.sections) for a in articles.values()),
        "routines": len(routines),
        "steps": sum(len(r.steps) for r in routines.values()),
        "topics": len(topics),
        "items": sum(len(t.items()) for t in topics.values()),
    }
    safety_state = "ok" if safety is not None else ("invalid" if has_safety else "missing")
    library = None
    if not errors and safety is not None:
        library = Library.build(
            articles,
            routines,
            topics,
            safety,
            synonyms=synonyms,
            version=digest.hexdigest()[:12],
            tracking=tracking,
        )
    return LoadResult(library, errors, len(files), counts, safety_state)

"""``python -m bot validate [PATH]`` and ``python -m bot schema``: output and exit codes.

``validate`` prints one ``path:line:col: message`` line per problem (the format
editors and CI annotate) and then one summary line; exit 0 when clean, 1 with
errors, 2 when the folder does not exist.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from bot.content.loader import LoadResult, load_library
from bot.content.schema import KINDS, schema_json
from bot.text import plural


def summary_line(path: Path, result: LoadResult) -> str:
    """``content/: 2 articles (9 sections), 3 routines (21 steps), 3 resource topics (40 items),
    safety ok — 0 errors``."""
    c = result.counts
    name = path.as_posix().rstrip("/") + "/"
    return (
        f"{name}: {plural(c.get('articles', 0), 'article')} ({plural(c.get('sections', 0), 'section')}), "
        f"{plural(c.get('routines', 0), 'routine')} ({plural(c.get('steps', 0), 'step')}), "
        f"{plural(c.get('topics', 0), 'resource topic')} ({plural(c.get('items', 0), 'item')}), "
        f"safety {result.safety} — {plural(len(result.errors), 'error')}"
    )


def validate_command(path: Path, out: TextIO | None = None) -> int:
    """Check the content folder at ``path``; print every problem and a summary."""
    out = out or sys.stdout
    path = Path(path)
    if not path.is_dir():
        reason = "no such folder" if not path.exists() else "not a folder"
        print(f"{path.as_posix()}: {reason} (give the content folder, like content/)", file=out)
        return 2
    result = load_library(path)
    for error in result.errors:
        print(error, file=out)
    print(summary_line(path, result), file=out)
    return 0 if result.library is not None and not result.errors else 1


def schema_command(kind: str | None = None, out: TextIO | None = None) -> int:
    """Print the JSON Schema of one kind, or of every kind combined."""
    out = out or sys.stdout
    if kind is not None and kind not in KINDS:
        print(f"unknown kind {kind!r}; choose one of: {', '.join(KINDS)}", file=sys.stderr)
        return 2
    out.write(schema_json(kind))
    return 0

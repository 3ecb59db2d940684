"""``python -m bot validate``: one line per problem, a summary, and exit codes CI can use."""

from __future__ import annotations

import io
import re
from pathlib import Path

from bot.content.cli import validate_command

FIXTURES = Path(__file__).parent / "fixtures" / "content"


def run(path: Path) -> tuple[int, list[str]]:
    out = io.StringIO()
    code = validate_command(path, out=out)
    return code, out.getvalue().splitlines()


def test_clean_content_exits_0_with_a_summary() -> None:
    code, lines = run(FIXTURES / "valid")
    assert code == 0
    assert len(lines) == 1
    assert lines[0].endswith(
        "valid/: 2 articles (5 sections), 2 routines (4 steps), 2 resource topics (5 items), "
        "safety ok — 0 errors"
    )


def test_broken_content_prints_every_error_then_the_summary_and_exits_1() -> None:
    code, lines = run(FIXTURES / "broken")
    assert code == 1
    *errors, summary = lines
    assert len(errors) > 25
    for line in errors:
        path, line_no, col, message = line.split(":", 3)
        assert path.endswith((".yaml", ".yml")) and int(line_no) >= 1 and int(col) >= 1 and message.strip()
    assert summary.endswith(f"safety invalid — {len(errors)} errors")
    assert re.search(r"broken/: \d+ articles \(\d+ sections\), 2 routines \(3 steps\), ", summary)


def test_missing_folder_exits_2(tmp_path: Path) -> None:
    code, lines = run(tmp_path / "nowhere")
    assert code == 2
    assert "no such folder" in lines[0]


def test_singular_words_in_the_summary(tmp_path: Path) -> None:
    (tmp_path / "safety.yaml").write_text("")
    code, lines = run(tmp_path)
    assert code == 1
    assert lines[-1].endswith(
        ": 0 articles (0 sections), 0 routines (0 steps), 0 resource topics (0 items), "
        "safety invalid — 1 error"
    )

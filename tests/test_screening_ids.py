"""Content ids in command options are not screened: the library's words, never a member's."""

from __future__ import annotations

from typing import Any

import pytest

from bot.content.library import Library
from bot.crisis import screen
from bot.ui import safety_net
from bot.ui.safety_net import SafetyNet, content_ids


class _Store:
    def __init__(self, library: Library) -> None:
        self.library = library


def test_no_content_id_would_show_the_crisis_card(library: Library) -> None:
    """So skipping them changes no answer (the crisis topic's id included)."""
    phrases = library.safety.crisis.phrases
    ids = content_ids(library)
    assert "crisis" in ids and len(ids) > len(library.articles)
    assert not [i for i in ids if screen(i, extra_phrases=phrases).is_crisis]


def test_ids_are_skipped_and_member_text_is_screened(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    real = safety_net.screen

    def counting(text: str, **kw: Any) -> Any:
        seen.append(text)
        return real(text, **kw)

    monkeypatch.setattr(safety_net, "screen", counting)
    net = SafetyNet(_Store(library), None, None, default_region="UK", support_channel_id=None)  # type: ignore[arg-type]
    article = next(iter(library.articles))
    assert not net.screen([article]).is_crisis and seen == []
    assert net.screen([article, "I want to die"]).is_crisis and seen == ["I want to die"]

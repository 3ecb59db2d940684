"""Plain helpers the renderers and the DM listener rely on."""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.crisis import screen
from bot.custom_ids import custom_id, fits, parse_custom_id
from bot.text import clip, normalize_query, split_pages

PHRASES = ("want to die", "kill myself", "kms", "end it all")


@pytest.mark.parametrize(
    "text",
    [
        "I want to die",
        "i  WANT   to die!!",
        "I want\u200b to die",
        "ｗａｎｔ ｔｏ ｄｉｅ",
        "honestly... kill-myself",
        "kms",
    ],
)
def test_crisis_phrases_match_whatever_the_spelling(text: str) -> None:
    assert screen(text, PHRASES).is_crisis


@pytest.mark.parametrize("text", ["I want to diet", "skills matter", "the weekend it all went well", ""])
def test_crisis_phrases_respect_word_boundaries(text: str) -> None:
    assert not screen(text, PHRASES).is_crisis


@given(st.text(max_size=300))
def test_crisis_matching_never_raises(text: str) -> None:
    screen(text, PHRASES)


@given(st.text(min_size=1, max_size=20000), st.integers(min_value=50, max_value=5000))
def test_split_pages_keeps_every_word_and_respects_the_limit(text: str, limit: int) -> None:
    pages = split_pages(text, limit)
    assert all(len(page) <= limit for page in pages)
    # Nothing is lost, and only a word longer than a page is ever cut in two.
    assert "".join("".join(pages).split()) == "".join(text.split())
    words_in_pages = [word for page in pages for word in page.split()]
    for word in text.split():
        if len(word) <= limit:
            assert word in words_in_pages


def test_clip_and_normalize() -> None:
    assert clip("abcdef", 4) == "abc…" and clip("abc", 4) == "abc"
    assert normalize_query("  Kidney\u200f  TESTS ") == "kidney tests"


def test_custom_ids_round_trip_and_are_bounded() -> None:
    value = custom_id("rt", "a" * 32, "next")
    assert parse_custom_id(value) == ("rt", ("a" * 32, "next"))
    assert parse_custom_id("other:thing") is None and parse_custom_id("lc:") is None
    assert not fits("read", "x" * 48, "y" * 48, 999)
    with pytest.raises(ValueError):
        custom_id("read", "x" * 48, "y" * 48, 999)


class FakeResponse:
    def __init__(self) -> None:
        self.sent: list[str] = []

    def is_done(self) -> bool:
        return False

    async def send_message(self, message: str, **_: object) -> None:
        self.sent.append(message)


class FakeInteraction:
    type = None
    command = None
    data: dict[str, str] = {}  # noqa: RUF012

    def __init__(self) -> None:
        self.response = FakeResponse()


def test_a_deliberate_kind_error_keeps_its_message_even_with_a_cause() -> None:
    from discord import app_commands

    from bot.ui.errors import UserFacingError, reply_error

    def deliberate() -> UserFacingError:
        try:
            raise KeyError("internal detail")
        except KeyError as exc:
            try:
                raise UserFacingError("That routine has already finished.") from exc
            except UserFacingError as kind:
                return kind

    for error in (deliberate(), app_commands.CommandInvokeError.__new__(app_commands.CommandInvokeError)):
        if isinstance(error, app_commands.CommandInvokeError):
            error.original = deliberate()
        interaction = FakeInteraction()
        asyncio.run(reply_error(interaction, error))  # type: ignore[arg-type]
        assert interaction.response.sent == ["That routine has already finished."]

    crash = FakeInteraction()
    asyncio.run(reply_error(crash, RuntimeError("secret detail")))  # type: ignore[arg-type]
    assert "error id" in crash.response.sent[0] and "secret detail" not in crash.response.sent[0]

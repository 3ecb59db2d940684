"""The slash-command options (bot/ui/transformers.py): what they turn text into, their kind errors,
and suggestions that never fail."""

from __future__ import annotations

from datetime import time
from types import SimpleNamespace
from typing import Any

import discord
import pytest
from discord import app_commands

from bot.content.library import Library
from bot.ui.errors import OptionError, UserFacingError
from bot.ui.transformers import (
    ArticleChoice,
    OwnSymptom,
    RegionChoice,
    RoutineChoice,
    SectionChoice,
    StretchRoutine,
    TimeOfDay,
    TimeZone,
    TopicChoice,
)

NOON = 1_768_478_400.0  # 2026-01-15 12:00 UTC, winter in London


def interaction(library: Library, **options: str) -> Any:
    """What the transformers read: the client's content and clock, and the other options typed."""
    client = SimpleNamespace(
        content=SimpleNamespace(library=library), clock=SimpleNamespace(now=lambda: NOON)
    )
    return SimpleNamespace(client=client, namespace=SimpleNamespace(**options), user=SimpleNamespace(id=1))


def test_the_error_is_both_a_command_error_and_a_kind_one() -> None:
    """discord.py passes an AppCommandError from a transformer to the tree's handler as it is; the
    handler shows a UserFacingError's message privately."""
    assert issubclass(OptionError, app_commands.AppCommandError)
    assert issubclass(OptionError, UserFacingError)


async def test_an_article_is_found_or_refused_with_a_guess(library: Library) -> None:
    article_id = next(iter(library.articles))
    assert (await ArticleChoice().transform(interaction(library), article_id)).id == article_id
    assert await ArticleChoice().transform(interaction(library), "   ") is None
    with pytest.raises(OptionError, match="Did you mean") as refused:
        await ArticleChoice().transform(interaction(library), article_id[:-1])
    assert "/read" in refused.value.message


async def test_a_section_picked_first_names_its_own_article(library: Library) -> None:
    article = next(a for a in library.articles.values() if a.sections)
    section = article.sections[-1].id
    ref = await SectionChoice().transform(interaction(library, article="nonsense"), f"{article.id}#{section}")
    assert ref.article == article and ref.section_id == section
    # …so the article option's own check lets an unknown article through in that case
    assert (
        await ArticleChoice().transform(interaction(library, section=f"{article.id}#{section}"), "x")
        == article
    )
    with pytest.raises(OptionError, match=f"/read {article.id}"):
        await SectionChoice().transform(interaction(library, article=article.id), "no-such-section")
    assert (await SectionChoice().transform(interaction(library, article=article.id), "")).section_id == "-"


async def test_topics_and_regions(library: Library) -> None:
    topic_id = next(iter(library.topics))
    assert (await TopicChoice().transform(interaction(library), topic_id)).id == topic_id
    with pytest.raises(OptionError, match="/resources"):
        await TopicChoice().transform(interaction(library), "zzzz")
    with pytest.raises(OptionError, match="don't have that place"):
        await RegionChoice().transform(interaction(library, topic=topic_id), "Atlantis")
    # without a topic the region is not used, so it is not checked either
    assert (await RegionChoice().transform(interaction(library), "Atlantis")).code is None


async def test_routines_in_each_commands_words(library: Library) -> None:
    routine_id = next(iter(library.routines))
    assert (await RoutineChoice("/remind set").transform(interaction(library), routine_id)).id == routine_id
    assert await RoutineChoice("/remind set").transform(interaction(library), "") is None
    with pytest.raises(OptionError, match="Try `/remind set` and pick"):
        await RoutineChoice("/remind set").transform(interaction(library), "zzzz")
    with pytest.raises(OptionError, match=r"couldn't find the routine .* Try `/stretch` to see all"):
        await StretchRoutine().transform(interaction(library), "zzzz")


async def test_times_and_time_zones(library: Library) -> None:
    assert await TimeOfDay().transform(interaction(library), "7pm") == time(19, 0)
    with pytest.raises(OptionError):
        await TimeOfDay().transform(interaction(library), "7")  # am or pm? asked, not guessed
    assert await TimeZone().transform(interaction(library), "london") == "Europe/London"
    with pytest.raises(OptionError, match="Europe/London"):
        await TimeZone().transform(interaction(library), "Londn")  # a typo is refused with the guess
    suggested = await TimeZone().autocomplete(interaction(library), "london")
    assert suggested[0].value == "Europe/London" and "(now 12:00)" in suggested[0].name


async def test_a_suggestion_that_fails_answers_with_none(library: Library) -> None:
    broken = interaction(library)
    broken.client.content = None  # the library cannot be read
    assert await ArticleChoice().autocomplete(broken, "lupus") == []
    assert await ArticleChoice().autocomplete(interaction(library), "") != []


def test_options_register_as_before() -> None:
    """String options, with Range's length limits; suggestions only where there were some."""
    assert (TimeOfDay().min_value, TimeOfDay().max_value) == (1, 40)
    assert (TimeZone().min_value, TimeZone().max_value) == (1, 64)
    assert ArticleChoice().type is discord.AppCommandOptionType.string
    assert type(TimeOfDay()).autocomplete is app_commands.Transformer.autocomplete


async def test_own_symptoms_are_suggested_whatever_the_case_typed(library: Library) -> None:
    async def symptoms(user_id: int) -> list[Any]:
        return [SimpleNamespace(name="Joint pain"), SimpleNamespace(name="Headache")]

    asked = interaction(library)
    asked.client.services = SimpleNamespace(tracking=SimpleNamespace(symptoms=symptoms))
    found = await OwnSymptom().autocomplete(asked, "joint")
    assert [c.value for c in found] == ["Joint pain"]
    assert [c.value for c in await OwnSymptom().autocomplete(asked, "")] == ["Joint pain", "Headache"]

"""Slash-command options that name something: suggestions, "did you mean" and the error, in one place.

Each option type here is an ``app_commands.Transformer``: its ``autocomplete`` offers choices (and
answers with none if anything goes wrong, so a broken suggestion never leaves Discord waiting), and
its ``transform`` turns what the member sent into the thing a command works with, or raises an
:class:`~bot.ui.errors.OptionError` with a kind "I couldn't find …, did you mean …?". discord.py hands
that error to the tree's error handler before the command runs, which shows it privately.

A command then reads ``routine: Transform[Routine | None, RoutineChoice("/remind set")] | None = None``
and never looks anything up itself. The registered option (type, length limits, autocomplete flag)
is what the plain ``str`` / ``Range[str, …]`` annotation registered before
(tests/test_command_tree.py keeps the payloads as they were).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterable, Sequence
from datetime import time
from typing import TYPE_CHECKING, Any, NamedTuple, cast
from zoneinfo import ZoneInfo

import discord
from discord import app_commands

from bot.clock import Clock, utcnow
from bot.content.library import AutocompleteKind, Library
from bot.content.models import Article, ResourceTopic, Routine
from bot.reminders.schedule import parse_time, resolve_timezone, timezone_choices
from bot.text import clip
from bot.ui.errors import OptionError
from bot.ui.reading import choices
from bot.wording import options as words

if TYPE_CHECKING:
    from bot.client import LupusBot

log = logging.getLogger(__name__)

Choices = list[app_commands.Choice[int | float | str]]
"""What discord.py's ``Transformer.autocomplete`` answers with."""

UNKNOWN_REGION = words.UNKNOWN_REGION


# --- the kind errors -------------------------------------------------------------------------------


def not_found(
    library: Library, kind: AutocompleteKind, value: str, command: str, **extra: Any
) -> OptionError:
    """ "I couldn't find “x”. Did you mean **y**? Try ``command`` and pick from the list."""
    guesses = library.autocomplete(kind, value, limit=1, **extra)
    hint = words.DID_YOU_MEAN.format(guess=guesses[0].name) if guesses and value.strip() else ""
    shown = discord.utils.escape_markdown(clip(value, 60)) or words.NOTHING_TYPED
    return OptionError(words.NOT_FOUND.format(shown=shown, hint=hint, command=command))


def routine_not_found(library: Library, value: str) -> OptionError:
    """The routine ``value`` is not in the library (``/stretch``'s own wording)."""
    guesses = library.autocomplete("routine", value, limit=1)
    hint = words.DID_YOU_MEAN.format(guess=guesses[0].name) if guesses and value.strip() else ""
    shown = discord.utils.escape_markdown(clip(value, 60)) or words.NOTHING_TYPED
    return OptionError(words.ROUTINE_NOT_FOUND.format(shown=shown, hint=hint))


def unknown_zone(typed: str) -> OptionError:
    guesses = timezone_choices(typed, limit=3)
    hint = words.DID_YOU_MEAN_ANY.format(guesses=", ".join(f"**{g}**" for g in guesses)) if guesses else ""
    shown = discord.utils.escape_markdown(clip(typed, 40))
    return OptionError(words.UNKNOWN_ZONE.format(shown=shown, hint=hint))


def region_of(library: Library, region: str | None) -> str | None:
    """A known region code, or None for "everywhere"; anything else is refused kindly.

    Only known codes pass, because the region ends up in a custom_id and in messages that can be
    shared in a channel: nothing a member typed may be echoed in public."""
    if not region or region.strip() in {"", "-"}:
        return None
    code = library.region_code(clip(region, 60))
    if not library.known_region(code):
        raise OptionError(UNKNOWN_REGION)
    return code


def timezone_suggestions(clock: Clock, current: str) -> list[app_commands.Choice[str]]:
    """Up to 25 zones for what they typed, each with its local time now."""
    moment = utcnow(clock)
    return [
        app_commands.Choice(name=f"{zone} (now {moment.astimezone(ZoneInfo(zone)):%H:%M})", value=zone)
        for zone in timezone_choices(current, limit=25)
    ]


# --- the option types ------------------------------------------------------------------------------


def _library(interaction: discord.Interaction[LupusBot]) -> Library:
    return interaction.client.content.library


def _option(interaction: discord.Interaction[LupusBot], name: str) -> str | None:
    """Another option of the same command, as the member typed it (None when not given)."""
    value = getattr(interaction.namespace, name, None)
    return value if isinstance(value, str) else None


class Text(app_commands.Transformer["LupusBot"]):
    """A string option, with the length limits ``Range[str, low, high]`` would register."""

    def __init__(self, min_length: int | None = None, max_length: int | None = None) -> None:
        self._min, self._max = min_length, max_length

    @property
    def min_value(self) -> int | None:
        return self._min

    @property
    def max_value(self) -> int | None:
        return self._max

    async def transform(self, interaction: discord.Interaction[LupusBot], value: Any, /) -> Any:
        return value


class Suggested(Text):
    """A string option with suggestions as the member types."""

    async def autocomplete(
        self, interaction: discord.Interaction[LupusBot], value: int | float | str, /
    ) -> Choices:
        # Errors in autocomplete never reach the tree's error handler (discord.py only logs them and
        # leaves the request unanswered): answer with no suggestions instead, and log an error id.
        try:
            found = await self.suggest(interaction, str(value))
        except Exception:
            log.exception("error %s in autocomplete %s", secrets.token_hex(4), type(self).__name__)
            return []
        return cast(Choices, list(found))

    async def suggest(
        self, interaction: discord.Interaction[LupusBot], current: str
    ) -> Sequence[app_commands.Choice[str]]:
        raise NotImplementedError


class ArticleChoice(Suggested):
    """``/read article``: the article, or None when left blank (the list to pick from)."""

    async def suggest(
        self, interaction: discord.Interaction[LupusBot], current: str
    ) -> Sequence[app_commands.Choice[str]]:
        return choices(_library(interaction), "article", current)

    async def transform(self, interaction: discord.Interaction[LupusBot], value: str, /) -> Article | None:
        library = _library(interaction)
        if not value.strip():
            return None
        found = library.articles.get(value) or _named_by_section(library, _option(interaction, "section"))
        if found is None:
            raise not_found(library, "article", value, "/read")
        return found


class SectionRef(NamedTuple):
    article: Article | None
    """The article a section picked before the article names (``article#section``), else the article
    option's; None when neither is known (the section is then ignored)."""
    section_id: str
    """``-`` for the article's overview."""


def _named_by_section(library: Library, section: str | None) -> Article | None:
    """Section autocomplete offers ``article#section`` before an article is picked: that section
    names its own article, whatever the article option says."""
    if section and "#" in section:
        return library.articles.get(section.partition("#")[0])
    return None


class SectionChoice(Suggested):
    """``/read section``: a section of the chosen article (checked), or the overview."""

    async def suggest(
        self, interaction: discord.Interaction[LupusBot], current: str
    ) -> Sequence[app_commands.Choice[str]]:
        return choices(_library(interaction), "section", current, article_id=_option(interaction, "article"))

    async def transform(self, interaction: discord.Interaction[LupusBot], value: str, /) -> SectionRef:
        library = _library(interaction)
        article = _named_by_section(library, value)
        if article is not None:
            value = value.partition("#")[2]
        else:
            typed = _option(interaction, "article")
            article = library.articles.get(typed) if typed and typed.strip() else None
        section_id = value or "-"
        if article is not None and section_id != "-" and article.section(section_id) is None:
            raise not_found(library, "section", section_id, f"/read {article.id}", article_id=article.id)
        return SectionRef(article, section_id)


class TopicChoice(Suggested):
    """``/resources topic``."""

    async def suggest(
        self, interaction: discord.Interaction[LupusBot], current: str
    ) -> Sequence[app_commands.Choice[str]]:
        return choices(_library(interaction), "topic", current)

    async def transform(self, interaction: discord.Interaction[LupusBot], value: str, /) -> ResourceTopic:
        library = _library(interaction)
        found = library.topics.get(value)
        if found is None:
            raise not_found(library, "topic", value, "/resources")
        return found


class Region(NamedTuple):
    code: str | None
    """A known region code, or None for everywhere."""
    typed: bool
    """Whether the member typed anything (the crisis topic without a region shows their own card)."""


class RegionChoice(Suggested):
    """``/resources region``: only checked when a topic was given (without one it is not used)."""

    async def suggest(
        self, interaction: discord.Interaction[LupusBot], current: str
    ) -> Sequence[app_commands.Choice[str]]:
        return choices(_library(interaction), "region", current)

    async def transform(self, interaction: discord.Interaction[LupusBot], value: str, /) -> Region:
        if _option(interaction, "topic") is None:
            return Region(None, bool(value))
        return Region(region_of(_library(interaction), value), bool(value))


class RoutineChoice(Suggested):
    """A routine option; blank means none. ``command`` is where to try again."""

    def __init__(self, command: str) -> None:
        super().__init__()
        self.command = command

    async def suggest(
        self, interaction: discord.Interaction[LupusBot], current: str
    ) -> Sequence[app_commands.Choice[str]]:
        return choices(_library(interaction), "routine", current)

    async def transform(self, interaction: discord.Interaction[LupusBot], value: str, /) -> Routine | None:
        if not value:
            return None
        library = _library(interaction)
        found = library.routines.get(value)
        if found is None:
            raise self.unknown(library, value)
        return found

    def unknown(self, library: Library, value: str) -> OptionError:
        return not_found(library, "routine", value, self.command)


class StretchRoutine(RoutineChoice):
    """``/stretch routine``: the same, in /stretch's own words."""

    def __init__(self) -> None:
        super().__init__("/stretch")

    def unknown(self, library: Library, value: str) -> OptionError:
        return routine_not_found(library, value)


class TimeOfDay(Text):
    """A local time of day: ``7:30``, ``19:05``, ``7pm`` … (a bare hour is refused, not guessed)."""

    def __init__(self) -> None:
        super().__init__(1, 40)

    async def transform(self, interaction: discord.Interaction[LupusBot], value: str, /) -> time:
        try:
            return parse_time(value)
        except ValueError as exc:
            raise OptionError(str(exc)) from None


class TimeZone(Suggested):
    """A time zone typed as a city (London), a zone (Europe/London) or letters (EST); the IANA name.

    Only resolves it: saving it as the member's one zone is the command's job."""

    def __init__(self) -> None:
        super().__init__(1, 64)

    async def suggest(
        self, interaction: discord.Interaction[LupusBot], current: str
    ) -> Sequence[app_commands.Choice[str]]:
        return timezone_suggestions(interaction.client.clock, current)

    async def transform(self, interaction: discord.Interaction[LupusBot], value: str, /) -> str:
        zone = resolve_timezone(value)
        if zone is None:
            raise unknown_zone(value)
        return zone


def containing(current: str, named: Iterable[tuple[str, str]]) -> list[app_commands.Choice[str]]:
    """Up to 25 of the (name, value) pairs whose name holds what was typed, whatever its case."""
    typed = current.casefold().strip()
    return [app_commands.Choice(name=n[:100], value=v) for n, v in named if typed in n.casefold()][:25]


class MedicineName(Suggested):
    """One of the member's own medicines (suggested by name, sent as its id); kept as typed."""

    def __init__(self) -> None:
        super().__init__(1, 100)

    async def suggest(
        self, interaction: discord.Interaction[LupusBot], current: str
    ) -> Sequence[app_commands.Choice[str]]:
        mine = await interaction.client.services.meds.repo.list(interaction.user.id)
        return containing(current, ((m.name, str(m.id)) for m in mine))


class SymptomIdea(Suggested):
    """``/symptoms add name``: the library's starter symptoms as ideas, or what they typed."""

    def __init__(self) -> None:
        super().__init__(1, 80)

    async def suggest(
        self, interaction: discord.Interaction[LupusBot], current: str
    ) -> Sequence[app_commands.Choice[str]]:
        ideas = containing(current, ((s, s[:80]) for s in starter_symptoms(_library(interaction)) if s))
        if ideas or not current.strip():
            return ideas
        return [app_commands.Choice(name=current[:100], value=current[:80])]


def starter_symptoms(library: Library) -> list[str]:
    tracking = getattr(library, "tracking", None)
    return list(tracking.starter_symptoms) if tracking is not None else []


class OwnSymptom(Suggested):
    """``/symptoms remove name``: one of the symptoms the member tracks."""

    def __init__(self) -> None:
        super().__init__(1, 80)

    async def suggest(
        self, interaction: discord.Interaction[LupusBot], current: str
    ) -> Sequence[app_commands.Choice[str]]:
        mine = await interaction.client.services.tracking.symptoms(interaction.user.id)
        return containing(current, ((s.name, s.name) for s in mine))


async def save_timezone(bot: LupusBot, user_id: int, zone: str) -> None:
    """Make ``zone`` (from :class:`TimeZone`) the member's one time zone; every reminder follows it."""
    try:
        await bot.services.set_timezone(user_id, zone)
    except ValueError:
        raise unknown_zone(zone) from None

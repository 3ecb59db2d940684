"""Renderers for reading: the library, search results (kept per snapshot), resources, sharing and help.

Pure functions from content models to a :class:`Reply`. The pages of an
article or a resource topic are in :mod:`bot.ui.reading_pages`; they are
re-exported here, so callers keep using ``bot.ui.reading``.
"""

from __future__ import annotations

import dataclasses
import weakref
from collections.abc import Sequence
from typing import Any

import discord
from discord import app_commands

from bot import limits
from bot.content.library import AutocompleteKind, Library, SearchHit
from bot.content.models import Article, ResourceTopic, Routine
from bot.content.render_text import HELP_TITLE, help_description
from bot.custom_ids import reading as ids
from bot.text import clip
from bot.ui import components as c
from bot.ui.reading_pages import (
    COLOR,
    LEVEL_WORDS,
    NEVER_SHARED,
    PAGES_KEPT,
    SEE_ALSO_BUTTONS,
    PageParts,
    article_overview,
    article_page,
    open_ref,
    resource_topic,
    section_picker,
    see_also_items,
    sources_page,
    to_embed,
)
from bot.ui.reply import Reply
from bot.wording import common as common_words
from bot.wording import reading as words

__all__ = [
    "COLOR",
    "LEVEL_WORDS",
    "NEVER_SHARED",
    "PAGES_KEPT",
    "SEARCHES_KEPT",
    "SEE_ALSO_BUTTONS",
    "PageParts",
    "Shared",
    "article_list",
    "article_overview",
    "article_page",
    "choices",
    "help_page",
    "help_text",
    "library_page",
    "open_ref",
    "privacy_notice",
    "resource_topic",
    "search_page",
    "search_results",
    "section_picker",
    "see_also_items",
    "share_confirm",
    "share_done",
    "shared_back",
    "shared_view",
    "sources_page",
    "to_embed",
    "topic_list",
]


def choices(
    library: Library, kind: AutocompleteKind, current: str, **extra: Any
) -> list[app_commands.Choice[str]]:
    """Autocomplete choices for a content option, as Discord wants them."""
    return [
        app_commands.Choice(name=ch.name, value=ch.value)
        for ch in library.autocomplete(kind, current, **extra)
    ]


def routine_line(routine: Routine) -> str:
    return words.ROUTINE_LINE.format(title=routine.title, minutes=routine.minutes, position=routine.position)


LIBRARY_LIST = 300
"""Characters the routine and topic lists in /library may each use; articles get the rest."""
LIBRARY_FIELD_NAMES = 100


def _titles(lines: Sequence[str], limit: int = LIBRARY_LIST) -> str:
    """As many lines as fit in ``limit``, then "…and N more" (the menus below list them all)."""
    shown: list[str] = []
    for n, line in enumerate(lines):
        more = words.LIST_MORE.format(count=len(lines) - n)
        if len("\n".join([*shown, line])) > limit - len(more) - 1 and n < len(lines) - 1:
            shown.append(more)
            break
        shown.append(line)
    return "\n".join(shown)


def open_menu(
    kind: str,
    entries: Sequence[Article | Routine | ResourceTopic],
    placeholder: str,
    *,
    row: int | None = None,
) -> list[discord.ui.Item[Any]]:
    """The "Open…" menu of a list (the first 25 by title), or nothing when the list is empty."""
    options = [
        discord.SelectOption(label=clip(e.title, limits.SELECT_OPTION_LABEL), value=e.id)
        for e in entries[: limits.SELECT_OPTIONS]
    ]
    return (
        [c.select(ids.OpenMenu(kind), options=options, placeholder=placeholder, row=row)] if options else []
    )


def library_page(library: Library) -> Reply:
    embed = discord.Embed(
        title=words.LIBRARY_TITLE,
        colour=COLOR,
        description=words.LIBRARY_DESCRIPTION,
    )
    articles = sorted(library.articles.values(), key=lambda a: a.title)
    routines = sorted(library.routines.values(), key=lambda r: r.title)
    topics = sorted(library.topics.values(), key=lambda t: t.title)
    routine_list = _titles([routine_line(r) for r in routines])
    topic_list_text = _titles([f"**{t.title}**" for t in topics])
    used = len(embed.title or "") + len(embed.description or "") + LIBRARY_FIELD_NAMES
    article_budget = limits.SCREEN - used - len(routine_list) - len(topic_list_text)
    if articles:
        embed.add_field(
            name=words.LIBRARY_ARTICLES,
            inline=False,
            value=_titles([f"**{a.title}**" for a in articles], article_budget),
        )
    if routines:
        embed.add_field(name=words.LIBRARY_ROUTINES, inline=False, value=routine_list)
    if topics:
        embed.add_field(name=words.LIBRARY_TOPICS, inline=False, value=topic_list_text)
    items: list[discord.ui.Item[Any]] = []
    menus: tuple[tuple[str, Sequence[Article | Routine | ResourceTopic], str], ...] = (
        ("article", articles, words.OPEN_ARTICLE),
        ("routine", routines, words.START_ROUTINE),
        ("resources", topics, words.OPEN_RESOURCE_TOPIC),
    )
    for row, (kind, entries, placeholder) in enumerate(menus):
        items.extend(open_menu(kind, entries, placeholder, row=row))
    return Reply(embeds=[embed], view=c.view(*items))


def article_list(library: Library) -> Reply:
    """``/read`` with no article: the articles to pick from."""
    articles = sorted(library.articles.values(), key=lambda a: a.title)
    embed = discord.Embed(
        title=words.ARTICLES_TITLE,
        colour=COLOR,
        description=_titles([f"**{a.title}**" for a in articles], limits.SCREEN - 200) or words.NO_ARTICLES,
    )
    embed.set_footer(text=words.ARTICLES_FOOTER)
    return Reply(embeds=[embed], view=c.view(*open_menu("article", articles, words.OPEN_ARTICLE)))


SEARCH_SHOWN = 5
SNIPPET = 120
RESULT_NAME = 80
"""Five results of at most 80 + 120 characters, a title and a footer stay within one screen."""


SEARCH_HITS = 20
"""Hits asked of the library per search (several may fold into one shown result)."""
_SEARCHES: weakref.WeakKeyDictionary[Library, dict[str, Reply]] = weakref.WeakKeyDictionary()
SEARCHES_KEPT = 256
"""Result pages kept per library snapshot (the oldest goes first)."""


def search_page(library: Library, query: str, *, remember: bool = True) -> Reply:
    """``/search``'s answer: the library's hits for ``query``, rendered.

    Like article pages, it depends only on the snapshot and the query, and
    members search for the same few words, so the last :data:`SEARCHES_KEPT`
    pages are kept per snapshot (``remember=False``: compute without keeping the
    query). Callers get a fresh :class:`Reply` and must not change its embed or view.
    """
    kept = _SEARCHES.setdefault(library, {})
    reply = kept.get(query)
    if reply is None:
        reply = search_results(query, library.search(query, limit=SEARCH_HITS))
        if remember:
            if len(kept) >= SEARCHES_KEPT:
                del kept[next(iter(kept))]
            kept[query] = reply
    return dataclasses.replace(reply, embeds=list(reply.embeds))


def search_results(query: str, hits: Sequence[SearchHit]) -> Reply:
    """Numbered results 1…n, one per place to open (several items of one resource group are one result)."""
    shown = clip(query, 60)
    unique: dict[str, SearchHit] = {}
    for hit in hits:
        unique.setdefault(hit.ref[: limits.SELECT_OPTION_VALUE], hit)
    results = list(unique.items())[:SEARCH_SHOWN]
    if not results:
        return Reply(
            content=words.NOTHING_FOUND.format(
                query=discord.utils.escape_markdown(shown), next=words.NOTHING_FOUND_NEXT
            ),
            view=c.view(
                c.button(
                    words.BUTTON_BROWSE_THE_LIBRARY, ids.LibraryPage(), style=discord.ButtonStyle.primary
                ),
                c.button(words.BUTTON_HELP_AND_RESOURCES, ids.OpenRef("resources", "-")),
            ),
            ephemeral=True,
        )
    embed = discord.Embed(
        title=clip(words.SEARCH_TITLE.format(query=shown), limits.EMBED_TITLE), colour=COLOR
    )
    for n, (_, hit) in enumerate(results, 1):
        embed.add_field(
            name=clip(f"{n}. {hit.title}", RESULT_NAME),
            value=_snippet(hit.snippet),
            inline=False,
        )
    embed.set_footer(text=words.SEARCH_FOOTER)
    options = [
        discord.SelectOption(label=clip(f"{n}. {hit.title}", limits.SELECT_OPTION_LABEL), value=ref)
        for n, (ref, hit) in enumerate(results, 1)
    ]
    menu = c.select(ids.RefMenu(), options=options, placeholder=words.OPEN_RESULT)
    return Reply(embeds=[embed], view=c.view(menu))


def _snippet(text: str) -> str:
    """A short snippet whose bold marks still pair up after clipping (else ``**`` shows)."""
    short = clip(text or "…", SNIPPET - 2)
    return short + "**" if short.count("**") % 2 else short


def topic_list(library: Library) -> Reply:
    topics = sorted(library.topics.values(), key=lambda t: t.title)
    embed = discord.Embed(
        title=words.TOPICS_TITLE,
        colour=COLOR,
        description="\n".join(f"**{t.title}**" for t in topics) or words.NO_TOPICS,
    )
    return Reply(embeds=[embed], view=c.view(*open_menu("resources", topics, words.OPEN_TOPIC)))


Shared = ids.ShareArticle | ids.ShareTopic | ids.PostArticle | ids.PostTopic
"""A share button's id: what it names is the same before and after "Post it"."""


def shared_back(shared: Shared) -> ids.ReadPage | ids.ResourcePage:
    """The page a share button was pressed on (where Cancel and Back go)."""
    if isinstance(shared, ids.ShareArticle | ids.PostArticle):
        return ids.ReadPage(shared.article, shared.section, shared.page)
    return ids.ResourcePage(shared.topic, shared.region, shared.page)


def share_confirm(channel_mention: str, shared: ids.ShareArticle | ids.ShareTopic) -> Reply:
    """Ask before posting: the member sees where it goes and that everyone will see it."""
    post: ids.PostArticle | ids.PostTopic = (
        ids.PostArticle(shared.article, shared.section, shared.page)
        if isinstance(shared, ids.ShareArticle)
        else ids.PostTopic(shared.topic, shared.region, shared.page)
    )
    return Reply(
        content=words.SHARE_CONFIRM.format(channel=channel_mention),
        view=c.view(
            c.button(words.BUTTON_POST_IT, post, style=discord.ButtonStyle.primary),
            c.button("Cancel", shared_back(shared)),
        ),
    )


def share_done(text: str, back: ids.ReadPage | ids.ResourcePage) -> Reply:
    return Reply(content=text, view=c.view(c.button("◀ Back", back)))


def shared_view(share_id: int) -> discord.ui.View:
    return c.view(c.button("Delete", ids.Unshare(share_id), style=discord.ButtonStyle.secondary))


def help_page(library: Library) -> Reply:
    embed = discord.Embed(title=HELP_TITLE, colour=COLOR, description=help_text(library))
    items: list[discord.ui.Item[Any]] = []
    if "crisis" in library.topics:
        items.append(
            c.button(
                common_words.BUTTON_CRISIS_LINES,
                ids.OpenRef("resources", "crisis"),
                style=discord.ButtonStyle.danger,
            )
        )
    items += [
        c.button("Library", ids.LibraryPage()),
        c.button(words.BUTTON_YOUR_PRIVACY, ids.PrivacyNotice()),
    ]
    return Reply(embeds=[embed], view=c.view(*items))


def help_text(library: Library) -> str:
    """The commands, then the disclaimer (the validator measures this with the shipped disclaimer)."""
    return help_description(library.safety.disclaimer)


def privacy_notice() -> Reply:
    embed = discord.Embed(title=words.PRIVACY_TITLE, colour=COLOR, description=words.PRIVACY_NOTICE)
    return Reply(embeds=[embed], view=c.view(c.button("◀ Back", ids.HelpPage())))

"""Renderers for reading: article pages, the library, search results, resources and help.

Pure functions from content models to a :class:`Reply`. Sizes come from
``bot.limits`` so what the validator accepted always fits when sent.
"""

from __future__ import annotations

import dataclasses
import weakref
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import discord
from discord import app_commands

from bot import limits
from bot.content.library import AutocompleteKind, Library, SearchHit
from bot.content.models import Article, ResourceTopic, Routine, Source
from bot.content.render_text import (
    HELP_TITLE,
    EmbedText,
    article_section_pages,
    help_description,
    overview_embed,
    ref_label,
    resource_pages,
    resource_topic_embed,
    section_embed,
    sources_embed,
    sources_pages,
)
from bot.custom_ids import reading as ids
from bot.text import clip
from bot.ui import components as c
from bot.ui.reply import Reply

COLOR = discord.Colour(0x7B5EA7)  # lupus purple
LEVEL_WORDS = {"gentle": "Gentle", "easy": "Easy", "moderate": "Moderate"}


def choices(
    library: Library, kind: AutocompleteKind, current: str, **extra: Any
) -> list[app_commands.Choice[str]]:
    """Autocomplete choices for a content option, as Discord wants them."""
    return [
        app_commands.Choice(name=ch.name, value=ch.value)
        for ch in library.autocomplete(kind, current, **extra)
    ]


def to_embed(text: EmbedText) -> discord.Embed:
    """The one conversion from measured text (what the validator checked) to a Discord embed."""
    embed = discord.Embed(title=text.title or None, description=text.description or None, colour=COLOR)
    if text.author:
        embed.set_author(name=text.author)
    for name, value in text.fields:
        embed.add_field(name=name, value=value, inline=False)
    if text.footer:
        embed.set_footer(text=text.footer)
    return embed


def see_also_items(library: Library, refs: Sequence[str], row: int) -> list[discord.ui.Item[Any]]:
    """See-also references as buttons that open their target (one row of up to 5, else a menu)."""
    targets = [(ref, library.resolve(ref)) for ref in refs]
    found = [(open_ref(ref), ref, ref_label(t)) for ref, t in targets if t is not None]
    found = [(ids_, ref, label) for ids_, ref, label in found if ids_.fits()]
    if not found:
        return []
    if len(found) <= SEE_ALSO_BUTTONS:
        return [c.button(label, ids_, row=row) for ids_, _, label in found]
    options = [
        discord.SelectOption(label=clip(label, limits.SELECT_OPTION_LABEL), value=ref)
        for _, ref, label in found[: limits.SELECT_OPTIONS]
    ]
    return [c.select(ids.RefMenu(), options=options, placeholder="See also…", row=row)]


SEE_ALSO_BUTTONS = 5


def open_ref(ref: str) -> ids.OpenRef:
    """The button id that opens a content reference (``article:x#y``, ``resources:z``)."""
    kind, _, target = ref.partition(":")
    return ids.OpenRef(kind, target)


def article_overview(library: Library, article: Article, *, shareable: bool) -> Reply:
    """The article's first screen; rendered once per library snapshot, like :func:`article_page`."""
    pages = _PAGES.setdefault(library, {})
    key = (article.id, "-", -1, shareable, False)  # page -1: no section page has it
    parts = pages.get(key)
    if parts is None:
        parts = _render_overview(library, article, shareable=shareable)
        if len(pages) >= PAGES_KEPT:
            del pages[next(iter(pages))]
        pages[key] = parts
    embed, view = parts
    return Reply(embeds=[embed], view=view)


def _render_overview(library: Library, article: Article, *, shareable: bool) -> PageParts:
    embed = to_embed(overview_embed(article))
    items: list[discord.ui.Item[Any]] = [
        c.button(
            "Start reading",
            ids.ReadPage(article.id, article.sections[0].id, 0),
            style=discord.ButtonStyle.primary,
            row=0,
        ),
        c.button("Sources", ids.ArticleSources(article.id, 0, "-", 0), row=0),
    ]
    if shareable:
        items.append(c.button("Share in channel", ids.ShareArticle(article.id, "-", 0), row=0))
    items.append(section_picker(article, None))
    return embed, c.view(*items)


def section_picker(article: Article, current: str | None) -> discord.ui.Item[Any]:
    options = [
        discord.SelectOption(
            label=clip(f"{n}. {s.title}", limits.SELECT_OPTION_LABEL), value=s.id, default=s.id == current
        )
        for n, s in enumerate(article.sections[: limits.SELECT_OPTIONS], 1)
    ]
    return c.select(ids.SectionMenu(article.id), options=options, placeholder="Jump to a section…", row=1)


PageParts = tuple[discord.Embed, discord.ui.View | None]
_PAGES: weakref.WeakKeyDictionary[Library, dict[tuple[str, str, int, bool, bool], PageParts]] = (
    weakref.WeakKeyDictionary()
)
PAGES_KEPT = 512
"""Rendered pages kept per library snapshot (the oldest goes first)."""


def article_page(
    library: Library, article: Article, section_id: str, page: int, *, shareable: bool, shared: bool = False
) -> Reply:
    """One page of a section, with its navigation.

    A page depends only on the library snapshot and these arguments, and the
    same few pages are read over and over, so each is rendered once per
    snapshot and its embed and (stopped, payload-cached) view are shared by
    every reply that shows it; a reload starts a new snapshot, and the old one's
    pages go with it. Callers get a fresh :class:`Reply` and must not change
    the embed or view in it.
    """
    pages = _PAGES.setdefault(library, {})
    key = (article.id, section_id, page, shareable, shared)
    parts = pages.get(key)
    if parts is None:
        parts = _render_article_page(library, article, section_id, page, shareable=shareable, shared=shared)
        if len(pages) >= PAGES_KEPT:
            del pages[next(iter(pages))]
        pages[key] = parts
    embed, view = parts
    return Reply(embeds=[embed], view=view, ephemeral=False if shared else None)


def _render_article_page(
    library: Library, article: Article, section_id: str, page: int, *, shareable: bool, shared: bool
) -> PageParts:
    index = next(i for i, s in enumerate(article.sections) if s.id == section_id)
    section = article.sections[index]
    pages = article_section_pages(article, index)
    page = max(0, min(page, len(pages) - 1))
    embed = to_embed(section_embed(article, index, pages[page]))
    if shared:
        return embed, None

    prev_target = (
        (article.sections[index].id, page - 1)
        if page > 0
        else ((article.sections[index - 1].id, 999) if index > 0 else None)
    )
    next_target = (
        (section.id, page + 1)
        if page + 1 < len(pages)
        else ((article.sections[index + 1].id, 0) if index + 1 < len(article.sections) else None)
    )
    row0: list[discord.ui.Item[Any]] = [
        c.button(
            "◀ Previous",
            ids.ReadPage(article.id, *(prev_target or (section.id, page))),
            disabled=prev_target is None,
            row=0,
        ),
        c.button("Contents", ids.ReadPage(article.id, "-", 0), row=0),
        c.button(
            "Next ▶",
            ids.ReadPage(article.id, *(next_target or (section.id, page))),
            style=discord.ButtonStyle.primary,
            disabled=next_target is None,
            row=0,
        ),
    ]
    items = [*row0, section_picker(article, section.id)]
    items.append(c.button("Sources", ids.ArticleSources(article.id, 0, section.id, page), row=2))
    if shareable:
        items.append(c.button("Share in channel", ids.ShareArticle(article.id, section.id, page), row=2))
    items += see_also_items(library, section.see_also, row=3)
    return embed, c.view(*items)


def sources_page(
    at: ids.ArticleSources | ids.TopicSources, sources: Sequence[Source], reviewed: Any
) -> Reply:
    """The sources of an article or topic, a page at a time, with a way back to where the reader was."""
    text = sources_embed(sources, reviewed, at.page)
    count = len(sources_pages(sources))
    page = max(0, min(at.page, count - 1))
    back: ids.ReadPage | ids.ResourcePage = (
        ids.ReadPage(at.article, at.section, at.back_page)
        if isinstance(at, ids.ArticleSources)
        else ids.ResourcePage(at.topic, at.region, at.back_page)
    )
    items: list[discord.ui.Item[Any]] = [c.button("◀ Back", back, row=0)]
    if count > 1:
        items += [
            c.button("Previous", replace(at, page=page - 1), disabled=page == 0, row=0),
            c.button("Next", replace(at, page=page + 1), disabled=page + 1 >= count, row=0),
        ]
    return Reply(embeds=[to_embed(text)], view=c.view(*items))


def routine_line(routine: Routine) -> str:
    return f"**{routine.title}** — {routine.minutes} min · {routine.position}"


LIBRARY_LIST = 300
"""Characters the routine and topic lists in /library may each use; articles get the rest."""
LIBRARY_FIELD_NAMES = 100


def _titles(lines: Sequence[str], limit: int = LIBRARY_LIST) -> str:
    """As many lines as fit in ``limit``, then "…and N more" (the menus below list them all)."""
    shown: list[str] = []
    for n, line in enumerate(lines):
        more = f"…and {len(lines) - n} more in the menu below"
        if len("\n".join([*shown, line])) > limit - len(more) - 1 and n < len(lines) - 1:
            shown.append(more)
            break
        shown.append(line)
    return "\n".join(shown)


def library_page(library: Library) -> Reply:
    embed = discord.Embed(
        title="Library",
        colour=COLOR,
        description="Everything I can share. Pick from a menu, or use `/search`.",
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
            name="📖 Articles (/read)",
            inline=False,
            value=_titles([f"**{a.title}**" for a in articles], article_budget),
        )
    if routines:
        embed.add_field(name="🧘 Stretching routines (/stretch)", inline=False, value=routine_list)
    if topics:
        embed.add_field(name="🤝 Help and resources (/resources)", inline=False, value=topic_list_text)
    items: list[discord.ui.Item[Any]] = []
    menus: tuple[tuple[str, Sequence[Article | Routine | ResourceTopic], str], ...] = (
        ("article", articles, "Open an article…"),
        ("routine", routines, "Start a routine…"),
        ("resources", topics, "Open a resource topic…"),
    )
    for row, (kind, entries, placeholder) in enumerate(menus):
        if entries:
            options = [
                discord.SelectOption(label=clip(e.title, limits.SELECT_OPTION_LABEL), value=e.id)
                for e in entries[: limits.SELECT_OPTIONS]
            ]
            items.append(c.select(ids.OpenMenu(kind), options=options, placeholder=placeholder, row=row))
    return Reply(embeds=[embed], view=c.view(*items))


def article_list(library: Library) -> Reply:
    """``/read`` with no article: the articles to pick from."""
    articles = sorted(library.articles.values(), key=lambda a: a.title)
    embed = discord.Embed(
        title="Articles",
        colour=COLOR,
        description=_titles([f"**{a.title}**" for a in articles], limits.SCREEN - 200) or "No articles yet.",
    )
    embed.set_footer(text="Pick one below. Each is read a short section at a time.")
    options = [
        discord.SelectOption(label=clip(a.title, limits.SELECT_OPTION_LABEL), value=a.id)
        for a in articles[: limits.SELECT_OPTIONS]
    ]
    menu = ids.OpenMenu("article")
    items = [c.select(menu, options=options, placeholder="Open an article…")] if options else []
    return Reply(embeds=[embed], view=c.view(*items))


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
            content=f"Nothing found for “{discord.utils.escape_markdown(shown)}”. {NOTHING_FOUND_NEXT}",
            view=c.view(
                c.button("Browse the library", ids.LibraryPage(), style=discord.ButtonStyle.primary),
                c.button("Help and resources", ids.OpenRef("resources", "-")),
            ),
            ephemeral=True,
        )
    embed = discord.Embed(title=clip(f"Search: {shown}", limits.EMBED_TITLE), colour=COLOR)
    for n, (_, hit) in enumerate(results, 1):
        embed.add_field(
            name=clip(f"{n}. {hit.title}", RESULT_NAME),
            value=_snippet(hit.snippet),
            inline=False,
        )
    embed.set_footer(text="Open a result from the menu below.")
    options = [
        discord.SelectOption(label=clip(f"{n}. {hit.title}", limits.SELECT_OPTION_LABEL), value=ref)
        for n, (ref, hit) in enumerate(results, 1)
    ]
    menu = c.select(ids.RefMenu(), options=options, placeholder="Open a result…")
    return Reply(embeds=[embed], view=c.view(menu))


def _snippet(text: str) -> str:
    """A short snippet whose bold marks still pair up after clipping (else ``**`` shows)."""
    short = clip(text or "…", SNIPPET - 2)
    return short + "**" if short.count("**") % 2 else short


NOTHING_FOUND_NEXT = (
    "Try one or two simple words (like “fatigue” or “back pain”), or browse everything in the library."
)


def resource_topic(
    library: Library,
    topic: ResourceTopic,
    region: str | None,
    page: int = 0,
    *,
    shareable: bool,
    shared: bool = False,
) -> Reply:
    """One page of a resource topic, with Previous/Next, a "Jump to…" menu of its groups,
    Sources, its see-also links, and Share (never for crisis lines).

    Rendered once per library snapshot, like :func:`article_page` (same store and bound)."""
    pages = _PAGES.setdefault(library, {})
    key = (f"res:{topic.id}", region or "", page, shareable, shared)
    kept = pages.get(key)
    if kept is None:
        reply = _render_resource_topic(library, topic, region, page, shareable=shareable, shared=shared)
        if len(pages) >= PAGES_KEPT:
            del pages[next(iter(pages))]
        pages[key] = kept = (reply.embeds[0], reply.view)
    embed, view = kept
    return Reply(embeds=[embed], view=view, ephemeral=False if shared else None)


def _render_resource_topic(
    library: Library,
    topic: ResourceTopic,
    region: str | None,
    page: int,
    *,
    shareable: bool,
    shared: bool,
) -> Reply:
    pages = resource_pages(topic, region)
    page = max(0, min(page, len(pages) - 1))
    embed = to_embed(resource_topic_embed(topic, region, page))
    if shared:
        return Reply(embeds=[embed], ephemeral=False)
    where = region or "-"
    items: list[discord.ui.Item[Any]] = []
    if len(pages) > 1:
        items += [
            c.button("◀ Previous", ids.ResourcePage(topic.id, where, page - 1), disabled=page == 0, row=0),
            c.button(
                "Next ▶",
                ids.ResourcePage(topic.id, where, page + 1),
                style=discord.ButtonStyle.primary,
                disabled=page + 1 >= len(pages),
                row=0,
            ),
        ]
    if topic.sources:
        items.append(c.button("Sources", ids.TopicSources(topic.id, 0, where, page), row=0))
    if shareable and topic.id not in NEVER_SHARED:
        items.append(c.button("Share in channel", ids.ShareTopic(topic.id, where, page), row=0))
    groups: dict[int, int] = {}
    for n, p in enumerate(pages):
        if p.group >= 0:
            groups.setdefault(p.group, n)
    if len(groups) > 1:
        current = pages[page].group
        options = [
            discord.SelectOption(
                label=clip(topic.groups[g].title, limits.SELECT_OPTION_LABEL),
                value=str(n),
                default=g == current,
            )
            for g, n in list(groups.items())[: limits.SELECT_OPTIONS]
        ]
        jump = ids.ResourceJump(topic.id, where)
        items.append(c.select(jump, options=options, placeholder="Jump to…", row=1))
    items += see_also_items(library, topic.see_also, row=2)
    return Reply(embeds=[embed], view=c.view(*items) if items else None)


NEVER_SHARED = frozenset({"crisis"})
"""Topics never posted in a channel: crisis lines are for the person who asked, privately."""


def topic_list(library: Library) -> Reply:
    topics = sorted(library.topics.values(), key=lambda t: t.title)
    embed = discord.Embed(
        title="Help and resources",
        colour=COLOR,
        description="\n".join(f"**{t.title}**" for t in topics) or "No resource topics yet.",
    )
    options = [
        discord.SelectOption(label=clip(t.title, limits.SELECT_OPTION_LABEL), value=t.id)
        for t in topics[: limits.SELECT_OPTIONS]
    ]
    menu = ids.OpenMenu("resources")
    items = [c.select(menu, options=options, placeholder="Open a topic…")] if options else []
    return Reply(embeds=[embed], view=c.view(*items))


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
        content=f"This posts a copy in {channel_mention} for everyone. Post it?",
        view=c.view(
            c.button("Post it", post, style=discord.ButtonStyle.primary),
            c.button("Cancel", shared_back(shared)),
        ),
    )


def share_done(text: str, back: ids.ReadPage | ids.ResourcePage) -> Reply:
    return Reply(content=text, view=c.view(c.button("◀ Back", back)))


def shared_view(share_id: int) -> discord.ui.View:
    return c.view(c.button("Delete", ids.Unshare(share_id), style=discord.ButtonStyle.secondary))


PRIVACY_NOTICE = (
    "**What I keep:** your Discord user id, routine progress and completions, check-ins "
    "(pain, tiredness, stiffness, sleep, mood, your symptoms, an optional note), flares, "
    "medicines and doses you record, reminder settings, your safety plan and preferences. "
    "**Never:** your messages. **Why:** so routines can resume and your journal works. "
    "**For how long:** until you erase it. "
    "Health details are only ever shown to you privately and are never logged.\n"
    "`/privacy export` sends you a copy of everything; `/privacy delete` erases it all."
)


def help_page(library: Library) -> Reply:
    embed = discord.Embed(title=HELP_TITLE, colour=COLOR, description=help_text(library))
    items: list[discord.ui.Item[Any]] = []
    if "crisis" in library.topics:
        items.append(
            c.button("Crisis lines", ids.OpenRef("resources", "crisis"), style=discord.ButtonStyle.danger)
        )
    items += [c.button("Library", ids.LibraryPage()), c.button("Your privacy", ids.PrivacyNotice())]
    return Reply(embeds=[embed], view=c.view(*items))


def help_text(library: Library) -> str:
    """The commands, then the disclaimer (the validator measures this with the shipped disclaimer)."""
    return help_description(library.safety.disclaimer)


def privacy_notice() -> Reply:
    embed = discord.Embed(title="Your privacy", colour=COLOR, description=PRIVACY_NOTICE)
    return Reply(embeds=[embed], view=c.view(c.button("◀ Back", ids.HelpPage())))

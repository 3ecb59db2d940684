"""Renderers for reading pages: an article's overview and section pages, resource topic pages, sources.

Each page depends only on the library snapshot and its arguments, so it is
rendered once per snapshot and shared (see :func:`article_page`). Sizes come
from ``bot.limits`` so what the validator accepted always fits when sent.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import discord

from bot import limits
from bot.content.library import Library
from bot.content.models import Article, ResourceTopic, Source
from bot.content.render_text import (
    EmbedText,
    article_section_pages,
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
from bot.wording import reading as words

COLOR = discord.Colour(0x7B5EA7)  # lupus purple
LEVEL_WORDS = words.LEVELS


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
    return [c.select(ids.RefMenu(), options=options, placeholder=words.SEE_ALSO_PLACEHOLDER, row=row)]


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
            words.BUTTON_START_READING,
            ids.ReadPage(article.id, article.sections[0].id, 0),
            style=discord.ButtonStyle.primary,
            row=0,
        ),
        c.button("Sources", ids.ArticleSources(article.id, 0, "-", 0), row=0),
    ]
    if shareable:
        items.append(c.button(words.BUTTON_SHARE_IN_CHANNEL, ids.ShareArticle(article.id, "-", 0), row=0))
    items.append(section_picker(article, None))
    return embed, c.view(*items)


def section_picker(article: Article, current: str | None) -> discord.ui.Item[Any]:
    options = [
        discord.SelectOption(
            label=clip(f"{n}. {s.title}", limits.SELECT_OPTION_LABEL), value=s.id, default=s.id == current
        )
        for n, s in enumerate(article.sections[: limits.SELECT_OPTIONS], 1)
    ]
    return c.select(ids.SectionMenu(article.id), options=options, placeholder=words.JUMP_TO_SECTION, row=1)


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
        items.append(
            c.button(words.BUTTON_SHARE_IN_CHANNEL, ids.ShareArticle(article.id, section.id, page), row=2)
        )
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
        items.append(c.button(words.BUTTON_SHARE_IN_CHANNEL, ids.ShareTopic(topic.id, where, page), row=0))
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
        items.append(c.select(jump, options=options, placeholder=words.JUMP_TO, row=1))
    items += see_also_items(library, topic.see_also, row=2)
    return Reply(embeds=[embed], view=c.view(*items) if items else None)


NEVER_SHARED = frozenset({"crisis"})
"""Topics never posted in a channel: crisis lines are for the person who asked, privately."""

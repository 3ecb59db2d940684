"""Renderers for reading: article pages, the library, search results, resources and help.

Pure functions from content models to a :class:`Reply`. Sizes come from
``bot.limits`` so what the validator accepted always fits when sent.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from typing import Any

import discord
from discord import app_commands

from bot import limits
from bot.content.library import AutocompleteKind, Library, SearchHit
from bot.content.models import Article, ResourceTopic, Routine
from bot.content.render_text import (
    EmbedText,
    ref_label,
    resource_topic_embed,
    section_embed,
    section_pages,
    sources_text,
)
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


def article_overview(article: Article, *, shareable: bool) -> Reply:
    lines = [article.summary, ""]
    lines += [f"**{n}.** {s.title}" for n, s in enumerate(article.sections, 1)]
    embed = discord.Embed(
        title=clip(article.title, limits.EMBED_TITLE), description="\n".join(lines), colour=COLOR
    )
    embed.set_footer(text=sources_text(article.sources, article.reviewed))
    items: list[discord.ui.Item[Any]] = [
        c.button(
            "Start reading",
            "read",
            article.id,
            article.sections[0].id,
            0,
            style=discord.ButtonStyle.primary,
            row=0,
        ),
    ]
    items.append(section_picker(article, None))
    if shareable:
        items.append(c.button("Share in channel", "share", "article", article.id, "-", 0, row=2))
    return Reply(embeds=[embed], view=c.view(*items))


def section_picker(article: Article, current: str | None) -> discord.ui.Item[Any]:
    options = [
        discord.SelectOption(
            label=clip(f"{n}. {s.title}", limits.SELECT_OPTION_LABEL), value=s.id, default=s.id == current
        )
        for n, s in enumerate(article.sections[: limits.SELECT_OPTIONS], 1)
    ]
    return c.select("pick", article.id, options=options, placeholder="Jump to a section…", row=1)


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
    pages = section_pages(section.body)
    page = max(0, min(page, len(pages) - 1))
    body = pages[page]
    labels = [library_label(library, ref) for ref in section.see_also]
    embed = to_embed(section_embed(article, index, labels, body))
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
            "read",
            article.id,
            *(prev_target or (section.id, page)),
            disabled=prev_target is None,
            row=0,
        ),
        c.button("Contents", "read", article.id, "-", 0, row=0),
        c.button(
            "Next ▶",
            "read",
            article.id,
            *(next_target or (section.id, page)),
            style=discord.ButtonStyle.primary,
            disabled=next_target is None,
            row=0,
        ),
    ]
    items = [*row0, section_picker(article, section.id)]
    if shareable:
        items.append(c.button("Share in channel", "share", "article", article.id, section.id, page, row=2))
    return embed, c.view(*items)


def library_label(library: Library, ref: str) -> str:
    target = library.resolve(ref)
    return ref_label(target) if target is not None else ref


def routine_line(routine: Routine) -> str:
    equipment = ", ".join(routine.equipment) if routine.equipment else "nothing"
    return (
        f"**{routine.title}** — {routine.minutes} min · {LEVEL_WORDS.get(routine.level, routine.level)} · "
        f"{routine.position} · needs {equipment}"
    )


def library_page(library: Library) -> Reply:
    embed = discord.Embed(
        title="Library", colour=COLOR, description="Everything I can share. Pick below, or use `/search`."
    )
    articles = sorted(library.articles.values(), key=lambda a: a.title)
    routines = sorted(library.routines.values(), key=lambda r: r.title)
    topics = sorted(library.topics.values(), key=lambda t: t.title)
    if articles:
        listing = "\n".join(f"**{a.title}** — {a.summary}" for a in articles)
        if len(listing) > limits.EMBED_FIELD_VALUE:  # many articles: every title beats half the summaries
            listing = "\n".join(f"**{a.title}**" for a in articles)
        embed.add_field(
            name="📖 Articles (/read)", inline=False, value=clip(listing, limits.EMBED_FIELD_VALUE)
        )
    if routines:
        embed.add_field(
            name="🧘 Stretching routines (/stretch)",
            inline=False,
            value=clip("\n".join(routine_line(r) for r in routines), limits.EMBED_FIELD_VALUE),
        )
    if topics:
        embed.add_field(
            name="🤝 Help and resources (/resources)",
            inline=False,
            value=clip("\n".join(f"**{t.title}**" for t in topics), limits.EMBED_FIELD_VALUE),
        )
    items: list[discord.ui.Item[Any]] = []
    for row, (kind, entries, placeholder) in enumerate(
        (
            ("article", articles, "Open an article…"),
            ("routine", routines, "Start a routine…"),
            ("resources", topics, "Open a resource topic…"),
        )
    ):
        if entries:
            options = [
                discord.SelectOption(label=clip(e.title, limits.SELECT_OPTION_LABEL), value=e.id)
                for e in entries[: limits.SELECT_OPTIONS]
            ]
            items.append(c.select("open", kind, options=options, placeholder=placeholder, row=row))
    return Reply(embeds=[embed], view=c.view(*items))


def search_results(query: str, hits: Sequence[SearchHit]) -> Reply:
    shown = clip(query, 100)
    if not hits:
        return Reply(
            content=(
                f"I found nothing for “{discord.utils.escape_markdown(shown)}”. Try fewer or simpler words, "
                "or browse everything with `/library`."
            ),
            ephemeral=True,
        )
    embed = discord.Embed(title=clip(f"Search: {shown}", limits.EMBED_TITLE), colour=COLOR)
    for n, hit in enumerate(hits[:10], 1):
        embed.add_field(
            name=clip(f"{n}. {hit.title}", limits.EMBED_FIELD_NAME),
            value=clip(hit.snippet or "…", 300),
            inline=False,
        )
    # One option per place to open: several items of one resource topic share its ref, and
    # Discord refuses a menu whose option values repeat (the whole reply would fail).
    options: dict[str, discord.SelectOption] = {}
    for n, hit in enumerate(hits[:10], 1):
        label = clip(f"{n}. {hit.title}", limits.SELECT_OPTION_LABEL)
        options.setdefault(hit.ref[:100], discord.SelectOption(label=label, value=hit.ref[:100]))
    menu = c.select("go", options=list(options.values()), placeholder="Open a result…")
    return Reply(embeds=[embed], view=c.view(menu))


def resource_topic(
    topic: ResourceTopic, region: str | None, *, shareable: bool, shared: bool = False
) -> Reply:
    embed = to_embed(resource_topic_embed(topic, region))
    if shared or not shareable:
        return Reply(embeds=[embed], ephemeral=False if shared else None)
    return Reply(
        embeds=[embed],
        view=c.view(c.button("Share in channel", "share", "resources", topic.id, region or "-", 0)),
    )


def topic_list(library: Library) -> Reply:
    topics = sorted(library.topics.values(), key=lambda t: t.title)
    embed = discord.Embed(
        title="Help and resources",
        colour=COLOR,
        description="\n".join(f"**{t.title}** — `/resources {t.id}`" for t in topics)
        or "No resource topics yet.",
    )
    options = [
        discord.SelectOption(label=clip(t.title, limits.SELECT_OPTION_LABEL), value=t.id)
        for t in topics[: limits.SELECT_OPTIONS]
    ]
    items = [c.select("open", "resources", options=options, placeholder="Open a topic…")] if options else []
    return Reply(embeds=[embed], view=c.view(*items))


HELP_COMMANDS = (
    ("/read", "read an article, one short section at a time"),
    ("/library", "browse everything: articles, routines, help"),
    ("/search", "find a word or topic"),
    ("/stretch", "gentle stretching, guided step by step"),
    ("/resources", "care team, money help, crisis lines"),
    ("/checkin", "a private check-in in three taps"),
    ("/symptoms", "your own symptoms on the check-in card"),
    ("/flare", "mark the start or end of a flare"),
    ("/meds", "your medicines, with DM reminders"),
    ("/journal", "your recent check-ins, a chart and a file for appointments"),
    ("/report", "a one-page PDF for your doctor"),
    ("/remind", "daily stretch and check-in reminders by DM"),
    ("/safety-plan", "your private plan for hard moments"),
    ("/privacy", "get a copy of your data, or erase it"),
)

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
    embed = discord.Embed(
        title="Lupus Companion",
        colour=COLOR,
        description="\n".join(f"`{name}` — {what}" for name, what in HELP_COMMANDS),
    )
    embed.add_field(
        name="Please remember", value=clip(library.safety.disclaimer, limits.EMBED_FIELD_VALUE), inline=False
    )
    embed.add_field(name="Your privacy", value=clip(PRIVACY_NOTICE, limits.EMBED_FIELD_VALUE), inline=False)
    return Reply(
        embeds=[embed],
        view=c.view(
            c.button("Crisis lines", "open", "resources", "crisis", style=discord.ButtonStyle.danger)
            if "crisis" in library.topics
            else c.button("Library", "library")
        ),
    )

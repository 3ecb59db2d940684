"""The exact text the renderers put into Discord embeds, as pure functions.

The validator measures content with these same functions, so "fits Discord" is
proved when content loads instead of discovered as a 400 error (or a silently
clipped crisis line) when a member opens it. Renderers in ``bot/ui`` should build
their embeds from these helpers rather than re-assembling the text themselves;
if a renderer changes its layout, change it here and the validator follows.

No Discord imports: this module is plain text in, plain text out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot import limits
from bot.content.models import (
    Article,
    ResourceItem,
    ResourceTopic,
    Routine,
    Safety,
    Section,
    Source,
)
from bot.text import clip, split_pages


@dataclass(frozen=True, slots=True)
class EmbedText:
    """The text parts of one embed, enough to count it against Discord's 6000 total."""

    title: str = ""
    description: str = ""
    author: str = ""
    footer: str = ""
    fields: tuple[tuple[str, str], ...] = ()

    def total(self) -> int:
        """Characters Discord counts toward :data:`bot.limits.EMBED_TOTAL`."""
        return (
            len(self.title)
            + len(self.description)
            + len(self.author)
            + len(self.footer)
            + sum(len(name) + len(value) for name, value in self.fields)
        )


def bullet_list(items: Iterable[str]) -> str:
    return "\n".join(f"• {item}" for item in items)


def contact_text(item: ResourceItem) -> str:
    """How to reach a number, in words: a text-only line says "Text", never shows a phone icon."""
    if item.phone is None:
        return ""
    match item.kind:
        case "text":
            word = f"{item.keyword} " if item.keyword else ""
            return f"💬 Text {word}to {item.phone}"
        case "call-or-text":
            return f"📞 Call or text {item.phone}"
        case "emergency":
            return f"🚨 Call {item.phone}"
        case _:
            return f"📞 {item.phone}"


def resource_item_text(item: ResourceItem) -> str:
    """One resource: its name as a link, what it helps with, then how to reach it by phone."""
    name = f"**[{item.name}]({item.url})**" if item.url else f"**{item.name}**"
    contact = contact_text(item)
    return f"{name} — {item.helps_with}" + (f"\n{contact}" if contact else "")


def region_note(region: str | None) -> str:
    return f"*Showing help for {region.upper()}.*" if region else ""


def reviewed_text(reviewed: dt.date) -> str:
    """``reviewed Nov 2026``: the month is what a reader needs."""
    return f"reviewed {reviewed:%b %Y}"


FOOTER_RESERVE = 48
"""Room kept for a footer such as "Page 12 of 14 · reviewed Sep 2026" and line breaks."""
SOURCES_TITLE = "Sources"


def source_line(n: int, source: Source) -> str:
    return f"{n}. [{source.title}]({source.url})"


def sources_pages(sources: Sequence[Source]) -> list[str]:
    """The numbered source list, as masked links, cut into pages that each fit one screen."""
    budget = limits.SCREEN - len(SOURCES_TITLE) - FOOTER_RESERVE
    pages: list[str] = []
    page = ""
    for n, source in enumerate(sources, 1):
        line = source_line(n, source)
        if page and len(page) + 1 + len(line) > budget:
            pages.append(page)
            page = ""
        page = f"{page}\n{line}" if page else line
    return [*pages, page] if page else pages or [""]


def sources_embed(sources: Sequence[Source], reviewed: dt.date, page: int) -> EmbedText:
    pages = sources_pages(sources)
    page = max(0, min(page, len(pages) - 1))
    where = f"Page {page + 1} of {len(pages)} · " if len(pages) > 1 else ""
    return EmbedText(title=SOURCES_TITLE, description=pages[page], footer=where + reviewed_text(reviewed))


@dataclass(frozen=True, slots=True)
class ResourcePage:
    """One screen of a resource topic: ``group`` is the index in ``topic.groups`` it shows
    (-1 for the topic's intro on its own)."""

    group: int
    text: str


def _resource_budget(topic: ResourceTopic) -> int:
    return limits.SCREEN - len(clip(topic.title, limits.EMBED_TITLE)) - FOOTER_RESERVE


def resource_pages(topic: ResourceTopic, region: str | None = None) -> list[ResourcePage]:
    """A topic as screens: one per group (a long group goes on over several), the intro and
    region note on top of the first when they fit, else on a screen of their own."""
    budget = _resource_budget(topic)
    pages: list[ResourcePage] = []
    for g, group in enumerate(topic.groups):
        items = [item for item in group.items if item.serves(region)]
        if not items:
            continue
        head = f"**{group.title}**" + (f"\n{group.intro}" if group.intro else "")
        text = head
        for item in items:
            line = resource_item_text(item)
            if text != head and len(text) + 2 + len(line) > budget:
                pages.append(ResourcePage(g, text))
                text = f"**{group.title}** (continued)"
                head = text
            text += "\n\n" + line
        pages.append(ResourcePage(g, text))
    intro = "\n\n".join(part for part in (topic.intro, region_note(region)) if part)
    if not pages:
        return [ResourcePage(-1, intro + "\n\nNothing here for that region yet.")]
    first = pages[0]
    if len(intro) + 2 + len(first.text) <= budget:
        return [ResourcePage(first.group, f"{intro}\n\n{first.text}"), *pages[1:]]
    return [ResourcePage(-1, intro), *pages]


def resource_page_of_group(topic: ResourceTopic, region: str | None, group: int) -> int:
    """The first page showing ``group`` (0 when it has nothing for the region)."""
    pages = resource_pages(topic, region)
    return next((n for n, page in enumerate(pages) if page.group == group), 0)


def resource_topic_embed(topic: ResourceTopic, region: str | None = None, page: int = 0) -> EmbedText:
    """One page of a topic as one embed, footed "Page i of n · reviewed Nov 2026"."""
    pages = resource_pages(topic, region)
    page = max(0, min(page, len(pages) - 1))
    where = f"Page {page + 1} of {len(pages)} · " if len(pages) > 1 else ""
    return EmbedText(
        title=clip(topic.title, limits.EMBED_TITLE),
        description=pages[page].text,
        footer=where + reviewed_text(topic.reviewed),
    )


Target = Article | tuple[Article, Section] | Routine | ResourceTopic


def ref_label(target: Target) -> str:
    """How a see-also reference reads on its button: an icon for the kind, then the title."""
    if isinstance(target, tuple):
        _, section = target
        label = f"📖 {section.title}"
    elif isinstance(target, Article):
        label = f"📖 {target.title}"
    elif isinstance(target, Routine):
        label = f"🧘 {target.title}"
    else:
        label = f"🤝 {target.title}"
    return clip(label, limits.BUTTON_LABEL)


PAGE_MARK_RESERVE = 40
"""Room for "*Page 2 of 3 of this section*" under a page of a long section."""

#: The most a section page may hold when nothing else is on the screen.
SECTION_PAGE = limits.SCREEN - FOOTER_RESERVE - PAGE_MARK_RESERVE


def section_footer(article: Article, index: int) -> str:
    return f"Section {index + 1} of {len(article.sections)} · {reviewed_text(article.reviewed)}"


def section_page_size(article: Article, index: int) -> int:
    """How much of a section's body one screen holds next to its title, author and footer."""
    section = article.sections[index]
    fixed = len(clip(section.title, limits.EMBED_TITLE)) + len(clip(article.title, limits.EMBED_AUTHOR))
    return limits.SCREEN - fixed - len(section_footer(article, index)) - PAGE_MARK_RESERVE


def section_pages(body: str, size: int = SECTION_PAGE) -> list[str]:
    """The pages a section body is shown in, each with its "Page i of n" marker when split."""
    pages = split_pages(body, max(size, 200))
    if len(pages) == 1:
        return pages
    return [f"{text}\n\n*Page {n} of {len(pages)} of this section*" for n, text in enumerate(pages, 1)]


def article_section_pages(article: Article, index: int) -> list[str]:
    return section_pages(article.sections[index].body, section_page_size(article, index))


def section_embed(article: Article, index: int, body: str | None = None) -> EmbedText:
    """One section as one embed: section title, the article as author, and
    "Section i of n · reviewed Nov 2026" as footer. ``body``: the page shown (default: page 1)."""
    section = article.sections[index]
    return EmbedText(
        title=clip(section.title, limits.EMBED_TITLE),
        description=article_section_pages(article, index)[0] if body is None else body,
        author=clip(article.title, limits.EMBED_AUTHOR),
        footer=section_footer(article, index),
    )


def overview_embed(article: Article) -> EmbedText:
    """An article's contents: its summary and numbered section titles."""
    lines = [article.summary, ""]
    lines += [f"**{n}.** {s.title}" for n, s in enumerate(article.sections, 1)]
    return EmbedText(
        title=clip(article.title, limits.EMBED_TITLE),
        description="\n".join(lines),
        footer=f"{len(article.sections)} sections · {reviewed_text(article.reviewed)}",
    )


HELP_TITLE = "Lupus Companion"
HELP_COMMANDS = (
    ("/read", "read an article, one short section at a time"),
    ("/library", "browse articles, routines and help"),
    ("/search", "find a word or topic"),
    ("/stretch", "gentle stretching, guided step by step"),
    ("/resources", "care team, money help, crisis lines"),
    ("/checkin", "a private check-in in three taps"),
    ("/symptoms", "your own symptoms on the check-in card"),
    ("/flare", "mark the start or end of a flare"),
    ("/meds", "your medicines, with DM reminders"),
    ("/journal", "your check-ins, a chart and a file"),
    ("/report", "a one-page PDF for your doctor"),
    ("/remind", "daily stretch and check-in reminders"),
    ("/safety-plan", "your private plan for hard moments"),
    ("/privacy", "get a copy of your data, or erase it"),
)
"""What ``/help`` lists, in order."""


def help_description(disclaimer: str) -> str:
    """``/help``: one line per command, then the medical disclaimer."""
    commands = "\n".join(f"`{name}` — {what}" for name, what in HELP_COMMANDS)
    return f"{commands}\n\n**Please remember:** {disclaimer}"


HURT_TITLE = "Stop now — you did the right thing"
HURT_BUTTONS_HINT = (
    "Tap below for emergency numbers, when to call your care team, or to note this in your journal."
)


def hurt_text(safety: Safety) -> str:
    """The "It hurts" card: the emergency signs first, then the stop advice (one phone screen).
    Without ``hurt_signs`` in the content, the emergency red flags stand in."""
    signs = safety.hurt_signs or safety.red_flags.emergency.items
    return "\n\n".join(
        (
            f"**{safety.red_flags.emergency.title} if you have:**\n{bullet_list(signs)}",
            safety.stop_advice.strip(),
            HURT_BUTTONS_HINT,
        )
    )


# --- routine intro and safety notes --------------------------------------------------------------
# One screen each (limits.SCREEN): the intro is one line; the cautions, the disclaimer and the
# sources page inside one message, so nothing is ever a wall of text. The validator measures these.

ROUTINE_NOTE_RESERVE = 270
"""Room kept on a notes page for the title, the one-time note above it (with the auto-advance
line) and the footer."""
ROUTINE_NOTES_BUDGET = limits.SCREEN - ROUTINE_NOTE_RESERVE
AUTO_ON_LINE = "**Auto-advance is on:** holds and rests move on by themselves. **Pause** any time."
AUTO_OFF_LINE = "**Auto-advance is off:** tap **Next** after each hold. Rests end by themselves."


def _pack(blocks: Sequence[tuple[str, Sequence[str], str]], budget: int) -> list[str]:
    """Blocks ``(heading, lines, joiner)`` packed into pages of at most ``budget`` characters.
    A block starts after a blank line; one that goes on to a new page repeats its heading."""
    pages: list[str] = []
    page = ""
    for heading, lines, joiner in blocks:
        for i, line in enumerate(lines):
            piece = f"**{heading}**\n{line}" if heading and i == 0 else line
            sep = "\n\n" if i == 0 else joiner
            if page and len(page) + len(sep) + len(piece) > budget:
                pages.append(page)
                page = f"**{heading}** (continued)\n{line}" if heading and i > 0 else piece
            else:
                page = f"{page}{sep}{piece}" if page else piece
    return [*pages, page] if page else pages or [""]


def routine_notes_pages(routine: Routine, disclaimer: str) -> list[str]:
    """The routine's safety notes: what you need, every caution, then the medical disclaimer."""
    blocks: list[tuple[str, Sequence[str], str]] = []
    if routine.equipment:
        blocks.append(("You need", [", ".join(routine.equipment)], "\n"))
    blocks.append(("Before you start", [f"• {caution}" for caution in routine.cautions], "\n"))
    paragraphs = [p.strip() for p in disclaimer.split("\n\n") if p.strip()]
    if paragraphs:
        blocks.append(("", paragraphs, "\n\n"))
    return _pack(blocks, ROUTINE_NOTES_BUDGET)


def routine_sources_pages(routine: Routine) -> list[str]:
    """The routine's sources as numbered masked links, paged to fit a screen."""
    lines = [f"{n}. [{source.title}]({source.url})" for n, source in enumerate(routine.sources, 1)]
    return _pack([("Sources", lines, "\n")], ROUTINE_NOTES_BUDGET)


def care_text(safety: Safety) -> str:
    """The "When to call my care team" text: the same-day list."""
    return f"**{safety.red_flags.urgent.title}**\n{bullet_list(safety.red_flags.urgent.items)}"


def stop_text(safety: Safety) -> str:
    """What a member sees after tapping "It hurts": the stop advice, then both red-flag lists."""
    flags = safety.red_flags
    return "\n\n".join(
        (
            safety.stop_advice,
            f"**{flags.emergency.title}**\n{bullet_list(flags.emergency.items)}",
            f"**{flags.urgent.title}**\n{bullet_list(flags.urgent.items)}",
        )
    )


_LINK = re.compile(r"\[([^\]\n]*)\]\((?:<)?https?://[^)\s>]*(?:>)?\)")
_LINE_MARKS = re.compile(r"^[ \t]*(?:>+[ \t]?|[-*+][ \t]+|#+[ \t]+)", re.MULTILINE)
_INLINE_MARKS = str.maketrans("", "", "*_~`|")


def plain_text(markdown: str) -> str:
    """Discord markdown reduced to words, for search snippets (``[text](url)`` keeps ``text``)."""
    text = _LINK.sub(r"\1", markdown)
    text = _LINE_MARKS.sub("", text).translate(_INLINE_MARKS)
    return " ".join(text.split())

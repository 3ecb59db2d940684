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
    ResourceGroup,
    ResourceItem,
    ResourceTopic,
    Routine,
    Safety,
    Section,
    Source,
)
from bot.text import clip, split_pages

EVERYWHERE = "INTL"


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


def regions_text(regions: Sequence[str]) -> str:
    """``US, CA`` or ``everywhere``."""
    if EVERYWHERE in regions:
        named = [r for r in regions if r != EVERYWHERE]
        return "everywhere" if not named else ", ".join(named) + " and everywhere"
    return ", ".join(regions)


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
    """One resource as two short lines: name, where and what it helps with; then how to reach it."""
    contact = " · ".join(part for part in (contact_text(item), item.url or "") if part)
    return f"**{item.name}** ({regions_text(item.regions)}) — {item.helps_with}\n{contact}"


def resource_group_text(group: ResourceGroup, region: str | None = None) -> str:
    """The value of the embed field that shows ``group``: its intro, then every item that
    serves ``region`` (all items when None). Empty when no item serves the region."""
    items = [item for item in group.items if item.serves(region)]
    if not items:
        return ""
    lines = [group.intro] if group.intro else []
    lines += [resource_item_text(item) for item in items]
    return "\n".join(lines)


def region_note(region: str | None) -> str:
    return f"\n\n*Showing help for {region.upper()} and for everywhere.*" if region else ""


def sources_text(sources: Sequence[Source], reviewed: dt.date) -> str:
    """The footer line naming the sources and the review date."""
    names = ", ".join(source.title for source in sources)
    return clip(f"Sources: {names} · Reviewed {reviewed}", limits.EMBED_FOOTER)


def resource_topic_embed(topic: ResourceTopic, region: str | None = None) -> EmbedText:
    """A topic as one embed: the intro, then one field per group that has help for ``region``."""
    fields = tuple(
        (clip(group.title, limits.EMBED_FIELD_NAME), value)
        for group in topic.groups
        if (value := resource_group_text(group, region))
    )
    return EmbedText(
        title=clip(topic.title, limits.EMBED_TITLE),
        description=topic.intro + region_note(region),
        footer=sources_text(topic.sources, topic.reviewed) if topic.sources else "",
        fields=fields,
    )


Target = Article | tuple[Article, Section] | Routine | ResourceTopic


def ref_label(target: Target) -> str:
    """How a see-also reference reads: the title and the command that opens it."""
    if isinstance(target, tuple):
        article, section = target
        return f"{article.title} → {section.title} (`/read {article.id} {section.id}`)"
    if isinstance(target, Article):
        return f"{target.title} (`/read {target.id}`)"
    if isinstance(target, Routine):
        return f"{target.title} (`/stretch {target.id}`)"
    return f"{target.title} (`/resources {target.id}`)"


def see_also_text(labels: Sequence[str]) -> str:
    return bullet_list(labels)


SEE_ALSO = "See also"


#: A section longer than one embed is read over several pages of at most this many characters,
#: leaving room in the description for the page marker.
SECTION_PAGE = limits.EMBED_DESCRIPTION - 200


def section_pages(body: str) -> list[str]:
    """The pages a section body is shown in, each with its "Page i of n" marker when split."""
    pages = split_pages(body, SECTION_PAGE)
    if len(pages) == 1:
        return pages
    return [f"{text}\n\n*Page {n} of {len(pages)} of this section*" for n, text in enumerate(pages, 1)]


def section_embed(
    article: Article, index: int, see_also_labels: Sequence[str], body: str | None = None
) -> EmbedText:
    """One section as one embed: section title, the article as author, see-also as a field,
    and "Section i of n · Sources …" as footer. ``body`` is the page shown (default: all of it)."""
    section = article.sections[index]
    footer = f"Section {index + 1} of {len(article.sections)} · " + sources_text(
        article.sources, article.reviewed
    )
    fields = ((SEE_ALSO, see_also_text(see_also_labels)),) if see_also_labels else ()
    return EmbedText(
        title=clip(section.title, limits.EMBED_TITLE),
        description=section.body if body is None else body,
        author=clip(article.title, limits.EMBED_AUTHOR),
        footer=clip(footer, limits.EMBED_FOOTER),
        fields=fields,
    )


def routine_intro_text(routine: Routine, disclaimer: str = "") -> str:
    """What a member reads before the first step: summary, what you need, cautions, disclaimer."""
    parts = [routine.summary]
    if routine.equipment:
        parts.append("**You need:** " + ", ".join(routine.equipment))
    parts.append("**Before you start**\n" + bullet_list(routine.cautions))
    if disclaimer:
        parts.append(disclaimer)
    return "\n\n".join(parts)


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

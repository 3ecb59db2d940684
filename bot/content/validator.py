"""Rules that need more than one file, or the rendered size of a whole message.

The models check each value on its own. Here we check what only the whole tree
can tell: ids are unique per kind and match their file names, ids inside an
article or routine are unique, every reference points at something that exists,
``safety.yaml`` is there, and everything the renderers will send fits Discord
(measured with :mod:`bot.content.render_text`, the same text the renderers send,
and with the id classes of :mod:`bot.custom_ids`, which build the custom_ids the buttons carry).

Each problem is reported at the line of the value it is about.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot import limits
from bot.content import render_text
from bot.content.errors import ContentError, where
from bot.content.loaded import KIND_WORD, ContentIndex, LoadedFile
from bot.content.marked_yaml import DataPath
from bot.content.models import (
    VISIBLE_TEXT_MAX,
    Article,
    ContentModel,
    ResourceTopic,
    Routine,
    Safety,
    Synonyms,
)
from bot.content.synonym_rules import searchable_text, synonym_rules
from bot.custom_ids import widest_naming
from bot.custom_ids.reading import OpenRef


def validate_files(files: Sequence[LoadedFile], safety_path: str | None) -> list[ContentError]:
    """Cross-file and rendering rules over every file that parsed (see module docstring).

    ``safety_path`` is the display path of ``safety.yaml`` when it is missing, else None.
    """
    errors: list[ContentError] = []
    if safety_path is not None:
        errors.append(
            ContentError(
                safety_path,
                1,
                1,
                (
                    "safety.yaml is missing: the bot needs the disclaimer, stop advice, red flags "
                    "and crisis reply"
                ),
            )
        )
    errors += _duplicate_ids(files)
    index = ContentIndex(files)
    safety = next((f.model for f in files if isinstance(f.model, Safety)), None)
    for file in files:
        model = file.model
        if model is None:
            continue
        item_id = _item_id(model)
        if item_id is not None and file.path.stem != item_id:
            errors.append(
                file.error(
                    ("id",),
                    (
                        f"id '{item_id}' does not match the file name '{file.path.name}': "
                        f"rename the file to {item_id}.yaml or change the id"
                    ),
                )
            )
        if isinstance(model, Article):
            errors += _article_rules(file, model, index)
        elif isinstance(model, Routine):
            errors += _routine_rules(file, model, index, safety)
        elif isinstance(model, ResourceTopic):
            errors += _topic_rules(file, model, index)
        elif isinstance(model, Safety):
            errors += _references(file, ("crisis", "see_also"), model.crisis.see_also, index)
            errors += _safety_rules(file, model)
            topics = [f.model for f in files if isinstance(f.model, ResourceTopic)]
            crisis_topic = next((t for t in topics if t.id == "crisis"), None)
            errors += _crisis_card_rules(file, model, crisis_topic)
        elif isinstance(model, Synonyms):
            errors += synonym_rules(file, model, searchable_text(files))
    return errors


def _crisis_card_rules(file: LoadedFile, safety: Safety, topic: ResourceTopic | None) -> list[ContentError]:
    """Every crisis card (each region, concern and language) fits one and a half phone screens."""
    from bot.crisis.card import longest_card  # the card's own renderer, measured here

    size, which = longest_card(safety, topic)
    if size <= VISIBLE_TEXT_MAX:
        return []
    return [
        _too_long(
            file,
            ("crisis", "reply"),
            f"the crisis card ({which})",
            size,
            VISIBLE_TEXT_MAX,
            "Shorten the crisis words or the region's lines.",
        )
    ]


def _item_id(model: ContentModel | None) -> str | None:
    """The id of an article, routine or topic; None for safety.yaml or a model that failed."""
    return model.id if isinstance(model, Article | Routine | ResourceTopic) else None


def _duplicate_ids(files: Sequence[LoadedFile]) -> list[ContentError]:
    seen: dict[tuple[str, str], list[LoadedFile]] = {}
    for file in files:
        item_id = _item_id(file.model)
        if item_id is not None:
            seen.setdefault((file.kind, item_id), []).append(file)
    errors: list[ContentError] = []
    for (kind, item_id), owners in seen.items():
        if len(owners) < 2:
            continue
        for file in owners:
            others = ", ".join(f"{o.display}:{o.marks.value(('id',))[0]}" for o in owners if o is not file)
            errors.append(
                file.error(("id",), f"duplicate {KIND_WORD[kind]} id '{item_id}' (also in {others})")
            )
    return errors


def _unique_ids(file: LoadedFile, key: str, children: Sequence[Any], word: str) -> list[ContentError]:
    first: dict[str, int] = {}
    errors: list[ContentError] = []
    for i, child in enumerate(children):
        if child.id in first:
            line = file.marks.value((key, first[child.id], "id"))[0]
            errors.append(
                file.error(
                    (key, i, "id"),
                    (f"{key}[{i}].id: duplicate {word} id '{child.id}' (first at line {line})"),
                )
            )
        else:
            first[child.id] = i
    return errors


def _references(
    file: LoadedFile, loc: DataPath, refs: Sequence[str], index: ContentIndex
) -> list[ContentError]:
    errors = []
    for i, ref in enumerate(refs):
        problem = index.problem(ref)
        if problem is not None:
            errors.append(file.error((*loc, i), f"{where((*loc, i))}: {problem}"))
    return errors


def _too_long(
    file: LoadedFile, loc: DataPath, what: str, size: int, limit: int, advice: str, *, ours: bool = False
) -> ContentError:
    """``ours``: the limit is our one-phone-screen rule (:data:`bot.limits.SCREEN`), not Discord's."""
    prefix = f"{where(loc)}: " if loc else ""
    who = "one phone screen holds" if ours or limit == limits.SCREEN else "Discord allows"
    return file.error(loc, f"{prefix}{what} would be {size:,} characters; {who} {limit:,}. {advice}")


def _article_rules(file: LoadedFile, article: Article, index: ContentIndex) -> list[ContentError]:
    errors = _unique_ids(file, "sections", article.sections, "section")
    for i, section in enumerate(article.sections):
        errors += _references(file, ("sections", i, "see_also"), section.see_also, index)
        if _too_long_ids(article=article.id, section=section.id):
            errors.append(
                file.error(
                    ("sections", i, "id"),
                    (
                        f"sections[{i}].id: the article id and this section id together are too long "
                        f"for a Discord button (custom_id limit {limits.CUSTOM_ID}); shorten one of them"
                    ),
                )
            )
        for n, page in enumerate(render_text.article_section_pages(article, i), 1):
            size = render_text.section_embed(article, i, page).total()
            if size > limits.SCREEN:
                errors.append(
                    _too_long(
                        file,
                        ("sections", i, "body"),
                        f"page {n} of this section's screen",
                        size,
                        limits.SCREEN,
                        "Shorten the section or article title (the body is split into pages by itself).",
                        ours=True,
                    )
                )
    for i, section in enumerate(article.sections):
        errors += _see_also_buttons(file, ("sections", i, "see_also"), section.see_also, index)
    overview = render_text.overview_embed(article).total()
    if overview > limits.SCREEN:
        errors.append(
            _too_long(
                file,
                ("summary",),
                "the article's contents screen (summary and section titles)",
                overview,
                limits.SCREEN,
                "Shorten the summary or the section titles.",
                ours=True,
            )
        )
    errors += _sources_rules(file, article.sources)
    return errors


def _too_long_ids(**content_ids: str) -> list[str]:
    """The kinds of button whose widest custom_id, with these content ids in it, is over Discord's
    limit: measured by the id classes the renderers build them with (every page number, region
    code and session id at its widest)."""
    return [kind.__name__ for kind, text in widest_naming(**content_ids) if len(text) > limits.CUSTOM_ID]


def _see_also_buttons(
    file: LoadedFile, loc: DataPath, refs: Sequence[str], index: ContentIndex
) -> list[ContentError]:
    """Every see-also reference becomes a button whose custom_id must fit Discord's limit."""
    errors = []
    for i, ref in enumerate(refs):
        kind, _, target = ref.partition(":")
        if len(OpenRef.widest(ref_kind=kind, target=target)) > limits.CUSTOM_ID:
            errors.append(
                file.error((*loc, i), f"{where((*loc, i))}: this reference is too long for a Discord button")
            )
    return errors


def _sources_rules(file: LoadedFile, sources: Sequence[Any]) -> list[ContentError]:
    """The Sources screen shows numbered masked links, paged; one source must fit one screen."""
    errors = []
    budget = limits.SCREEN - render_text.FOOTER_RESERVE - len(render_text.SOURCES_TITLE)
    for i, source in enumerate(sources):
        line = render_text.source_line(i + 1, source)
        if len(line) > budget:
            errors.append(
                _too_long(
                    file,
                    ("sources", i),
                    "this source's line on the Sources screen",
                    len(line),
                    budget,
                    "Shorten its title.",
                    ours=True,
                )
            )
    return errors


def _routine_rules(
    file: LoadedFile, routine: Routine, index: ContentIndex, safety: Any
) -> list[ContentError]:
    errors = _unique_ids(file, "steps", routine.steps, "step")
    if _too_long_ids(routine=routine.id):
        errors.append(file.error(("id",), f"id '{routine.id}' is too long for a Discord button custom_id"))
    errors += _references(file, ("see_also",), routine.see_also, index)
    disclaimer = safety.disclaimer if isinstance(safety, Safety) else ""
    # The safety notes and the sources page by themselves; one caution or source must fit a page.
    budget = render_text.ROUTINE_NOTES_BUDGET
    for loc, what, pages in (
        (
            ("cautions",),
            "a page of the routine's safety notes",
            render_text.routine_notes_pages(routine, disclaimer),
        ),
        (("sources",), "a page of the routine's sources", render_text.routine_sources_pages(routine)),
    ):
        longest = max(len(page) for page in pages)
        if longest > budget:
            message = (
                f"{what} would be {longest:,} characters; one phone screen leaves {budget:,} for it. "
                "Shorten the longest entry (each one must fit one screen)."
            )
            errors.append(file.error(loc, message))
    return errors


def _topic_rules(file: LoadedFile, topic: ResourceTopic, index: ContentIndex) -> list[ContentError]:
    errors = _references(file, ("see_also",), topic.see_also, index)
    if _too_long_ids(topic=topic.id):
        errors.append(file.error(("id",), f"id '{topic.id}' is too long for a Discord button custom_id"))
    errors += _see_also_buttons(file, ("see_also",), topic.see_also, index)
    reported: set[DataPath] = set()
    for region in [None, *sorted(topic.regions())]:
        pages = render_text.resource_pages(topic, region)
        for n, page in enumerate(pages):
            size = render_text.resource_topic_embed(topic, region, n).total()
            loc: DataPath = ("groups", page.group) if page.group >= 0 else ("intro",)
            if size > limits.SCREEN and loc not in reported:
                reported.add(loc)
                errors.append(
                    _too_long(
                        file,
                        loc,
                        "a screen of this topic" + (f" (for {region})" if region else ""),
                        size,
                        limits.SCREEN,
                        "Shorten the intro, the group intro or one item's helps_with "
                        "(groups go on over several screens, but one item must fit one).",
                        ours=True,
                    )
                )
    errors += _sources_rules(file, topic.sources)
    return errors


def _safety_rules(file: LoadedFile, safety: Safety) -> list[ContentError]:
    errors = []
    help_size = len(render_text.HELP_TITLE) + len(render_text.help_description(safety.disclaimer))
    if help_size > limits.SCREEN:
        errors.append(
            _too_long(
                file,
                ("disclaimer",),
                "the /help screen (commands and this disclaimer)",
                help_size,
                limits.SCREEN,
                "Shorten the disclaimer.",
                ours=True,
            )
        )
    hurt = len(render_text.HURT_TITLE) + len(render_text.hurt_text(safety))
    if hurt > VISIBLE_TEXT_MAX:
        errors.append(
            _too_long(
                file,
                ("hurt_signs",) if safety.hurt_signs else ("red_flags",),
                'the "It hurts" card (emergency signs and stop advice)',
                hurt,
                VISIBLE_TEXT_MAX,
                "Keep the signs and the advice short: the full lists are one tap away.",
            )
        )
    stop = render_text.stop_text(safety)
    if len(stop) > limits.EMBED_DESCRIPTION:
        errors.append(
            _too_long(
                file,
                ("red_flags",),
                'the "It hurts" message (stop advice and both red-flag lists)',
                len(stop),
                limits.EMBED_DESCRIPTION,
                "Shorten the lists or the advice.",
            )
        )
    return errors

"""What a reply carries: content, embeds, attachments; autocomplete choices; modals."""

from __future__ import annotations

from typing import Any

from ..constants import JSON, MessageFlag
from .components import ComponentCheck, validate_components
from .limits import (
    ATTACHMENTS_MAX,
    CHOICE_NAME_MAX,
    CHOICE_VALUE_MAX,
    CHOICES_MAX,
    CONTENT_MAX,
    CUSTOM_ID_MAX,
    EMBED_AUTHOR_MAX,
    EMBED_DESCRIPTION_MAX,
    EMBED_FIELD_NAME_MAX,
    EMBED_FIELD_VALUE_MAX,
    EMBED_FIELDS_MAX,
    EMBED_FOOTER_MAX,
    EMBED_TITLE_MAX,
    EMBED_TOTAL_MAX,
    EMBEDS_MAX,
    LABEL_DESCRIPTION_MAX,
    MODAL_COMPONENTS_MAX,
    MODAL_TITLE_MAX,
    TEXT_INPUT_LABEL_MAX,
    TEXT_INPUT_PLACEHOLDER_MAX,
    TEXT_INPUT_VALUE_MAX,
    V2_TEXT_MAX,
    FormErrors,
    Path,
    as_text,
)


def validate_message(
    body: JSON,
    errors: FormErrors,
    path: Path = (),
    *,
    attachments_count: int = 0,
) -> None:
    """Fields of a message create/edit body (content, embeds, components, flags)."""
    flags = body.get("flags") or 0
    if not isinstance(flags, int):
        errors.add((*path, "flags"), "NUMBER_TYPE_COERCE", f'Value "{flags}" is not int.')
        flags = 0
    v2 = bool(flags & MessageFlag.IS_COMPONENTS_V2)
    content = body.get("content")
    if content is not None and not isinstance(content, str):
        errors.add((*path, "content"), "BASE_TYPE_STRING", "Must be a string.")
    elif isinstance(content, str):
        errors.max_length((*path, "content"), content, CONTENT_MAX)
    embeds = body.get("embeds")
    if embeds is not None:
        validate_embeds(embeds, errors, (*path, "embeds"))
    if v2:
        if content:
            errors.add(
                (*path, "content"),
                "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2",
                "The 'content' field cannot be used when using MessageFlags.IS_COMPONENTS_V2",
            )
        if embeds:
            errors.add(
                (*path, "embeds"),
                "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2",
                "The 'embeds' field cannot be used when using MessageFlags.IS_COMPONENTS_V2",
            )
    components = body.get("components")
    if components is not None:
        validate_components(components, errors, (*path, "components"), v2=v2)
    if attachments_count > ATTACHMENTS_MAX:
        errors.max_length((*path, "attachments"), [None] * attachments_count, ATTACHMENTS_MAX)


def embed_size(embed: JSON) -> int:
    """Characters Discord counts toward the 6000 total of one embed."""
    total = len(as_text(embed.get("title"))) + len(as_text(embed.get("description")))
    for item in embed.get("fields") or []:
        if isinstance(item, dict):
            total += len(as_text(item.get("name"))) + len(as_text(item.get("value")))
    footer = embed.get("footer")
    if isinstance(footer, dict):
        total += len(as_text(footer.get("text")))
    author = embed.get("author")
    if isinstance(author, dict):
        total += len(as_text(author.get("name")))
    return total


def validate_embeds(embeds: Any, errors: FormErrors, path: Path) -> None:
    if not isinstance(embeds, list):
        errors.add(path, "BASE_TYPE_ARRAY", "Must be an array.")
        return
    errors.max_length(path, embeds, EMBEDS_MAX)
    total = 0
    for i, embed in enumerate(embeds):
        here = (*path, i)
        if not isinstance(embed, dict):
            errors.add(here, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType")
            continue
        total += embed_size(embed)
        errors.max_length((*here, "title"), embed.get("title"), EMBED_TITLE_MAX)
        errors.max_length((*here, "description"), embed.get("description"), EMBED_DESCRIPTION_MAX)
        color = embed.get("color")
        if color is not None and (not isinstance(color, int) or not 0 <= color <= 0xFFFFFF):
            errors.add(
                (*here, "color"), "NUMBER_TYPE_MAX", "int value should be less than or equal to 16777215."
            )
        fields = embed.get("fields") or []
        if isinstance(fields, list):
            errors.max_length((*here, "fields"), fields, EMBED_FIELDS_MAX)
            for j, item in enumerate(fields):
                fpath = (*here, "fields", j)
                if not isinstance(item, dict):
                    errors.add(fpath, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType")
                    continue
                for key, limit in (("name", EMBED_FIELD_NAME_MAX), ("value", EMBED_FIELD_VALUE_MAX)):
                    value = item.get(key)
                    if value is None or value == "":
                        errors.required((*fpath, key))
                    else:
                        errors.max_length((*fpath, key), value, limit)
        footer = embed.get("footer")
        if isinstance(footer, dict):
            if not footer.get("text"):
                errors.required((*here, "footer", "text"))
            errors.max_length((*here, "footer", "text"), footer.get("text"), EMBED_FOOTER_MAX)
        author = embed.get("author")
        if isinstance(author, dict):
            if not author.get("name"):
                errors.required((*here, "author", "name"))
            errors.max_length((*here, "author", "name"), author.get("name"), EMBED_AUTHOR_MAX)
        for media in ("image", "thumbnail"):
            item = embed.get(media)
            if isinstance(item, dict) and not item.get("url"):
                errors.required((*here, media, "url"))
    if total > EMBED_TOTAL_MAX:
        errors.add(path, "MAX_EMBED_SIZE_EXCEEDED", f"Embed size exceeds maximum size of {EMBED_TOTAL_MAX}")


def validate_choices(data: Any, errors: FormErrors, path: Path) -> None:
    """An autocomplete result: at most 25 choices, names 1-100, string values <= 100."""
    if not isinstance(data, dict):
        errors.required(path)
        return
    choices = data.get("choices")
    if not isinstance(choices, list):
        errors.required((*path, "choices"))
        return
    errors.max_length((*path, "choices"), choices, CHOICES_MAX)
    for i, choice in enumerate(choices):
        here = (*path, "choices", i)
        if not isinstance(choice, dict):
            errors.add(here, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType")
            continue
        errors.bad_length((*here, "name"), choice.get("name"), 1, CHOICE_NAME_MAX)
        value = choice.get("value")
        if isinstance(value, str):
            errors.max_length((*here, "value"), value, CHOICE_VALUE_MAX)
        elif not isinstance(value, int | float) or isinstance(value, bool):
            errors.required((*here, "value"))


_MODAL_INPUT_TYPES = (3, 4, 5, 6, 7, 8, 19, 21, 22, 23)


def validate_modal(data: Any, errors: FormErrors, path: Path) -> None:
    """A modal: title 1-45, custom_id 1-100, 1-5 rows/labels holding text inputs or selects."""
    if not isinstance(data, dict):
        errors.required(path)
        return
    errors.bad_length((*path, "title"), data.get("title"), 1, MODAL_TITLE_MAX)
    errors.bad_length((*path, "custom_id"), data.get("custom_id"), 1, CUSTOM_ID_MAX)
    components = data.get("components")
    if not isinstance(components, list) or not 1 <= len(components) <= MODAL_COMPONENTS_MAX:
        errors.bad_length((*path, "components"), components, 1, MODAL_COMPONENTS_MAX)
    if not isinstance(components, list):
        return
    custom_ids: set[str] = set()
    for i, component in enumerate(components):
        here = (*path, "components", i)
        if not isinstance(component, dict):
            errors.add(here, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType")
            continue
        kind = component.get("type")
        inputs: list[tuple[Path, JSON, bool]] = []
        if kind == 1:
            children = component.get("components")
            if not isinstance(children, list) or len(children) != 1:
                errors.bad_length((*here, "components"), children, 1, 1)
                continue
            inputs.append(((*here, "components", 0), children[0], True))
        elif kind == 18:
            errors.bad_length((*here, "label"), component.get("label"), 1, TEXT_INPUT_LABEL_MAX)
            errors.max_length((*here, "description"), component.get("description"), LABEL_DESCRIPTION_MAX)
            child = component.get("component")
            if not isinstance(child, dict):
                errors.required((*here, "component"))
                continue
            inputs.append(((*here, "component"), child, False))
        elif kind == 10:
            errors.bad_length((*here, "content"), component.get("content"), 1, V2_TEXT_MAX)
            continue
        else:
            errors.add(
                (*here, "type"), "UNION_TYPE_CHOICES", 'Value of field "type" must be one of (1, 10, 18).'
            )
            continue
        for input_path, item, in_row in inputs:
            if item.get("type") not in _MODAL_INPUT_TYPES:
                errors.add(
                    (*input_path, "type"), "UNION_TYPE_CHOICES", "Component type is not allowed in a modal."
                )
                continue
            custom_id = item.get("custom_id")
            errors.bad_length((*input_path, "custom_id"), custom_id, 1, CUSTOM_ID_MAX)
            if isinstance(custom_id, str):
                if custom_id in custom_ids:
                    errors.add(
                        (*input_path, "custom_id"),
                        "COMPONENT_CUSTOM_ID_DUPLICATED",
                        "Component custom id cannot be duplicated",
                    )
                custom_ids.add(custom_id)
            if item.get("type") == 4:
                _text_input(item, errors, input_path, needs_label=in_row)
            elif item.get("type") == 3:
                ComponentCheck(errors, v2=False).select(item, input_path)


def _text_input(item: JSON, errors: FormErrors, path: Path, *, needs_label: bool) -> None:
    if item.get("style") not in (1, 2):
        errors.add((*path, "style"), "BASE_TYPE_CHOICES", "Value must be one of (1, 2).")
    label = item.get("label")
    if needs_label or label is not None:
        errors.bad_length((*path, "label"), label, 1, TEXT_INPUT_LABEL_MAX)
    errors.max_length((*path, "placeholder"), item.get("placeholder"), TEXT_INPUT_PLACEHOLDER_MAX)
    errors.max_length((*path, "value"), item.get("value"), TEXT_INPUT_VALUE_MAX)
    low, high = item.get("min_length"), item.get("max_length")
    if low is not None and (not isinstance(low, int) or not 0 <= low <= TEXT_INPUT_VALUE_MAX):
        errors.add(
            (*path, "min_length"), "NUMBER_TYPE_MAX", "int value should be less than or equal to 4000."
        )
    if high is not None and (not isinstance(high, int) or not 1 <= high <= TEXT_INPUT_VALUE_MAX):
        errors.add(
            (*path, "max_length"), "NUMBER_TYPE_MAX", "int value should be less than or equal to 4000."
        )

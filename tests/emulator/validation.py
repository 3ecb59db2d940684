"""Discord's request limits, checked the way Discord checks them.

Each validator appends to a `FormErrors`, which renders Discord's 50035 body:
``{"code": 50035, "message": "Invalid Form Body", "errors": {"data": {"embeds":
{"0": {"description": {"_errors": [...]}}}}}}``. discord.py flattens that tree to
``In data.embeds.0.description: Must be 4096 or fewer in length.``, so the field
path is what a failing test prints. Lengths are counted in code points.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from .state import JSON, MessageFlag

Path = tuple[str | int, ...]

# Discord's documented limits (kept here so tests and the emulator agree).
CONTENT_MAX = 2000
EMBEDS_MAX = 10
EMBED_TITLE_MAX = 256
EMBED_DESCRIPTION_MAX = 4096
EMBED_FIELDS_MAX = 25
EMBED_FIELD_NAME_MAX = 256
EMBED_FIELD_VALUE_MAX = 1024
EMBED_FOOTER_MAX = 2048
EMBED_AUTHOR_MAX = 256
EMBED_TOTAL_MAX = 6000
ACTION_ROWS_MAX = 5
ROW_BUTTONS_MAX = 5
SELECT_OPTIONS_MAX = 25
SELECT_OPTION_TEXT_MAX = 100
SELECT_PLACEHOLDER_MAX = 150
BUTTON_LABEL_MAX = 80
CUSTOM_ID_MAX = 100
V2_COMPONENTS_MAX = 40
V2_TEXT_MAX = 4000
ATTACHMENTS_MAX = 10
CHOICES_MAX = 25
CHOICE_NAME_MAX = 100
CHOICE_VALUE_MAX = 100
COMMAND_NAME_MAX = 32
COMMAND_DESCRIPTION_MAX = 100
COMMAND_OPTIONS_MAX = 25
COMMAND_TOTAL_MAX = 4000
MODAL_TITLE_MAX = 45
MODAL_COMPONENTS_MAX = 5
TEXT_INPUT_LABEL_MAX = 45
TEXT_INPUT_VALUE_MAX = 4000
TEXT_INPUT_PLACEHOLDER_MAX = 100
LABEL_DESCRIPTION_MAX = 100


class FormErrors:
    """Collects (path, code, message) triples and renders Discord's error tree."""

    def __init__(self) -> None:
        self.items: list[tuple[Path, str, str]] = []

    def __bool__(self) -> bool:
        return bool(self.items)

    def add(self, path: Path, code: str, message: str) -> None:
        self.items.append((path, code, message))

    def max_length(self, path: Path, value: Any, limit: int) -> None:
        if isinstance(value, str | list) and len(value) > limit:
            self.add(path, "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")

    def bad_length(self, path: Path, value: Any, low: int, high: int) -> None:
        if not isinstance(value, str | list) or not low <= len(value) <= high:
            self.add(path, "BASE_TYPE_BAD_LENGTH", f"Must be between {low} and {high} in length.")

    def required(self, path: Path) -> None:
        self.add(path, "BASE_TYPE_REQUIRED", "This field is required")

    def body(self) -> JSON:
        tree: JSON = {}
        for path, code, message in self.items:
            node = tree
            for part in path:
                node = node.setdefault(str(part), {})
            node.setdefault("_errors", []).append({"code": code, "message": message})
        return {"message": "Invalid Form Body", "code": 50035, "errors": tree}

    def detail(self) -> str:
        return "; ".join(
            f"{'.'.join(str(p) for p in path) or '<body>'}: {message}" for path, _, message in self.items
        )


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


# ------------------------------------------------------------------ messages


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
    total = len(_text(embed.get("title"))) + len(_text(embed.get("description")))
    for item in embed.get("fields") or []:
        if isinstance(item, dict):
            total += len(_text(item.get("name"))) + len(_text(item.get("value")))
    footer = embed.get("footer")
    if isinstance(footer, dict):
        total += len(_text(footer.get("text")))
    author = embed.get("author")
    if isinstance(author, dict):
        total += len(_text(author.get("name")))
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


# ---------------------------------------------------------------- components

_SELECT_TYPES = (3, 5, 6, 7, 8)
_V2_TOP_LEVEL = (1, 9, 10, 12, 13, 14, 17)
_CONTAINER_CHILDREN = (1, 9, 10, 12, 13, 14)


class _ComponentCheck:
    """Walks one message's components; custom_id uniqueness spans the message."""

    def __init__(self, errors: FormErrors, *, v2: bool) -> None:
        self.errors = errors
        self.v2 = v2
        self.custom_ids: set[str] = set()
        self.count = 0
        self.text_length = 0

    def custom_id(self, path: Path, component: JSON, *, required: bool = True) -> None:
        custom_id = component.get("custom_id")
        if custom_id is None:
            if required:
                self.errors.required((*path, "custom_id"))
            return
        self.errors.bad_length((*path, "custom_id"), custom_id, 1, CUSTOM_ID_MAX)
        if custom_id in self.custom_ids:
            self.errors.add(
                (*path, "custom_id"),
                "COMPONENT_CUSTOM_ID_DUPLICATED",
                "Component custom id cannot be duplicated",
            )
        self.custom_ids.add(custom_id)

    def top_level(self, components: Any, path: Path) -> None:
        if not isinstance(components, list):
            self.errors.add(path, "BASE_TYPE_ARRAY", "Must be an array.")
            return
        if not self.v2:
            self.errors.max_length(path, components, ACTION_ROWS_MAX)
        for i, component in enumerate(components):
            here = (*path, i)
            if not isinstance(component, dict):
                self.errors.add(here, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType")
                continue
            allowed = _V2_TOP_LEVEL if self.v2 else (1,)
            if component.get("type") not in allowed:
                self.errors.add(
                    (*here, "type"),
                    "UNION_TYPE_CHOICES",
                    f'Value of field "type" must be one of {allowed}.',
                )
                continue
            self.any(component, here)
        if self.v2 and self.count > V2_COMPONENTS_MAX:
            self.errors.add(path, "BASE_TYPE_MAX_LENGTH", f"Must be {V2_COMPONENTS_MAX} or fewer in length.")
        if self.v2 and self.text_length > V2_TEXT_MAX:
            self.errors.add(
                path, "COMPONENT_TEXT_LENGTH_EXCEEDED", f"Total text length must be {V2_TEXT_MAX} or fewer."
            )

    def any(self, component: JSON, path: Path) -> None:
        self.count += 1
        kind = component.get("type")
        if kind == 1:
            self.action_row(component, path)
        elif kind == 2:
            self.button(component, path)
        elif kind in _SELECT_TYPES:
            self.select(component, path)
        elif kind == 9 and self.v2:
            self.section(component, path)
        elif kind == 10 and self.v2:
            content = component.get("content")
            self.errors.bad_length((*path, "content"), content, 1, V2_TEXT_MAX)
            self.text_length += len(_text(content))
        elif kind == 11 and self.v2:
            media = component.get("media")
            if not isinstance(media, dict) or not media.get("url"):
                self.errors.required((*path, "media", "url"))
        elif kind == 12 and self.v2:
            items = component.get("items")
            self.errors.bad_length((*path, "items"), items, 1, 10)
        elif kind == 13 and self.v2:
            file = component.get("file")
            if not isinstance(file, dict) or not str(file.get("url", "")).startswith("attachment://"):
                self.errors.add(
                    (*path, "file", "url"),
                    "COMPONENT_FILE_URL_INVALID",
                    "File component url must use the attachment:// scheme",
                )
        elif kind == 14 and self.v2:
            spacing = component.get("spacing", 1)
            if spacing not in (1, 2):
                self.errors.add((*path, "spacing"), "BASE_TYPE_CHOICES", "Value must be one of (1, 2).")
        elif kind == 17 and self.v2:
            children = component.get("components")
            if not isinstance(children, list) or not children:
                self.errors.bad_length((*path, "components"), children, 1, V2_COMPONENTS_MAX)
                return
            for i, child in enumerate(children):
                if not isinstance(child, dict) or child.get("type") not in _CONTAINER_CHILDREN:
                    self.errors.add(
                        (*path, "components", i, "type"),
                        "UNION_TYPE_CHOICES",
                        f'Value of field "type" must be one of {_CONTAINER_CHILDREN}.',
                    )
                    continue
                self.any(child, (*path, "components", i))
        else:
            self.errors.add(
                (*path, "type"), "COMPONENT_TYPE_INVALID", f"Component type {kind} is not allowed here."
            )

    def action_row(self, row: JSON, path: Path) -> None:
        children = row.get("components")
        if not isinstance(children, list) or not 1 <= len(children) <= ROW_BUTTONS_MAX:
            self.errors.bad_length((*path, "components"), children, 1, ROW_BUTTONS_MAX)
        if not isinstance(children, list):
            return
        has_select = any(isinstance(c, dict) and c.get("type") in _SELECT_TYPES for c in children)
        if has_select and len(children) > 1:
            self.errors.add(
                (*path, "components"),
                "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
                "The specified component exceeds the maximum width",
            )
        for i, child in enumerate(children):
            here = (*path, "components", i)
            if not isinstance(child, dict) or child.get("type") not in (2, *_SELECT_TYPES):
                self.errors.add(
                    (*here, "type"),
                    "UNION_TYPE_CHOICES",
                    'Value of field "type" must be one of (2, 3, 5, 6, 7, 8).',
                )
                continue
            self.any(child, here)

    def section(self, section: JSON, path: Path) -> None:
        texts = section.get("components")
        if not isinstance(texts, list) or not 1 <= len(texts) <= 3:
            self.errors.bad_length((*path, "components"), texts, 1, 3)
        for i, text in enumerate(texts if isinstance(texts, list) else []):
            if not isinstance(text, dict) or text.get("type") != 10:
                self.errors.add(
                    (*path, "components", i, "type"),
                    "UNION_TYPE_CHOICES",
                    'Value of field "type" must be one of (10,).',
                )
                continue
            self.any(text, (*path, "components", i))
        accessory = section.get("accessory")
        if not isinstance(accessory, dict) or accessory.get("type") not in (2, 11):
            self.errors.required((*path, "accessory"))
        else:
            self.any(accessory, (*path, "accessory"))

    def button(self, button: JSON, path: Path) -> None:
        style = button.get("style")
        if style not in (1, 2, 3, 4, 5, 6):
            self.errors.add((*path, "style"), "BASE_TYPE_CHOICES", "Value must be one of (1, 2, 3, 4, 5, 6).")
        label = button.get("label")
        if label is not None:
            errors_before = len(self.errors.items)
            self.errors.max_length((*path, "label"), label, BUTTON_LABEL_MAX)
            if len(self.errors.items) == errors_before and not isinstance(label, str):
                self.errors.add((*path, "label"), "BASE_TYPE_STRING", "Must be a string.")
        if style == 5:
            if not button.get("url"):
                self.errors.add(
                    (*path, "url"), "BUTTON_COMPONENT_URL_REQUIRED", "A url is required for link buttons"
                )
            if button.get("custom_id") is not None:
                self.errors.add(
                    (*path, "custom_id"),
                    "BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED",
                    "A custom id cannot be used with link buttons",
                )
        elif style == 6:
            if not button.get("sku_id"):
                self.errors.required((*path, "sku_id"))
        else:
            if button.get("url"):
                self.errors.add(
                    (*path, "url"),
                    "BUTTON_COMPONENT_URL_NOT_ALLOWED",
                    "A url can only be used with link buttons",
                )
            self.custom_id(path, button)
        if style != 6 and not label and not button.get("emoji"):
            self.errors.add(
                (*path, "label"),
                "BUTTON_COMPONENT_LABEL_OR_EMOJI_REQUIRED",
                "A label or an emoji is required",
            )

    def select(self, select: JSON, path: Path) -> None:
        self.custom_id(path, select)
        errors = self.errors
        errors.max_length((*path, "placeholder"), select.get("placeholder"), SELECT_PLACEHOLDER_MAX)
        min_values = select.get("min_values", 1)
        max_values = select.get("max_values", 1)
        if not isinstance(min_values, int) or not 0 <= min_values <= SELECT_OPTIONS_MAX:
            errors.add(
                (*path, "min_values"), "NUMBER_TYPE_MAX", "int value should be less than or equal to 25."
            )
        if not isinstance(max_values, int) or not 1 <= max_values <= SELECT_OPTIONS_MAX:
            errors.add(
                (*path, "max_values"), "NUMBER_TYPE_MAX", "int value should be less than or equal to 25."
            )
        if select.get("type") != 3:
            return
        options = select.get("options")
        if not isinstance(options, list) or not 1 <= len(options) <= SELECT_OPTIONS_MAX:
            errors.bad_length((*path, "options"), options, 1, SELECT_OPTIONS_MAX)
        if not isinstance(options, list):
            return
        if isinstance(max_values, int) and max_values > len(options):
            errors.add(
                (*path, "max_values"),
                "SELECT_COMPONENT_MAX_VALUES_EXCEEDS_OPTIONS",
                "max_values must be less than or equal to the number of options",
            )
        seen: set[str] = set()
        for i, option in enumerate(options):
            here = (*path, "options", i)
            if not isinstance(option, dict):
                errors.add(here, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType")
                continue
            errors.bad_length((*here, "label"), option.get("label"), 1, SELECT_OPTION_TEXT_MAX)
            errors.bad_length((*here, "value"), option.get("value"), 1, SELECT_OPTION_TEXT_MAX)
            errors.max_length((*here, "description"), option.get("description"), SELECT_OPTION_TEXT_MAX)
            value = option.get("value")
            if isinstance(value, str):
                if value in seen:
                    errors.add(
                        (*here, "value"),
                        "SELECT_COMPONENT_OPTION_VALUE_DUPLICATED",
                        "Select option values must be unique",
                    )
                seen.add(value)


def validate_components(components: Any, errors: FormErrors, path: Path, *, v2: bool) -> None:
    _ComponentCheck(errors, v2=v2).top_level(components, path)


def walk_components(components: Sequence[JSON]) -> list[JSON]:
    """Every component in a tree (rows, containers, sections, accessories, labels)."""
    found: list[JSON] = []
    stack = list(reversed(components))
    while stack:
        component = stack.pop()
        if not isinstance(component, dict):
            continue
        found.append(component)
        children: list[JSON] = []
        if isinstance(component.get("components"), list):
            children.extend(component["components"])
        for key in ("accessory", "component"):
            if isinstance(component.get(key), dict):
                children.append(component[key])
        stack.extend(reversed(children))
    return found


# ---------------------------------------------------------------- responses


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
                _ComponentCheck(errors, v2=False).select(item, input_path)


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


# ------------------------------------------------------------------ commands


def valid_command_name(name: Any, *, chat_input: bool) -> bool:
    """``^[-_\\p{L}\\p{N}]{1,32}$``, lower-case where a letter has a lower case (slash commands)."""
    if not isinstance(name, str) or not 1 <= len(name) <= COMMAND_NAME_MAX:
        return False
    if not chat_input:
        return True
    for char in name:
        if char in "-_":
            continue
        category = unicodedata.category(char)
        if category[0] not in "LN":
            return False
        if char.lower() != char:
            return False
    return True


def _command_text_size(command: JSON) -> int:
    size = len(_text(command.get("name"))) + len(_text(command.get("description")))
    for option in command.get("options") or []:
        if isinstance(option, dict):
            size += _command_text_size(option)
            for choice in option.get("choices") or []:
                if isinstance(choice, dict):
                    size += len(_text(choice.get("name"))) + len(str(choice.get("value", "")))
    return size


def validate_command(command: Any, errors: FormErrors, path: Path = ()) -> None:
    """One application command as Discord validates it on create/overwrite."""
    if not isinstance(command, dict):
        errors.add(path, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType")
        return
    kind = command.get("type", 1)
    if kind not in (1, 2, 3, 4):
        errors.add((*path, "type"), "BASE_TYPE_CHOICES", "Value must be one of (1, 2, 3, 4).")
        return
    name = command.get("name")
    if name is None:
        errors.required((*path, "name"))
    elif not isinstance(name, str) or not 1 <= len(name) <= COMMAND_NAME_MAX:
        errors.bad_length((*path, "name"), name, 1, COMMAND_NAME_MAX)
    elif not valid_command_name(name, chat_input=kind == 1):
        errors.add((*path, "name"), "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
    description = command.get("description", "")
    if kind == 1:
        errors.bad_length((*path, "description"), description, 1, COMMAND_DESCRIPTION_MAX)
    elif description:
        errors.add(
            (*path, "description"),
            "APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION_INVALID",
            "Context menu commands cannot have description",
        )
    options = command.get("options")
    if options:
        if kind != 1:
            errors.add(
                (*path, "options"),
                "APPLICATION_COMMAND_OPTIONS_NOT_ALLOWED",
                "Only chat input commands can have options",
            )
        else:
            _validate_options(options, errors, (*path, "options"), depth=0)
    for key, allowed in (("contexts", (0, 1, 2)), ("integration_types", (0, 1))):
        value = command.get(key)
        if value is not None and (not isinstance(value, list) or any(v not in allowed for v in value)):
            errors.add((*path, key), "BASE_TYPE_CHOICES", f"Value must be one of {allowed}.")
    if _command_text_size(command) > COMMAND_TOTAL_MAX:
        errors.add(
            path, "APPLICATION_COMMAND_TOO_LARGE", f"Command exceeds maximum size ({COMMAND_TOTAL_MAX})"
        )


def _validate_options(options: Any, errors: FormErrors, path: Path, *, depth: int) -> None:
    if not isinstance(options, list):
        errors.add(path, "BASE_TYPE_ARRAY", "Must be an array.")
        return
    errors.max_length(path, options, COMMAND_OPTIONS_MAX)
    names: set[str] = set()
    seen_optional = False
    kinds = [o.get("type") for o in options if isinstance(o, dict)]
    has_sub = any(k in (1, 2) for k in kinds)
    if has_sub and any(k not in (1, 2) for k in kinds):
        errors.add(
            path,
            "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID",
            "Sub-command and sub-command group option types are mutually exclusive to all other types",
        )
    for i, option in enumerate(options):
        here = (*path, i)
        if not isinstance(option, dict):
            errors.add(here, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType")
            continue
        kind = option.get("type")
        if kind not in range(1, 12):
            errors.add((*here, "type"), "BASE_TYPE_CHOICES", "Value must be one of (1..11).")
            continue
        name = option.get("name")
        if not valid_command_name(name, chat_input=True):
            errors.add((*here, "name"), "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
        elif name in names:
            errors.add(
                (*here, "name"),
                "APPLICATION_COMMAND_OPTION_NAME_ALREADY_EXISTS",
                "Option names must be unique",
            )
        if isinstance(name, str):
            names.add(name)
        errors.bad_length((*here, "description"), option.get("description"), 1, COMMAND_DESCRIPTION_MAX)
        if kind in (1, 2):
            if depth >= 2 or (kind == 2 and depth >= 1):
                errors.add(
                    (*here, "type"),
                    "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID",
                    "Sub-commands can only be nested one group deep",
                )
            children = option.get("options") or []
            if kind == 2 and any(isinstance(c, dict) and c.get("type") != 1 for c in children):
                errors.add(
                    (*here, "options"),
                    "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID",
                    "Sub-command groups may only contain sub-commands",
                )
            _validate_options(children, errors, (*here, "options"), depth=depth + 1)
            continue
        required = bool(option.get("required", False))
        if required and seen_optional:
            errors.add(
                (*here, "required"),
                "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                "Required options must be placed before non-required options",
            )
        seen_optional = seen_optional or not required
        choices = option.get("choices")
        if choices:
            if kind not in (3, 4, 10):
                errors.add(
                    (*here, "choices"),
                    "APPLICATION_COMMAND_OPTION_CHOICES_NOT_ALLOWED",
                    "Choices are only allowed on string, integer and number options",
                )
            if option.get("autocomplete"):
                errors.add(
                    (*here, "autocomplete"),
                    "APPLICATION_COMMAND_AUTOCOMPLETE_CHOICES_EXCLUSIVE",
                    "Autocomplete and choices are mutually exclusive",
                )
            errors.max_length((*here, "choices"), choices, CHOICES_MAX)
            for j, choice in enumerate(choices if isinstance(choices, list) else []):
                cpath = (*here, "choices", j)
                if not isinstance(choice, dict):
                    errors.add(cpath, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType")
                    continue
                errors.bad_length((*cpath, "name"), choice.get("name"), 1, CHOICE_NAME_MAX)
                value = choice.get("value")
                if kind == 3:
                    errors.bad_length((*cpath, "value"), value, 1, CHOICE_VALUE_MAX)
                elif not isinstance(value, int | float) or isinstance(value, bool):
                    errors.add((*cpath, "value"), "NUMBER_TYPE_COERCE", f'Value "{value}" is not a number.')
        if option.get("autocomplete") and kind not in (3, 4, 10):
            errors.add(
                (*here, "autocomplete"),
                "APPLICATION_COMMAND_AUTOCOMPLETE_INVALID",
                "Autocomplete is only allowed on string, integer and number options",
            )
        for key in ("min_length", "max_length"):
            value = option.get(key)
            if value is not None and (not isinstance(value, int) or not 0 <= value <= 6000):
                errors.add((*here, key), "NUMBER_TYPE_MAX", "int value should be less than or equal to 6000.")

"""Message components (v1 action rows and v2 layouts): types, counts, labels, custom ids."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..constants import JSON
from .limits import (
    ACTION_ROWS_MAX,
    BUTTON_LABEL_MAX,
    CUSTOM_ID_MAX,
    ROW_BUTTONS_MAX,
    SELECT_OPTION_TEXT_MAX,
    SELECT_OPTIONS_MAX,
    SELECT_PLACEHOLDER_MAX,
    V2_COMPONENTS_MAX,
    V2_TEXT_MAX,
    FormErrors,
    Path,
    as_text,
)

_SELECT_TYPES = (3, 5, 6, 7, 8)
_V2_TOP_LEVEL = (1, 9, 10, 12, 13, 14, 17)
_CONTAINER_CHILDREN = (1, 9, 10, 12, 13, 14)


class ComponentCheck:
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
            self.text_length += len(as_text(content))
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
    ComponentCheck(errors, v2=v2).top_level(components, path)


def walk_components(components: Sequence[JSON]) -> list[JSON]:
    """Every component in a tree (rows, containers, sections, accessories, labels)."""
    found: list[JSON] = []
    stack = list(reversed(components))
    while stack:
        component: Any = stack.pop()  # JSON from a request: not always the dict it should be
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

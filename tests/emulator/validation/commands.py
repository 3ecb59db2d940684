"""Application commands: names, descriptions, options, choices and their total size."""

from __future__ import annotations

import unicodedata
from typing import Any

from ..constants import JSON
from .limits import (
    CHOICE_NAME_MAX,
    CHOICE_VALUE_MAX,
    CHOICES_MAX,
    COMMAND_DESCRIPTION_MAX,
    COMMAND_NAME_MAX,
    COMMAND_OPTIONS_MAX,
    COMMAND_TOTAL_MAX,
    FormErrors,
    Path,
    as_text,
)


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
    size = len(as_text(command.get("name"))) + len(as_text(command.get("description")))
    for option in command.get("options") or []:
        if isinstance(option, dict):
            size += _command_text_size(option)
            for choice in option.get("choices") or []:
                if isinstance(choice, dict):
                    size += len(as_text(choice.get("name"))) + len(str(choice.get("value", "")))
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

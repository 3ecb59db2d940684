"""Discord's request limits, checked the way Discord checks them.

Each validator appends to a `FormErrors`, which renders Discord's 50035 body:
``{"code": 50035, "message": "Invalid Form Body", "errors": {"data": {"embeds":
{"0": {"description": {"_errors": [...]}}}}}}``. discord.py flattens that tree to
``In data.embeds.0.description: Must be 4096 or fewer in length.``, so the field
path is what a failing test prints. Lengths are counted in code points.
"""

from .commands import valid_command_name, validate_command
from .components import validate_components, walk_components
from .limits import FormErrors, Path
from .messages import embed_size, validate_choices, validate_embeds, validate_message, validate_modal

__all__ = [
    "FormErrors",
    "Path",
    "embed_size",
    "valid_command_name",
    "validate_choices",
    "validate_command",
    "validate_components",
    "validate_embeds",
    "validate_message",
    "validate_modal",
    "walk_components",
]

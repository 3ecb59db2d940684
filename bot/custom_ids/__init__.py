"""Every custom_id the bot puts on a button, select or form: one class per kind.

Each kind is a frozen dataclass of its arguments (:class:`~bot.custom_ids.base.CustomId`)
that owns its wire template, builds its custom_id and parses one back. The
renderers build ids with these classes, :mod:`bot.ui.router` parses every press
and form submission back with them (so a press after a restart still works), and the
content validator measures the widest id of each kind with the same classes.
No Discord here.
"""

from __future__ import annotations

from collections.abc import Iterator

from bot.custom_ids.base import CustomId, Part, one_of
from bot.custom_ids.grammar import PREFIX, custom_id, fits, parse_custom_id
from bot.custom_ids.personal import PERSONAL, PERSONAL_FORMS
from bot.custom_ids.reading import READING
from bot.custom_ids.routines import ROUTINES
from bot.custom_ids.safety import SAFETY, SAFETY_FORMS
from bot.custom_ids.tracking import TRACKING, TRACKING_FORMS

COMPONENTS: tuple[type[CustomId], ...] = (*READING, *ROUTINES, *PERSONAL, *SAFETY, *TRACKING)
"""Every kind of button and select."""
FORMS: tuple[type[CustomId], ...] = (*PERSONAL_FORMS, *SAFETY_FORMS, *TRACKING_FORMS)
"""Every kind of form (modal)."""
ALL: tuple[type[CustomId], ...] = (*COMPONENTS, *FORMS)

CONTENT_ARGUMENTS = frozenset({"article", "section", "topic", "routine", "target"})
"""Arguments that carry an id from the content files (everything else has a fixed widest value)."""


def widest_naming(**known: str) -> Iterator[tuple[type[CustomId], str]]:
    """The widest custom_id of every kind whose content arguments are exactly ``known``'s names
    (``article=…, section=…`` gives the page, sources and share buttons of that section).
    The content validator measures these, so what it accepts is what the renderers build."""
    names = set(known)
    for kind in ALL:
        content = set(kind.argument_names()) & CONTENT_ARGUMENTS
        if content and content == names:
            yield kind, kind.widest(**known)


__all__ = [
    "ALL",
    "COMPONENTS",
    "FORMS",
    "PREFIX",
    "CustomId",
    "Part",
    "custom_id",
    "fits",
    "one_of",
    "parse_custom_id",
]

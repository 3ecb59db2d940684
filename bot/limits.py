"""Discord's size limits: the one place that knows them.

The content validator checks content against these numbers at load time and the
renderers size their output with the same numbers at send time, so anything the
validator accepted fits when it is sent. Lengths are counted in characters (code
points), which is how ``len()`` counts and how Discord counts these fields.

Source: https://discord.com/developers/docs (Message, Embed limits, Application
Commands, Message Components, Interactions). Change a number here only when
Discord changes it.
"""

from __future__ import annotations

from typing import Final

# --- messages ------------------------------------------------------------------------------------
MESSAGE_CONTENT: Final = 2000
"""Characters in a message's plain ``content``."""
EMBEDS_PER_MESSAGE: Final = 10
SCREEN: Final = 1200
"""Our own limit, not Discord's: the visible characters of one message (content, embed title,
author, description, fields and footer), about one phone screen for a tired reader."""

# --- embeds --------------------------------------------------------------------------------------
EMBED_TITLE: Final = 256
EMBED_DESCRIPTION: Final = 4096
EMBED_FIELD_NAME: Final = 256
EMBED_FIELD_VALUE: Final = 1024
EMBED_FOOTER: Final = 2048
EMBED_AUTHOR: Final = 256
EMBED_FIELDS: Final = 25
EMBED_TOTAL: Final = 6000
"""Title + description + field names and values + footer + author name, summed over
*every* embed in one message."""

# --- application commands ------------------------------------------------------------------------
CHOICES: Final = 25
"""Static choices on one option, and options on one command."""
OPTIONS: Final = 25
CHOICE_NAME: Final = 100
CHOICE_VALUE: Final = 100
AUTOCOMPLETE_CHOICES: Final = 25
"""Choices one autocomplete response may return (autocomplete cannot be deferred)."""

# --- message components --------------------------------------------------------------------------
ACTION_ROWS: Final = 5
BUTTONS_PER_ROW: Final = 5
BUTTON_LABEL: Final = 80
CUSTOM_ID: Final = 100
SELECT_OPTIONS: Final = 25
SELECT_OPTION_LABEL: Final = 100
SELECT_OPTION_VALUE: Final = 100
SELECT_OPTION_DESCRIPTION: Final = 100
SELECT_PLACEHOLDER: Final = 150

# --- modals --------------------------------------------------------------------------------------
MODAL_TITLE: Final = 45
TEXT_INPUT_LABEL: Final = 45
TEXT_INPUT_VALUE: Final = 4000

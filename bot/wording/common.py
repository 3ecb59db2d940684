"""Words more than one area uses: durations."""

from __future__ import annotations

DURATION_SECONDS = "{seconds} s"
"""``45 s``."""
DURATION_MINUTES = "{minutes} min"
"""``2 min``."""
DURATION_MINUTES_SECONDS = "{minutes} min {seconds} s"
"""``1 min 30 s``."""

# ----------------------------------------------------------------- replies only the member sees

PRIVATE_NOTE = "Only you can see this."
"""Ends most private replies (journal, reminders, privacy)."""

# ----------------------------------------------------------------- a press on something that has gone

PRESS_EXPIRED = (
    "This button is from an older message and has expired. "
    "Use the command again (for example `/read` or `/stretch`) to get a fresh one."
)

# ----------------------------------------------------------------- buttons

BUTTON_CHECK_IN_NOW = "Check in now"
BUTTON_CRISIS_LINES = "Crisis lines"
BUTTON_MY_SAFETY_PLAN = "My safety plan"
BUTTON_SEE_MY_JOURNAL = "See my journal"

# ----------------------------------------------------------------- when something goes wrong

SOMETHING_WENT_WRONG = (
    "Sorry, something went wrong on my side. Nothing you entered was lost. "
    "Please try again in a moment. (error id `{error_id}`)"
)
"""The one answer to an unexpected error; ``error_id`` is also in the log, so a moderator can find it."""
NOT_AVAILABLE_HERE = "Sorry, that is not available to you here."

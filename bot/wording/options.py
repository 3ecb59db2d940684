"""Words of the slash-command options (bot/ui/transformers.py): what a member hears when an option
names something the bot does not know."""

from __future__ import annotations

NOT_FOUND = "I couldn't find “{shown}”.{hint} Try `{command}` and pick from the list."
"""``shown``: what they typed; ``hint``: :data:`DID_YOU_MEAN` or nothing."""
ROUTINE_NOT_FOUND = "I couldn't find the routine “{shown}”.{hint} Try `/stretch` to see all."
DID_YOU_MEAN = " Did you mean **{guess}**?"
DID_YOU_MEAN_ANY = " Did you mean {guesses}?"
"""``guesses``: several bold names, comma-separated."""
UNKNOWN_ZONE = (
    "I don't know the time zone “{shown}”.{hint} Start typing your city in the time zone box "
    "and pick it from the list."
)
UNKNOWN_REGION = (
    "I don't have that place in my list. Pick a country from the choices as you type (like US, UK or "
    "Canada), or leave region empty to see help for everywhere."
)
NOTHING_TYPED = "that"
"""Stands for an empty value in :data:`NOT_FOUND`."""

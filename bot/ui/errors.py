"""The one error pipeline for slash commands, autocomplete, buttons, selects and modals.

Triage, in order:
1. ``UserFacingError`` (raised on purpose by a cog or the core, or an ``OptionError`` from an
   option's transformer, :mod:`bot.ui.transformers`): its kind message, no log noise.
2. Check failures (not allowed here / not a moderator): a kind refusal.
3. An interaction Discord no longer knows (token expired, already answered elsewhere): log only.
4. Anything else: a short kind message with an error id; the traceback goes to the log only.

People never see exception text. Health data never reaches the log: we log the
command or component kind and the error id, never option values or notes. Autocomplete
errors are answered with no suggestions by the options themselves (``Suggested.autocomplete``).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Mapping
from typing import Any

import discord
from discord import app_commands

from bot.ui.reply import NO_MENTIONS, crisis_shown
from bot.wording import common as words

log = logging.getLogger(__name__)

GENERIC = words.SOMETHING_WENT_WRONG


class UserFacingError(Exception):
    """An expected problem with a kind message for the person (unknown id, expired button …)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class OptionError(UserFacingError, app_commands.AppCommandError):
    """A slash-command option that could not be used (unknown article, time, time zone …).

    Raised by the option's transformer (:mod:`bot.ui.transformers`) before the command runs:
    discord.py passes an ``AppCommandError`` to the tree's error handler as it is, and as a
    ``UserFacingError`` :func:`reply_error` shows its kind message, privately."""


def describe(interaction: discord.Interaction[Any]) -> str:
    """What the interaction was, without any values the person typed."""
    if interaction.command is not None:
        return f"/{interaction.command.qualified_name}"
    data: Mapping[str, object] = interaction.data or {}
    custom_id = str(data.get("custom_id", ""))
    return f"component {custom_id.split(':')[1] if custom_id.startswith('lc:') else '?'}"


async def reply_error(interaction: discord.Interaction[Any], error: BaseException) -> None:
    """Answer ``interaction`` kindly for ``error``; never raises."""
    # discord.py wraps what a command raised; unwrap that, but never a deliberate error's cause.
    original: BaseException = error
    if isinstance(error, app_commands.CommandInvokeError):
        original = error.original
    if crisis_shown(interaction) and isinstance(original, UserFacingError | app_commands.CheckFailure):
        return  # the crisis card answered first; a "couldn't find that" must not follow it
    if isinstance(original, UserFacingError):
        message = original.message
    elif isinstance(original, app_commands.CheckFailure):
        message = str(original) if str(original) else words.NOT_AVAILABLE_HERE
    else:
        error_id = secrets.token_hex(4)
        log.error(
            "error %s in %s",
            error_id,
            describe(interaction),
            exc_info=(type(original), original, original.__traceback__),
        )
        message = GENERIC.format(error_id=error_id)
    await send_notice(interaction, message)


async def send_notice(interaction: discord.Interaction[Any], message: str) -> None:
    """A short private text answer, whatever the interaction's state; never raises."""
    try:
        if interaction.type is discord.InteractionType.autocomplete:
            if not interaction.response.is_done():
                await interaction.response.autocomplete([])
            return
        if interaction.response.is_done():
            await interaction.followup.send(message, ephemeral=True, allowed_mentions=NO_MENTIONS)
        else:
            await interaction.response.send_message(message, ephemeral=True, allowed_mentions=NO_MENTIONS)
    except discord.HTTPException as exc:
        log.warning("could not deliver an error notice for %s: %s", describe(interaction), exc.status)

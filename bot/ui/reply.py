"""One way to answer an interaction, whatever state it is in.

A renderer returns a :class:`Reply`; :func:`send` delivers it as the first
response, a follow-up after a deferral, or an in-place edit of the message a
component sits on. Every send carries ``AllowedMentions.none()``: nothing the
bot says can ping anyone.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import discord

from bot.clock import utc_at

NO_MENTIONS = discord.AllowedMentions.none()


def discord_time(at: datetime | float, style: discord.utils.TimestampStyle = "f") -> str:
    """An instant as Discord's timestamp markup: each reader sees it in their own zone and language.

    ``at`` is an aware datetime or epoch seconds (a naive datetime is taken as UTC, never local).
    Styles: ``t`` 4:30 pm, ``f`` full date and time, ``D`` date, ``R`` relative ("in 20 seconds").
    """
    if not isinstance(at, datetime):
        at = utc_at(at)
    elif at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return discord.utils.format_dt(at, style)


CRISIS_SHOWN = "crisis_shown"
"""``interaction.extras`` key set when the crisis card answered first (``bot.ui.safety_net``)."""


@dataclass(frozen=True)
class Attachment:
    filename: str
    data: bytes
    description: str | None = None

    def to_file(self) -> discord.File:
        return discord.File(io.BytesIO(self.data), filename=self.filename, description=self.description)


@dataclass
class Reply:
    content: str | None = None
    embeds: list[discord.Embed] = field(default_factory=list)
    view: discord.ui.View | None = None
    files: list[Attachment] = field(default_factory=list)
    #: None = the default for the place: private in servers, plain in a DM with the bot.
    ephemeral: bool | None = None
    #: Still sent after a crisis card: it only tells the member their input was kept (or how to
    #: fix it). Every other reply is held back then, so nothing cheerful follows the card.
    after_crisis: bool = False


def crisis_shown(interaction: discord.Interaction[Any]) -> bool:
    """True when the crisis card already answered this interaction (see ``bot.ui.safety_net``)."""
    return CRISIS_SHOWN in getattr(interaction, "extras", {})


def is_bot_dm(interaction: discord.Interaction[Any]) -> bool:
    """True when the interaction happens in the bot's own DM, where replies are private anyway."""
    context = interaction.context
    return bool(context.dm_channel) and interaction.guild_id is None


def wants_ephemeral(interaction: discord.Interaction[Any], reply: Reply) -> bool:
    if reply.ephemeral is not None:
        return reply.ephemeral
    return not is_bot_dm(interaction)


def message_kwargs(reply: Reply) -> dict[str, Any]:
    """The keyword arguments of any discord.py send or edit call for ``reply`` (no mentions, ever)."""
    kwargs: dict[str, Any] = {"allowed_mentions": NO_MENTIONS}
    if reply.content is not None:
        kwargs["content"] = reply.content
    if reply.embeds:
        kwargs["embeds"] = reply.embeds
    if reply.view is not None:
        kwargs["view"] = reply.view
    if reply.files:
        kwargs["files"] = [a.to_file() for a in reply.files]
    return kwargs


async def send(interaction: discord.Interaction[Any], reply: Reply) -> None:
    """Send ``reply`` as a new message: the initial response, or a follow-up if already acknowledged.
    After a crisis card, only a reply marked ``after_crisis`` is sent."""
    if crisis_shown(interaction) and not reply.after_crisis:
        return
    kwargs = message_kwargs(reply)
    ephemeral = wants_ephemeral(interaction, reply)
    if interaction.response.is_done():
        await interaction.followup.send(ephemeral=ephemeral, wait=False, **kwargs)
    else:
        await interaction.response.send_message(ephemeral=ephemeral, **kwargs)


async def send_all(interaction: discord.Interaction[Any], replies: Sequence[Reply]) -> None:
    """Several messages in order: the first as the response, the rest as follow-ups."""
    for reply in replies:
        await send(interaction, reply)


async def update(interaction: discord.Interaction[Any], reply: Reply) -> None:
    """Replace the message a component sits on (navigation), keeping it private if it was.
    After a crisis card the card stays: a reply marked ``after_crisis`` follows it instead."""
    if crisis_shown(interaction):
        await send(interaction, reply)
        return
    kwargs = message_kwargs(reply)
    files = kwargs.pop("files", None)
    kwargs.setdefault("content", None)
    kwargs.setdefault("embeds", [])
    kwargs.setdefault("view", None)
    if files:
        kwargs["attachments"] = files
    if interaction.response.is_done():
        await interaction.edit_original_response(**kwargs)
    else:
        await interaction.response.edit_message(**kwargs)

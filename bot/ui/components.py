"""Building buttons, selects and views from id classes (see :mod:`bot.ui.router` for where presses go).

``button(label, ReadPage(article, section, page))`` is the button; its custom_id is
built by the id class, which checks it against the template a press will be parsed
with (:meth:`bot.custom_ids.base.CustomId.custom_id`), so a malformed id fails when
it is built, not when it is pressed. The items are plain ``discord.ui`` items: a
press never reaches them (it is routed by custom_id, :mod:`bot.ui.router`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import discord
from discord import ui

from bot.custom_ids import CustomId
from bot.limits import BUTTON_LABEL
from bot.ui.reply import crisis_shown

__all__ = ["FrozenView", "button", "link", "open_modal", "select", "view"]

Interaction = discord.Interaction[Any]


# --- building components ---------------------------------------------------------------------


def button(
    label: str,
    ids: CustomId,
    *,
    style: discord.ButtonStyle = discord.ButtonStyle.secondary,
    emoji: str | None = None,
    disabled: bool = False,
    row: int | None = None,
) -> ui.Button[Any]:
    return ui.Button(
        label=label[:BUTTON_LABEL],
        custom_id=ids.custom_id(),
        style=style,
        emoji=emoji,
        disabled=disabled,
        row=row,
    )


def select(
    ids: CustomId,
    *,
    options: Sequence[discord.SelectOption],
    placeholder: str | None = None,
    row: int | None = None,
) -> ui.Select[Any]:
    return ui.Select(custom_id=ids.custom_id(), options=list(options), placeholder=placeholder, row=row)


def link(label: str, url: str, row: int | None = None) -> ui.Button[Any]:
    return ui.Button(label=label[:BUTTON_LABEL], url=url, row=row)


class FrozenView(ui.View):
    """A view that is only ever serialised: built once, stopped, its payload computed once.

    Presses reach the handlers by custom_id (:mod:`bot.ui.router`), never through a
    view object. discord.py files a view
    that is not finished in its view store when it is sent, and for an ephemeral
    reply also sets a 15-minute timeout and starts a task per message to wait it
    out; a stopped view skips all of that, so nothing is kept per message.
    Nothing changes a view after :func:`view` returns it, so its component
    payload is computed on the first send and reused (the same page sent again,
    or a cached page, costs no second walk over its items).
    """

    _payload: list[dict[str, Any]] | None = None

    def to_components(self) -> list[dict[str, Any]]:
        if self._payload is None:
            self._payload = super().to_components()
        return self._payload


def text_field(
    label: str,
    field_id: str,
    limit: int,
    *,
    default: str | None = None,
    placeholder: str | None = None,
    long: bool = False,
    required: bool = False,
) -> ui.TextInput[Any]:
    """One field of a form, holding at most ``limit`` characters; ``default`` (what they wrote
    before) is cut to fit, and an empty one leaves the placeholder showing."""
    return ui.TextInput(
        label=label,
        custom_id=field_id,
        style=discord.TextStyle.paragraph if long else discord.TextStyle.short,
        placeholder=placeholder,
        default=default[:limit] if default else None,
        max_length=limit,
        required=required,
    )


def view(*items: ui.Item[Any]) -> ui.View:
    """A view of id-carrying items: nothing is kept in memory per message, and no timeout."""
    result = FrozenView(timeout=None)
    for item in items:
        result.add_item(item)
    result.stop()
    return result


async def open_modal(interaction: Interaction, form: ui.Modal) -> None:
    """Show ``form`` but do not keep it alive: its submission is routed by custom_id instead,
    so it still works after a restart and holds no memory while someone types.
    Not after a crisis card: that answer stays the only one."""
    if crisis_shown(interaction):
        return
    await interaction.response.send_modal(form)
    form.stop()

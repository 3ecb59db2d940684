"""Buttons, selects and modals that keep working after a restart.

Every component's custom_id is ``lc:<kind>:<arg>:<arg>…`` and carries all the
state it needs (an article and section, a session id and action …). One
``DynamicItem`` class matches them all and hands the press to the handler a cog
registered for ``kind``; a press on anything else (an old or foreign
custom_id) gets a kind "this has expired" answer instead of Discord's
"This interaction failed". Modal submissions take the same road through
:meth:`ComponentRouter.on_interaction`, so they work after a restart too.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import discord
from discord import ui

from bot.custom_ids import custom_id, parse_custom_id
from bot.limits import BUTTON_LABEL
from bot.ui.errors import UserFacingError, reply_error, send_notice
from bot.ui.reply import crisis_shown

log = logging.getLogger(__name__)

EXPIRED = (
    "This button is from an older message and has expired. "
    "Use the command again (for example `/read` or `/stretch`) to get a fresh one."
)


@dataclass(frozen=True)
class Press:
    """What a person did: which kind of component, its arguments, and any values they chose or typed."""

    kind: str
    args: tuple[str, ...]
    values: tuple[str, ...] = ()
    fields: dict[str, str] = field(default_factory=dict)


Handler = Callable[[discord.Interaction[Any], Press], Awaitable[None]]


class ComponentRouter:
    """Maps a component kind to the cog handler that serves it."""

    def __init__(self) -> None:
        self._handlers: dict[str, Handler] = {}

    def register(self, kind: str, handler: Handler) -> None:
        self._handlers[kind] = handler

    def unregister(self, kind: str) -> None:
        self._handlers.pop(kind, None)

    async def dispatch(self, interaction: discord.Interaction[Any], press: Press) -> None:
        handler = self._handlers.get(press.kind)
        try:
            if handler is None:
                raise UserFacingError(EXPIRED)
            await handler(interaction, press)
        except Exception as exc:
            await reply_error(interaction, exc)

    async def on_interaction(self, interaction: discord.Interaction[Any]) -> None:
        """Modal submissions: routed here rather than to live Modal objects (see :func:`open_modal`)."""
        if interaction.type is not discord.InteractionType.modal_submit:
            return
        data: dict[str, Any] = dict(interaction.data or {})
        parsed = parse_custom_id(str(data.get("custom_id", "")))
        if parsed is None:
            if not crisis_shown(interaction):
                await send_notice(interaction, EXPIRED)
            return
        fields = dict(_modal_fields(data.get("components", [])))
        await self.dispatch(interaction, Press(parsed[0], parsed[1], fields=fields))


def _modal_fields(components: Sequence[Any]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for component in components:
        if not isinstance(component, dict):
            continue
        if "custom_id" in component and "value" in component:
            found.append((str(component["custom_id"]), str(component["value"])))
        inner = component.get("components") or ([component["component"]] if "component" in component else [])
        found.extend(_modal_fields(inner))
    return found


ROUTER = ComponentRouter()


class Routed(ui.DynamicItem[ui.Button[Any]], template=r"lc:(?P<kind>[a-z0-9-]+)(?P<args>(?::[^:]*)*)"):
    """Any ``lc:`` button or select; the press goes to :data:`ROUTER`."""

    def __init__(self, item: ui.Item[Any]) -> None:
        super().__init__(item)  # type: ignore[arg-type]

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: ui.Item[Any], match: re.Match[str], /
    ) -> Routed:
        return cls(item)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        item_id = getattr(self.item, "custom_id", "") or ""
        parsed = parse_custom_id(item_id)
        if parsed is None:  # pragma: no cover - the template guarantees the prefix
            await send_notice(interaction, EXPIRED)
            return
        values = tuple(getattr(self.item, "values", ()) or ())
        await ROUTER.dispatch(interaction, Press(parsed[0], parsed[1], values=values))


class Unknown(ui.DynamicItem[ui.Button[Any]], template=r"(?s)(?!lc:[a-z0-9-]+(?::|\Z)).*"):
    """Anything that is not ours or no longer exists: answer kindly instead of failing.

    ``(?s)`` and ``\\Z`` (not ``$``, which also matches before a final newline): a
    custom_id may hold any character, a newline included, and one that matched no
    template at all would get Discord's "This interaction failed".
    """

    def __init__(self, item: ui.Item[Any]) -> None:
        super().__init__(item)  # type: ignore[arg-type]

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: ui.Item[Any], match: re.Match[str], /
    ) -> Unknown:
        return cls(item)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await send_notice(interaction, EXPIRED)


def button(
    label: str,
    kind: str,
    *args: str | int,
    style: discord.ButtonStyle = discord.ButtonStyle.secondary,
    emoji: str | None = None,
    disabled: bool = False,
    row: int | None = None,
) -> Routed:
    return Routed(
        ui.Button(
            label=label[:BUTTON_LABEL],
            custom_id=custom_id(kind, *args),
            style=style,
            emoji=emoji,
            disabled=disabled,
            row=row,
        )
    )


def select(
    kind: str,
    *args: str | int,
    options: Sequence[discord.SelectOption],
    placeholder: str | None = None,
    row: int | None = None,
) -> Routed:
    return Routed(
        ui.Select(custom_id=custom_id(kind, *args), options=list(options), placeholder=placeholder, row=row)
    )


def link(label: str, url: str, row: int | None = None) -> ui.Button[Any]:
    return ui.Button(label=label[:BUTTON_LABEL], url=url, row=row)


class FrozenView(ui.View):
    """A view that is only ever serialised: built once, stopped, its payload computed once.

    Presses reach :class:`Routed` through the dynamic items registered at
    start-up, never through a view object. discord.py files a view that is not
    finished in its view store when it is sent, and for an ephemeral reply also
    sets a 15-minute timeout and starts a task per message to wait it out; a
    stopped view skips all of that, so nothing is kept per message. Nothing
    changes a view after :func:`view` returns it, so its component payload is
    computed on the first send and reused (the same page sent again, or a
    cached page, costs no second walk over its items).
    """

    _payload: list[dict[str, Any]] | None = None

    def to_components(self) -> list[dict[str, Any]]:
        if self._payload is None:
            self._payload = super().to_components()
        return self._payload


def view(*items: ui.Item[Any]) -> ui.View:
    """A view made only of routed items: nothing is kept in memory per message, and no timeout."""
    result = FrozenView(timeout=None)
    for item in items:
        result.add_item(item)
    result.stop()
    return result


async def open_modal(interaction: discord.Interaction[Any], modal: ui.Modal) -> None:
    """Show ``modal`` but do not keep it alive: its submission is routed by custom_id instead,
    so it still works after a restart and holds no memory while someone types.
    Not after a crisis card: that answer stays the only one."""
    if crisis_shown(interaction):
        return
    await interaction.response.send_modal(modal)
    modal.stop()

"""Where a press goes: the handler a cog registered for the press's id class.

Every component's custom_id is built by one id class of :mod:`bot.custom_ids`
and carries all the state it needs (an article and section, a session id and
action …). Each id class has its own ``discord.ui.DynamicItem`` in
:mod:`bot.ui.kinds`, registered at start-up, which parses a press into the
class's typed arguments and hands them to the handler a cog registered for that
class on :data:`ROUTER`. A press on anything else (an old or foreign
custom_id) gets a kind "this has expired" answer instead of Discord's "This
interaction failed". Form submissions take the same road through
:meth:`ComponentRouter.on_interaction`, so they work after a restart too.

A cog registers what it serves by class, so ``grep ReadPage`` finds the
renderer that builds the button, its DynamicItem and its handler::

    bot.router.on_press(ReadPage, self.on_read)          # (interaction, ReadPage)
    bot.router.on_choose(SectionMenu, self.on_pick)      # (interaction, SectionMenu, chosen value)
    bot.router.on_submit(CheckinForm, self.on_checkin)   # (interaction, CheckinForm, form fields)
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, TypeVar

import discord

from bot.custom_ids import FORMS, CustomId
from bot.ui.errors import UserFacingError, reply_error, send_notice
from bot.ui.reply import crisis_shown
from bot.wording import common as common_words

log = logging.getLogger(__name__)

EXPIRED = common_words.PRESS_EXPIRED

IdT = TypeVar("IdT", bound=CustomId)
Interaction = discord.Interaction[Any]
Fields = Mapping[str, str]
_Dispatch = Callable[[Interaction, Any, tuple[str, ...], Mapping[str, str]], Awaitable[None]]


class ComponentRouter:
    """Maps an id class to the cog handler that serves it."""

    def __init__(self, forms: Sequence[type[CustomId]] = FORMS) -> None:
        self._handlers: dict[type[CustomId], _Dispatch] = {}
        self._forms = tuple(forms)

    def on_press(self, kind: type[IdT], handler: Callable[[Interaction, IdT], Awaitable[None]]) -> None:
        """A button: the handler gets the press's typed arguments."""

        async def call(interaction: Interaction, ids: IdT, values: tuple[str, ...], _: Fields) -> None:
            await handler(interaction, ids)

        self._handlers[kind] = call

    def on_choose(self, kind: type[IdT], handler: Callable[[Interaction, IdT, str], Awaitable[None]]) -> None:
        """A select: the handler also gets the value chosen (``""`` if none came)."""

        async def call(interaction: Interaction, ids: IdT, values: tuple[str, ...], _: Fields) -> None:
            await handler(interaction, ids, values[0] if values else "")

        self._handlers[kind] = call

    def on_submit(
        self, kind: type[IdT], handler: Callable[[Interaction, IdT, Mapping[str, str]], Awaitable[None]]
    ) -> None:
        """A form: the handler also gets the submitted fields, by their custom_id."""

        async def call(interaction: Interaction, ids: IdT, _: tuple[str, ...], fields: Fields) -> None:
            await handler(interaction, ids, fields)

        self._handlers[kind] = call

    def unregister(self, *kinds: type[CustomId]) -> None:
        for kind in kinds:
            self._handlers.pop(kind, None)

    def serves(self, kind: type[CustomId]) -> bool:
        return kind in self._handlers

    async def dispatch(
        self,
        interaction: Interaction,
        ids: CustomId,
        values: tuple[str, ...] = (),
        fields: Mapping[str, str] | None = None,
    ) -> None:
        handler = self._handlers.get(type(ids))
        try:
            if handler is None:
                raise UserFacingError(EXPIRED)
            await handler(interaction, ids, values, fields or {})
        except Exception as exc:
            await reply_error(interaction, exc)

    async def on_interaction(self, interaction: Interaction) -> None:
        """Form submissions: routed here by custom_id rather than to live Modal objects
        (see :func:`open_modal`)."""
        if interaction.type is not discord.InteractionType.modal_submit:
            return
        data: dict[str, Any] = dict(interaction.data or {})
        value = str(data.get("custom_id", ""))
        ids = next((found for form in self._forms if (found := form.parse(value)) is not None), None)
        if ids is None:
            if not crisis_shown(interaction):
                await send_notice(interaction, EXPIRED)
            return
        await self.dispatch(interaction, ids, fields=dict(_modal_fields(data.get("components", []))))


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

"""Where a press goes: the handler a cog registered for the press's id class.

Every component's custom_id is built by one id class of :mod:`bot.custom_ids`
and carries all the state it needs (an article and section, a session id and
action …). Every press and every form submission reaches
:meth:`ComponentRouter.on_interaction` (the client's ``on_interaction``, after the
safety net), which picks the id class by the id's kind (``lc:<kind>:…``), parses
the press into the class's typed arguments and hands them to the handler a cog
registered for that class. Nothing is looked up in memory per message and no
``View`` is rebuilt from the pressed message, so a press on a message sent by an
earlier process works the same. A press on anything else (an old or foreign
custom_id) gets a kind "this has expired" answer instead of Discord's "This
interaction failed".

A cog registers what it serves by class, so ``grep ReadPage`` finds the
renderer that builds the button and its handler::

    bot.router.on_press(ReadPage, self.on_read)          # (interaction, ReadPage)
    bot.router.on_choose(SectionMenu, self.on_pick)      # (interaction, SectionMenu, chosen value)
    bot.router.on_submit(CheckinForm, self.on_checkin)   # (interaction, CheckinForm, form fields)
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, TypeVar

import discord

from bot.custom_ids import COMPONENTS, FORMS, PREFIX, CustomId
from bot.ui.errors import UserFacingError, reply_error, send_notice
from bot.ui.reply import crisis_shown
from bot.wording import common as common_words

log = logging.getLogger(__name__)

EXPIRED = common_words.PRESS_EXPIRED

IdT = TypeVar("IdT", bound=CustomId)
Interaction = discord.Interaction[Any]
Fields = Mapping[str, str]
_Dispatch = Callable[[Interaction, Any, tuple[str, ...], Mapping[str, str]], Awaitable[None]]
_Index = dict[str, tuple[type[CustomId], ...]]
_HEAD = PREFIX + ":"
_START = len(_HEAD)
_NO_FIELDS: Mapping[str, str] = {}


def _index(kinds: Sequence[type[CustomId]]) -> _Index:
    """The id classes by the first word of their kind, the one after ``lc:`` (a few share one,
    told apart by what follows it: ``src:a`` and ``src:t``, ``open`` with or without a target)."""
    found: dict[str, list[type[CustomId]]] = {}
    for kind in kinds:
        found.setdefault(kind.KIND.split(":", 1)[0], []).append(kind)
    return {word: tuple(classes) for word, classes in found.items()}


def _parse(index: _Index, value: str) -> CustomId | None:
    """The typed arguments of ``value`` by the first class of its kind that matches it whole,
    or None (not ours, or a kind no longer served)."""
    if not value.startswith(_HEAD):
        return None
    end = value.find(":", _START)
    for kind in index.get(value[_START:] if end < 0 else value[_START:end], ()):
        found = kind.parse(value)
        if found is not None:
            return found
    return None


class ComponentRouter:
    """Maps an id class to the cog handler that serves it."""

    def __init__(
        self, components: Sequence[type[CustomId]] = COMPONENTS, forms: Sequence[type[CustomId]] = FORMS
    ) -> None:
        self._handlers: dict[type[CustomId], _Dispatch] = {}
        self._components = _index(components)
        self._forms = _index(forms)

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

    def component(self, custom_id: str) -> CustomId | None:
        """A button's or select's custom_id as its id class's arguments (None: not a component of ours)."""
        return _parse(self._components, custom_id)

    def form(self, custom_id: str) -> CustomId | None:
        """A form's custom_id as its id class's arguments (None: not a form of ours)."""
        return _parse(self._forms, custom_id)

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
            await handler(interaction, ids, values, _NO_FIELDS if fields is None else fields)
        except Exception as exc:
            await reply_error(interaction, exc)

    async def on_interaction(self, interaction: Interaction) -> None:
        """Every press and every form submission, routed by custom_id alone: no ``View`` or
        ``Modal`` object is kept or rebuilt (see :func:`bot.ui.components.view` and
        :func:`~bot.ui.components.open_modal`), so both work after a restart too."""
        kind = interaction.type
        if kind is discord.InteractionType.component:
            await self._on_press(interaction)
        elif kind is discord.InteractionType.modal_submit:
            await self._on_submit(interaction)

    async def _on_press(self, interaction: Interaction) -> None:
        data: Mapping[str, Any] = interaction.data or _NO_FIELDS
        ids = self.component(str(data.get("custom_id", "")))
        if ids is None:
            await send_notice(interaction, EXPIRED)
            return
        # A select's chosen values (a button has none); nothing else of the message is read.
        values = data.get("values")
        await self.dispatch(interaction, ids, tuple(map(str, values)) if values else ())

    async def _on_submit(self, interaction: Interaction) -> None:
        data: Mapping[str, Any] = interaction.data or _NO_FIELDS
        ids = self.form(str(data.get("custom_id", "")))
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

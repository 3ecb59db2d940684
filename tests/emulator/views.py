"""Read-only views of what the bot showed: a message (text, buttons, selects), a modal."""

from __future__ import annotations

from typing import NamedTuple

from .constants import JSON
from .entities import (
    StoredAttachment,
    StoredMessage,
    User,
)
from .validation import walk_components


class ButtonInfo(NamedTuple):
    label: str | None
    custom_id: str | None
    style: int
    disabled: bool


class SelectInfo(NamedTuple):
    custom_id: str
    type: int
    options: list[JSON]
    min_values: int
    max_values: int
    disabled: bool
    placeholder: str | None


class ModalInput(NamedTuple):
    custom_id: str
    type: int
    label: str | None
    style: int | None
    required: bool
    min_length: int | None
    max_length: int | None
    value: str | None


class Message:
    """A live view of a message the emulator holds (edits show through)."""

    def __init__(self, stored: StoredMessage) -> None:
        self._stored = stored

    def __repr__(self) -> str:
        flags = " ephemeral" if self.ephemeral else ""
        return f"<Message {self.id}{flags} content={self.content[:40]!r} embeds={len(self.embeds)}>"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and other.id == self.id

    def __hash__(self) -> int:
        return hash(self.id)

    @property
    def stored(self) -> StoredMessage:
        return self._stored

    @property
    def id(self) -> int:
        return self._stored.id

    @property
    def channel_id(self) -> int:
        return self._stored.channel_id

    @property
    def guild_id(self) -> int | None:
        return self._stored.guild_id

    @property
    def author(self) -> User:
        return self._stored.author

    @property
    def content(self) -> str:
        return self._stored.content

    @property
    def embeds(self) -> list[JSON]:
        return self._stored.embeds

    @property
    def components(self) -> list[JSON]:
        return self._stored.components

    @property
    def flags(self) -> int:
        return self._stored.flags

    @property
    def attachments(self) -> list[StoredAttachment]:
        return self._stored.attachments

    @property
    def ephemeral(self) -> bool:
        return self._stored.ephemeral

    @property
    def loading(self) -> bool:
        return self._stored.loading

    @property
    def deleted(self) -> bool:
        return self._stored.deleted

    @property
    def edited(self) -> bool:
        return self._stored.edited_timestamp is not None

    @property
    def interaction_id(self) -> int | None:
        return self._stored.interaction_id

    @property
    def raw(self) -> JSON:
        return self._stored.payload()

    def text(self) -> str:
        """Everything a reader sees as text: content, embeds, and Components V2 text."""
        parts = [self.content]
        for embed in self.embeds:
            for key in ("title", "description"):
                if embed.get(key):
                    parts.append(str(embed[key]))
            author = embed.get("author") or {}
            if author.get("name"):
                parts.append(str(author["name"]))
            for item in embed.get("fields") or []:
                parts.extend([str(item.get("name", "")), str(item.get("value", ""))])
            footer = embed.get("footer") or {}
            if footer.get("text"):
                parts.append(str(footer["text"]))
        for component in walk_components(self.components):
            if component.get("type") == 10:
                parts.append(str(component.get("content", "")))
        return "\n".join(p for p in parts if p)

    def all_components(self) -> list[JSON]:
        return walk_components(self.components)

    def buttons(self) -> list[ButtonInfo]:
        """Every button as (label, custom_id, style, disabled), in reading order."""
        return [
            ButtonInfo(
                c.get("label"), c.get("custom_id"), int(c.get("style", 0)), bool(c.get("disabled", False))
            )
            for c in self.all_components()
            if c.get("type") == 2
        ]

    def link_buttons(self) -> list[tuple[str | None, str]]:
        return [
            (c.get("label"), str(c.get("url")))
            for c in self.all_components()
            if c.get("type") == 2 and c.get("style") == 5
        ]

    def find_button(self, label: str) -> ButtonInfo:
        """The button labelled exactly `label` (else the only one containing it)."""
        buttons = self.buttons()
        exact = [b for b in buttons if b.label == label]
        if exact:
            return exact[0]
        partial = [b for b in buttons if b.label and label.lower() in b.label.lower()]
        if len(partial) == 1:
            return partial[0]
        raise KeyError(f"no button {label!r}; buttons: {[b.label for b in buttons]}")

    def selects(self) -> list[SelectInfo]:
        return [
            SelectInfo(
                str(c.get("custom_id")),
                int(c["type"]),
                list(c.get("options") or []),
                int(c.get("min_values", 1)),
                int(c.get("max_values", 1)),
                bool(c.get("disabled", False)),
                c.get("placeholder"),
            )
            for c in self.all_components()
            if c.get("type") in (3, 5, 6, 7, 8)
        ]

    def find_component(self, custom_id: str) -> JSON:
        for component in self.all_components():
            if component.get("custom_id") == custom_id:
                return component
        raise KeyError(f"no component with custom_id {custom_id!r} on message {self.id}")


class Modal:
    """A modal the bot opened (callback type 9)."""

    def __init__(self, data: JSON) -> None:
        self.data = data

    def __repr__(self) -> str:
        return f"<Modal {self.custom_id!r} title={self.title!r}>"

    @property
    def custom_id(self) -> str:
        return str(self.data.get("custom_id"))

    @property
    def title(self) -> str:
        return str(self.data.get("title"))

    @property
    def components(self) -> list[JSON]:
        return list(self.data.get("components") or [])

    def inputs(self) -> list[ModalInput]:
        found: list[ModalInput] = []
        for top in self.components:
            label = top.get("label") if top.get("type") == 18 else None
            children = [top["component"]] if top.get("type") == 18 else list(top.get("components") or [])
            for child in children:
                if not isinstance(child, dict) or "custom_id" not in child:
                    continue
                found.append(
                    ModalInput(
                        custom_id=str(child["custom_id"]),
                        type=int(child.get("type", 4)),
                        label=child.get("label") or label,
                        style=child.get("style"),
                        required=bool(child.get("required", True)),
                        min_length=child.get("min_length"),
                        max_length=child.get("max_length"),
                        value=child.get("value"),
                    )
                )
        return found

"""One dispatched interaction as a test sees it: its response, its messages, and waits
that fail with a diagnosis (what the bot did instead) rather than a bare timeout."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .constants import JSON, CallbackType
from .entities import (
    InteractionRecord,
    StoredMessage,
    User,
    Violation,
)
from .interactions import HarnessError
from .views import Message, Modal

if TYPE_CHECKING:
    from .core import EmulatorCore as Emulator


class InteractionFailed(AssertionError):
    """The person would have seen "This interaction failed"."""


class InteractionRejected(AssertionError):
    """The bot's response was refused by the emulator (as Discord would refuse it)."""

    def __init__(self, violation: Violation) -> None:
        super().__init__(
            f"{violation['route']}: {violation['code']} {violation['message']} — {violation['detail']}"
        )
        self.violation = violation


@dataclass
class CallbackResponse:
    """The bot's initial response to an interaction."""

    type: int
    data: JSON | None
    message: Message | None

    @property
    def ephemeral(self) -> bool:
        return self.message is not None and self.message.ephemeral


class InteractionHandle:
    """What happened to one interaction the harness dispatched."""

    def __init__(self, emulator: Emulator, record: InteractionRecord) -> None:
        self._emu = emulator
        self.record = record

    def __repr__(self) -> str:
        return f"<InteractionHandle {self.record.description} response={self.record.response_type}>"

    @property
    def id(self) -> int:
        return self.record.id

    @property
    def token(self) -> str:
        return self.record.token

    @property
    def type(self) -> int:
        return self.record.type

    @property
    def user(self) -> User:
        return self.record.user

    @property
    def payload(self) -> JSON:
        return self.record.payload

    @property
    def delivered(self) -> bool:
        return self.record.delivered

    @property
    def shard(self) -> int | None:
        """The shard id of the gateway session that received it (None: not delivered)."""
        return self.record.shard

    @property
    def responded(self) -> bool:
        return self.record.response_type is not None

    @property
    def failed(self) -> bool:
        return self.record.failed

    @property
    def response_type(self) -> int | None:
        return self.record.response_type

    @property
    def rejections(self) -> list[Violation]:
        return list(self.record.rejections)

    @property
    def messages(self) -> list[Message]:
        """Messages created through this interaction: the original, then follow-ups."""
        state = self._emu.state
        return [Message(state.messages[m]) for m in self.record.message_ids]

    @property
    def original(self) -> Message | None:
        stored = self._emu.state.messages.get(self.record.original_message_id or 0)
        return Message(stored) if stored else None

    @property
    def followups(self) -> list[Message]:
        return [m for m in self.messages if m.id != self.record.original_message_id]

    @property
    def modal(self) -> Modal | None:
        return Modal(self.record.modal) if self.record.modal is not None else None

    @property
    def choices(self) -> list[JSON] | None:
        return self.record.choices

    def _default_timeout(self, timeout: float | None) -> float:
        return timeout if timeout is not None else self._emu.config.response_deadline + 2.0

    def _diagnose(self, what: str, timeout: float) -> str:
        rec = self.record
        lines = [
            f"{what} for {rec.description} (interaction {rec.id}) within {timeout:g} s",
            f"  delivered to a gateway session: {rec.delivered} (shard {rec.shard})",
            f"  initial response type: {rec.response_type}; failed: {rec.failed}",
        ]
        if rec.rejections:
            lines.append(
                "  rejected: "
                + "; ".join(f"{v['code']} {v['message']} ({v['detail']})" for v in rec.rejections)
            )
        return "\n".join(lines)

    async def response(self, timeout: float | None = None) -> CallbackResponse:
        """Wait (bounded) for the initial callback; raise if it failed or was refused."""
        limit = self._default_timeout(timeout)
        rec = self.record
        try:
            await self._emu.state.changes.wait_for(
                lambda: rec.response_type is not None or rec.rejections or rec.failed, limit
            )
        except TimeoutError:
            raise AssertionError(self._diagnose("no initial response", limit)) from None
        if rec.response_type is None:
            if rec.rejections:
                raise InteractionRejected(rec.rejections[-1])
            raise InteractionFailed(self._diagnose("This interaction failed: no response", limit))
        message: Message | None = None
        if rec.response_type in (CallbackType.CHANNEL_MESSAGE, CallbackType.DEFERRED_CHANNEL_MESSAGE):
            message = self.original
        elif rec.response_type == CallbackType.UPDATE_MESSAGE and rec.component_message_id:
            message = Message(self._emu.state.messages[rec.component_message_id])
        return CallbackResponse(rec.response_type, rec.response_data, message)

    def _visible_message(self) -> StoredMessage | None:
        rec = self.record
        state = self._emu.state
        kind = rec.response_type
        if rec.failed and kind is None:
            raise InteractionFailed(self._diagnose("This interaction failed", 0))
        if kind in (CallbackType.CHANNEL_MESSAGE, CallbackType.DEFERRED_CHANNEL_MESSAGE):
            original = state.messages.get(rec.original_message_id or 0)
            if original is not None and not original.loading:
                return original
        elif kind == CallbackType.UPDATE_MESSAGE:
            return state.messages.get(rec.component_message_id or 0)
        elif kind == CallbackType.DEFERRED_UPDATE_MESSAGE:
            if rec.component_message_edited:
                return state.messages.get(rec.component_message_id or 0)
            if rec.message_ids:
                return state.messages[rec.message_ids[-1]]
        elif kind in (CallbackType.MODAL, CallbackType.AUTOCOMPLETE_RESULT):
            raise HarnessError(f"{rec.description} was answered with callback type {kind}, not a message")
        return None

    async def wait_message(self, timeout: float | None = None) -> Message:
        """The message the person ends up seeing (after a defer: the edited original)."""
        limit = self._default_timeout(timeout)
        await self.response(limit)
        try:
            stored = await self._emu.state.changes.wait_for(self._visible_message, limit)
        except TimeoutError:
            raise AssertionError(self._diagnose("no visible message (still thinking?)", limit)) from None
        assert stored is not None
        return Message(stored)

    async def wait_followups(self, count: int, timeout: float | None = None) -> list[Message]:
        """Wait until at least `count` follow-ups (beyond the original) exist."""
        limit = self._default_timeout(timeout)
        try:
            await self._emu.state.changes.wait_for(lambda: len(self.followups) >= count, limit)
        except TimeoutError:
            raise AssertionError(self._diagnose(f"fewer than {count} follow-ups", limit)) from None
        return self.followups

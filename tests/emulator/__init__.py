"""A local Discord API emulator (REST + gateway) and a harness to drive a bot through it.

Start one with ``async with Emulator() as emu`` (or ``python -m tests.emulator``),
point a bot at ``emu.api_base``, then act as people (``emu.slash``, ``emu.click``,
``emu.send_dm`` …) and read what the bot did. Anything real Discord would have
refused lands in ``emu.violations``.
"""

from .botprocess import BotExited, BotProcess
from .faults import FaultInjector, FaultRule
from .harness import (
    ButtonInfo,
    CallbackResponse,
    Community,
    Emulator,
    InteractionFailed,
    InteractionHandle,
    InteractionRejected,
    Message,
    Modal,
    ModalInput,
    SelectInfo,
)
from .interactions import HarnessError
from .state import (
    CallbackType,
    Channel,
    ChannelType,
    Context,
    EmulatorConfig,
    EmulatorState,
    Guild,
    Intent,
    InteractionType,
    Member,
    MessageFlag,
    Overwrite,
    Perm,
    Role,
    StoredAttachment,
    User,
    Violation,
)

__all__ = [
    "BotExited",
    "BotProcess",
    "ButtonInfo",
    "CallbackResponse",
    "CallbackType",
    "Channel",
    "ChannelType",
    "Community",
    "Context",
    "Emulator",
    "EmulatorConfig",
    "EmulatorState",
    "FaultInjector",
    "FaultRule",
    "Guild",
    "HarnessError",
    "Intent",
    "InteractionFailed",
    "InteractionHandle",
    "InteractionRejected",
    "InteractionType",
    "Member",
    "Message",
    "MessageFlag",
    "Modal",
    "ModalInput",
    "Overwrite",
    "Perm",
    "Role",
    "SelectInfo",
    "StoredAttachment",
    "User",
    "Violation",
]

"""A local Discord API emulator (REST + gateway) and a harness to drive a bot through it.

Start one with ``async with Emulator() as emu`` (or ``python -m tests.emulator``),
point a bot at ``emu.api_base``, then act as people (``emu.slash``, ``emu.click``,
``emu.send_dm`` …) and read what the bot did. Anything real Discord would have
refused lands in ``emu.violations``.

This module is the one public entry point: tests and ``bench/`` import from here,
never from the modules below it. Where things live (one concern per module):

* ``harness`` — :class:`Emulator`, assembled from ``core`` (the app, lifecycle, waits,
  reading, the violations check), ``world`` (users, servers, channels, roles) and
  ``people`` (slash commands, clicks, selects, modals, messages);
* ``views`` and ``handles`` — what a test reads: messages, modals, interaction handles;
* ``interactions`` — the interaction payloads Discord would send, options resolved;
* ``rest/`` — the REST routes per resource family; ``rest/callbacks`` holds the
  acknowledgement rules (one initial response, within 3 s);
* ``validation/`` — Discord's payload limits; ``gateway`` — the websocket protocol;
  ``shards`` — which shard a server belongs to and which IDENTIFY shard is accepted;
* ``constants``, ``entities``, ``state`` — the in-memory model;
* ``faults``, ``botprocess``, ``inprocess`` — injected failures and bots to drive.
"""

from .botprocess import BARE_BOT_CMD, PING_REPLY, READY_MARKER, BotExited, BotProcess
from .constants import (
    CallbackType,
    ChannelType,
    Context,
    Intent,
    InteractionType,
    MessageFlag,
    Perm,
)
from .entities import (
    Channel,
    Guild,
    InteractionRecord,
    Member,
    Overwrite,
    Role,
    StoredAttachment,
    StoredMessage,
    User,
    Violation,
)
from .faults import FaultInjector, FaultRule
from .gateway import ZSTD_AVAILABLE
from .handles import CallbackResponse, InteractionFailed, InteractionHandle, InteractionRejected
from .harness import Emulator
from .inprocess import pointed_at, running
from .interactions import HarnessError, locate
from .runner import run_until_signalled
from .shards import shard_of
from .state import EmulatorConfig, EmulatorState
from .views import ButtonInfo, Message, Modal, ModalInput, SelectInfo
from .world import Community

__all__ = [
    "BARE_BOT_CMD",
    "PING_REPLY",
    "READY_MARKER",
    "ZSTD_AVAILABLE",
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
    "InteractionRecord",
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
    "StoredMessage",
    "User",
    "Violation",
    "locate",
    "pointed_at",
    "run_until_signalled",
    "running",
    "shard_of",
]

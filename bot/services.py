"""The core services one bot process uses, built once in ``setup_hook``.

No Discord imports: the client hands in the database, scheduler, content and
clock; feature cogs reach the core only through this object. Each feature adds
its service here, so start-up re-arming and shutdown are in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.storage.audit import AuditRepo
from bot.storage.journal import JournalRepo
from bot.storage.kv import KVRepo
from bot.storage.prefs import PrefsRepo
from bot.storage.reminders import ReminderRepo
from bot.storage.sessions import SessionRepo

if TYPE_CHECKING:
    from bot.client import LupusBot


@dataclass
class Services:
    kv: KVRepo
    prefs: PrefsRepo
    sessions: SessionRepo
    journal: JournalRepo
    reminders: ReminderRepo
    audit: AuditRepo

    @classmethod
    async def create(cls, bot: LupusBot) -> Services:
        db = bot.db
        return cls(
            kv=KVRepo(db),
            prefs=PrefsRepo(db),
            sessions=SessionRepo(db),
            journal=JournalRepo(db),
            reminders=ReminderRepo(db),
            audit=AuditRepo(db),
        )

    async def rearm(self) -> None:
        """Re-arm stored timers (routine deadlines, reminders) after a start."""

    async def close(self) -> None:
        """Let in-flight work finish before the database closes."""

"""The core services one bot process uses, built once in ``setup_hook``.

No Discord imports: the client hands in the database, scheduler, content and
clock; feature cogs reach the core only through this object. Each feature adds
its service here, so start-up re-arming and shutdown are in one place.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.journal.drafts import DraftStore
from bot.journal.report import JournalReports
from bot.reminders.dispatcher import ReminderDispatcher
from bot.reminders.service import ReminderService
from bot.routines.service import RoutineService
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
    reminder_dispatcher: ReminderDispatcher
    journal_reports: JournalReports
    checkin_drafts: DraftStore
    routines: RoutineService
    #: Called with a user id by /privacy delete, before their rows are erased: each feature that
    #: keeps timers or memory about a person (reminder timer, routine session timers, drafts)
    #: appends a hook here, so nothing of theirs fires or lingers afterwards.
    forget_user_hooks: list[Callable[[int], Awaitable[None]]] = field(default_factory=list)

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
            reminder_dispatcher=ReminderDispatcher(
                ReminderService(ReminderRepo(db)), PrefsRepo(db), bot.scheduler, bot.clock
            ),
            journal_reports=JournalReports(JournalRepo(db)),
            checkin_drafts=DraftStore(bot.clock),
            routines=RoutineService(db, bot.scheduler, bot.clock),
        )

    async def rearm(self) -> None:
        """Re-arm stored timers (routine deadlines, reminders) after a start."""
        await self.reminder_dispatcher.rearm()
        await self.routines.rearm()

    async def close(self) -> None:
        """Let in-flight work finish before the database closes."""
        await self.routines.close()

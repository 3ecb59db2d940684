"""The core services one bot process uses, built once in ``setup_hook``.

No Discord imports: the client hands in the database, scheduler, content and
clock; feature cogs reach the core only through this object. Each feature adds
its service here, so start-up re-arming and shutdown are in one place.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.fairuse import FairUse
from bot.journal.drafts import DraftStore
from bot.journal.report import JournalReports
from bot.ports import Ports
from bot.reminders.dispatcher import ReminderDispatcher
from bot.reminders.schedule import parse_time
from bot.reminders.service import ReminderService
from bot.report.service import ReportService
from bot.routines.service import RoutineService
from bot.storage.audit import AuditRepo
from bot.storage.backup import DailyBackup
from bot.storage.database import Database
from bot.storage.journal import JournalRepo
from bot.storage.kv import KVRepo
from bot.storage.meds import MedicineRepo
from bot.storage.prefs import PrefsRepo
from bot.storage.privacy import delete_user, export_user
from bot.storage.reminders import ReminderRepo
from bot.storage.safety_plans import SafetyPlanRepo
from bot.storage.sessions import SessionRepo
from bot.storage.shares import ShareRepo
from bot.storage.tracking import TrackingRepo
from bot.tracking.meds import MedService
from bot.tracking.service import TrackingService

if TYPE_CHECKING:
    from bot.client import LupusBot

log = logging.getLogger(__name__)

CHECKIN_BLOCKED_NOTICE = (
    "I tried to send your daily check-in reminder, but Discord would not let me message you. I've paused "
    "it so I don't keep trying. To get it again: allow direct messages from this server's members "
    "(Server name → Privacy Settings), then use `/remind checkin`."
)


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
    backup: DailyBackup
    fair_use: FairUse
    safety_plans: SafetyPlanRepo
    db: Database
    shares: ShareRepo
    tracking: TrackingService
    meds: MedService
    checkin_reminders: ReminderDispatcher
    """The daily check-in reminder: the stretch reminder's rules on its own table."""
    report: ReportService

    @classmethod
    async def create(cls, bot: LupusBot, ports: Ports | None = None) -> Services:
        """Every service, given the Discord side it needs (``ports``; none in tests without Discord)."""
        ports = ports or Ports()
        db = bot.db
        prefs, journal, reminders = PrefsRepo(db), JournalRepo(db), ReminderRepo(db)
        kv = KVRepo(db)
        tracking = TrackingService(TrackingRepo(db), reminders)
        medicines = MedicineRepo(db)
        services = cls(
            kv=kv,
            prefs=prefs,
            sessions=SessionRepo(db),
            journal=journal,
            reminders=reminders,
            audit=AuditRepo(db),
            reminder_dispatcher=ReminderDispatcher(
                ReminderService(reminders), prefs, bot.scheduler, bot.clock, sender=ports.reminder_sender
            ),
            journal_reports=JournalReports(journal, tracking=tracking.repo, meds=medicines),
            checkin_drafts=DraftStore(bot.clock),
            routines=RoutineService(db, bot.scheduler, bot.clock, card_editor=ports.card_editor),
            backup=DailyBackup(db, kv, bot.scheduler, bot.clock, bot.config.database.backup_dir),
            fair_use=FairUse(bot.clock),
            safety_plans=SafetyPlanRepo(db),
            db=db,
            shares=ShareRepo(db),
            tracking=tracking,
            meds=MedService(medicines, tracking, bot.scheduler, bot.clock, sender=ports.med_sender),
            checkin_reminders=ReminderDispatcher(
                ReminderService(ReminderRepo(db, table="checkin_reminders")),
                prefs,
                bot.scheduler,
                bot.clock,
                sender=ports.checkin_sender,
                key_prefix="checkin-reminder:",
                blocked_notice=CHECKIN_BLOCKED_NOTICE,
            ),
            report=ReportService(tracking.repo, medicines),
        )
        return services

    async def erase_user(self, user_id: int) -> dict[str, int]:
        """``/privacy delete``: stop everything of theirs, delete every row they own (every table
        with a ``user_id``), and return the rows erased per table."""
        await self._forget(user_id)
        counts = await delete_user(self.db, user_id)
        await self._forget(user_id)  # anything that slipped in while deleting
        return counts

    async def export_user(self, user_id: int, *, now: datetime) -> dict[str, Any]:
        """``/privacy export``: everything stored about them, as a JSON-ready dict (one snapshot)."""
        return await export_user(self.db, user_id, now=now)

    async def _forget(self, user_id: int) -> None:
        """Drop what features keep about a person outside the database: timers and form drafts."""
        for forget in (
            self.routines.forget_user,
            self.reminder_dispatcher.forget_user,
            self.checkin_drafts.forget_user,
            self.meds.forget_user,
            self.checkin_reminders.forget_user,
            self.fair_use.forget_user,
        ):
            try:
                await forget(user_id)
            except Exception:
                # One feature failing must not stop the erasure itself.
                log.exception("forgetting a member failed in %s", forget.__qualname__)

    async def rearm(self, *, serves_dms: bool = True) -> None:
        """Re-arm stored timers (routine deadlines, reminders) after a start.

        ``serves_dms``: this process serves shard 0 (see ``RoutineService.rearm``)."""
        await self.reminder_dispatcher.rearm()
        await self.checkin_reminders.rearm()
        await self.meds.rearm()
        await self.routines.rearm(dm_sessions=serves_dms)
        await self.backup.arm()

    async def set_timezone(self, user_id: int, tz_name: str) -> None:
        """The member's one time zone: stored once, and every reminder of theirs follows it.

        ValueError for a zone tzdata does not know (checked before anything changes)."""
        now = self.reminder_dispatcher.now()
        for dispatcher in (self.reminder_dispatcher, self.checkin_reminders):
            current = await dispatcher.service.get(user_id)
            if current is not None:
                await dispatcher.set(user_id, parse_time(current.local_time), tz_name, current.routine_id)
        await self.tracking.set_timezone(user_id, tz_name, now=now)
        await self.meds.replan_user(user_id)

    async def close(self) -> None:
        """Let in-flight work finish before the database closes."""
        await self.routines.close()

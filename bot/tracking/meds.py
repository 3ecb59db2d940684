"""Medicines and their DM reminders, on the one Scheduler (no Discord here).

One pending row per dose (medicine, due instant) in ``medicine_reminders``; one
timer per row (key ``med:<row id>``). The rules, like the stretch reminder's:

* The row stays pending until the DM has gone out; a restart re-arms every
  pending row. Before sending, a process *claims* the row (a short lease in the
  row itself), so two processes, or a timer and a restart, never send the same
  dose twice; a claim left by a process that died mid-send expires, so the dose
  is still sent, with the same nonce (``bot.delivery.delivery_nonce``), so a DM
  Discord already accepted is not created twice.
* A dose reminder found more than an hour late (the bot was down) is not sent:
  a "take your 8 am medicine" at noon could lead to a double dose. It is marked
  done and the next one is planned.
* After each send or skip, the medicine's next dose at each of its times is
  ensured (the unique (medicine, due) key makes that idempotent).
* Snooze moves the same row 30 minutes on; Taken / Skipped answer the dose, and a
  second press changes the answer rather than adding one.

The bot only repeats what the member typed; it never suggests a dose or a change.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta
from typing import Protocol

from bot.clock import Clock, utcnow
from bot.delivery import CLAIM_LEASE_SECONDS, Delivery, delivery_nonce
from bot.reminders.schedule import MISSED_GRACE_SECONDS, format_time, next_fire, parse_time
from bot.scheduler import Scheduler
from bot.storage.meds import DoseStatus, Medicine, MedicineRepo, MedReminder
from bot.tracking.service import TrackingService, safe_zone
from bot.wording import tracking as words

log = logging.getLogger(__name__)

KEY_PREFIX = "med:"
SNOOZE = timedelta(minutes=30)
RETRY_SECONDS = 300.0
MAX_TIMES = 6
MAX_MEDICINES = 20
NAME_MAX = 100
DOSE_MAX = 100


class MedSender(Protocol):
    """Sends one medicine reminder DM and says how it went. Must not raise for Discord errors.

    ``nonce`` names this firing: the sender passes it to Discord with ``enforce_nonce``."""

    async def __call__(self, row: MedReminder, medicine: Medicine, nonce: str, /) -> Delivery: ...


def parse_times(text: str) -> tuple[str, ...]:
    """``"8:00, 20:00"`` or ``"8am 8pm"`` -> ``("08:00", "20:00")``; ValueError with a kind message."""
    pieces = [p for p in re.split(r"[,;/]|\s+and\s+|\s{2,}", text.strip()) if p.strip()]
    if len(pieces) == 1 and " " in pieces[0].strip():
        # "8am 8pm": spaces separate times unless they join a number and am/pm ("8 am").
        pieces = re.findall(r"\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?", pieces[0], re.IGNORECASE) or pieces
    times: list[str] = []
    for piece in pieces:
        value = format_time(parse_time(piece.strip()))
        if value not in times:
            times.append(value)
    if not times:
        raise ValueError(words.MED_TIMES_MISSING)
    if len(times) > MAX_TIMES:
        raise ValueError(words.MED_TIMES_TOO_MANY.format(most=MAX_TIMES))
    return tuple(sorted(times))


def med_key(reminder_id: int) -> str:
    return f"{KEY_PREFIX}{reminder_id}"


class MedService:
    """Medicines, doses and their reminders for every member."""

    def __init__(
        self,
        repo: MedicineRepo,
        tracking: TrackingService,
        scheduler: Scheduler,
        clock: Clock,
        *,
        grace_seconds: float = MISSED_GRACE_SECONDS,
        sender: MedSender | None = None,
    ) -> None:
        self.repo = repo
        self.tracking = tracking
        self.sender = sender
        """The Discord side of delivery (``bot.ui.senders``); without one, a due reminder waits."""
        self._scheduler = scheduler
        self._clock = clock
        self._grace = grace_seconds

    async def find(self, user_id: int, typed: str) -> Medicine | None:
        """One of the member's own medicines, by the id autocomplete sends or by its name as typed."""
        for medicine in await self.repo.list(user_id):
            if str(medicine.id) == typed.strip() or medicine.name.casefold() == typed.strip().casefold():
                return medicine
        return None

    def now(self) -> datetime:
        return utcnow(self._clock)

    # -- what the commands call -------------------------------------------------------------------

    async def add(self, user_id: int, name: str, dose: str | None, times: tuple[str, ...]) -> Medicine:
        medicine = await self.repo.add(user_id, name, dose, times, now=self.now())
        await self.ensure_pending(medicine)
        return medicine

    async def remove(self, user_id: int, medicine_id: int) -> bool:
        pending = [r for r in await self.repo.pending() if r.medicine_id == medicine_id]
        removed = await self.repo.remove(user_id, medicine_id, now=self.now())
        if removed:
            for row in pending:
                self._scheduler.cancel(med_key(row.id))
        return removed

    async def log_dose(self, user_id: int, medicine_id: int, status: DoseStatus) -> bool:
        medicine = await self.repo.get(medicine_id)
        if medicine is None or medicine.user_id != user_id:
            return False
        await self.repo.record_dose(user_id, medicine_id, status, due_at=None, now=self.now(), source="log")
        return True

    async def answer(self, user_id: int, reminder_id: int, status: DoseStatus) -> MedReminder | None:
        """Taken / Skipped from a reminder DM; None if the reminder is not this person's."""
        row = await self.repo.reminder(reminder_id)
        if row is None or row.user_id != user_id:
            return None
        await self.repo.record_dose(
            user_id, row.medicine_id, status, due_at=row.due_at, now=self.now(), source="reminder"
        )
        if row.sent_at is None:  # answered before (or instead of) a snoozed send
            await self.repo.mark_sent(row.id, sent_at=self.now())
            self._scheduler.cancel(med_key(row.id))
        return row

    async def snooze(self, user_id: int, reminder_id: int) -> datetime | None:
        """Remind again in 30 minutes; None if the reminder is not this person's."""
        when = self.now() + SNOOZE
        if not await self.repo.snooze(reminder_id, user_id, when):
            return None
        self._scheduler.schedule(med_key(reminder_id), when.timestamp(), self._on_timer)
        return when

    async def forget_user(self, user_id: int) -> None:
        """The ``/privacy delete`` hook: drop this person's timers (rows go with their data)."""
        for row in await self.repo.pending():
            if row.user_id == user_id:
                self._scheduler.cancel(med_key(row.id))

    async def rearm(self) -> int:
        rows = await self.repo.pending()
        for row in rows:
            self._scheduler.schedule(med_key(row.id), row.fire_at.timestamp(), self._on_timer)
        return len(rows)

    async def ensure_pending(self, medicine: Medicine) -> None:
        """A pending row (and timer) for the next dose at each of the medicine's times."""
        if not medicine.active:
            return
        tz = safe_zone(await self.tracking.timezone(medicine.user_id))
        now = self.now()
        for text in medicine.times:
            due = next_fire(parse_time(text), tz, now)
            row = await self.repo.add_reminder(medicine.user_id, medicine.id, due)
            if row is not None and row.sent_at is None:
                self._scheduler.schedule(med_key(row.id), row.fire_at.timestamp(), self._on_timer)

    async def replan_user(self, user_id: int) -> None:
        """After a time-zone change: drop pending rows and plan again in the new zone."""
        for row in await self.repo.pending():
            if row.user_id == user_id:
                self._scheduler.cancel(med_key(row.id))
        await self.repo.drop_pending(user_id)
        for medicine in await self.repo.list(user_id):
            await self.ensure_pending(medicine)

    # -- delivery ---------------------------------------------------------------------------------

    async def _on_timer(self, key: str) -> None:
        try:
            reminder_id = int(key.removeprefix(KEY_PREFIX))
        except ValueError:
            return
        try:
            await self.deliver(reminder_id)
        except Exception:
            log.exception("medicine reminder delivery failed; will retry")
            self._scheduler.schedule(key, self._clock.now() + RETRY_SECONDS, self._on_timer)

    async def deliver(self, reminder_id: int) -> Delivery | None:
        """Act on one pending row if it is due; returns what happened (None: nothing to do)."""
        row = await self.repo.reminder(reminder_id)
        if row is None or row.sent_at is not None:
            return None
        now = self.now()
        if row.fire_at > now:
            self._scheduler.schedule(med_key(row.id), row.fire_at.timestamp(), self._on_timer)
            return None
        medicine = await self.repo.get(row.medicine_id)
        if medicine is None or not medicine.active:
            await self.repo.mark_sent(row.id, sent_at=now)
            return None
        if (now - row.fire_at).total_seconds() >= self._grace:
            await self.repo.mark_sent(row.id, sent_at=now)  # too late to be safe: skipped, not sent
            await self.ensure_pending(medicine)
            return None
        if self.sender is None:
            self._scheduler.schedule(med_key(row.id), self._clock.now() + RETRY_SECONDS, self._on_timer)
            return Delivery.FAILED
        if not await self.repo.claim(row.id, now=now, lease_seconds=CLAIM_LEASE_SECONDS):
            # Someone else is sending it; look again once their claim would have expired.
            self._scheduler.schedule(
                med_key(row.id), self._clock.now() + CLAIM_LEASE_SECONDS + 1, self._on_timer
            )
            return None
        nonce = delivery_nonce(KEY_PREFIX, row.id, round(row.fire_at.timestamp(), 3))
        try:
            outcome = await self.sender(row, medicine, nonce)
        except Exception:
            log.exception("the medicine reminder sender raised; treating it as a passing failure")
            outcome = Delivery.FAILED
        if outcome is Delivery.FAILED:
            await self.repo.release(row.id)
            self._scheduler.schedule(med_key(row.id), self._clock.now() + RETRY_SECONDS, self._on_timer)
            return outcome
        await self.repo.mark_sent(row.id, sent_at=now)
        if outcome is Delivery.SENT:
            await self.ensure_pending(medicine)
        return outcome

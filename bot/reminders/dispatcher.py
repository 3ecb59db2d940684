"""Delivering daily reminders on time, through the bot's one Scheduler.

Like RoboDanny's reminder cog, timers live in the database and a single task
sleeps until the earliest (here: the shared ``Scheduler``). What we do
differently, and why:

* One timer per person (key ``reminder:<user_id>``), armed at the row's stored
  ``next_fire_at``. ``/remind off`` and ``/privacy delete`` cancel exactly that
  key; a change of time simply re-arms it.
* The row stays due until the DM has really gone out (``record_sent``), so a
  crash mid-send is retried at start-up under the missed-reminder rule: sent if
  less than an hour late, otherwise skipped to the next day. Never twice.
* A DM Discord refuses for good (the person closed DMs: 50007; no shared
  server: 50278) pauses the reminder instead of failing every day, and leaves
  the person a notice to read the next time they use the bot.
* A DM that fails for a passing reason (Discord 5xx, network) is retried every
  few minutes; the one-hour rule still decides whether it is worth sending.
* Several processes may share the database, and each arms every reminder. Before
  sending, a process *claims* the row for a short lease: one claim wins, the
  others look again after the lease. A process that dies mid-send leaves a claim
  that expires, and the process that takes over sends with the same nonce
  (``bot.delivery.delivery_nonce``), so Discord returns the first DM rather than
  create a second: sent exactly once, never lost.
* Time comes from the injected ``Clock``, so tests drive days, daylight-saving
  changes and restarts in milliseconds.

No Discord here: sending is a ``ReminderSender`` the client supplies (``bot.ui.senders``).
"""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta
from typing import Protocol

from bot.clock import Clock, utcnow
from bot.delivery import CLAIM_LEASE_SECONDS, Delivery, delivery_nonce
from bot.reminders.service import ReminderService
from bot.scheduler import Scheduler
from bot.storage.prefs import PrefsRepo
from bot.storage.reminders import Reminder
from bot.wording import reminders as words

log = logging.getLogger(__name__)

KEY_PREFIX = "reminder:"
RETRY_SECONDS = 300.0

DM_BLOCKED_NOTICE = words.DM_BLOCKED_NOTICE
"""Left for the person (``PrefsRepo.notice_pending``) when their reminder DM is refused."""


class ReminderSender(Protocol):
    """Sends one reminder DM and says how it went. Must not raise for Discord errors.

    ``nonce`` names this firing: the sender passes it to Discord with ``enforce_nonce``."""

    async def __call__(self, reminder: Reminder, nonce: str, /) -> Delivery: ...


class ReminderDispatcher:
    """Keeps one scheduler timer per active reminder and acts when it fires."""

    def __init__(
        self,
        service: ReminderService,
        prefs: PrefsRepo,
        scheduler: Scheduler,
        clock: Clock,
        *,
        sender: ReminderSender | None = None,
        retry_seconds: float = RETRY_SECONDS,
        lease_seconds: float = CLAIM_LEASE_SECONDS,
        blocked_notice: str = DM_BLOCKED_NOTICE,
        key_prefix: str = KEY_PREFIX,
    ) -> None:
        self.service = service
        self.sender = sender
        """The Discord side of delivery (``bot.ui.senders``), given at construction."""
        self._prefs = prefs
        self._scheduler = scheduler
        self._clock = clock
        self._retry = retry_seconds
        self._lease = lease_seconds
        self._notice = blocked_notice
        # The daily check-in reminder runs on its own table through a second dispatcher.
        self._prefix = key_prefix

    def _key(self, user_id: int) -> str:
        return f"{self._prefix}{user_id}"

    def now(self) -> datetime:
        return utcnow(self._clock)

    # -- what the commands call -------------------------------------------------------------------

    async def rearm(self) -> int:
        """Arm a timer for every active reminder (start-up). Overdue ones fire at once. Returns the count."""
        reminders = await self.service.active()
        for reminder in reminders:
            self._arm(reminder.user_id, reminder.next_fire_at)
        return len(reminders)

    async def set(self, user_id: int, local_time: time, tz_name: str, routine_id: str | None) -> Reminder:
        """Create or replace a reminder, un-pause it, and arm it. ValueError for an unknown zone."""
        reminder = await self.service.set(user_id, local_time, tz_name, routine_id, now=self.now())
        self._arm(user_id, reminder.next_fire_at)
        return reminder

    async def off(self, user_id: int) -> bool:
        """Stop and remove the reminder; False if there was none."""
        self._scheduler.cancel(self._key(user_id))
        return await self.service.off(user_id)

    async def forget_user(self, user_id: int) -> None:
        """The ``/privacy delete`` hook: drop the timer (the row goes with the rest of their data)."""
        self._scheduler.cancel(self._key(user_id))

    async def snooze(self, user_id: int, seconds: float) -> datetime | None:
        """Fire again ``seconds`` from now (then carry on daily); None when there is no active reminder."""
        reminder = await self.service.get(user_id)
        if reminder is None or reminder.paused:
            return None
        when = self.now() + timedelta(seconds=seconds)
        if not await self.service.move(user_id, when, now=self.now()):
            return None
        self._arm(user_id, when)
        return when

    async def skip_today(self, user_id: int) -> datetime | None:
        """No more reminders today (a pending snooze included): next one is tomorrow's. None: no reminder."""
        reminder = await self.service.get(user_id)
        if reminder is None or reminder.paused:
            return None
        when = await self.service.first_after_today(reminder, now=self.now())
        if not await self.service.move(user_id, when, now=self.now()):
            return None
        self._arm(user_id, when)
        return when

    # -- delivery ---------------------------------------------------------------------------------

    def _arm(self, user_id: int, when: datetime) -> None:
        self._scheduler.schedule(self._key(user_id), when.timestamp(), self._on_timer)

    def _retry_later(self, user_id: int) -> None:
        self._scheduler.schedule(self._key(user_id), self._clock.now() + self._retry, self._on_timer)

    async def _on_timer(self, key: str) -> None:
        try:
            user_id = int(key.removeprefix(self._prefix))
        except ValueError:
            log.warning("ignoring a malformed reminder timer key")
            return
        try:
            await self.deliver(user_id)
        except Exception:
            # The row is still due; try again shortly rather than never.
            log.exception("reminder delivery failed; will retry")
            self._retry_later(user_id)

    async def deliver(self, user_id: int) -> Delivery | None:
        """Act on this person's reminder if it is due now; returns what happened (None: nothing due)."""
        now = self.now()
        firing = await self.service.firing_for(user_id, now)
        if firing is None:
            await self._rearm_from_store(user_id)
            return None
        if firing.action == "skip":
            # Too late to be useful (the bot was down): quietly move to the next day.
            await self.service.record_skipped(firing, now=now)
            log.info("a reminder more than an hour overdue was skipped")
            await self._rearm_from_store(user_id)
            return None
        if self.sender is None:
            log.warning("a reminder is due but no sender is attached yet; retrying later")
            self._retry_later(user_id)
            return Delivery.FAILED
        if not await self.service.claim(firing, now=now, lease_seconds=self._lease):
            # Another process is sending it: look again once its claim would have expired.
            self._scheduler.schedule(self._key(user_id), self._clock.now() + self._lease + 1, self._on_timer)
            return None
        nonce = delivery_nonce(self._prefix, user_id, round(firing.reminder.next_fire_at.timestamp(), 3))
        try:
            outcome = await self.sender(firing.reminder, nonce)
        except Exception:
            log.exception("the reminder sender raised; treating it as a passing failure")
            outcome = Delivery.FAILED
        if outcome is Delivery.SENT:
            await self.service.record_sent(firing, sent_at=now)
            await self._rearm_from_store(user_id)
        elif outcome is Delivery.BLOCKED:
            # Only leave a notice if the reminder still exists: if the person erased their data
            # while this DM was in flight, writing a preferences row would bring some of it back.
            if await self.service.record_undeliverable(firing, now=now):
                await self._prefs.leave_notice(user_id, self._notice, now=now)
            self._scheduler.cancel(self._key(user_id))
            log.info("a reminder DM was refused by Discord; the reminder is paused")
        else:
            await self.service.release(firing)
            self._retry_later(user_id)
        return outcome

    async def _rearm_from_store(self, user_id: int) -> None:
        """Arm from whatever the row says now (it may have been changed or removed meanwhile)."""
        reminder = await self.service.get(user_id)
        if reminder is None or reminder.paused:
            self._scheduler.cancel(self._key(user_id))
            return
        when = reminder.next_fire_at
        if when <= self.now():
            # Still due although we just acted: a concurrent change raced us. Look again shortly
            # instead of spinning.
            self._retry_later(user_id)
            return
        self._arm(user_id, when)

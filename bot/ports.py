"""What the core needs from the Discord side, handed in when the services are built.

The core never imports discord. Where a service must reach a member without a press (a reminder
DM, a routine card edited when a hold ends), it is given a small callable at construction; the
Discord implementations live in :mod:`bot.ui.senders` and the client passes them to
:meth:`bot.services.Services.create`. Tests and benchmarks pass their own fakes, or none (then
reminders wait and auto-advance pauses, as without Discord).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.reminders.dispatcher import ReminderSender
from bot.routines.service import CardEditor
from bot.tracking.meds import MedSender

__all__ = ["CardEditor", "MedSender", "Ports", "ReminderSender"]


@dataclass(frozen=True, slots=True)
class Ports:
    card_editor: CardEditor | None = None
    """Shows a routine session's current card (auto-advance at a hold's end)."""
    reminder_sender: ReminderSender | None = None
    """Sends the daily stretch reminder DM."""
    checkin_sender: ReminderSender | None = None
    """Sends the daily check-in reminder DM."""
    med_sender: MedSender | None = None
    """Sends a medicine reminder DM."""

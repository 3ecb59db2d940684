"""What the routine core says to a member: refusals of a press, and the step label."""

from __future__ import annotations

# ----------------------------------------------------------------- a press that does not apply

NOT_STARTED = "This routine hasn't started yet. Press Start when you're ready."
PAUSED = "This routine is paused. Press Resume when you're ready to carry on."
ALREADY_STARTED = "This routine has already started."
ALREADY_PAUSED = "This routine is already paused."
NOT_PAUSED = "This routine isn't paused."
NOT_RUNNING = "This routine isn't running right now."
STALE_TIMER = "This timer is out of date."
NOT_IDLE = "This routine was used recently."
NOT_EXPIRED = "This routine was paused only recently."

# ----------------------------------------------------------------- a press on a routine that has ended

ENDED_DONE = "This routine has already finished — well done. Use /stretch to start another."
ENDED_STOPPED = "This routine was stopped. You can start it again any time with /stretch."
ENDED_HURT = (
    "This routine was stopped because something hurt. Rest, and use /stretch only when you feel ready."
)
ENDED_ABANDONED = "This routine was closed. You can start it again any time with /stretch."
ENDED_EXPIRED = "This routine was paused for over a day, so it was closed. Use /stretch to start it again."

# ----------------------------------------------------------------- the service

SESSION_NOT_FOUND = "I can't find that routine any more. Use /stretch to start one."
NOT_YOUR_SESSION = "This routine belongs to someone else — start your own with /stretch."
ALREADY_IN_PROGRESS = "You already have a routine in progress."
BUTTON_DOES_NOTHING = "That button doesn't do anything here. Use /stretch to carry on."
PAIN_OUT_OF_RANGE = "Please pick a number from 0 to 10."
PAIN_AFTER_FINISH = "You can note your pain when the routine has finished."

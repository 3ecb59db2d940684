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

# ----------------------------------------------------------------- the step cards (Discord)

STEP_LABEL_SIDE = " ({side})"
"""Added to a two-sided step's title: ``Knee to chest (left)``."""
STEP_LABEL_TIMES = " · {reps} times"
"""Added to a movement done several times: ``Ankle circles · 5 times``."""

POSITION_WORDS: dict[str, str] = {
    "floor": "on the floor",
    "chair": "in a chair",
    "bed": "in bed",
    "standing": "standing",
}
"""Where a routine is done, as it reads after its level (the stored value is the key)."""
NO_EQUIPMENT = "nothing"
ROUTINE_META = "{minutes} min · {level} · {where} · needs {equipment}"
"""``10 min · Gentle · on the floor · needs a mat``."""
AUTO_ADVANCE_ON = "auto-advance on"
AUTO_ADVANCE_OFF = "auto-advance off: you press Next"
CARD_FOOTER = "{title} · {mode}"
PROGRESS = "{bar} Step {number} of {count}"
PAUSED_TITLE = "Paused · {step}"
REST_TITLE = "Rest · next: {step}"
PICTURE = "*Picture: {alt}*"
DO_TIMES = "Do this **{reps} times** at your own pace, then press **Next**."
WHEN_DONE = "When you're done, press **Next**."
MOVES_ON = "I'll move on by itself."
THEN_NEXT = "Then press **Next**."
HOLD_FOR = "**Hold for {hold}** — ends {ends}. {then}"
HOLD_DONE = "✓ **Hold done.** Press **Next** when you're ready."
REST_DONE = "**Rest done.** Press **Next** when you're ready."
REST_AND_BREATHE = "**Rest and breathe.** The next one starts by itself {when}."
NEXT_STEP = "**Next:** {instructions}"
BY_BOT_PAUSE = (
    "I paused your routine because I couldn't update this card or nobody pressed anything for a while. "
    "Nothing is lost."
)
PRESS_RESUME = "Press **Resume** when you're ready."
TIME_LEFT_REST = " {left} left on this rest."
TIME_LEFT_HOLD = " {left} left on this hold."

# ----------------------------------------------------------------- the endings

FINISHED_TITLE = "Well done — you finished!"
FINISHED = "You finished **{title}**."
STOPPED_TITLE = "Routine stopped"
STOPPED = "You stopped **{title}**. That's OK — stopping is always fine."
TIME_AND_STEPS = "**Time stretching:** {spent}\n**Steps done:** {done} of {total}"
STEPS_SKIPPED = " ({count} skipped)"
PAIN_QUESTION = (
    "**How is your pain right now?** Tap a number: 0 is no pain, 10 is the worst. "
    "It goes in your private journal (`/journal`)."
)
PAIN_CHANGED = (
    "Changed your answer for this routine from {before} to **{pain} / 10** "
    "(one entry in your journal, not two). See it any time with `/journal`."
)
PAIN_SAVED = (
    "Saved to your private journal: pain **{pain} / 10**. Thank you. See it any time with `/journal`."
)
TAKE_CARE = "Take care, and rest well."
GROUNDING_TITLE = "Take your time"
GROUNDING_DONE = (
    "Well done for taking this time. Stay as long as you like, and take it slowly when you get up.\n\n"
    "If things still feel too much, the crisis lines are there any time, and so is your safety plan."
)
CARE_TITLE = "When to call your care team"
CLOSED_TITLE = "This routine was closed"
CLOSED = "**{title}** was closed. You can start it again any time."
CLOSED_EXPIRED = "**{title}** was closed after a day paused. You can start it again any time."
CARD_TITLE_HOLD = " · hold {hold} of {reps}"
"""After a step's name on its card, for a step held several times on each side."""

# ----------------------------------------------------------------- choosing a routine

LIST_TITLE = "Gentle stretching"
LIST_DESCRIPTION = (
    "Guided routines, one step at a time. Pick one below. You can pause or stop whenever you "
    "like, and **It hurts** is always one tap away."
)
NO_ROUTINES = "There are no routines yet. Please check back soon."
LIST_MORE = "{count} more in the menu below or with /stretch routine:"
CHOOSE_ROUTINE = "Choose a routine…"
ACK_NOTE = "**First time only:** please read these notes, then tap **I've read this — start**."
CAUTION = "• {caution}"
PAGE_OF = "Page {page} of {pages} · "
NOTES_TITLE = "Safety notes · {title}"
IN_PROGRESS_TITLE = "You have a routine in progress"
STATE_PAUSED = "paused"
STATE_IN_PROGRESS = "in progress"
IN_PROGRESS = (
    "**{title}** is {state}: {step}.\n{progress}\n\n"
    "Carry on where you left off, or start it over from the first step?"
)

# ----------------------------------------------------------------- buttons

BUTTON_ALL_ROUTINES = "All routines"
BUTTON_BACK_TO_THE_ROUTINE = "Back to the routine"
BUTTON_BREATHE_AGAIN = "Breathe again"
BUTTON_CARE_TEAM_CONTACTS = "Care team contacts"
BUTTON_CLOSE_IT_SEE_ALL_ROUTINES = "Close it, see all routines"
BUTTON_EMERGENCY_NUMBERS = "Emergency numbers"
BUTTON_IT_HURTS = "It hurts"
BUTTON_IVE_READ_THIS_START = "I've read this — start"
BUTTON_LOG_THIS_IN_MY_JOURNAL = "Log this in my journal"
BUTTON_NEXT_PAGE = "Next page"
BUTTON_NOT_NOW = "Not now"
BUTTON_SAFETY_NOTES = "Safety notes"
BUTTON_SKIP_STEP = "Skip step"
BUTTON_START_OVER = "Start over"
BUTTON_STRETCH_AGAIN = "Stretch again"
BUTTON_WHEN_TO_CALL_MY_CARE_TEAM = "When to call my care team"
BUTTON_LET_ME_PRESS_NEXT = "Let me press Next"
BUTTON_MOVE_ON_BY_ITSELF = "Move on by itself"
BUTTON_START_INSTEAD = "Start {title} instead"
THE_OTHER_ONE = "the other one"
"""In :data:`BUTTON_START_INSTEAD` when the other routine has no title to show."""

# ----------------------------------------------------------------- /stretch (cog)

SENT_TO_DM = (
    "I've sent the routine to our DM, so I can keep the card up to date while you stretch. "
    "Open your messages with me to begin."
)
DM_FAILED = (
    "I couldn't send you a DM (your DMs may be closed for this server), so here it is privately instead."
)
ROUTINE_GONE = "That routine is no longer in the library. Use /stretch to see the ones there are."

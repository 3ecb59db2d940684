"""The doctor's page (a one-page PDF): its headings, labels and sentences.

The page is read by a clinician, so it speaks of "the patient"; the headings
that are the member's own ("Notes for my doctor", "My questions") stay in
their voice.
"""

from __future__ import annotations

TITLE = "Lupus report for my doctor"
CREATOR = "Lupus Companion"
PERIOD = "{start} to {end} ({days} days)"
HEADER_LINE = "Period: {period} · {checkins} check-ins · days in {zone} time · made {made}"
DISCLAIMER = "Recorded by the patient in the Lupus Companion app. A record of how they felt, not a diagnosis."
MORE_ITEMS = "(+{count} more {where})"
MORE_WHERE = "in the app"

# ----------------------------------------------------------------- daily averages

AVERAGES_HEADING = "Daily averages and trends (0-10)"
MEASURE_LABELS: dict[str, str] = {
    "pain": "Pain (0 none - 10 worst)",
    "fatigue": "Fatigue (0 none - 10 worst)",
    "stiffness": "Morning stiffness (0 none - 10 worst)",
    "sleep": "Sleep quality (0 very poor - 10 very good)",
    "mood": "Mood (0 very low - 10 very good)",
}
NOT_RECORDED = "not recorded in this period"
MEASURE_SUMMARY = "average {average:.1f} · range {minimum:.0f}-{maximum:.0f} · {days} days · {trend}"
TREND_UNKNOWN = "trend: not enough days"
TREND_STEADY = "trend: steady"
TREND_HIGHER = "trend: higher lately ({change:+.1f})"
TREND_LOWER = "trend: lower lately ({change:+.1f})"
FLARE_BANDS = "Shaded, hatched bands on the charts mark flares."

# ----------------------------------------------------------------- flares

FLARES_HEADING = "Flares"
FLARE_SPAN = "{start} to {end}"
FLARE_ONGOING = "ongoing"
FLARE_DAYS = " ({days} days)"
FLARE_NOTE = ": {note}"
NO_FLARES = "No flares marked in this period."

# ----------------------------------------------------------------- symptoms

SYMPTOMS_HEADING = "Symptoms (days at each level)"
SYMPTOM_LINE = "{name}: {levels}"
SYMPTOM_LEVEL = "{days} {level}"
LEVEL_MILD = "mild"
LEVEL_MODERATE = "moderate"
LEVEL_SEVERE = "severe"
NO_SYMPTOMS = "No own symptoms recorded in this period."

# ----------------------------------------------------------------- medicines

MEDICINES_HEADING = "Medicines (as the patient entered them; answers to reminders and logs)"
MEDICINE_DOSE = " ({dose})"
MEDICINE_TIMES = ", at {times}: "
MEDICINE_DOSES = "taken {taken} of {total} recorded doses ({percent}%), {skipped} skipped"
MEDICINE_NO_DOSES = "no doses recorded"
MEDICINE_STOPPED = " (stopped)"
NO_MEDICINES = "No medicines entered."

# ----------------------------------------------------------------- the rest

ROUTINES_HEADING = "Gentle routines"
ROUTINES_LINE = "{done} done · {hurt} stopped because of pain · {stopped} stopped early"
PATTERNS_HEADING = "Patterns (observations, not causes)"
NO_PATTERNS = "Not enough days yet to compare (3 on each side)."
NOTES_HEADING = "Notes for my doctor"
NOTE_LINE = "{day}: {note}"
NO_NOTES = "No notes marked for the doctor."
QUESTIONS_HEADING = "My questions"
NO_QUESTIONS = "No questions written yet."
CLIPPED = "…"

# ----------------------------------------------------------------- the /report reply and the questions form

REPLY = (
    "**Your one-page report for your doctor** (last {days} days, {checkins} check-ins{flares}).\n"
    "Open it, print it, or show it on your phone at your visit. Only you can see this. "
    "It is a record of how you felt, not a diagnosis."
)
REPLY_FLARE = ", {count} flare"
REPLY_FLARES = ", {count} flares"
REPLY_TIP = "\nTip: add the questions you want to ask with **Edit my questions**."
PDF_DESCRIPTION = "One-page report for your doctor (PDF)"
QUESTIONS_TITLE = "Questions for my doctor"
QUESTIONS_LABEL = "One question a line (they go on your report)"
QUESTIONS_PLACEHOLDER = "Is my tiredness from lupus or from a medicine?"
QUESTIONS_EMPTY = "Your questions list is now empty."
QUESTION_SAVED = "Saved {count} question. They appear on your next `/report`. Only you can see them."
QUESTIONS_SAVED = "Saved {count} questions. They appear on your next `/report`. Only you can see them."

# ----------------------------------------------------------------- buttons

BUTTON_EDIT_MY_QUESTIONS = "Edit my questions"

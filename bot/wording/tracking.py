"""What the tracking core says: medicine times, a check-in without pain, patterns, adherence."""

from __future__ import annotations

# ----------------------------------------------------------------- medicines

MED_TIMES_MISSING = "Give at least one time, like `8:00` or `8:00, 20:00`."
MED_TIMES_TOO_MANY = "Up to {most} times a day, please."
DOSES_TAKEN = "taken {taken} of {total} recorded ({percent}%)"
NO_DOSES_RECORDED = "no doses recorded"
MEDICINE_LINE = "{name}: {doses}"
"""``Hydroxychloroquine: taken 12 of 14 recorded (86%)``."""

# ----------------------------------------------------------------- check-ins

NEEDS_PAIN = "pick a pain level"

# ----------------------------------------------------------------- patterns

PATTERN = (
    "On days with {condition}, {outcome} averaged {with_average:.1f} "
    "(other days {without_average:.1f}; {with_days} and {without_days} days)."
)
"""One observed pattern, e.g. "On days with poor sleep, pain averaged 6.2 (other days 4.1; 5 and 9 days)"."""
REPORT_PATTERN_NOTE = "Observations from the patient's own records, with no cause implied."
"""Under the patterns on the doctor's page."""

CONDITION_POOR_SLEEP = "poor sleep"
CONDITION_HIGH_FATIGUE = "high fatigue"
CONDITION_MORNING_STIFFNESS = "morning stiffness"
CONDITION_LOW_MOOD = "low mood"
CONDITION_FINISHED_ROUTINE = "a finished routine"
OUTCOME_PAIN = "pain"
OUTCOME_FATIGUE = "fatigue"
OUTCOME_STIFFNESS = "stiffness"

# ----------------------------------------------------------------- /meds

NO_ADVICE = (
    "I only remind you of what you typed. I never suggest a dose or a change: "
    "your doctor or pharmacist decides those."
)
NO_DOSES_YET = "no doses recorded yet"
MEDICINE_NAME_DOSE = "{name} ({dose})"
MED_ADDED = (
    "**Added {name}.** I'll send you a direct message at {times} "
    "({zone}) with **Taken**, **Skipped** and **Snooze 30 min**."
)
MED_HOW_TO_CHANGE = "Change it with `/meds remove` and `/meds add`; record a dose any time with `/meds log`."
PLEASE_NOTE = "**Please note:** {advice}"
NO_MEDICINES = "You have no medicines here yet. Add one with `/meds add`. {advice}"
MEDICINES_HEADER = "**Your medicines** (times in {zone}; last 30 days):"
MEDICINE_ITEM = "• **{name}** at {times}: {doses}"
MEDICINE_NOT_FOUND = "I couldn't find that medicine in your list. See it with `/meds list`."
MED_REMOVED = "Removed. Its reminders are stopped; the doses you recorded stay in your journal."
DOSE_RECORDED = "Recorded: **{status}**. It counts in your journal and report."
MED_REMINDER = "💊 **Medicine reminder:** {name}, your {when} dose.\nTap one when you're ready."
DOSE_TAKEN = "taken"
DOSE_SKIPPED = "skipped"
DOSE_NOTED = "Noted as **{status}**. Thank you. (Tap `/meds list` to see your record.)"
MED_SNOOZED = "OK, I'll remind you again at {when}."
MED_NOT_YOURS = "This reminder belongs to someone else, or it has expired. Use `/meds list` to see yours."

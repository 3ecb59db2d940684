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

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

# ----------------------------------------------------------------- the check-in card

MEASURE_NAMES: dict[str, str] = {
    "pain": "Pain",
    "fatigue": "Fatigue",
    "stiffness": "Morning stiffness",
    "sleep": "Sleep quality",
    "mood": "Mood",
}
"""How each measure is named on the card (the stored name is the key)."""
MEASURE_SCALES: dict[str, str] = {
    "pain": "0 none · 10 worst",
    "fatigue": "0 none · 10 worst",
    "stiffness": "0 none · 10 worst",
    "sleep": "0 very poor · 10 very good",
    "mood": "0 very low · 10 very good",
}
"""What the ends of each measure's scale mean."""
CARD_INTRO = (
    "### Check in (private)\n"
    "Pick what fits today and skip the rest, then tap **Save**. "
    "Pain, fatigue, stiffness: 0 = none, 10 = worst. Sleep, mood: 0 = very poor, 10 = very good."
)
MEASURE_OPTION = "{measure}: {value}"
MEASURE_PLACEHOLDER = "{measure} ({scale})"
SYMPTOM_OPTION = "{symptom}: {level}"
SYMPTOM_PLACEHOLDER = "{symptom}: how much today?"
FOR_MY_DOCTOR = "For my doctor"
FOR_MY_DOCTOR_HINT = "Show this note in the one-page report for your doctor (/report)"
VALUE = "{measure} **{value}**/10"
CARD_SAVED = "**Saved to your private journal** ({when})."
SYMPTOMS_FELT = "Symptoms: {symptoms}"
NOTE_SAVED = "Your note is saved too."
NOTE_SAVED_FOR_DOCTOR = "Your note is saved too, marked for your doctor."
ASK_FLARE = (
    "Your last three days were well above your usual. **Is this a flare?** "
    "(Marking one helps your doctor see it in `/report`.)"
)
SAVED_NOTE = "Only you can see this. See your trends with `/journal`, or bring `/report` to your doctor."
CHECKIN_KEPT = "**Saved to your private journal.** {values}"
PICK_PAIN_FIRST = (
    "Pick your **pain** level first (0 = none, 10 = worst), then tap **Save**. Everything else is optional."
)
NOTHING_TO_COPY = "There is no earlier check-in to copy yet. Pick your levels on the card, then tap **Save**."
NOT_A_FLARE = "Thanks. I won't ask again this week. Take good care of yourself."
NOTED = "Noted."

# ----------------------------------------------------------------- /symptoms

NO_SYMPTOMS = (
    "You track no symptoms of your own yet. Add up to {most} with `/symptoms add`, for example: {examples}.\n"
    "Each one appears on your `/checkin` card as none / mild / moderate / severe."
)
SYMPTOM_ITEM = "• {name}"
SYMPTOMS = (
    "**Your symptoms** ({count} of {most}):\n{names}\n"
    "They appear on your `/checkin` card. Remove one with `/symptoms remove`."
)
SYMPTOM_ADDED = "Added **{name}**. You now track {symptoms} on your `/checkin` card."
SYMPTOMS_FULL = (
    "You already track {most} symptoms, the most the check-in card can hold. "
    "Remove one with `/symptoms remove` first."
)
NO_SUCH_SYMPTOM = "You don't track a symptom by that name. See yours with `/symptoms list`."
SYMPTOM_REMOVED = "Removed **{name}** from your card. Past check-ins keep what you recorded."

# ----------------------------------------------------------------- /flare

FLARE_ALREADY_OPEN = "You have a flare open since {when}. End it with `/flare end` when it settles."
FLARE_MARKED = (
    "**Flare marked** from {when}. It shows as a band on your `/journal` chart and in `/report`. "
    "Use `/flare end` when it settles.\n"
    "If you have new or severe symptoms, contact your care team. Only you can see this."
)
NO_OPEN_FLARE = "You have no open flare. Start one with `/flare start`."
FLARE_ENDED = "**Flare ended.** It lasted about {days}."

# ----------------------------------------------------------------- buttons

BUTTON_ADD_A_NOTE = "Add a note"
BUTTON_SAME_AS_YESTERDAY = "Same as yesterday"
BUTTON_SNOOZE_30_MIN = "Snooze 30 min"
BUTTON_YES_MARK_A_FLARE = "Yes, mark a flare"

# ----------------------------------------------------------------- the cogs' refusals (Discord)

MEDS_NEED_TIMEZONE = (
    "Tell me your time zone once, so the reminders come at your local time: "
    "add the `timezone` option (start typing your city, like London or New York)."
)
MEDS_TOO_MANY = "You can keep up to {most} medicines here. Remove one first."
CARD_STALE = "This check-in card has expired. Use `/checkin` for a fresh one."
SYMPTOM_NAME_TOO_LONG = "A symptom name can be up to 40 characters, like `joint swelling`."

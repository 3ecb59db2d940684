"""What the journal core says: the check-in form's problems and the ``/journal`` chart's labels."""

from __future__ import annotations

# ----------------------------------------------------------------- the check-in form

PAIN = "Pain"
FATIGUE = "Fatigue"
SCORE_NEEDED = "{what} is needed: a whole number from 0 to 10."
SCORE_OUT_OF_RANGE = "{what} should be a whole number from 0 to 10 (0 = none, 10 = the worst)."
NOTE_TOO_LONG = "The note can be up to {most} characters; yours has {length}."

# ----------------------------------------------------------------- the chart

CHART_TITLE = "Pain and fatigue, last {days} days"
CHART_TITLE_WEEKLY = " (weekly average)"
CHART_SCALE = "0 = none, 10 = worst"
CHART_EMPTY = "No check-ins in this period"
LEGEND_PAIN = "Pain"
LEGEND_FATIGUE = "Fatigue"
LEGEND_FLARE = "Flare"
LEGEND_ROUTINE_DAY = "Routine day"
LEGEND_ROUTINE_HURT = "Stopped: it hurt"

# ----------------------------------------------------------------- the check-in form (Discord)

FORM_TITLE = "Check in (private)"
FORM_PAIN = "Pain right now (0 = none, 10 = worst)"
FORM_FATIGUE = "Fatigue / tiredness (0 to 10)"
FORM_SCORE_PLACEHOLDER = "A number from 0 to 10"
FORM_NOTE = "Note (optional, only you see it)"
FORM_NOTE_PLACEHOLDER = "Anything you want to remember: sleep, a flare, a new medicine…"

# ----------------------------------------------------------------- saving a check-in

SAVED = "**Saved to your private journal** ({when})."
SAVED_PAIN = "Pain **{pain}**/10"
SAVED_FATIGUE = " · Fatigue **{fatigue}**/10"
NOTE_SAVED = "Your note is saved too."
SEE_TRENDS = "{private} See your trends with `/journal`."
NOT_SAVED = (
    "I couldn't save that check-in yet:\n"
    "{problems}\n"
    "Nothing you typed is lost: tap **Fix my check-in** to reopen the form with your text in it."
)
PROBLEM_BULLET = "• {problem}"
PROBLEM_UNKNOWN = "Something in the form was missing."
SLOW_DOWN = (
    "That's a lot of check-ins in a short time, so I haven't saved this one yet. "
    "You can save it in {wait}: `/checkin` will open with what you typed."
)

# ----------------------------------------------------------------- /journal

EMPTY_TITLE = "Your journal is empty for now"
EMPTY = (
    "I have no check-ins or routines from the last {days}.\n\n"
    "**To start:** use `/checkin` when you like. It takes about 20 seconds: pain from 0 to 10, "
    "tiredness from 0 to 10, and a note if you want one. Routines you finish with `/stretch` "
    "show up here too.\n\n"
    "After a few days, `/journal` shows your averages, your best and hardest days, a chart, "
    "and a file you can bring to your care team.\n\n"
    "{private} Nothing here is ever posted in a channel."
)
NOTHING_RECORDED = "No {what} recorded."
PAIN_SCORES = "pain scores"
FATIGUE_SCORES = "fatigue scores"
STAT_LINE = "Average **{average:.1f}** out of 10 · range {spread} · recorded {count} {times}"
TIME = "time"
TIMES = "times"
DAY = "{weekday} {month} {day}"
"""``Mon Mar 3``: ``{weekday}`` and ``{month}`` are abbreviated names."""
NO_ROUTINES = "No routines in this period."
ROUTINES_HURT = "{count} stopped because it hurt"
ROUTINES_STOPPED = "{count} stopped early"
ROUTINES_LINE = "{routines}: {parts}"
WEEK_LINE = "Week of {monday}: {checkins}, {routines}"
EARLIER_WEEKS = "…earlier weeks: see the CSV file"
QUIET_WEEKS = "({weeks} with nothing recorded)"
PATTERNS_NOTE = "*Observations from your own records, not causes.*"
FLARES_COUNT = "{flares} in this period"
FLARE_STILL_OPEN = " (one still open)"
FLARES_SHADED = "; shaded on the chart."
REPORT_TITLE = "Your journal · last {days}"
REPORT_DESCRIPTION = "{checkins} and {routines}. Days are counted in {zone}. {private}"
REPORT_DAILY = (
    "\nThat's a lot of entries, so the chart and the file show **one line per day** "
    "(averages). Every single entry is in `/privacy export`."
)
BEST_AND_HARDEST = "Best and hardest days (by average pain)"
BEST_AND_HARDEST_DAYS = (
    "Best: **{best}** (pain {best_pain:.1f})\nHardest: **{worst}** (pain {worst_pain:.1f})"
)
WEEK_BY_WEEK = "Week by week"
REPORT_FOOTER = (
    "The CSV file opens in any spreadsheet: bring it to your next appointment. "
    "This is a record, not a diagnosis."
)
CSV_DESCRIPTION = "Your check-ins and routines (CSV)"
CHART_DESCRIPTION = "Chart of pain and fatigue over time, with routine days marked"

# ----------------------------------------------------------------- buttons

BUTTON_FIX_MY_CHECK_IN = "Fix my check-in"
BUTTON_GENTLE_STRETCHES = "Gentle stretches"

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

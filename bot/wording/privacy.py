"""What ``/privacy`` says: the copy of someone's data, and erasing it."""

from __future__ import annotations

TABLE_ONE: dict[str, str] = {
    "checkins": "check-in",
    "routine_completions": "finished routine",
    "routine_sessions": "routine session",
    "reminders": "reminder",
    "user_prefs": "set of preferences (including your safety acknowledgement)",
    "audit_log": "moderator log entry",
    "symptoms": "tracked symptom",
    "checkin_symptoms": "symptom level",
    "flares": "flare",
    "medicines": "medicine",
    "medicine_doses": "dose record",
    "medicine_reminders": "medicine reminder",
    "checkin_reminders": "check-in reminder",
    "tracking_settings": "set of tracking settings",
}
"""One row of each stored table, in words (``1 check-in``)."""
TABLE_MANY: dict[str, str] = {
    "checkins": "check-ins",
    "routine_completions": "finished routines",
    "routine_sessions": "routine sessions",
    "reminders": "reminders",
    "user_prefs": "sets of preferences",
    "audit_log": "moderator log entries",
    "symptoms": "tracked symptoms",
    "checkin_symptoms": "symptom levels",
    "flares": "flares",
    "medicines": "medicines",
    "medicine_doses": "dose records",
    "medicine_reminders": "medicine reminders",
    "checkin_reminders": "check-in reminders",
    "tracking_settings": "sets of tracking settings",
}
"""Several rows of each stored table, in words (``3 check-ins``)."""
TABLE_ROW = "{table} row"
TABLE_ROWS = "{table} rows"

# ----------------------------------------------------------------- /privacy export

HOLD_NOTHING = "I hold nothing about you right now. The file shows the (empty) tables anyway."
IT_HAS = "It has {tables}."
EXPORT = (
    "**Here is a copy of everything I hold about you.** {summary}\n"
    "It's a JSON file: any text editor can open it. Times are in UTC. "
    "{private} To erase it all, use `/privacy delete`."
)
EXPORT_DESCRIPTION = "Everything I hold about you"
ZIPPED = "\nIt was too big to send as one file, so it's **zipped**: open the .zip to get the JSON file."
ZIPPED_DESCRIPTION = "Your data, zipped"
PIECES = (
    "\nIt was too big for one file even zipped, so it comes in **{count} numbered pieces**, one per "
    "message. Save all {count}, then open the first with 7-Zip (or join them: "
    "`cat {zip_name}.0* > {zip_name}`) to get the JSON file."
)
PIECE = "Piece {number} of {count} of your data."
PIECE_DESCRIPTION = "Piece {number} of {count}"
EXPORT_SLOW_DOWN = (
    "You've asked for a few copies of your data already, and each one is a big file. "
    "You can ask again in {wait}. Nothing has changed since the last copy unless you used me."
)

# ----------------------------------------------------------------- /privacy delete

CONFIRM_TITLE = "Erase everything I hold about you?"
CONFIRM = (
    "This erases **all** of it, for good: check-ins and notes, finished routines, routines in "
    "progress, your reminder, and your preferences (you'll see the safety notes again before "
    "your next routine).\n\n"
    "It can't be undone. If you want a copy first, use `/privacy export`."
)
NOTHING_TO_ERASE = "**Done.** I held nothing about you, so there was nothing to erase."
ERASED = (
    "**Done. I erased everything I held about you:** {tables}.\n"
    "Nothing with your user id is left, and any reminder or routine timer of yours is stopped. "
    "If you use me again, I'll start fresh."
)
LOG_KEPT = (
    "\nThe moderator log keeps {actions} you took, with your user id "
    "replaced by a pseudonym, so the community can still see what changed and when."
)
MODERATOR_ACTION = "moderator action"
CANCELLED = "Cancelled. Nothing was erased."
NOT_YOURS = "This button belongs to someone else's request. To erase your own data, use `/privacy delete`."

# ----------------------------------------------------------------- buttons

BUTTON_YES_ERASE_EVERYTHING = "Yes, erase everything"

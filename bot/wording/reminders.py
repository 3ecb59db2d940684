"""What the reminder core says: typing a time, naming a time zone, a reminder DM that was refused."""

from __future__ import annotations

# ----------------------------------------------------------------- a reminder DM Discord refused

DM_BLOCKED_NOTICE = (
    "I tried to send your daily stretch reminder, but Discord would not let me message you "
    "(your direct messages with me may be turned off). I've paused the reminder so I don't keep trying. "
    "To get it again: allow direct messages from this server's members (Server name → Privacy "
    "Settings), then use `/remind set`."
)
"""Left for the person (``PrefsRepo.notice_pending``) when their reminder DM is refused."""

# ----------------------------------------------------------------- reading a time someone typed

TIME_HELP = "Try a time like 7:30, 19:05, 7pm or 7:30 pm."
TIME_MISSING = "Please give a time. " + TIME_HELP
TIME_AM_OR_PM = "Is {shown!r} in the morning or the evening? Add am or pm, or use 24-hour time like 19:00."
TIME_UNREADABLE = "I couldn't read {shown!r} as a time. " + TIME_HELP
TIME_BAD_MINUTES = "Minutes go from 00 to 59, so {shown!r} isn't a time. " + TIME_HELP
TIME_BAD_12_HOUR = "With am or pm the hour goes from 1 to 12, so {shown!r} isn't a time. " + TIME_HELP
TIME_BAD_24_HOUR = "Hours go from 0 to 23, so {shown!r} isn't a time. " + TIME_HELP

# ----------------------------------------------------------------- time zones

UNKNOWN_ZONE = "I don't know the time zone {zone!r}. Pick one from the list."
ZONE_WITH_PLACE = "{name} ({place})"
"""``Eastern Time (New York)``."""
ZONE_OF_PLACE = "{place} time"
"""``Lagos time``, for a zone without a common name."""
ZONE_CLOCK_NOW = "{zone} — it's {clock} there now"
ZONE_DAYLIGHT_SAVING = "; clocks follow daylight saving"
ZONE_SENTENCE_END = "."
CLOCK_12_HOUR = "{hour}:{minute:02d} {meridiem}"
"""``3:40 pm``: the 12-hour clock most members read."""
CLOCK_AM = "am"
CLOCK_PM = "pm"

ZONE_NAMES: dict[str, str] = {
    "America/New_York": "Eastern Time",
    "America/Toronto": "Eastern Time",
    "America/Chicago": "Central Time",
    "America/Winnipeg": "Central Time",
    "America/Denver": "Mountain Time",
    "America/Edmonton": "Mountain Time",
    "America/Phoenix": "Mountain Time, no daylight saving",
    "America/Los_Angeles": "Pacific Time",
    "America/Vancouver": "Pacific Time",
    "America/Anchorage": "Alaska Time",
    "Pacific/Honolulu": "Hawaii Time",
    "America/Halifax": "Atlantic Time",
    "America/St_Johns": "Newfoundland Time",
    "Europe/London": "UK time",
    "Europe/Dublin": "Irish time",
    "Europe/Lisbon": "Western European Time",
    "Europe/Paris": "Central European Time",
    "Europe/Berlin": "Central European Time",
    "Europe/Madrid": "Central European Time",
    "Europe/Rome": "Central European Time",
    "Europe/Amsterdam": "Central European Time",
    "Europe/Athens": "Eastern European Time",
    "Asia/Kolkata": "India Time",
    "Asia/Tokyo": "Japan Time",
    "Australia/Sydney": "Australian Eastern Time",
    "Australia/Melbourne": "Australian Eastern Time",
    "Australia/Brisbane": "Australian Eastern Time, no daylight saving",
    "Australia/Adelaide": "Australian Central Time",
    "Australia/Perth": "Australian Western Time",
    "Pacific/Auckland": "New Zealand Time",
    "UTC": "UTC",
}
"""Common names of the zones members pick most; the rest are named after their city."""

# ----------------------------------------------------------------- the daily check-in reminder

KIND_WORDS: dict[str, str] = {"stretch": "stretch reminder", "checkin": "check-in reminder"}
"""How each kind of daily reminder is named in a sentence."""
KIND_UNKNOWN = "reminder"
CHECKIN_DM = (
    "📝 **Time for your daily check-in.** Three taps: pain, fatigue, Save. "
    "Skip anything that doesn't fit today."
)
CHECKIN_REMINDER_SET = (
    "**Your daily check-in reminder is on:** {time} every day.\n"
    "**Your time zone:** {zone}\n"
    "The next one comes {next} by direct message. "
    "It has Snooze 1 hour and Skip today buttons. Stop it with `/remind off which:checkin`."
)
CHECKIN_LINE_OFF = "**Daily check-in reminder:** off. Turn it on with `/remind checkin`."
CHECKIN_LINE_PAUSED = (
    "**Daily check-in reminder:** paused (direct messages failed). Use `/remind checkin` again."
)
CHECKIN_LINE = "**Daily check-in reminder:** {time} every day, {zone}. Next: {next}."
NOTHING_TO_SNOOZE = "You have no active {kind} to snooze."
SNOOZED = "Snoozed. I'll remind you again at {when}."
NOTHING_TO_SKIP = "You have no active {kind}."
SKIPPED_TODAY = "No more today. The next one comes {when}. Rest well."
NO_CHECKIN_REMINDER = "You have no check-in reminder, so there was nothing to turn off."
CHECKIN_REMINDER_OFF = "Your daily check-in reminder is **off**. Use `/remind checkin` if you want it back."
CONFIRM_STOP = (
    "Stop your daily {kind}? Only this reminder ends: your journal, your time zone and "
    "your other reminders stay. Rather have a break? **Skip today** only skips today."
)
KEPT = "Kept. Your {kind} is unchanged."

# ----------------------------------------------------------------- the daily stretch reminder

ROUTINE_NAMED = "**{title}** ({minutes} min)"
ROUTINE_GONE = "your usual routine (it is no longer in the library, so I'll offer the list)"
ROUTINE_ANY = "a list of gentle routines to pick from"
ZONE_LINE = "**Your time zone:** {zone}"
REMINDER_SET = (
    "**Your daily stretch reminder is on:** {time} every day.\n"
    "{zone_line}\n"
    "The next one comes {next} by direct message, "
    "with a button to start {routine}.\n"
    "Wrong zone? Use `/remind set` with your city. Stop it with `/remind off`."
)
PAUSE_REASONS: dict[str, str] = {
    "dm_blocked": (
        "Paused: Discord would not let me send you a direct message. Allow direct messages from this "
        "server's members (Server name → Privacy Settings), then use `/remind set` to turn it back on."
    ),
    "unknown_timezone": (
        "Paused: your time zone is no longer recognised. Use `/remind set` and pick your time zone again."
    ),
}
"""Why a reminder is paused, by the stored reason."""
PAUSED = "Paused. Use `/remind set` to restart it."
NO_REMINDER = (
    "You have no daily reminder. To get one, use `/remind set` with a time like `7:30 pm` "
    "and your time zone (start typing a city, like `London` or `New York`)."
)
REMINDER_LINE = "**Daily stretch reminder:** {time} every day, {zone}."
NEXT_LINE = "**Next:** {when} ({relative})"
BUTTON_LINE = "**Button in the message:** start {routine}."
LAST_SENT = "Last sent {when}."
NO_REMINDER_TO_TURN_OFF = "You have no daily reminder, so there was nothing to turn off."
REMINDER_OFF = (
    "Your daily reminder is **off**, and its settings are erased. "
    "Nothing else changed. Use `/remind set` if you want it back."
)
STRETCH_DM = "🌿 **Time for your daily stretch.**\nOnly if your body says yes today: rest counts too. "
STRETCH_DM_ROUTINE = "Your usual routine is {title} ({minutes} min)."
STRETCH_DM_ANY = "Pick any routine that suits how you feel."
DM_UNREACHABLE = (
    "Heads up: I just tried to send you a test message and Discord would not let me. Your reminder "
    "is saved, but it can't reach you until you allow direct messages from this server's members "
    "(Server name → Privacy Settings)."
)
DM_HELLO = (
    "👋 This is where your daily stretch reminder will arrive. You can stop it any time with `/remind off`."
)

# ----------------------------------------------------------------- buttons

BUTTON_KEEP_IT = "Keep it"
BUTTON_PICK_A_GENTLE_STRETCH = "Pick a gentle stretch"
BUTTON_SKIP_TODAY = "Skip today"
BUTTON_SNOOZE_1_HOUR = "Snooze 1 hour"
BUTTON_TURN_OFF = "Turn off"
BUTTON_YES_STOP_IT = "Yes, stop it"
BUTTON_START_ROUTINE = "Start: {title}"

# ----------------------------------------------------------------- the cog's refusals (Discord)

WHICH_TIMEZONE = (
    "Which time zone are you in? Add `timezone:` with your city (like `London` or "
    "`New York`) or letters like `EST`. I'll remember it for everything."
)
REMINDER_BUTTON_EXPIRED = "That button has expired. Use `/remind show` to see your reminder."

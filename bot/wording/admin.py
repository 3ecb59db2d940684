"""What ``/admin`` says to moderators: refusals, reload results, the status page."""

from __future__ import annotations

# ----------------------------------------------------------------- someone who is not a moderator

REFUSED_IN_DM = (
    "Sorry, `/admin` is only for this community's moderators. In a DM it works only for "
    "moderators listed by user id in the bot's settings. If you help run the server, try it there."
)
REFUSED = (
    "Sorry, `/admin` is only for this community's moderators, so I can't do that for you. "
    "If you help run the server, ask an admin to add your role to the bot's moderator list."
)

# ----------------------------------------------------------------- a reload

NOTHING_CHANGED_TITLE = "Content checked: nothing changed"
NOTHING_CHANGED = "The files match what I am serving (version `{version}`)."
RELOADED_BY_WATCHER_TITLE = "Content changed on disk and was reloaded"
RELOADED_TITLE = "Content reloaded"
RELOADED = "Now serving version `{version}` (was `{before}`). {summary}."
CHECKED_FILES = "\nChecked {files} in {duration}."
NOT_RELOADED_BY_WATCHER_TITLE = "Content changed on disk but has {problems}: not reloaded"
NOT_RELOADED_TITLE = "Not reloaded: {problems} found"
STILL_SERVING = (
    "I am still serving version `{version}`; nobody sees a half-loaded library. Fix these and reload again:"
)
MORE_ERRORS = "\n… and {count:,} more; every problem is in the attached `{file}`."
ERRORS_FILE_DESCRIPTION = "All {count} content problems, one per line"

# ----------------------------------------------------------------- the status page

STATUS_TITLE = "Bot status"
NO_RELOAD_YET = "None recorded yet."
CURRENT_PROBLEMS = "The last reload found {problems} (the older content is still served):\n```\n{shown}\n```"
MORE_PROBLEMS = "… and {count:,} more (`/admin reload` lists them)"
NO_PROBLEMS = "None: the last load was clean."
NO_ACTIONS_YET = "Nothing yet."
REFUSALS = "{attempts} by non-moderators in the last {days} days."
HIDDEN_FROM_ROLES = (
    "{roles}{more} may use /admin but lack Manage Server, so Discord hides it from them. "
    "To show it: {howto}, add the role (skip if done)."
)
VISIBILITY_HOWTO = "Server Settings → Integrations → {bot} → /admin → Add roles or members"
"""Where a server owner lets a moderator role see ``/admin`` (Discord hides it without Manage Server)."""
INTEGRITY_OK = "Integrity check: ok"
INTEGRITY_FAILED = (
    "Integrity check **failed**: {problem}. Restore a backup (`python -m bot restore PATH`, see README)."
)
NO_BACKUP_YET = "Last backup: none yet (daily, to `{folder}`)"
BACKUP_BY_PG_DUMP = "Backups: PostgreSQL, with `pg_dump -Fc` (the bot makes none itself)"
LAST_BACKUP = "Last backup: {when} (`{name}`) · {kept} kept"

# ----------------------------------------------------------------- the status page's fields

FIELD_LAST_RELOAD = "Last reload"
FIELD_PROBLEMS = "Content problems"
FIELD_DATABASE = "Database health"
FIELD_RECENT = "Last {count} admin actions"
FIELD_REFUSED = "Refused /admin"
FIELD_WHO_SEES = "⚠️ Who sees /admin"
FIELD_RESOURCE_TOPICS = "Resource topics"
CONTENT = (
    "Version `{version}`\n"
    "{articles} ({sections}) · {routines} ({steps}) · {topics} ({items})\n"
    "Watching files for changes: {watching}"
)
WATCHING_ON = "on"
WATCHING_OFF = "off"
WATCH_STOPPED = " (stopped: {problem})"
RESULTS_GO_TO = "; results go to {channel}"
NOT_MEASURED = "not measured yet"
UP_FOR = "Up for {uptime} · gateway latency {latency}"
SHARDS_HERE = "This process serves shard {shards} of {count}"
SHARDS_HERE_MANY = "This process serves shards {shards} of {count}"
SHARD_LATENCY = "{shard} ({latency})"
SERVERS_AND_SESSIONS = "{servers} · {sessions}"
DATABASE_SIZE = "Database {size} · "
BOT_VERSION = "{size}version {version}"
AND_MORE = " … and {count} more"
AND_MORE_ROLES = " and {count} more"

# ----------------------------------------------------------------- one line of the audit log

THE_FILE_WATCHER = "the file watcher"
IN_SERVER = "in {name}"
IN_A_SERVER = "in a server"
PLACE_WORDS: dict[str, str] = {"DM": "by DM", "group DM": "in a group DM", "watcher": ""}
"""Where an action happened, by the stored place (a server is named instead)."""
AUDIT_REFUSED = "{when} {who} was refused {what}{place}"
AUDIT_ACTION = "{when} {who}: {what} **{result}**{detail}{place}{versions}"
AUDIT_RELOAD = "reload"
AUDIT_STILL = " · still `{version}`"
AUDIT_VERSIONS = " · `{before}` → `{after}`"

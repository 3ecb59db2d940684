"""Numbered schema migrations, tracked by ``PRAGMA user_version``.

Like RoboDanny's ``migrations/`` folder but without a revision table: migration
``n`` (1-based) is ``MIGRATIONS[n - 1]``, and the database's ``user_version``
says how many have been applied. Each pending migration runs in its own
``BEGIN IMMEDIATE`` transaction together with the ``user_version`` bump, so a
failure leaves the schema exactly at the previous version, never half-built.

Rules for adding one: append, never edit an applied script; keep the SQL
portable (it is the seam for PostgreSQL); every table a person owns gets a
``user_id`` column, or ``bot.storage.privacy`` will refuse to run (a table with
no owner must be added to its allow-list on purpose).
"""

from __future__ import annotations

from collections.abc import Sequence

import aiosqlite

MIGRATION_1 = """
CREATE TABLE user_prefs (
    user_id        INTEGER PRIMARY KEY,
    auto_advance   INTEGER NOT NULL DEFAULT 0,
    usual_routine  TEXT,
    safety_ack_at  TEXT,
    dm_blocked_at  TEXT,
    notice_pending TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);

CREATE TABLE routine_sessions (
    id                TEXT PRIMARY KEY,
    user_id           INTEGER NOT NULL,
    routine_id        TEXT NOT NULL,
    state_json        TEXT NOT NULL,
    status            TEXT NOT NULL,
    version           INTEGER NOT NULL,
    deadline          REAL,
    channel_id        INTEGER,
    message_id        INTEGER,
    interaction_token TEXT,
    token_expires_at  REAL,
    is_dm             INTEGER NOT NULL DEFAULT 0,
    created_at        TEXT,
    updated_at        TEXT
);
CREATE INDEX idx_routine_sessions_user_status ON routine_sessions (user_id, status);
CREATE INDEX idx_routine_sessions_deadline ON routine_sessions (deadline);

CREATE TABLE routine_completions (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL,
    session_id    TEXT,
    routine_id    TEXT NOT NULL,
    outcome       TEXT NOT NULL,
    started_at    TEXT NOT NULL,
    ended_at      TEXT NOT NULL,
    steps_done    INTEGER NOT NULL,
    steps_total   INTEGER NOT NULL,
    seconds_spent INTEGER NOT NULL
);
CREATE INDEX idx_routine_completions_user_ended ON routine_completions (user_id, ended_at);

CREATE TABLE checkins (
    id      INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL,
    at      TEXT NOT NULL,
    pain    INTEGER NOT NULL CHECK (pain BETWEEN 0 AND 10),
    fatigue INTEGER CHECK (fatigue BETWEEN 0 AND 10),
    note    TEXT CHECK (length(note) <= 500),
    source  TEXT NOT NULL
);
CREATE INDEX idx_checkins_user_at ON checkins (user_id, at);

CREATE TABLE reminders (
    user_id       INTEGER PRIMARY KEY,
    local_time    TEXT NOT NULL,
    timezone      TEXT NOT NULL,
    routine_id    TEXT,
    next_fire_at  REAL NOT NULL,
    last_sent_at  REAL,
    paused        INTEGER NOT NULL DEFAULT 0,
    paused_reason TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX idx_reminders_next_fire ON reminders (paused, next_fire_at);

CREATE TABLE audit_log (
    id             INTEGER PRIMARY KEY,
    at             TEXT NOT NULL,
    user_id        INTEGER NOT NULL,
    action         TEXT NOT NULL,
    place          TEXT,
    result         TEXT NOT NULL,
    detail         TEXT,
    version_before TEXT,
    version_after  TEXT
);

CREATE TABLE kv (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

MIGRATION_SAFETY = """
-- The crisis card's region, as the member chose it with one tap (US, CA, UK, AU, NZ, IN, INTL).
ALTER TABLE user_prefs ADD COLUMN crisis_region TEXT;

-- A member's own safety plan (Stanley-Brown sections), written and seen only by them.
CREATE TABLE safety_plans (
    user_id        INTEGER PRIMARY KEY,
    warning_signs  TEXT NOT NULL DEFAULT '',
    coping         TEXT NOT NULL DEFAULT '',
    distractions   TEXT NOT NULL DEFAULT '',
    people         TEXT NOT NULL DEFAULT '',
    professionals  TEXT NOT NULL DEFAULT '',
    safe_space     TEXT NOT NULL DEFAULT '',
    reasons        TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
"""

MIGRATION_TRUST = """
ALTER TABLE audit_log ADD COLUMN guild_id INTEGER;
UPDATE audit_log SET guild_id = CAST(substr(place, 18) AS INTEGER) WHERE place LIKE 'command in guild %';
CREATE INDEX idx_audit_log_action ON audit_log (action, id);

-- A routine's end-of-session pain answer is one journal entry per session: a later tap updates it.
ALTER TABLE checkins ADD COLUMN session_id TEXT;
CREATE UNIQUE INDEX idx_checkins_session ON checkins (session_id) WHERE session_id IS NOT NULL;
-- /journal groups a member's check-ins by day in SQL: a covering index answers it from the index alone.
CREATE INDEX idx_checkins_user_at_scores ON checkins (user_id, at, pain, fatigue);

CREATE TABLE admin_refusal_counts (
    day      TEXT NOT NULL,
    guild_id INTEGER NOT NULL DEFAULT 0,
    count    INTEGER NOT NULL,
    PRIMARY KEY (day, guild_id)
);
"""
"""Trust fixes: the server a moderator action came from (``/admin status`` shows a server only its
own), refused attempts counted per day and server instead of one row each, and the routine session
a check-in answers (so its pain answer is stored once)."""

MIGRATION_UXREAD = """
CREATE TABLE shares (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL,
    channel_id  INTEGER NOT NULL,
    page_key    TEXT NOT NULL,
    message_id  INTEGER,
    created_at  REAL NOT NULL
);
CREATE INDEX idx_shares_channel_page ON shares (channel_id, page_key, created_at);
"""
"""Pages shared in a channel (issue 12): duplicate window and the Delete button's owner."""

MIGRATION_TRACKING = """
-- Issue 14: more measures on a check-in (NULL on old rows, so pain-and-fatigue check-ins stay valid),
-- own symptoms and their level per check-in, flares, medicines with a dose log and reminder rows
-- kept until sent, a daily check-in reminder, and per-member tracking settings (the one place the
-- member's time zone, paper size and questions for the doctor live).
ALTER TABLE checkins ADD COLUMN stiffness INTEGER CHECK (stiffness BETWEEN 0 AND 10);
ALTER TABLE checkins ADD COLUMN sleep INTEGER CHECK (sleep BETWEEN 0 AND 10);
ALTER TABLE checkins ADD COLUMN mood INTEGER CHECK (mood BETWEEN 0 AND 10);
ALTER TABLE checkins ADD COLUMN for_doctor INTEGER NOT NULL DEFAULT 0;

CREATE TABLE symptoms (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL,
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    active     INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX idx_symptoms_user_name ON symptoms (user_id, name);

CREATE TABLE checkin_symptoms (
    user_id    INTEGER NOT NULL,
    checkin_id INTEGER NOT NULL REFERENCES checkins (id) ON DELETE CASCADE,
    symptom_id INTEGER NOT NULL REFERENCES symptoms (id) ON DELETE CASCADE,
    level      INTEGER NOT NULL CHECK (level BETWEEN 0 AND 3),
    PRIMARY KEY (checkin_id, symptom_id)
);
CREATE INDEX idx_checkin_symptoms_user ON checkin_symptoms (user_id, symptom_id);

CREATE TABLE flares (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL,
    started_at TEXT NOT NULL,
    ended_at   TEXT,
    note       TEXT CHECK (length(note) <= 500),
    end_note   TEXT CHECK (length(end_note) <= 500)
);
CREATE INDEX idx_flares_user_started ON flares (user_id, started_at);

CREATE TABLE medicines (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL,
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    dose       TEXT CHECK (length(dose) <= 100),
    times      TEXT NOT NULL,
    active     INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    removed_at TEXT
);
CREATE INDEX idx_medicines_user ON medicines (user_id, active);

CREATE TABLE medicine_doses (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL,
    medicine_id INTEGER NOT NULL REFERENCES medicines (id) ON DELETE CASCADE,
    due_at      REAL,
    status      TEXT NOT NULL CHECK (status IN ('taken', 'skipped')),
    recorded_at TEXT NOT NULL,
    source      TEXT NOT NULL
);
CREATE UNIQUE INDEX idx_medicine_doses_due ON medicine_doses (medicine_id, due_at);
CREATE INDEX idx_medicine_doses_user ON medicine_doses (user_id, recorded_at);

CREATE TABLE medicine_reminders (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL,
    medicine_id INTEGER NOT NULL REFERENCES medicines (id) ON DELETE CASCADE,
    due_at      REAL NOT NULL,
    fire_at     REAL NOT NULL,
    claimed_at  REAL,
    sent_at     REAL,
    UNIQUE (medicine_id, due_at)
);
CREATE INDEX idx_medicine_reminders_pending ON medicine_reminders (sent_at, fire_at);

CREATE TABLE checkin_reminders (
    user_id       INTEGER PRIMARY KEY,
    local_time    TEXT NOT NULL,
    timezone      TEXT NOT NULL,
    routine_id    TEXT,
    next_fire_at  REAL NOT NULL,
    last_sent_at  REAL,
    paused        INTEGER NOT NULL DEFAULT 0,
    paused_reason TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX idx_checkin_reminders_next_fire ON checkin_reminders (paused, next_fire_at);

CREATE TABLE tracking_settings (
    user_id        INTEGER PRIMARY KEY,
    timezone       TEXT,
    questions      TEXT CHECK (length(questions) <= 1000),
    meds_notice_at TEXT,
    flare_asked_at TEXT,
    updated_at     TEXT NOT NULL
);
"""

MIGRATION_UXROUTINE = """
-- Auto-advance is on unless the member chose otherwise: when they chose (NULL = never, so on).
-- Only a stored 1 was surely a choice (the old default was 0), so only that is kept as one.
ALTER TABLE user_prefs ADD COLUMN auto_advance_set_at TEXT;
UPDATE user_prefs SET auto_advance_set_at = updated_at WHERE auto_advance = 1;
-- When a plain DM last got the full menu (it is shown at most once every 10 minutes).
ALTER TABLE user_prefs ADD COLUMN dm_menu_at TEXT;
"""
"""Routines in few taps (auto-advance on by default) and DMs that answer what was asked."""

MIGRATION_UXTIME = """
-- Issue 12: zones stored under tzdata's old abbreviation names (EST is a fixed UTC-5 with no summer
-- time) become the place people meant, which follows daylight saving (see bot.reminders.schedule).
UPDATE reminders SET timezone = 'America/New_York' WHERE timezone IN ('EST', 'EST5EDT');
UPDATE reminders SET timezone = 'America/Chicago' WHERE timezone IN ('CST6CDT');
UPDATE reminders SET timezone = 'America/Denver' WHERE timezone IN ('MST', 'MST7MDT');
UPDATE reminders SET timezone = 'America/Los_Angeles' WHERE timezone IN ('PST8PDT');
UPDATE reminders SET timezone = 'Pacific/Honolulu' WHERE timezone IN ('HST');
UPDATE reminders SET timezone = 'Europe/Paris' WHERE timezone IN ('CET', 'MET');
UPDATE reminders SET timezone = 'Europe/Athens' WHERE timezone IN ('EET');
UPDATE reminders SET timezone = 'Europe/Lisbon' WHERE timezone IN ('WET');
UPDATE reminders SET timezone = 'Europe/London' WHERE timezone IN ('GMT', 'GMT0', 'GMT+0', 'GMT-0');
UPDATE checkin_reminders SET timezone = 'America/New_York' WHERE timezone IN ('EST', 'EST5EDT');
UPDATE checkin_reminders SET timezone = 'America/Chicago' WHERE timezone IN ('CST6CDT');
UPDATE checkin_reminders SET timezone = 'America/Denver' WHERE timezone IN ('MST', 'MST7MDT');
UPDATE checkin_reminders SET timezone = 'America/Los_Angeles' WHERE timezone IN ('PST8PDT');
UPDATE checkin_reminders SET timezone = 'Pacific/Honolulu' WHERE timezone IN ('HST');
UPDATE checkin_reminders SET timezone = 'Europe/Paris' WHERE timezone IN ('CET', 'MET');
UPDATE checkin_reminders SET timezone = 'Europe/Athens' WHERE timezone IN ('EET');
UPDATE checkin_reminders SET timezone = 'Europe/Lisbon' WHERE timezone IN ('WET');
UPDATE checkin_reminders SET timezone = 'Europe/London' WHERE timezone IN ('GMT', 'GMT0', 'GMT+0', 'GMT-0');
UPDATE tracking_settings SET timezone = 'America/New_York' WHERE timezone IN ('EST', 'EST5EDT');
UPDATE tracking_settings SET timezone = 'America/Chicago' WHERE timezone IN ('CST6CDT');
UPDATE tracking_settings SET timezone = 'America/Denver' WHERE timezone IN ('MST', 'MST7MDT');
UPDATE tracking_settings SET timezone = 'America/Los_Angeles' WHERE timezone IN ('PST8PDT');
UPDATE tracking_settings SET timezone = 'Pacific/Honolulu' WHERE timezone IN ('HST');
UPDATE tracking_settings SET timezone = 'Europe/Paris' WHERE timezone IN ('CET', 'MET');
UPDATE tracking_settings SET timezone = 'Europe/Athens' WHERE timezone IN ('EET');
UPDATE tracking_settings SET timezone = 'Europe/Lisbon' WHERE timezone IN ('WET');
UPDATE tracking_settings SET timezone = 'Europe/London' WHERE timezone IN ('GMT', 'GMT0', 'GMT+0', 'GMT-0');
"""

MIGRATION_DEAD_PREFS = """
-- Two preferences nothing used: a "usual routine" no command ever set (a reminder keeps its own
-- routine), and when a reminder DM was last refused (the paused reminder and its notice say so).
ALTER TABLE user_prefs DROP COLUMN usual_routine;
ALTER TABLE user_prefs DROP COLUMN dm_blocked_at;
"""
"""Drop the never-written ``usual_routine`` and the never-read ``dm_blocked_at`` preferences."""

MIGRATION_REMINDER_CLAIMS = """
-- Several processes may share one database (PostgreSQL): before sending a daily reminder a
-- process claims its row for a short lease, like medicine_reminders.claimed_at.
ALTER TABLE reminders ADD COLUMN claimed_at REAL;
ALTER TABLE checkin_reminders ADD COLUMN claimed_at REAL;
"""
"""A send lease on the daily stretch and check-in reminders (exactly once across processes)."""

MIGRATIONS: tuple[str, ...] = (
    MIGRATION_1,
    MIGRATION_SAFETY,
    MIGRATION_TRUST,
    MIGRATION_UXREAD,
    MIGRATION_TRACKING,
    MIGRATION_UXROUTINE,
    MIGRATION_UXTIME,
    MIGRATION_DEAD_PREFS,
    MIGRATION_REMINDER_CLAIMS,
)
"""Every migration, in order. The schema version is ``len(MIGRATIONS)``."""


class MigrationError(Exception):
    """The database cannot be brought to this code's schema version."""


async def schema_version(conn: aiosqlite.Connection) -> int:
    async with conn.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    assert row is not None
    return int(row[0])


async def apply_migrations(conn: aiosqlite.Connection, migrations: Sequence[str] = MIGRATIONS) -> int:
    """Apply every pending migration; return the resulting schema version.

    Running it again is a no-op. A database written by a newer release (higher
    ``user_version``) is refused rather than used: this code does not know what
    those tables mean, and guessing could lose data.
    """
    current = await schema_version(conn)
    if current > len(migrations):
        raise MigrationError(
            f"the database is at schema version {current}, but this release only knows "
            f"{len(migrations)}; it was written by a newer release. Upgrade the bot, or "
            "restore a backup made by this release."
        )
    for number in range(current + 1, len(migrations) + 1):
        script = migrations[number - 1]
        # executescript() commits any open transaction before it starts, so the
        # BEGIN/COMMIT live inside the script; a failure leaves the transaction
        # open and we roll it back, keeping the previous version intact.
        try:
            await conn.executescript(
                f"BEGIN IMMEDIATE;\n{script}\n;PRAGMA user_version = {int(number)};\nCOMMIT;"
            )
        except BaseException:
            if conn.in_transaction:
                await conn.rollback()
            raise
    return len(migrations)

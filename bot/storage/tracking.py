"""Tracking rows: full check-ins (all measures and symptom levels), own symptoms, flares, settings.

Health data: nothing here logs. Old check-ins (pain and fatigue only) stay
valid: the newer measures are NULL on them. Removing a symptom only hides it
(``active = 0``) so past check-ins keep their meaning; ``/privacy delete``
erases everything regardless.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime

from bot.storage.database import Database, Row
from bot.storage.timefmt import from_iso, from_iso_opt, to_iso

MEASURES: tuple[str, ...] = ("pain", "fatigue", "stiffness", "sleep", "mood")
"""Every 0–10 measure of a check-in, in the order the card shows them."""


@dataclass(frozen=True, slots=True)
class Symptom:
    id: int
    user_id: int
    name: str
    active: bool = True


@dataclass(frozen=True, slots=True)
class FullCheckin:
    """A check-in with every measure (None when not given) and its symptom levels (0–3 by symptom id)."""

    user_id: int
    at: datetime
    pain: int
    fatigue: int | None = None
    stiffness: int | None = None
    sleep: int | None = None
    mood: int | None = None
    note: str | None = None
    for_doctor: bool = False
    symptoms: Mapping[int, int] = field(default_factory=dict)
    source: str = "command"
    id: int | None = None

    def measure(self, name: str) -> int | None:
        return getattr(self, name)  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class Flare:
    id: int
    user_id: int
    started_at: datetime
    ended_at: datetime | None
    note: str | None
    end_note: str | None


@dataclass(frozen=True, slots=True)
class TrackingSettings:
    user_id: int
    timezone: str | None = None
    questions: str | None = None
    meds_notice_at: datetime | None = None
    flare_asked_at: datetime | None = None


_CHECKIN_COLUMNS = "id, user_id, at, pain, fatigue, stiffness, sleep, mood, note, for_doctor, source"


def _full(row: Row, symptoms: Mapping[int, int]) -> FullCheckin:
    return FullCheckin(
        id=row["id"],
        user_id=row["user_id"],
        at=from_iso(row["at"]),
        pain=row["pain"],
        fatigue=row["fatigue"],
        stiffness=row["stiffness"],
        sleep=row["sleep"],
        mood=row["mood"],
        note=row["note"],
        for_doctor=bool(row["for_doctor"]),
        symptoms=dict(symptoms),
        source=row["source"],
    )


def _flare(row: Row) -> Flare:
    return Flare(
        id=row["id"],
        user_id=row["user_id"],
        started_at=from_iso(row["started_at"]),
        ended_at=from_iso_opt(row["ended_at"]),
        note=row["note"],
        end_note=row["end_note"],
    )


class TrackingRepo:
    """Store and read full check-ins, symptoms, flares and tracking settings."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # -- check-ins --------------------------------------------------------------------------------

    async def add_checkin(self, checkin: FullCheckin) -> FullCheckin:
        """Store a check-in and its symptom levels in one transaction; return it with its id.
        Without symptom levels it is one statement (atomic by itself: no transaction around it)."""
        if not checkin.symptoms:
            new_id = await self._insert_checkin(checkin)
            return replace(checkin, id=new_id, at=from_iso(to_iso(checkin.at)))
        async with self._db.transaction():
            new_id = await self._insert_checkin(checkin)
            owned = {s.id for s in await self.symptoms(checkin.user_id, include_inactive=True)}
            for symptom_id, level in checkin.symptoms.items():
                if symptom_id in owned:  # a stale card cannot write to someone else's symptom
                    await self._db.execute(
                        "INSERT INTO checkin_symptoms (user_id, checkin_id, symptom_id, level) "
                        "VALUES (?, ?, ?, ?)",
                        (checkin.user_id, new_id, symptom_id, level),
                    )
        return replace(checkin, id=new_id, at=from_iso(to_iso(checkin.at)))

    async def _insert_checkin(self, checkin: FullCheckin) -> int:
        return await self._db.insert(
            "INSERT INTO checkins (user_id, at, pain, fatigue, stiffness, sleep, mood, note, for_doctor, "
            "source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                checkin.user_id,
                to_iso(checkin.at),
                checkin.pain,
                checkin.fatigue,
                checkin.stiffness,
                checkin.sleep,
                checkin.mood,
                checkin.note,
                int(checkin.for_doctor),
                checkin.source,
            ),
        )

    async def checkins_since(self, user_id: int, since: datetime) -> list[FullCheckin]:
        """Full check-ins at or after ``since``, oldest first, with their symptom levels."""
        rows = await self._db.fetchall(
            f"SELECT {_CHECKIN_COLUMNS} FROM checkins WHERE user_id = ? AND at >= ? ORDER BY at, id",
            (user_id, to_iso(since)),
        )
        levels = await self._levels(user_id, since)
        return [_full(r, levels.get(r["id"], {})) for r in rows]

    async def latest_checkin(self, user_id: int) -> FullCheckin | None:
        row = await self._db.fetchone(
            f"SELECT {_CHECKIN_COLUMNS} FROM checkins WHERE user_id = ? ORDER BY at DESC, id DESC LIMIT 1",
            (user_id,),
        )
        if row is None:
            return None
        levels = await self._db.fetchall(
            "SELECT symptom_id, level FROM checkin_symptoms WHERE checkin_id = ?", (row["id"],)
        )
        return _full(row, {r["symptom_id"]: r["level"] for r in levels})

    async def _levels(self, user_id: int, since: datetime) -> dict[int, dict[int, int]]:
        rows = await self._db.fetchall(
            "SELECT cs.checkin_id, cs.symptom_id, cs.level FROM checkin_symptoms cs "
            "JOIN checkins c ON c.id = cs.checkin_id WHERE cs.user_id = ? AND c.at >= ?",
            (user_id, to_iso(since)),
        )
        found: dict[int, dict[int, int]] = {}
        for r in rows:
            found.setdefault(r["checkin_id"], {})[r["symptom_id"]] = r["level"]
        return found

    async def doctor_notes(self, user_id: int, since: datetime, *, limit: int = 8) -> list[FullCheckin]:
        """The most recent notes the member marked "for my doctor", oldest first."""
        rows = await self._db.fetchall(
            f"SELECT {_CHECKIN_COLUMNS} FROM checkins WHERE user_id = ? AND at >= ? AND for_doctor = 1 "
            "AND note IS NOT NULL ORDER BY at DESC, id DESC LIMIT ?",
            (user_id, to_iso(since), limit),
        )
        return [_full(r, {}) for r in reversed(rows)]

    # -- symptoms ---------------------------------------------------------------------------------

    async def symptoms(self, user_id: int, *, include_inactive: bool = False) -> list[Symptom]:
        sql = "SELECT id, user_id, name, active FROM symptoms WHERE user_id = ?"
        if not include_inactive:
            sql += " AND active = 1"
        rows = await self._db.fetchall(sql + " ORDER BY id", (user_id,))
        return [Symptom(r["id"], r["user_id"], r["name"], bool(r["active"])) for r in rows]

    async def add_symptom(self, user_id: int, name: str, *, now: datetime, limit: int) -> Symptom | None:
        """Add (or bring back) a symptom; None when the member already tracks ``limit`` of them."""
        async with self._db.transaction():
            active = await self.symptoms(user_id)
            same = [s for s in await self.symptoms(user_id, include_inactive=True) if s.name == name]
            if same and same[0].active:
                return same[0]
            if len(active) >= limit:
                return None
            if same:
                await self._db.execute("UPDATE symptoms SET active = 1 WHERE id = ?", (same[0].id,))
                return Symptom(same[0].id, user_id, name)
            new_id = await self._db.insert(
                "INSERT INTO symptoms (user_id, name, active, created_at) VALUES (?, ?, 1, ?)",
                (user_id, name, to_iso(now)),
            )
        return Symptom(new_id, user_id, name)

    async def remove_symptom(self, user_id: int, symptom_id: int) -> bool:
        changed = await self._db.execute(
            "UPDATE symptoms SET active = 0 WHERE id = ? AND user_id = ? AND active = 1",
            (symptom_id, user_id),
        )
        return changed == 1

    # -- flares -----------------------------------------------------------------------------------

    async def open_flare(self, user_id: int) -> Flare | None:
        row = await self._db.fetchone(
            "SELECT * FROM flares WHERE user_id = ? AND ended_at IS NULL ORDER BY started_at DESC LIMIT 1",
            (user_id,),
        )
        return None if row is None else _flare(row)

    async def start_flare(self, user_id: int, *, now: datetime, note: str | None) -> tuple[Flare, bool]:
        """Start a flare; returns (flare, created). An open flare is returned as is (created False)."""
        async with self._db.transaction():
            current = await self.open_flare(user_id)
            if current is not None:
                return current, False
            new_id = await self._db.insert(
                "INSERT INTO flares (user_id, started_at, note) VALUES (?, ?, ?)",
                (user_id, to_iso(now), note),
            )
        return Flare(new_id, user_id, from_iso(to_iso(now)), None, note, None), True

    async def end_flare(self, user_id: int, *, now: datetime, note: str | None) -> Flare | None:
        """End the open flare; None when there is none."""
        async with self._db.transaction():
            current = await self.open_flare(user_id)
            if current is None:
                return None
            await self._db.execute(
                "UPDATE flares SET ended_at = ?, end_note = ? WHERE id = ?", (to_iso(now), note, current.id)
            )
        return Flare(current.id, user_id, current.started_at, from_iso(to_iso(now)), current.note, note)

    async def flares_between(self, user_id: int, start: datetime, end: datetime) -> list[Flare]:
        """Flares overlapping ``[start, end]``, oldest first."""
        rows = await self._db.fetchall(
            "SELECT * FROM flares WHERE user_id = ? AND started_at <= ? "
            "AND (ended_at IS NULL OR ended_at >= ?) ORDER BY started_at",
            (user_id, to_iso(end), to_iso(start)),
        )
        return [_flare(r) for r in rows]

    # -- settings ---------------------------------------------------------------------------------

    async def settings(self, user_id: int) -> TrackingSettings:
        row = await self._db.fetchone("SELECT * FROM tracking_settings WHERE user_id = ?", (user_id,))
        if row is None:
            return TrackingSettings(user_id)
        return TrackingSettings(
            user_id=user_id,
            timezone=row["timezone"],
            questions=row["questions"],
            meds_notice_at=from_iso_opt(row["meds_notice_at"]),
            flare_asked_at=from_iso_opt(row["flare_asked_at"]),
        )

    async def set_setting(self, user_id: int, column: str, value: object, *, now: datetime) -> None:
        """Set one settings column (``timezone``, ``questions``, ``meds_notice_at``, ``flare_asked_at``)."""
        if column not in ("timezone", "questions", "meds_notice_at", "flare_asked_at"):
            raise ValueError(f"unknown setting {column}")
        stored = to_iso(value) if isinstance(value, datetime) else value
        await self._db.execute(
            f"INSERT INTO tracking_settings (user_id, {column}, updated_at) VALUES (?, ?, ?) "
            f"ON CONFLICT (user_id) DO UPDATE SET {column} = excluded.{column}, "
            "updated_at = excluded.updated_at",
            (user_id, stored, to_iso(now)),
        )

    # -- aggregates (SQL does the work: three years of daily rows stay cheap) -------------------

    async def daily_means(
        self, user_id: int, since: datetime, offset_minutes: int
    ) -> list[dict[str, float | str | None]]:
        """Per local day (a fixed UTC offset): the average of every measure, oldest first."""
        shift = f"{offset_minutes:+d} minutes"
        averages = ", ".join(f"AVG({m}) AS {m}" for m in MEASURES)
        rows = await self._db.fetchall(
            f"SELECT date(at, ?) AS day, {averages} FROM checkins WHERE user_id = ? AND at >= ? "
            "GROUP BY day ORDER BY day",
            (shift, user_id, to_iso(since)),
        )
        return [dict(r) for r in rows]

    async def daily_symptom_max(
        self, user_id: int, since: datetime, offset_minutes: int
    ) -> list[tuple[str, int, int]]:
        """(local day, symptom id, highest level that day) for the period."""
        rows = await self._db.fetchall(
            "SELECT date(c.at, ?) AS day, cs.symptom_id AS sid, MAX(cs.level) AS level "
            "FROM checkin_symptoms cs JOIN checkins c ON c.id = cs.checkin_id "
            "WHERE cs.user_id = ? AND c.at >= ? GROUP BY day, sid",
            (f"{offset_minutes:+d} minutes", user_id, to_iso(since)),
        )
        return [(r["day"], r["sid"], r["level"]) for r in rows]

    async def routine_outcomes(self, user_id: int, since: datetime) -> dict[str, int]:
        """Finished routines since ``since`` by outcome (``done``, ``hurt``, ``stopped``)."""
        rows = await self._db.fetchall(
            "SELECT outcome, COUNT(*) AS n FROM routine_completions WHERE user_id = ? AND ended_at >= ? "
            "GROUP BY outcome",
            (user_id, to_iso(since)),
        )
        return {r["outcome"]: int(r["n"]) for r in rows}

    async def routine_days(self, user_id: int, since: datetime, offset_minutes: int) -> dict[str, int]:
        """Local days with at least one finished routine -> how many."""
        rows = await self._db.fetchall(
            "SELECT date(ended_at, ?) AS day, COUNT(*) AS n FROM routine_completions "
            "WHERE user_id = ? AND ended_at >= ? AND outcome = 'done' GROUP BY day",
            (f"{offset_minutes:+d} minutes", user_id, to_iso(since)),
        )
        return {r["day"]: int(r["n"]) for r in rows}

    async def checkin_count(self, user_id: int, since: datetime) -> int:
        return int(
            await self._db.fetchval(
                "SELECT COUNT(*) FROM checkins WHERE user_id = ? AND at >= ?", (user_id, to_iso(since))
            )
        )

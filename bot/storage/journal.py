"""Check-ins and routine completions: the private pain log.

Rows are health data. Nothing here logs, and errors never carry values.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Literal

from bot.journal.daily import DayAgg, Segment, merge
from bot.storage.database import Database, Row
from bot.storage.timefmt import from_iso, to_iso

CheckinSource = Literal["command", "routine"]
Outcome = Literal["done", "hurt", "stopped"]


@dataclass(frozen=True, slots=True)
class Checkin:
    """One check-in: pain 0–10, optional fatigue 0–10 and a short note."""

    user_id: int
    at: datetime
    pain: int
    fatigue: int | None = None
    note: str | None = None
    source: CheckinSource = "command"
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Completion:
    """One finished routine session (done, stopped because it hurt, or stopped)."""

    user_id: int
    routine_id: str
    outcome: Outcome
    started_at: datetime
    ended_at: datetime
    steps_done: int
    steps_total: int
    seconds_spent: int
    session_id: str | None = None
    id: int | None = None


def _checkin(row: Row) -> Checkin:
    return Checkin(
        id=row["id"],
        user_id=row["user_id"],
        at=from_iso(row["at"]),
        pain=row["pain"],
        fatigue=row["fatigue"],
        note=row["note"],
        source=row["source"],
    )


def _completion(row: Row) -> Completion:
    return Completion(
        id=row["id"],
        user_id=row["user_id"],
        session_id=row["session_id"],
        routine_id=row["routine_id"],
        outcome=row["outcome"],
        started_at=from_iso(row["started_at"]),
        ended_at=from_iso(row["ended_at"]),
        steps_done=row["steps_done"],
        steps_total=row["steps_total"],
        seconds_spent=row["seconds_spent"],
    )


class JournalRepo:
    """Store and read check-ins and routine completions."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def add_checkin(self, checkin: Checkin) -> Checkin:
        """Store a check-in and return it with its id. Range and length rules are enforced by the schema."""
        new_id = await self._db.insert(
            "INSERT INTO checkins (user_id, at, pain, fatigue, note, source) VALUES (?, ?, ?, ?, ?, ?)",
            (
                checkin.user_id,
                to_iso(checkin.at),
                checkin.pain,
                checkin.fatigue,
                checkin.note,
                checkin.source,
            ),
        )
        return replace(checkin, id=new_id, at=from_iso(to_iso(checkin.at)))

    async def set_session_pain(
        self, user_id: int, session_id: str, at: datetime, pain: int
    ) -> tuple[Checkin, int | None]:
        """A routine's end-of-session pain answer: one entry per session, a later answer replaces it.

        Returns the stored check-in and the pain it replaced (None for the first answer). Read and
        write in one transaction, so three quick taps store one entry."""
        async with self._db.transaction():
            row = await self._db.fetchone(
                "SELECT id, pain FROM checkins WHERE session_id = ? AND user_id = ?", (session_id, user_id)
            )
            if row is None:
                new_id = await self._db.insert(
                    "INSERT INTO checkins (user_id, at, pain, source, session_id) "
                    "VALUES (?, ?, ?, 'routine', ?)",
                    (user_id, to_iso(at), pain, session_id),
                )
                previous = None
            else:
                new_id, previous = row["id"], row["pain"]
                await self._db.execute("UPDATE checkins SET pain = ? WHERE id = ?", (pain, new_id))
        stored = Checkin(user_id=user_id, at=from_iso(to_iso(at)), pain=pain, source="routine", id=new_id)
        return stored, previous

    async def checkins_since(self, user_id: int, since: datetime) -> list[Checkin]:
        """The user's check-ins at or after ``since``, oldest first."""
        rows = await self._db.fetchall(
            "SELECT id, user_id, at, pain, fatigue, note, source FROM checkins "
            "WHERE user_id = ? AND at >= ? ORDER BY at, id",
            (user_id, to_iso(since)),
        )
        return [_checkin(r) for r in rows]

    async def checkin_days(self, user_id: int, segments: list[Segment]) -> list[DayAgg]:
        """One aggregate per local day over ``segments`` (each ``(start, end]`` at its own offset),
        grouped by the database: a few hundred rows a year, however many check-ins there are."""
        parts: list[DayAgg] = []
        for segment in segments:
            rows = await self._db.fetchall(
                "SELECT date(at, ?) AS day, COUNT(*) AS n, SUM(pain) AS ps, MIN(pain) AS pmin, "
                "MAX(pain) AS pmax, COUNT(fatigue) AS fn, SUM(fatigue) AS fs, MIN(fatigue) AS fmin, "
                "MAX(fatigue) AS fmax FROM checkins WHERE user_id = ? AND at > ? AND at <= ? GROUP BY day",
                (segment.modifier, user_id, to_iso(segment.start), to_iso(segment.end)),
            )
            parts += [
                DayAgg(
                    day=date.fromisoformat(r["day"]),
                    count=r["n"],
                    pain_sum=r["ps"],
                    pain_min=r["pmin"],
                    pain_max=r["pmax"],
                    fatigue_count=r["fn"],
                    fatigue_sum=r["fs"] or 0,
                    fatigue_min=r["fmin"],
                    fatigue_max=r["fmax"],
                )
                for r in rows
            ]
        return merge(parts)

    async def completion_days(self, user_id: int, segments: list[Segment]) -> list[tuple[date, str, int]]:
        """``(local day, outcome, count)`` of routines that ended in ``segments``."""
        found: list[tuple[date, str, int]] = []
        for segment in segments:
            rows = await self._db.fetchall(
                "SELECT date(ended_at, ?) AS day, outcome, COUNT(*) AS n FROM routine_completions "
                "WHERE user_id = ? AND ended_at > ? AND ended_at <= ? GROUP BY day, outcome",
                (segment.modifier, user_id, to_iso(segment.start), to_iso(segment.end)),
            )
            found += [(date.fromisoformat(r["day"]), r["outcome"], r["n"]) for r in rows]
        return found

    async def add_completion(self, completion: Completion) -> Completion:
        new_id = await self._db.insert(
            "INSERT INTO routine_completions (user_id, session_id, routine_id, outcome, started_at, "
            "ended_at, steps_done, steps_total, seconds_spent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                completion.user_id,
                completion.session_id,
                completion.routine_id,
                completion.outcome,
                to_iso(completion.started_at),
                to_iso(completion.ended_at),
                completion.steps_done,
                completion.steps_total,
                completion.seconds_spent,
            ),
        )
        return replace(
            completion,
            id=new_id,
            started_at=from_iso(to_iso(completion.started_at)),
            ended_at=from_iso(to_iso(completion.ended_at)),
        )

    async def completions_since(self, user_id: int, since: datetime) -> list[Completion]:
        """The user's routine completions that ended at or after ``since``, oldest first."""
        rows = await self._db.fetchall(
            "SELECT id, user_id, session_id, routine_id, outcome, started_at, ended_at, steps_done, "
            "steps_total, seconds_spent FROM routine_completions "
            "WHERE user_id = ? AND ended_at >= ? ORDER BY ended_at, id",
            (user_id, to_iso(since)),
        )
        return [_completion(r) for r in rows]

"""A member's private safety plan: one row per member, written only by them (no logic here)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from bot.crisis.safety_plan import SECTION_IDS, SECTION_MAX, SafetyPlan
from bot.storage.database import Database
from bot.storage.upsert import upsert_member_row


class SafetyPlanRepo:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, user_id: int) -> SafetyPlan | None:
        row = await self._db.fetchone(
            f"SELECT {', '.join(SECTION_IDS)} FROM safety_plans WHERE user_id = ?", (user_id,)
        )
        if row is None:
            return None
        return SafetyPlan(user_id, {section: str(row[section] or "") for section in SECTION_IDS})

    async def has_plan(self, user_id: int) -> bool:
        plan = await self.get(user_id)
        return plan is not None and not plan.is_empty

    async def save(self, user_id: int, sections: Mapping[str, str], *, now: datetime) -> SafetyPlan:
        """Write the given sections (others are kept): one part of the form at a time."""
        values = {key: value.strip()[:SECTION_MAX] for key, value in sections.items() if key in SECTION_IDS}
        if values:
            await upsert_member_row(self._db, "safety_plans", user_id, values, now=now)
        plan = await self.get(user_id)
        return plan or SafetyPlan(user_id, {})

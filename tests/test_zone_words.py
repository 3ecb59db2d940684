"""Clock abbreviations mean places with daylight saving, said back in words; old stored names are fixed."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.reminders.schedule import ABBREVIATIONS, next_fire, resolve_timezone, timezone_choices
from bot.reminders.zone_words import zone_in_words, zone_name
from bot.storage.db import Database

JULY = datetime(2026, 7, 1, 19, 40, tzinfo=UTC)
JANUARY = datetime(2026, 1, 15, 20, 40, tzinfo=UTC)


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("EST", "America/New_York"),
        ("edt", "America/New_York"),
        ("PST", "America/Los_Angeles"),
        ("CST", "America/Chicago"),
        ("MST", "America/Denver"),
        ("CET", "Europe/Paris"),
        ("GMT", "Europe/London"),
        ("BST", "Europe/London"),
        ("AEST", "Australia/Sydney"),
    ],
)
def test_an_abbreviation_means_the_place_and_follows_its_summer_time(typed: str, zone: str) -> None:
    assert resolve_timezone(typed) == zone
    assert timezone_choices(typed)[0] == zone
    assert ZoneInfo(zone).utcoffset(JULY.replace(tzinfo=None)) != ZoneInfo(zone).utcoffset(
        JANUARY.replace(tzinfo=None)
    )


def test_est_fires_at_seven_local_in_summer_too() -> None:
    """tzdata's own "EST" is UTC-5 all year: 7:00 would arrive at 8:00 New York time in July."""
    fire = next_fire(
        datetime.strptime("07:00", "%H:%M").time(), ZoneInfo(resolve_timezone("EST") or ""), JULY
    )
    assert fire.astimezone(ZoneInfo("America/New_York")).hour == 7
    assert fire.hour == 11  # UTC-4 in summer


def test_tzdatas_fixed_offset_names_are_never_offered() -> None:
    for typed in ("EST", "MST", "CET", "GMT", "EST5EDT", "HST"):
        assert not {"EST", "MST", "CET", "GMT", "EST5EDT", "HST"} & set(timezone_choices(typed))
    assert all("/" in zone for zone in ABBREVIATIONS.values())


def test_a_zone_is_said_back_in_words_with_the_local_clock() -> None:
    assert zone_in_words("America/New_York", JULY) == (
        "Eastern Time (New York) — it's 3:40 pm there now; clocks follow daylight saving."
    )
    assert zone_in_words("America/New_York", JANUARY).startswith("Eastern Time (New York) — it's 3:40 pm")
    assert zone_in_words("Asia/Tokyo", JULY) == "Japan Time (Tokyo) — it's 4:40 am there now."
    assert zone_in_words("UTC", JULY) == "UTC — it's 7:40 pm there now."
    assert zone_name("Africa/Lagos") == "Lagos time"


async def test_old_fixed_offset_zones_in_storage_become_places(tmp_path: Path) -> None:
    from bot.storage import migrations

    db = await Database.open(tmp_path / "t.db")
    try:
        conn = db.conn
        # Undo the last migration's effect by writing legacy names after it ran, then rerun it.
        await conn.execute(
            "INSERT INTO tracking_settings (user_id, timezone, updated_at) VALUES (1, 'EST', 'x'), "
            "(2, 'CET', 'x'), (3, 'Asia/Tokyo', 'x')"
        )
        await conn.executescript(migrations.MIGRATION_UXTIME)
        cursor = await conn.execute("SELECT user_id, timezone FROM tracking_settings")
        rows = {row["user_id"]: row["timezone"] for row in await cursor.fetchall()}
        assert rows == {1: "America/New_York", 2: "Europe/Paris", 3: "Asia/Tokyo"}
    finally:
        await db.close()

"""The pieces behind /checkin, /journal, /remind and /privacy, without Discord.

Reading what people type into the check-in form, keeping an unsaved draft,
hiding payloads in discord.py's DEBUG logs, understanding a typed time zone,
and renderers that always fit Discord's limits, however much data there is.
"""

from __future__ import annotations

import io
import json
import logging
import random
import string
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot import limits, logsafety
from bot.journal.checkin_form import CheckinInput, CheckinProblems, parse_checkin
from bot.journal.drafts import DraftStore
from bot.journal.report import JournalReports
from bot.reminders.schedule import resolve_timezone
from bot.storage.db import Database
from bot.storage.journal import Checkin, Completion, JournalRepo
from bot.storage.reminders import Reminder
from bot.ui import journal, privacy, reminders
from tests.fakeclock import FakeClock

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
ALICE = 111_111_111_111_111_111


# --------------------------------------------------------------------------- the check-in form


@pytest.mark.parametrize(
    ("pain", "fatigue", "expected"),
    [("7", "3", (7, 3)), (" 07 ", "0", (7, 0)), ("７", "１０", (7, 10)), ("10/10", "5 / 10", (10, 5))],
)
def test_scores_are_read_the_way_people_type_them(pain: str, fatigue: str, expected: tuple[int, int]) -> None:
    result = parse_checkin(pain, fatigue, "")
    assert isinstance(result, CheckinInput)
    assert (result.pain, result.fatigue, result.note) == (*expected, None)


@pytest.mark.parametrize("bad", ["11", "-1", "7.5", "seven", "1e1", "99"])
def test_anything_else_gets_a_kind_sentence_naming_the_box(bad: str) -> None:
    result = parse_checkin(bad, "3", None)
    assert isinstance(result, CheckinProblems)
    assert result.messages == ("Pain should be a whole number from 0 to 10 (0 = none, 10 = the worst).",)


def test_every_problem_is_reported_at_once() -> None:
    result = parse_checkin("", "twelve", "x" * 501)
    assert isinstance(result, CheckinProblems)
    assert [m.split(" ")[0] for m in result.messages] == ["Pain", "Fatigue", "The"]
    assert "501" in result.messages[2]


def test_the_note_is_tidied_but_kept_as_written() -> None:
    result = parse_checkin("4", "4", "  Slept badly\u200b.\nStiff\x00 hands  ")
    assert isinstance(result, CheckinInput) and result.note == "Slept badly.\nStiff hands"
    blank = parse_checkin("4", "4", "   ")
    assert isinstance(blank, CheckinInput) and blank.note is None


async def test_a_draft_waits_a_while_then_is_gone() -> None:
    clock = FakeClock(NOW.timestamp())
    drafts = DraftStore(clock, ttl=60, max_entries=2)
    drafts.keep(ALICE, "eleven", "3", "a note")
    assert drafts.get(ALICE) is not None and drafts.get(ALICE).note == "a note"  # type: ignore[union-attr]
    await clock.advance(61)
    assert drafts.get(ALICE) is None
    for user in (1, 2, 3):
        drafts.keep(user, "x", "y", "z")
    assert len(drafts) == 2 and drafts.get(1) is None  # bounded: the oldest went first
    assert drafts.forget(3) and not drafts.forget(3)


# --------------------------------------------------------------------------- log redaction


def _record(name: str, msg: str, *args: object, level: int = logging.DEBUG) -> logging.LogRecord:
    return logging.LogRecord(name, level, __file__, 1, msg, args, None)


def test_discord_payloads_are_redacted_at_debug_and_nothing_else_changes() -> None:
    event = {"op": 0, "t": "INTERACTION_CREATE", "s": 4, "d": {"data": {"value": "secret pain 9"}}}
    gateway = _record("discord.gateway", "For Shard ID %s: WebSocket Event: %s", None, event)
    sent = _record(
        "discord.http", "%s %s with %s has returned %s", "POST", "/x", '{"content": "Pain 9"}', 200
    )
    got = _record("discord.http", "%s %s has received %s", "GET", "/y", {"content": "note"})
    other = _record("discord.http", "A rate limit bucket (%s) has been exhausted.", "abc")
    warning = _record("discord.http", "%s %s has received %s", "GET", "/y", "body", level=logging.WARNING)
    redact = logsafety.RedactPayloads()
    for record in (gateway, sent, got, other, warning):
        assert redact.filter(record)  # never drops a record
    assert "secret" not in gateway.getMessage() and "INTERACTION_CREATE" in gateway.getMessage()
    assert "Pain 9" not in sent.getMessage() and sent.getMessage().endswith("has returned 200")
    assert "note" not in got.getMessage()
    assert other.getMessage() == "A rate limit bucket (abc) has been exhausted."
    assert warning.getMessage() == f"GET /y has received {logsafety.REDACTED}", "bodies at every level"


def test_tokens_and_webhook_urls_are_scrubbed_from_the_finished_line() -> None:
    token = "aW50ZXJhY3Rpb246" + "x" * 80
    bot_token = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GAbCdE.abcdefghijklmnopqrstuvwxyz0123"
    lines = {
        f"POST https://discord.com/api/v10/interactions/123/{token}/callback?with_response=1": token,
        f"Webhook ID 9 with PATCH https://x/api/webhooks/9/{token[:40]}/messages/@original": "/webhooks/9/",
        f"payload {{'token': '{token[:30]}', 'id': 1}}": token[:30],
        f"login with {bot_token}": bot_token,
        "configured short-secret here": "short-secret",
    }
    for line, secret in lines.items():
        cleaned = logsafety.scrub(line, ["short-secret"])
        assert secret not in cleaned, cleaned
    assert logsafety.scrub("POST /interactions/123/abc/callback").startswith("POST /interactions/123/<token>")


def test_install_is_idempotent_and_sits_on_the_root_handlers() -> None:
    root = logging.getLogger()
    handler = logging.StreamHandler()
    root.addHandler(handler)
    try:
        logsafety.install(["s3cret"])
        logsafety.install()
        assert sum(isinstance(f, logsafety.RedactPayloads) for f in handler.filters) == 1
        assert isinstance(handler.formatter, logsafety.RedactingFormatter)
        assert not isinstance(handler.formatter.inner, logsafety.RedactingFormatter)
        record = _record("some.new.library", "connecting with %s", "s3cret")
        assert "s3cret" not in handler.format(record)
    finally:
        root.removeHandler(handler)


# --------------------------------------------------------------------------- typed time zones


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("America/New_York", "America/New_York"),
        ("europe/london", "Europe/London"),
        ("london", "Europe/London"),
        ("New York", "America/New_York"),
        ("india", "Asia/Kolkata"),
        ("UTC", "UTC"),
    ],
)
def test_an_unambiguous_zone_typed_without_picking_is_understood(typed: str, zone: str) -> None:
    assert resolve_timezone(typed) == zone


@pytest.mark.parametrize("typed", ["eastern", "Narnia", "londn", "mountain"])
def test_an_ambiguous_or_unknown_zone_is_not_guessed(typed: str) -> None:
    assert resolve_timezone(typed) is None


# --------------------------------------------------------------------------- renderers fit


def _embed_total(embed: dict[str, object]) -> int:
    total = len(str(embed.get("title", ""))) + len(str(embed.get("description", "")))
    for item in embed.get("fields", []):  # type: ignore[attr-defined]
        total += len(item["name"]) + len(item["value"])
        assert len(item["value"]) <= limits.EMBED_FIELD_VALUE
    footer = embed.get("footer") or {}
    return total + len(footer.get("text", ""))  # type: ignore[union-attr]


async def test_a_year_of_daily_check_ins_renders_within_discord_limits(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "bot.sqlite3")
    try:
        repo = JournalRepo(db)
        for day in range(365):
            at = NOW - timedelta(days=day, hours=1)
            await repo.add_checkin(Checkin(ALICE, at, pain=day % 11, fatigue=(day * 3) % 11, note="n" * 500))
            if day % 3 == 0:
                await repo.add_completion(Completion(ALICE, "chair-bad-day", "done", at, at, 5, 5, 300))
        report = await JournalReports(repo).build(ALICE, 365, now=NOW, tz_name="America/New_York")
    finally:
        await db.close()
    reply = journal.journal_report(report)
    [embed] = [e.to_dict() for e in reply.embeds]
    assert _embed_total(embed) <= limits.EMBED_TOTAL
    assert "earlier weeks: see the CSV file" in embed["fields"][-1]["value"]  # type: ignore[index]
    assert [f.filename for f in reply.files] == ["journal-chart.png", "journal.csv"]
    assert report.csv.count(b"\r\n") == 1 + 365 + 122


def test_every_button_custom_id_fits_and_carries_no_health_data() -> None:
    reminder = Reminder(ALICE, "07:30", "Europe/London", None, NOW, None, True, "dm_blocked", NOW, NOW)
    replies = [
        journal.checkin_saved(Checkin(ALICE, NOW, 9, 9, "secret", id=1)),
        journal.checkin_problems(["Pain should be a whole number from 0 to 10."]),
        journal.journal_empty(30),
        reminders.reminder_show(reminder, None),
        reminders.reminder_dm(None),
        privacy.privacy_confirm(ALICE),
    ]
    for reply in replies:
        assert reply.view is not None
        for item in reply.view.children:
            custom_id = getattr(item, "custom_id", None)
            assert custom_id and custom_id.startswith("lc:") and len(custom_id) <= limits.CUSTOM_ID
            assert "secret" not in custom_id and ":9" not in custom_id
    assert "Paused: Discord would not let me" in (reminders.reminder_show(reminder, None).content or "")


def test_the_export_file_is_pretty_json_with_a_plain_summary() -> None:
    data = {"format": "lupus-companion-export", "tables": {"checkins": [{"note": "café"}], "reminders": []}}
    reply = privacy.privacy_export(data, now=NOW)
    [file] = reply.files
    assert file.filename == "lupus-companion-my-data-2026-05-01.json"
    assert json.loads(file.data) == data and "café" in file.data.decode("utf-8")
    assert "1 check-in." in (reply.content or "")
    assert "erased everything" in (privacy.privacy_deleted({"checkins": 2, "reminders": 0}).content or "")
    assert "nothing to erase" in (privacy.privacy_deleted({"checkins": 0}).content or "")


def test_an_export_over_the_upload_limit_is_zipped_or_cut_into_numbered_pieces() -> None:
    rng = random.Random(3)
    notes = ["".join(rng.choices(string.ascii_letters, k=400)) for _ in range(300)]
    data = {"format": "lupus-companion-export", "tables": {"checkins": [{"note": n} for n in notes]}}
    [whole] = privacy.privacy_export_parts(data, now=NOW, upload_limit=10_000_000)
    assert whole.files[0].filename.endswith(".json")
    repetitive = {"tables": {"checkins": [{"note": "same words again"} for _ in range(3_000)]}}
    [zipped] = privacy.privacy_export_parts(repetitive, now=NOW, upload_limit=40_000)
    assert zipped.files[0].filename.endswith(".zip") and "zipped" in (zipped.content or "")
    pieces = privacy.privacy_export_parts(data, now=NOW, upload_limit=40_000)
    assert len(pieces) >= 3 and f"**{len(pieces)} numbered pieces**" in (pieces[0].content or "")
    names = [p.files[0].filename for p in pieces]
    assert names == [f"lupus-companion-my-data-2026-05-01.zip.{n:03d}" for n in range(1, len(pieces) + 1)]
    assert all(len(p.files[0].data) <= 40_000 for p in pieces)
    joined = zipfile.ZipFile(io.BytesIO(b"".join(p.files[0].data for p in pieces)))
    assert json.loads(joined.read(joined.namelist()[0])) == data

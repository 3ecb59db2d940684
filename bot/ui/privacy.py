"""Renderers for /privacy: the export (as files that fit), and erasing everything after a confirm.

Everything here is health data or about one person, so every reply is private:
ephemeral in a server, a plain message only in the bot's own DM
(``Reply.ephemeral=None`` lets ``bot.ui.reply`` pick). Nothing here is ever shared
to a channel, and nothing here logs. Texts are short and plain (grade-8 reading
level), buttons say what they do in words, and numbers come with their meaning.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import discord

from bot.custom_ids import personal as p
from bot.storage.privacy import KEPT_SUFFIX
from bot.text import plural
from bot.ui import components as c
from bot.ui.private import CAUTION_COLOR, PRIVATE_NOTE
from bot.ui.reply import Attachment, Reply

# -- privacy --------------------------------------------------------------------------------------

TABLE_WORDS: Mapping[str, tuple[str, str]] = {
    "checkins": ("check-in", "check-ins"),
    "routine_completions": ("finished routine", "finished routines"),
    "routine_sessions": ("routine session", "routine sessions"),
    "reminders": ("reminder", "reminders"),
    "user_prefs": ("set of preferences (including your safety acknowledgement)", "sets of preferences"),
    "audit_log": ("moderator log entry", "moderator log entries"),
    "symptoms": ("tracked symptom", "tracked symptoms"),
    "checkin_symptoms": ("symptom level", "symptom levels"),
    "flares": ("flare", "flares"),
    "medicines": ("medicine", "medicines"),
    "medicine_doses": ("dose record", "dose records"),
    "medicine_reminders": ("medicine reminder", "medicine reminders"),
    "checkin_reminders": ("check-in reminder", "check-in reminders"),
    "tracking_settings": ("set of tracking settings", "sets of tracking settings"),
}


def _table_phrase(table: str, count: int) -> str:
    one, many = TABLE_WORDS.get(table, (f"{table} row", f"{table} rows"))
    return plural(count, one, many)


def export_filename(now: datetime) -> str:
    return f"lupus-companion-my-data-{now:%Y-%m-%d}.json"


def privacy_export(data: Mapping[str, Any], *, now: datetime) -> Reply:
    """Everything we hold about the person as a JSON file, with a plain summary of what is in it."""
    tables: Mapping[str, Sequence[Any]] = data.get("tables", {})
    total = sum(len(rows) for rows in tables.values())
    if total == 0:
        summary = "I hold nothing about you right now. The file shows the (empty) tables anyway."
    else:
        found = [_table_phrase(name, len(rows)) for name, rows in sorted(tables.items()) if rows]
        summary = "It has " + ", ".join(found) + "."
    content = (
        "**Here is a copy of everything I hold about you.** " + summary + "\n"
        "It's a JSON file: any text editor can open it. Times are in UTC. "
        f"{PRIVATE_NOTE} To erase it all, use `/privacy delete`."
    )
    body = json.dumps(data, indent=2, ensure_ascii=False, default=str).encode("utf-8")
    return Reply(
        content=content,
        files=[Attachment(export_filename(now), body, description="Everything I hold about you")],
    )


def privacy_export_parts(data: Mapping[str, Any], *, now: datetime, upload_limit: int) -> list[Reply]:
    """The export as messages that each fit ``upload_limit`` bytes of files.

    Small enough: one JSON file. Too big: zipped. Still too big: the zip in numbered pieces
    (``.zip.001``, ``.zip.002`` …, which 7-Zip and ``cat`` join), one per message. Each
    message says which case it is, so nobody wonders where the rest is."""
    single = privacy_export(data, now=now)
    body = single.files[0].data
    budget = max(1024, upload_limit - 8 * 1024)  # room for the multipart wrapping
    if len(body) <= budget:
        return [single]
    name = export_filename(now)
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        archive.writestr(name, body)
    zipped = packed.getvalue()
    zip_name = name.removesuffix(".json") + ".zip"
    lead = single.content or ""
    if len(zipped) <= budget:
        note = "\nIt was too big to send as one file, so it's **zipped**: open the .zip to get the JSON file."
        zip_file = Attachment(zip_name, zipped, description="Your data, zipped")
        return [Reply(content=lead + note, files=[zip_file])]
    pieces = [zipped[i : i + budget] for i in range(0, len(zipped), budget)]
    count = len(pieces)
    note = (
        f"\nIt was too big for one file even zipped, so it comes in **{count} numbered pieces**, one per "
        f"message. Save all {count}, then open the first with 7-Zip (or join them: "
        f"`cat {zip_name}.0* > {zip_name}`) to get the JSON file."
    )
    replies = []
    for n, piece in enumerate(pieces, start=1):
        text = lead + note if n == 1 else f"Piece {n} of {count} of your data."
        replies.append(
            Reply(
                content=text,
                files=[Attachment(f"{zip_name}.{n:03d}", piece, description=f"Piece {n} of {count}")],
            )
        )
    return replies


def export_slow_down(wait: str) -> Reply:
    return Reply(
        content=(
            "You've asked for a few copies of your data already, and each one is a big file. "
            f"You can ask again in {wait}. Nothing has changed since the last copy unless you used me."
        ),
        ephemeral=True,
    )


def privacy_confirm(user_id: int) -> Reply:
    embed = discord.Embed(
        title="Erase everything I hold about you?",
        colour=CAUTION_COLOR,
        description=(
            "This erases **all** of it, for good: check-ins and notes, finished routines, routines in "
            "progress, your reminder, and your preferences (you'll see the safety notes again before "
            "your next routine).\n\n"
            "It can't be undone. If you want a copy first, use `/privacy export`."
        ),
    )
    return Reply(
        embeds=[embed],
        view=c.view(
            c.button(
                "Yes, erase everything", p.PrivacyChoice("delete", user_id), style=discord.ButtonStyle.danger
            ),
            c.button("Cancel", p.PrivacyChoice("cancel", user_id)),
        ),
    )


def privacy_deleted(counts: Mapping[str, int]) -> Reply:
    erased = [
        _table_phrase(name, n) for name, n in sorted(counts.items()) if n and not name.endswith(KEPT_SUFFIX)
    ]
    kept = sum(n for name, n in counts.items() if name.endswith(KEPT_SUFFIX))
    if not erased:
        text = "**Done.** I held nothing about you, so there was nothing to erase."
    else:
        text = (
            "**Done. I erased everything I held about you:** " + ", ".join(erased) + ".\n"
            "Nothing with your user id is left, and any reminder or routine timer of yours is stopped. "
            "If you use me again, I'll start fresh."
        )
    if kept:
        text += (
            f"\nThe moderator log keeps {plural(kept, 'moderator action')} you took, with your user id "
            "replaced by a pseudonym, so the community can still see what changed and when."
        )
    return Reply(content=text)


def privacy_cancelled() -> Reply:
    return Reply(content="Cancelled. Nothing was erased.")


def privacy_not_yours() -> str:
    return "This button belongs to someone else's request. To erase your own data, use `/privacy delete`."

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
from bot.wording import privacy as words

# -- privacy --------------------------------------------------------------------------------------


def _table_phrase(table: str, count: int) -> str:
    one = words.TABLE_ONE.get(table) or words.TABLE_ROW.format(table=table)
    many = words.TABLE_MANY.get(table) or words.TABLE_ROWS.format(table=table)
    return plural(count, one, many)


def export_filename(now: datetime) -> str:
    return f"lupus-companion-my-data-{now:%Y-%m-%d}.json"


def privacy_export(data: Mapping[str, Any], *, now: datetime) -> Reply:
    """Everything we hold about the person as a JSON file, with a plain summary of what is in it."""
    tables: Mapping[str, Sequence[Any]] = data.get("tables", {})
    total = sum(len(rows) for rows in tables.values())
    if total == 0:
        summary = words.HOLD_NOTHING
    else:
        found = [_table_phrase(name, len(rows)) for name, rows in sorted(tables.items()) if rows]
        summary = words.IT_HAS.format(tables=", ".join(found))
    content = words.EXPORT.format(summary=summary, private=PRIVATE_NOTE)
    body = json.dumps(data, indent=2, ensure_ascii=False, default=str).encode("utf-8")
    return Reply(
        content=content,
        files=[Attachment(export_filename(now), body, description=words.EXPORT_DESCRIPTION)],
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
        note = words.ZIPPED
        zip_file = Attachment(zip_name, zipped, description=words.ZIPPED_DESCRIPTION)
        return [Reply(content=lead + note, files=[zip_file])]
    pieces = [zipped[i : i + budget] for i in range(0, len(zipped), budget)]
    count = len(pieces)
    note = words.PIECES.format(count=count, zip_name=zip_name)
    replies = []
    for n, piece in enumerate(pieces, start=1):
        text = lead + note if n == 1 else words.PIECE.format(number=n, count=count)
        replies.append(
            Reply(
                content=text,
                files=[
                    Attachment(
                        f"{zip_name}.{n:03d}",
                        piece,
                        description=words.PIECE_DESCRIPTION.format(number=n, count=count),
                    )
                ],
            )
        )
    return replies


def export_slow_down(wait: str) -> Reply:
    return Reply(
        content=words.EXPORT_SLOW_DOWN.format(wait=wait),
        ephemeral=True,
    )


def privacy_confirm(user_id: int) -> Reply:
    embed = discord.Embed(
        title=words.CONFIRM_TITLE,
        colour=CAUTION_COLOR,
        description=words.CONFIRM,
    )
    return Reply(
        embeds=[embed],
        view=c.view(
            c.button(
                words.BUTTON_YES_ERASE_EVERYTHING,
                p.PrivacyChoice("delete", user_id),
                style=discord.ButtonStyle.danger,
            ),
            c.button("Cancel", p.PrivacyChoice("cancel", user_id)),
        ),
    )


def privacy_deleted(counts: Mapping[str, int]) -> Reply:
    erased = [
        _table_phrase(name, n) for name, n in sorted(counts.items()) if n and not name.endswith(KEPT_SUFFIX)
    ]
    kept = sum(n for name, n in counts.items() if name.endswith(KEPT_SUFFIX))
    text = words.ERASED.format(tables=", ".join(erased)) if erased else words.NOTHING_TO_ERASE
    if kept:
        text += words.LOG_KEPT.format(actions=plural(kept, words.MODERATOR_ACTION))
    return Reply(content=text)


def privacy_cancelled() -> Reply:
    return Reply(content=words.CANCELLED)


def privacy_not_yours() -> str:
    return words.NOT_YOURS

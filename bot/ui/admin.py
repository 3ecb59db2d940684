"""Renderers for ``/admin``: reload results, status, refusals and moderators'-channel posts.

Pure functions from core facts to a :class:`Reply`, so what a moderator sees is
tested without Discord. Sizes come from :mod:`bot.limits`; long lists are cut
with a count of what was left out (and, for errors, the full list as a file),
because a reload of a big tree can touch thousands of ids and an error message
that Discord refuses would hide exactly the problem the moderator needs to fix.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import discord

from bot import limits
from bot.clock import utc_at
from bot.content.errors import ContentError
from bot.content.store import Changes, ContentDiff, ReloadReport
from bot.moderators import Actor
from bot.storage import pseudonyms
from bot.storage.audit import ACTION_REFUSED, AuditEntry
from bot.storage.backup import Health
from bot.text import clip, plural
from bot.ui.reply import Attachment, Reply, discord_time
from bot.wording import admin as words

COLOR_OK = discord.Colour(0x3BA55C)
COLOR_PROBLEM = discord.Colour(0xED4245)
COLOR_INFO = discord.Colour(0x7B5EA7)

ERRORS_SHOWN = 15
"""Errors listed in the reply itself; the rest are counted and attached as a text file."""
ERROR_LINE_CHARS = 240
"""One ``path:line:col: message`` line in the reply (15 of them must fit one embed)."""
ERRORS_FILENAME = "content-errors.txt"
RECENT_ACTIONS = 5
SYSTEM_USER_ID = 0
"""Audit ``user_id`` for actions nobody typed (the file watcher)."""

ACTION_RELOAD = "content.reload"
__all__ = ["ACTION_REFUSED", "ACTION_RELOAD"]
REFUSAL_DAYS = 7
REFUSALS_SHOWN = 3


def refusal(*, in_dm: bool) -> str:
    """The kind answer for someone who is not a moderator (see :mod:`bot.moderators`)."""
    return words.REFUSED_IN_DM if in_dm else words.REFUSED


# --- reload ----------------------------------------------------------------------------------------


def _duration(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.1f} s"


def _id_list(ids: Sequence[str], budget: int) -> str:
    """``\\`a\\`, \\`b\\` … and 12 more`` within ``budget`` characters."""
    shown: list[str] = []
    used = 0
    for i, item in enumerate(ids):
        piece = f"`{clip(item, 100)}`"
        rest = len(ids) - i - 1
        tail = len(words.AND_MORE.format(count=rest)) if rest else 0
        if used + len(piece) + 2 + tail > budget:
            return ", ".join(shown) + words.AND_MORE.format(count=len(ids) - i)
        shown.append(piece)
        used += len(piece) + 2
    return ", ".join(shown)


def changes_text(changes: Changes, budget: int = limits.EMBED_FIELD_VALUE) -> str:
    """Added, changed and removed ids of one kind, each on its own line, within ``budget``."""
    parts = [
        (word, ids)
        for word, ids in (
            ("Added", changes.added),
            ("Changed", changes.changed),
            ("Removed", changes.removed),
        )
        if ids
    ]
    per_line = budget // max(1, len(parts)) - 20
    lines = [f"**{word}** ({len(ids)}): {_id_list(ids, per_line)}" for word, ids in parts]
    return clip("\n".join(lines), budget)


def _diff_fields(embed: discord.Embed, diff: ContentDiff) -> None:
    for name, changes in (
        ("Articles", diff.articles),
        ("Sections", diff.sections),
        ("Routines", diff.routines),
        (words.FIELD_RESOURCE_TOPICS, diff.topics),
    ):
        if changes:
            embed.add_field(name=f"{name}: {changes.summary()}", value=changes_text(changes), inline=False)


def error_lines(errors: Sequence[ContentError]) -> str:
    """Every error as ``path:line:col: message``, one per line (the attached file's text)."""
    return "".join(f"{e}\n" for e in errors)


def _errors_block(errors: Sequence[ContentError]) -> str:
    lines = [clip(str(e), ERROR_LINE_CHARS).replace("```", "'''") for e in errors[:ERRORS_SHOWN]]
    return "```\n" + "\n".join(lines) + "\n```"


def reload_result(report: ReloadReport, *, by_watcher: bool = False) -> Reply:
    """What a reload did: the diff and new version, or every problem and the version kept.

    ``by_watcher`` words it for the moderators' channel ("the files changed on disk").
    """
    if report.ok:
        return _reload_ok(report, by_watcher)
    return _reload_refused(report, by_watcher)


def _reload_ok(report: ReloadReport, by_watcher: bool) -> Reply:
    before, after = report.version_before or "none", report.version_after or "none"
    if report.diff.empty:
        title = words.NOTHING_CHANGED_TITLE
        description = words.NOTHING_CHANGED.format(version=after)
    else:
        title = words.RELOADED_BY_WATCHER_TITLE if by_watcher else words.RELOADED_TITLE
        summary = report.diff.summary()
        description = words.RELOADED.format(
            version=after, before=before, summary=f"{summary[:1].upper()}{summary[1:]}"
        )
    description += words.CHECKED_FILES.format(
        files=plural(report.files, "file"), duration=_duration(report.duration_s)
    )
    embed = discord.Embed(title=title, description=description, colour=COLOR_OK)
    _diff_fields(embed, report.diff)
    return Reply(embeds=[embed], ephemeral=True)


def _reload_refused(report: ReloadReport, by_watcher: bool) -> Reply:
    count = len(report.errors)
    title = (words.NOT_RELOADED_BY_WATCHER_TITLE if by_watcher else words.NOT_RELOADED_TITLE).format(
        problems=plural(count, "problem")
    )
    lead = words.STILL_SERVING.format(version=report.version_before or "none")
    more = ""
    files: list[Attachment] = []
    if count > ERRORS_SHOWN:
        more = words.MORE_ERRORS.format(count=count - ERRORS_SHOWN, file=ERRORS_FILENAME)
        files.append(
            Attachment(
                ERRORS_FILENAME,
                error_lines(report.errors).encode("utf-8"),
                description=words.ERRORS_FILE_DESCRIPTION.format(count=count),
            )
        )
    description = f"{lead}\n{_errors_block(report.errors)}{more}"
    embed = discord.Embed(
        title=clip(title, limits.EMBED_TITLE), description=description, colour=COLOR_PROBLEM
    )
    return Reply(embeds=[embed], files=files, ephemeral=True)


# --- status ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Names:
    """Names Discord gave for ids, so moderators read "Lupus Friends", not 1234…; only the
    viewer's own server (or, for an operator in a DM, the bot's servers) is ever named."""

    guilds: Mapping[int, str] = field(default_factory=dict)
    users: Mapping[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class StatusFacts:
    """Everything ``/admin status`` shows, gathered by the cog."""

    version: str
    counts: Mapping[str, int]
    watching: bool
    watch_problem: str | None
    current_errors: Sequence[ContentError]
    last_reload: AuditEntry | None
    uptime_s: float
    latency_s: float
    guilds: int | None
    """Servers the bot is in; None in a server's own view (other servers are not its business)."""
    active_sessions: int | None
    """Routine sessions running across every server; None in a server's own view."""
    db_bytes: int | None
    """The database's size, which grows with every server's members; None in a server's own view."""
    bot_version: str
    recent: Sequence[AuditEntry] = field(default_factory=tuple)
    refusals: int = 0
    refusal_samples: Sequence[AuditEntry] = field(default_factory=tuple)
    database: Health | None = None
    names: Names = field(default_factory=Names)
    hidden_roles: Sequence[str] = ()
    """Moderator roles (from ``admins.role_ids``) that ``/admin``'s default permissions hide."""
    bot_name: str = "the bot"
    log_channel: str | None = None
    """Where watcher results are posted, by name (``#mods``); None if unset or not this server's."""
    shard_count: int | None = None
    """The bot's shard count; shown (with ``shards``) only when the bot runs on more than one."""
    shards: Sequence[tuple[int, float]] = ()
    """The shards this process serves and each one's gateway latency in seconds."""


def _latency(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if math.isfinite(seconds) and seconds >= 0 else words.NOT_MEASURED


def _uptime(seconds: float) -> str:
    minutes = int(seconds // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min" if minutes else f"{int(seconds)} s"


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:,} {unit}" if unit == "bytes" else f"{n:,.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return f"{n} bytes"  # pragma: no cover


def _when(at: datetime) -> str:
    return discord_time(at, "R")


def _who(user_id: int, names: Names) -> str:
    if user_id == SYSTEM_USER_ID:
        return words.THE_FILE_WATCHER
    if pseudonyms.is_pseudonym(user_id):
        return pseudonyms.label(user_id)
    if user_id in names.users:
        return f"**{discord.utils.escape_markdown(clip(names.users[user_id], 40))}**"
    return f"<@{user_id}>"  # Discord shows a mention as the person's name to whoever can see them


def place_words(entry: AuditEntry, names: Names) -> str:
    """Where an action happened, by name: ``in Lupus Friends``, ``by DM``; never a raw server id."""
    place = entry.place or ""
    if entry.guild_id is not None or place.startswith("command in guild"):
        name = names.guilds.get(entry.guild_id or 0)
        return (
            words.IN_SERVER.format(name=discord.utils.escape_markdown(clip(name, 60)))
            if name
            else words.IN_A_SERVER
        )
    return words.PLACE_WORDS.get(place, place)


def audit_line(entry: AuditEntry, names: Names | None = None) -> str:
    """One audit entry for people: when, who, what, where, result and versions."""
    names = names or Names()
    where = place_words(entry, names)
    place = f" · {where}" if where else ""
    if entry.action == ACTION_REFUSED:
        return words.AUDIT_REFUSED.format(
            when=_when(entry.at), who=_who(entry.user_id, names), what=entry.detail or "/admin", place=place
        )
    what = words.AUDIT_RELOAD if entry.action == ACTION_RELOAD else entry.action
    versions = ""
    if entry.version_before == entry.version_after and entry.version_after:
        versions = words.AUDIT_STILL.format(version=entry.version_after)
    elif entry.version_before or entry.version_after:
        versions = words.AUDIT_VERSIONS.format(
            before=entry.version_before or "none", after=entry.version_after or "none"
        )
    detail = f" ({entry.detail})" if entry.detail else ""
    return words.AUDIT_ACTION.format(
        when=_when(entry.at),
        who=_who(entry.user_id, names),
        what=what,
        result=entry.result,
        detail=detail,
        place=place,
        versions=versions,
    )


def status_page(facts: StatusFacts) -> Reply:
    c = facts.counts
    content = words.CONTENT.format(
        version=facts.version,
        articles=plural(c.get("articles", 0), "article"),
        sections=plural(c.get("sections", 0), "section"),
        routines=plural(c.get("routines", 0), "routine"),
        steps=plural(c.get("steps", 0), "step"),
        topics=plural(c.get("topics", 0), "resource topic"),
        items=plural(c.get("items", 0), "item"),
        watching=words.WATCHING_ON if facts.watching else words.WATCHING_OFF,
    )
    if facts.watch_problem:
        content += words.WATCH_STOPPED.format(problem=clip(facts.watch_problem, 200))
    if facts.log_channel:  # Discord keeps channel names plain
        content += words.RESULTS_GO_TO.format(channel=clip(facts.log_channel, 80))
    colour = COLOR_PROBLEM if facts.current_errors else COLOR_INFO
    embed = discord.Embed(title=words.STATUS_TITLE, colour=colour)
    embed.add_field(name="Content", value=clip(content, limits.EMBED_FIELD_VALUE), inline=False)
    last = audit_line(facts.last_reload, facts.names) if facts.last_reload else words.NO_RELOAD_YET
    embed.add_field(name=words.FIELD_LAST_RELOAD, value=clip(last, limits.EMBED_FIELD_VALUE), inline=False)
    if facts.current_errors:
        shown = "\n".join(clip(str(e), 180) for e in facts.current_errors[:4]).replace("`", "'")
        more = len(facts.current_errors) - 4
        value = words.CURRENT_PROBLEMS.format(
            problems=plural(len(facts.current_errors), "problem"), shown=shown
        )
        if more > 0:
            value += words.MORE_PROBLEMS.format(count=more)
        embed.add_field(name=words.FIELD_PROBLEMS, value=clip(value, limits.EMBED_FIELD_VALUE), inline=False)
    else:
        embed.add_field(name=words.FIELD_PROBLEMS, value=words.NO_PROBLEMS, inline=False)
    lines = [words.UP_FOR.format(uptime=_uptime(facts.uptime_s), latency=_latency(facts.latency_s))]
    if facts.shard_count is not None and facts.shard_count > 1 and facts.shards:
        served = ", ".join(
            words.SHARD_LATENCY.format(shard=shard, latency=_latency(latency))
            for shard, latency in sorted(facts.shards)
        )
        phrase = words.SHARDS_HERE if len(facts.shards) == 1 else words.SHARDS_HERE_MANY
        lines.append(phrase.format(shards=served, count=facts.shard_count))
    if facts.guilds is not None and facts.active_sessions is not None:
        sessions = plural(facts.active_sessions, "active routine session")
        lines.append(
            words.SERVERS_AND_SESSIONS.format(servers=plural(facts.guilds, "server"), sessions=sessions)
        )
    size = words.DATABASE_SIZE.format(size=_size(facts.db_bytes)) if facts.db_bytes is not None else ""
    lines.append(words.BOT_VERSION.format(size=size, version=facts.bot_version))
    bot = "\n".join(lines)
    embed.add_field(name="Bot", value=bot, inline=False)
    if facts.database is not None:
        embed.add_field(name=words.FIELD_DATABASE, value=database_health(facts.database), inline=False)
        if not facts.database.ok:
            embed.colour = COLOR_PROBLEM
    recent = (
        "\n".join(audit_line(e, facts.names) for e in facts.recent[:RECENT_ACTIONS]) or words.NO_ACTIONS_YET
    )
    embed.add_field(
        name=words.FIELD_RECENT.format(count=RECENT_ACTIONS),
        value=clip(recent, limits.EMBED_FIELD_VALUE),
        inline=False,
    )
    refused = words.REFUSALS.format(attempts=plural(facts.refusals, "attempt"), days=REFUSAL_DAYS)
    if facts.refusal_samples:
        samples = facts.refusal_samples[:REFUSALS_SHOWN]
        refused += "\n" + "\n".join(audit_line(e, facts.names) for e in samples)
    embed.add_field(name=words.FIELD_REFUSED, value=clip(refused, limits.EMBED_FIELD_VALUE), inline=False)
    if facts.hidden_roles:
        embed.add_field(name=words.FIELD_WHO_SEES, value=admin_visibility(facts), inline=False)
    return Reply(embeds=[embed], ephemeral=True)


def admin_visibility(facts: StatusFacts) -> str:
    """The warning for listed moderator roles that Discord hides ``/admin`` from, and the fix."""
    roles = ", ".join(f"**{discord.utils.escape_markdown(clip(r, 40))}**" for r in facts.hidden_roles[:3])
    more = (
        words.AND_MORE_ROLES.format(count=len(facts.hidden_roles) - 3) if len(facts.hidden_roles) > 3 else ""
    )
    howto = words.VISIBILITY_HOWTO.format(bot=discord.utils.escape_markdown(clip(facts.bot_name, 40)))
    return clip(words.HIDDEN_FROM_ROLES.format(roles=roles, more=more, howto=howto), limits.EMBED_FIELD_VALUE)


def database_health(health: Health) -> str:
    """The integrity check and the last backup, in two lines."""
    check = (
        words.INTEGRITY_OK
        if health.ok
        else words.INTEGRITY_FAILED.format(problem=clip(health.problem or "?", 200))
    )
    if health.backend == "postgresql":
        backup = words.BACKUP_BY_PG_DUMP
    elif health.last_backup_at is None:
        backup = words.NO_BACKUP_YET.format(folder=clip(str(health.backup_dir), 200))
    else:
        at = utc_at(health.last_backup_at)
        backup = words.LAST_BACKUP.format(
            when=_when(at), name=health.last_backup_name, kept=plural(health.backups_kept, "backup")
        )
    return f"{check}\n{backup}"


def actor_of(interaction: discord.Interaction[Any]) -> Actor:
    """The plain facts :func:`authorize` needs, read from the interaction."""
    user = interaction.user
    role_ids: frozenset[int] = frozenset()
    if isinstance(user, discord.Member):
        # Raw role ids from the interaction payload: ``Member.roles`` drops roles that are not in
        # the guild cache (a guild still starting up, or one where the app is only user-installed).
        raw = getattr(user, "_roles", None)
        role_ids = frozenset(int(r) for r in raw) if raw is not None else frozenset(r.id for r in user.roles)
    return Actor(
        user_id=user.id,
        guild_id=interaction.guild_id,
        role_ids=role_ids,
        permissions=interaction.permissions.value if interaction.guild_id is not None else 0,
        guild_installed=interaction.is_guild_integration(),
    )

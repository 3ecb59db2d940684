"""Moderators: /admin reload and /admin status, who may use them, the audit log and the watcher.

The real bot process runs against the local Discord emulator; the fixture
asserts at the end of each test that Discord would have refused nothing and
that no interaction was left unanswered.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import replace

import pytest

from bench.generate import article_id, generate, spec_for
from bot.content.loader import load_library
from tests.e2e_support import LiveBot, no_mentions
from tests.emulator import InteractionHandle, Message, User

pytestmark = [pytest.mark.timeout(120), pytest.mark.backends("sqlite", "postgres")]

PACING = "pacing-and-fatigue"
BACK = "lower-back-pain"
REFUSED = "only for this community's moderators"


async def read(
    live: LiveBot, article: str, section: str | None = None, *, user: User | None = None
) -> Message:
    options = {"article": article} | ({"section": section} if section else {})
    return await live.slash("read", options, user=user)


def edit(live: LiveBot, relative: str, old: str, new: str) -> None:
    path = live.content / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


async def test_a_moderator_reloads_a_good_change_and_sees_what_changed(live_bot: LiveBot) -> None:
    before = load_library(live_bot.content).library
    assert before is not None
    edit(
        live_bot,
        f"articles/{PACING}.yaml",
        "title: Pacing your energy with lupus fatigue",
        "title: Pacing your energy, one day at a time",
    )
    new_article = (live_bot.content / f"articles/{PACING}.yaml").read_text(encoding="utf-8")
    (live_bot.content / "articles/flare-diary.yaml").write_text(
        new_article.replace(f"id: {PACING}", "id: flare-diary"), encoding="utf-8"
    )
    after = load_library(live_bot.content).library
    assert after is not None and after.version != before.version

    reply = await live_bot.admin("reload", within=15)

    assert reply.ephemeral
    text = reply.text()
    assert "Content reloaded" in text
    assert f"`{after.version}`" in text and f"`{before.version}`" in text
    fields = {f["name"]: f["value"] for f in reply.embeds[0]["fields"]}
    articles = next(v for k, v in fields.items() if k == "Articles: 1 added, 1 changed")
    assert "**Added** (1): `flare-diary`" in articles and f"**Changed** (1): `{PACING}`" in articles
    sections = next(v for k, v in fields.items() if k.startswith("Sections"))
    assert "`flare-diary#what-pacing-is`" in sections
    assert not any(k.startswith(("Routines", "Resource topics")) for k in fields)
    no_mentions(reply)

    page = await read(live_bot, PACING)
    assert "Pacing your energy, one day at a time" in page.text()
    assert "Pacing your energy" in (await read(live_bot, "flare-diary")).text()


async def test_a_broken_tree_is_refused_and_members_keep_the_old_content(live_bot: LiveBot) -> None:
    served = load_library(live_bot.content).library
    assert served is not None
    edit(
        live_bot,
        f"articles/{BACK}.yaml",
        "title: Lupus and lower back pain",
        "tittle: Lupus and lower back pain",
    )
    edit(
        live_bot,
        f"articles/{PACING}.yaml",
        "title: Pacing your energy with lupus fatigue",
        "title: A new title that must not be served",
    )
    (live_bot.content / "routines/bed-morning.yaml").write_text("id: [bed-morning\n", encoding="utf-8")
    # Several problems in one file, and a colon inside an unquoted title: every one is listed.
    edit(live_bot, f"articles/{PACING}.yaml", "reviewed: ", "reviewed: not-a-date\nreviewd: ")
    (live_bot.content / "articles/colon.yaml").write_text("id: colon\ntitle: Pain: what helps\n", "utf-8")

    reply = await live_bot.admin("reload", within=15)

    text = reply.text()
    assert reply.ephemeral and "Not reloaded" in text
    assert f"still serving version `{served.version}`" in text
    tittle = rf"articles/{BACK}\.yaml:\d+:\d+: unknown key 'tittle'; did you mean 'title'\?"
    assert re.search(tittle, text), text
    assert re.search(r"routines/bed-morning\.yaml:\d+:\d+: a bracket is never closed", text), text
    assert "Add ']' where the list ends" in text  # what is wrong, then how to fix it
    assert "did not find expected" not in text  # no raw parser words
    assert re.search(r"articles/colon\.yaml:2:\d+: a second ':' on one line", text), text
    assert "mapping values are not allowed" not in text
    assert f"articles/{PACING}.yaml" in text and "not-a-date" in text and "reviewd" in text
    assert not reply.attachments, "a short list needs no file"

    member_page = await read(live_bot, BACK)
    assert "Lupus and lower back pain" in member_page.text()
    assert "must not be served" not in (await read(live_bot, PACING)).text()

    status = await live_bot.admin("status")
    fields = {f["name"]: f["value"] for f in status.embeds[0]["fields"]}
    assert f"Version `{served.version}`" in fields["Content"]
    assert "problem" in fields["Content problems"] and "tittle" in fields["Content problems"]
    assert "reload **errors**" in fields["Last reload"]
    assert f"<@{live_bot.place.admin.id}>" in fields["Last reload"]


async def test_many_problems_list_fifteen_and_attach_the_rest(live_bot: LiveBot) -> None:
    for n in range(20):
        (live_bot.content / f"articles/broken-{n:02d}.yaml").write_text("id: [oops\n", encoding="utf-8")

    reply = await live_bot.admin("reload", within=15)

    text = reply.text()
    assert "Not reloaded: 20 problems found" in text
    assert len(re.findall(r"articles/broken-\d\d\.yaml:\d+:\d+:", text)) == 15
    assert "… and 5 more" in text
    [attachment] = reply.attachments
    assert attachment.filename == "content-errors.txt"
    lines = attachment.data.decode().splitlines()
    assert len(lines) == 20 and all(re.match(r"\S+:\d+:\d+: ", line) for line in lines)
    assert "Lupus and lower back pain" in (await read(live_bot, BACK)).text()


async def test_members_and_unlisted_dm_users_are_refused_and_audited(live_bot: LiveBot) -> None:
    p = live_bot.place
    # default_member_permissions hides /admin from the member, but a server owner can show it
    # to anyone (Server Settings › Integrations): strict=False plays that override.
    in_server = await live_bot.admin("reload", user=p.member, strict=False)
    assert in_server.ephemeral and REFUSED in in_server.text()
    in_dm = await live_bot.admin("status", user=p.member, place="dm")
    assert REFUSED in in_dm.text() and "user id" in in_dm.text()
    stranger = await live_bot.admin("reload", user=p.outsider, place="dm")
    assert REFUSED in stranger.text()
    for message in (in_server, in_dm, stranger):
        assert "Traceback" not in message.text() and "error id" not in message.text()

    status = await live_bot.admin("status")
    refused = next(f["value"] for f in status.embeds[0]["fields"] if f["name"] == "Refused /admin")
    # The server sees its own refusal only; the DM ones are not this server's business.
    assert refused.startswith("1 attempt by non-moderators in the last 7 days")
    assert "was refused /admin reload · in " in refused and str(p.guild.id) not in refused
    assert "· DM" not in refused
    assert f"refused /admin reload for user {p.member.id}" in live_bot.logs()
    no_mentions(status)


async def test_role_and_user_id_moderators_are_accepted(live_bot: LiveBot) -> None:
    emu, p = live_bot.emu, live_bot.place
    team = emu.create_role(p.guild, "Content team", permissions=0)  # no Manage Server
    editor = emu.create_user("editor", global_name="Content Editor")
    emu.add_member(p.guild, editor, roles=[team])
    live_bot.write_config(admins__role_ids=[p.admin_role.id, team.id], admins__user_ids=[p.member.id])
    await live_bot.restart()

    # The role has no Manage Server, so /admin is hidden from it until the owner shows it.
    by_role = await live_bot.admin("status", user=editor, strict=False)
    assert "Bot status" in by_role.text() and REFUSED not in by_role.text()
    by_owner = await live_bot.admin("status", user=p.owner)  # Manage Server, no listed role
    assert "Bot status" in by_owner.text()
    by_id_in_dm = await live_bot.admin("reload", user=p.member, place="dm", within=15)
    assert "Content checked: nothing changed" in by_id_in_dm.text()
    refused = await live_bot.admin("status", user=editor, place="dm")
    assert REFUSED in refused.text(), "a moderator role counts only in the server"

    status = await live_bot.admin("status")
    recent = next(f["value"] for f in status.embeds[0]["fields"] if f["name"].startswith("Last 5"))
    assert f"<@{p.member.id}>: reload **ok** (no changes) · by DM" in recent
    # The listed role without Manage Server cannot see /admin until the owner allows it: status says how.
    fields = {f["name"]: f["value"] for f in status.embeds[0]["fields"]}
    warning = fields["⚠️ Who sees /admin"]
    assert "**Content team**" in warning and "Server Settings → Integrations →" in warning
    assert p.admin_role.name not in warning  # that role has Manage Server: it sees /admin already
    assert len(status.text()) <= 1200
    in_dm = await live_bot.admin("status", user=p.member, place="dm")
    assert not any(f["name"] == "⚠️ Who sees /admin" for f in in_dm.embeds[0]["fields"])


async def test_status_without_moderator_roles_has_no_visibility_warning(live_bot: LiveBot) -> None:
    status = await live_bot.admin("status")
    assert not any("Who sees /admin" in f["name"] for f in status.embeds[0]["fields"])


async def test_status_shows_content_health_and_the_audit_trail(live_bot: LiveBot) -> None:
    library = load_library(live_bot.content).library
    assert library is not None
    await live_bot.admin("reload", within=15)
    status = await live_bot.admin("status")
    assert status.ephemeral
    embed = status.embeds[0]
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    counts = library.counts()
    assert f"Version `{library.version}`" in fields["Content"]
    assert f"{counts['articles']} articles ({counts['sections']} sections)" in fields["Content"]
    assert f"{counts['routines']} routines" in fields["Content"] and "resource topics" in fields["Content"]
    assert "Watching files for changes: off" in fields["Content"]
    assert fields["Content problems"].startswith("None")
    assert f"<@{live_bot.place.admin.id}>: reload **ok**" in fields["Last reload"]
    assert "<t:" in fields["Last reload"]
    bot = fields["Bot"]
    assert "Up for" in bot and "gateway latency" in bot and "version 0.1.0" in bot
    assert "server" not in bot and "Database" not in bot and "session" not in bot, "no bot-wide facts"
    assert "Integrity check: ok" in fields["Database health"]


async def test_the_watcher_reloads_changes_and_tells_the_moderators_channel(live_bot: LiveBot) -> None:
    p = live_bot.place
    live_bot.write_config(content__watch=True, admins__log_channel_id=p.general.id)
    await live_bot.restart()
    await live_bot.emu.wait_until(lambda: "content watch in place" in live_bot.bot.logs(), 10, "the watch")

    edit(
        live_bot,
        f"articles/{PACING}.yaml",
        "title: Pacing your energy with lupus fatigue",
        "title: Pacing, changed on disk",
    )
    posted = await live_bot.emu.wait_for_message(
        channel=p.general, predicate=lambda m: "reloaded" in m.text(), timeout=15
    )
    assert "Content changed on disk and was reloaded" in posted.text() and PACING in posted.text()
    no_mentions(posted)
    assert "Pacing, changed on disk" in (await read(live_bot, PACING)).text()

    edit(live_bot, f"articles/{PACING}.yaml", "title: Pacing, changed on disk", "tittle: broken")
    refused = await live_bot.emu.wait_for_message(
        channel=p.general, predicate=lambda m: "not reloaded" in m.text(), after=posted, timeout=15
    )
    assert "unknown key 'tittle'" in refused.text()
    assert "Pacing, changed on disk" in (await read(live_bot, PACING)).text()

    status = await live_bot.admin("status")
    fields = {f["name"]: f["value"] for f in status.embeds[0]["fields"]}
    assert "Watching files for changes: on" in fields["Content"]
    assert f"results go to #{p.general.name}" in fields["Content"]  # a name, not a channel id
    assert str(p.general.id) not in status.text()
    assert "the file watcher: reload **errors**" in fields["Last reload"]
    assert "· watcher" not in fields["Last reload"]  # "the file watcher" already says where


async def test_reads_during_a_big_reload_are_all_answered_from_one_version(live_bot: LiveBot) -> None:
    """/read floods in while a 1,000-file tree reloads: every one answered, none from a mixed library."""
    emu, p = live_bot.emu, live_bot.place
    tree = generate(live_bot.content, spec_for(files=1_000, total_bytes=5_000_000, generation="v1"))
    first = await live_bot.admin("reload", within=20)
    assert "Content reloaded" in first.text(), first.text()[:500]
    generate(live_bot.content, replace(tree.spec, generation="v2"))

    reload_handle = await emu.slash("admin", user=p.admin, guild=p.guild, subcommand="reload")

    def reload_answered() -> bool:
        original = reload_handle.original
        return original is not None and not original.loading

    def read_page(n: int) -> dict[str, str]:
        # Section 3 shows its article, its own title and a see-also button resolved through
        # the library: three places that must all come from the same generation.
        return {"article": article_id(n % 50), "section": "sec-02"}

    # A flood of reads, 20 ms apart, from the moment the reload is asked until it has answered
    # (at least 100, at most 300); then, once its answer is in, 5 more. Each read is noted with
    # whether it was sent before the reload answered.
    reads: list[tuple[InteractionHandle, bool]] = []
    while len(reads) < 300 and (len(reads) < 100 or not reload_answered()):
        before_answer = not reload_answered()
        reads.append(
            (await emu.slash("read", read_page(len(reads)), user=p.member, guild=p.guild), before_answer)
        )
        await asyncio.sleep(0.02)  # pacing: spread the flood over the reload
    reloaded = await reload_handle.wait_message(timeout=20)
    for n in range(5):
        reads.append((await emu.slash("read", read_page(n), user=p.member, guild=p.guild), False))
    pages = await asyncio.gather(*(h.wait_message(timeout=10) for h, _ in reads))

    assert "Content reloaded" in reloaded.text() and "Changed: 800 articles, " in reloaded.text()
    assert reads[0][1], "the flood must start while the reload runs"
    generations: list[str] = []
    for page in pages:
        # The sources sit behind their button now; the see-also targets are button labels.
        shown = page.text() + " ".join(b.label or "" for b in page.buttons())
        found = re.findall(r"\((v\d)\)", shown)
        assert len(found) >= 3 and len(set(found)) == 1, f"a page mixes versions: {shown[:300]}"
        generations.append(found[0])
    # Order, not speed: the first read (asked right after the reload, long before 1,000 files
    # can be read) sees the old library; every read asked after the reload answered sees the new.
    assert generations[0] == "v1", generations
    after_answer = [g for g, (_, before_answer) in zip(generations, reads, strict=True) if not before_answer]
    assert len(after_answer) >= 5 and set(after_answer) == {"v2"}, generations

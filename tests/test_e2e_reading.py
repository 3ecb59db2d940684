"""Reading, browsing, searching and resources, end to end through the local Discord emulator.

Every test runs the real bot process against the emulator, which refuses what
Discord refuses; the fixture asserts zero violations at the end of each test.
"""

from __future__ import annotations

import asyncio
import re

import pytest
import yaml

from bot.content.render_text import section_pages
from tests.e2e_support import LiveBot, no_mentions
from tests.emulator import Message
from tests.test_content_shipped import NEW_ARTICLES

pytestmark = [pytest.mark.timeout(90), pytest.mark.backends("sqlite", "postgres")]

ARTICLE = "lower-back-pain"


@pytest.mark.parametrize("place", ["guild", "dm", "user-app"])
async def test_read_an_article_and_walk_its_sections(live_bot: LiveBot, place: str) -> None:
    emu = live_bot.emu
    overview = await live_bot.slash("read", {"article": ARTICLE}, place=place)
    assert overview.ephemeral is (place != "dm")
    assert "Lupus and lower back pain" in overview.text()
    labels = [b.label for b in overview.buttons()]
    assert "Start reading" in labels
    assert ("Share in channel" in labels) is (place != "dm")
    assert overview.selects() and len(overview.selects()[0].options) >= 6

    first = await (
        await emu.click(overview, overview.find_button("Start reading"), user=live_bot.place.member)
    ).wait_message()
    assert first.find_button("◀ Previous").disabled
    assert not first.find_button("Next ▶").disabled
    assert "Section 1 of" in first.text() and "reviewed" in first.text()
    assert "Sources:" not in first.text(), "sources sit behind their button, not on every page"
    assert first.id == overview.id, "navigation edits the message it came from"

    second = await (
        await emu.click(first, first.find_button("Next ▶"), user=live_bot.place.member)
    ).wait_message()
    assert "Section 2 of" in second.text()
    back = await (
        await emu.click(second, second.find_button("◀ Previous"), user=live_bot.place.member)
    ).wait_message()
    assert "Section 1 of" in back.text()

    select = back.selects()[0]
    last_value = select.options[-1]["value"]
    last = await (
        await emu.select(back, select.custom_id, [last_value], user=live_bot.place.member)
    ).wait_message()
    assert re.search(r"Section (\d+) of \1\b", last.text()), last.text()[-200:]
    assert last.find_button("Next ▶").disabled
    contents = await (
        await emu.click(last, last.find_button("Contents"), user=live_bot.place.member)
    ).wait_message()
    assert "Start reading" in [b.label for b in contents.buttons()]
    no_mentions(contents)


async def test_read_a_named_section_directly(live_bot: LiveBot) -> None:
    page = await live_bot.slash("read", {"article": ARTICLE, "section": "emergency"})
    assert "999" in page.text() or "911" in page.text()
    assert "Section" in page.text()


async def test_autocomplete_is_typo_tolerant_ranked_and_bounded(live_bot: LiveBot) -> None:
    emu, p = live_bot.emu, live_bot.place
    choices = await emu.autocomplete(
        "read", {"article": "lowr bak"}, focused="article", user=p.member, guild=p.guild
    )
    assert choices and choices[0]["value"] == ARTICLE
    sections = await emu.autocomplete(
        "read", {"article": ARTICLE, "section": "emergncy"}, focused="section", user=p.member, dm=True
    )
    assert sections and sections[0]["value"] == "emergency"
    everything = await emu.autocomplete(
        "read", {"article": ""}, focused="article", user=p.member, guild=p.guild
    )
    assert 1 <= len(everything) <= 25
    topics = await emu.autocomplete(
        "resources", {"topic": "crisi"}, focused="topic", user=p.member, guild=p.guild
    )
    assert topics[0]["value"] == "crisis"


async def test_share_posts_a_public_copy(live_bot: LiveBot) -> None:
    emu, p = live_bot.emu, live_bot.place
    page = await live_bot.slash("read", {"article": ARTICLE, "section": "self-care"})
    assert page.ephemeral
    title = page.embeds[0]["title"]
    shared = await emu.click(page, page.find_button("Share in channel"), user=p.member)
    public = (await shared.response()).message
    assert public is not None and public.ephemeral and "Post it?" in public.text()
    posted = await emu.click(public, public.find_button("Post it"), user=p.member)
    [copy] = await posted.wait_followups(1)
    assert not copy.ephemeral
    assert copy.embeds and copy.embeds[0]["title"] == title
    assert [b.label for b in copy.buttons()] == ["Delete"], "a shared copy carries no private navigation"


@pytest.mark.parametrize("place", ["guild", "dm"])
async def test_library_lists_everything_and_opens_items(live_bot: LiveBot, place: str) -> None:
    emu, p = live_bot.emu, live_bot.place
    library = await live_bot.slash("library", place=place)
    text = library.text()
    assert "Articles" in text and "routines" in text.lower() and "resources" in text.lower()
    selects = {s.placeholder: s for s in library.selects()}
    article_select = next(s for k, s in selects.items() if k and "article" in k)
    opened = await (
        await emu.select(library, article_select.custom_id, [ARTICLE], user=p.member)
    ).wait_message()
    assert "Lupus and lower back pain" in opened.text()
    assert opened.id == library.id, "a menu pick opens in place of the library"
    library = await live_bot.slash("library", place=place)
    topic_select = next(s for s in library.selects() if s.placeholder and "resource" in s.placeholder)
    topic = await (
        await emu.select(library, topic_select.custom_id, ["crisis"], user=p.member)
    ).wait_message()
    # Crisis lines open as the crisis card for where the member lives, in place of the library.
    assert topic.id == library.id and "findahelpline.com" in topic.text(), topic.text()
    us = await emu.click(topic, topic.find_button("US"), user=p.member)
    assert "988" in (await us.wait_message()).text()


@pytest.mark.parametrize("place", ["guild", "dm"])
async def test_search_ranks_and_opens_a_result(live_bot: LiveBot, place: str) -> None:
    emu, p = live_bot.emu, live_bot.place
    results = await live_bot.slash("search", {"query": "kidney biopsy"}, place=place)
    assert results.embeds, results.text()
    fields = results.embeds[0]["fields"]
    assert (fields and "test" in fields[0]["name"].lower()) or "kidney" in fields[0]["name"].lower()
    select = results.selects()[0]
    opened = await (
        await emu.select(results, select.custom_id, [select.options[0]["value"]], user=p.member)
    ).wait_message()
    assert opened.embeds
    nothing = await live_bot.slash("search", {"query": "zzqxv"}, place=place)
    assert "Nothing found" in nothing.text()
    assert [b.label for b in nothing.buttons()] == ["Browse the library", "Help and resources"]


async def test_members_own_words_find_and_open_the_new_articles(live_bot: LiveBot) -> None:
    """Synonyms reach the real /search: a word no article uses still opens the article about it,
    and every new article opens from the /library menu."""
    emu, p = live_bot.emu, live_bot.place
    for query, article_id, title in (
        ("depressed", "emotional-health", "Lupus and your emotional health"),
        ("can't afford my rheumatologist", "affording-care", "When you can't afford care"),
        ("SSDI", "disability-claim", "Building a disability claim"),
    ):
        results = await live_bot.slash("search", {"query": query})
        select = results.selects()[0]
        values = [option["value"] for option in select.options]
        assert any(article_id in value for value in values[:3]), (query, values)
        first = next(value for value in values if article_id in value)
        opened = await (await emu.select(results, select.custom_id, [first], user=p.member)).wait_message()
        assert title in opened.text()
    library = await live_bot.slash("library")
    article_select = next(s for s in library.selects() if s.placeholder and "article" in s.placeholder)
    offered = [option["value"] for option in article_select.options]
    assert set(NEW_ARTICLES) <= set(offered)
    opened = await (
        await emu.select(library, article_select.custom_id, ["flares"], user=p.member)
    ).wait_message()
    assert "Lupus flares" in opened.text()


@pytest.mark.parametrize("place", ["guild", "dm"])
async def test_resources_by_topic_and_region(live_bot: LiveBot, place: str) -> None:
    listing = await live_bot.slash("resources", place=place)
    assert "crisis" in listing.text().lower()
    us = await every_page(
        live_bot, await live_bot.slash("resources", {"topic": "crisis", "region": "US"}, place=place)
    )
    assert "988" in us and "741741" in us
    uk = await every_page(
        live_bot, await live_bot.slash("resources", {"topic": "crisis", "region": "UK"}, place=place)
    )
    assert "116 123" in uk
    assert "741741" not in uk, "US-only lines are filtered out for the UK"


async def every_page(live: LiveBot, message: Message) -> str:
    """The text of every page of a paged message, pressing Next ▶ until it is disabled."""
    texts = [message.text()]
    while any(b.label == "Next ▶" and not b.disabled for b in message.buttons()):
        assert len(message.text()) <= 1200
        message = await (
            await live.emu.click(message, message.find_button("Next ▶"), user=live.place.member)
        ).wait_message()
        texts.append(message.text())
    return "\n".join(texts)


@pytest.mark.parametrize("place", ["guild", "dm", "user-app"])
async def test_help_has_disclaimer_and_privacy_notice(live_bot: LiveBot, place: str) -> None:
    page = await live_bot.slash("help", place=place)
    text = page.text()
    assert "/stretch" in text and "/privacy" in text
    assert "Please remember" in text and len(text) <= 1200
    notice = await (
        await live_bot.emu.click(page, page.find_button("Your privacy"), user=live_bot.place.member)
    ).wait_message()
    assert "What I keep" in notice.text() and notice.id == page.id
    no_mentions(page)


async def test_unknown_ids_get_a_kind_private_answer(live_bot: LiveBot) -> None:
    for command, options in (
        ("read", {"article": "no-such-thing"}),
        ("read", {"article": ARTICLE, "section": "nope"}),
        ("resources", {"topic": "nope"}),
    ):
        answer = await live_bot.slash(command, options)
        assert answer.ephemeral
        assert "couldn't find" in answer.text()
        assert "Traceback" not in answer.text() and "error id" not in answer.text()


async def test_stale_and_foreign_buttons_answer_kindly(live_bot: LiveBot) -> None:
    emu, p = live_bot.emu, live_bot.place
    page = await live_bot.slash("read", {"article": ARTICLE})
    # Buttons an older version of the bot (or another app) left on a message: rewrite the stored
    # message's buttons as Discord still holds them, then press each one.
    stale = ("lc:read:gone-article:x:0", "lc:unknown-kind:1", "some-other-bot:button", "lc:read:broken")
    page.stored.components = [
        {
            "type": 1,
            "components": [
                {"type": 2, "style": 2, "label": f"old {n}", "custom_id": cid} for n, cid in enumerate(stale)
            ],
        }
    ]
    for custom_id in stale:
        handle = await emu.click(page, custom_id, user=p.member)
        response = await handle.response()
        assert response.ephemeral
        text = response.message.text() if response.message else str(response.data)
        assert "expired" in text or "couldn't find" in text or "older message" in text, text


async def test_plain_dm_gets_a_menu_and_crisis_words_get_the_crisis_reply_first(live_bot: LiveBot) -> None:
    emu, p = live_bot.emu, live_bot.place
    await emu.send_dm(p.member, "hello there")
    menu = await emu.wait_for_dm(p.member)
    assert {"Read", "Stretch", "Resources", "Help"} <= {b.label for b in menu.buttons()}
    help_page = await (await emu.click(menu, menu.find_button("Help"), user=p.member)).wait_message()
    assert "Please remember" in help_page.text()

    sent = await emu.send_dm(p.member, "honestly I want to DIE today")
    crisis = await emu.wait_for_dm(p.member, after=sent)
    assert "In danger right now" in crisis.text() and "US" in {b.label for b in crisis.buttons()}
    await asyncio.sleep(0.5)
    assert emu.dm_messages(p.member, from_bot_only=True)[-1].id == crisis.id  # nothing cheerful after it
    assert "DIE" not in live_bot.logs() and "want to die" not in live_bot.logs().lower()


async def test_survives_rate_limits_and_a_dropped_gateway(live_bot: LiveBot) -> None:
    emu = live_bot.emu
    emu.faults.add("POST /interactions/*/callback", status=429, times=1, retry_after=0.05)
    page = await live_bot.slash("read", {"article": ARTICLE})
    assert "Lupus and lower back pain" in page.text()
    assert emu.faults.injected, "the 429 was served"
    await emu.drop_gateway()
    await emu.wait_for_resume()
    again = await live_bot.slash("help")
    assert "Please remember" in again.text()


async def test_start_up_logs_commands_synced_with_duration_and_restart_skips_sync(live_bot: LiveBot) -> None:
    assert re.search(r"commands synced in \d+\.\d\ds", live_bot.logs())
    writes = len(live_bot.emu.state.command_writes)
    await live_bot.restart(kill=False)
    assert re.search(r"commands unchanged \(not synced\) in \d+\.\d\ds", live_bot.bot.logs())
    assert len(live_bot.emu.state.command_writes) == writes
    assert "Please remember" in (await live_bot.slash("help")).text()


async def test_commands_are_installable_everywhere(live_bot: LiveBot) -> None:
    commands = {c["name"]: c for c in live_bot.emu.commands()}
    assert {"read", "library", "search", "resources", "help"} <= set(commands)
    for command in commands.values():
        assert sorted(command.get("integration_types", [])) == [0, 1], command["name"]
        assert sorted(command.get("contexts", [])) == [0, 1, 2], command["name"]


async def test_a_long_section_is_split_into_pages_within_discord_limits(live_bot: LiveBot) -> None:
    path = live_bot.content / "articles" / f"{ARTICLE}.yaml"
    data = yaml.safe_load(path.read_text())
    paragraph = "Gentle movement between flares can help some people feel less stiff. " * 8
    data["sections"][0]["body"] = "\n\n".join(f"Part {n}. {paragraph}" for n in range(1, 21))
    assert len(data["sections"][0]["body"]) > 2 * 4096
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    await live_bot.restart(kill=False)

    pages = len(section_pages(data["sections"][0]["body"]))
    assert pages >= 3
    emu, p = live_bot.emu, live_bot.place
    page = await live_bot.slash("read", {"article": ARTICLE, "section": data["sections"][0]["id"]})
    assert f"Page 1 of {pages} of this section" in page.text()
    seen = [page.embeds[0]["description"]]
    for n in range(2, pages + 1):
        page = await (await emu.click(page, page.find_button("Next ▶"), user=p.member)).wait_message()
        assert f"Page {n} of {pages} of this section" in page.text()
        seen.append(page.embeds[0]["description"])
    assert all(len(text) <= 4096 for text in seen)
    assert "Part 1." in seen[0] and "Part 20." in seen[-1]
    assert "".join(seen).count("Part ") == 20, "no paragraph lost or repeated across pages"
    nxt = await (await emu.click(page, page.find_button("Next ▶"), user=p.member)).wait_message()
    assert "Section 2 of" in nxt.text()
    back = await (await emu.click(nxt, nxt.find_button("◀ Previous"), user=p.member)).wait_message()
    assert f"Page {pages} of {pages} of this section" in back.text()

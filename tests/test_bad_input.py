"""Bad input, end to end: whatever a person (or a modified client) sends, the answer is short,
kind and private, nothing in it can ping anyone, and Discord would have accepted it.

Property-based (hypothesis) against the real bot process through the emulator:
arbitrary Unicode, 6,000-character strings (Discord's cap for a string option),
zero-width and right-to-left characters, markdown, and mention injection
(``@everyone``, ``<@&role>``, ``<@user>``) in every slash option; made-up
custom_ids pressed as buttons and chosen in menus; check-in forms with
out-of-range numbers, words and 6,000-character notes.

Every answer must be ephemeral (the tests run in a server), carry
``allowed_mentions`` with an empty ``parse`` and no user or role lists, contain
no traceback and no "error id" (that is the message for *our* failures; bad input
is not one), and leave the emulator with no violation: not "mention not
suppressed", not a payload Discord would refuse, not "This interaction failed".

One bot runs per test function and serves every example (hence the suppressed
``function_scoped_fixture`` health check); examples are few and derandomized so
CI is bounded and repeatable. A command that is not registered fails the test.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.e2e_support import LiveBot, is_card, open_checkin_form
from tests.emulator import InteractionHandle, Message

pytestmark = pytest.mark.timeout(300)

ARTICLE = "lower-back-pain"
ROLE, USER = "{role}", "{user}"
"""Placeholders for a real role and member id, filled in per bot (ids differ per emulator)."""

examples = settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

NASTY = [
    "@everyone",
    "@here",
    "hi @everyone look",
    f"<@&{ROLE}>",
    f"<@{USER}>",
    f"<@!{USER}>",
    "<#1>",
    "<@&1>",
    "**bold** __under__ ~~gone~~ ||spoiler|| `code` ```block```",
    "[a link](https://evil.example/phish)",
    "> quoted\n# Heading\n- list",
    "\u200b\u200c\u200d\u2060\ufeff",
    "\u202eevil\u202c right-to-left",
    "\u0627\u0644\u0630\u0626\u0628\u0629 \u05e9\u05dc\u05d5\u05dd",  # Arabic and Hebrew
    "e\u0301" * 300,  # combining accents
    "👩‍👩‍👧‍👦🏳️‍🌈🩺" * 20,
    "\x00\x07\x1b[31m",
    "'; DROP TABLE checkins; --",
    "lower-back-pain\n",
    " lower-back-pain ",
    "LOWER-BACK-PAIN",
    "../../etc/passwd",
    "lc:read:x:y:0",
    "",
    " ",
    "\n" * 50,
]


def text(max_size: int = 6000, min_size: int = 0) -> st.SearchStrategy[str]:
    """Any Unicode text, the nasty samples, and long strings, within Discord's option limits."""
    long = st.sampled_from(["a", "ß", "\u200b", "@everyone ", "🩺", "é", "\u202e"]).map(
        lambda unit: (unit * max_size)[:max_size]
    )
    mixed = st.builds(lambda a, b: (a + b)[:max_size], st.sampled_from(NASTY), st.text(max_size=40))
    return st.one_of(st.sampled_from(NASTY), st.text(max_size=min(max_size, 200)), mixed, long).filter(
        lambda value: min_size <= len(value) <= max_size
    )


def fill(value: str, live: LiveBot) -> str:
    return value.replace(ROLE, str(live.place.admin_role.id)).replace(USER, str(live.place.member.id))


def require(live: LiveBot, *names: str) -> None:
    registered = {c["name"] for c in live.emu.commands()}
    missing = [n for n in names if n not in registered]
    assert not missing, f"/{', /'.join(missing)} is not registered: {sorted(registered)}"


def assert_kind_and_private(message: Message | None, what: str) -> None:
    assert message is not None, f"{what}: no message"
    content = message.text()
    assert message.ephemeral, f"{what}: the answer is not private: {content[:200]!r}"
    assert content.strip(), f"{what}: an empty answer"
    for wrong in ("Traceback", "error id", "went wrong on my side", "Exception"):
        assert wrong not in content, f"{what}: {wrong!r} in {content[:300]!r}"
    allowed = message.stored.allowed_mentions
    assert allowed is not None and allowed.get("parse") == [], f"{what}: allowed_mentions {allowed}"
    assert not allowed.get("users") and not allowed.get("roles"), f"{what}: allowed_mentions {allowed}"


def assert_clean(live: LiveBot, what: str) -> None:
    """No violation so far; a failure names the input that caused it."""
    assert not live.emu.violations, f"{what}: {live.emu.violations}"


async def answer(live: LiveBot, handle: InteractionHandle, what: str) -> Message:
    """The message the person ends up seeing, checked."""
    message = await handle.wait_message(timeout=10)
    assert_kind_and_private(message, what)
    assert_clean(live, what)
    return message


async def slash(live: LiveBot, name: str, options: dict[str, Any], subcommand: str | None = None) -> Message:
    """The member runs ``/name`` with the placeholders filled in; the answer, checked (see ``answer``)."""
    filled = {k: fill(v, live) if isinstance(v, str) else v for k, v in options.items() if v is not None}
    handle = await live.invoke(name, filled, subcommand=subcommand)
    return await answer(live, handle, f"/{name} {subcommand or ''} {filled!r}"[:400])


async def autocomplete(live: LiveBot, name: str, options: dict[str, str], focused: str, **kw: Any) -> None:
    """Autocomplete cannot be deferred and takes at most 25 choices; odd text changes neither."""
    p = live.place
    filled = {k: fill(v, live) for k, v in options.items()}
    choices = await live.emu.autocomplete(name, filled, focused=focused, user=p.member, guild=p.guild, **kw)
    assert choices is not None and len(choices) <= 25
    assert_clean(live, f"autocomplete /{name} {focused}={filled[focused][:80]!r}")


# --------------------------------------------------------------------------- slash options


@examples
@given(article=st.one_of(st.just(ARTICLE), text()), section=st.one_of(st.none(), text()))
@example(article="@everyone", section=f"<@&{ROLE}>")
@example(article="é" * 6000, section=None)
@example(article=ARTICLE, section="\u202e\u200bemergency")
@example(article="@everyone", section="SEWERSL1DE")
async def test_read_answers_any_article_and_section_kindly(
    live_bot: LiveBot, article: str, section: str | None
) -> None:
    page = await slash(live_bot, "read", {"article": article, "section": section})
    if is_card(page):  # an option that reads as a crisis ("SEWERSL1DE"): the crisis card answers first
        pass
    elif not article.strip():  # no article: the list to pick from
        assert "Pick one below" in page.text()
    elif fill(article, live_bot) != ARTICLE:
        assert "couldn't find" in page.text()
    await autocomplete(live_bot, "read", {"article": article}, "article")
    await autocomplete(live_bot, "read", {"article": ARTICLE, "section": section or ""}, "section")


@examples
@given(query=text(max_size=200, min_size=1))
@example(query="money")  # many items of one topic: the menu must not repeat a value
@example(query="crisis line")
@example(query=f"@here <@{USER}> **help**")
async def test_search_answers_any_query_kindly(live_bot: LiveBot, query: str) -> None:
    """``query`` is declared 1–200 characters, so Discord never sends more."""
    results = await slash(live_bot, "search", {"query": query})
    assert results.embeds or "Nothing found" in results.text() or "search" in results.text().lower()


@examples
@given(topic=st.one_of(st.none(), st.just("crisis"), text()), region=st.one_of(st.none(), text()))
@example(topic="crisis", region=f"<@&{ROLE}>")
@example(topic="@everyone", region="ZZ" * 3000)
async def test_resources_answers_any_topic_and_region_kindly(
    live_bot: LiveBot, topic: str | None, region: str | None
) -> None:
    await slash(live_bot, "resources", {"topic": topic, "region": region})
    await autocomplete(live_bot, "resources", {"topic": topic or ""}, "topic")
    await autocomplete(live_bot, "resources", {"topic": "crisis", "region": region or ""}, "region")


@examples
@given(routine=st.one_of(st.none(), text()), private=st.booleans())
@example(routine="@everyone", private=True)
@example(routine="\u200b" * 6000, private=False)
async def test_stretch_answers_any_routine_kindly(
    live_bot: LiveBot, routine: str | None, private: bool
) -> None:
    require(live_bot, "stretch")
    await slash(live_bot, "stretch", {"routine": routine, "private": private})
    await autocomplete(live_bot, "stretch", {"routine": routine or ""}, "routine")


@examples
@given(
    time=text(max_size=40, min_size=1),
    timezone=text(max_size=64, min_size=1),
    routine=st.one_of(st.none(), st.just("chair-bad-day"), text()),
)
@example(time="7pm @everyone", timezone=f"<@&{ROLE}>", routine=None)
@example(time="25:61", timezone="Europe/Atlantis", routine="@here")
@example(time="7:30", timezone="\u202eEurope/London", routine="chair-bad-day")
@example(time="7:30", timezone="Europe/London", routine="x" * 6000)
async def test_remind_set_answers_any_time_time_zone_and_routine_kindly(
    live_bot: LiveBot, time: str, timezone: str, routine: str | None
) -> None:
    require(live_bot, "remind")
    options = {"time": time, "timezone": timezone, "routine": routine}
    await slash(live_bot, "remind", options, subcommand="set")
    typed = {"time": "7:30", "timezone": timezone, "routine": routine or ""}
    await autocomplete(live_bot, "remind", typed, "timezone", subcommand="set")
    await autocomplete(live_bot, "remind", typed, "routine", subcommand="set")


@examples
@given(days=st.integers(min_value=1, max_value=365))
async def test_journal_answers_any_allowed_number_of_days(live_bot: LiveBot, days: int) -> None:
    require(live_bot, "journal")
    await slash(live_bot, "journal", {"days": days})


@settings(examples, max_examples=8)
@given(days=st.one_of(st.integers(max_value=0), st.integers(min_value=366)))
async def test_journal_days_out_of_range_from_a_modified_client(live_bot: LiveBot, days: int) -> None:
    """Discord itself refuses these; a client that skips the check still gets a kind answer."""
    require(live_bot, "journal")
    p = live_bot.place
    handle = await live_bot.emu.slash("journal", {"days": days}, user=p.member, guild=p.guild, strict=False)
    await answer(live_bot, handle, f"/journal days={days}")


# --------------------------------------------------------------------------- the check-in form

score = st.one_of(
    st.integers(-1_000, 1_000).map(str),
    st.sampled_from(["", " ", "7/10", "07", "７", "10 / 10", "5.5", "-0", "ten", "1e3", "NaN", "∞", "⑦"]),
    st.text(max_size=8),
)
note = st.one_of(st.none(), text(max_size=6000))


@examples
@given(pain=score, fatigue=score, note=note)
@example(pain="11", fatigue="-1", note="@everyone " * 600)
@example(pain="5", fatigue="5", note=f"<@&{ROLE}> " + "🩺" * 5990)
@example(pain="ten", fatigue="", note=None)
async def test_checkin_form_with_any_values_is_saved_or_explained(
    live_bot: LiveBot, pain: str, fatigue: str, note: str | None
) -> None:
    """Out-of-range numbers, words and 6,000-character notes (past the form's own limits, as a
    modified client could send): saved when valid, otherwise every problem explained."""
    require(live_bot, "checkin")
    emu, p = live_bot.emu, live_bot.place
    form = await open_checkin_form(emu, p.member, guild=p.guild)
    typed = {"pain": pain, "fatigue": fatigue, "note": note or ""}
    values = {name: fill(value, live_bot) for name, value in typed.items()}
    submitted = await emu.submit_modal(form, values=values, strict=False)
    reply = await answer(live_bot, submitted, f"/checkin {values!r}"[:400])
    assert "Saved to your private journal" in reply.text() or "couldn't save" in reply.text()


async def test_the_database_never_holds_an_out_of_range_check_in(live_bot: LiveBot) -> None:
    require(live_bot, "checkin")
    emu, p = live_bot.emu, live_bot.place
    for pain, fatigue in (("11", "5"), ("-1", "5"), ("5", "99"), ("10", "10"), ("0", "0")):
        form = await open_checkin_form(emu, p.member, guild=p.guild)
        submitted = await emu.submit_modal(form, values={"pain": pain, "fatigue": fatigue}, strict=False)
        await answer(live_bot, submitted, f"/checkin {pain} {fatigue}")
    import sqlite3

    with sqlite3.connect(live_bot.database) as conn:
        stored = sorted(conn.execute("SELECT pain, fatigue FROM checkins"))
    assert stored == [(0, 0), (10, 10)]


# --------------------------------------------------------------------------- components and forms

KINDS = [
    "read", "pick", "share", "open", "go", "library", "menu", "privacy", "remind", "checkin", "journal",
    "rt", "rtopen", "rtstart", "rtack", "rtauto", "rtlist", "rtresume", "rtabandon", "rtpain", "rtnotes",
    "rtsrc", "zz",
    "ck", "med", "rq",
]  # fmt: skip
HANDPICKED = [
    "lc:",
    "lc::",
    "lc:read",
    "lc:read:::::::",
    f"lc:read:{ARTICLE}:no-such-section:0",
    f"lc:read:{ARTICLE}:-:-1",
    f"lc:read:{ARTICLE}:-:99999999999999999999",
    "lc:rt:00000000000000000000000000000000:next",
    "lc:rt:not-a-session:explode",
    "lc:rtpain:00000000000000000000000000000000:11",
    "lc:rtpain:00000000000000000000000000000000:-1",
    "lc:rtnotes:chair-bad-day:99999999999",
    "lc:rtsrc:no-such-routine:0",
    "lc:journal:abc",
    "lc:journal:99999999999999999999999",
    "lc:privacy:delete:1",
    "lc:share:article:x:y:z",
    "lc:share:resources",
    "lc:checkin:open:extra",
    "lc:ck:m:p:zzzzz:_",
    "lc:ck:m:p:-----:_",
    "lc:ck:s:zz:-----:zz9",
    "lc:ck:save:-----:_",
    "lc:ck:save:6----:99999999999a3",
    "lc:ck:flare:yes",
    "lc:med:taken:999999",
    "lc:med:snooze:-1",
    "lc:rq:open:x",
    "LC:READ:X",
    "lc:READ:x",
    "x" * 100,
    "lc:" + "a" * 97,
    "lc:read:@everyone:<@&1>:0",
    "\u202elc:read\u200b",
]
arg = st.one_of(st.sampled_from(["", "-", "0", "-1", "x", ARTICLE]), st.text(max_size=20))
custom_ids = st.one_of(
    st.sampled_from(HANDPICKED),
    st.builds(
        lambda kind, args: ":".join(["lc", kind, *args])[:100],
        st.sampled_from(KINDS),
        st.lists(arg, max_size=5),
    ),
    st.text(min_size=1, max_size=100),
)


async def stale_message(live: LiveBot) -> Message:
    """A message of ours whose components a test rewrites (as if an old or forged one)."""
    p = live.place
    handle = await live.emu.slash("read", {"article": ARTICLE}, user=p.member, guild=p.guild)
    return await handle.wait_message()


async def kind_notice(live: LiveBot, handle: InteractionHandle, what: str) -> None:
    """The answer to a press: a private notice, or (a valid forged press) an updated private card."""
    response = await handle.response(timeout=10)
    if response.message is None and handle.modal is not None:
        assert_clean(live, what)  # a forged "open the form" press: a form is a fine answer
        return
    await answer(live, handle, what)  # after a deferral: the message once it is filled in


@examples
@given(custom_id=custom_ids)
@example(custom_id="\n")
@example(custom_id="lc:read\n")
@example(custom_id="lc::")
async def test_made_up_buttons_get_a_kind_answer(live_bot: LiveBot, custom_id: str) -> None:
    page = await stale_message(live_bot)
    custom_id = fill(custom_id, live_bot)
    page.stored.components = [
        {"type": 1, "components": [{"type": 2, "style": 2, "label": "old", "custom_id": custom_id}]}
    ]
    handle = await live_bot.emu.click(page, custom_id, user=live_bot.place.member)
    await kind_notice(live_bot, handle, f"button {custom_id!r}")


@examples
@given(custom_id=custom_ids, value=text(max_size=100, min_size=1))
@example(custom_id="lc:go", value="article:no-such-article")
@example(custom_id="lc:pick:lower-back-pain", value="@everyone")
async def test_made_up_menus_and_values_get_a_kind_answer(
    live_bot: LiveBot, custom_id: str, value: str
) -> None:
    page = await stale_message(live_bot)
    custom_id, value = fill(custom_id, live_bot), fill(value, live_bot)
    page.stored.components = [
        {
            "type": 1,
            "components": [
                {"type": 3, "custom_id": custom_id, "options": [{"label": "old", "value": value}]}
            ],
        }
    ]
    handle = await live_bot.emu.select(page, custom_id, [value], user=live_bot.place.member)
    await kind_notice(live_bot, handle, f"menu {custom_id!r} → {value!r}")


@settings(examples, max_examples=15)
@given(
    custom_id=st.one_of(st.just("lc:checkin:submit"), custom_ids),
    fields=st.dictionaries(
        st.sampled_from(["pain", "fatigue", "note", "mood", "", "x" * 100]), text(max_size=4000), max_size=4
    ),
)
@example(custom_id="lc:checkin:submit", fields={"pain": "99", "fatigue": "x" * 4000})
@example(custom_id="lc:checkin:submit", fields={})
async def test_made_up_forms_get_a_kind_answer(
    live_bot: LiveBot, custom_id: str, fields: dict[str, str]
) -> None:
    """A form submission with a forged custom_id, missing, unknown or oversized fields."""
    require(live_bot, "checkin")
    emu, p = live_bot.emu, live_bot.place
    form = await open_checkin_form(emu, p.member, guild=p.guild)
    custom_id = fill(custom_id, live_bot)
    form.record.modal = {
        "custom_id": custom_id,
        "title": "Forged",
        "components": [
            {"type": 1, "components": [{"type": 4, "custom_id": name, "style": 1, "label": "x"}]}
            for name in fields
        ],
    }
    submitted = await emu.submit_modal(form, values=fields, strict=False)
    await kind_notice(live_bot, submitted, f"form {custom_id!r} {sorted(fields)}")


# --------------------------------------------------------------------------- a safety net for the net


def test_the_checks_catch_a_ping() -> None:
    """The helper itself must fail on what it exists to catch."""

    class Stored:
        def __init__(self) -> None:
            self.allowed_mentions: dict[str, Any] = {"parse": ["everyone"]}

    class Fake:
        stored = Stored()
        ephemeral = True

        def text(self) -> str:
            return "hello @everyone"

    check: Callable[[Any, str], None] = assert_kind_and_private
    with pytest.raises(AssertionError, match="allowed_mentions"):
        check(Fake(), "fake")
    assert re.search("error id", "Sorry (error id `abcd1234`)")

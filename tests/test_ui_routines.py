"""The routine cards, rendered for every shipped routine and for content at its size limits.

Pure renderers: no bot, no network. Each card must fit Discord's limits (from
``bot.limits``, the same numbers the content validator uses) and carry the words
a member needs: the step, the countdown, the progress, and "It hurts".
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import discord

from bot import limits
from bot.content.library import Library
from bot.content.models import Routine
from bot.routines.session import Action, Phase, RoutineSession, RoutineSnapshot, transition
from bot.ui import routine_picker as picker
from bot.ui import routines as render
from bot.ui.reply import Reply

T0 = 1_700_000_000.0


def embed_total(embed: discord.Embed) -> int:
    data = embed.to_dict()
    total = len(data.get("title", "")) + len(data.get("description", ""))
    total += len((data.get("footer") or {}).get("text", "")) + len((data.get("author") or {}).get("name", ""))
    return total + sum(len(f["name"]) + len(f["value"]) for f in data.get("fields", []))


def check_fits(reply: Reply) -> None:
    """Everything Discord would refuse with a 400, checked on the rendered reply."""
    assert reply.content is None or len(reply.content) <= limits.MESSAGE_CONTENT
    assert len(reply.embeds) <= limits.EMBEDS_PER_MESSAGE
    assert sum(embed_total(e) for e in reply.embeds) <= limits.EMBED_TOTAL
    for embed in reply.embeds:
        data = embed.to_dict()
        assert len(data.get("title", "")) <= limits.EMBED_TITLE
        assert len(data.get("description", "")) <= limits.EMBED_DESCRIPTION
        assert len(data.get("fields", [])) <= limits.EMBED_FIELDS
        for f in data.get("fields", []):
            assert len(f["name"]) <= limits.EMBED_FIELD_NAME and len(f["value"]) <= limits.EMBED_FIELD_VALUE
    if reply.view is not None:
        rows = reply.view.to_components()
        assert len(rows) <= limits.ACTION_ROWS
        for row in rows:
            assert len(row["components"]) <= limits.BUTTONS_PER_ROW
            for component in row["components"]:
                assert len(component.get("custom_id", "")) <= limits.CUSTOM_ID
                assert len(component.get("label", "") or "") <= limits.BUTTON_LABEL


def visible(reply: Reply) -> int:
    """What a phone shows: content, and every embed's title, author, description, fields and footer."""
    total = len(reply.content or "")
    for embed in reply.embeds:
        data = embed.to_dict()
        total += len(data.get("title", "")) + len(data.get("description", ""))
        total += len(data.get("author", {}).get("name", "")) + len(data.get("footer", {}).get("text", ""))
        total += sum(len(f["name"]) + len(f["value"]) for f in data.get("fields", []))
    return total


def labels(reply: Reply) -> list[str]:
    assert reply.view is not None
    return [
        str(getattr(item, "label", None) or getattr(getattr(item, "item", None), "label", ""))
        for item in reply.view.children
    ]


def custom_ids(reply: Reply) -> list[str]:
    assert reply.view is not None
    rows = reply.view.to_components()
    return [c["custom_id"] for row in rows for c in row["components"] if "custom_id" in c]


def session_for(routine: Routine, *, auto: bool = False) -> RoutineSession:
    snapshot = RoutineSnapshot.from_mapping(routine.model_dump(mode="json"))
    fresh = RoutineSession.create(user_id=1, routine=snapshot, now=T0, auto_advance=auto, session_id="a" * 32)
    return transition(fresh, Action.START, T0)


def every_card(session: RoutineSession) -> list[tuple[str, RoutineSession]]:
    """The session at every position, in every phase a card shows (hold, rest, paused, done)."""
    cards: list[tuple[str, RoutineSession]] = []
    now = T0
    s = session
    while not s.is_terminal:
        cards.append((s.phase.value, s))
        cards.append(("paused", transition(s, Action.PAUSE, now + 0.5)))
        now += 1
        if s.deadline is not None:
            s = transition(s, Action.TICK, s.deadline)
            now = s.updated_at
        else:
            s = transition(s, Action.NEXT, now)
    cards.append((s.phase.value, s))
    return cards


# --------------------------------------------------------------------------- shipped content


def test_the_list_shows_length_level_position_and_equipment(library: Library) -> None:
    reply = picker.routine_list(library)
    check_fits(reply)
    assert visible(reply) <= limits.SCREEN
    text = " ".join(f["value"] for f in reply.embeds[0].to_dict()["fields"])
    for routine in library.routines.values():
        if routine.kind == "stretch":
            assert f"{routine.minutes} min" in text
    assert "on the floor" in text and "in a chair" in text and "in bed" in text and "needs" in text
    [menu] = custom_ids(reply)
    assert menu == "lc:rtopen"
    # A grounding exercise is not a stretch: the crisis card opens it, the list does not show it.
    options = reply.view.children[0].options  # type: ignore[union-attr]
    assert "grounding-breathing" not in [o.value for o in options]


def test_the_first_intro_is_the_safety_notes_paged_with_the_ok_on_the_last_page(library: Library) -> None:
    for routine in library.routines.values():
        if routine.kind != "stretch":
            continue
        reply = picker.routine_intro(routine, library.safety, acknowledged=False, auto_advance=True)
        assert (
            reply.content is not None
            and "First time only" in reply.content
            and "Auto-advance is on" in reply.content
        )
        pages = [
            picker.routine_notes(routine, library.safety, n, acknowledged=False, auto_advance=True)
            for n in range(5)
        ]
        shown = "\n".join(p.embeds[0].description or "" for p in pages)
        assert all(caution in shown for caution in routine.cautions)
        assert library.safety.disclaimer.strip().splitlines()[0] in shown
        for page in pages:
            check_fits(page)
            assert visible(page) <= limits.SCREEN
        last = [n for n, p in enumerate(pages) if f"lc:rtack:{routine.id}" in custom_ids(p)]
        assert last and "Next page" not in labels(pages[last[0]])  # the OK only where the notes end
        assert all("Next page" in labels(p) for p in pages[: last[0]])


def test_after_the_ok_an_intro_is_one_line_with_safety_notes_and_an_explained_switch(
    library: Library,
) -> None:
    for routine in library.routines.values():
        if routine.kind != "stretch":
            continue
        for auto in (True, False):
            reply = picker.routine_intro(routine, library.safety, acknowledged=True, auto_advance=auto)
            check_fits(reply)
            assert visible(reply) <= 300 and reply.content is None
            description = reply.embeds[0].description or ""
            assert ("Auto-advance is on" if auto else "Auto-advance is off") in description
            ids = custom_ids(reply)
            assert f"lc:rtstart:{routine.id}" in ids and f"lc:rtnotes:{routine.id}:0" in ids
            assert f"lc:rtauto:{routine.id}:{'off' if auto else 'on'}" in ids
            assert "Safety notes" in labels(reply)
        sources = picker.routine_sources(routine, 0)
        assert visible(sources) <= limits.SCREEN and "https://" in (sources.embeds[0].description or "")


def test_the_grounding_exercise_starts_without_the_stretch_ok_and_ends_calmly(library: Library) -> None:
    routine = library.routines["grounding-breathing"]
    intro = picker.routine_intro(routine, library.safety, acknowledged=False, auto_advance=True)
    assert f"lc:rtstart:{routine.id}" in custom_ids(intro) and intro.content is None
    assert routine.cautions[0] in (intro.embeds[0].description or "")
    s = session_for(routine, auto=True)
    assert "It hurts" not in labels(render.step_card(s, s.updated_at))
    for end in (
        transition(s, Action.STOP, T0 + 5),
        transition(transition(s, Action.SKIP, T0 + 1), Action.STOP, T0 + 2),
    ):
        card = render.finish_card(end)
        text = card.embeds[0].description or ""
        assert "pain" not in text.lower() and "Time stretching" not in text
        assert {"lc:crisis:lines", "lc:plan:view:1"} <= set(custom_ids(card))


def test_every_card_of_every_shipped_routine_fits_and_can_always_say_it_hurts(library: Library) -> None:
    care_team = library.topics.get(render.CARE_TEAM_TOPIC)
    for routine in library.routines.values():
        for auto in (False, True):
            for phase, s in every_card(session_for(routine, auto=auto)):
                reply = render.session_card(s, s.updated_at, library.safety, care_team)
                check_fits(reply)
                assert visible(reply) <= limits.SCREEN, (routine.id, phase)
                if not s.is_terminal and routine.kind == "stretch":
                    assert "It hurts" in labels(reply), phase
                    assert f"lc:rt:{s.id}:hurt:{s.version}" in custom_ids(reply)


def test_a_hold_card_shows_step_countdown_progress_and_worded_buttons(library: Library) -> None:
    s = session_for(library.routines["chair-bad-day"])
    reply = render.step_card(s, T0)
    embed = reply.embeds[0]
    assert embed.title == "Sit tall, then relax · hold 1 of 2"
    assert s.deadline is not None
    assert f"<t:{int(s.deadline)}:R>" in (embed.description or "")
    assert "▱▱▱▱▱▱▱▱▱▱ Step 1 of 5" in (embed.description or "")  # one count: steps
    assert labels(reply) == ["Back", "Pause", "Next", "Skip step", "Stop", "It hurts"]
    assert reply.view is not None
    styles = [c["style"] for row in reply.view.to_components() for c in row["components"]]
    assert styles[-1] == discord.ButtonStyle.danger.value


def test_the_countdown_rounds_up_so_it_never_ends_early() -> None:
    assert render.countdown(T0 + 0.2) == f"<t:{int(T0) + 1}:R>"
    assert render.countdown(T0) == f"<t:{int(T0)}:R>"


def test_rest_pause_and_manual_cards_say_what_happens_next(library: Library) -> None:
    s = session_for(library.routines["chair-bad-day"])
    assert s.deadline is not None
    rest = transition(s, Action.TICK, s.deadline)  # manual mode: the hold is done, waiting for Next
    assert "Hold done" in (render.step_card(rest, rest.updated_at).embeds[0].description or "")
    rest = transition(rest, Action.NEXT, rest.updated_at + 1)
    assert rest.phase is Phase.REST
    card = render.step_card(rest, rest.updated_at)
    assert (card.embeds[0].title or "") == "Rest · next: Sit tall, then relax · hold 2 of 2"
    assert "starts by itself" in (card.embeds[0].description or "")
    paused = transition(rest, Action.PAUSE, rest.updated_at + 2)
    card = render.step_card(paused, paused.updated_at + 100)
    assert (card.embeds[0].title or "").startswith("Paused · ")
    assert labels(card) == ["Resume", "Stop", "It hurts"]
    assert "left on this rest" in (card.embeds[0].description or "")


def test_the_last_step_says_finish(library: Library) -> None:
    s = session_for(library.routines["chair-bad-day"])
    while s.position_index < s.total_positions - 1:
        s = transition(s, Action.NEXT, s.updated_at + 1)
    assert "Finish" in labels(render.step_card(s, s.updated_at))


def test_the_finish_card_offers_a_pain_check_from_0_to_10(library: Library) -> None:
    s = session_for(library.routines["chair-bad-day"])
    done = transition(transition(s, Action.SKIP, T0 + 60), Action.STOP, T0 + 61)
    reply = render.finish_card(done)
    check_fits(reply)
    ids = custom_ids(reply)
    assert [i for i in ids if i.startswith("lc:rtpain:")] == [
        *(f"lc:rtpain:{'a' * 32}:{n}" for n in range(11)),
        f"lc:rtpain:{'a' * 32}:skip",
    ]
    text = reply.embeds[0].description or ""
    assert "1 min" in text and "0 of 5" in text and "1 skipped" in text
    thanked = render.finish_card(done, saved_pain=4)
    assert "pain **4 / 10**" in (thanked.embeds[0].description or "")
    assert not any(i.startswith("lc:rtpain:") for i in custom_ids(thanked))


def test_the_hurt_card_fits_a_screen_with_emergency_signs_first_and_three_buttons(library: Library) -> None:
    safety = library.safety
    reply = render.hurt_card(safety, library.topics[render.CARE_TEAM_TOPIC])
    check_fits(reply)
    embed = reply.embeds[0]
    text = embed.description or ""
    visible = len(embed.title or "") + len(text)
    print(f"It-hurts card: {visible} visible characters (budget 1200)")
    assert visible <= 1200
    assert text.startswith(f"**{safety.red_flags.emergency.title}")
    assert all(sign in text for sign in safety.hurt_signs)
    assert text.index(safety.hurt_signs[0]) < text.index(safety.stop_advice.strip()[:20])
    assert [b.label for b in reply.view.children] == [  # type: ignore[union-attr, attr-defined]
        "Emergency numbers",
        "When to call my care team",
        "Log this in my journal",
    ]
    assert {"lc:hurt:emergency", "lc:hurt:care", "lc:checkin:open"} <= set(custom_ids(reply))


def test_when_to_call_the_care_team_lists_the_same_day_signs_and_the_contacts(library: Library) -> None:
    safety = library.safety
    reply = render.care_card(safety, library.topics[render.CARE_TEAM_TOPIC])
    check_fits(reply)
    text = reply.embeds[0].description or ""
    assert all(item in text for item in safety.red_flags.urgent.items)
    assert "lc:open:resources:care-team" in custom_ids(reply)
    assert render.care_card(safety, None).view is None


def test_the_resume_prompt_offers_resume_and_start_over(library: Library) -> None:
    s = session_for(library.routines["chair-bad-day"])
    reply = picker.resume_prompt(s, "bed-morning", start_at_once=True, requested_title="Bed stretches")
    check_fits(reply)
    # "Start over" restarts the same routine; another one is only ever started by its name.
    assert custom_ids(reply) == [
        f"lc:rtresume:{s.id}",
        f"lc:rtabandon:{s.id}:chair-bad-day:go",
        f"lc:rtabandon:{s.id}:bed-morning:go",
    ]
    assert labels(reply) == ["Resume", "Start over", "Start Bed stretches instead"]
    same = picker.resume_prompt(s, "chair-bad-day", start_at_once=False)
    assert labels(same) == ["Resume", "Start over"]
    listing = picker.resume_prompt(s, None, start_at_once=False)
    assert custom_ids(listing)[1].endswith(":chair-bad-day:go") and custom_ids(listing)[2].endswith(
        ":-:intro"
    )


# --------------------------------------------------------------------------- content at its limits


def longest_routine() -> Routine:
    """A routine as large as the content format allows (and the validator would accept)."""
    step: dict[str, Any] = {
        "id": "s",
        "title": "T" * 80,
        "instructions": "word " * 299 + "x",
        "hold_seconds": 300,
        "reps": 20,
        "sides": "both",
        "rest_seconds": 300,
        "image": {"url": "https://example.org/" + "p" * 200, "alt": "A" * 300},
    }
    return Routine.model_validate(
        {
            "id": "a" * 48,
            "title": "R" * 256,
            "summary": "S" * 300,
            "level": "moderate",
            "position": "standing",
            "minutes": 90,
            "equipment": ["E" * 100] * 3,
            "cautions": ["C" * 400] * 5,
            "reviewed": dt.date(2026, 11, 24),
            "sources": [{"title": "N" * 256, "url": "https://example.org/" + "u" * 500}] * 10,
            "steps": [{**step, "id": f"s{i}"} for i in range(25)],
        }
    )


def test_cards_for_the_largest_routine_still_fit(library: Library) -> None:
    routine = longest_routine()
    intro = picker.routine_intro(routine, library.safety, acknowledged=False, auto_advance=True)
    check_fits(intro)
    s = session_for(routine, auto=True)
    for phase in ("hold", "rest", "paused"):
        if phase == "rest":
            assert s.deadline is not None
            s = transition(s, Action.TICK, s.deadline)
        if phase == "paused":
            s = transition(s, Action.PAUSE, s.updated_at + 1)
        reply = render.step_card(s, s.updated_at)
        check_fits(reply)
    check_fits(render.finish_card(transition(s, Action.STOP, s.updated_at + 1)))
    check_fits(picker.resume_prompt(s, "b" * 48, start_at_once=True))


def test_a_list_of_many_routines_fits(library: Library) -> None:
    big = longest_routine()
    many = {f"r{i:02d}": big.model_copy(update={"id": f"r{i:02d}"}) for i in range(40)}
    fake = type("FakeLibrary", (), {"routines": many})()
    reply = picker.routine_list(fake)  # type: ignore[arg-type]
    check_fits(reply)
    assert len(reply.view.children[0].options) == limits.SELECT_OPTIONS  # type: ignore[union-attr]
    assert re.search(r"\d+ more", reply.embeds[0].footer.text or "")

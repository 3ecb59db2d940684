"""Renderers for tracking: the three-tap check-in card, symptoms, flares, and the crisis reply.

The card is a Components V2 message (a ``LayoutView``): five 0–10 pickers,
one picker per own symptom, and a row of buttons, which would not fit in the
five rows a classic message allows. Every custom_id carries the card's state
(see ``bot.tracking.card``), and the view is stopped before it is sent, so
presses reach the routed handlers and nothing is kept per message. Every reply
here is private: ephemeral in a server, a plain message only in the bot's DM.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import discord
from discord import ui

from bot.custom_ids import CustomId
from bot.custom_ids import tracking as t
from bot.custom_ids.personal import JournalView
from bot.journal.drafts import Draft
from bot.storage.tracking import Flare, FullCheckin, Symptom
from bot.text import clip, plural
from bot.tracking.card import LEVELS, CardState, _b36
from bot.tracking.service import MAX_SYMPTOMS
from bot.ui.reply import Reply, discord_time

MEASURE_CODES: dict[str, str] = {"p": "pain", "f": "fatigue", "s": "stiffness", "l": "sleep", "m": "mood"}
"""The measure codes :class:`bot.custom_ids.tracking.MeasureMenu` carries."""
CODE_OF = {v: k for k, v in MEASURE_CODES.items()}
MEASURE_WORDS: dict[str, tuple[str, str]] = {
    # name: (label, what the ends of the scale mean)
    "pain": ("Pain", "0 none · 10 worst"),
    "fatigue": ("Fatigue", "0 none · 10 worst"),
    "stiffness": ("Morning stiffness", "0 none · 10 worst"),
    "sleep": ("Sleep quality", "0 very poor · 10 very good"),
    "mood": ("Mood", "0 very low · 10 very good"),
}
CARD_INTRO = (
    "### Check in (private)\n"
    "Pick what fits today and skip the rest, then tap **Save**. "
    "Pain, fatigue, stiffness: 0 = none, 10 = worst. Sleep, mood: 0 = very poor, 10 = very good."
)
SAVED_NOTE = "Only you can see this. See your trends with `/journal`, or bring `/report` to your doctor."


class CardView(ui.LayoutView):
    """Serialised only; presses are routed by custom_id (like ``bot.ui.components.FrozenView``)."""


def _select(ids: CustomId, placeholder: str, options: list[discord.SelectOption]) -> ui.ActionRow[Any]:
    row: ui.ActionRow[Any] = ui.ActionRow()
    row.add_item(ui.Select(custom_id=ids.custom_id(), placeholder=placeholder[:150], options=options))
    return row


def checkin_card(state: CardState, symptoms: Sequence[Symptom], *, has_yesterday: bool) -> CardView:
    """The card: a picker per measure and per own symptom, then Save / Same as yesterday / Add a note."""
    measures, syms = state.encode()
    view = CardView(timeout=None)
    view.add_item(ui.TextDisplay(CARD_INTRO))
    for name, (label, scale) in MEASURE_WORDS.items():
        picked = state.measures.get(name)
        options = [
            discord.SelectOption(label=f"{label}: {n}", value=str(n), default=picked == n) for n in range(11)
        ]
        view.add_item(_select(t.MeasureMenu(CODE_OF[name], measures, syms), f"{label} ({scale})", options))
    for symptom in list(symptoms)[:MAX_SYMPTOMS]:
        level = state.symptoms.get(symptom.id)
        name = clip(symptom.name, 60)
        options = [
            discord.SelectOption(label=f"{name}: {word}", value=str(n), default=level == n)
            for n, word in enumerate(LEVELS)
        ]
        view.add_item(
            _select(t.SymptomMenu(_b36(symptom.id), measures, syms), f"{name}: how much today?", options)
        )
    buttons: ui.ActionRow[Any] = ui.ActionRow()
    buttons.add_item(
        ui.Button(
            label="Save", custom_id=t.CardSave(measures, syms).custom_id(), style=discord.ButtonStyle.success
        )
    )
    if has_yesterday:
        buttons.add_item(ui.Button(label="Same as yesterday", custom_id=t.CardSame().custom_id()))
    buttons.add_item(ui.Button(label="Add a note", custom_id=t.CardNote(measures, syms).custom_id()))
    view.add_item(buttons)
    view.stop()
    return view


def note_modal(state: CardState) -> ui.Modal:
    """The existing check-in form, filled with the card's pain and fatigue, plus a "for my doctor" toggle."""
    from bot.ui.journal import checkin_modal  # the one check-in form

    pain, fatigue = state.measures.get("pain"), state.measures.get("fatigue")
    draft = Draft("" if pain is None else str(pain), "" if fatigue is None else str(fatigue), "", 0.0)
    modal = checkin_modal(draft)
    modal.custom_id = t.CardNoteForm(*state.encode()).custom_id()
    modal.add_item(
        ui.Label(
            text="For my doctor",
            description="Show this note in the one-page report for your doctor (/report)",
            component=ui.Checkbox(custom_id="doctor", default=False),
        )
    )
    return modal


def _values_line(checkin: FullCheckin) -> str:
    parts = [
        f"{MEASURE_WORDS[m][0]} **{v}**/10" for m in MEASURE_WORDS if (v := checkin.measure(m)) is not None
    ]
    return " · ".join(parts)


def layout(text: str, *buttons: ui.Button[Any]) -> CardView:
    """A V2 message of one text block and a row of buttons (a card, once saved, stays V2)."""
    view = CardView(timeout=None)
    view.add_item(ui.TextDisplay(text))
    if buttons:
        row: ui.ActionRow[Any] = ui.ActionRow()
        for button in buttons:
            row.add_item(button)
        view.add_item(row)
    view.stop()
    return view


def _button(
    label: str, ids: CustomId, style: discord.ButtonStyle = discord.ButtonStyle.secondary
) -> ui.Button[Any]:
    return ui.Button(label=label, custom_id=ids.custom_id(), style=style)


def checkin_saved(checkin: FullCheckin, symptoms: Sequence[Symptom], *, ask_flare: bool) -> CardView:
    """What the card turns into once saved: the values, and "Is this a flare?" when the rule says so."""
    names = {s.id: s.name for s in symptoms}
    lines = [
        f"**Saved to your private journal** ({discord_time(checkin.at)}).",
        _values_line(checkin),
    ]
    felt = [f"{names[sid]}: {LEVELS[level]}" for sid, level in checkin.symptoms.items() if sid in names]
    if felt:
        lines.append(clip("Symptoms: " + ", ".join(felt), 400))
    if checkin.note:
        lines.append("Your note is saved too" + (", marked for your doctor." if checkin.for_doctor else "."))
    buttons = [_button("See my journal", JournalView(30), style=discord.ButtonStyle.primary)]
    if ask_flare:
        lines.append(
            "Your last three days were well above your usual. **Is this a flare?** "
            "(Marking one helps your doctor see it in `/report`.)"
        )
        buttons = [
            _button("Yes, mark a flare", t.FlareAnswer("yes"), style=discord.ButtonStyle.danger),
            _button("No", t.FlareAnswer("no")),
            *buttons,
        ]
    lines.append(SAVED_NOTE)
    return layout("\n".join(lines), *buttons)


def checkin_kept(checkin: FullCheckin) -> Reply:
    """After a crisis card (the note was screened first): the member still learns it is kept."""
    return Reply(
        content=f"**Saved to your private journal.** {_values_line(checkin)}",
        after_crisis=True,
    )


def needs_pain() -> str:
    return (
        "Pick your **pain** level first (0 = none, 10 = worst), then tap **Save**. "
        "Everything else is optional."
    )


def nothing_to_copy() -> str:
    return "There is no earlier check-in to copy yet. Pick your levels on the card, then tap **Save**."


def flare_answered(yes: bool, flare: Flare | None) -> Reply:
    if not yes:
        return Reply(content="Thanks. I won't ask again this week. Take good care of yourself.")
    return flare_started(flare, created=True) if flare else Reply(content="Noted.")


# -- symptoms -------------------------------------------------------------------------------------


def symptoms_list(symptoms: Sequence[Symptom], starters: Sequence[str]) -> Reply:
    if not symptoms:
        text = (
            "You track no symptoms of your own yet. Add up to "
            f"{MAX_SYMPTOMS} with `/symptoms add`, for example: " + ", ".join(starters[:8]) + ".\n"
            "Each one appears on your `/checkin` card as none / mild / moderate / severe."
        )
    else:
        names = "\n".join(f"• {s.name}" for s in symptoms)
        text = (
            f"**Your symptoms** ({len(symptoms)} of {MAX_SYMPTOMS}):\n{names}\n"
            "They appear on your `/checkin` card. Remove one with `/symptoms remove`."
        )
    return Reply(content=clip(text, 1200))


def symptom_added(symptom: Symptom, count: int) -> Reply:
    return Reply(
        content=(
            f"Added **{symptom.name}**. You now track {plural(count, 'symptom')} on your `/checkin` card."
        )
    )


def symptoms_full() -> str:
    return (
        f"You already track {MAX_SYMPTOMS} symptoms, the most the check-in card can hold. "
        "Remove one with `/symptoms remove` first."
    )


def symptom_removed(name: str, removed: bool) -> Reply:
    if not removed:
        return Reply(content="You don't track a symptom by that name. See yours with `/symptoms list`.")
    return Reply(
        content=f"Removed **{clip(name, 40)}** from your card. Past check-ins keep what you recorded."
    )


# -- flares ---------------------------------------------------------------------------------------


def flare_started(flare: Flare, *, created: bool) -> Reply:
    when = discord_time(flare.started_at, "D")
    if not created:
        return Reply(content=f"You have a flare open since {when}. End it with `/flare end` when it settles.")
    return Reply(
        content=(
            f"**Flare marked** from {when}. It shows as a band on your `/journal` chart and in `/report`. "
            "Use `/flare end` when it settles.\n"
            "If you have new or severe symptoms, contact your care team. Only you can see this."
        ),
    )


def flare_ended(flare: Flare | None) -> Reply:
    if flare is None or flare.ended_at is None:
        return Reply(content="You have no open flare. Start one with `/flare start`.")
    days = max(1, (flare.ended_at - flare.started_at).days + 1)
    return Reply(content=f"**Flare ended.** It lasted about {plural(days, 'day')}.")

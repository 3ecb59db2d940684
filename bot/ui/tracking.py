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
from bot.wording import common as common_words
from bot.wording import tracking as words

MEASURE_CODES: dict[str, str] = {"p": "pain", "f": "fatigue", "s": "stiffness", "l": "sleep", "m": "mood"}
"""The measure codes :class:`bot.custom_ids.tracking.MeasureMenu` carries."""
CODE_OF = {v: k for k, v in MEASURE_CODES.items()}
MEASURE_WORDS: dict[str, tuple[str, str]] = {
    name: (label, words.MEASURE_SCALES[name]) for name, label in words.MEASURE_NAMES.items()
}
"""Each measure on the card: its label, and what the ends of its scale mean."""


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
    view.add_item(ui.TextDisplay(words.CARD_INTRO))
    for name, (label, scale) in MEASURE_WORDS.items():
        picked = state.measures.get(name)
        options = [
            discord.SelectOption(
                label=words.MEASURE_OPTION.format(measure=label, value=n), value=str(n), default=picked == n
            )
            for n in range(11)
        ]
        placeholder = words.MEASURE_PLACEHOLDER.format(measure=label, scale=scale)
        view.add_item(_select(t.MeasureMenu(CODE_OF[name], measures, syms), placeholder, options))
    for symptom in list(symptoms)[:MAX_SYMPTOMS]:
        level = state.symptoms.get(symptom.id)
        name = clip(symptom.name, 60)
        options = [
            discord.SelectOption(
                label=words.SYMPTOM_OPTION.format(symptom=name, level=word), value=str(n), default=level == n
            )
            for n, word in enumerate(LEVELS)
        ]
        placeholder = words.SYMPTOM_PLACEHOLDER.format(symptom=name)
        view.add_item(_select(t.SymptomMenu(_b36(symptom.id), measures, syms), placeholder, options))
    buttons: ui.ActionRow[Any] = ui.ActionRow()
    buttons.add_item(
        ui.Button(
            label="Save", custom_id=t.CardSave(measures, syms).custom_id(), style=discord.ButtonStyle.success
        )
    )
    if has_yesterday:
        buttons.add_item(ui.Button(label=words.BUTTON_SAME_AS_YESTERDAY, custom_id=t.CardSame().custom_id()))
    buttons.add_item(
        ui.Button(label=words.BUTTON_ADD_A_NOTE, custom_id=t.CardNote(measures, syms).custom_id())
    )
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
            text=words.FOR_MY_DOCTOR,
            description=words.FOR_MY_DOCTOR_HINT,
            component=ui.Checkbox(custom_id="doctor", default=False),
        )
    )
    return modal


def _values_line(checkin: FullCheckin) -> str:
    parts = [
        words.VALUE.format(measure=MEASURE_WORDS[m][0], value=v)
        for m in MEASURE_WORDS
        if (v := checkin.measure(m)) is not None
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
        words.CARD_SAVED.format(when=discord_time(checkin.at)),
        _values_line(checkin),
    ]
    felt = [
        words.SYMPTOM_OPTION.format(symptom=names[sid], level=LEVELS[level])
        for sid, level in checkin.symptoms.items()
        if sid in names
    ]
    if felt:
        lines.append(clip(words.SYMPTOMS_FELT.format(symptoms=", ".join(felt)), 400))
    if checkin.note:
        lines.append(words.NOTE_SAVED_FOR_DOCTOR if checkin.for_doctor else words.NOTE_SAVED)
    buttons = [
        _button(common_words.BUTTON_SEE_MY_JOURNAL, JournalView(30), style=discord.ButtonStyle.primary)
    ]
    if ask_flare:
        lines.append(words.ASK_FLARE)
        buttons = [
            _button(words.BUTTON_YES_MARK_A_FLARE, t.FlareAnswer("yes"), style=discord.ButtonStyle.danger),
            _button("No", t.FlareAnswer("no")),
            *buttons,
        ]
    lines.append(words.SAVED_NOTE)
    return layout("\n".join(lines), *buttons)


def checkin_kept(checkin: FullCheckin) -> Reply:
    """After a crisis card (the note was screened first): the member still learns it is kept."""
    return Reply(
        content=words.CHECKIN_KEPT.format(values=_values_line(checkin)),
        after_crisis=True,
    )


def needs_pain() -> str:
    return words.PICK_PAIN_FIRST


def nothing_to_copy() -> str:
    return words.NOTHING_TO_COPY


def flare_answered(yes: bool, flare: Flare | None) -> Reply:
    if not yes:
        return Reply(content=words.NOT_A_FLARE)
    return flare_started(flare, created=True) if flare else Reply(content=words.NOTED)


# -- symptoms -------------------------------------------------------------------------------------


def symptoms_list(symptoms: Sequence[Symptom], starters: Sequence[str]) -> Reply:
    if not symptoms:
        text = words.NO_SYMPTOMS.format(most=MAX_SYMPTOMS, examples=", ".join(starters[:8]))
    else:
        names = "\n".join(words.SYMPTOM_ITEM.format(name=s.name) for s in symptoms)
        text = words.SYMPTOMS.format(count=len(symptoms), most=MAX_SYMPTOMS, names=names)
    return Reply(content=clip(text, 1200))


def symptom_added(symptom: Symptom, count: int) -> Reply:
    return Reply(content=words.SYMPTOM_ADDED.format(name=symptom.name, symptoms=plural(count, "symptom")))


def symptoms_full() -> str:
    return words.SYMPTOMS_FULL.format(most=MAX_SYMPTOMS)


def symptom_removed(name: str, removed: bool) -> Reply:
    if not removed:
        return Reply(content=words.NO_SUCH_SYMPTOM)
    return Reply(content=words.SYMPTOM_REMOVED.format(name=clip(name, 40)))


# -- flares ---------------------------------------------------------------------------------------


def flare_started(flare: Flare, *, created: bool) -> Reply:
    when = discord_time(flare.started_at, "D")
    if not created:
        return Reply(content=words.FLARE_ALREADY_OPEN.format(when=when))
    return Reply(content=words.FLARE_MARKED.format(when=when))


def flare_ended(flare: Flare | None) -> Reply:
    if flare is None or flare.ended_at is None:
        return Reply(content=words.NO_OPEN_FLARE)
    days = max(1, (flare.ended_at - flare.started_at).days + 1)
    return Reply(content=words.FLARE_ENDED.format(days=plural(days, "day")))

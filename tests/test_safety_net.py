"""The safety net's pure parts: which text an interaction holds, which card answers which concern,
and proof that no form or text box can be added without being screened."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.config import Config
from bot.content.library import Library
from bot.content.loader import load_library
from bot.crisis import Concern, Screening
from bot.crisis.card import CRISIS_TOPIC, card_text, emergency_numbers_text, lead_text, longest_card
from bot.crisis.free_text import command_texts, dm_answer, form_texts, interaction_texts, most_urgent
from bot.crisis.regions import BY_CODE, CRISIS_REGIONS, crisis_region, region_code
from bot.crisis.safety_plan import PARTS, SECTIONS, SafetyPlan
from bot.storage.prefs import Prefs
from bot.ui.crisis import CardOptions, crisis_card
from bot.ui.journal import checkin_modal
from bot.ui.reply import Reply
from bot.ui.report import questions_modal
from bot.ui.safety_net import SafetyNet
from bot.ui.safety_plan import plan_modal

REPO = Path(__file__).resolve().parents[1]

FORMS = {
    "bot/ui/journal.py": [("checkin", 1, checkin_modal)],
    "bot/ui/report.py": [("report", 1, lambda: questions_modal(""))],
    "bot/ui/safety_plan.py": [
        ("safety-plan", 1, lambda: plan_modal(1, None)),
        ("safety-plan", 2, lambda: plan_modal(2, None)),
    ],
}
"""Every form the bot can show, by the module that builds it. The end-to-end test submits crisis
text in each of their fields; the scan below fails when a form is added anywhere else."""


def form_fields() -> list[tuple[str, int, str]]:
    """(command that opens it, part, field custom_id) for every text input of every form."""
    found = []
    for factories in FORMS.values():
        for command, part, build in factories:
            modal = build()
            found += [(command, part, item.custom_id) for item in modal.children]  # type: ignore[attr-defined]
    return found


# ------------------------------------------------------------------ nothing can skip the screen


def test_every_form_is_known_so_the_end_to_end_test_screens_each_field() -> None:
    builders: dict[str, int] = {}
    for path in [*(REPO / "bot").rglob("*.py"), *(REPO / "cogs").rglob("*.py")]:
        text = path.read_text(encoding="utf-8")
        count = len(re.findall(r"\bModal\(|\(\s*(?:ui|discord\.ui)\.Modal\s*[,)]", text))
        if count:
            builders[str(path.relative_to(REPO))] = count
    assert builders == dict.fromkeys(FORMS, 1), (
        "A new form was added: list its builder in FORMS (tests/test_safety_net.py) so every field "
        "is proven screened end to end."
    )
    fields = form_fields()
    assert {f for _, _, f in fields} >= {"pain", "fatigue", "note", *(s.id for s in SECTIONS)}


def test_modal_submissions_and_slash_commands_are_screened_before_anything_handles_them() -> None:
    """The two hooks: the tree's interaction_check and the client's on_interaction (forms)."""
    client = (REPO / "bot/client.py").read_text(encoding="utf-8")
    check = client[client.index("async def interaction_check") :]
    assert "safety_net.check_interaction" in check[: check.index("return True")]
    hook = client[client.index("async def on_interaction") :]
    assert hook.index("safety_net.check_interaction") < hook.index("self.router.on_interaction")


def test_the_text_of_nested_options_and_of_any_form_layout_is_found() -> None:
    options = [
        {
            "type": 2,
            "name": "group",
            "options": [
                {
                    "type": 1,
                    "name": "sub",
                    "options": [
                        {"type": 3, "name": "a", "value": "first"},
                        {"type": 4, "name": "n", "value": 3},
                        {"type": 3, "name": "b", "value": "second", "focused": False},
                    ],
                }
            ],
        },
    ]
    assert command_texts(options) == ["first", "second"]
    components = [
        {"type": 1, "components": [{"type": 4, "custom_id": "x", "value": "row text"}]},
        {"type": 18, "component": {"type": 4, "custom_id": "y", "value": "label text"}},
        {"type": 10},
    ]
    assert form_texts(components) == ["row text", "label text"]
    assert interaction_texts({"options": options, "components": components}) == [
        "first",
        "second",
        "row text",
        "label text",
    ]
    assert interaction_texts({"custom_id": "lc:rt:1:next", "component_type": 2}) == []
    assert interaction_texts(None) == []


@pytest.mark.parametrize(
    ("concern", "answer"),
    [
        (Concern.SUICIDE, "card"),
        (Concern.SELF_HARM, "card"),
        (Concern.OVERDOSE, "card"),
        (Concern.OTHER_PERSON, "card"),
        (Concern.EXERCISE_HURT, "hurt"),
        (Concern.NONE, "menu"),
    ],
)
def test_a_plain_dm_gets_the_card_the_it_hurts_help_or_the_menu(concern: Concern, answer: str) -> None:
    assert dm_answer(Screening(concern)) == answer


def test_the_most_urgent_concern_answers() -> None:
    found = [Screening(Concern.OTHER_PERSON), Screening(Concern.OVERDOSE, "es"), Screening(Concern.SUICIDE)]
    assert most_urgent(found) == Screening(Concern.OVERDOSE, "es")
    assert most_urgent([]) == Screening()
    assert not most_urgent([Screening(Concern.EXERCISE_HURT)]).is_crisis


# ------------------------------------------------------------------ regions


def test_region_codes_and_the_community_default() -> None:
    assert [r.label for r in CRISIS_REGIONS] == [
        "US",
        "Canada",
        "UK & Ireland",
        "Australia",
        "New Zealand",
        "India",
        "Elsewhere",
    ]
    assert region_code("gb") == region_code("Ireland") == "UK"
    assert region_code("Mars") is None and region_code(None) is None
    assert crisis_region(None, "AU").code == "AU"
    assert crisis_region("bogus", "bogus").code == "INTL"
    assert Config.model_validate({"community": {"region": "usa"}}).community.region == "US"
    with pytest.raises(ValueError):
        Config.model_validate({"community": {"region": "Atlantis"}})


# ------------------------------------------------------------------ the card for each concern


def card(library: Library, concern: Concern, region: str, language: str = "en") -> str:
    return card_text(
        library.safety, library.topics[CRISIS_TOPIC], Screening(concern, language), BY_CODE[region]
    )


def test_116_123_only_for_the_uk_and_ireland_and_text_lines_never_get_a_phone(library: Library) -> None:
    for region in BY_CODE:
        text = card(library, Concern.SUICIDE, region)
        assert ("116 123" in text) == (region == "UK"), region
        assert "📞 **Crisis Text Line" not in text and "📞 **Shout" not in text
    assert "text **HOME** to **741741**" in card(library, Concern.SUICIDE, "US")
    assert "DISCORD" not in card(library, Concern.SUICIDE, "US")
    assert "text **SHOUT** to **85258**" in card(library, Concern.SUICIDE, "UK")


@pytest.mark.parametrize(
    ("region", "emergency", "line"),
    [
        ("US", "**911**", "**988**"),
        ("CA", "**911**", "**988**"),
        ("UK", "**999**", "**116 123**"),
        ("AU", "**000**", "**13 11 14**"),
        ("NZ", "**111**", "**1737**"),
        ("IN", "local emergency number", "**14416**"),
        ("INTL", "**112**", "findahelpline.com"),
    ],
)
def test_each_region_card_leads_with_its_emergency_number_then_its_lines(
    library: Library, region: str, emergency: str, line: str
) -> None:
    text = card(library, Concern.SUICIDE, region)
    assert emergency in text and line in text
    assert text.index("In danger right now") < text.index(line)
    assert text.rstrip().endswith("<https://findahelpline.com>")  # the directory, last, for everyone


def test_an_overdose_card_leads_with_the_emergency_number_then_poison_control_in_the_us(
    library: Library,
) -> None:
    text = card(library, Concern.OVERDOSE, "US")
    assert text.startswith(library.safety.crisis.overdose.strip()[:30])  # type: ignore[union-attr]
    assert text.index("Call **911** now") < text.index("**1-800-222-1222**") < text.index("**988**")
    assert "1-800-222-1222" not in card(library, Concern.SUICIDE, "US")
    assert "1-800-222-1222" not in card(library, Concern.OVERDOSE, "UK")
    assert "Call **999** now" in card(library, Concern.OVERDOSE, "UK")


def test_someone_else_at_risk_gets_the_helping_someone_words(library: Library) -> None:
    text = card(library, Concern.OTHER_PERSON, "US")
    assert text.startswith("Thank you for looking out for them")
    assert library.safety.crisis.reply.strip() not in text


def test_spanish_gets_a_spanish_first_line_and_the_same_card(library: Library) -> None:
    spanish = card(library, Concern.SUICIDE, "US", "es")
    english = card(library, Concern.SUICIDE, "US")
    assert spanish.startswith("**Me alegra")
    assert spanish.endswith(english[len(lead_text(library.safety, Screening(Concern.SUICIDE))) :])


def test_the_members_own_lines_card_has_no_crisis_words(library: Library) -> None:
    text = card(library, Concern.NONE, "US")
    assert library.safety.crisis.reply.strip() not in text and "988" in text


def test_every_card_fits_one_and_a_half_phone_screens(library: Library) -> None:
    size, which = longest_card(library.safety, library.topics[CRISIS_TOPIC])
    print(f"longest crisis card: {size} characters ({which}); budget 1200")
    assert size <= 1200


def test_the_card_buttons_offer_grounding_plan_handoff_and_seven_regions(library: Library) -> None:
    reply = crisis_card(library, Screening(Concern.SUICIDE, "es"), BY_CODE["AU"], CardOptions(True, True))
    ids = [child.custom_id for child in reply.view.children]  # type: ignore[union-attr, attr-defined]
    assert ids[:3] == ["lc:crisis:ground", "lc:crisis:plan", "lc:crisis:handoff"]
    assert ids[3:] == [f"lc:crisis:region:{r.code}:suicide:es" for r in CRISIS_REGIONS]
    plain = crisis_card(library, Screening(Concern.SUICIDE), BY_CODE["AU"])
    plain_ids = [child.custom_id for child in plain.view.children]  # type: ignore[union-attr, attr-defined]
    assert "lc:crisis:plan" not in plain_ids and "lc:crisis:handoff" not in plain_ids
    assert len(reply.content or "") <= 1300


def test_a_card_is_rendered_once_per_snapshot_and_key(library: Library) -> None:
    """The same card is the same text and view (rendered once); another region, concern, language
    or option is another card; a reloaded library renders afresh."""
    first = crisis_card(library, Screening(Concern.OVERDOSE), BY_CODE["US"])
    again = crisis_card(library, Screening(Concern.OVERDOSE), BY_CODE["US"])
    assert again is not first and again.view is first.view and again.content == first.content
    for other in (
        crisis_card(library, Screening(Concern.OVERDOSE), BY_CODE["UK"]),
        crisis_card(library, Screening(Concern.SUICIDE), BY_CODE["US"]),
        crisis_card(library, Screening(Concern.OVERDOSE, "es"), BY_CODE["US"]),
        crisis_card(library, Screening(Concern.OVERDOSE), BY_CODE["US"], CardOptions(has_plan=True)),
    ):
        assert other.view is not first.view
    reloaded = load_library(REPO / "content").library
    assert reloaded is not None
    fresh = crisis_card(reloaded, Screening(Concern.OVERDOSE), BY_CODE["US"])
    assert fresh.view is not first.view and fresh.content == first.content


def test_emergency_numbers_put_the_members_region_first(library: Library) -> None:
    text = emergency_numbers_text(library.safety, library.topics[CRISIS_TOPIC], "AU")
    assert text.index("**000**") < text.index("911")
    assert len(PARTS) == 2 and sum(len(p) for p in PARTS) == len(SECTIONS) == 7


# ------------------------------------------------------------------ the card for one member


class _Store:
    def __init__(self, library: Library) -> None:
        self.library = library


class _Prefs:
    def __init__(self, region: str | None = None, *, broken: bool = False) -> None:
        self.region, self.broken = region, broken

    async def get(self, user_id: int) -> Prefs:
        if self.broken:
            raise RuntimeError("database is locked")
        return Prefs(user_id, crisis_region=self.region)


class _Plans:
    def __init__(self, plan: SafetyPlan | None = None) -> None:
        self.plan = plan

    async def get(self, user_id: int) -> SafetyPlan | None:
        return self.plan


def net(library: Library, prefs: _Prefs, plans: _Plans, channel: int | None = None) -> SafetyNet:
    return SafetyNet(_Store(library), prefs, plans, default_region="UK", support_channel_id=channel)


async def test_the_members_own_region_wins_over_the_community_default(library: Library) -> None:
    mine = await net(library, _Prefs("NZ"), _Plans()).card(1, Screening(Concern.SUICIDE))
    assert "Help in New Zealand" in (mine.content or "")
    default = await net(library, _Prefs(None), _Plans()).card(1, Screening(Concern.SUICIDE))
    assert "Help in the UK and Ireland" in (default.content or "")


async def test_the_card_offers_the_plan_only_when_written_and_the_handoff_only_when_set(
    library: Library,
) -> None:
    def ids(reply: Reply) -> list[str]:
        return [child.custom_id for child in reply.view.children]  # type: ignore[union-attr, attr-defined]

    empty = SafetyPlan(1, {"reasons": "  "})
    written = SafetyPlan(1, {"reasons": "my dog"})
    assert "lc:crisis:plan" not in ids(
        await net(library, _Prefs(), _Plans(empty)).card(1, Screening(Concern.SUICIDE))
    )
    with_plan = await net(library, _Prefs(), _Plans(written), channel=42).card(1, Screening(Concern.SUICIDE))
    assert {"lc:crisis:plan", "lc:crisis:handoff"} <= set(ids(with_plan))


async def test_the_card_still_goes_out_when_storage_fails(library: Library) -> None:
    reply = await net(library, _Prefs(broken=True), _Plans()).card(1, Screening(Concern.OVERDOSE))
    assert "Call **999** now" in (reply.content or "")


def test_several_texts_are_screened_and_the_most_urgent_one_answers(library: Library) -> None:
    screening = net(library, _Prefs(), _Plans()).screen(["kidney tests", "I want to die", ""])
    assert screening.is_crisis
    assert not net(library, _Prefs(), _Plans()).screen(["kidney tests", "walked 3 kms"]).is_crisis

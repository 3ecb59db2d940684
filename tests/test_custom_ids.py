"""Every kind of custom_id: one class each, that builds, parses and measures its own ids.

The renderers build ids with these classes, the router parses presses with
them, and the content validator measures them: so a change to a kind's shape is
made in one place and cannot drift between the three.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.content.library import REGION_NAMES, Library
from bot.custom_ids import ALL, COMPONENTS, CONTENT_ARGUMENTS, FORMS, CustomId, widest_naming
from bot.custom_ids.reading import OpenRef, ReadPage, ResourcePage, ShareTopic, TopicSources
from bot.custom_ids.routines import SessionPress
from bot.limits import CUSTOM_ID
from bot.ui import reading as render
from bot.ui.router import ComponentRouter

TOPIC_48 = "t" * 47 + "x"
ROUTER = ComponentRouter()


def short(kind: type[CustomId]) -> str:
    """The widest id of ``kind`` with short content ids in it (all of it fits Discord)."""
    names = set(kind.argument_names()) & CONTENT_ARGUMENTS
    return kind.widest(**dict.fromkeys(names, "a1"))


def matching(value: str, kinds: tuple[type[CustomId], ...] = ALL) -> list[type[CustomId]]:
    return [kind for kind in kinds if kind.TEMPLATE.fullmatch(value)]


@pytest.mark.parametrize("kind", ALL, ids=lambda k: k.__name__)
def test_every_kind_round_trips(kind: type[CustomId]) -> None:
    value = short(kind)
    parsed = kind.parse(value)
    assert parsed is not None, value
    assert parsed.custom_id() == value
    assert kind.parse(parsed.custom_id()) == parsed
    assert len(value) <= CUSTOM_ID


@pytest.mark.parametrize("kind", ALL, ids=lambda k: k.__name__)
def test_every_kind_rejects_garbage(kind: type[CustomId]) -> None:
    value = short(kind)
    for bad in (
        "",
        "lc:",
        value + ":extra",
        value + "\n",
        value.upper(),
        value.replace("lc:", "xx:", 1),
        value + "@everyone",
    ):
        assert kind.parse(bad) is None, bad


@pytest.mark.parametrize("kind", ALL, ids=lambda k: k.__name__)
def test_exactly_one_kind_claims_each_id(kind: type[CustomId]) -> None:
    """The router takes the first class of the id's kind that matches: two would make the
    order of declaration decide which handler answers."""
    assert matching(short(kind)) == [kind]
    routed = ROUTER.component(short(kind)) if kind in COMPONENTS else ROUTER.form(short(kind))
    assert routed == kind.parse(short(kind)) and type(routed) is kind


@given(st.text(max_size=120) | st.builds(lambda s: "lc:" + s, st.text(max_size=100)))
def test_any_custom_id_is_routed_to_its_kind_or_to_the_expired_notice(value: str) -> None:
    claims = matching(value, COMPONENTS)
    routed = ROUTER.component(value)
    assert len(claims) <= 1, value
    assert (type(routed) if routed is not None else None) == (claims[0] if claims else None), value


@pytest.mark.parametrize("kind", ALL, ids=lambda k: k.__name__)
def test_a_press_is_never_routed_as_a_form_nor_a_form_as_a_press(kind: type[CustomId]) -> None:
    if kind in COMPONENTS:
        assert ROUTER.form(short(kind)) is None
    else:
        assert ROUTER.component(short(kind)) is None


def test_every_kind_is_routed_and_forms_are_not_components() -> None:
    assert not set(FORMS) & set(COMPONENTS)
    assert len({k.KIND + k.TEMPLATE.pattern for k in ALL}) == len(ALL)


def test_typed_arguments_come_back_typed() -> None:
    press = SessionPress.parse("lc:rt:" + "a" * 32 + ":next:12")
    assert press == SessionPress("a" * 32, "next", 12)
    # A card from before versions: the version is missing, not made up.
    assert SessionPress.parse("lc:rt:" + "a" * 32 + ":next") == SessionPress("a" * 32, "next", None)
    assert ReadPage.parse("lc:read:lupus:-:-1") == ReadPage("lupus", "-", -1)
    assert OpenRef.parse("lc:open:article:lupus#kidneys") == OpenRef("article", "lupus#kidneys")


def test_a_malformed_argument_is_refused_when_the_id_is_built() -> None:
    with pytest.raises(ValueError, match="does not fit"):
        ReadPage("Not A Slug", "-", 0).custom_id()
    with pytest.raises(ValueError, match="too long"):
        ReadPage("a" * 48, "b" * 48, 999).custom_id()
    assert not ReadPage("a" * 48, "b" * 48, 999).fits()


# --------------------------------------------------------------------------- the widest id of each kind


def test_every_kind_fits_with_the_widest_content_ids_the_models_allow_except_two_ids_at_once() -> None:
    """One 48-character content id (the most a content id may be) always fits; a page of an
    article names two, so there the validator checks each article's real ids."""
    for kind in ALL:
        names = set(kind.argument_names()) & CONTENT_ARGUMENTS
        if names - {"section", "target"} == names and len(names) <= 1:
            assert len(kind.widest()) <= CUSTOM_ID, kind.__name__


def test_a_48_character_topic_id_with_the_longest_region_fits_every_id() -> None:
    """The drift that once gave 'custom_id too long (111 > 100)': a region is a code in an id."""
    longest_name = max(REGION_NAMES, key=lambda code: len(REGION_NAMES[code]))
    assert all(len(text) <= CUSTOM_ID for _, text in widest_naming(topic=TOPIC_48))
    assert ShareTopic(TOPIC_48, longest_name, 999).custom_id().startswith("lc:share:resources:")
    with pytest.raises(ValueError):  # the name itself is never put in an id
        ResourcePage(TOPIC_48, REGION_NAMES[longest_name], 0).custom_id()
    for code in (*REGION_NAMES, "-"):
        for kind in (ResourcePage, ShareTopic):
            assert len(kind(TOPIC_48, code, 999).custom_id()) <= CUSTOM_ID
        assert len(TopicSources(TOPIC_48, 999, code, 999).custom_id()) <= CUSTOM_ID


def test_the_renderer_with_a_48_character_topic_id_and_every_region_stays_within_the_limit(
    library: Library,
) -> None:
    """Through the renderer itself: every button and menu of every page, for every region."""
    topic = max(library.topics.values(), key=lambda t: len(t.groups))
    long_topic = topic.model_copy(update={"id": TOPIC_48})
    longest = max(REGION_NAMES, key=lambda code: len(REGION_NAMES[code]))
    # What a member types (the long name) becomes its code before it reaches a renderer.
    assert library.region_code(REGION_NAMES[longest]) == longest
    seen = 0
    for region in [None, longest, *sorted(REGION_NAMES)]:
        for page in range(3):
            reply = render.resource_topic(library, long_topic, region, page, shareable=True)
            assert reply.view is not None
            for item in reply.view.children:
                value = getattr(item, "custom_id", None)
                if value is None:  # a link
                    continue
                assert len(value) <= CUSTOM_ID, value
                assert len(matching(value, COMPONENTS)) == 1, value
                seen += 1
    assert seen

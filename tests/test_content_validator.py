"""Rules that need the whole tree or the rendered message: ids, references, Discord limits."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot import limits
from bot.content import render_text
from bot.content.library import REGION_NAMES
from bot.content.loader import load_library
from bot.content.models import HttpsUrl, Ref, ResourceItem, Safety, Step
from bot.custom_ids.reading import PostArticle
from bot.ui.reading import resource_topic

VALID = Path(__file__).parent / "fixtures" / "content" / "valid"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return Path(shutil.copytree(VALID, tmp_path / "content"))


def errors_of(tree: Path) -> list[tuple[str, int, str]]:
    return [(Path(e.path).name, e.line, e.message) for e in load_library(tree).errors]


def topic_yaml(items: int, helps_with_chars: int, groups: int = 1) -> str:
    item = (
        "      - name: Helpline {n}\n"
        f"        helps_with: {'h' * helps_with_chars}\n"
        '        phone: "0800 000 {n:03d}"\n'
        "        regions: [GB]\n"
    )
    group = "  - title: Group {g}\n    items:\n" + "".join(
        item.replace("{n}", str(n)).replace("{n:03d}", f"{n:03d}") for n in range(items)
    )
    return "id: big\ntitle: Big topic\nintro: Lots of help.\nreviewed: 2026-11-24\ngroups:\n" + "".join(
        group.replace("{g}", str(g)) for g in range(groups)
    )


def test_a_long_topic_pages_by_group_but_each_screen_must_fit_a_phone(tree: Path) -> None:
    # ten groups of three long items: far over one message, but each group is its own screen
    (tree / "resources" / "big.yaml").write_text(topic_yaml(items=3, helps_with_chars=250, groups=10))
    assert errors_of(tree) == []
    library = load_library(tree).library
    assert library is not None
    pages = render_text.resource_pages(library.topics["big"])
    assert len(pages) >= 10
    assert all(
        render_text.resource_topic_embed(library.topics["big"], None, n).total() <= limits.SCREEN
        for n in range(len(pages))
    )
    # a group whose title and intro alone fill more than a screen is refused at its line
    text = (
        topic_yaml(items=1, helps_with_chars=100)
        .replace("    items:\n", f"    intro: {'i' * 990}\n    items:\n", 1)
        .replace("  - title: Group 0", f"  - title: Group {'t' * 200}")
    )
    (tree / "resources" / "big.yaml").write_text(text)
    errors = errors_of(tree)
    assert [(name, line) for name, line, _ in errors] == [("big.yaml", 6)]
    assert "one phone screen holds 1,200" in errors[0][2]


def test_a_group_within_the_field_limit_is_fine(tree: Path) -> None:
    (tree / "resources" / "big.yaml").write_text(topic_yaml(items=2, helps_with_chars=300))
    assert errors_of(tree) == []


def test_ids_too_long_for_a_button_custom_id_are_refused(tree: Path) -> None:
    long_id = "a" * 48
    text = (tree / "articles" / "kidney-care.yaml").read_text()
    text = text.replace("id: kidney-care", f"id: {long_id}").replace("- id: habits", f"- id: {'b' * 48}")
    (tree / "articles" / f"{long_id}.yaml").write_text(text)
    errors = errors_of(tree)
    assert len(errors) == 1
    name, line, message = errors[0]
    assert (name, line) == (f"{long_id}.yaml", 9)
    assert "too long for a Discord button" in message
    assert not PostArticle.widest_fits(article=long_id, section="b" * 48)


def test_a_48_character_topic_id_is_fine_in_every_region(tree: Path) -> None:
    """Regions ride in custom_ids as codes (``GB``), never names, so the longest topic id fits
    every button of the topic in every region; the renderer's ids are measured by the same classes."""
    long_id = "t" * 48
    (tree / "resources" / f"{long_id}.yaml").write_text(
        topic_yaml(items=2, helps_with_chars=40, groups=3).replace("id: big", f"id: {long_id}")
    )
    assert errors_of(tree) == []
    library = load_library(tree).library
    assert library is not None
    longest = max(REGION_NAMES, key=lambda code: len(REGION_NAMES[code]))
    for region in (None, library.region_code(REGION_NAMES[longest]), "GB"):
        for page in range(3):
            reply = resource_topic(library, library.topics[long_id], region, page, shareable=True)
            assert reply.view is not None
            ids = [getattr(item, "custom_id", None) or "" for item in reply.view.children]
            assert ids and max(map(len, ids)) <= limits.CUSTOM_ID


def test_the_it_hurts_message_must_fit_one_embed_description(tree: Path) -> None:
    safety = tree / "safety.yaml"
    many = "".join(f"      - Red flag number {n} {'x' * 250}\n" for n in range(20))
    safety.write_text(safety.read_text().replace("      - Numbness in both legs\n", many))
    errors = errors_of(tree)
    # Both the full lists and the short "It hurts" card (which shows these signs) are too long.
    assert {(name, line) for name, line, _ in errors} == {("safety.yaml", 4)}
    assert all("It hurts" in message for _, _, message in errors)


def test_long_cautions_page_by_themselves_but_one_source_must_fit_a_screen(tree: Path) -> None:
    routine = tree / "routines" / "chair-stretch.yaml"
    cautions = "".join(f"  - Caution {n} - {'c' * 450}\n" for n in range(10))
    stop = "  - Stop if it hurts. A gentle pull is fine; pain is not.\n"
    text = routine.read_text().replace(stop, cautions)
    routine.write_text(text)
    assert errors_of(tree) == []  # ten long cautions: the safety notes simply have more pages
    long_url = "https://www.nhs.uk/live-well/exercise/sitting-exercises/" + "x" * 1000
    routine.write_text(text.replace("https://www.nhs.uk/live-well/exercise/sitting-exercises/", long_url))
    errors = errors_of(tree)
    assert [(name, line) for name, line, _ in errors] == [("chair-stretch.yaml", 20)]
    assert "phone screen" in errors[0][2]


def test_a_routine_kind_is_stretch_or_grounding(tree: Path) -> None:
    routine = tree / "routines" / "chair-stretch.yaml"
    text = routine.read_text()
    routine.write_text(text.replace("id: chair-stretch\n", "id: chair-stretch\nkind: grounding\n", 1))
    library = load_library(tree).library
    assert library is not None and library.routines["chair-stretch"].kind == "grounding"
    routine.write_text(text.replace("id: chair-stretch\n", "id: chair-stretch\nkind: yoga\n", 1))
    errors = errors_of(tree)
    assert [(name, line) for name, line, _ in errors] == [("chair-stretch.yaml", 2)]
    assert "stretch" in errors[0][2] and "grounding" in errors[0][2]


def test_duplicate_ids_are_reported_in_both_files(tree: Path) -> None:
    shutil.copy(tree / "routines" / "chair-stretch.yaml", tree / "routines" / "chair-copy.yaml")
    errors = errors_of(tree)
    assert sorted((name, line) for name, line, _ in errors) == [
        ("chair-copy.yaml", 1),
        ("chair-copy.yaml", 1),
        ("chair-stretch.yaml", 1),
    ]
    assert any(
        "also in" in m and "chair-stretch.yaml:1" in m for name, _, m in errors if name == "chair-copy.yaml"
    )


def test_did_you_mean_for_a_misspelt_reference(tree: Path) -> None:
    article = tree / "articles" / "kidney-care.yaml"
    article.write_text(
        article.read_text().replace("article:back-basics#kidney-tests", "article:back-basic#kidney-test")
    )
    [(name, line, message)] = errors_of(tree)
    assert (name, line) == ("kidney-care.yaml", 15)
    assert "did you mean 'back-basics'?" in message


def test_a_malformed_reference_is_explained(tree: Path) -> None:
    article = tree / "articles" / "kidney-care.yaml"
    article.write_text(article.read_text().replace("article:back-basics#kidney-tests", "back-basics"))
    [(_, line, message)] = errors_of(tree)
    assert line == 15
    assert "is not a valid reference: write article:ID" in message


def test_a_colon_in_plain_text_gets_a_hint_about_quotes(tree: Path) -> None:
    routine = tree / "routines" / "floor-stretch.yaml"
    routine.write_text(routine.read_text().replace("  - Stop if it hurts.", "  - Note: stop if it hurts."))
    [(_, line, message)] = errors_of(tree)
    assert line == 10
    assert "put the whole text in quotes" in message


def test_crisis_phrases_must_be_lower_case(tree: Path) -> None:
    safety = tree / "safety.yaml"
    safety.write_text(safety.read_text().replace("want to die", "Want To Die"))
    [(_, line, message)] = errors_of(tree)
    assert line == 13 and "write 'want to die'" in message


# --- model helpers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org",
        "javascript:alert(1)",
        "data:text/html,hi",
        "//example.org",
        "example.org",
        "https://",
        "https://exa mple.org",
        "https://user:pw@example.org/",
        "ftp://example.org",
    ],
)
def test_only_complete_https_links_are_accepted(url: str) -> None:
    from pydantic import TypeAdapter

    with pytest.raises(ValidationError):
        TypeAdapter(HttpsUrl).validate_python(url)


def test_https_links_are_accepted_as_written() -> None:
    from pydantic import TypeAdapter

    url = "https://www.niddk.nih.gov/health-information?x=1#top"
    assert TypeAdapter(HttpsUrl).validate_python(url) == url


def test_ref_parse() -> None:
    assert Ref.parse("article:a#b") == Ref("article", "a", "b")
    assert str(Ref.parse("resources:crisis")) == "resources:crisis"
    assert Ref.parse("article:A") is None
    assert Ref.parse("video:x") is None


def test_step_sides_and_seconds() -> None:
    step = Step(id="s", title="T", instructions="I", hold_seconds=10, reps=3, sides="both", rest_seconds=5)
    assert step.sides_list() == ["left", "right"]
    assert step.timed_seconds() == 2 * 3 * 15


def test_resource_item_text_is_what_the_validator_measures() -> None:
    item = ResourceItem(
        name="Samaritans",
        helps_with="Someone to talk to.",
        phone="116 123",
        url="https://www.samaritans.org",
        regions=("GB", "IE"),
    )
    assert render_text.resource_item_text(item) == (
        "**[Samaritans](https://www.samaritans.org)** — Someone to talk to.\n📞 116 123"
    )
    everywhere = item.model_copy(update={"regions": ("INTL",), "url": None})
    assert render_text.resource_item_text(everywhere) == "**Samaritans** — Someone to talk to.\n📞 116 123"


def test_discord_limits_live_in_one_place() -> None:
    assert (limits.EMBED_TOTAL, limits.EMBED_FIELD_VALUE, limits.CHOICE_NAME, limits.CUSTOM_ID) == (
        6000,
        1024,
        100,
        100,
    )
    text = render_text.stop_text(load_library(VALID).library.safety)  # type: ignore[union-attr]
    assert len(text) <= limits.EMBED_DESCRIPTION
    assert isinstance(load_library(VALID).library.safety, Safety)  # type: ignore[union-attr]


def test_plain_text_strips_markdown_for_snippets() -> None:
    text = render_text.plain_text(
        textwrap.dedent("""\
        **Bold** and *italic* with a [link](https://example.org).
        > a quote
        - a list item
    """)
    )
    assert text == "Bold and italic with a link. a quote a list item"

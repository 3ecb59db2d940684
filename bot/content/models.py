"""The content model: one pydantic class per YAML shape in ``docs/content-format.md``.

Models are frozen (a loaded library is shared by every interaction and must not
change under them) and forbid unknown keys (a typo such as ``tittle`` is an error,
not a silently ignored key). Lists are tuples for the same reason.

Length limits that exist because of Discord come from :mod:`bot.limits`; the
others are editorial (short, readable text for people with brain fog) and live
here. Rules that need more than one file (references, duplicate ids) or the
rendered size of a whole embed live in :mod:`bot.content.validator`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, NamedTuple, cast
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    StringConstraints,
    model_validator,
)
from pydantic.functional_validators import WrapValidator
from pydantic.json_schema import WithJsonSchema

from bot import limits

# --- patterns ------------------------------------------------------------------------------------

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]{0,47}$"
_SLUG = r"[a-z0-9][a-z0-9-]{0,47}"
REF_PATTERN = rf"^(?:article:{_SLUG}(?:#{_SLUG})?|routine:{_SLUG}|resources:{_SLUG})$"
REGION_PATTERN = r"^(?:[A-Z]{2}|INTL)$"
HTTPS_PATTERN = r"^https://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$"

# --- editorial and Discord-derived length limits --------------------------------------------------

TITLE_MAX = limits.EMBED_TITLE
SUMMARY_MAX = 300
ALIAS_MAX = limits.CHOICE_NAME
SOURCE_TITLE_MAX = limits.EMBED_FIELD_NAME
URL_MAX = 2048
#: Longer sections are split across pages when shown (render_text.section_pages).
SECTION_BODY_MAX = 16_000
"""4000: one embed description, with room for the page marker and see-also line the reader adds."""
SECTIONS_MAX = limits.SELECT_OPTIONS
"""Every section must be reachable from the article's "Jump to a section" select."""
STEP_TITLE_MAX = limits.BUTTON_LABEL
STEP_INSTRUCTIONS_MAX = 1500
STEPS_MAX = limits.SELECT_OPTIONS
HOLD_SECONDS_MAX = 300
REST_SECONDS_MAX = 300
REPS_MAX = 20
MINUTES_MAX = 90
CAUTION_MAX = 500
EQUIPMENT_MAX = limits.SELECT_OPTION_LABEL
IMAGE_ALT_MAX = 300
INTRO_MAX = limits.EMBED_FIELD_VALUE - 24
"""1000: a topic or group intro sits at the top of one embed field."""
GROUPS_MAX = limits.EMBEDS_PER_MESSAGE
ITEMS_MAX = limits.EMBED_FIELDS
ITEM_NAME_MAX = limits.SELECT_OPTION_LABEL
HELPS_WITH_MAX = 500
PHONE_MAX = 60
DISCLAIMER_MAX = limits.EMBED_FIELD_VALUE - 24
"""1000: ``/help`` shows the disclaimer as one embed field."""
STOP_ADVICE_MAX = 1500
RED_FLAG_ITEM_MAX = 300
CRISIS_PHRASE_MAX = 100
CRISIS_REPLY_MAX = limits.MESSAGE_CONTENT - 200
"""1800: sent as plain message content, with room for a line pointing at the crisis lines."""
CRISIS_LEAD_MAX = 400
"""A crisis card's first lines stay short: the numbers must show on one phone screen."""
KEYWORD_MAX = 20
HURT_SIGN_MAX = 160
VISIBLE_TEXT_MAX = 1200
"""The people budget: the visible text of one message (about one and a half phone screens)."""
SYNONYM_MAX = 60
SYNONYM_WORDS_MAX = 25
SYNONYM_PATTERN = r"^[^\W_](?:[\w' -]*[^\W_])?$"
"""Letters and digits, with spaces, hyphens or apostrophes between them (``can't afford``)."""


# --- field types ---------------------------------------------------------------------------------


def _text(max_length: int, min_length: int = 1) -> Any:
    """A trimmed string between ``min_length`` and ``max_length`` characters."""
    return StringConstraints(strip_whitespace=True, min_length=min_length, max_length=max_length)


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
"""A lower-case id such as ``lower-back-pain``: what files, references and custom_ids use."""

RefStr = Annotated[str, StringConstraints(strip_whitespace=True, pattern=REF_PATTERN)]
"""``article:ID``, ``article:ID#SECTION``, ``routine:ID`` or ``resources:ID``."""

Region = Annotated[str, StringConstraints(pattern=REGION_PATTERN)]
"""An ISO 3166 alpha-2 country code in capitals (``US``, ``GB``) or ``INTL`` for everywhere."""


class UnsafeUrl(ValueError):
    """A link that is not ``https://``; the message says what to write instead."""


def check_https(url: str) -> str:
    """Accept only absolute ``https://`` links with a host: no ``http:``, ``javascript:``,
    ``data:`` or relative links, because people tap these on their phones."""
    url = url.strip()
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme != "https":
        shown = f"'{scheme}:'" if scheme else "no scheme"
        raise UnsafeUrl(f"links must start with https:// (this one has {shown})")
    if not re.match(HTTPS_PATTERN, url):
        raise UnsafeUrl(
            "this is not a complete https:// link (it needs a host such as example.org and no spaces)"
        )
    parts = urlsplit(url)
    if parts.username or parts.password:
        raise UnsafeUrl("links must not contain a user name or password")
    if len(url) > URL_MAX:
        raise UnsafeUrl(f"this link is {len(url)} characters; the limit is {URL_MAX}")
    return url


HttpsUrl = Annotated[
    str,
    AfterValidator(check_https),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https://", "maxLength": URL_MAX}),
]


def _lower_case(phrase: str) -> str:
    if phrase != phrase.lower():
        raise ValueError(f"crisis phrases must be lower-case: write '{phrase.lower()}'")
    return phrase


CrisisPhrase = Annotated[str, _text(CRISIS_PHRASE_MAX), AfterValidator(_lower_case)]


def _search_word(word: str) -> str:
    if word != word.lower():
        raise ValueError(f"search words must be lower-case: write '{word.lower()}'")
    if not re.match(SYNONYM_PATTERN, word) or "  " in word:
        raise ValueError(
            f"'{word}' is not a plain word or phrase: use letters and digits, "
            "with single spaces, hyphens or apostrophes between them"
        )
    return word


SearchWord = Annotated[
    str,
    _text(SYNONYM_MAX),
    AfterValidator(_search_word),
    WithJsonSchema({"type": "string", "minLength": 1, "maxLength": SYNONYM_MAX, "pattern": SYNONYM_PATTERN}),
]
"""A lower-case word or short phrase, as a member would type it into ``/search``."""


def _text_or_number(value: Any, handler: Any) -> Any:
    """Phone numbers such as ``988`` parse as numbers in YAML; say so instead of 'not a string'."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError(f'write the number in quotes so it stays exactly as written: "{value}"')
    return handler(value)


Phone = Annotated[str, _text(PHONE_MAX), WrapValidator(_text_or_number)]

ContactKind = Literal["emergency", "call", "text", "call-or-text", "poison"]
"""How a number is used. ``text`` lines are text only: shown as "Text …", never with a phone
icon. ``emergency`` numbers lead a crisis card; ``poison`` (Poison Control) leads an overdose card."""


RefKind = Literal["article", "routine", "resources"]


class Ref(NamedTuple):
    """A parsed reference: ``kind`` is ``article``, ``routine`` or ``resources``."""

    kind: RefKind
    id: str
    section: str | None = None

    @classmethod
    def parse(cls, ref: str) -> Ref | None:
        """The parts of ``ref``, or None when it is not a well-formed reference."""
        if not re.match(REF_PATTERN, ref):
            return None
        kind, _, rest = ref.partition(":")
        target, _, section = rest.partition("#")
        return cls(cast(RefKind, kind), target, section or None)

    def __str__(self) -> str:
        return f"{self.kind}:{self.id}" + (f"#{self.section}" if self.section else "")


# --- models --------------------------------------------------------------------------------------


class ContentModel(BaseModel):
    """Base: immutable, unknown keys rejected, surrounding whitespace trimmed."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Source(ContentModel):
    """Where a fact comes from; shown in footers so readers can check it."""

    title: Annotated[str, _text(SOURCE_TITLE_MAX)]
    url: HttpsUrl


Sources = Annotated[tuple[Source, ...], Field(min_length=1)]


class Section(ContentModel):
    """One screen of an article: what ``/read article section`` shows."""

    id: Slug
    title: Annotated[str, _text(TITLE_MAX)]
    body: Annotated[str, _text(SECTION_BODY_MAX)]
    see_also: tuple[RefStr, ...] = ()


class Article(ContentModel):
    """An article: sections read one at a time, with sources and a review date."""

    id: Slug
    title: Annotated[str, _text(TITLE_MAX)]
    summary: Annotated[str, _text(SUMMARY_MAX)]
    aliases: tuple[Annotated[str, _text(ALIAS_MAX)], ...] = ()
    reviewed: dt.date
    sources: Sources
    sections: Annotated[tuple[Section, ...], Field(min_length=1, max_length=SECTIONS_MAX)]

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)


class StepImage(ContentModel):
    url: HttpsUrl
    alt: Annotated[str, _text(IMAGE_ALT_MAX)]


Side = Literal["left", "right"]


class Step(ContentModel):
    """One step of a routine: ``reps`` holds of ``hold_seconds``, each followed by a rest;
    with ``sides: both`` the whole step runs on the left, then on the right."""

    id: Slug
    title: Annotated[str, _text(STEP_TITLE_MAX)]
    instructions: Annotated[str, _text(STEP_INSTRUCTIONS_MAX)]
    hold_seconds: Annotated[StrictInt, Field(ge=0, le=HOLD_SECONDS_MAX)]
    reps: Annotated[StrictInt, Field(ge=1, le=REPS_MAX)]
    sides: Literal["none", "both"]
    rest_seconds: Annotated[StrictInt, Field(ge=0, le=REST_SECONDS_MAX)]
    image: StepImage | None = None

    def sides_list(self) -> list[Side | None]:
        """``[None]`` for a one-sided step, ``["left", "right"]`` for ``sides: both``."""
        return ["left", "right"] if self.sides == "both" else [None]

    def timed_seconds(self) -> int:
        """Seconds the timers run for this step: holds and rests, on every side.
        Movements (``hold_seconds: 0``) go at the member's own pace and add nothing."""
        return len(self.sides_list()) * self.reps * (self.hold_seconds + self.rest_seconds)


class Routine(ContentModel):
    """A guided stretching routine: cautions first, then steps one at a time.

    ``kind: grounding`` is a calming exercise (the crisis card's "Breathe with me"), not a
    stretch: it is not listed in ``/stretch``, asks no pain question and ends with a calm line
    and the way back to the crisis lines and the member's safety plan."""

    id: Slug
    kind: Literal["stretch", "grounding"] = "stretch"
    title: Annotated[str, _text(TITLE_MAX)]
    summary: Annotated[str, _text(SUMMARY_MAX)]
    level: Literal["gentle", "easy", "moderate"]
    position: Literal["floor", "chair", "bed", "standing"]
    minutes: Annotated[StrictInt, Field(ge=1, le=MINUTES_MAX)]
    equipment: tuple[Annotated[str, _text(EQUIPMENT_MAX)], ...] = ()
    cautions: Annotated[tuple[Annotated[str, _text(CAUTION_MAX)], ...], Field(min_length=1)]
    reviewed: dt.date
    sources: Sources
    see_also: tuple[RefStr, ...] = ()
    steps: Annotated[tuple[Step, ...], Field(min_length=1, max_length=STEPS_MAX)]

    def total_seconds(self) -> int:
        """Timed seconds of the whole routine (see :meth:`Step.timed_seconds`)."""
        return sum(step.timed_seconds() for step in self.steps)

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)


class ResourceItem(ContentModel):
    """One place to get help: a name, what it helps with, and a link and/or phone number."""

    model_config = ConfigDict(
        json_schema_extra={"anyOf": [{"required": ["url"]}, {"required": ["phone"]}]},
    )

    name: Annotated[str, _text(ITEM_NAME_MAX)]
    helps_with: Annotated[str, _text(HELPS_WITH_MAX)]
    url: HttpsUrl | None = None
    phone: Phone | None = None
    kind: ContactKind | None = None
    """How the number is used (``text`` = text only); None = an ordinary phone number."""
    keyword: Annotated[str, _text(KEYWORD_MAX)] | None = None
    """For a text line: the word to send (``HOME`` to 741741)."""
    regions: Annotated[tuple[Region, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _reachable(self) -> ResourceItem:
        if self.url is None and self.phone is None:
            raise ValueError("give a url or a phone number (or both), so people can reach this help")
        if self.kind is not None and self.phone is None:
            raise ValueError(f"'kind: {self.kind}' needs a phone number")
        if self.keyword is not None and self.kind != "text":
            raise ValueError("'keyword' is only for text lines ('kind: text')")
        return self

    def serves(self, region: str | None) -> bool:
        """True when this item helps someone in ``region`` (None = any region)."""
        return region is None or region.upper() in self.regions or "INTL" in self.regions


class ResourceGroup(ContentModel):
    title: Annotated[str, _text(TITLE_MAX)]
    intro: Annotated[str, _text(INTRO_MAX)] | None = None
    items: Annotated[tuple[ResourceItem, ...], Field(min_length=1, max_length=ITEMS_MAX)]


class ResourceTopic(ContentModel):
    """A resource topic such as care team, financial help or crisis lines."""

    id: Slug
    title: Annotated[str, _text(TITLE_MAX)]
    intro: Annotated[str, _text(INTRO_MAX)]
    reviewed: dt.date
    sources: tuple[Source, ...] = ()
    see_also: tuple[RefStr, ...] = ()
    groups: Annotated[tuple[ResourceGroup, ...], Field(min_length=1, max_length=GROUPS_MAX)]

    def items(self) -> list[ResourceItem]:
        return [item for group in self.groups for item in group.items]

    def regions(self) -> set[str]:
        return {region for item in self.items() for region in item.regions}


class RedFlagList(ContentModel):
    title: Annotated[str, _text(TITLE_MAX)]
    items: Annotated[tuple[Annotated[str, _text(RED_FLAG_ITEM_MAX)], ...], Field(min_length=1)]


class RedFlags(ContentModel):
    emergency: RedFlagList
    """Symptoms that need emergency care now."""
    urgent: RedFlagList
    """Symptoms that need the care team or urgent care today."""


class Crisis(ContentModel):
    """The crisis card's words; its numbers come from ``resources/crisis.yaml`` for the member's region."""

    phrases: Annotated[tuple[CrisisPhrase, ...], Field(min_length=1)]
    reply: Annotated[str, _text(CRISIS_REPLY_MAX)]
    """The first lines when a member may harm themselves (no numbers: the card adds them)."""
    overdose: Annotated[str, _text(CRISIS_LEAD_MAX)] | None = None
    """The first lines after "took all my pills": get help now, even if they feel fine."""
    other_person: Annotated[str, _text(CRISIS_LEAD_MAX)] | None = None
    """The first lines when someone else is at risk: how to help them."""
    spanish: Annotated[str, _text(CRISIS_LEAD_MAX)] | None = None
    """One short first line in Spanish, when the member wrote in Spanish."""
    directory: Source | None = None
    """A worldwide directory of lines, shown last on every card."""
    see_also: tuple[RefStr, ...] = ()


class Safety(ContentModel):
    """``safety.yaml``: the disclaimer, what to do when it hurts, red flags and the crisis reply."""

    disclaimer: Annotated[str, _text(DISCLAIMER_MAX)]
    stop_advice: Annotated[str, _text(STOP_ADVICE_MAX)]
    hurt_signs: tuple[Annotated[str, _text(HURT_SIGN_MAX)], ...] = ()
    """The emergency signs the "It hurts" card shows first (short; the full lists are a tap away)."""
    red_flags: RedFlags
    crisis: Crisis
    sources: Sources


class SynonymGroup(ContentModel):
    """Words members type (``words``) and the words the content uses for the same thing
    (``means``): a search for any of ``words`` also looks for every one of ``means``."""

    words: Annotated[tuple[SearchWord, ...], Field(min_length=1, max_length=SYNONYM_WORDS_MAX)]
    means: Annotated[tuple[SearchWord, ...], Field(min_length=1, max_length=SYNONYM_WORDS_MAX)]


class Synonyms(ContentModel):
    """``synonyms.yaml``: members' words for things, mapped to the words the content uses."""

    synonyms: Annotated[tuple[SynonymGroup, ...], Field(min_length=1)]

    def expansions(self) -> dict[str, tuple[str, ...]]:
        """Each member's word → every content word it stands for (groups sharing a word merge)."""
        merged: dict[str, dict[str, None]] = {}
        for group in self.synonyms:
            for word in group.words:
                merged.setdefault(word, {}).update(dict.fromkeys(m for m in group.means if m != word))
        return {word: tuple(means) for word, means in merged.items() if means}


class Tracking(ContentModel):
    """``tracking.yaml`` (optional): the starter symptoms offered by ``/symptoms add``."""

    starter_symptoms: Annotated[tuple[Annotated[str, _text(40)], ...], Field(min_length=1, max_length=25)]
    sources: Sources


MODEL_BY_KIND: dict[str, type[ContentModel]] = {
    "article": Article,
    "routine": Routine,
    "resource": ResourceTopic,
    "safety": Safety,
    "synonyms": Synonyms,
    "tracking": Tracking,
}

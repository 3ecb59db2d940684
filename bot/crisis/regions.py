"""Where a member lives, for the crisis card: the seven choices on the card, and their content codes.

Crisis lines only help where they operate (116 123 is not a crisis line in the US
or Australia), so the card shows one region's emergency number and lines, chosen by
the member (remembered privately) or by the community's default (``community.region``).
"""

from __future__ import annotations

from dataclasses import dataclass

ELSEWHERE = "INTL"


@dataclass(frozen=True, slots=True)
class CrisisRegion:
    code: str
    """What is stored and carried in custom_ids: ``US``, ``UK`` …, or ``INTL`` for elsewhere."""
    label: str
    """The button label: ``UK & Ireland``."""
    place: str
    """How a sentence names it: ``in the UK and Ireland``."""
    content_codes: frozenset[str]
    """The ``regions`` codes of the resource items that serve it."""


CRISIS_REGIONS: tuple[CrisisRegion, ...] = (
    CrisisRegion("US", "US", "in the US", frozenset({"US"})),
    CrisisRegion("CA", "Canada", "in Canada", frozenset({"CA"})),
    CrisisRegion("UK", "UK & Ireland", "in the UK and Ireland", frozenset({"GB", "IE"})),
    CrisisRegion("AU", "Australia", "in Australia", frozenset({"AU"})),
    CrisisRegion("NZ", "New Zealand", "in New Zealand", frozenset({"NZ"})),
    CrisisRegion("IN", "India", "in India", frozenset({"IN"})),
    CrisisRegion(ELSEWHERE, "Elsewhere", "elsewhere", frozenset({ELSEWHERE})),
)
BY_CODE = {region.code: region for region in CRISIS_REGIONS}

_ALIASES = {
    "GB": "UK",
    "IE": "UK",
    "UNITED KINGDOM": "UK",
    "IRELAND": "UK",
    "USA": "US",
    "CANADA": "CA",
    "AUSTRALIA": "AU",
    "NEW ZEALAND": "NZ",
    "INDIA": "IN",
    "ELSEWHERE": ELSEWHERE,
    "OTHER": ELSEWHERE,
}


def region_code(value: str | None) -> str | None:
    """The crisis-region code for a stored or configured value (``GB`` → ``UK``); None if unknown."""
    if not value:
        return None
    text = " ".join(value.strip().upper().split())
    text = _ALIASES.get(text, text)
    return text if text in BY_CODE else None


def crisis_region(value: str | None, default: str = ELSEWHERE) -> CrisisRegion:
    """The region to show: ``value`` if it names one, else ``default``, else elsewhere."""
    return BY_CODE[region_code(value) or region_code(default) or ELSEWHERE]

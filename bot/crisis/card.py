"""The crisis card's words for one region and one concern (pure; the Discord view is in bot/ui/crisis.py).

Order, for every card: the words for what the member wrote (with a Spanish first
line when they wrote in Spanish), then the emergency number for their region (and
Poison Control first after an overdose, in the US), then that region's call and
text lines, then the worldwide directory for everyone else. Text-only lines say
"text"; only call lines get a phone icon.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.content.models import ResourceItem, ResourceTopic, Safety
from bot.crisis.detector import Concern, Screening
from bot.crisis.regions import CRISIS_REGIONS, CrisisRegion, crisis_region

CRISIS_TOPIC = "crisis"

OVERDOSE_FALLBACK = "If you have taken too many pills or anything that could harm you, get help now."
OTHER_PERSON_FALLBACK = "Thank you for looking out for them. If they might act on it now, call for help."
LINES_LEAD = "Free, confidential lines you can reach any time. You don't have to be in crisis to call."
"""The lead when a member opens the lines themselves (the DM menu's button): no crisis words."""


def lead_text(safety: Safety, screening: Screening) -> str:
    """The first words: what fits what the member wrote, in Spanish first when they wrote Spanish."""
    crisis = safety.crisis
    if screening.concern in (Concern.NONE, Concern.EXERCISE_HURT):
        return LINES_LEAD
    if screening.concern is Concern.OVERDOSE:
        lead = crisis.overdose or OVERDOSE_FALLBACK
    elif screening.concern is Concern.OTHER_PERSON:
        lead = crisis.other_person or OTHER_PERSON_FALLBACK
    else:
        lead = crisis.reply
    if screening.language == "es" and crisis.spanish:
        return f"{crisis.spanish.strip()}\n\n{lead.strip()}"
    return lead.strip()


def region_items(topic: ResourceTopic | None, region: CrisisRegion) -> list[ResourceItem]:
    """The crisis topic's items for ``region``, in file order (emergency numbers are listed first)."""
    if topic is None:
        return []
    return [item for item in topic.items() if region.content_codes & set(item.regions)]


def line_text(item: ResourceItem) -> str:
    """One line to reach one line: "text HOME to 741741" for a text line, never a phone icon."""
    link = f" · <{item.url}>" if item.url else ""
    match item.kind:
        case "text":
            word = f"**{item.keyword}** " if item.keyword else ""
            return f"💬 **{item.name}**: text {word}to **{item.phone}**{link}"
        case "call-or-text":
            return f"📞 **{item.name}**: call or text **{item.phone}**{link}"
        case "poison":
            return f"☎️ **{item.name}**: call **{item.phone}**{link}"
        case _ if item.phone:
            return f"📞 **{item.name}**: call **{item.phone}**{link}"
        case _:
            return f"🔗 **{item.name}**{link}"


def emergency_text(items: Sequence[ResourceItem], concern: Concern, region: CrisisRegion) -> str:
    numbers = " or ".join(f"**{item.phone}**" for item in items if item.kind == "emergency")
    if concern is Concern.OVERDOSE:
        return f"🚨 Call {numbers} now." if numbers else "🚨 Call your local emergency number now."
    if numbers and region.code == "INTL":
        return f"🚨 In danger right now? Call your local emergency number ({numbers} across the EU)."
    if numbers:
        return f"🚨 In danger right now? Call {numbers}."
    return "🚨 In danger right now? Call your local emergency number."


def card_text(safety: Safety, topic: ResourceTopic | None, screening: Screening, region: CrisisRegion) -> str:
    """The whole card for ``region``: at most a phone screen and a half (the validator checks)."""
    items = region_items(topic, region)
    lines = [emergency_text(items, screening.concern, region)]
    if screening.concern is Concern.OVERDOSE:
        lines += [line_text(item) for item in items if item.kind == "poison"]
    lines += [
        line_text(item)
        for item in items
        if item.kind not in ("emergency", "poison") and item.phone is not None
    ]
    heading = "**Wherever you are**" if region.code == "INTL" else f"**Help {region.place}**"
    parts = [lead_text(safety, screening), heading + "\n" + "\n".join(lines)]
    directory = safety.crisis.directory
    if directory is not None:
        parts.append(f"🌍 Somewhere else? {directory.title}: <{directory.url}>")
    return "\n\n".join(parts)


def longest_card(safety: Safety, topic: ResourceTopic | None) -> tuple[int, str]:
    """The length of the longest card any region and concern can show, and which one (for the validator)."""
    worst = (0, "")
    for region in CRISIS_REGIONS:
        for concern in (Concern.SUICIDE, Concern.OVERDOSE, Concern.OTHER_PERSON):
            for language in ("en", "es"):
                text = card_text(safety, topic, Screening(concern, language), region)
                if len(text) > worst[0]:
                    worst = (len(text), f"{region.label}, {concern.value}, {language}")
    return worst


def emergency_numbers_text(safety: Safety, topic: ResourceTopic | None, region_code: str) -> str:
    """ "Emergency numbers" (from the It-hurts card): the member's region first, then every other."""
    region = crisis_region(region_code)
    emergency = [item for item in (topic.items() if topic else []) if item.kind == "emergency"]
    mine = [item for item in emergency if region.content_codes & set(item.regions)]
    others = [item for item in emergency if item not in mine]
    lines = ["🚨 **Emergency numbers**"]
    lines += [f"**{item.phone}** — {item.helps_with}" for item in mine]
    lines += [f"{item.phone} — {item.helps_with}" for item in others]
    if not emergency:
        lines.append("Call your local emergency number.")
    lines.append("If you can't call, ask someone near you to call for you.")
    return "\n".join(lines)

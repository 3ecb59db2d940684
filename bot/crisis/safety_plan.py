"""The safety plan's shape: the Stanley–Brown sections, in order, in two parts of a form.

A Discord form (modal) holds at most five text boxes, so the seven sections are
written in two parts, and shown in the same two parts (each fits one phone screen).
Pure data: storage is ``bot.storage.safety_plans``, the form and card ``bot.ui.safety_plan``.
"""

from __future__ import annotations

from dataclasses import dataclass

SECTION_MAX = 250
"""Characters per section: four full sections still fit one screen (about 1,200 characters)."""


@dataclass(frozen=True, slots=True)
class PlanSection:
    id: str
    """The column and the form field's custom_id."""
    title: str
    """Shown on the card and as the form label (at most 45 characters)."""
    hint: str
    """The form's placeholder: an example in plain words (at most 100 characters)."""


SECTIONS: tuple[PlanSection, ...] = (
    PlanSection(
        "warning_signs", "My warning signs", "Thoughts, moods or moments that tell me a crisis may be coming"
    ),
    PlanSection(
        "coping", "Things that help me cope", "Things I can do on my own: a walk, music, a shower, breathing"
    ),
    PlanSection(
        "distractions",
        "People and places that distract me",
        "A friend to text, a café, the park, this server",
    ),
    PlanSection("people", "People I can ask for help", "Names and numbers of people I trust"),
    PlanSection(
        "professionals",
        "Professionals and lines",
        "My doctor or therapist, and a crisis line I can call or text",
    ),
    PlanSection("safe_space", "Making my space safer", "What I can put away or ask someone to keep for me"),
    PlanSection("reasons", "Reasons to keep going", "People, pets, plans and things that matter to me"),
)
SECTION_IDS: tuple[str, ...] = tuple(section.id for section in SECTIONS)

PARTS: tuple[tuple[PlanSection, ...], ...] = (SECTIONS[:4], SECTIONS[4:])
"""The two parts of the form and of the card (four sections, then three)."""


def part(number: int) -> tuple[PlanSection, ...]:
    """Part 1 or 2 (anything else is clamped to the nearest)."""
    return PARTS[max(1, min(number, len(PARTS))) - 1]


@dataclass(frozen=True, slots=True)
class SafetyPlan:
    user_id: int
    sections: dict[str, str]

    def get(self, section_id: str) -> str:
        return self.sections.get(section_id, "")

    @property
    def is_empty(self) -> bool:
        return not any(value.strip() for value in self.sections.values())

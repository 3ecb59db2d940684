"""The routine as a session sees it: a copy of the content taken when the session starts.

A running session keeps this copy, so a content reload (a step renamed, a
routine deleted) never breaks someone halfway through. The snapshot also
numbers the *positions* of a routine (step, side, rep), which is pure
arithmetic on the steps.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Self

from bot.routines.stored import StoredImage, StoredRoutine, StoredStep, compact_json

__all__ = ["SIDE_NAMES", "Position", "RoutineSnapshot", "StepSnapshot"]

SIDE_NAMES: dict[str, tuple[str | None, ...]] = {"none": (None,), "both": ("left", "right")}


@dataclass(frozen=True, slots=True)
class StepSnapshot:
    """One step of a routine, copied at session start (independent of the content models)."""

    id: str
    title: str
    instructions: str = ""
    hold_seconds: int = 0
    reps: int = 1
    sides: str = "none"
    rest_seconds: int = 0
    image_url: str | None = None
    image_alt: str | None = None

    def __post_init__(self) -> None:
        if self.sides not in SIDE_NAMES:
            raise ValueError(f"step {self.id!r}: sides must be 'none' or 'both'")
        if self.reps < 1 or self.hold_seconds < 0 or self.rest_seconds < 0:
            raise ValueError(f"step {self.id!r}: reps ≥ 1 and non-negative seconds required")

    @property
    def side_names(self) -> tuple[str | None, ...]:
        """``(None,)`` for one-sided steps, ``("left", "right")`` for ``sides: both``."""
        return SIDE_NAMES[self.sides]

    @property
    def reps_per_side(self) -> int:
        """Positions per side: every rep of a hold, but one for a movement (its reps go in one go)."""
        return 1 if self.is_movement else self.reps

    @property
    def positions(self) -> int:
        return self.reps_per_side * len(self.side_names)

    @property
    def is_movement(self) -> bool:
        """A movement has no hold timer: the person presses Next when it is done."""
        return self.hold_seconds == 0

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Self:
        """Build from a content dict (``model_dump(mode="json")``) or from :meth:`to_dict`.

        Unknown keys are ignored; missing optional keys take the content
        defaults. Raises ValueError for anything malformed.
        """
        return cls.from_stored(StoredStep.model_validate(data))

    @classmethod
    def from_stored(cls, stored: StoredStep) -> Self:
        image = stored.image
        return cls(
            id=stored.id,
            title=stored.title,
            instructions=stored.instructions,
            hold_seconds=stored.hold_seconds,
            reps=stored.reps,
            sides=stored.sides,
            rest_seconds=stored.rest_seconds,
            image_url=None if image is None else image.url,
            image_alt=None if image is None else image.alt,
        )

    def to_stored(self) -> StoredStep:
        """The stored form (built from this already valid value, so not validated again)."""
        image = (
            None
            if self.image_url is None
            else StoredImage.model_construct(url=self.image_url, alt=self.image_alt)
        )
        return StoredStep.model_construct(
            id=self.id,
            title=self.title,
            instructions=self.instructions,
            hold_seconds=self.hold_seconds,
            reps=self.reps,
            sides=self.sides,
            rest_seconds=self.rest_seconds,
            image=image,
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-able, in the content file's shape (so ``from_mapping`` reads it back)."""
        return self.to_stored().model_dump(mode="json")


class Position(NamedTuple):
    step: int
    side: int
    rep: int


@dataclass(frozen=True, slots=True)
class RoutineSnapshot:
    """The routine as it was when the session started, and the numbering of its positions."""

    id: str
    title: str
    steps: tuple[StepSnapshot, ...]
    summary: str = ""
    minutes: int | None = None
    cautions: tuple[str, ...] = ()
    equipment: tuple[str, ...] = ()
    kind: str = "stretch"
    """``stretch`` or ``grounding`` (a calming exercise: it ends without the pain question)."""
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _stored: StoredRoutine | None = field(default=None, init=False, repr=False, compare=False)
    """The stored form, built once: every write of every session on this routine stores it."""
    _stored_json: str | None = field(default=None, init=False, repr=False, compare=False)
    """The stored form as it appears inside a row's ``state_json``, written once."""

    def __post_init__(self) -> None:
        if not self.steps:
            raise ValueError(f"routine {self.id!r} has no steps")
        starts = [0]
        for step in self.steps:
            starts.append(starts[-1] + step.positions)
        object.__setattr__(self, "_starts", tuple(starts))

    # positions -------------------------------------------------------------

    @property
    def total_positions(self) -> int:
        return self._starts[-1]

    def step_start(self, step: int) -> int:
        """Index of the first position of ``step``."""
        return self._starts[step]

    def step_end(self, step: int) -> int:
        """Index of the last position of ``step``."""
        return self._starts[step + 1] - 1

    def index_of(self, step: int, side: int, rep: int) -> int:
        return self._starts[step] + side * self.steps[step].reps_per_side + rep

    def position_at(self, index: int) -> Position:
        if not 0 <= index < self.total_positions:
            raise IndexError(f"position {index} out of range")
        step = bisect.bisect_right(self._starts, index) - 1
        side, rep = divmod(index - self._starts[step], self.steps[step].reps_per_side)
        return Position(step, side, rep)

    # conversion ------------------------------------------------------------

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Self:
        """Build from ``Routine.model_dump(mode="json")`` or from :meth:`to_dict`; extra keys are ignored.

        Raises ValueError (a pydantic ``ValidationError``) for anything malformed.
        """
        return cls.from_stored(StoredRoutine.model_validate(data))

    @classmethod
    def from_stored(cls, stored: StoredRoutine) -> Self:
        return cls(
            id=stored.id,
            title=stored.title,
            steps=tuple(StepSnapshot.from_stored(s) for s in stored.steps),
            summary=stored.summary,
            minutes=stored.minutes,
            cautions=tuple(stored.cautions),
            equipment=tuple(stored.equipment),
            kind=stored.kind,
        )

    def to_stored(self) -> StoredRoutine:
        """The stored form (built once from this already valid value, so not validated again)."""
        stored = self._stored
        if stored is None:
            stored = self._build_stored()
            object.__setattr__(self, "_stored", stored)
        return stored

    def _build_stored(self) -> StoredRoutine:
        return StoredRoutine.model_construct(
            id=self.id,
            title=self.title,
            summary=self.summary,
            minutes=self.minutes,
            cautions=list(self.cautions),
            equipment=list(self.equipment),
            kind=self.kind,
            steps=[s.to_stored() for s in self.steps],
        )

    def to_dict(self) -> dict[str, Any]:
        return self.to_stored().model_dump(mode="json")

    def stored_json(self) -> str:
        """The stored form's JSON text, exactly as it appears inside a session row (written once)."""
        text = self._stored_json
        if text is None:
            text = compact_json(self.to_dict())
            object.__setattr__(self, "_stored_json", text)
        return text

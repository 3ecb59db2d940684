"""The stored form of a routine session: the JSON in ``routine_sessions.state_json``.

These pydantic models describe that JSON exactly as rows already in databases
have it (``format: 1``), field for field and in the same order, so reading
validates every value and writing gives the same text as before: no migration.
They are only the stored shape. The session itself (:class:`RoutineSession`,
:class:`RoutineSnapshot`) stays a plain frozen value that converts to and from
these models; see ``to_stored``/``from_stored`` there.

What the models accept is what the old hand-written checks accepted:

* numbers are strict (``true`` is not 1, ``"10"`` is not 10), times are finite;
* keys the layout does not know are ignored, so the content format can grow
  without breaking stored sessions (and a content dict with extra keys, such
  as ``Routine.model_dump(mode="json")``, reads as a routine);
* sessions stored before routine kinds existed have no ``kind``: a stretch;
  pauses stored before ``by_idle`` existed were pauses by a press.

Anything else raises :class:`pydantic.ValidationError`, which is a
``ValueError``: callers catch that, as they did before.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import AllowInfNan, BaseModel, BeforeValidator, ConfigDict, Field, Strict, StrictBool, StrictInt

from bot.routines.phases import Phase

__all__ = [
    "FORMAT_VERSION",
    "ROUTINE_KINDS",
    "StoredImage",
    "StoredPause",
    "StoredRoutine",
    "StoredSession",
    "StoredStep",
    "compact_json",
]

FORMAT_VERSION = 1
"""Version of the stored layout; bump it with a migration when the layout changes."""
ROUTINE_KINDS = ("stretch", "grounding")


def _none_as_empty_text(value: Any) -> Any:
    return "" if value is None else value


def _none_as_stretch(value: Any) -> Any:
    return value or "stretch"


def _sequence_as_list(value: Any) -> Any:
    if value is None:
        return []
    return list(value) if isinstance(value, tuple) else value


def _empty_as_list(value: Any) -> Any:
    return [] if not value else _sequence_as_list(value)


Text = Annotated[str, Strict(), Field(min_length=1)]
"""A non-empty string."""
OptionalText = Annotated[str, Strict(), BeforeValidator(_none_as_empty_text)]
"""A string; a missing or null value is the empty string."""
Seconds = Annotated[float, Strict(), AllowInfNan(False)]
"""A finite number (an epoch time or a duration); an integer is read as a float, ``true`` is refused."""
Count = Annotated[int, Strict(), Field(ge=0)]
Indices = Annotated[list[StrictInt], Strict(), BeforeValidator(_sequence_as_list)]
Words = Annotated[list[Annotated[str, Strict()]], Strict(), BeforeValidator(_empty_as_list)]


class _Stored(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class StoredImage(_Stored):
    url: Text
    alt: Annotated[str, Strict()] | None = None


class StoredStep(_Stored):
    """One step, in the content file's shape."""

    id: Text
    title: Text
    instructions: OptionalText = ""
    hold_seconds: Count = 0
    reps: Annotated[int, Strict(), Field(ge=1)] = 1
    sides: Literal["none", "both"] = "none"
    rest_seconds: Count = 0
    image: StoredImage | None = None


class StoredRoutine(_Stored):
    """The routine as copied at session start."""

    id: Text
    title: Text
    summary: OptionalText = ""
    minutes: StrictInt | None = None
    cautions: Words = []
    equipment: Words = []
    kind: Annotated[Literal["stretch", "grounding"], BeforeValidator(_none_as_stretch)] = "stretch"
    steps: Annotated[list[StoredStep], Field(min_length=1)]


class StoredPause(_Stored):
    """What a pause interrupted."""

    phase: Phase
    remaining: Seconds | None
    timer_complete: StrictBool
    paused_at: Seconds
    by_idle: StrictBool = False


def compact_json(value: Any) -> str:
    """How rows are written: compact and ASCII-only."""
    return json.dumps(value, separators=(",", ":"))


class StoredSession(_Stored):
    """One session row's ``state_json``. Every key is required (except inside the routine)."""

    format: Literal[1]
    id: Text
    user_id: StrictInt
    routine: StoredRoutine
    phase: Phase
    step_index: StrictInt
    side_index: StrictInt
    rep_index: StrictInt
    deadline: Seconds | None
    timer_complete: StrictBool
    paused_from: StoredPause | None
    auto_advance: StrictBool
    created_at: Seconds
    started_at: Seconds | None
    updated_at: Seconds
    last_action_at: Seconds
    finished_at: Seconds | None
    active_seconds: Seconds
    steps_completed: Indices
    steps_skipped: Indices
    version: StrictInt

    def to_json(self) -> str:
        """The row's text: compact and ASCII-only (``json.dumps`` with tight separators), as always written.

        Not ``model_dump_json``: that writes non-ASCII as UTF-8 and some floats
        differently, and rows written before and after must compare equal.
        """
        return compact_json(self.model_dump(mode="json"))

    def to_json_with(self, routine_json: str) -> str:
        """:meth:`to_json`, the same text, with the routine's part already written (it is the
        same for every write of every session on that routine, and most of the text)."""
        data = self.model_dump(mode="json", exclude={"routine"})
        head = compact_json({key: data.pop(key) for key in _BEFORE_ROUTINE})
        return f'{head[:-1]},"routine":{routine_json},{compact_json(data)[1:]}'

    @classmethod
    def from_json(cls, text: str | bytes) -> StoredSession:
        """Read a row's text; ValueError (a JSON or a validation error) if it is damaged."""
        return cls.model_validate(json.loads(text))


_BEFORE_ROUTINE = ("format", "id", "user_id")
if tuple(StoredSession.model_fields)[:4] != (*_BEFORE_ROUTINE, "routine"):  # pragma: no cover
    # to_json_with writes these keys, then the routine, then the rest: the fields' own order.
    raise RuntimeError("StoredSession's fields moved: update _BEFORE_ROUTINE")

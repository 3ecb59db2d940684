"""The values the routine service hands out, its errors, and how a record maps to a row.

No Discord here: the cog says where a card is (:class:`CardLocation`) and the
service keeps it beside the session so a timer can update that card later.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Final, Protocol

from bot.clock import utc_at
from bot.routines.phases import Action, Phase
from bot.routines.state import RoutineSession
from bot.routines.transitions import transition
from bot.storage.journal import Completion, Outcome
from bot.storage.sessions import LIVE_STATUSES, SessionRow
from bot.wording import routines as words

__all__ = [
    "OUTCOMES",
    "TOKEN_LIFETIME_SECONDS",
    "TOKEN_MARGIN_SECONDS",
    "CardEditor",
    "CardLocation",
    "NotYourSession",
    "PressResult",
    "RoutineError",
    "SessionConflict",
    "SessionNotFound",
    "SessionRecord",
    "completion_for",
    "epoch_to_datetime",
    "location_from_row",
    "record_from_row",
    "record_to_row",
]

TOKEN_LIFETIME_SECONDS: Final = 15 * 60
"""Discord keeps an interaction token usable for 15 minutes."""
TOKEN_MARGIN_SECONDS: Final = 60
"""Stop trusting a token a minute early: a request refused for an expired token is a wasted edit."""
OUTCOMES: Final[dict[Phase, Outcome]] = {Phase.DONE: "done", Phase.HURT: "hurt", Phase.STOPPED: "stopped"}
"""The ends of a session that the journal keeps."""


@dataclass(frozen=True, slots=True)
class CardLocation:
    """Where a session's card is, and what the bot may use to edit it later.

    An ephemeral card (the default in a server) can only be edited through the
    interaction token of the latest press, for 15 minutes. A card in the bot's
    DM is a normal message the bot can edit at any time by channel and id.
    """

    channel_id: int | None = None
    message_id: int | None = None
    interaction_token: str | None = None
    token_expires_at: float | None = None
    is_dm: bool = False

    @classmethod
    def for_interaction(
        cls,
        token: str,
        issued_at: float,
        *,
        channel_id: int | None = None,
        message_id: int | None = None,
        is_dm: bool = False,
    ) -> CardLocation:
        """A card shown through an interaction answered at ``issued_at`` (epoch seconds)."""
        return cls(
            channel_id=channel_id,
            message_id=message_id,
            interaction_token=token,
            token_expires_at=issued_at + TOKEN_LIFETIME_SECONDS - TOKEN_MARGIN_SECONDS,
            is_dm=is_dm,
        )

    def token_valid(self, now: float) -> bool:
        return (
            self.interaction_token is not None
            and self.token_expires_at is not None
            and (now < self.token_expires_at)
        )

    @property
    def dm_message(self) -> bool:
        """True when the card is a DM message the bot can edit without a token."""
        return self.is_dm and self.channel_id is not None and self.message_id is not None

    def can_edit(self, now: float) -> bool:
        return self.token_valid(now) or self.dm_message


@dataclass(frozen=True, slots=True)
class SessionRecord:
    """A session as stored: the state, where its card is, and the row's lock version."""

    session: RoutineSession
    location: CardLocation
    row_version: int

    @property
    def id(self) -> str:
        return self.session.id


@dataclass(frozen=True, slots=True)
class PressResult:
    """What a press did. ``applied`` is False when it changed nothing (stale card, lost race):
    the caller then simply shows the card for ``record`` as it is now."""

    record: SessionRecord
    applied: bool
    action: Action | None = None


class CardEditor(Protocol):
    """Edits the card of a session to show its current state; True if the card now shows it."""

    async def __call__(self, record: SessionRecord, /) -> bool: ...


class RoutineError(Exception):
    """A press that cannot be served; ``reason`` is a kind sentence to show as is."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class SessionNotFound(RoutineError):
    def __init__(self) -> None:
        super().__init__(words.SESSION_NOT_FOUND)


class NotYourSession(RoutineError):
    def __init__(self) -> None:
        super().__init__(words.NOT_YOUR_SESSION)


class SessionConflict(RoutineError):
    """The person already has a live session; the caller offers Resume or Start over."""

    def __init__(self, existing: SessionRecord) -> None:
        super().__init__(words.ALREADY_IN_PROGRESS)
        self.existing = existing


# --------------------------------------------------------------------------- rows


def epoch_to_datetime(epoch: float) -> datetime:
    return utc_at(epoch)


def record_to_row(record: SessionRecord, *, version: int) -> SessionRow:
    session, location = record.session, record.location
    deadline = session.next_deadline
    return SessionRow(
        id=session.id,
        user_id=session.user_id,
        routine_id=session.routine.id,
        state_json=session.to_json(),
        status=session.status,
        version=version,
        deadline=None if deadline is None else epoch_to_datetime(deadline),
        channel_id=location.channel_id,
        message_id=location.message_id,
        interaction_token=location.interaction_token,
        token_expires_at=None
        if location.token_expires_at is None
        else epoch_to_datetime(location.token_expires_at),
        is_dm=location.is_dm,
    )


def record_from_row(row: SessionRow) -> SessionRecord:
    """Read a row back. Raises ValueError for a damaged ``state_json``."""
    session = RoutineSession.from_json(row.state_json)
    if row.status not in LIVE_STATUSES and not session.is_terminal:
        # The status column is the authority: a finished row is finished, whatever state_json says.
        session = transition(session, Action.ABANDON, max(session.updated_at, session.created_at))
    return SessionRecord(session, location_from_row(row), row.version)


def location_from_row(row: SessionRow) -> CardLocation:
    """Where the row says the session's card is."""
    return CardLocation(
        channel_id=row.channel_id,
        message_id=row.message_id,
        interaction_token=row.interaction_token,
        token_expires_at=None if row.token_expires_at is None else row.token_expires_at.timestamp(),
        is_dm=row.is_dm,
    )


def completion_for(session: RoutineSession) -> Completion | None:
    """The journal line for an ended session, or None (abandoned/expired, or stopped before starting)."""
    outcome = OUTCOMES.get(session.phase)
    if session.routine.kind == "grounding":
        return None  # a breathing exercise from the crisis card is not a stretch to keep in the journal
    if outcome is None or session.finished_at is None:
        return None
    if outcome == "stopped" and session.started_at is None:
        return None
    return Completion(
        user_id=session.user_id,
        session_id=session.id,
        routine_id=session.routine.id,
        outcome=outcome,
        started_at=epoch_to_datetime(
            session.started_at if session.started_at is not None else session.created_at
        ),
        ended_at=epoch_to_datetime(session.finished_at),
        steps_done=session.steps_done,
        steps_total=len(session.routine.steps),
        seconds_spent=round(session.active_seconds),
    )

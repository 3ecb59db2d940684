"""What one process remembers about routine sessions between a write and the next timer.

Two memories, both only to save work, never the truth (the row is):

* the last record this process stored or read for each *live* session, so a
  timer costs one versioned write instead of a read and a write; the version
  check still catches any change made elsewhere (another process, a press),
  and then the row is read again;
* with that record, the ``state_json`` and status of the row it was stored as or
  read from, so reading the row again (every press reads it) costs no parse when
  the text is the same: the session is what parsing that text gave, or what was
  serialised into it;
* one shared copy of each routine version, so 10,000 live sessions (started
  here or read back after a restart) do not hold 10,000 copies of the same
  instructions. It grows by one entry per routine version ever run in this
  process: a few kilobytes per content edit.
"""

from __future__ import annotations

from dataclasses import replace

from bot.routines.records import SessionRecord, location_from_row
from bot.routines.snapshot import RoutineSnapshot
from bot.storage.sessions import SessionRow

__all__ = ["SessionCache"]


class SessionCache:
    def __init__(self) -> None:
        self._known: dict[str, SessionRecord] = {}
        self._texts: dict[str, tuple[str, str]] = {}
        self._routines: dict[RoutineSnapshot, RoutineSnapshot] = {}

    def known(self, session_id: str) -> SessionRecord | None:
        """The last record stored or read for a live session, or None."""
        return self._known.get(session_id)

    def remember(self, record: SessionRecord, row: SessionRow | None = None) -> None:
        """Keep ``record`` as the latest for its session (an ended session is forgotten);
        ``row``: the row it was stored as or read from."""
        if record.session.is_terminal:
            self.forget(record.id)
            return
        self._known[record.id] = record
        if row is None:
            self._texts.pop(record.id, None)
        else:
            self._texts[record.id] = (row.state_json, row.status)

    def forget(self, session_id: str) -> None:
        self._known.pop(session_id, None)
        self._texts.pop(session_id, None)

    def read_back(self, row: SessionRow) -> SessionRecord | None:
        """The record of ``row`` without parsing it, when its ``state_json`` and status are the
        ones remembered for the session; None otherwise (parse it)."""
        known = self._known.get(row.id)
        if known is None or self._texts.get(row.id) != (row.state_json, row.status):
            return None
        return SessionRecord(known.session, location_from_row(row), row.version)

    def shared_routine(self, routine: RoutineSnapshot) -> RoutineSnapshot:
        """The one shared copy of a routine equal to ``routine``."""
        return self._routines.setdefault(routine, routine)

    def with_shared_routine(self, record: SessionRecord) -> SessionRecord:
        """``record`` using the shared copy of its routine."""
        routine = self.shared_routine(record.session.routine)
        if routine is record.session.routine:
            return record
        return replace(record, session=replace(record.session, routine=routine))

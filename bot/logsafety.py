"""Keep health data out of discord.py's DEBUG logs.

At DEBUG, discord.py prints every gateway event it receives (a modal submission
carries the pain score and note someone typed) and every REST body it sends or
receives (a check-in confirmation echoes those values; a journal export carries
the whole CSV). An operator who turns on DEBUG to chase a connection problem
must not end up with a log full of pain scores, so those records keep their
shape (route, status, event name) and lose their payloads.

The filters sit on the two loggers that print payloads. A filter on a logger
sees only records created by that logger, which is exactly what we want here.
``install()`` is idempotent; the personal cogs call it when they load, and
``bot.app.setup_logging`` may call it too.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

REDACTED = "<payload redacted>"

GATEWAY_LOGGER = "discord.gateway"
HTTP_LOGGER = "discord.http"

# discord.py 2.7 format strings whose last argument is a payload.
_GATEWAY_EVENT = "For Shard ID %s: WebSocket Event: %s"
_HTTP_SENT = "%s %s with %s has returned %s"
_HTTP_RECEIVED = "%s %s has received %s"


def _event_summary(payload: Any) -> str:
    """What a gateway payload was, without what it said: op code and event name."""
    if isinstance(payload, Mapping):
        return f"op={payload.get('op')} t={payload.get('t')} s={payload.get('s')} ({REDACTED})"
    return REDACTED


def _is_payload(value: Any) -> bool:
    """Anything that could hold what a person typed: containers, bodies, form data."""
    if value is None or isinstance(value, bool | int | float):
        return False
    return not (isinstance(value, str) and len(value) <= 200 and not value.lstrip().startswith(("{", "[")))


class RedactPayloads(logging.Filter):
    """Replace payload arguments of discord.py DEBUG records with a placeholder; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.DEBUG:
            return True
        args = record.args
        if not isinstance(args, tuple) or not args:
            return True
        if record.msg == _GATEWAY_EVENT and len(args) == 2:
            record.args = (args[0], _event_summary(args[1]))
        elif record.msg in (_HTTP_SENT, _HTTP_RECEIVED):
            index = 2
            record.args = tuple(REDACTED if i == index and a is not None else a for i, a in enumerate(args))
        else:
            # Anything else at DEBUG from these loggers: keep scalars, hide bodies.
            record.args = tuple(REDACTED if _is_payload(a) else a for a in args)
        return True


def install() -> None:
    """Attach the redacting filter to discord.py's payload-printing loggers (once)."""
    for name in (GATEWAY_LOGGER, HTTP_LOGGER):
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactPayloads) for f in logger.filters):
            logger.addFilter(RedactPayloads())

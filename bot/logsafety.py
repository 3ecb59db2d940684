"""One redaction layer at the log handler: nothing in the log unlocks a member's data.

An interaction token lets anyone read and edit that member's replies for 15
minutes (their pain score, their journal, their export); a webhook URL or the
bot token is worse. At DEBUG, discord.py prints the URL of every request (the
token is *in* the URL: ``/interactions/{id}/{token}/callback``,
``/webhooks/{app_id}/{token}``), every gateway event (a modal carries what a
member typed) and every REST body. So every handler on the root logger gets:

* :class:`RedactPayloads`, a filter that replaces payload arguments (gateway
  events, request and response bodies, anything container-shaped or long from
  ``discord.*``) with a placeholder before the message is built; and
* :class:`RedactingFormatter`, wrapping the handler's formatter, which scrubs
  the *finished* line (message and traceback): token path segments, webhook
  URLs, ``"token": …`` fields, anything shaped like a bot token, the configured
  bot token itself, and any long token-like run of characters.

Installed on the handler, not on loggers, so a record from any logger (a new
library, a new module of ours) passes through it. :func:`install` is idempotent.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from typing import Any

REDACTED = "<payload redacted>"
TOKEN = "<token>"

# discord.py 2.7 format strings whose last argument is a payload.
_GATEWAY_EVENT = "For Shard ID %s: WebSocket Event: %s"
_HTTP_SENT = "%s %s with %s has returned %s"
_HTTP_RECEIVED = "%s %s has received %s"

_SCRUBS: tuple[tuple[re.Pattern[str], str], ...] = (
    # A whole webhook URL (a webhook URL is a credential), with or without scheme and host.
    (re.compile(r"(?:https?://[^\s'\"<>]*?)?/webhooks/(\d+)/[^\s/?'\"<>]+"), r"<webhook \1>"),
    # Interaction callback URLs: keep the id, drop the token.
    (re.compile(r"/interactions/(\d+)/[^\s/?'\"<>]+"), rf"/interactions/\1/{TOKEN}"),
    # "token": "…" in JSON, 'token': '…' in a repr, token=… in a query or a message.
    (re.compile(r"([\"']token[\"']\s*:\s*)([\"'])[^\"']*\2", re.IGNORECASE), rf"\1\2{TOKEN}\2"),
    (re.compile(r"\b(token=)[^\s&'\"]+", re.IGNORECASE), rf"\1{TOKEN}"),
    # Anything shaped like a bot token (base64 id . timestamp . HMAC).
    (re.compile(r"\b[MNO][A-Za-z\d_-]{23,}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,}"), TOKEN),
    # Any long unbroken token-like run (interaction tokens are ~200 such characters).
    (re.compile(r"[A-Za-z0-9_-]{60,}"), TOKEN),
)


def scrub(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` with every secret and token-shaped value replaced."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, TOKEN)
    for pattern, replacement in _SCRUBS:
        text = pattern.sub(replacement, text)
    return text


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
    """Replace payload arguments of discord.py records with a placeholder; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if not isinstance(args, tuple) or not args:
            return True
        if record.msg == _GATEWAY_EVENT and len(args) == 2:
            record.args = (args[0], _event_summary(args[1]))
        elif record.msg in (_HTTP_SENT, _HTTP_RECEIVED):
            record.args = tuple(REDACTED if i == 2 and a is not None else a for i, a in enumerate(args))
        elif record.name.startswith("discord."):
            # Anything else from discord.py: keep scalars, hide bodies.
            record.args = tuple(REDACTED if _is_payload(a) else a for a in args)
        return True


class RedactingFormatter(logging.Formatter):
    """Formats with the handler's own formatter, then scrubs the finished text."""

    def __init__(self, inner: logging.Formatter, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.inner = inner
        self.secrets = tuple(s for s in secrets if s)

    def format(self, record: logging.LogRecord) -> str:
        return scrub(self.inner.format(record), self.secrets)


def install(secrets: Iterable[str] = ()) -> None:
    """Put the filter and the scrubbing formatter on every handler of the root logger (once)."""
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RedactPayloads) for f in handler.filters):
            handler.addFilter(RedactPayloads())
        current = handler.formatter or logging.Formatter()
        if isinstance(current, RedactingFormatter):
            current.secrets = tuple({*current.secrets, *(s for s in secrets if s)})
        else:
            handler.setFormatter(RedactingFormatter(current, secrets))

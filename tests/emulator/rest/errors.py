"""Discord's answers and refusals: the error shape, JSON bodies, snowflake parsing."""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web

from ..constants import JSON
from ..entities import InteractionRecord
from ..validation import FormErrors


class ApiError(Exception):
    """A refusal in Discord's shape; the middleware renders and records it."""

    def __init__(
        self,
        status: int,
        code: int,
        message: str,
        *,
        errors: FormErrors | None = None,
        detail: str = "",
        interaction: InteractionRecord | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors
        self.detail = detail or (errors.detail() if errors else "")
        self.interaction = interaction

    def body(self) -> JSON:
        if self.errors is not None:
            return self.errors.body()
        return {"message": self.message, "code": self.code}


def invalid_form(errors: FormErrors, interaction: InteractionRecord | None = None) -> ApiError:
    return ApiError(400, 50035, "Invalid Form Body", errors=errors, interaction=interaction)


def json_response(data: Any, status: int = 200) -> web.Response:
    return web.Response(
        status=status,
        body=json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode(),
        headers={"Content-Type": "application/json"},
    )


def no_content() -> web.Response:
    return web.Response(status=204)


def snowflake(value: str) -> int | None:
    return int(value) if value.isdigit() else None

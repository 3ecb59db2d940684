"""The REST plumbing every route shares: the middleware (faults, auth, rate-limit headers,
the request log, refusals recorded as violations), request bodies and the common lookups."""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import BodyPartReader, web

from ..constants import Perm
from ..entities import Channel, Guild, RequestLogEntry, UploadedFile
from ..faults import FaultInjector
from ..gateway import Gateway
from ..state import EmulatorState
from .errors import ApiError, json_response, snowflake

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class RestBase:
    """State, wiring and the helpers every family of routes uses."""

    def __init__(self, state: EmulatorState, gateway: Gateway, faults: FaultInjector) -> None:
        self.state = state
        self.gateway = gateway
        self.faults = faults
        self.prefix = f"/api/v{state.config.api_version}"

    # ------------------------------------------------------------- wiring

    def _route_of(self, request: web.Request) -> tuple[str, str]:
        """(path below the API base, route template below the API base)."""
        path = request.path[len(self.prefix) :]
        resource = request.match_info.route.resource
        template = resource.canonical[len(self.prefix) :] if resource is not None else path
        return path, template

    def _ratelimit_headers(self, bucket: str) -> dict[str, str]:
        config = self.state.config
        reset_after = config.rate_limit_reset_after
        return {
            "X-RateLimit-Limit": str(config.rate_limit),
            "X-RateLimit-Remaining": str(config.rate_limit - 1),
            "X-RateLimit-Reset": f"{time.time() + reset_after:.3f}",
            "X-RateLimit-Reset-After": f"{reset_after:.3f}",
            "X-RateLimit-Bucket": bucket,
        }

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if not request.path.startswith(self.prefix + "/"):
            return await handler(request)
        path, template = self._route_of(request)
        route = f"{request.method} {template}"
        bucket = hashlib.sha1(route.encode()).hexdigest()[:16]
        response: web.StreamResponse
        if request.match_info.http_exception is not None:
            status = request.match_info.http_exception.status
            message = (
                "404: Not Found" if status == 404 else f"{status}: {request.match_info.http_exception.reason}"
            )
            self.state.record_violation(
                "unknown_route",
                f"{request.method} {path}",
                status,
                0,
                message,
                "route not emulated (or not a Discord route)",
            )
            response = json_response({"message": message, "code": 0}, status)
        elif (rule := self.faults.pick(request.method, path, template)) is not None:
            response = self.faults.response(rule, bucket)
        elif self._needs_auth(template) and not self._authorized(request):
            error = ApiError(401, 0, "401: Unauthorized", detail="missing or wrong bot token")
            self._record(error, route)
            response = json_response(error.body(), 401)
        else:
            try:
                response = await handler(request)
            except ApiError as error:
                self._record(error, route)
                response = json_response(error.body(), error.status)
        if response.status != 429:
            response.headers.update(self._ratelimit_headers(bucket))
        self.state.requests.append(
            RequestLogEntry(self.state.now(), request.method, path, template, response.status)
        )
        self.state.changes.notify()
        return response

    def _record(self, error: ApiError, route: str) -> None:
        violation = self.state.record_violation(
            "rejected", route, error.status, error.code, error.message, error.detail
        )
        if error.interaction is not None:
            error.interaction.rejections.append(violation)

    @staticmethod
    def _needs_auth(template: str) -> bool:
        return not (
            template.startswith("/interactions/")
            or template.startswith("/webhooks/{application_id}/{token}")
            or template == "/gateway"
        )

    def _authorized(self, request: web.Request) -> bool:
        header = request.headers.get("Authorization", "")
        if not header.startswith("Bot "):
            return False
        return self.state.token_ok(header[4:].strip())

    # ------------------------------------------------------------ bodies

    async def _read_body(self, request: web.Request) -> tuple[Any, list[UploadedFile]]:
        """JSON, or multipart with payload_json + files[n] (what discord.py sends with files)."""
        if request.content_type.startswith("multipart/"):
            payload: Any = {}
            files: list[UploadedFile] = []
            reader = await request.multipart()
            async for part in reader:
                if not isinstance(part, BodyPartReader) or part.name is None:
                    continue
                name = part.name
                raw = bytes(await part.read(decode=False))
                if name == "payload_json":
                    try:
                        payload = json.loads(raw.decode() or "{}")
                    except ValueError as exc:
                        raise ApiError(400, 50109, "The request body contains invalid JSON.") from exc
                elif (match := re.fullmatch(r"files\[(\d+)\]", name)) or name.startswith("file"):
                    index = int(match.group(1)) if match else len(files)
                    filename = part.filename or f"file{index}"
                    content_type = part.headers.get("Content-Type")
                    files.append(UploadedFile(index, filename, content_type, raw))
            return payload, files
        text = await request.text()
        if not text.strip():
            return None, []
        try:
            return json.loads(text), []
        except ValueError as exc:
            raise ApiError(400, 50109, "The request body contains invalid JSON.") from exc

    # ------------------------------------------------------------ lookups

    def _channel(self, request: web.Request) -> Channel:
        channel_id = snowflake(request.match_info["channel_id"])
        channel = self.state.channels.get(channel_id) if channel_id is not None else None
        if channel is None:
            raise ApiError(404, 10003, "Unknown Channel")
        if channel.is_private:
            if self.state.bot.id not in channel.recipient_ids:
                raise ApiError(403, 50001, "Missing Access")
        else:
            guild = self.state.guilds[channel.guild_id or 0]
            if not self.state.bot_in(guild):
                raise ApiError(403, 50001, "Missing Access")
            perms = self.state.channel_permissions(guild, self.state.bot.id, channel)
            if not perms & Perm.VIEW_CHANNEL:
                raise ApiError(403, 50001, "Missing Access")
        return channel

    def _guild(self, request: web.Request) -> Guild:
        guild_id = snowflake(request.match_info["guild_id"])
        guild = self.state.guilds.get(guild_id) if guild_id is not None else None
        if guild is None:
            raise ApiError(404, 10004, "Unknown Guild")
        if not self.state.bot_in(guild):
            raise ApiError(403, 50001, "Missing Access")
        return guild

    def _check_application(self, request: web.Request) -> None:
        if request.match_info["application_id"] != str(self.state.application_id):
            raise ApiError(403, 50001, "Missing Access", detail="application id is not this bot's")

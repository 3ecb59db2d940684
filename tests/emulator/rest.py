"""REST routes discord.py uses, answering and refusing the way Discord does.

Every response carries a bare ``Content-Type: application/json`` (discord.py
parses JSON only then) and ``X-RateLimit-*`` headers. Every refusal uses
Discord's error shape and is appended to ``state.violations`` so a test suite
can assert at the end that the bot never asked for anything Discord refuses.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import BodyPartReader, web

from .faults import FaultInjector
from .gateway import Gateway
from .state import (
    JSON,
    CallbackType,
    Channel,
    ChannelType,
    EmulatorState,
    Guild,
    Intent,
    InteractionRecord,
    InteractionType,
    MessageFlag,
    Perm,
    RequestLogEntry,
    StoredAttachment,
    StoredMessage,
    UploadedFile,
    User,
    guess_content_type,
    iso_now,
    png_size,
)
from .validation import (
    FormErrors,
    validate_choices,
    validate_command,
    validate_message,
    validate_modal,
    walk_components,
)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

MENTION_RE = re.compile(r"@everyone|@here|<@!?(\d+)>|<@&(\d+)>")

# Which initial callback types each interaction type accepts.
_ALLOWED_CALLBACKS: dict[int, set[int]] = {
    InteractionType.PING: {CallbackType.PONG},
    InteractionType.APPLICATION_COMMAND: {
        CallbackType.CHANNEL_MESSAGE,
        CallbackType.DEFERRED_CHANNEL_MESSAGE,
        CallbackType.MODAL,
    },
    InteractionType.MESSAGE_COMPONENT: {
        CallbackType.CHANNEL_MESSAGE,
        CallbackType.DEFERRED_CHANNEL_MESSAGE,
        CallbackType.DEFERRED_UPDATE_MESSAGE,
        CallbackType.UPDATE_MESSAGE,
        CallbackType.MODAL,
    },
    InteractionType.AUTOCOMPLETE: {CallbackType.AUTOCOMPLETE_RESULT},
    InteractionType.MODAL_SUBMIT: {
        CallbackType.CHANNEL_MESSAGE,
        CallbackType.DEFERRED_CHANNEL_MESSAGE,
        CallbackType.DEFERRED_UPDATE_MESSAGE,
        CallbackType.UPDATE_MESSAGE,
    },
}
_MAX_COMMANDS = {1: 100, 2: 15, 3: 15, 4: 1}


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


def _plain_copy(value: Any) -> Any:
    """A deep copy of JSON-shaped data (dicts, lists, scalars). Several times faster than a
    json round trip for the component trees every reply carries, which matters when a
    benchmark sends 200 replies at once and the emulator must not be the bottleneck."""
    if isinstance(value, dict):
        return {key: _plain_copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain_copy(item) for item in value]
    return value


def json_response(data: Any, status: int = 200) -> web.Response:
    return web.Response(
        status=status,
        body=json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode(),
        headers={"Content-Type": "application/json"},
    )


def no_content() -> web.Response:
    return web.Response(status=204)


def unsuppressed_mentions(text: str, allowed: Any) -> list[str]:
    """Mentions in `text` that would actually ping under `allowed` (absent = all ping)."""
    if not text or "@" not in text:
        return []
    parse: set[str] = set()
    users: set[str] = set()
    roles: set[str] = set()
    if isinstance(allowed, dict):
        parse = {str(p) for p in allowed.get("parse") or []}
        users = {str(u) for u in allowed.get("users") or []}
        roles = {str(r) for r in allowed.get("roles") or []}
    pinging: list[str] = []
    for match in MENTION_RE.finditer(text):
        if allowed is None:
            pinging.append(match.group(0))
        elif match.group(1):
            if "users" in parse or match.group(1) in users:
                pinging.append(match.group(0))
        elif match.group(2):
            if "roles" in parse or match.group(2) in roles:
                pinging.append(match.group(0))
        elif "everyone" in parse:
            pinging.append(match.group(0))
    return pinging


def _snowflake(value: str) -> int | None:
    return int(value) if value.isdigit() else None


class RestApi:
    """The HTTP side of the emulator. Holds no state of its own beyond wiring."""

    def __init__(self, state: EmulatorState, gateway: Gateway, faults: FaultInjector) -> None:
        self.state = state
        self.gateway = gateway
        self.faults = faults
        self.prefix = f"/api/v{state.config.api_version}"

    # ------------------------------------------------------------- wiring

    def register(self, app: web.Application) -> None:
        p = self.prefix
        add = app.router.add_route
        add("GET", p + "/users/@me", self.get_me)
        add("POST", p + "/users/@me/channels", self.open_dm)
        add("GET", p + "/users/{user_id}", self.get_user)
        add("GET", p + "/applications/@me", self.get_application)
        add("PATCH", p + "/applications/@me", self.get_application)
        add("GET", p + "/oauth2/applications/@me", self.get_application)
        add("GET", p + "/gateway", self.get_gateway)
        add("GET", p + "/gateway/bot", self.get_gateway_bot)
        for base in (
            "/applications/{application_id}/commands",
            "/applications/{application_id}/guilds/{guild_id}/commands",
        ):
            add("GET", p + base, self.list_commands)
            add("PUT", p + base, self.overwrite_commands)
            add("POST", p + base, self.create_command)
            add("GET", p + base + "/{command_id}", self.get_command)
            add("PATCH", p + base + "/{command_id}", self.edit_command)
            add("DELETE", p + base + "/{command_id}", self.delete_command)
        add("POST", p + "/interactions/{interaction_id}/{token}/callback", self.callback)
        add("POST", p + "/webhooks/{application_id}/{token}", self.followup)
        for method, handler in (
            ("GET", self.get_webhook_message),
            ("PATCH", self.edit_webhook_message),
            ("DELETE", self.delete_webhook_message),
        ):
            add(method, p + "/webhooks/{application_id}/{token}/messages/{message_id}", handler)
        add("GET", p + "/channels/{channel_id}", self.get_channel)
        add("POST", p + "/channels/{channel_id}/typing", self.typing)
        add("GET", p + "/channels/{channel_id}/messages", self.list_messages)
        add("POST", p + "/channels/{channel_id}/messages", self.create_message)
        add("GET", p + "/channels/{channel_id}/messages/{message_id}", self.get_message)
        add("PATCH", p + "/channels/{channel_id}/messages/{message_id}", self.edit_message)
        add("DELETE", p + "/channels/{channel_id}/messages/{message_id}", self.delete_message)
        add("GET", p + "/guilds/{guild_id}", self.get_guild)
        add("GET", p + "/guilds/{guild_id}/channels", self.get_guild_channels)
        add("GET", p + "/guilds/{guild_id}/roles", self.get_guild_roles)
        add("GET", p + "/guilds/{guild_id}/members/{user_id}", self.get_member)
        app.middlewares.append(self.middleware)

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
        channel_id = _snowflake(request.match_info["channel_id"])
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
        guild_id = _snowflake(request.match_info["guild_id"])
        guild = self.state.guilds.get(guild_id) if guild_id is not None else None
        if guild is None:
            raise ApiError(404, 10004, "Unknown Guild")
        if not self.state.bot_in(guild):
            raise ApiError(403, 50001, "Missing Access")
        return guild

    def _check_application(self, request: web.Request) -> None:
        if request.match_info["application_id"] != str(self.state.application_id):
            raise ApiError(403, 50001, "Missing Access", detail="application id is not this bot's")

    # -------------------------------------------------------- simple GETs

    async def get_me(self, request: web.Request) -> web.Response:
        data = self.state.bot.payload()
        data.update({"verified": True, "mfa_enabled": False, "locale": "en-US", "email": None})
        return json_response(data)

    async def get_user(self, request: web.Request) -> web.Response:
        user_id = _snowflake(request.match_info["user_id"])
        user = self.state.users.get(user_id) if user_id is not None else None
        if user is None:
            raise ApiError(404, 10013, "Unknown User")
        return json_response(user.payload())

    async def get_application(self, request: web.Request) -> web.Response:
        return json_response(self.state.application_payload())

    async def get_gateway(self, request: web.Request) -> web.Response:
        return json_response({"url": self.gateway.url})

    async def get_gateway_bot(self, request: web.Request) -> web.Response:
        return json_response(
            {
                "url": self.gateway.url,
                "shards": self.state.config.shards,
                "session_start_limit": {
                    "total": 1000,
                    "remaining": 999,
                    "reset_after": 86_400_000,
                    "max_concurrency": 1,
                },
            }
        )

    async def get_guild(self, request: web.Request) -> web.Response:
        return json_response(self.state.guild_rest_payload(self._guild(request)))

    async def get_guild_channels(self, request: web.Request) -> web.Response:
        guild = self._guild(request)
        return json_response([self.state.channel_payload(self.state.channels[c]) for c in guild.channel_ids])

    async def get_guild_roles(self, request: web.Request) -> web.Response:
        guild = self._guild(request)
        return json_response([r.payload() for r in guild.roles.values()])

    async def get_member(self, request: web.Request) -> web.Response:
        guild = self._guild(request)
        user_id = _snowflake(request.match_info["user_id"])
        member = guild.members.get(user_id) if user_id is not None else None
        if member is None:
            raise ApiError(404, 10007, "Unknown Member")
        return json_response(member.payload())

    async def get_channel(self, request: web.Request) -> web.Response:
        channel = self._channel(request)
        return json_response(self.state.channel_payload(channel, viewer=self.state.bot))

    async def typing(self, request: web.Request) -> web.Response:
        self._channel(request)
        return no_content()

    # -------------------------------------------------------------- commands

    def _command_scope(self, request: web.Request) -> int | None:
        self._check_application(request)
        if "guild_id" not in request.match_info:
            return None
        guild = self._guild(request)
        return int(guild.id)

    def _command_record(self, body: JSON, guild_id: int | None, existing: JSON | None) -> JSON:
        kind = body.get("type", 1)
        record: JSON = {
            "id": existing["id"] if existing else str(self.state.next_id()),
            "application_id": str(self.state.application_id),
            "version": str(self.state.next_id()),
            "type": kind,
            "name": body["name"],
            "name_localizations": body.get("name_localizations"),
            "description": body.get("description", "") if kind == 1 else "",
            "description_localizations": body.get("description_localizations"),
            "default_member_permissions": body.get("default_member_permissions"),
            "nsfw": bool(body.get("nsfw", False)),
            "contexts": body.get("contexts"),
            "integration_types": body.get("integration_types") or [0],
        }
        if guild_id is not None:
            record["guild_id"] = str(guild_id)
        else:
            record["dm_permission"] = body.get("dm_permission", True) is not False
        if body.get("options"):
            record["options"] = body["options"]
        return record

    def _commands_written(self, request: web.Request) -> None:
        self.state.command_writes.append((self.state.now(), f"{request.method} {request.path}"))
        self.state.changes.notify()

    async def list_commands(self, request: web.Request) -> web.Response:
        scope = self._command_scope(request)
        return json_response(list(self.state.iter_commands(scope)))

    async def overwrite_commands(self, request: web.Request) -> web.Response:
        scope = self._command_scope(request)
        body, _ = await self._read_body(request)
        errors = FormErrors()
        if not isinstance(body, list):
            errors.add((), "BASE_TYPE_ARRAY", "Must be an array.")
            raise invalid_form(errors)
        seen: set[tuple[int, str]] = set()
        counts: dict[int, int] = {}
        for index, command in enumerate(body):
            validate_command(command, errors, (index,))
            if isinstance(command, dict) and isinstance(command.get("name"), str):
                key = (command.get("type", 1), command["name"])
                if key in seen:
                    errors.add(
                        (index, "name"),
                        "APPLICATION_COMMANDS_DUPLICATE_NAME",
                        "Application command names must be unique",
                    )
                seen.add(key)
                counts[key[0]] = counts.get(key[0], 0) + 1
        for kind, count in counts.items():
            if count > _MAX_COMMANDS.get(kind, 100):
                errors.add(
                    (),
                    "BASE_TYPE_MAX_LENGTH",
                    f"Must be {_MAX_COMMANDS.get(kind, 100)} or fewer commands of type {kind}.",
                )
        if errors:
            raise invalid_form(errors)
        old = {(c["type"], c["name"]): c for c in self.state.iter_commands(scope)}
        fresh: dict[int, JSON] = {}
        for command in body:
            record = self._command_record(command, scope, old.get((command.get("type", 1), command["name"])))
            fresh[int(record["id"])] = record
        self.state.commands[scope] = fresh
        self._commands_written(request)
        return json_response(list(fresh.values()))

    async def create_command(self, request: web.Request) -> web.Response:
        scope = self._command_scope(request)
        body, _ = await self._read_body(request)
        errors = FormErrors()
        validate_command(body, errors)
        if errors:
            raise invalid_form(errors)
        table = self.state.commands.setdefault(scope, {})
        existing = next(
            (c for c in table.values() if c["name"] == body["name"] and c["type"] == body.get("type", 1)),
            None,
        )
        if existing is None and sum(1 for c in table.values() if c["type"] == body.get("type", 1)) >= 100:
            raise ApiError(400, 30032, "Maximum number of application commands reached")
        record = self._command_record(body, scope, existing)
        table[int(record["id"])] = record
        self._commands_written(request)
        return json_response(record, 200 if existing else 201)

    def _find_command(self, request: web.Request) -> tuple[int | None, JSON]:
        scope = self._command_scope(request)
        command_id = _snowflake(request.match_info["command_id"])
        command = self.state.commands.get(scope, {}).get(command_id or 0)
        if command is None:
            raise ApiError(404, 10063, "Unknown application command")
        return scope, command

    async def get_command(self, request: web.Request) -> web.Response:
        _, command = self._find_command(request)
        return json_response(command)

    async def edit_command(self, request: web.Request) -> web.Response:
        scope, command = self._find_command(request)
        body, _ = await self._read_body(request)
        merged = {**command, **(body if isinstance(body, dict) else {})}
        errors = FormErrors()
        validate_command(merged, errors)
        if errors:
            raise invalid_form(errors)
        record = self._command_record(merged, scope, command)
        self.state.commands[scope][int(record["id"])] = record
        self._commands_written(request)
        return json_response(record)

    async def delete_command(self, request: web.Request) -> web.Response:
        scope, command = self._find_command(request)
        del self.state.commands[scope][int(command["id"])]
        self._commands_written(request)
        return no_content()

    # ------------------------------------------------------------ messages

    def _attachment_url(self, channel_id: int, attachment_id: int, filename: str) -> str:
        return f"{self.state.base_url}/attachments/{channel_id}/{attachment_id}/{filename}"

    def _store_file(
        self, channel_id: int, upload: UploadedFile, spec: JSON | None, ephemeral: bool
    ) -> StoredAttachment:
        attachment_id = self.state.next_id()
        filename = str((spec or {}).get("filename") or upload.filename)
        size = png_size(upload.data)
        return StoredAttachment(
            id=attachment_id,
            filename=filename,
            data=upload.data,
            content_type=guess_content_type(filename, upload.content_type),
            url=self._attachment_url(channel_id, attachment_id, filename),
            description=(spec or {}).get("description"),
            ephemeral=ephemeral,
            width=size[0] if size else None,
            height=size[1] if size else None,
        )

    def _attachments(
        self,
        body: JSON,
        files: list[UploadedFile],
        existing: list[StoredAttachment],
        channel_id: int,
        path: tuple[str | int, ...],
        *,
        ephemeral: bool,
    ) -> list[StoredAttachment]:
        """Resolve `attachments` (new uploads by index, kept ones by id) like Discord."""
        total = sum(len(f.data) for f in files)
        if total > self.state.config.attachment_size_limit:
            raise ApiError(
                413,
                40005,
                "Request entity too large",
                detail=f"{total} bytes of files > {self.state.config.attachment_size_limit}",
            )
        by_index = {f.index: f for f in files}
        spec = body.get("attachments")
        if spec is None:
            return [*existing, *(self._store_file(channel_id, f, None, ephemeral) for f in files)]
        errors = FormErrors()
        result: list[StoredAttachment] = []
        used: set[int] = set()
        if not isinstance(spec, list):
            errors.add((*path, "attachments"), "BASE_TYPE_ARRAY", "Must be an array.")
            raise invalid_form(errors)
        for i, item in enumerate(spec):
            raw_id = item.get("id") if isinstance(item, dict) else None
            try:
                number = int(str(raw_id))
            except ValueError:
                errors.add(
                    (*path, "attachments", i, "id"),
                    "NUMBER_TYPE_COERCE",
                    f'Value "{raw_id}" is not snowflake.',
                )
                continue
            upload = by_index.get(number)
            if upload is not None and number not in used:
                used.add(number)
                result.append(self._store_file(channel_id, upload, item, ephemeral))
                continue
            kept = next((a for a in existing if a.id == number), None)
            if kept is None:
                errors.add((*path, "attachments", i, "id"), "ATTACHMENT_NOT_FOUND", "Unknown attachment")
                continue
            result.append(kept)
        if errors:
            raise invalid_form(errors)
        result.extend(self._store_file(channel_id, f, None, ephemeral) for f in files if f.index not in used)
        return result

    @staticmethod
    def _normalize_components(components: list[JSON]) -> list[JSON]:
        """Discord numbers components it was not given an id for."""
        copied: list[JSON] = _plain_copy(components)
        everything = walk_components(copied)
        taken = {c["id"] for c in everything if isinstance(c.get("id"), int)}
        counter = 0
        for component in everything:
            if not isinstance(component.get("id"), int):
                counter += 1
                while counter in taken:
                    counter += 1
                component["id"] = counter
        return copied

    @staticmethod
    def _normalize_embeds(embeds: list[JSON]) -> list[JSON]:
        return [{"type": "rich", **embed} for embed in embeds]

    def _visible_text(self, message: StoredMessage) -> str:
        texts = [message.content]
        if message.flags & MessageFlag.IS_COMPONENTS_V2:
            texts.extend(
                str(c.get("content", "")) for c in walk_components(message.components) if c.get("type") == 10
            )
        return "\n".join(texts)

    def _apply_mentions(self, message: StoredMessage, route: str) -> None:
        """Fill mention fields; record a violation if the bot's text would ping someone."""
        pinging = unsuppressed_mentions(self._visible_text(message), message.allowed_mentions)
        user_ids = {m.group(1) for m in MENTION_RE.finditer(message.content) if m.group(1)}
        allowed_pings = set(pinging)
        message.mentions = [
            self.state.users[int(u)].payload()
            for u in user_ids
            if int(u) in self.state.users and (f"<@{u}>" in allowed_pings or f"<@!{u}>" in allowed_pings)
        ]
        message.mention_roles = [
            m.group(2)
            for m in MENTION_RE.finditer(message.content)
            if m.group(2) and m.group(0) in allowed_pings
        ]
        message.mention_everyone = any(p in ("@everyone", "@here") for p in pinging)
        if pinging and message.author.id == self.state.bot.id:
            self.state.record_violation(
                "mention",
                route,
                200,
                0,
                "mention not suppressed",
                f"message {message.id} would ping {', '.join(sorted(set(pinging)))}; "
                f"allowed_mentions={json.dumps(message.allowed_mentions)}",
            )

    def _message_from_body(
        self,
        *,
        channel: Channel,
        body: JSON,
        files: list[UploadedFile],
        author: User,
        route: str,
        path: tuple[str | int, ...] = (),
        interaction: InteractionRecord | None = None,
        ephemeral: bool = False,
        loading: bool = False,
        message_type: int = 0,
    ) -> StoredMessage:
        """Validate and build (but do not store) a new message."""
        flags = int(body.get("flags") or 0) & MessageFlag.SETTABLE
        if interaction is None:
            flags &= ~MessageFlag.EPHEMERAL
        if ephemeral:
            flags |= MessageFlag.EPHEMERAL
        if loading:
            flags |= MessageFlag.LOADING
        errors = FormErrors()
        validate_message(body, errors, path, attachments_count=len(files))
        if errors:
            raise invalid_form(errors, interaction)
        message = StoredMessage(
            id=self.state.next_id(),
            channel_id=channel.id,
            guild_id=channel.guild_id,
            author=author,
            content=str(body.get("content") or ""),
            embeds=self._normalize_embeds(body.get("embeds") or []),
            components=self._normalize_components(body.get("components") or []),
            flags=flags,
            tts=bool(body.get("tts", False)),
            type=message_type,
            allowed_mentions=body.get("allowed_mentions"),
            message_reference=body.get("message_reference"),
            poll=body.get("poll"),
        )
        message.attachments = self._attachments(
            body, files, [], channel.id, path, ephemeral=bool(flags & MessageFlag.EPHEMERAL)
        )
        if not loading and self._is_empty(message):
            raise ApiError(400, 50006, "Cannot send an empty message", interaction=interaction)
        if interaction is not None:
            self._stamp_interaction(message, interaction)
        return message

    @staticmethod
    def _is_empty(message: StoredMessage) -> bool:
        return not (
            message.content or message.embeds or message.components or message.attachments or message.poll
        )

    def _stamp_interaction(self, message: StoredMessage, rec: InteractionRecord) -> None:
        message.webhook_id = self.state.application_id
        message.application_id = self.state.application_id
        message.interaction_id = rec.id
        metadata: JSON = {
            "id": str(rec.id),
            "type": rec.type,
            "user": rec.user.payload(),
            "authorizing_integration_owners": rec.payload.get("authorizing_integration_owners", {}),
        }
        data = rec.payload.get("data") or {}
        if rec.type == InteractionType.APPLICATION_COMMAND:
            metadata["name"] = data.get("name")
            metadata["command_type"] = data.get("type", 1)
        if rec.component_message_id is not None:
            metadata["interacted_message_id"] = str(rec.component_message_id)
        if rec.original_message_id is not None and rec.original_message_id != message.id:
            metadata["original_response_message_id"] = str(rec.original_message_id)
        message.interaction_metadata = metadata
        if rec.type == InteractionType.APPLICATION_COMMAND:
            legacy: JSON = {
                "id": str(rec.id),
                "type": rec.type,
                "name": data.get("name"),
                "user": rec.user.payload(),
            }
            message.interaction_legacy = legacy

    def _edit(
        self,
        message: StoredMessage,
        body: JSON,
        files: list[UploadedFile],
        route: str,
        *,
        path: tuple[str | int, ...] = (),
        interaction: InteractionRecord | None = None,
    ) -> None:
        """Apply an edit: provided fields replace, attachments follow Discord's keep/upload rules."""
        new_flags = message.flags
        if "flags" in body and body["flags"] is not None:
            wanted = int(body["flags"])
            for bit in (MessageFlag.SUPPRESS_EMBEDS, MessageFlag.IS_COMPONENTS_V2):
                new_flags = (new_flags | bit) if wanted & bit else (new_flags & ~bit)
        if message.flags & MessageFlag.IS_COMPONENTS_V2:
            new_flags |= MessageFlag.IS_COMPONENTS_V2  # cannot be removed once set
        check = {k: v for k, v in body.items() if k in ("content", "embeds", "components")}
        check["flags"] = new_flags & ~MessageFlag.LOADING & ~MessageFlag.EPHEMERAL
        if new_flags & MessageFlag.IS_COMPONENTS_V2:
            check.setdefault("content", body.get("content", message.content))
            check.setdefault("embeds", message.embeds)
        errors = FormErrors()
        validate_message(check, errors, path, attachments_count=len(files))
        if errors:
            raise invalid_form(errors, interaction)
        attachments = message.attachments
        if "attachments" in body or files:
            attachments = self._attachments(
                body, files, message.attachments, message.channel_id, path, ephemeral=message.ephemeral
            )
        content = str(body["content"] or "") if "content" in body else message.content
        embeds = self._normalize_embeds(body["embeds"] or []) if "embeds" in body else message.embeds
        components = (
            self._normalize_components(body["components"] or [])
            if "components" in body
            else message.components
        )
        if not (content or embeds or components or attachments or message.poll):
            raise ApiError(400, 50006, "Cannot send an empty message", interaction=interaction)
        was_loading = message.loading
        message.content, message.embeds, message.components = content, embeds, components
        message.attachments = attachments
        message.flags = new_flags & ~MessageFlag.LOADING
        if "allowed_mentions" in body:
            message.allowed_mentions = body["allowed_mentions"]
        if not was_loading:
            message.edited_timestamp = iso_now()
        message.edit_count += 1
        self._apply_mentions(message, route)
        self.state.changes.notify()

    def _gateway_message(self, message: StoredMessage) -> JSON:
        data = message.payload()
        if message.guild_id is not None:
            data["guild_id"] = str(message.guild_id)
            guild = self.state.guilds.get(message.guild_id)
            member = guild.members.get(message.author.id) if guild else None
            if member is not None:
                data["member"] = member.payload(with_user=False)
        return data

    @staticmethod
    def _intent_for(message: StoredMessage) -> int:
        return Intent.GUILD_MESSAGES if message.guild_id is not None else Intent.DIRECT_MESSAGES

    async def announce_create(self, message: StoredMessage) -> None:
        """MESSAGE_CREATE for what everyone can see (never for ephemeral messages)."""
        if message.ephemeral:
            return
        await self.gateway.dispatch(
            "MESSAGE_CREATE",
            self._gateway_message(message),
            guild_id=message.guild_id,
            intent=self._intent_for(message),
        )

    async def announce_update(self, message: StoredMessage) -> None:
        if message.ephemeral:
            return
        await self.gateway.dispatch(
            "MESSAGE_UPDATE",
            self._gateway_message(message),
            guild_id=message.guild_id,
            intent=self._intent_for(message),
        )

    async def announce_delete(self, message: StoredMessage) -> None:
        if message.ephemeral:
            return
        data: JSON = {"id": str(message.id), "channel_id": str(message.channel_id)}
        if message.guild_id is not None:
            data["guild_id"] = str(message.guild_id)
        await self.gateway.dispatch(
            "MESSAGE_DELETE", data, guild_id=message.guild_id, intent=self._intent_for(message)
        )

    # ---------------------------------------------------- channel messages

    def _check_can_send(self, channel: Channel, files: list[UploadedFile]) -> None:
        if channel.is_private:
            for user_id in channel.recipient_ids:
                user = self.state.users[user_id]
                if user.id != self.state.bot.id and (not user.dms_open or user.bot):
                    raise ApiError(
                        403,
                        50007,
                        "Cannot send messages to this user",
                        detail=f"user {user.id} does not accept DMs",
                    )
            return
        if channel.type not in (
            ChannelType.GUILD_TEXT,
            ChannelType.GUILD_ANNOUNCEMENT,
            ChannelType.GUILD_VOICE,
        ):
            raise ApiError(400, 50008, "Cannot send messages in a non-text channel")
        guild = self.state.guilds[channel.guild_id or 0]
        perms = self.state.channel_permissions(guild, self.state.bot.id, channel)
        if not perms & Perm.SEND_MESSAGES or (files and not perms & Perm.ATTACH_FILES):
            raise ApiError(403, 50013, "Missing Permissions")

    async def create_message(self, request: web.Request) -> web.Response:
        channel = self._channel(request)
        body, files = await self._read_body(request)
        if not isinstance(body, dict):
            body = {}
        self._check_can_send(channel, files)
        route = f"POST {self._route_of(request)[1]}"
        message = self._message_from_body(
            channel=channel, body=body, files=files, author=self.state.bot, route=route
        )
        reply_to = (body.get("message_reference") or {}).get("message_id")
        if reply_to is not None:
            message.type = 19
        self.state.store_message(message)
        self._apply_mentions(message, route)
        await self.announce_create(message)
        return json_response(message.payload())

    def _channel_message(self, request: web.Request) -> tuple[Channel, StoredMessage]:
        channel = self._channel(request)
        message_id = _snowflake(request.match_info["message_id"])
        message = self.state.messages.get(message_id) if message_id is not None else None
        if message is None or message.deleted or message.channel_id != channel.id or message.ephemeral:
            raise ApiError(404, 10008, "Unknown Message")
        return channel, message

    async def get_message(self, request: web.Request) -> web.Response:
        _, message = self._channel_message(request)
        return json_response(message.payload())

    async def list_messages(self, request: web.Request) -> web.Response:
        channel = self._channel(request)
        try:
            limit = int(request.query.get("limit", "50"))
        except ValueError:
            limit = 50
        if not 1 <= limit <= 100:
            errors = FormErrors()
            errors.add(("limit",), "NUMBER_TYPE_MAX", "int value should be less than or equal to 100.")
            raise invalid_form(errors)
        messages = self.state.channel_messages(channel.id)
        before = _snowflake(request.query.get("before", ""))
        after = _snowflake(request.query.get("after", ""))
        if before is not None:
            messages = [m for m in messages if m.id < before]
        if after is not None:
            messages = [m for m in messages if m.id > after]
            return json_response([m.payload() for m in reversed(messages[:limit])])
        return json_response([m.payload() for m in reversed(messages[-limit:])])

    async def edit_message(self, request: web.Request) -> web.Response:
        _, message = self._channel_message(request)
        if message.author.id != self.state.bot.id:
            raise ApiError(403, 50005, "Cannot edit a message authored by another user")
        body, files = await self._read_body(request)
        self._edit(
            message, body if isinstance(body, dict) else {}, files, f"PATCH {self._route_of(request)[1]}"
        )
        await self.announce_update(message)
        return json_response(message.payload())

    async def delete_message(self, request: web.Request) -> web.Response:
        _, message = self._channel_message(request)
        if message.author.id != self.state.bot.id:
            raise ApiError(403, 50013, "Missing Permissions")
        message.deleted = True
        self.state.changes.notify()
        await self.announce_delete(message)
        return no_content()

    async def open_dm(self, request: web.Request) -> web.Response:
        body, _ = await self._read_body(request)
        recipient = _snowflake(str((body or {}).get("recipient_id", "")))
        user = self.state.users.get(recipient) if recipient is not None else None
        if user is None or user.id == self.state.bot.id:
            raise ApiError(400, 50033, "Invalid Recipient(s)")
        if not self.state.mutual_guilds(user.id) and user.id not in self.state.dm_channels:
            raise ApiError(
                403,
                50278,
                "Cannot send messages to this user due to having no mutual guilds",
                detail=f"user {user.id} shares no server with the bot",
            )
        channel = self.state.ensure_dm_channel(user)
        return json_response(self.state.channel_payload(channel, viewer=self.state.bot))

    # ---------------------------------------------------------- interactions

    def fail_interaction(self, rec: InteractionRecord, reason: str) -> None:
        """Mark an interaction as "This interaction failed" (once) and record it."""
        if rec.failed:
            return
        rec.failed = True
        self.state.record_violation(
            "failed_interaction",
            f"INTERACTION_CREATE {rec.description}",
            0,
            10062,
            "This interaction failed",
            f"interaction {rec.id}: {reason}",
        )

    def check_deadline(self, rec: InteractionRecord) -> None:
        """Called by a timer (and by tests that move the clock): no reply in time = failed."""
        if (
            rec.response_type is None
            and self.state.now() - rec.created_at > self.state.config.response_deadline
        ):
            self.fail_interaction(
                rec, f"no initial response within {self.state.config.response_deadline:g} s"
            )

    async def callback(self, request: web.Request) -> web.Response:
        interaction_id = _snowflake(request.match_info["interaction_id"])
        rec = self.state.interactions.get(interaction_id or 0)
        if rec is None or rec.token != request.match_info["token"]:
            raise ApiError(404, 10062, "Unknown interaction", detail="no interaction with this id and token")
        if rec.callback_received_at is None:
            rec.callback_received_at = self.state.now()
        if rec.response_type is not None:
            raise ApiError(
                400,
                40060,
                "Interaction has already been acknowledged.",
                interaction=rec,
                detail=f"interaction {rec.id} ({rec.description}) was answered with type {rec.response_type}",
            )
        age = self.state.now() - rec.created_at
        deadline = self.state.config.response_deadline
        if rec.failed or age > deadline:
            self.fail_interaction(rec, f"no initial response within {deadline:g} s")
            raise ApiError(
                404,
                10062,
                "Unknown interaction",
                interaction=rec,
                detail=f"first response {age:.3f} s after dispatch; deadline {deadline:g} s",
            )
        body, files = await self._read_body(request)
        errors = FormErrors()
        if not isinstance(body, dict) or not isinstance(body.get("type"), int):
            errors.required(("type",))
            raise invalid_form(errors, rec)
        kind = body["type"]
        allowed = set(_ALLOWED_CALLBACKS.get(rec.type, set()))
        if rec.component_message_id is None:
            allowed -= {CallbackType.DEFERRED_UPDATE_MESSAGE, CallbackType.UPDATE_MESSAGE}
        if kind not in allowed:
            errors.add(
                ("type",),
                "INTERACTION_CALLBACK_TYPE_INVALID",
                f"Callback type {kind} is not valid for interaction type {rec.type}",
            )
            raise invalid_form(errors, rec)
        data = body.get("data")
        route = f"POST {self._route_of(request)[1]}"
        channel = self.state.channels[rec.channel_id]
        message: StoredMessage | None = None
        if kind == CallbackType.CHANNEL_MESSAGE:
            data = data if isinstance(data, dict) else {}
            ephemeral = bool(int(data.get("flags") or 0) & MessageFlag.EPHEMERAL)
            message = self._message_from_body(
                channel=channel,
                body=data,
                files=files,
                author=self.state.bot,
                route=route,
                path=("data",),
                interaction=rec,
                ephemeral=ephemeral,
                message_type=20 if rec.type == InteractionType.APPLICATION_COMMAND else 0,
            )
        elif kind == CallbackType.DEFERRED_CHANNEL_MESSAGE:
            flags = int((data or {}).get("flags") or 0) if isinstance(data, dict) else 0
            message = self._message_from_body(
                channel=channel,
                body={},
                files=[],
                author=self.state.bot,
                route=route,
                path=("data",),
                interaction=rec,
                ephemeral=bool(flags & MessageFlag.EPHEMERAL),
                loading=True,
                message_type=20 if rec.type == InteractionType.APPLICATION_COMMAND else 0,
            )
        elif kind == CallbackType.UPDATE_MESSAGE:
            target = self.state.messages[rec.component_message_id or 0]
            self._edit(
                target, data if isinstance(data, dict) else {}, files, route, path=("data",), interaction=rec
            )
            rec.component_message_edited = True
        elif kind == CallbackType.AUTOCOMPLETE_RESULT:
            validate_choices(data, errors, ("data",))
            if errors or not isinstance(data, dict):
                raise invalid_form(errors, rec)
            rec.choices = list(data["choices"])
        elif kind == CallbackType.MODAL:
            validate_modal(data, errors, ("data",))
            if errors:
                raise invalid_form(errors, rec)
            rec.modal = data
        rec.response_type = kind
        rec.responded_at = self.state.now()
        rec.response_data = data if isinstance(data, dict) else None
        if message is not None:
            rec.original_message_id = message.id
            rec.message_ids.append(message.id)
            self.state.store_message(message)
            self._apply_mentions(message, route)
            await self.announce_create(message)
        elif kind == CallbackType.UPDATE_MESSAGE:
            await self.announce_update(self.state.messages[rec.component_message_id or 0])
        self.state.changes.notify()
        if request.query.get("with_response") not in ("1", "true", "True"):
            return no_content()
        return json_response(self._callback_response(rec, kind, message))

    def _callback_response(self, rec: InteractionRecord, kind: int, message: StoredMessage | None) -> JSON:
        """The InteractionCallbackResponse body (with_response=1); discord.py files views by its ids."""
        interaction: JSON = {"id": str(rec.id), "type": rec.type}
        resource: JSON = {"type": kind}
        shown = message
        if kind == CallbackType.UPDATE_MESSAGE:
            shown = self.state.messages[rec.component_message_id or 0]
        if shown is not None:
            interaction["response_message_id"] = str(shown.id)
            interaction["response_message_loading"] = shown.loading
            interaction["response_message_ephemeral"] = shown.ephemeral
            if kind in (CallbackType.CHANNEL_MESSAGE, CallbackType.UPDATE_MESSAGE):
                resource["message"] = shown.payload()
        return {"interaction": interaction, "resource": resource}

    def _webhook_interaction(self, request: web.Request) -> InteractionRecord:
        if request.match_info["application_id"] != str(self.state.application_id):
            raise ApiError(404, 10015, "Unknown Webhook", detail="webhook id is not this application")
        rec = self.state.interactions_by_token.get(request.match_info["token"])
        if rec is None:
            raise ApiError(404, 10015, "Unknown Webhook", detail="no interaction has this token")
        age = self.state.now() - rec.created_at
        if age > self.state.config.token_lifetime:
            raise ApiError(
                404,
                10015,
                "Unknown Webhook",
                interaction=rec,
                detail=f"interaction token expired ({age:.0f} s old; lifetime "
                f"{self.state.config.token_lifetime:g} s)",
            )
        if rec.response_type is None:
            raise ApiError(
                404,
                10015,
                "Unknown Webhook",
                interaction=rec,
                detail="the interaction has no initial response yet",
            )
        if rec.response_type == CallbackType.AUTOCOMPLETE_RESULT:
            raise ApiError(
                404,
                10015,
                "Unknown Webhook",
                interaction=rec,
                detail="autocomplete interactions cannot follow up",
            )
        return rec

    def _webhook_target(self, rec: InteractionRecord, raw_id: str) -> StoredMessage:
        if raw_id == "@original":
            if rec.response_type in (CallbackType.DEFERRED_UPDATE_MESSAGE, CallbackType.UPDATE_MESSAGE):
                target_id = rec.component_message_id
            else:
                target_id = rec.original_message_id
        else:
            target_id = _snowflake(raw_id)
            if target_id not in rec.message_ids and target_id != rec.component_message_id:
                target_id = None
        message = self.state.messages.get(target_id) if target_id is not None else None
        if message is None or message.deleted:
            raise ApiError(404, 10008, "Unknown Message", interaction=rec)
        return message

    async def followup(self, request: web.Request) -> web.Response:
        rec = self._webhook_interaction(request)
        body, files = await self._read_body(request)
        body = body if isinstance(body, dict) else {}
        route = f"POST {self._route_of(request)[1]}"
        original = self.state.messages.get(rec.original_message_id or 0)
        if (
            rec.response_type == CallbackType.DEFERRED_CHANNEL_MESSAGE
            and original is not None
            and original.loading
        ):
            # Discord's documented legacy behaviour: the first follow-up after a
            # deferral edits the "thinking" message instead of creating one.
            self._edit(original, body, files, route, interaction=rec)
            message = original
            await self.announce_update(message)
        else:
            channel = self.state.channels[rec.channel_id]
            ephemeral = bool(int(body.get("flags") or 0) & MessageFlag.EPHEMERAL)
            message = self._message_from_body(
                channel=channel,
                body=body,
                files=files,
                author=self.state.bot,
                route=route,
                interaction=rec,
                ephemeral=ephemeral,
            )
            rec.message_ids.append(message.id)
            self.state.store_message(message)
            self._apply_mentions(message, route)
            await self.announce_create(message)
        self.state.changes.notify()
        if request.query.get("wait") in ("1", "true", "True"):
            return json_response(message.payload())
        return no_content()

    async def get_webhook_message(self, request: web.Request) -> web.Response:
        rec = self._webhook_interaction(request)
        return json_response(self._webhook_target(rec, request.match_info["message_id"]).payload())

    async def edit_webhook_message(self, request: web.Request) -> web.Response:
        rec = self._webhook_interaction(request)
        message = self._webhook_target(rec, request.match_info["message_id"])
        body, files = await self._read_body(request)
        self._edit(
            message,
            body if isinstance(body, dict) else {},
            files,
            f"PATCH {self._route_of(request)[1]}",
            interaction=rec,
        )
        if message.id == rec.component_message_id:
            rec.component_message_edited = True
        await self.announce_update(message)
        return json_response(message.payload())

    async def delete_webhook_message(self, request: web.Request) -> web.Response:
        rec = self._webhook_interaction(request)
        message = self._webhook_target(rec, request.match_info["message_id"])
        message.deleted = True
        self.state.changes.notify()
        await self.announce_delete(message)
        return no_content()

    # ---------------------------------------------------------- attachments

    async def get_attachment(self, request: web.Request) -> web.Response:
        """CDN stand-in, so discord.py's Attachment.read() works against the emulator."""
        attachment_id = _snowflake(request.match_info["attachment_id"]) or 0
        loose = self.state.loose_attachments.get(attachment_id)
        if loose is not None:
            return web.Response(
                body=loose.data, headers={"Content-Type": loose.content_type or "application/octet-stream"}
            )
        for message in self.state.messages.values():
            for attachment in message.attachments:
                if attachment.id == attachment_id:
                    return web.Response(
                        body=attachment.data,
                        headers={"Content-Type": attachment.content_type or "application/octet-stream"},
                    )
        return web.Response(status=404, text="Not Found")


__all__ = ["ApiError", "RestApi", "json_response", "unsuppressed_mentions"]

"""Application command routes (global and per guild), validated as Discord validates them."""

from __future__ import annotations

from aiohttp import web

from ..constants import JSON
from ..validation import FormErrors, validate_command
from .base import RestBase
from .errors import ApiError, invalid_form, json_response, no_content, snowflake

_MAX_COMMANDS = {1: 100, 2: 15, 3: 15, 4: 1}


class CommandRoutes(RestBase):
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
        command_id = snowflake(request.match_info["command_id"])
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

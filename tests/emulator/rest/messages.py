"""Messages as Discord stores them: built from a request body (validated, attachments
filed, mentions checked), edited, and announced on the gateway. Shared by channel
messages, interaction callbacks and webhooks."""

from __future__ import annotations

import json
import re
from typing import Any

from ..constants import JSON, ChannelType, Intent, InteractionType, MessageFlag, Perm, iso_now
from ..entities import (
    Channel,
    InteractionRecord,
    StoredAttachment,
    StoredMessage,
    UploadedFile,
    User,
    guess_content_type,
    png_size,
)
from ..validation import FormErrors, validate_message, walk_components
from .base import RestBase
from .errors import ApiError, invalid_form

MENTION_RE = re.compile(r"@everyone|@here|<@!?(\d+)>|<@&(\d+)>")


def _plain_copy(value: Any) -> Any:
    """A deep copy of JSON-shaped data (dicts, lists, scalars). Several times faster than a
    json round trip for the component trees every reply carries, which matters when a
    benchmark sends 200 replies at once and the emulator must not be the bottleneck."""
    if isinstance(value, dict):
        return {key: _plain_copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain_copy(item) for item in value]
    return value


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


class MessageSupport(RestBase):
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

"""Channel message routes (create, read, list, edit, delete) and the attachment CDN stand-in."""

from __future__ import annotations

from aiohttp import web

from ..entities import Channel, StoredMessage
from ..validation import FormErrors
from .errors import ApiError, invalid_form, json_response, no_content, snowflake
from .messages import MessageSupport

NONCE_MAX = 25
NONCE_WINDOW = 300.0
"""Discord checks an enforced nonce "for uniqueness in the past few minutes"; we keep five."""


def _nonce_key(body: dict[str, object], errors: FormErrors) -> str | None:
    """The message's nonce when it is enforced (``enforce_nonce``), after Discord's checks."""
    nonce = body.get("nonce")
    if nonce is None:
        return None
    if isinstance(nonce, bool) or not isinstance(nonce, str | int):
        errors.add(("nonce",), "BASE_TYPE_BAD_TYPE", "Must be an integer or a string.")
        return None
    text = str(nonce)
    if len(text) > NONCE_MAX:
        errors.add(("nonce",), "BASE_TYPE_BAD_LENGTH", f"Must be {NONCE_MAX} or fewer in length.")
        return None
    return text if body.get("enforce_nonce") is True else None


class ChannelRoutes(MessageSupport):
    async def create_message(self, request: web.Request) -> web.Response:
        channel = self._channel(request)
        body, files = await self._read_body(request)
        if not isinstance(body, dict):
            body = {}
        self._check_can_send(channel, files)
        errors = FormErrors()
        nonce = _nonce_key(body, errors)
        if errors:
            raise invalid_form(errors)
        if (
            nonce is not None
            and (earlier := self.state.nonce_message(channel.id, nonce, window=NONCE_WINDOW)) is not None
        ):
            # The same enforced nonce again within the window: Discord answers with the message it
            # already created and creates nothing (a sender retrying after a crash, say).
            return json_response(earlier.payload())
        route = f"POST {self._route_of(request)[1]}"
        message = self._message_from_body(
            channel=channel, body=body, files=files, author=self.state.bot, route=route
        )
        reply_to = (body.get("message_reference") or {}).get("message_id")
        if reply_to is not None:
            message.type = 19
        self.state.store_message(message)
        if nonce is not None:
            self.state.remember_nonce(channel.id, nonce, message)
        self._apply_mentions(message, route)
        await self.announce_create(message)
        return json_response(message.payload())

    def _channel_message(self, request: web.Request) -> tuple[Channel, StoredMessage]:
        channel = self._channel(request)
        message_id = snowflake(request.match_info["message_id"])
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
        before = snowflake(request.query.get("before", ""))
        after = snowflake(request.query.get("after", ""))
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

    async def get_attachment(self, request: web.Request) -> web.Response:
        """CDN stand-in, so discord.py's Attachment.read() works against the emulator."""
        attachment_id = snowflake(request.match_info["attachment_id"]) or 0
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

"""Interaction webhooks: follow-ups and the original response, reachable by token for
15 minutes and only after the initial response."""

from __future__ import annotations

from aiohttp import web

from ..constants import CallbackType, MessageFlag
from ..entities import InteractionRecord, StoredMessage
from .errors import ApiError, json_response, no_content, snowflake
from .messages import MessageSupport


class WebhookRoutes(MessageSupport):
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
            target_id = snowflake(raw_id)
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

"""Interaction callbacks: the acknowledgement rules. One initial response per interaction
(a second is 40060), within the deadline (3 s; later is "This interaction failed"), of a
type the interaction accepts, with a valid message, modal or choice list."""

from __future__ import annotations

from aiohttp import web

from ..constants import JSON, CallbackType, InteractionType, MessageFlag
from ..entities import InteractionRecord, StoredMessage
from ..validation import FormErrors, validate_choices, validate_modal
from .errors import ApiError, invalid_form, json_response, no_content, snowflake
from .messages import MessageSupport

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


class CallbackRoutes(MessageSupport):
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
        interaction_id = snowflake(request.match_info["interaction_id"])
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

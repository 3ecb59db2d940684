"""Acting as people: slash commands, autocomplete, clicks, selects, modal submits, messages.

Each action builds the interaction Discord would send (see :mod:`.interactions`), dispatches it
on the gateway, and returns a handle that later shows how the bot answered."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from typing import Any

from .constants import JSON, CallbackType, ChannelType, Context, Intent, InteractionType
from .core import EmulatorCore
from .entities import (
    Channel,
    Guild,
    InteractionRecord,
    Role,
    StoredMessage,
    User,
)
from .gateway import GatewaySession
from .handles import InteractionHandle
from .interactions import HarnessError, OptionBuilder, Where, find_command, interaction_payload, locate
from .views import ButtonInfo, Message


class People(EmulatorCore):
    """What members do in Discord, as gateway events the bot receives."""

    # ------------------------------------------------------------ interactions

    async def _dispatch(
        self,
        kind: int,
        data: JSON,
        user: User,
        where: Where,
        description: str,
        *,
        message: StoredMessage | None = None,
        command_id: int | None = None,
        locale: str | None = None,
    ) -> InteractionHandle:
        await self._flush()
        interaction_id = self.state.next_id()
        token = self.state.new_token()
        payload = interaction_payload(
            self.state,
            interaction_id=interaction_id,
            token=token,
            kind=kind,
            data=data,
            user=user,
            where=where,
            message=message,
            locale=locale,
        )
        rec = InteractionRecord(
            id=interaction_id,
            token=token,
            type=kind,
            user=user,
            guild_id=where.guild.id if where.guild else None,
            channel_id=where.channel.id,
            context=where.context,
            payload=payload,
            created_at=self.state.now(),
            description=description,
            command_id=command_id,
            component_message_id=message.id if message is not None else None,
        )
        self.state.interactions[rec.id] = rec
        self.state.interactions_by_token[token] = rec
        loop = asyncio.get_running_loop()
        self._timers.append(
            loop.call_later(self.config.response_deadline + 0.01, self.rest.check_deadline, rec)
        )
        sessions = await self.gateway.dispatch(
            "INTERACTION_CREATE", payload, guild_id=rec.guild_id, only_newest=True
        )
        rec.delivered = bool(sessions)
        if sessions:
            rec.session_id, rec.shard = sessions[0].id, sessions[0].shard[0]
        self.state.changes.notify()
        return InteractionHandle(self, rec)

    def _command_data(
        self,
        name: str,
        options: Mapping[str, Any] | None,
        user: User,
        where: Where,
        subcommand: str | None,
        *,
        strict: bool,
        focused: str | None = None,
    ) -> tuple[JSON, JSON]:
        command = find_command(self.state, name, where, strict=strict, user=user)
        builder = OptionBuilder(self.state, where, user, strict=strict)
        built = builder.build(command.get("options") or [], dict(options or {}), subcommand, focused=focused)
        for upload in builder.uploads:
            self.state.loose_attachments[upload.id] = upload
        data: JSON = {"id": command["id"], "name": command["name"], "type": command["type"]}
        if built:
            data["options"] = built
        resolved = builder.resolved.payload()
        if resolved:
            data["resolved"] = resolved
        if command.get("guild_id"):
            data["guild_id"] = command["guild_id"]
        return command, data

    async def slash(
        self,
        name: str,
        options: Mapping[str, Any] | None = None,
        *,
        user: User,
        guild: Guild | None = None,
        channel: Channel | None = None,
        dm: bool = False,
        private_channel: bool = False,
        subcommand: str | None = None,
        user_installed: bool = False,
        locale: str | None = None,
        strict: bool = True,
    ) -> InteractionHandle:
        """`user` runs /name (optionally `subcommand` "group sub") with typed `options`."""
        where = locate(
            self.state,
            user,
            guild=guild,
            channel=channel,
            dm=dm,
            private_channel=private_channel,
            user_installed=user_installed,
            friends=self._friends,
        )
        command, data = self._command_data(name, options, user, where, subcommand, strict=strict)
        label = f"/{name}" + (f" {subcommand}" if subcommand else "")
        return await self._dispatch(
            InteractionType.APPLICATION_COMMAND,
            data,
            user,
            where,
            label,
            command_id=int(command["id"]),
            locale=locale,
        )

    async def begin_autocomplete(
        self,
        name: str,
        options: Mapping[str, Any] | None = None,
        *,
        focused: str,
        user: User,
        guild: Guild | None = None,
        channel: Channel | None = None,
        dm: bool = False,
        private_channel: bool = False,
        subcommand: str | None = None,
        user_installed: bool = False,
    ) -> InteractionHandle:
        """Dispatch an autocomplete interaction without waiting for the answer."""
        where = locate(
            self.state,
            user,
            guild=guild,
            channel=channel,
            dm=dm,
            private_channel=private_channel,
            user_installed=user_installed,
            friends=self._friends,
        )
        command, data = self._command_data(
            name, options, user, where, subcommand, strict=True, focused=focused
        )
        return await self._dispatch(
            InteractionType.AUTOCOMPLETE,
            data,
            user,
            where,
            f"autocomplete /{name} {focused}",
            command_id=int(command["id"]),
        )

    async def autocomplete(
        self,
        name: str,
        options: Mapping[str, Any] | None = None,
        *,
        focused: str,
        user: User,
        guild: Guild | None = None,
        channel: Channel | None = None,
        dm: bool = False,
        private_channel: bool = False,
        subcommand: str | None = None,
        user_installed: bool = False,
        timeout: float | None = None,
    ) -> list[JSON]:
        """Type into option `focused`; returns the choices the bot offered ([{name, value}])."""
        handle = await self.begin_autocomplete(
            name,
            options,
            focused=focused,
            user=user,
            guild=guild,
            channel=channel,
            dm=dm,
            private_channel=private_channel,
            subcommand=subcommand,
            user_installed=user_installed,
        )
        response = await handle.response(timeout)
        if response.type != CallbackType.AUTOCOMPLETE_RESULT:
            raise HarnessError(f"autocomplete answered with callback type {response.type}")
        return list(handle.choices or [])

    def _component_place(self, stored: StoredMessage, user: User | None) -> tuple[User, Where]:
        """Who presses a component on `stored`, and from where (same place as the message)."""
        origin = self.state.interactions.get(stored.interaction_id or 0)
        if user is None:
            if origin is None:
                raise HarnessError("say who presses: user=...")
            user = origin.user
        if stored.deleted:
            raise HarnessError(f"message {stored.id} was deleted")
        if stored.ephemeral and (origin is None or origin.user.id != user.id):
            raise HarnessError(f"message {stored.id} is ephemeral; only its recipient can use it")
        if origin is not None and origin.context != Context.GUILD:
            channel = self.state.channels[origin.channel_id]
            where = Where(
                origin.context, channel, None, "1" in origin.payload["authorizing_integration_owners"]
            )
            if origin.context == Context.BOT_DM and user.id != origin.user.id:
                raise HarnessError("only the DM's recipient can use components in a bot DM")
            return user, where
        channel = self.state.channels[stored.channel_id]
        if channel.type == ChannelType.DM:
            if user.id not in channel.recipient_ids:
                raise HarnessError(f"{user.username} cannot see a DM between other people")
            return user, locate(self.state, user, dm=True)
        guild = self.state.guilds[channel.guild_id or 0]
        user_installed = origin is not None and "0" not in origin.payload["authorizing_integration_owners"]
        return user, locate(self.state, user, guild=guild, channel=channel, user_installed=user_installed)

    async def click(
        self,
        message: Message | StoredMessage | int,
        button: str | ButtonInfo,
        *,
        user: User | None = None,
        strict: bool = True,
    ) -> InteractionHandle:
        """Press a button (by custom_id, or as found by find_button) on `message`.

        The presser defaults to the person the message answered.
        """
        stored = self._stored(message)
        if isinstance(button, ButtonInfo):
            if button.custom_id is None:
                raise HarnessError(f"{button.label!r} is a link button; it sends no interaction")
            custom_id = button.custom_id
        else:
            custom_id = button
        component = Message(stored).find_component(custom_id)
        if component.get("type") != 2:
            raise HarnessError(f"{custom_id!r} is not a button (type {component.get('type')})")
        if strict and component.get("disabled"):
            raise HarnessError(f"button {component.get('label')!r} is disabled")
        presser, where = self._component_place(stored, user)
        data = {"custom_id": custom_id, "component_type": 2}
        return await self._dispatch(
            InteractionType.MESSAGE_COMPONENT,
            data,
            presser,
            where,
            f"button {component.get('label') or custom_id!r}",
            message=stored,
        )

    async def select(
        self,
        message: Message | StoredMessage | int,
        custom_id: str,
        values: Sequence[Any],
        *,
        user: User | None = None,
        strict: bool = True,
    ) -> InteractionHandle:
        """Pick `values` in the select `custom_id` on `message`."""
        stored = self._stored(message)
        component = Message(stored).find_component(custom_id)
        kind = int(component.get("type", 0))
        if kind not in (3, 5, 6, 7, 8):
            raise HarnessError(f"{custom_id!r} is not a select (type {kind})")
        presser, where = self._component_place(stored, user)
        low, high = int(component.get("min_values", 1)), int(component.get("max_values", 1))
        if strict and component.get("disabled"):
            raise HarnessError(f"select {custom_id!r} is disabled")
        if strict and not low <= len(values) <= high:
            raise HarnessError(f"select {custom_id!r} takes {low}..{high} values, got {len(values)}")
        data: JSON = {"custom_id": custom_id, "component_type": kind}
        if kind == 3:
            offered = [str(o.get("value")) for o in component.get("options") or []]
            picked = [str(v) for v in values]
            if strict and any(v not in offered for v in picked):
                raise HarnessError(f"{picked} not all among the options {offered}")
            data["values"] = picked
        else:
            builder = OptionBuilder(self.state, where, presser, strict=strict)
            picked = []
            for value in values:
                if kind == 6 or (kind == 7 and isinstance(value, Role)):
                    picked.append(str(builder._resolve_role(value)))
                elif kind == 8:
                    picked.append(str(builder._resolve_channel(value, {"name": custom_id})))
                else:
                    picked.append(str(builder._resolve_user(value)))
            data["values"] = picked
            data["resolved"] = builder.resolved.payload()
        return await self._dispatch(
            InteractionType.MESSAGE_COMPONENT, data, presser, where, f"select {custom_id!r}", message=stored
        )

    async def submit_modal(
        self,
        handle: InteractionHandle,
        custom_id: str | None = None,
        values: Mapping[str, Any] | None = None,
        *,
        user: User | None = None,
        strict: bool = True,
    ) -> InteractionHandle:
        """Fill in and submit the modal `handle` was answered with."""
        modal = handle.modal
        if modal is None:
            raise HarnessError(f"{handle.record.description} did not open a modal")
        if custom_id is not None and custom_id != modal.custom_id:
            raise HarnessError(f"the modal's custom_id is {modal.custom_id!r}, not {custom_id!r}")
        values = dict(values or {})
        known = {i.custom_id: i for i in modal.inputs()}
        unknown = set(values) - set(known)
        if unknown:
            raise HarnessError(f"the modal has no field(s) {sorted(unknown)}; fields: {sorted(known)}")
        if strict:
            for field_id, spec in known.items():
                text = values.get(field_id, spec.value)
                if spec.type != 4:
                    continue
                text = "" if text is None else str(text)
                if spec.required and not text:
                    raise HarnessError(f"modal field {field_id!r} is required")
                if text and spec.min_length is not None and len(text) < spec.min_length:
                    raise HarnessError(
                        f"modal field {field_id!r} needs at least {spec.min_length} characters"
                    )
                if spec.max_length is not None and len(text) > spec.max_length:
                    raise HarnessError(f"modal field {field_id!r} takes at most {spec.max_length} characters")

        def answer(component: JSON) -> JSON:
            field_id = str(component.get("custom_id"))
            result: JSON = {"type": component.get("type"), "custom_id": field_id}
            if "id" in component:
                result["id"] = component["id"]
            value = values.get(field_id, component.get("value"))
            if component.get("type") == 4:
                result["value"] = "" if value is None else str(value)
            elif isinstance(value, list | tuple):
                result["values"] = [str(v) for v in value]
            elif value is not None:
                result["value"] = value
            else:
                result["values"] = []
            return result

        components: list[JSON] = []
        for index, top in enumerate(modal.components, start=1):
            kind = top.get("type")
            if kind == 1:
                components.append(
                    {
                        "type": 1,
                        "id": top.get("id", index),
                        "components": [answer(c) for c in top.get("components") or []],
                    }
                )
            elif kind == 18:
                components.append(
                    {"type": 18, "id": top.get("id", index), "component": answer(top["component"])}
                )
            elif kind == 10:
                components.append({"type": 10, "id": top.get("id", index)})
        origin = handle.record
        presser = user or origin.user
        channel = self.state.channels[origin.channel_id]
        guild = self.state.guilds.get(origin.guild_id or 0)
        where = Where(origin.context, channel, guild, "1" in origin.payload["authorizing_integration_owners"])
        message = self.state.messages.get(origin.component_message_id or 0)
        data = {"custom_id": modal.custom_id, "components": components}
        return await self._dispatch(
            InteractionType.MODAL_SUBMIT, data, presser, where, f"modal {modal.custom_id!r}", message=message
        )

    # ------------------------------------------------------------------ messages

    async def send_dm(self, user: User, content: str) -> Message:
        """`user` writes `content` to the bot in a DM (MESSAGE_CREATE, content always included)."""
        await self._flush()
        channel = self.state.ensure_dm_channel(user)
        stored = StoredMessage(
            id=self.state.next_id(), channel_id=channel.id, guild_id=None, author=user, content=content
        )
        self.state.store_message(stored)
        await self.gateway.dispatch("MESSAGE_CREATE", stored.payload(), intent=Intent.DIRECT_MESSAGES)
        return Message(stored)

    async def send_message(self, channel: Channel, user: User, content: str) -> Message:
        """`user` posts in a server channel; only MESSAGE_CONTENT sessions (or an @bot) see the text."""
        await self._flush()
        guild = self.state.guilds[channel.guild_id or 0]
        stored = StoredMessage(
            id=self.state.next_id(), channel_id=channel.id, guild_id=guild.id, author=user, content=content
        )
        self.state.store_message(stored)
        member = guild.members.get(user.id)

        def build(session: GatewaySession) -> JSON | None:
            if not session.intents & Intent.GUILD_MESSAGES:
                return None
            data = stored.payload()
            data["guild_id"] = str(guild.id)
            if member is not None:
                data["member"] = member.payload(with_user=False)
            sees_content = session.intents & Intent.MESSAGE_CONTENT or f"<@{self.state.bot.id}>" in content
            if not sees_content:
                data.update({"content": "", "embeds": [], "attachments": [], "components": []})
            return data

        await self.gateway.dispatch_each("MESSAGE_CREATE", build, guild_id=guild.id)
        return Message(stored)

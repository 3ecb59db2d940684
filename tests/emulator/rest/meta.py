"""Read-only routes: the bot user, users, the application, the gateway URL, guilds, channels;
plus typing and opening a DM."""

from __future__ import annotations

from aiohttp import web

from .base import RestBase
from .errors import ApiError, json_response, no_content, snowflake


class MetaRoutes(RestBase):
    async def get_me(self, request: web.Request) -> web.Response:
        data = self.state.bot.payload()
        data.update({"verified": True, "mfa_enabled": False, "locale": "en-US", "email": None})
        return json_response(data)

    async def get_user(self, request: web.Request) -> web.Response:
        user_id = snowflake(request.match_info["user_id"])
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
        user_id = snowflake(request.match_info["user_id"])
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

    async def open_dm(self, request: web.Request) -> web.Response:
        body, _ = await self._read_body(request)
        recipient = snowflake(str((body or {}).get("recipient_id", "")))
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

"""REST routes discord.py uses, answering and refusing the way Discord does.

Every response carries a bare ``Content-Type: application/json`` (discord.py
parses JSON only then) and ``X-RateLimit-*`` headers. Every refusal uses
Discord's error shape and is appended to ``state.violations`` so a test suite
can assert at the end that the bot never asked for anything Discord refuses.
"""

from __future__ import annotations

from aiohttp import web

from .callbacks import CallbackRoutes
from .channels import ChannelRoutes
from .commands import CommandRoutes
from .errors import ApiError, json_response
from .messages import unsuppressed_mentions
from .meta import MetaRoutes
from .webhooks import WebhookRoutes


class RestApi(MetaRoutes, CommandRoutes, ChannelRoutes, CallbackRoutes, WebhookRoutes):
    """The HTTP side of the emulator: every route family on one aiohttp app."""

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


__all__ = ["ApiError", "RestApi", "json_response", "unsuppressed_mentions"]

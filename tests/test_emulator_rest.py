"""The emulator's REST side refuses what Discord refuses, with Discord's codes and paths.

These drive the emulator with raw HTTP (no bot), so each limit is checked
exactly: a bot built on discord.py would often stop the request client-side.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from tests.emulator import Community, Emulator, InteractionHandle, Overwrite, Perm

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x02\x00\x00\x00\x03\x08\x02\x00\x00\x00" + b"\x00" * 16
)
COMMANDS = [
    {"name": "ping", "description": "Check that the bot answers", "type": 1},
    {
        "name": "read",
        "description": "Read an article",
        "type": 1,
        "options": [
            {
                "type": 3,
                "name": "article",
                "description": "Which article",
                "required": True,
                "autocomplete": True,
            }
        ],
    },
]


class Raw:
    """Tiny raw client: what a test needs to poke the API without discord.py's guards."""

    def __init__(self, session: aiohttp.ClientSession, emu: Emulator) -> None:
        self.session = session
        self.emu = emu

    async def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        auth: bool = True,
        params: dict[str, str] | None = None,
        form: aiohttp.FormData | None = None,
    ) -> tuple[int, Any, Any]:
        headers = {"Authorization": f"Bot {self.emu.token}"} if auth else {}
        data: Any = form
        if body is not None:
            headers["Content-Type"] = "application/json"
            data = json.dumps(body)
        async with self.session.request(
            method, self.emu.api_base + path, data=data, headers=headers, params=params
        ) as response:
            text = await response.text()
            parsed = json.loads(text) if text else None
            return response.status, parsed, response.headers

    async def register(self, commands: list[dict[str, Any]] = COMMANDS) -> list[dict[str, Any]]:
        status, body, _ = await self.call(
            "PUT", f"/applications/{self.emu.application_id}/commands", commands
        )
        assert status == 200, body
        return body

    async def respond(
        self,
        handle: InteractionHandle,
        body: Any,
        *,
        with_response: bool = True,
        form: aiohttp.FormData | None = None,
    ) -> tuple[int, Any, Any]:
        params = {"with_response": "1"} if with_response else None
        return await self.call(
            "POST", f"/interactions/{handle.id}/{handle.token}/callback", body, params=params, form=form
        )

    async def webhook(
        self,
        method: str,
        handle: InteractionHandle,
        suffix: str = "",
        body: Any = None,
        params: dict[str, str] | None = None,
    ) -> tuple[int, Any, Any]:
        path = f"/webhooks/{self.emu.application_id}/{handle.token}{suffix}"
        return await self.call(method, path, body, auth=False, params=params)


@pytest.fixture
async def raw(emulator: Emulator) -> AsyncIterator[Raw]:
    async with aiohttp.ClientSession() as session:
        yield Raw(session, emulator)


@pytest.fixture
async def ping(raw: Raw, emulator: Emulator, community: Community) -> InteractionHandle:
    """A /ping interaction from a member, waiting for an answer (no bot is connected)."""
    await raw.register()
    return await emulator.slash("ping", user=community.member, guild=community.guild)


def error_at(body: dict[str, Any], path: str) -> list[dict[str, str]]:
    """The `_errors` list at a dotted path of a 50035 body (empty path: the root)."""
    node: Any = body["errors"]
    for part in [p for p in path.split(".") if p]:
        assert part in node, f"no error at {path!r}; errors: {json.dumps(body['errors'])}"
        node = node[part]
    assert "_errors" in node, f"no _errors at {path!r}: {node}"
    return node["_errors"]


def long(n: int) -> str:
    return "x" * n


def button(custom_id: str, label: str = "Go", style: int = 1) -> dict[str, Any]:
    return {"type": 2, "style": style, "label": label, "custom_id": custom_id}


def row(*components: dict[str, Any]) -> dict[str, Any]:
    return {"type": 1, "components": list(components)}


def select(custom_id: str, options: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": 3, "custom_id": custom_id, "options": options, "min_values": 1, "max_values": 1}


def option(i: int, label: str | None = None, value: str | None = None) -> dict[str, Any]:
    return {"label": label or f"Option {i}", "value": value or f"v{i}"}


# ----------------------------------------------------------------- basics


async def test_every_response_has_bare_json_and_rate_limit_headers(raw: Raw) -> None:
    for path in ("/users/@me", "/channels/1"):
        _, _, headers = await raw.call("GET", path)
        assert headers["Content-Type"] == "application/json"
        for name in ("Limit", "Remaining", "Reset", "Reset-After", "Bucket"):
            assert f"X-RateLimit-{name}" in headers


async def test_bot_user_application_and_gateway_are_served(raw: Raw, emulator: Emulator) -> None:
    status, me, _ = await raw.call("GET", "/users/@me")
    assert status == 200 and me["id"] == str(emulator.application_id) and me["bot"] is True
    for path in ("/applications/@me", "/oauth2/applications/@me"):
        status, app, _ = await raw.call("GET", path)
        assert status == 200 and app["id"] == str(emulator.application_id)
        assert {
            "name",
            "description",
            "icon",
            "bot_public",
            "bot_require_code_grant",
            "owner",
            "verify_key",
            "flags",
        } <= set(app)
    status, gateway, _ = await raw.call("GET", "/gateway/bot")
    assert status == 200
    assert gateway["url"] == emulator.gateway_url and gateway["shards"] == 1
    assert gateway["session_start_limit"]["max_concurrency"] == 1
    status, plain, _ = await raw.call("GET", "/gateway", auth=False)
    assert status == 200 and plain == {"url": emulator.gateway_url}


async def test_a_request_without_the_bot_token_is_401_and_recorded(raw: Raw, emulator: Emulator) -> None:
    status, body, _ = await raw.call("GET", "/users/@me", auth=False)
    assert status == 401 and body == {"message": "401: Unauthorized", "code": 0}
    assert emulator.violations[-1]["status"] == 401


async def test_an_unknown_route_is_404_and_recorded_as_not_emulated(raw: Raw, emulator: Emulator) -> None:
    status, body, _ = await raw.call("GET", "/guilds/1/audit-logs")
    assert status == 404 and body["code"] == 0
    assert emulator.violations[-1]["kind"] == "unknown_route"


# ---------------------------------------------------------------- commands


async def test_registered_commands_get_ids_and_keep_them_on_overwrite(raw: Raw, emulator: Emulator) -> None:
    first = await raw.register()
    assert [c["name"] for c in first] == ["ping", "read"]
    for command in first:
        assert command["id"].isdigit() and command["application_id"] == str(emulator.application_id)
        assert command["version"].isdigit()
    again = await raw.register()
    assert [c["id"] for c in again] == [c["id"] for c in first]
    status, listed, _ = await raw.call("GET", f"/applications/{emulator.application_id}/commands")
    assert status == 200 and {c["id"] for c in listed} == {c["id"] for c in first}
    assert emulator.state.command_writes


async def test_guild_commands_are_scoped_to_their_guild(
    raw: Raw, emulator: Emulator, community: Community
) -> None:
    path = f"/applications/{emulator.application_id}/guilds/{community.guild.id}/commands"
    status, body, _ = await raw.call("PUT", path, [COMMANDS[0]])
    assert status == 200 and body[0]["guild_id"] == str(community.guild.id)
    assert emulator.commands(community.guild)[0]["name"] == "ping"
    assert emulator.commands() == []


def _cmd(**changes: Any) -> dict[str, Any]:
    return {"name": "ok", "description": "fine", "type": 1, **changes}


def _opt(i: int = 0, **changes: Any) -> dict[str, Any]:
    return {"type": 3, "name": f"opt{i}", "description": "an option", **changes}


@pytest.mark.parametrize(
    ("commands", "path", "code"),
    [
        ([_cmd(name="Ping")], "0.name", "APPLICATION_COMMAND_INVALID_NAME"),
        ([_cmd(name="two words")], "0.name", "APPLICATION_COMMAND_INVALID_NAME"),
        ([_cmd(name="emoji🙂")], "0.name", "APPLICATION_COMMAND_INVALID_NAME"),
        ([_cmd(name=long(33))], "0.name", "BASE_TYPE_BAD_LENGTH"),
        ([_cmd(description="")], "0.description", "BASE_TYPE_BAD_LENGTH"),
        ([_cmd(description=long(101))], "0.description", "BASE_TYPE_BAD_LENGTH"),
        ([_cmd(options=[_opt(i) for i in range(26)])], "0.options", "BASE_TYPE_MAX_LENGTH"),
        (
            [_cmd(options=[_opt(choices=[{"name": f"c{i}", "value": f"v{i}"} for i in range(26)])])],
            "0.options.0.choices",
            "BASE_TYPE_MAX_LENGTH",
        ),
        (
            [_cmd(options=[_opt(choices=[{"name": long(101), "value": "v"}])])],
            "0.options.0.choices.0.name",
            "BASE_TYPE_BAD_LENGTH",
        ),
        (
            [_cmd(options=[_opt(0), _opt(1, required=True)])],
            "0.options.1.required",
            "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
        ),
        ([_cmd(options=[_opt(0, name="Bad")])], "0.options.0.name", "APPLICATION_COMMAND_INVALID_NAME"),
        ([_cmd(), _cmd()], "1.name", "APPLICATION_COMMANDS_DUPLICATE_NAME"),
    ],
)
async def test_invalid_commands_are_refused_with_the_field_path(
    raw: Raw, emulator: Emulator, commands: list[dict[str, Any]], path: str, code: str
) -> None:
    status, body, _ = await raw.call("PUT", f"/applications/{emulator.application_id}/commands", commands)
    assert status == 400 and body["code"] == 50035 and body["message"] == "Invalid Form Body"
    assert code in [e["code"] for e in error_at(body, path)]
    assert emulator.violations[-1]["code"] == 50035 and path in emulator.violations[-1]["detail"]
    assert emulator.commands() == []


async def test_unicode_lower_case_names_are_valid(raw: Raw) -> None:
    await raw.register([_cmd(name="ñandú-día_2"), _cmd(name="日記")])


# ------------------------------------------------------- message limits


def with_embed(**embed: Any) -> dict[str, Any]:
    return {"embeds": [embed]}


MESSAGE_LIMITS = [
    ({"content": long(2001)}, "content", "BASE_TYPE_MAX_LENGTH"),
    ({"embeds": [{"title": "t"}] * 11}, "embeds", "BASE_TYPE_MAX_LENGTH"),
    (with_embed(title=long(257)), "embeds.0.title", "BASE_TYPE_MAX_LENGTH"),
    (with_embed(description=long(4097)), "embeds.0.description", "BASE_TYPE_MAX_LENGTH"),
    (with_embed(fields=[{"name": "n", "value": "v"}] * 26), "embeds.0.fields", "BASE_TYPE_MAX_LENGTH"),
    (
        with_embed(fields=[{"name": long(257), "value": "v"}]),
        "embeds.0.fields.0.name",
        "BASE_TYPE_MAX_LENGTH",
    ),
    (
        with_embed(fields=[{"name": "n", "value": long(1025)}]),
        "embeds.0.fields.0.value",
        "BASE_TYPE_MAX_LENGTH",
    ),
    (with_embed(fields=[{"name": "n", "value": ""}]), "embeds.0.fields.0.value", "BASE_TYPE_REQUIRED"),
    (with_embed(footer={"text": long(2049)}), "embeds.0.footer.text", "BASE_TYPE_MAX_LENGTH"),
    (with_embed(author={"name": long(257)}), "embeds.0.author.name", "BASE_TYPE_MAX_LENGTH"),
    (
        {"embeds": [{"description": long(3001)}, {"description": long(3000)}]},
        "embeds",
        "MAX_EMBED_SIZE_EXCEEDED",
    ),
    ({"components": [row(button(f"b{i}")) for i in range(6)]}, "components", "BASE_TYPE_MAX_LENGTH"),
    (
        {"components": [row(*(button(f"b{i}") for i in range(6)))]},
        "components.0.components",
        "BASE_TYPE_BAD_LENGTH",
    ),
    (
        {"components": [row(select("s", [option(i) for i in range(26)]))]},
        "components.0.components.0.options",
        "BASE_TYPE_BAD_LENGTH",
    ),
    (
        {"components": [row(select("s", [option(0, label=long(101))]))]},
        "components.0.components.0.options.0.label",
        "BASE_TYPE_BAD_LENGTH",
    ),
    (
        {"components": [row(select("s", [option(0, value=long(101))]))]},
        "components.0.components.0.options.0.value",
        "BASE_TYPE_BAD_LENGTH",
    ),
    (
        {"components": [row(button("b", label=long(81)))]},
        "components.0.components.0.label",
        "BASE_TYPE_MAX_LENGTH",
    ),
    ({"components": [row(button(long(101)))]}, "components.0.components.0.custom_id", "BASE_TYPE_BAD_LENGTH"),
    (
        {"components": [row(button("same")), row(button("same"))]},
        "components.1.components.0.custom_id",
        "COMPONENT_CUSTOM_ID_DUPLICATED",
    ),
    (
        {"components": [row({"type": 2, "style": 5, "label": "Docs"})]},
        "components.0.components.0.url",
        "BUTTON_COMPONENT_URL_REQUIRED",
    ),
    (
        {"components": [row(select("s", [option(0)]), button("b"))]},
        "components.0.components",
        "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
    ),
    ({"content": "hi", "flags": 1 << 15}, "content", "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2"),
]


@pytest.mark.parametrize(("data", "path", "code"), MESSAGE_LIMITS)
async def test_interaction_replies_over_discord_limits_are_refused(
    raw: Raw, emulator: Emulator, ping: InteractionHandle, data: dict[str, Any], path: str, code: str
) -> None:
    status, body, _ = await raw.respond(ping, {"type": 4, "data": data})
    assert status == 400 and body["code"] == 50035
    assert code in [e["code"] for e in error_at(body, f"data.{path}")]
    violation = emulator.violations[-1]
    assert violation["kind"] == "rejected" and violation["code"] == 50035
    assert violation["route"] == "POST /interactions/{interaction_id}/{token}/callback"
    assert f"data.{path}" in violation["detail"]
    assert ping.rejections and not ping.responded
    # The refused reply did not use up the interaction: a valid one still works.
    status, _, _ = await raw.respond(ping, {"type": 4, "data": {"content": "ok"}})
    assert status == 200


@pytest.mark.parametrize(("data", "path", "code"), MESSAGE_LIMITS[:4])
async def test_channel_messages_over_limits_are_refused(
    raw: Raw, community: Community, data: dict[str, Any], path: str, code: str
) -> None:
    status, body, _ = await raw.call("POST", f"/channels/{community.general.id}/messages", data)
    assert status == 400 and code in [e["code"] for e in error_at(body, path)]


async def test_messages_exactly_at_the_limits_are_accepted(raw: Raw, ping: InteractionHandle) -> None:
    fields = [{"name": "n", "value": "v"}] * 25
    full = {
        "content": long(2000),
        "embeds": [
            {
                "title": long(256),
                "description": long(4096),
                "fields": fields[:1],
                "footer": {"text": long(1644)},
                "author": {"name": long(2)},
            },
        ],
        "components": [row(*(button(f"r{r}b{b}", label=long(80)) for b in range(5))) for r in range(4)]
        + [row(select("pick", [option(i, label=long(100), value=f"{i:0>100}") for i in range(25)]))],
    }
    status, body, _ = await raw.respond(ping, {"type": 4, "data": full})
    assert status == 200, body
    message = body["resource"]["message"]
    assert len(message["embeds"][0]["description"]) == 4096
    assert all(isinstance(c["id"], int) for c in message["components"])


async def test_an_empty_message_is_refused(raw: Raw, ping: InteractionHandle) -> None:
    status, body, _ = await raw.respond(ping, {"type": 4, "data": {"content": ""}})
    assert (status, body["code"]) == (400, 50006)


# ---------------------------------------------------- interaction lifecycle


async def test_the_callback_response_body_matches_discord(raw: Raw, ping: InteractionHandle) -> None:
    status, body, _ = await raw.respond(ping, {"type": 4, "data": {"content": "pong", "flags": 64}})
    assert status == 200
    assert body["interaction"] == {
        "id": str(ping.id),
        "type": 2,
        "response_message_id": body["resource"]["message"]["id"],
        "response_message_loading": False,
        "response_message_ephemeral": True,
    }
    message = body["resource"]["message"]
    assert body["resource"]["type"] == 4
    assert message["content"] == "pong" and message["flags"] == 64 and message["type"] == 20
    assert message["interaction_metadata"]["id"] == str(ping.id)
    assert message["webhook_id"] == message["application_id"]
    reply = await ping.wait_message()
    assert reply.content == "pong" and reply.ephemeral


async def test_without_with_response_the_callback_is_204(raw: Raw, ping: InteractionHandle) -> None:
    status, body, _ = await raw.respond(ping, {"type": 4, "data": {"content": "pong"}}, with_response=False)
    assert status == 204 and body is None


async def test_a_second_initial_response_is_40060(
    raw: Raw, emulator: Emulator, ping: InteractionHandle
) -> None:
    await raw.respond(ping, {"type": 5})
    status, body, _ = await raw.respond(ping, {"type": 4, "data": {"content": "again"}})
    assert status == 400 and body == {"message": "Interaction has already been acknowledged.", "code": 40060}
    assert emulator.violations[-1]["code"] == 40060


async def test_a_first_reply_after_the_deadline_is_10062_and_the_interaction_failed(
    raw: Raw, emulator: Emulator, ping: InteractionHandle
) -> None:
    emulator.advance_clock(3.01)
    status, body, _ = await raw.respond(ping, {"type": 4, "data": {"content": "too late"}})
    assert status == 404 and body == {"message": "Unknown interaction", "code": 10062}
    kinds = [v["kind"] for v in emulator.violations]
    assert kinds == ["failed_interaction", "rejected"]
    assert ping.failed and emulator.failed_interactions() == [ping.record]


async def test_the_deadline_is_configurable_and_unanswered_interactions_are_recorded(raw: Raw) -> None:
    async with Emulator(response_deadline=0.05) as emu:
        place = emu.community()
        raw.emu = emu
        await raw.register()
        handle = await emu.slash("ping", user=place.member, guild=place.guild)
        with pytest.raises(AssertionError, match="This interaction failed"):
            await handle.response(timeout=1.0)
        assert emu.violations[0]["kind"] == "failed_interaction"
        assert emu.violations[0]["message"] == "This interaction failed"
        assert "/ping" in emu.violations[0]["route"]


async def test_follow_ups_before_any_response_are_unknown_webhook(raw: Raw, ping: InteractionHandle) -> None:
    status, body, _ = await raw.webhook("POST", ping, body={"content": "early"}, params={"wait": "1"})
    assert (status, body["code"]) == (404, 10015)


async def test_a_deferral_then_follow_up_edits_the_original(raw: Raw, ping: InteractionHandle) -> None:
    status, body, _ = await raw.respond(ping, {"type": 5, "data": {"flags": 64}})
    assert body["interaction"]["response_message_loading"] is True
    assert ping.original is not None and ping.original.loading
    status, first, _ = await raw.webhook("POST", ping, body={"content": "done"}, params={"wait": "1"})
    assert status == 200 and first["id"] == str(ping.original.id)
    assert first["flags"] == 64  # the deferral's ephemerality holds
    message = await ping.wait_message()
    assert message.content == "done" and not message.loading
    status, second, _ = await raw.webhook("POST", ping, body={"content": "more"}, params={"wait": "1"})
    assert second["id"] != first["id"]
    assert [m.content for m in ping.messages] == ["done", "more"]


async def test_edit_original_and_delete_through_the_token(raw: Raw, ping: InteractionHandle) -> None:
    await raw.respond(ping, {"type": 4, "data": {"content": "v1"}})
    status, edited, _ = await raw.webhook("PATCH", ping, "/messages/@original", {"content": "v2"})
    assert status == 200 and edited["content"] == "v2" and edited["edited_timestamp"]
    status, fetched, _ = await raw.webhook("GET", ping, "/messages/@original")
    assert fetched["content"] == "v2"
    status, _, _ = await raw.webhook("DELETE", ping, "/messages/@original")
    assert status == 204
    status, body, _ = await raw.webhook("GET", ping, "/messages/@original")
    assert (status, body["code"]) == (404, 10008)


async def test_a_token_older_than_15_minutes_is_unknown_webhook(
    raw: Raw, emulator: Emulator, ping: InteractionHandle
) -> None:
    await raw.respond(ping, {"type": 4, "data": {"content": "hi", "flags": 64}})
    emulator.advance_clock(14 * 60)
    status, _, _ = await raw.webhook("PATCH", ping, "/messages/@original", {"content": "still fine"})
    assert status == 200
    emulator.advance_clock(61)
    for method, suffix, body in (
        ("PATCH", "/messages/@original", {"content": "late"}),
        ("POST", "", {"content": "late follow-up"}),
    ):
        status, answer, _ = await raw.webhook(method, ping, suffix, body, params={"wait": "1"})
        assert status == 404 and answer == {"message": "Unknown Webhook", "code": 10015}
    assert "expired" in emulator.violations[-1]["detail"]


async def test_the_token_lifetime_is_configurable(raw: Raw) -> None:
    async with Emulator(token_lifetime=0.0) as emu:
        place = emu.community()
        raw.emu = emu
        await raw.register()
        handle = await emu.slash("ping", user=place.member, guild=place.guild)
        await raw.respond(handle, {"type": 4, "data": {"content": "hi"}})
        status, body, _ = await raw.webhook("PATCH", handle, "/messages/@original", {"content": "x"})
        assert (status, body["code"]) == (404, 10015)


async def test_callback_types_must_fit_the_interaction(raw: Raw, ping: InteractionHandle) -> None:
    for kind in (6, 7, 8, 1):
        status, body, _ = await raw.respond(ping, {"type": kind, "data": {"choices": []}})
        assert status == 400 and "type" in body["errors"], kind
    status, _, _ = await raw.respond(
        ping,
        {
            "type": 9,
            "data": {
                "custom_id": "note",
                "title": "A note",
                "components": [row({"type": 4, "custom_id": "text", "style": 1, "label": "Note"})],
            },
        },
    )
    assert status == 200 and ping.modal is not None and ping.modal.inputs()[0].custom_id == "text"


async def test_modals_over_limits_are_refused(raw: Raw, ping: InteractionHandle) -> None:
    status, body, _ = await raw.respond(
        ping,
        {
            "type": 9,
            "data": {
                "custom_id": "note",
                "title": long(46),
                "components": [row({"type": 4, "custom_id": "text", "style": 1, "label": long(46)})],
            },
        },
    )
    assert status == 400
    error_at(body, "data.title")
    error_at(body, "data.components.0.components.0.label")


# ------------------------------------------------------------ autocomplete


@pytest.mark.parametrize(
    ("choices", "path"),
    [
        ([{"name": f"c{i}", "value": f"v{i}"} for i in range(26)], "data.choices"),
        ([{"name": long(101), "value": "v"}], "data.choices.0.name"),
        ([{"name": "", "value": "v"}], "data.choices.0.name"),
        ([{"name": "n", "value": long(101)}], "data.choices.0.value"),
    ],
)
async def test_autocomplete_results_over_limits_are_refused(
    raw: Raw, emulator: Emulator, community: Community, choices: list[dict[str, Any]], path: str
) -> None:
    await raw.register()
    handle = await emulator.begin_autocomplete(
        "read", {"article": "lup"}, focused="article", user=community.member, guild=community.guild
    )
    assert handle.payload["data"]["options"] == [
        {"name": "article", "type": 3, "value": "lup", "focused": True}
    ]
    status, body, _ = await raw.respond(handle, {"type": 8, "data": {"choices": choices}})
    assert status == 400
    error_at(body, path)
    status, _, _ = await raw.respond(
        handle,
        {"type": 8, "data": {"choices": choices[:1] and [{"name": "Lupus basics", "value": "lupus-basics"}]}},
    )
    assert status == 200 and handle.choices == [{"name": "Lupus basics", "value": "lupus-basics"}]


# --------------------------------------------------------- DMs and channels


async def test_opening_a_dm_with_someone_who_shares_no_server_is_refused(
    raw: Raw, emulator: Emulator, community: Community
) -> None:
    status, body, _ = await raw.call(
        "POST", "/users/@me/channels", {"recipient_id": str(community.outsider.id)}
    )
    assert status == 403 and body["code"] == 50278
    assert emulator.violations[-1]["code"] == 50278


async def test_sending_to_someone_with_dms_closed_is_50007(raw: Raw, community: Community) -> None:
    status, channel, _ = await raw.call(
        "POST", "/users/@me/channels", {"recipient_id": str(community.closed_dms.id)}
    )
    assert status == 200 and channel["type"] == 1
    status, body, _ = await raw.call("POST", f"/channels/{channel['id']}/messages", {"content": "hello"})
    assert status == 403 and body == {"message": "Cannot send messages to this user", "code": 50007}


async def test_a_dm_to_a_member_lands_in_their_dm(raw: Raw, emulator: Emulator, community: Community) -> None:
    _, channel, _ = await raw.call("POST", "/users/@me/channels", {"recipient_id": str(community.member.id)})
    _, again, _ = await raw.call("POST", "/users/@me/channels", {"recipient_id": str(community.member.id)})
    assert channel["id"] == again["id"]
    assert channel["recipients"][0]["id"] == str(community.member.id)
    status, _, _ = await raw.call(
        "POST",
        f"/channels/{channel['id']}/messages",
        {"content": "Time to stretch", "allowed_mentions": {"parse": []}},
    )
    assert status == 200
    assert [m.content for m in emulator.dm_messages(community.member)] == ["Time to stretch"]


async def test_an_enforced_nonce_sent_twice_makes_one_message(
    raw: Raw, emulator: Emulator, community: Community
) -> None:
    _, channel, _ = await raw.call("POST", "/users/@me/channels", {"recipient_id": str(community.member.id)})
    path = f"/channels/{channel['id']}/messages"
    body = {"content": "Time to stretch", "nonce": "r-1", "enforce_nonce": True}
    first = await raw.call("POST", path, body)
    again = await raw.call("POST", path, body)
    assert first[0] == again[0] == 200 and first[1]["id"] == again[1]["id"]
    # Without enforce_nonce the same nonce is just a label: a second message is made.
    await raw.call("POST", path, {"content": "Time to stretch", "nonce": "r-1"})
    assert len(emulator.dm_messages(community.member)) == 2
    # Past Discord's window of a few minutes the nonce is forgotten.
    emulator.state.clock.advance(301)
    await raw.call("POST", path, body)
    assert len(emulator.dm_messages(community.member)) == 3
    status, refused, _ = await raw.call("POST", path, {**body, "nonce": "x" * 26})
    assert status == 400 and refused["code"] == 50035 and "nonce" in refused["errors"]


async def test_files_are_stored_with_name_bytes_and_type(
    raw: Raw, emulator: Emulator, community: Community
) -> None:
    form = aiohttp.FormData(quote_fields=False)
    form.add_field(
        "payload_json",
        json.dumps(
            {
                "content": "your journal",
                "attachments": [{"id": 0, "filename": "chart.png"}, {"id": 1, "filename": "journal.csv"}],
            }
        ),
    )
    form.add_field("files[0]", PNG, filename="chart.png", content_type="application/octet-stream")
    form.add_field(
        "files[1]",
        b"date,pain\n2025-01-01,3\n",
        filename="journal.csv",
        content_type="application/octet-stream",
    )
    status, body, _ = await raw.call("POST", f"/channels/{community.general.id}/messages", form=form)
    assert status == 200, body
    message = emulator.channel_messages(community.general)[-1]
    png, csv = message.attachments
    assert (png.name, png.data, png.content_type, png.width, png.height) == (
        "chart.png",
        PNG,
        "image/png",
        2,
        3,
    )
    assert csv.content_type == "text/csv; charset=utf-8" and csv.data.startswith(b"date,pain")
    async with raw.session.get(png.url) as response:
        assert await response.read() == PNG


async def test_files_in_an_interaction_reply(raw: Raw, ping: InteractionHandle) -> None:
    form = aiohttp.FormData(quote_fields=False)
    form.add_field(
        "payload_json",
        json.dumps({"type": 4, "data": {"attachments": [{"id": 0, "filename": "export.json"}], "flags": 64}}),
    )
    form.add_field("files[0]", b'{"checkins": []}', filename="export.json")
    status, body, _ = await raw.respond(ping, None, form=form)
    assert status == 200, body
    reply = await ping.wait_message()
    assert (
        reply.attachments[0].name == "export.json" and reply.attachments[0].content_type == "application/json"
    )


async def test_ephemeral_messages_are_invisible_to_channel_routes(
    raw: Raw, community: Community, ping: InteractionHandle
) -> None:
    _, body, _ = await raw.respond(ping, {"type": 4, "data": {"content": "secret", "flags": 64}})
    message_id = body["resource"]["message"]["id"]
    status, answer, _ = await raw.call("GET", f"/channels/{community.general.id}/messages/{message_id}")
    assert (status, answer["code"]) == (404, 10008)
    status, listed, _ = await raw.call("GET", f"/channels/{community.general.id}/messages")
    assert status == 200 and listed == []


async def test_missing_channel_permissions_are_enforced(
    raw: Raw, emulator: Emulator, community: Community
) -> None:
    guild = community.guild
    muted = emulator.create_channel(
        guild, "announcements", overwrites=[Overwrite(guild.id, 0, deny=Perm.SEND_MESSAGES)]
    )
    hidden = emulator.create_channel(
        guild, "staff", overwrites=[Overwrite(guild.id, 0, deny=Perm.VIEW_CHANNEL)]
    )
    status, body, _ = await raw.call("POST", f"/channels/{muted.id}/messages", {"content": "hi"})
    assert (status, body["code"]) == (403, 50013)
    status, body, _ = await raw.call("POST", f"/channels/{hidden.id}/messages", {"content": "hi"})
    assert (status, body["code"]) == (403, 50001)


# ------------------------------------------------------------------ mentions


@pytest.mark.parametrize(
    ("content", "allowed", "flagged"),
    [
        ("hello {user}", None, True),
        ("hello {user}", {"parse": []}, False),
        ("hello {user}", {"parse": ["users"]}, True),
        ("@everyone look", {"parse": ["users"]}, False),
        ("@here look", {"parse": ["everyone"]}, True),
        ("role {role}", {"parse": [], "roles": ["{role_id}"]}, True),
        ("no mentions at all", None, False),
    ],
)
async def test_mentions_that_would_ping_are_recorded(
    raw: Raw, emulator: Emulator, community: Community, content: str, allowed: Any, flagged: bool
) -> None:
    def fill(text: str) -> str:
        return (
            text.replace("{user}", community.member.mention)
            .replace("{role}", community.admin_role.mention)
            .replace("{role_id}", str(community.admin_role.id))
        )

    body: dict[str, Any] = {"content": fill(content)}
    if allowed is not None:
        body["allowed_mentions"] = json.loads(fill(json.dumps(allowed)))
    status, _, _ = await raw.call("POST", f"/channels/{community.general.id}/messages", body)
    assert status == 200
    mentions = [v for v in emulator.violations if v["kind"] == "mention"]
    assert bool(mentions) is flagged
    if flagged:
        assert mentions[0]["message"] == "mention not suppressed"


# -------------------------------------------------------------------- faults


async def test_injected_429s_look_like_discords(raw: Raw, emulator: Emulator) -> None:
    emulator.faults.add("GET /users/@me", status=429, times=2, retry_after=0.25)
    for _ in range(2):
        status, body, headers = await raw.call("GET", "/users/@me")
        assert status == 429
        assert body == {
            "message": "You are being rate limited.",
            "retry_after": 0.25,
            "global": False,
            "code": 0,
        }
        assert headers["Via"] and headers["Retry-After"] == "1" and headers["X-RateLimit-Remaining"] == "0"
        assert headers["Content-Type"] == "application/json"
    status, _, _ = await raw.call("GET", "/users/@me")
    assert status == 200
    assert [f.status for f in emulator.faults.injected] == [429, 429]
    assert emulator.violations == []


async def test_global_429_and_server_errors(raw: Raw, emulator: Emulator) -> None:
    emulator.faults.add("/gateway/bot", status=429, global_=True, retry_after=0.1)
    status, body, headers = await raw.call("GET", "/gateway/bot")
    assert status == 429 and body["global"] is True and headers["X-RateLimit-Global"] == "true"
    for code in (500, 502, 503):
        emulator.faults.add("/channels/{channel_id}", status=code)
        status, body, _ = await raw.call("GET", "/channels/123")
        assert status == code and body["code"] == 0


async def test_probabilistic_faults_are_seeded(raw: Raw, emulator: Emulator) -> None:
    async def run(seed: int) -> list[int]:
        emulator.faults.clear()
        emulator.faults.add("GET /users/@me", status=503, rate=0.3, seed=seed)
        return [(await raw.call("GET", "/users/@me"))[0] for _ in range(40)]

    first, second, other = await run(7), await run(7), await run(8)
    assert first == second and first != other
    assert 0 < first.count(503) < 40


async def test_the_rest_of_the_routes_discord_py_uses(
    raw: Raw, emulator: Emulator, community: Community
) -> None:
    app = emulator.application_id
    commands = await raw.register()
    command_id = commands[0]["id"]
    status, fetched, _ = await raw.call("GET", f"/applications/{app}/commands/{command_id}")
    assert status == 200 and fetched["name"] == "ping"
    status, edited, _ = await raw.call(
        "PATCH", f"/applications/{app}/commands/{command_id}", {"description": "New"}
    )
    assert status == 200 and edited["description"] == "New" and edited["id"] == command_id
    status, created, _ = await raw.call("POST", f"/applications/{app}/commands", _cmd(name="help"))
    assert status == 201
    status, _, headers = await raw.call("DELETE", f"/applications/{app}/commands/{created['id']}")
    assert status == 204 and "X-RateLimit-Bucket" in headers
    assert sorted(c["name"] for c in emulator.commands()) == ["ping", "read"]

    channel = community.general.id
    ids = []
    for n in range(3):
        _, sent, _ = await raw.call("POST", f"/channels/{channel}/messages", {"content": f"m{n}"})
        ids.append(sent["id"])
    status, listed, _ = await raw.call("GET", f"/channels/{channel}/messages", params={"limit": "2"})
    assert [m["content"] for m in listed] == ["m2", "m1"]
    status, older, _ = await raw.call("GET", f"/channels/{channel}/messages", params={"before": ids[1]})
    assert [m["content"] for m in older] == ["m0"]
    status, edited_message, _ = await raw.call(
        "PATCH", f"/channels/{channel}/messages/{ids[0]}", {"content": "e"}
    )
    assert status == 200 and edited_message["content"] == "e" and edited_message["edited_timestamp"]
    status, _, _ = await raw.call("DELETE", f"/channels/{channel}/messages/{ids[0]}")
    assert status == 204
    status, body, _ = await raw.call("GET", f"/channels/{channel}/messages/{ids[0]}")
    assert (status, body["code"]) == (404, 10008)
    status, info, _ = await raw.call("GET", f"/channels/{channel}")
    assert info["name"] == "general" and info["guild_id"] == str(community.guild.id)

    guild = community.guild.id
    status, guild_info, _ = await raw.call("GET", f"/guilds/{guild}")
    assert status == 200 and guild_info["name"] == "Lupus Warriors"
    status, member, _ = await raw.call("GET", f"/guilds/{guild}/members/{community.admin.id}")
    assert member["roles"] == [str(community.admin_role.id)]
    status, roles, _ = await raw.call("GET", f"/guilds/{guild}/roles")
    assert {r["name"] for r in roles} >= {"@everyone", "Admin"}
    status, body, _ = await raw.call("GET", f"/guilds/{guild}/members/{community.outsider.id}")
    assert (status, body["code"]) == (404, 10007)

"""The gateway: HELLO, IDENTIFY/READY, GUILD_CREATE, heartbeats, RESUME, INVALID_SESSION.

Several sessions of the one bot may be connected at once, one per shard (rules in
:mod:`.shards`): a server's events go only to the session(s) of its shard, DMs to shard 0.

Every dispatch gets the session's next sequence number and is kept in a replay
buffer, so a client that drops and RESUMEs receives exactly what it missed —
including interactions dispatched while it was away. Transport compression is
whatever the client asked for in the query string: ``zlib-stream`` (one zlib
context per connection, each message ending in a Z_SYNC_FLUSH), ``zstd-stream``
when the ``zstandard`` package is importable, or none.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import importlib.util
import json
import secrets
import zlib
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from .constants import JSON, Intent
from .entities import GatewayLogEntry, Guild
from .shards import ShardRefusal, check_shard, shard_of
from .state import EmulatorState

# Optional, as in discord.py: zstd-stream is offered only when zstandard is importable.
zstandard: Any
try:
    zstandard = importlib.import_module("zstandard")
except ImportError:
    zstandard = None

OP_DISPATCH = 0
OP_HEARTBEAT = 1
OP_IDENTIFY = 2
OP_PRESENCE = 3
OP_VOICE_STATE = 4
OP_RESUME = 6
OP_RECONNECT = 7
OP_REQUEST_MEMBERS = 8
OP_INVALID_SESSION = 9
OP_HELLO = 10
OP_HEARTBEAT_ACK = 11
OP_SOUNDBOARD = 31

ZSTD_AVAILABLE = zstandard is not None


def _dumps(data: Any) -> str:
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


class GatewayConnection:
    """One websocket; compresses in send order under a lock (the stream is stateful)."""

    def __init__(self, ws: web.WebSocketResponse, compress: str | None, query: dict[str, str]) -> None:
        self.ws = ws
        self.compress = compress
        self.query = query
        self.session: GatewaySession | None = None
        self.identified = False
        self._lock = asyncio.Lock()
        self._zlib = zlib.compressobj() if compress == "zlib-stream" else None
        self._zstd = (
            zstandard.ZstdCompressor().compressobj() if compress == "zstd-stream" and zstandard else None
        )

    @property
    def closed(self) -> bool:
        return self.ws.closed

    async def send_text(self, text: str) -> None:
        async with self._lock:
            if self.ws.closed:
                return
            try:
                if self._zlib is not None:
                    raw = text.encode()
                    await self.ws.send_bytes(self._zlib.compress(raw) + self._zlib.flush(zlib.Z_SYNC_FLUSH))
                elif self._zstd is not None:
                    raw = text.encode()
                    chunk = self._zstd.compress(raw) + self._zstd.flush(zstandard.COMPRESSOBJ_FLUSH_BLOCK)
                    await self.ws.send_bytes(chunk)
                else:
                    await self.ws.send_str(text)
            except (ConnectionError, RuntimeError):
                # The peer went away mid-send; the dispatch stays in the replay buffer.
                pass

    async def send_json(self, data: JSON) -> None:
        await self.send_text(_dumps(data))

    async def close(self, code: int, reason: str = "") -> None:
        with contextlib.suppress(ConnectionError, RuntimeError):
            await self.ws.close(code=code, message=reason.encode())


@dataclass(eq=False)
class GatewaySession:
    id: str
    intents: int
    shard: tuple[int, int]
    created_at: float
    buffer_size: int
    seq: int = 0
    connection: GatewayConnection | None = None
    resumes: int = 0
    invalidated: bool = False
    buffer: deque[tuple[int, str]] = field(init=False)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    def __post_init__(self) -> None:
        self.buffer = deque(maxlen=self.buffer_size)

    @property
    def connected(self) -> bool:
        return self.connection is not None and not self.connection.closed

    def handles_guild(self, guild_id: int | None) -> bool:
        """Whether this session receives the server's events (DMs: shard 0 only)."""
        shard_id, shard_count = self.shard
        return shard_of(guild_id, shard_count) == shard_id


class Gateway:
    """Sessions, connections and dispatch for the emulator's one application."""

    def __init__(self, state: EmulatorState) -> None:
        self.state = state
        self.sessions: dict[str, GatewaySession] = {}
        self.connections: set[GatewayConnection] = set()
        self.url = ""  # ws://host:port/gateway, set by the server once it listens
        self.resume_url = ""

    # ---------------------------------------------------------------- logging

    def _log(self, kind: str, session: GatewaySession | None = None, detail: str = "") -> None:
        entry = GatewayLogEntry(kind, self.state.now(), session.id if session else None, detail)
        self.state.gateway_log.append(entry)
        self.state.changes.notify()

    # ------------------------------------------------------------- websocket

    async def handle(self, request: web.Request) -> web.StreamResponse:
        query = dict(request.query)
        compress = query.get("compress") or None
        ws = web.WebSocketResponse(max_msg_size=16 * 1024 * 1024, autoping=True)
        await ws.prepare(request)
        conn = GatewayConnection(ws, compress if compress in ("zlib-stream", "zstd-stream") else None, query)
        self.connections.add(conn)
        self._log("connect", detail=f"{request.path}?{request.query_string}")
        try:
            if query.get("encoding", "json") != "json":
                await conn.close(4002, "the emulator speaks only encoding=json")
                return ws
            if query.get("v") not in (None, "9", "10"):
                await conn.close(4012, "Invalid API version")
                return ws
            if compress and compress != conn.compress:
                await conn.close(4000, f"compression {compress!r} not available")
                return ws
            await conn.send_json(
                {
                    "op": OP_HELLO,
                    "d": {
                        "heartbeat_interval": self.state.config.heartbeat_interval_ms,
                        "_trace": ["emulator"],
                    },
                    "s": None,
                    "t": None,
                }
            )
            async for msg in ws:
                if msg.type == WSMsgType.TEXT:
                    await self._on_message(conn, msg.data)
                elif msg.type == WSMsgType.BINARY:
                    try:
                        await self._on_message(conn, msg.data.decode())
                    except UnicodeDecodeError:
                        await conn.close(4002, "Decode error")
                elif msg.type == WSMsgType.ERROR:
                    break
        finally:
            self.connections.discard(conn)
            session = conn.session
            if session is not None and session.connection is conn:
                session.connection = None
            self._log("disconnect", session, detail=str(ws.close_code))
        return ws

    async def _on_message(self, conn: GatewayConnection, text: str) -> None:
        try:
            payload = json.loads(text)
            op = payload["op"]
        except (ValueError, KeyError, TypeError):
            await conn.close(4002, "Decode error")
            return
        data = payload.get("d")
        if op == OP_HEARTBEAT:
            await conn.send_json({"op": OP_HEARTBEAT_ACK, "d": None, "s": None, "t": None})
        elif op == OP_IDENTIFY:
            await self._identify(conn, data if isinstance(data, dict) else {})
        elif op == OP_RESUME:
            await self._resume(conn, data if isinstance(data, dict) else {})
        elif op in (OP_PRESENCE, OP_VOICE_STATE, OP_REQUEST_MEMBERS, OP_SOUNDBOARD):
            if not conn.identified:
                await conn.close(4003, "Not authenticated")
        else:
            await conn.close(4001, "Unknown opcode")

    async def _identify(self, conn: GatewayConnection, data: JSON) -> None:
        if conn.identified:
            await conn.close(4005, "Already authenticated")
            return
        token = str(data.get("token") or "")
        if token.startswith("Bot "):
            token = token[4:]
        if not self.state.token_ok(token):
            await conn.close(4004, "Authentication failed")
            return
        intents = data.get("intents")
        if not isinstance(intents, int) or intents < 0 or intents & ~Intent.KNOWN:
            await conn.close(4013, "Invalid intent(s)")
            return
        if intents & Intent.PRIVILEGED & ~self.state.config.privileged_intents:
            await conn.close(4014, "Disallowed intent(s)")
            return
        shard = check_shard(
            data.get("shard"),
            connected=[s.shard for s in self.live_sessions() if s.connected],
            guild_ids=[g.id for g in self._bot_guilds()],
            max_guilds=self.state.config.max_guilds_per_session,
        )
        if isinstance(shard, ShardRefusal):
            self._log("refused", detail=f"{shard.code} shard={data.get('shard')}")
            await conn.close(shard.code, shard.reason)
            return
        conn.identified = True
        session = GatewaySession(
            id=secrets.token_hex(16),
            intents=intents,
            shard=shard,
            created_at=self.state.now(),
            buffer_size=self.state.config.resume_buffer,
        )
        self.sessions[session.id] = session
        self._log("identify", session, detail=f"intents={intents} shard={list(shard)}")
        large_threshold = int(data.get("large_threshold") or 250)
        guilds = [g for g in self._bot_guilds() if session.handles_guild(g.id)]
        async with session.lock:
            session.connection = conn
            conn.session = session
            ready = {
                "v": self.state.config.api_version,
                "user": self.state.bot.payload(),
                "guilds": [{"id": str(g.id), "unavailable": True} for g in guilds],
                "session_id": session.id,
                "session_type": "normal",
                "resume_gateway_url": self.resume_url,
                "application": {
                    "id": str(self.state.application_id),
                    "flags": self.state.application_flags(),
                },
                "private_channels": [],
                "relationships": [],
                "presences": [],
                "guild_join_requests": [],
                "geo_ordered_rtc_regions": ["local"],
                "user_settings": {},
                "auth": {},
                "_trace": ["emulator"],
            }
            if data.get("shard") is not None:
                ready["shard"] = list(session.shard)
            await self._send_dispatch(session, "READY", ready)
            self._log("ready", session)
            if intents & Intent.GUILDS:
                for guild in guilds:
                    payload = self.state.guild_payload(
                        guild, intents=intents, large_threshold=large_threshold
                    )
                    await self._send_dispatch(session, "GUILD_CREATE", payload)

    async def _resume(self, conn: GatewayConnection, data: JSON) -> None:
        token = str(data.get("token") or "")
        if token.startswith("Bot "):
            token = token[4:]
        if not self.state.token_ok(token):
            await conn.close(4004, "Authentication failed")
            return
        session = self.sessions.get(str(data.get("session_id")))
        seq = data.get("seq")
        if session is None or session.invalidated or not isinstance(seq, int) or seq > session.seq:
            self._log("invalid_session", session, detail="resume refused")
            await conn.send_json({"op": OP_INVALID_SESSION, "d": False, "s": None, "t": None})
            return
        async with session.lock:
            oldest = session.buffer[0][0] if session.buffer else session.seq + 1
            if seq + 1 < oldest:
                self._log("invalid_session", session, detail="replay buffer exhausted")
                await conn.send_json({"op": OP_INVALID_SESSION, "d": False, "s": None, "t": None})
                return
            old = session.connection
            if old is not None and old is not conn:
                old.session = None
                await old.close(4000, "resumed elsewhere")
            conn.identified = True
            conn.session = session
            session.connection = conn
            session.resumes += 1
            self._log("resume", session, detail=f"from seq {seq}")
            for number, text in list(session.buffer):
                if number > seq:
                    await conn.send_text(text)
            await self._send_dispatch(session, "RESUMED", {"_trace": ["emulator"]})
            self._log("resumed", session)

    # --------------------------------------------------------------- dispatch

    def _bot_guilds(self) -> list[Guild]:
        return [g for g in self.state.guilds.values() if self.state.bot_in(g)]

    async def _send_dispatch(self, session: GatewaySession, event: str, data: JSON) -> None:
        """Number, buffer and (if connected) send one dispatch. Caller holds session.lock."""
        session.seq += 1
        text = _dumps({"op": OP_DISPATCH, "t": event, "s": session.seq, "d": data})
        session.buffer.append((session.seq, text))
        if session.connection is not None:
            await session.connection.send_text(text)

    def live_sessions(self) -> list[GatewaySession]:
        return [s for s in self.sessions.values() if not s.invalidated]

    def newest_session(self, guild_id: int | None = None) -> GatewaySession | None:
        candidates = [s for s in self.live_sessions() if s.handles_guild(guild_id)]
        if not candidates:
            return None
        connected = [s for s in candidates if s.connected]
        pool = connected or candidates
        return max(pool, key=lambda s: s.created_at)

    async def dispatch(
        self,
        event: str,
        data: JSON,
        *,
        guild_id: int | None = None,
        intent: int | None = None,
        only_newest: bool = False,
    ) -> list[GatewaySession]:
        """Send `event` to every session that asked for it (or just the newest one)."""
        if only_newest:
            newest = self.newest_session(guild_id)
            targets = [newest] if newest is not None else []
        else:
            targets = [s for s in self.live_sessions() if s.handles_guild(guild_id)]
        delivered: list[GatewaySession] = []
        for session in targets:
            if intent is not None and not session.intents & intent:
                continue
            async with session.lock:
                await self._send_dispatch(session, event, data)
            delivered.append(session)
        return delivered

    async def dispatch_each(
        self, event: str, build: Callable[[GatewaySession], JSON | None], *, guild_id: int | None = None
    ) -> None:
        """Like dispatch, but the body depends on the session (e.g. its intents)."""
        for session in [s for s in self.live_sessions() if s.handles_guild(guild_id)]:
            data = build(session)
            if data is None:
                continue
            async with session.lock:
                await self._send_dispatch(session, event, data)

    # ---------------------------------------------------------------- faults

    async def drop(self, code: int = 4000) -> int:
        """Close every live socket without ending its session; clients should RESUME."""
        connections = list(self.connections)
        for conn in connections:
            await conn.close(code, "dropped by the emulator")
        return len(connections)

    async def invalidate(self, *, resumable: bool = False) -> int:
        """Send INVALID_SESSION; unless `resumable`, the session is gone (client re-IDENTIFYs)."""
        count = 0
        for session in self.live_sessions():
            conn = session.connection
            if not resumable:
                session.invalidated = True
            self._log("invalid_session", session, detail=f"resumable={resumable}")
            if conn is not None:
                await conn.send_json({"op": OP_INVALID_SESSION, "d": resumable, "s": None, "t": None})
                count += 1
        return count

    async def reconnect(self) -> int:
        """Send op 7 RECONNECT, as Discord does before moving a session."""
        count = 0
        for session in self.live_sessions():
            if session.connection is not None:
                await session.connection.send_json({"op": OP_RECONNECT, "d": None, "s": None, "t": None})
                count += 1
        return count

    async def close_all(self) -> None:
        for conn in list(self.connections):
            await conn.close(1001, "emulator shutting down")

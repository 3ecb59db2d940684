"""Run a bot as a real subprocess against the emulator, the way an operator runs it.

Output goes to a file, not a pipe, so a chatty bot can never block on a full
pipe buffer, and the log survives for the failure message.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Self

if TYPE_CHECKING:
    from .harness import Emulator

BARE_BOT_CMD = (sys.executable, "-m", "tests.emulator.bare_bot")
"""The baseline bot (:mod:`tests.emulator.bare_bot`): one slash command, /ping."""
PING_REPLY = "pong"
"""What the baseline bot answers to /ping."""
READY_MARKER = "bare-bot: commands synced"
"""The line the baseline bot logs once its commands are registered."""


class BotExited(AssertionError):
    """The bot process ended while the test was waiting for it."""


class BotProcess:
    """A bot subprocess: start, wait until ready, kill (SIGKILL) or stop (SIGTERM)."""

    def __init__(
        self,
        cmd: Sequence[str],
        env: Mapping[str, str] | None = None,
        cwd: str | os.PathLike[str] | None = None,
        *,
        emulator: Emulator | None = None,
        log_path: str | os.PathLike[str] | None = None,
        inherit_env: bool = True,
    ) -> None:
        self.cmd = list(cmd)
        self.cwd = str(cwd) if cwd is not None else None
        self.emulator = emulator
        full_env = dict(os.environ) if inherit_env else {}
        if emulator is not None:
            full_env.update(emulator.bot_env())
        full_env.update(env or {})
        full_env.setdefault("PYTHONUNBUFFERED", "1")
        self.env = full_env
        if log_path is None:
            handle, name = tempfile.mkstemp(prefix="bot-", suffix=".log")
            os.close(handle)
            log_path = name
        self.log_path = Path(log_path)
        self.process: asyncio.subprocess.Process | None = None
        self._log_file: IO[bytes] | None = None
        self.started_at = 0.0  # emulator clock reading at start
        self.started_monotonic = 0.0

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self.running:
            await self.stop()

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    @property
    def returncode(self) -> int | None:
        return self.process.returncode if self.process else None

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.returncode is None

    async def start(self) -> Self:
        if self.running:
            raise RuntimeError("bot already running")
        self._log_file = self.log_path.open("ab")
        self.started_at = self.emulator.state.now() if self.emulator else 0.0
        self.started_monotonic = time.monotonic()
        self.process = await asyncio.create_subprocess_exec(
            *self.cmd,
            cwd=self.cwd,
            env=self.env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=self._log_file,
            stderr=asyncio.subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def logs(self) -> str:
        """Everything the bot printed so far (stdout and stderr interleaved)."""
        if self._log_file is not None:
            self._log_file.flush()
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def _tail(self, lines: int = 40) -> str:
        return "\n".join(self.logs().splitlines()[-lines:])

    def _ready_now(self, marker: str | None, require_sync: bool | None) -> bool:
        if marker is not None and marker in self.logs():
            return True
        emu = self.emulator
        if emu is None:
            return False
        state = emu.state
        ready = any(e.kind == "ready" and e.at >= self.started_at for e in state.gateway_log)
        if not ready:
            return False
        synced_now = any(at >= self.started_at for at, _ in state.command_writes)
        if require_sync is None:
            # A bot that syncs by hash may skip the PUT when nothing changed.
            had_commands = any(scope for scope in state.commands.values())
            return synced_now or (
                had_commands and any(at < self.started_at for at, _ in state.command_writes)
            )
        return synced_now if require_sync else True

    async def wait_ready(
        self, timeout: float = 30.0, *, marker: str | None = None, require_sync: bool | None = None
    ) -> None:
        """Until the bot got READY and registered its commands (or printed `marker`).

        `require_sync=None` also accepts commands registered by an earlier run
        (a bot that only syncs when its command tree changed); True insists on a
        fresh write; False needs only READY.
        """
        if self.process is None:
            raise RuntimeError("call start() first")
        if self.emulator is None and marker is None:
            raise ValueError("without an emulator, wait_ready needs a log marker")
        deadline = time.monotonic() + timeout
        while True:
            if self._ready_now(marker, require_sync):
                return
            if self.process.returncode is not None:
                raise BotExited(f"bot exited with {self.process.returncode} before ready:\n{self._tail()}")
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"bot not ready after {timeout:g} s:\n{self._tail()}")
            if self.emulator is not None:
                with contextlib.suppress(TimeoutError):
                    await self.emulator.state.changes.wait_for(
                        lambda: self._ready_now(marker, require_sync), min(0.2, remaining), poll=0.05
                    )
            else:
                await asyncio.sleep(min(0.05, remaining))

    def kill(self) -> None:
        """SIGKILL: the crash case (no shutdown code runs)."""
        if self.running and self.process is not None:
            with contextlib.suppress(ProcessLookupError):
                self.process.send_signal(signal.SIGKILL)

    async def wait(self, timeout: float = 10.0) -> int:
        if self.process is None:
            raise RuntimeError("not started")
        code = await asyncio.wait_for(self.process.wait(), timeout)
        self._close_log()
        return code

    async def stop(self, timeout: float = 10.0) -> int:
        """SIGTERM, wait for a clean exit (SIGKILL after `timeout`), return the exit code."""
        if self.process is None:
            raise RuntimeError("not started")
        if self.running:
            with contextlib.suppress(ProcessLookupError):
                self.process.send_signal(signal.SIGTERM)
        try:
            return await self.wait(timeout)
        except TimeoutError:
            self.kill()
            return await self.wait(timeout)

    def _close_log(self) -> None:
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None

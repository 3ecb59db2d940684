"""Run the emulator standalone: ``python -m tests.emulator [--port N] [--deadline S] [--shards N]``.

It builds the standard community (owner, admin, member …), prints the base
URL and the environment a bot needs, and serves until interrupted. With
``--shards N`` it recommends N shards and the same people have a server on each. Useful for
a playground bot or a benchmark driver in another process.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import signal
import sys

from .harness import Emulator


async def serve(args: argparse.Namespace) -> None:
    async with Emulator(
        host=args.host, port=args.port, response_deadline=args.deadline, shards=args.shards
    ) as emu:
        place = emu.community()
        others = [emu.another_server(place, f"Shard {n} Server", shard=n) for n in range(1, args.shards)]
        print(emu.api_base, flush=True)
        info = {
            "api_base": emu.api_base,
            "gateway_url": emu.gateway_url,
            "token": emu.token,
            "application_id": str(emu.application_id),
            "guild_id": str(place.guild.id),
            "guild_ids": [str(p.guild.id) for p in (place, *others)],  # one per shard
            "users": {
                "owner": str(place.owner.id),
                "admin": str(place.admin.id),
                "member": str(place.member.id),
                "outsider": str(place.outsider.id),
            },
        }
        print(json.dumps(info), flush=True)
        print(
            f"export DISCORD_API_BASE={emu.api_base} DISCORD_TOKEN={emu.token}", file=sys.stderr, flush=True
        )
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):
                loop.add_signal_handler(sig, stop.set)
        await stop.wait()
        if emu.violations:
            print(json.dumps(emu.violations, indent=2), file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.emulator", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--deadline", type=float, default=3.0, help="first-response deadline in seconds")
    parser.add_argument("--shards", type=int, default=1, help="shards recommended; a server on each")
    asyncio.run(serve(parser.parse_args()))


if __name__ == "__main__":
    main()

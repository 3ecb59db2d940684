"""Idle rate-limit buckets are dropped in amortised constant time (``bot.client.sweep_ratelimits_amortised``).

discord.py's own sweep scans every bucket on each new one past 256: quadratic for a burst of
reminder DMs, one new DM channel (bucket) each. Counted in bucket checks, not seconds.
"""

from __future__ import annotations

import asyncio

import discord
import pytest

from bot.client import sweep_ratelimits_amortised

BURST = 20_000


def count_checks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls = [0]
    original = discord.http.Ratelimit.is_inactive

    def counted(self: discord.http.Ratelimit) -> bool:
        calls[0] += 1
        return original(self)

    monkeypatch.setattr(discord.http.Ratelimit, "is_inactive", counted)
    return calls


async def test_a_burst_of_new_buckets_costs_linear_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = count_checks(monkeypatch)
    http = discord.http.HTTPClient(asyncio.get_running_loop())
    sweep_ratelimits_amortised(http)
    for n in range(BURST):
        http.get_ratelimit(f"POST /channels/{n}/messages")
    assert calls[0] <= 2 * BURST  # discord.py's own sweep: about BURST²/2 = 200,000,000
    assert len(http._buckets) == BURST  # all recent: nothing may be dropped yet


async def test_idle_buckets_are_still_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    http = discord.http.HTTPClient(asyncio.get_running_loop())
    sweep_ratelimits_amortised(http)
    for n in range(1_000):
        http.get_ratelimit(f"POST /channels/{n}/messages")
    for bucket in http._buckets.values():
        bucket._last_request -= 301  # five minutes idle
    for n in range(1_000, 3_000):
        http.get_ratelimit(f"POST /channels/{n}/messages")
    assert all(f"POST /channels/{n}/messages" not in http._buckets for n in range(1_000))
    assert len(http._buckets) <= 2_000


async def test_without_it_discord_py_scans_every_bucket_each_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reason for the override: the library's own cost, measured the same way on a small burst."""
    calls = count_checks(monkeypatch)
    http = discord.http.HTTPClient(asyncio.get_running_loop())
    for n in range(2_000):
        http.get_ratelimit(f"POST /channels/{n}/messages")
    assert calls[0] > 1_000_000

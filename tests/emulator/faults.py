"""Injected REST failures: 429s and 5xx, a fixed number of times or at a seeded rate.

The point is to prove the bot survives Discord having a bad moment: discord.py
retries 429s that carry ``Via`` (without it a 429 looks like a Cloudflare ban)
and retries 5xx on interaction/webhook routes, so a reply must still arrive.
"""

from __future__ import annotations

import fnmatch
import json
import math
import random
from dataclasses import dataclass, field

from aiohttp import web

_REASONS = {
    429: "You are being rate limited.",
    500: "500: Internal Server Error",
    502: "502: Bad Gateway",
    503: "503: Service Unavailable",
    504: "504: Gateway Timeout",
}


@dataclass
class FaultRule:
    """Fail requests matching `pattern` ("METHOD /path/glob" or "/path/glob")."""

    pattern: str
    status: int
    times: int | None
    retry_after: float
    global_: bool
    rate: float | None
    rng: random.Random
    hits: int = 0

    def matches(self, method: str, path: str, template: str) -> bool:
        pattern = self.pattern
        wanted_method, _, path_pattern = pattern.partition(" ")
        if path_pattern and wanted_method.isupper() and not wanted_method.startswith("/"):
            if wanted_method != method:
                return False
            pattern = path_pattern
        return fnmatch.fnmatchcase(path, pattern) or fnmatch.fnmatchcase(template, pattern)

    @property
    def exhausted(self) -> bool:
        return self.times is not None and self.hits >= self.times

    def fires(self) -> bool:
        if self.exhausted:
            return False
        if self.rate is not None and self.rng.random() >= self.rate:
            return False
        self.hits += 1
        return True


@dataclass
class InjectedFault:
    method: str
    path: str
    status: int


@dataclass
class FaultInjector:
    rules: list[FaultRule] = field(default_factory=list)
    injected: list[InjectedFault] = field(default_factory=list)

    def add(
        self,
        route_pattern: str,
        *,
        status: int = 429,
        times: int | None = None,
        retry_after: float = 0.05,
        global_: bool = False,
        rate: float | None = None,
        seed: int | None = 0,
    ) -> FaultRule:
        """Fail matching requests `times` times (default 1), or each with probability `rate`.

        `route_pattern` is a glob over the path below the API base, optionally
        prefixed by the method: ``"POST /interactions/*/callback"``. Route
        templates match too: ``"/channels/{channel_id}/messages"``.
        """
        if status not in _REASONS:
            raise ValueError(f"unsupported fault status {status}; use one of {sorted(_REASONS)}")
        if rate is not None and not 0.0 <= rate <= 1.0:
            raise ValueError("rate must be between 0 and 1")
        if times is None and rate is None:
            times = 1
        rule = FaultRule(
            pattern=route_pattern,
            status=status,
            times=times,
            retry_after=retry_after,
            global_=global_,
            rate=rate,
            rng=random.Random(seed),
        )
        self.rules.append(rule)
        return rule

    def remove(self, rule: FaultRule) -> None:
        self.rules.remove(rule)

    def clear(self) -> None:
        self.rules.clear()

    def pick(self, method: str, path: str, template: str) -> FaultRule | None:
        for rule in self.rules:
            if rule.matches(method, path, template) and rule.fires():
                self.injected.append(InjectedFault(method, path, rule.status))
                return rule
        return None

    def response(self, rule: FaultRule, bucket: str) -> web.Response:
        headers = {"Content-Type": "application/json"}
        body: dict[str, object]
        if rule.status == 429:
            body = {"message": _REASONS[429], "retry_after": rule.retry_after, "global": rule.global_}
            if not rule.global_:
                body["code"] = 0
            headers.update(
                {
                    "Via": "1.1 google",
                    "Retry-After": str(max(1, math.ceil(rule.retry_after))),
                    "X-RateLimit-Limit": "1",
                    "X-RateLimit-Remaining": "0",
                    "X-RateLimit-Reset-After": f"{rule.retry_after:.3f}",
                    "X-RateLimit-Bucket": bucket,
                    "X-RateLimit-Scope": "global" if rule.global_ else "user",
                }
            )
            if rule.global_:
                headers["X-RateLimit-Global"] = "true"
        else:
            body = {"message": _REASONS[rule.status], "code": 0}
        return web.Response(status=rule.status, body=json.dumps(body).encode(), headers=headers)

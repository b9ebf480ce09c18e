"""Attempts allowed per key (an account's e-mail, a client address) in a sliding window.

Kept in this process's memory: a restart forgets them, and with ``--workers N`` each worker
counts on its own (so at most N times the limit gets through). The number of keys is
bounded; the oldest is forgotten first.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from threading import Lock

from glutewake.errors import AccessDeniedError


class TooManyAttemptsError(AccessDeniedError):
    """Too many attempts in a short time: wait before the next one."""

    def __init__(self, retry_after_seconds: int) -> None:
        minutes = max(1, round(retry_after_seconds / 60))
        super().__init__(
            "Too many attempts in a short time; nothing was checked.",
            hint=f"Wait about {minutes} minute(s) and try again.",
        )
        self.retry_after_seconds = retry_after_seconds


class AttemptLimiter:
    """At most ``limit`` attempts per key within ``window`` seconds."""

    def __init__(
        self,
        limit: int,
        window: float,
        max_keys: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.window = window
        self.max_keys = max_keys
        self.clock = clock
        self._attempts: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = Lock()

    def check(self, *keys: str) -> None:
        """Raise TooManyAttemptsError if any key is at its limit; else count an attempt for each."""
        now = self.clock()
        with self._lock:
            waits = [self._wait(key, now) for key in keys]
            wait = max(waits, default=0.0)
            if wait > 0:
                raise TooManyAttemptsError(int(wait) + 1)
            for key in keys:
                self._attempts.setdefault(key, deque()).append(now)
                self._attempts.move_to_end(key)
            while len(self._attempts) > self.max_keys:
                self._attempts.popitem(last=False)

    def forget(self, key: str) -> None:
        """Clear a key's attempts (after a successful login, its account's)."""
        with self._lock:
            self._attempts.pop(key, None)

    def _wait(self, key: str, now: float) -> float:
        """Seconds until ``key`` may try again (0: now); drops attempts out of the window."""
        attempts = self._attempts.get(key)
        if attempts is None:
            return 0.0
        while attempts and attempts[0] <= now - self.window:
            attempts.popleft()
        if len(attempts) < self.limit:
            return 0.0
        return attempts[0] + self.window - now


WINDOW_SECONDS = 15 * 60


@dataclass
class AccountLimits:
    """The web app's limits on login and invite attempts (see docs/coach-mode.md)."""

    per_account: AttemptLimiter = field(default_factory=lambda: AttemptLimiter(5, WINDOW_SECONDS))
    per_address: AttemptLimiter = field(default_factory=lambda: AttemptLimiter(30, WINDOW_SECONDS))
    invites_per_address: AttemptLimiter = field(
        default_factory=lambda: AttemptLimiter(20, WINDOW_SECONDS)
    )

"""Attempts allowed per key (an account's e-mail, a client address) in a sliding window.

Counted in the database (``store.attempts``), each check in a transaction of its own that is
committed at once, whatever the login then answers: every worker of ``glutewake serve
--workers N`` shares the same counts, two workers counting one key wait for each other, and
a restart forgets nothing. The keys are kept as SHA-256 digests; a key's row goes once its
newest attempt leaves the window. The time comes from the App's clock.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from glutewake.application.context import App
from glutewake.errors import AccessDeniedError
from glutewake.store import attempts as store


class TooManyAttemptsError(AccessDeniedError):
    """Too many attempts in a short time: wait before the next one."""

    def __init__(self, retry_after_seconds: int) -> None:
        minutes = max(1, round(retry_after_seconds / 60))
        super().__init__(
            "Too many attempts in a short time; nothing was checked.",
            hint=f"Wait about {minutes} minute(s) and try again.",
        )
        self.retry_after_seconds = retry_after_seconds


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class AttemptLimiter:
    """At most ``limit`` attempts per key within ``window`` seconds, for one ``kind`` of
    attempt, counted in the App's database."""

    def __init__(self, app: App, kind: str, limit: int, window: float) -> None:
        self.app = app
        self.kind = kind
        self.limit = limit
        self.window = window

    def check(self, *keys: str) -> None:
        """Raise TooManyAttemptsError if any key is at its limit; else count an attempt for each."""
        with self.app.database.session() as session:
            wait = store.attempt(
                session,
                self.kind,
                [key_digest(key) for key in keys],
                self.app.clock.now(),
                self.limit,
                timedelta(seconds=self.window),
            )
        if wait > timedelta(0):
            raise TooManyAttemptsError(int(wait.total_seconds()) + 1)

    def forget(self, key: str) -> None:
        """Clear a key's attempts (after a successful login, its account's)."""
        with self.app.database.session() as session:
            store.forget(session, self.kind, key_digest(key))


WINDOW_SECONDS = 15 * 60


@dataclass
class AccountLimits:
    """The web app's limits on login and invite attempts (see docs/coach-mode.md)."""

    per_account: AttemptLimiter
    per_address: AttemptLimiter
    invites_per_address: AttemptLimiter

    @classmethod
    def of(cls, app: App) -> AccountLimits:
        return cls(
            per_account=AttemptLimiter(app, "login-account", 5, WINDOW_SECONDS),
            per_address=AttemptLimiter(app, "login-address", 30, WINDOW_SECONDS),
            invites_per_address=AttemptLimiter(app, "invite-address", 20, WINDOW_SECONDS),
        )

"""Login and invite limits counted in the database, on SQLite and PostgreSQL: shared by two App
instances on one database (two workers), kept over a restart, exact under concurrent attempts,
pruned once out of the window. The clock is a test's own: nothing sleeps."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from glutewake.application import App
from glutewake.application.rate_limit import (
    WINDOW_SECONDS,
    AccountLimits,
    AttemptLimiter,
    TooManyAttemptsError,
)
from glutewake.catalogue import default_catalogue
from glutewake.store import open_database
from glutewake.store.attempt_models import AttemptWindow

START = datetime(2026, 12, 7, 9, 0)


@dataclass
class MovingClock:
    """A clock the test moves by hand."""

    moment: datetime = START

    def today(self) -> date:
        return self.moment.date()

    def now(self) -> datetime:
        return self.moment

    def forward(self, seconds: float) -> None:
        self.moment += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> MovingClock:
    return MovingClock()


@pytest.fixture
def workers(database_url: str, clock: MovingClock) -> Iterator[tuple[App, App]]:
    """Two App instances on one database, as two worker processes have."""
    apps = tuple(App(open_database(database_url), default_catalogue(), clock) for _ in range(2))
    yield apps[0], apps[1]
    for app in apps:
        app.close()


def limiter(app: App, limit: int = 5, window: float = WINDOW_SECONDS) -> AttemptLimiter:
    return AttemptLimiter(app, "login-account", limit, window)


def refused(limiter: AttemptLimiter, *keys: str) -> TooManyAttemptsError | None:
    try:
        limiter.check(*keys)
    except TooManyAttemptsError as error:
        return error
    return None


def test_two_workers_share_one_limit(workers: tuple[App, App]) -> None:
    first, second = limiter(workers[0]), limiter(workers[1])
    for number in range(5):
        assert refused(first if number % 2 else second, "ana@example.org") is None
    for one in (first, second):
        error = refused(one, "ana@example.org")
        assert error is not None
        assert str(error) == "Too many attempts in a short time; nothing was checked."
        assert error.hint == "Wait about 15 minute(s) and try again."
        assert error.retry_after_seconds == WINDOW_SECONDS + 1
    assert refused(second, "ben@example.org") is None  # another key is not held back


def test_a_restart_forgets_nothing(database_url: str, clock: MovingClock) -> None:
    before = App(open_database(database_url), default_catalogue(), clock)
    for _ in range(5):
        limiter(before).check("ana@example.org")
    before.close()
    after = App(open_database(database_url), default_catalogue(), clock)
    try:
        assert refused(limiter(after), "ana@example.org") is not None
    finally:
        after.close()


def test_the_window_slides_and_old_rows_are_pruned(
    workers: tuple[App, App], clock: MovingClock
) -> None:
    one = limiter(workers[0], limit=2, window=60)
    one.check("ana@example.org")
    clock.forward(40)
    one.check("ana@example.org")
    error = refused(one, "ana@example.org")
    assert error is not None and error.retry_after_seconds == 21  # the first leaves at 60 s
    clock.forward(21)
    assert refused(one, "ana@example.org") is None  # the first attempt left the window
    assert refused(one, "ana@example.org") is not None
    one.check("ben@example.org")
    assert rows(workers[1]) == 2
    clock.forward(61)
    one.check("cy@example.org")  # counting one key prunes the keys out of the window
    assert rows(workers[1]) == 1


def rows(app: App) -> int:
    with app.database.session() as session:
        return int(session.scalar(select(func.count()).select_from(AttemptWindow)) or 0)


def test_a_refused_check_counts_for_no_key(workers: tuple[App, App]) -> None:
    one = limiter(workers[0], limit=1)
    one.check("full")
    assert refused(one, "fresh", "full") is not None
    assert refused(one, "fresh") is None  # not counted by the refused check


def test_forgetting_a_key_clears_it_for_every_worker(workers: tuple[App, App]) -> None:
    first, second = limiter(workers[0], limit=1), limiter(workers[1], limit=1)
    first.check("ana@example.org")
    assert refused(second, "ana@example.org") is not None
    second.forget("ana@example.org")
    assert refused(first, "ana@example.org") is None


def test_keys_are_kept_as_digests_only(workers: tuple[App, App]) -> None:
    limiter(workers[0]).check("ana@example.org")
    with workers[0].database.session() as session:
        (row,) = session.scalars(select(AttemptWindow)).all()
    assert "ana" not in row.key_hash and len(row.key_hash) == 64
    assert row.attempts == [START.isoformat()]


def test_concurrent_attempts_from_two_workers_never_slip_past_the_limit(
    workers: tuple[App, App],
) -> None:
    limiters = [limiter(app, limit=5) for app in workers]
    tries = 16
    start = threading.Barrier(tries)
    outcomes: list[bool] = []
    lock = threading.Lock()

    def attempt(number: int) -> None:
        start.wait()
        passed = refused(limiters[number % 2], "ana@example.org") is None
        with lock:
            outcomes.append(passed)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(tries)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(outcomes) == tries
    assert outcomes.count(True) == 5


def test_the_web_apps_limits_count_in_the_database(workers: tuple[App, App]) -> None:
    first, second = AccountLimits.of(workers[0]), AccountLimits.of(workers[1])
    for _ in range(20):
        first.invites_per_address.check("192.0.2.7")
    assert refused(second.invites_per_address, "192.0.2.7") is not None
    assert refused(second.per_address, "192.0.2.7") is None  # each limit counts on its own

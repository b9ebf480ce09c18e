"""The unit of work, the scope it acts in, and the injected clock.

``App`` holds what lives as long as the process (the database, the catalogue, the clock);
``App.work()`` opens one transaction for one scope: it commits when the block ends and rolls
back on any error, so a failure never leaves half-written data.

The scope is the one place where access is decided: solo use resolves to the local person;
with accounts on, :mod:`glutewake.application.access` resolves it from the logged-in account
and the person asked for. The use cases only ever read and write ``work.person_id``; a
read-only scope (a coach viewing as the client) has every write refused by the store, raw SQL
too: its transactions are read-only in the database itself (``store.read_only``).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from threading import Lock
from typing import Any, Literal, Protocol

from glutewake.catalogue import Catalogue, default_catalogue
from glutewake.config import Settings
from glutewake.store import Database, DbSession, open_database
from glutewake.store import repository as repo
from glutewake.store.read_only import read_only

Role = Literal["solo", "client", "coach"]


class Clock(Protocol):
    """Where the use cases get the date and the time from (tests pass a fixed one)."""

    def today(self) -> date:
        """The training day: the local date where glutewake runs."""
        ...

    def now(self) -> datetime:
        """When something is recorded: UTC without a zone, as the store keeps it."""
        ...


class SystemClock:
    def today(self) -> date:
        return date.today()

    def now(self) -> datetime:
        return datetime.now(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class FixedClock:
    """A clock that stays at one moment (tests, previews of another day)."""

    day: date
    moment: datetime

    def today(self) -> date:
        return self.day

    def now(self) -> datetime:
        return self.moment


@dataclass(frozen=True)
class Scope:
    """Who acts, and for which person's records.

    ``actor_id`` is the person acting (solo, client); for a coach, who has no person, it is
    their account id. ``account_id`` is None in solo use. ``read_only``: writes are refused.
    """

    actor_id: int
    person_id: int
    account_id: int | None = None
    role: Role = "solo"
    read_only: bool = False

    @property
    def acting_for_self(self) -> bool:
        return self.role != "coach" and self.actor_id == self.person_id


class Memo:
    """A small, bounded, thread-safe memo of values derived from stored data (oldest out first).

    Keys must name everything the value is derived from, including a version of the rows read.
    """

    def __init__(self, size: int = 64) -> None:
        self._size = size
        self._values: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = Lock()

    def get(self, key: Hashable) -> Any:
        with self._lock:
            return self._values.get(key)

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._values[key] = value
            while len(self._values) > self._size:
                self._values.popitem(last=False)


@dataclass
class Work:
    """One transaction for one scope: what every use case receives."""

    db: DbSession
    scope: Scope
    clock: Clock
    catalogue: Catalogue
    previews: Memo = field(default_factory=Memo)  # shared by the App's units of work

    @property
    def person_id(self) -> int:
        return self.scope.person_id


class App:
    """The application's long-lived parts; ``work()`` opens a unit of work."""

    def __init__(self, database: Database, catalogue: Catalogue, clock: Clock) -> None:
        self.database = database
        self.catalogue = catalogue
        self.clock = clock
        self.previews = Memo()

    @classmethod
    def open(cls, settings: Settings, clock: Clock | None = None) -> App:
        """The configured database (migrated) with the packaged catalogue."""
        database = open_database(settings.resolved_database_url)
        return cls(database, default_catalogue(), clock or SystemClock())

    def close(self) -> None:
        self.database.close()

    @contextmanager
    def work(self, scope: Scope | None = None) -> Iterator[Work]:
        with self.database.session() as session:
            scope = scope or self.local_scope(session)
            if not scope.read_only:
                yield Work(session, scope, self.clock, self.catalogue, self.previews)
                return
            with read_only(session):  # ORM writes and raw SQL alike, in the database itself
                yield Work(session, scope, self.clock, self.catalogue, self.previews)

    @staticmethod
    def local_scope(session: DbSession) -> Scope:
        """The local person acting for themself: solo use on this machine."""
        person = repo.default_person(session)
        return Scope(actor_id=person.id, person_id=person.id)

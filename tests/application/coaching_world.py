"""A coach, their clients and another coach's client on one database, with a fixed clock."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from flows import GO

from glutewake.application import App, programs, screening
from glutewake.application.context import FixedClock, Scope, Work
from glutewake.catalogue import default_catalogue
from glutewake.store import accounts, open_database, set_logs
from glutewake.tracking.log import Felt, SetLog

TODAY = date(2026, 12, 7)  # a Monday
NOW = datetime.combine(TODAY, time(9, 0))


@dataclass
class World:
    app: App
    coach: int
    other_coach: int

    def client(self, name: str, coach: int | None = None) -> int:
        with self.app.work(self.solo(0)) as work:
            person = accounts.add_person(work.db, name, NOW)
            accounts.link_client(work.db, self.coach if coach is None else coach, person)
        return person

    @staticmethod
    def solo(person: int) -> Scope:
        """The client acting for themself."""
        return Scope(actor_id=person, person_id=person, role="client")

    def as_coach(self, person: int, coach: int | None = None, read_only: bool = False) -> Scope:
        account = self.coach if coach is None else coach
        return Scope(account, person, account_id=account, role="coach", read_only=read_only)

    @contextmanager
    def work(self, scope: Scope) -> Iterator[Work]:
        with self.app.work(scope) as work:
            yield work

    def screen(self, person: int, answers: dict[str, Any] = GO) -> None:
        with self.work(self.solo(person)) as work:
            screening.take(work, answers)

    def plan(self, person: int, start: date | None = None) -> None:
        with self.work(self.solo(person)) as work:
            programs.plan(work, {"minutes": 20, "sessions_per_week": 3}, start=start)

    def log(self, person: int, day: date, pain: int = 0, felt: Felt = Felt.GLUTES_LEFT) -> None:
        with self.work(self.solo(person)) as work:
            for number in (1, 2):
                log = SetLog(
                    exercise_id="glute-bridge",
                    day=day,
                    set_number=number,
                    reps=10,
                    effort=5,
                    felt=[felt],
                    pain=pain,
                    logged_at=datetime.combine(day, time(8, number)),
                )
                set_logs.log_set(work.db, person, log, f"{day.isoformat()}-{number}")


def open_world(database_url: str, today: date = TODAY) -> World:
    moment = datetime.combine(today, time(9, 0))
    app = App(open_database(database_url), default_catalogue(), FixedClock(today, moment))
    with app.work(Scope(0, 0)) as work:
        coach = accounts.add_account(work.db, "coach@example.org", "coach", moment).id
        other = accounts.add_account(work.db, "other@example.org", "coach", moment).id
    return World(app, coach, other)


def days_back(days: int, today: date = TODAY) -> date:
    return today - timedelta(days=days)

"""The coach's dashboard keeps each client's row between looks: whatever a client does between
two looks shows on the second one, in this process or from another one (another worker), on
SQLite and PostgreSQL. And the start-up warm-up leaves a coach's first look little to read."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from coaching_world import NOW, TODAY, World, days_back, open_world
from flows import CLEARANCE
from sqlalchemy import event

from glutewake.application import App, coach_dashboard, coaching
from glutewake.application.coach_dashboard import Dashboard, DashboardRow
from glutewake.application.context import FixedClock
from glutewake.catalogue import default_catalogue
from glutewake.store import open_database, set_logs


@pytest.fixture
def world(database_url: str) -> Iterator[World]:
    found = open_world(database_url)
    yield found
    found.app.close()


def look(world: World, app: App | None = None) -> Dashboard:
    with (app or world.app).work(world.as_coach(0)) as work:
        return coach_dashboard.dashboard(work)


def rows(board: Dashboard) -> dict[str, DashboardRow]:
    return {row.attention.name: row for row in board.rows}


def kinds(row: DashboardRow) -> list[str]:
    return [reason.kind for reason in row.attention.reasons]


def trained_clients(world: World, names: tuple[str, ...]) -> list[int]:
    people = [world.client(name) for name in names]
    for person in people:
        world.screen(person)
        world.plan(person, start=days_back(13))
        for back in range(1, 14):
            if days_back(back).weekday() in (0, 2, 4):
                world.log(person, days_back(back))
    return people


def test_a_client_who_logs_between_two_looks_shows_their_new_sets(world: World) -> None:
    ada, bo, cy = trained_clients(world, ("Ada", "Bo", "Cy"))
    before = rows(look(world))
    assert all(kinds(row) == [] for row in before.values())
    world.log(bo, TODAY, pain=5)
    after = look(world)
    changed = rows(after)
    assert TODAY in changed["Bo"].facts.logged_days
    assert changed["Bo"].facts.last_logged == TODAY
    assert changed["Bo"].facts.recent_pain.highest == 5
    assert kinds(changed["Bo"]) == ["pain"]
    assert after.rows[0].attention.name == "Bo"  # who hurts comes first now
    # The others are as they were, and the same rows, kept.
    assert changed["Ada"] is before["Ada"] and changed["Cy"] is before["Cy"]
    assert {row.attention.person_id for row in after.rows} == {ada, bo, cy}
    # Another set on the same day: their last day stays, the number of sets tells.
    with world.work(world.solo(bo)) as work:
        later = set_logs.logged_sets(work.db, bo)[-1].log.model_copy(update={"pain": 8})
        set_logs.log_set(work.db, bo, later, "later the same day")
    assert rows(look(world))["Bo"].facts.recent_pain.highest == 8


def test_a_set_logged_through_another_process_shows_at_the_next_look(
    world: World, database_url: str
) -> None:
    """Two workers on one database: each keeps its own rows, and still sees the other's sets."""
    (ada,) = trained_clients(world, ("Ada",))
    other = App(open_database(database_url), default_catalogue(), FixedClock(TODAY, NOW))
    try:
        assert kinds(rows(look(world))["Ada"]) == []
        assert kinds(rows(look(world, other))["Ada"]) == []
        with other.work(world.solo(ada)) as work:
            logged = set_logs.logged_sets(work.db, ada)[-1]
            hurt = logged.log.model_copy(update={"pain": 7})
            set_logs.correct_set(work.db, ada, logged.id, hurt, NOW)
        assert kinds(rows(look(world))["Ada"]) == ["pain"]
    finally:
        other.close()


def test_a_correction_that_moves_a_set_to_another_day_shows(world: World) -> None:
    (ada,) = trained_clients(world, ("Ada",))
    first = rows(look(world))["Ada"].facts
    with world.work(world.solo(ada)) as work:
        logged = set_logs.logged_sets(work.db, ada)[-1]
        moved = logged.log.model_copy(update={"day": days_back(2)})
        set_logs.correct_set(work.db, ada, logged.id, moved, NOW)
        again = set_logs.logged_sets(work.db, ada)[-2]  # its pair: that day is empty now
        gone = again.log.model_copy(update={"day": days_back(2)})
        set_logs.correct_set(work.db, ada, again.id, gone, NOW)
    second = rows(look(world))["Ada"].facts
    assert logged.log.day in first.logged_days and logged.log.day not in second.logged_days
    assert days_back(2) in second.logged_days
    # Corrected a second time: the same number of corrected sets, the day changes again.
    with world.work(world.solo(ada)) as work:
        back = moved.model_copy(update={"day": logged.log.day})
        set_logs.correct_set(work.db, ada, logged.id, back, NOW)
    third = rows(look(world))["Ada"].facts
    assert {logged.log.day, days_back(2)} <= third.logged_days


def test_a_clearance_recorded_between_two_looks_lifts_the_pause(world: World) -> None:
    person = world.client("Ada")
    world.screen(person, CLEARANCE)
    assert kinds(rows(look(world))["Ada"]) == ["gate"]
    with world.work(world.as_coach(person)) as work:
        coaching.record_clearance(work, "Dr Lee, physiotherapist", "", [], "letter received")
    assert "gate" not in kinds(rows(look(world))["Ada"])


def test_after_the_warm_up_a_first_look_reads_no_document(world: World) -> None:
    trained_clients(world, ("Ada", "Bo"))
    coach_dashboard.warm_up(world.app)
    statements: list[str] = []

    def seen(*args: object) -> None:
        statements.append(str(args[2]))

    engine = world.app.database.engine
    event.listen(engine, "before_cursor_execute", seen)
    try:
        board = look(world)
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert len(board.rows) == 2
    read = " ".join(statements)
    assert "program.data" not in read and "screening.profile" not in read
    assert "set_log.data" not in read

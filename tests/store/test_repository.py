from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from store_factories import a_log, a_profile

from glutewake.errors import NotFoundError
from glutewake.screening.profile import Gate
from glutewake.store import Database, break_events, open_database, set_logs
from glutewake.store import repository as repo


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    """A new database of each kind (SQLite, PostgreSQL), closed after the test."""
    database = open_database(database_url)
    yield database
    database.close()


def test_a_new_database_is_migrated(db: Database) -> None:
    tables = set(inspect(db.engine).get_table_names())
    assert {"person", "screening", "set_log", "alembic_version"} <= tables


def test_a_new_sqlite_database_is_in_wal_mode(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'store.db'}")
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    db.close()


def test_the_local_person_is_created_once(db: Database) -> None:
    with db.session() as session:
        first = repo.default_person(session)
    with db.session() as session:
        assert repo.default_person(session) == first


def test_a_screening_round_trips(db: Database) -> None:
    profile = a_profile()
    with db.session() as session:
        person = repo.default_person(session)
        screening_id = repo.save_screening(
            session, person.id, {"sitting_hours": 9}, profile, datetime(2026, 11, 1, 9)
        )
    with db.session() as session:
        record = repo.get_screening(session, person.id, screening_id)
        assert record.profile == profile
        assert record.answers == {"sitting_hours": 9}
        assert repo.latest_screening(session, person.id) == record


def test_a_missing_screening_says_how_to_find_one(db: Database) -> None:
    with db.session() as session, pytest.raises(NotFoundError) as caught:
        repo.get_screening(session, repo.default_person(session).id, 42)
    assert "--history" in caught.value.hint


def test_a_clearance_is_stored_for_its_screening(db: Database) -> None:
    with db.session() as session:
        person = repo.default_person(session)
        screening_id = repo.save_screening(
            session, person.id, {}, a_profile(Gate.CLEARANCE), datetime(2026, 11, 1)
        )
        assert repo.clearance_for(session, person.id, screening_id) is None
        repo.record_clearance(
            session, person.id, screening_id, "Dr Lee", "cleared", datetime(2026, 11, 3)
        )
    with db.session() as session:
        clearance = repo.clearance_for(session, person.id, screening_id)
        assert clearance is not None
        assert clearance.cleared_by == "Dr Lee"


def test_a_retried_log_is_stored_once(db: Database) -> None:
    with db.session() as session:
        person = repo.default_person(session)
        first = set_logs.log_set(session, person.id, a_log(), key="phone-1")
        again = set_logs.log_set(session, person.id, a_log(), key="phone-1")
        other = set_logs.log_set(session, person.id, a_log(12), key="phone-2")
    assert first == again != other
    with db.session() as session:
        assert [log.reps for log in set_logs.set_logs(session, person.id)] == [10, 12]


def test_concurrent_retries_of_one_log_store_one_row(database_url: str) -> None:
    url = database_url
    db = open_database(url)
    with db.session() as session:
        person_id = repo.default_person(session).id
    ids: list[int] = []

    def post() -> None:
        own = open_database(url)
        with own.session() as session:
            ids.append(set_logs.log_set(session, person_id, a_log(), key="same"))
        own.close()

    threads = [threading.Thread(target=post) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(ids)) == 1
    with db.session() as session:
        assert len(set_logs.set_logs(session, person_id)) == 1
    db.close()


def test_a_failure_inside_a_session_leaves_nothing_written(db: Database) -> None:
    with pytest.raises(RuntimeError), db.session() as session:
        person = repo.default_person(session)
        repo.save_screening(session, person.id, {}, a_profile(), datetime(2026, 11, 1))
        raise RuntimeError("crash half way")
    with db.session() as session:
        assert repo.screenings(session, repo.default_person(session).id) == []


def test_programs_preferences_adjustments_and_breaks(db: Database) -> None:
    with db.session() as session:
        person = repo.default_person(session)
        repo.save_preferences(session, person.id, {"minutes": 20})
        repo.save_preferences(session, person.id, {"minutes": 25})
        program_id = repo.save_program(session, person.id, {"weeks": []}, datetime(2026, 11, 1))
        repo.replace_program(session, person.id, program_id, {"weeks": [1]})
        repo.record_adjustment(
            session, person.id, program_id, date(2026, 11, 2), "glute-bridge", "regress", "pain 5"
        )
        break_events.record_break(
            session, person.id, {"at": datetime(2026, 11, 2, 10), "kind": "done"}
        )
    with db.session() as session:
        assert repo.get_preferences(session, person.id) == {"minutes": 25}
        current = repo.current_program(session, person.id)
        assert current is not None
        assert current.program == {"weeks": [1]}
        [adjustment] = repo.adjustments(session, person.id)
        assert adjustment.reason == "pain 5"
        [event] = break_events.breaks(session, person.id)
        assert event["kind"] == "done"


def test_an_adaptation_is_stored_with_each_change(db: Database) -> None:
    from datetime import date as day_type

    from glutewake.catalogue import default_catalogue
    from glutewake.programming.builder import ProgramBuilder
    from glutewake.programming.preferences import Preferences
    from glutewake.progression.adapt import adapt

    start = day_type(2026, 11, 2)
    program = ProgramBuilder(default_catalogue()).build(a_profile(), Preferences(), start)
    item = program.weeks[0].sessions[0].items[0]
    pain = a_log().model_copy(
        update={"exercise_id": item.exercise_id, "day": program.weeks[0].sessions[0].day, "pain": 7}
    )
    adaptation = adapt(program, [pain], pain.day, default_catalogue())
    assert adaptation.changes
    with db.session() as session:
        person = repo.default_person(session)
        program_id = repo.save_program(session, person.id, {}, datetime(2026, 11, 1))
        repo.store_adaptation(session, person.id, program_id, adaptation)
    with db.session() as session:
        current = repo.current_program(session, person.id)
        assert current is not None
        assert current.program == adaptation.program.model_dump(mode="json")
        stored = repo.adjustments(session, person.id)
        assert [a.reason for a in stored] == [c.reason for c in adaptation.changes]
        assert [a.change for a in stored] == [c.label for c in adaptation.changes]

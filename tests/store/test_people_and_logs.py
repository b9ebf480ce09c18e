"""Two people in one database, content-keyed logs, corrections, and the 0002 migration."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import text
from store_factories import a_log, a_profile

from glutewake.errors import ConflictError, NotFoundError
from glutewake.screening.profile import Gate
from glutewake.store import Database, models, open_database, set_logs
from glutewake.store import repository as repo
from glutewake.store.database import MIGRATIONS, create_db_engine


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    """A new database of each kind (SQLite, PostgreSQL), closed after the test."""
    database = open_database(database_url)
    yield database
    database.close()


def two_people(db: Database) -> tuple[int, int]:
    with db.session() as session:
        me = repo.default_person(session).id
        other = models.Person(name="client", is_local_user=False, created_at=datetime(2026, 1, 1))
        session.add(other)
        session.flush()
        return me, other.id


def test_another_persons_records_are_not_found(db: Database) -> None:
    me, other = two_people(db)
    with db.session() as session:
        theirs = repo.save_screening(
            session, other, {}, a_profile(Gate.CLEARANCE), datetime(2026, 11, 1)
        )
        repo.record_clearance(session, other, theirs, "Dr Lee", "", datetime(2026, 11, 2))
        program_id = repo.save_program(session, other, {"weeks": []}, datetime(2026, 11, 1))
        log_id = set_logs.log_set(session, other, a_log(), key="their-set-1")
    with db.session() as session:
        assert repo.clearance_for(session, me, theirs) is None
        assert repo.clearance_for(session, other, theirs) is not None
        with pytest.raises(NotFoundError):
            repo.get_screening(session, me, theirs)
        with pytest.raises(NotFoundError):
            repo.replace_program(session, me, program_id, {"weeks": [1]})
        with pytest.raises(NotFoundError):
            set_logs.correct_set(session, me, log_id, a_log(12), datetime(2026, 11, 3))
        with pytest.raises(NotFoundError):
            repo.record_clearance(session, me, theirs, "Dr Who", "", datetime(2026, 11, 3))
        assert repo.current_program(session, me) is None
        assert set_logs.set_logs(session, me) == []
        assert repo.latest_screening(session, me) is None
        # the same key is free for another person
        assert set_logs.log_set(session, me, a_log(), key="their-set-1") != log_id


def test_a_reused_key_with_a_different_set_is_refused_and_nothing_changes(db: Database) -> None:
    with db.session() as session:
        person = repo.default_person(session).id
        first = set_logs.log_set(session, person, a_log(), key="phone-1")
    with pytest.raises(ConflictError) as refused, db.session() as session:
        set_logs.log_set(session, person, a_log(reps=14), key="phone-1")
    assert "already used for a different set" in str(refused.value)
    with db.session() as session:
        assert [log.reps for log in set_logs.set_logs(session, person)] == [10]
        # the same set sent again later (a retry) is the same record
        retry = a_log().model_copy(update={"logged_at": datetime(2026, 11, 2, 9)})
        assert set_logs.log_set(session, person, retry, key="phone-1") == first


def test_a_correction_replaces_the_set_and_keeps_the_earlier_version(db: Database) -> None:
    with db.session() as session:
        person = repo.default_person(session).id
        log_id = set_logs.log_set(session, person, a_log(), key="phone-1")
        corrected = set_logs.correct_set(session, person, log_id, a_log(15), datetime(2026, 11, 3))
    assert corrected.revisions == 1 and corrected.log.reps == 15
    with db.session() as session:
        (stored,) = set_logs.logged_sets(session, person)
        assert stored.log.reps == 15 and stored.revisions == 1
        row = session.get(models.SetLogRow, log_id)
        assert row is not None and row.revisions[0]["set"]["reps"] == 10


def test_migration_0002_moves_break_settings_out_of_the_preferences(database_url: str) -> None:
    engine = create_db_engine(database_url)
    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    config.attributes["engine"] = engine
    command.upgrade(config, "0001")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO person (id, name, is_local_user, created_at) VALUES (1, 'me', true, '2026-11-01')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO preferences (person_id, data, updated_at) VALUES "
                """(1, '{"minutes": 25, "breaks": {"interval_minutes": 40}}', '2026-11-01')"""
            )
        )
    command.upgrade(config, "head")
    db = Database(engine)
    with db.session() as session:
        assert repo.get_preferences(session, 1) == {"minutes": 25}
        assert repo.get_break_settings(session, 1) == {"interval_minutes": 40}
    db.close()


def test_the_logs_version_changes_with_each_new_or_corrected_set(db: Database) -> None:
    with db.session() as session:
        person = repo.default_person(session).id
        empty = set_logs.logs_version(session, person)
        log_id = set_logs.log_set(session, person, a_log(), key="phone-1")
        one = set_logs.logs_version(session, person)
        set_logs.log_set(session, person, a_log(), key="phone-1")  # a retry changes nothing
        assert set_logs.logs_version(session, person) == one
        set_logs.correct_set(session, person, log_id, a_log(15), datetime(2026, 11, 3))
        corrected = set_logs.logs_version(session, person)
        set_logs.correct_set(session, person, log_id, a_log(16), datetime(2026, 11, 4))
        again = set_logs.logs_version(session, person)
    assert empty == (0, 0, 0)
    assert one[:2] == corrected[:2] == again[:2] == (1, log_id)
    assert len({empty, one, corrected, again}) == 4


def test_keyed_sets_are_found_by_their_key_prefix_only(db: Database) -> None:
    keys = [
        "p1-20261101-s1-a",
        "p1-20261101-s2-b",
        "p1-20261101",
        "p1-202611011-x",
        "p1-20261102-s1",
    ]
    with db.session() as session:
        person = repo.default_person(session).id
        for reps, key in enumerate(keys, start=8):
            set_logs.log_set(session, person, a_log(reps), key=key)
        found = set_logs.keyed_set_logs(session, person, "p1-20261101-")
    assert {key: log.reps for key, log in found.items()} == {
        "p1-20261101-s1-a": 8,
        "p1-20261101-s2-b": 9,
    }

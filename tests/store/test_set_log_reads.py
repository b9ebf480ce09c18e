"""The progress's long read of sets: the same sets as ``set_logs``, corrections included."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
from store_factories import a_log

from glutewake.store import Database, models, open_database, set_log_reads, set_logs
from glutewake.store import repository as repo


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = open_database(database_url)
    yield database
    database.close()


def test_the_same_sets_in_the_same_order_for_one_person_only(db: Database) -> None:
    start = date(2026, 3, 2)
    with db.session() as session:
        me = repo.default_person(session).id
        other = models.Person(name="client", is_local_user=False, created_at=datetime(2026, 1, 1))
        session.add(other)
        session.flush()
        for n in range(12):
            day = start + timedelta(days=(7 * n) % 11)  # logged out of day order
            log = a_log(reps=5 + n).model_copy(update={"day": day})
            set_logs.log_set(session, me, log, key=f"mine-{n}")
            set_logs.log_set(session, other.id, log, key=f"theirs-{n}")
    with db.session() as session:
        for since, before in ((None, None), (start + timedelta(3), start + timedelta(8))):
            found = set_log_reads.set_logs_between(session, me, since, before)
            assert found == set_logs.set_logs(session, me, since, before)
        assert len(set_log_reads.set_logs_between(session, me)) == 12


def test_a_corrected_set_is_read_as_corrected(db: Database) -> None:
    with db.session() as session:
        me = repo.default_person(session).id
        log_id = set_logs.log_set(session, me, a_log(reps=5), key="one")
        assert [log.reps for log in set_log_reads.set_logs_between(session, me)] == [5]
        set_logs.correct_set(session, me, log_id, a_log(reps=9), datetime(2026, 3, 3))
        assert [log.reps for log in set_log_reads.set_logs_between(session, me)] == [9]

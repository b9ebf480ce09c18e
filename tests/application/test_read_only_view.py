"""The coach's "view as client" is read-only in the database itself, on SQLite and PostgreSQL:
a write sent as raw SQL is refused like an ORM write, and the next unit of work writes again."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from coaching_world import NOW, World, open_world
from sqlalchemy import text

from glutewake.application import coaching
from glutewake.errors import AccessDeniedError
from glutewake.store import coaching as store

READ_ONLY = "read-only view"


@pytest.fixture
def world(database_url: str) -> Iterator[World]:
    found = open_world(database_url)
    yield found
    found.app.close()


def note_count(world: World, person: int) -> int:
    with world.work(world.solo(person)) as work:
        return len(store.notes(work.db, person))


RAW_NOTE = (
    "INSERT INTO coach_note (person_id, coach_account_id, at, text) "
    "VALUES (:person, :coach, :at, 'written through raw SQL')"
)


def test_a_raw_sql_insert_in_the_view_as_client_is_refused(world: World) -> None:
    person = world.client("Ada")
    viewing = world.as_coach(person, read_only=True)
    with pytest.raises(AccessDeniedError, match=READ_ONLY), world.work(viewing) as work:
        work.db.execute(text(RAW_NOTE), {"person": person, "coach": world.coach, "at": NOW})
    assert note_count(world, person) == 0


def test_raw_updates_deletes_and_tables_through_the_connection_are_refused(
    world: World,
) -> None:
    person = world.client("Ada")
    with world.work(world.as_coach(person)) as work:
        coaching.add_note(work, "Squeeze at the top of each bridge.")
    viewing = world.as_coach(person, read_only=True)
    for statement in (
        "UPDATE coach_note SET text = 'changed'",
        "DELETE FROM coach_note",
        "CREATE TABLE scratch (n INTEGER)",
    ):
        with pytest.raises(AccessDeniedError, match=READ_ONLY), world.work(viewing) as work:
            assert coaching.client_notes(work)  # reads still work, before and after
            work.db.connection().exec_driver_sql(statement)
    with world.work(world.solo(person)) as work:
        (note,) = coaching.client_notes(work)
    assert note.text == "Squeeze at the top of each bridge."


def test_a_read_only_view_stays_read_only_after_a_commit_inside_it(world: World) -> None:
    person = world.client("Ada")
    viewing = world.as_coach(person, read_only=True)
    with pytest.raises(AccessDeniedError, match=READ_ONLY), world.work(viewing) as work:
        coaching.client_notes(work)
        work.db.commit()  # a new transaction begins: read-only too
        work.db.execute(text(RAW_NOTE), {"person": person, "coach": world.coach, "at": NOW})
    assert note_count(world, person) == 0


def test_the_units_of_work_after_a_read_only_one_write_again(world: World) -> None:
    person = world.client("Ada")
    for _ in range(3):
        with (
            pytest.raises(AccessDeniedError),
            world.work(world.as_coach(person, read_only=True)) as work,
        ):
            work.db.execute(text(RAW_NOTE), {"person": person, "coach": world.coach, "at": NOW})
        with world.work(world.as_coach(person)) as work:
            if work.db.get_bind().dialect.name == "sqlite":
                assert work.db.execute(text("PRAGMA query_only")).scalar() == 0
            work.db.execute(text(RAW_NOTE), {"person": person, "coach": world.coach, "at": NOW})
    assert note_count(world, person) == 3

"""PostgreSQL's busy errors on the real server: the same busy error as SQLite's locked file.

A lock held past ``lock_timeout`` (55P03), a serialisation failure (40001), a deadlock (40P01)
and a refused connection (too many connections, 53300) become ``DatabaseBusyError``: the web
answers 503 with Retry-After, the CLI exits with 5.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import URL, create_engine, text
from sqlalchemy.engine import make_url

from glutewake.application.storage import storage_error
from glutewake.config import Settings
from glutewake.errors import DatabaseBusyError
from glutewake.store import Database, open_database
from glutewake.store import repository as repo
from glutewake.web.app import create_app

GLUTEWAKE = (sys.executable, "-c", "from glutewake.cli.app import main; main()")
LOCK_TIMEOUT_MS = 300


@pytest.fixture
def database(postgres_url: str) -> Iterator[Database]:
    opened = open_database(postgres_url)
    with opened.session() as session:
        repo.default_person(session)
        session.execute(text("CREATE TABLE probe (id integer PRIMARY KEY, value integer)"))
        session.execute(text("INSERT INTO probe VALUES (1, 0), (2, 0)"))
    yield opened
    opened.close()


@contextmanager
def person_table_held(url: str) -> Iterator[None]:
    """Another connection holds the person table: nobody can read it until this ends."""
    other = create_engine(url)
    try:
        with other.connect() as connection:
            connection.execute(text("LOCK TABLE person IN ACCESS EXCLUSIVE MODE"))
            yield
            connection.rollback()
    finally:
        other.dispose()


@pytest.fixture
def person_locked(postgres_url: str, database: Database) -> Iterator[None]:
    del database  # the schema is made first
    with person_table_held(postgres_url):
        yield


def with_lock_timeout(url: str) -> str:
    """The URL with a lock timeout for every connection, as a person would configure it."""
    parsed = make_url(url)
    options = {"options": f"-c lock_timeout={LOCK_TIMEOUT_MS}"}
    return parsed.update_query_dict(options).render_as_string(hide_password=False)


@pytest.mark.usefixtures("person_locked")
def test_a_lock_held_past_the_lock_timeout_is_busy(database: Database) -> None:
    with pytest.raises(DatabaseBusyError) as raised, database.session() as session:
        session.execute(text(f"SET lock_timeout = {LOCK_TIMEOUT_MS}"))
        repo.default_person(session)
    assert "is busy: another session held a lock it needs" in str(raised.value)
    assert raised.value.retry_after_seconds > 0
    assert getattr(raised.value.__cause__.orig, "sqlstate", None) == "55P03"  # type: ignore[union-attr]


def test_a_serialisation_failure_is_busy(database: Database) -> None:
    with pytest.raises(DatabaseBusyError) as raised, database.session() as session:
        session.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
        session.execute(text("SELECT value FROM probe WHERE id = 1"))  # the snapshot is taken
        with database.session() as meanwhile:
            meanwhile.execute(text("UPDATE probe SET value = value + 1 WHERE id = 1"))
        session.execute(text("UPDATE probe SET value = value + 1 WHERE id = 1"))
    assert "a change made at the same time conflicted" in str(raised.value)
    assert getattr(raised.value.__cause__.orig, "sqlstate", None) == "40001"  # type: ignore[union-attr]


def test_a_deadlock_is_busy(database: Database) -> None:
    both_hold_one = threading.Barrier(2, timeout=30)
    failures: list[BaseException] = []

    def update(first: int, second: int) -> None:
        try:
            with database.session() as session:
                session.execute(text(f"UPDATE probe SET value = 1 WHERE id = {first}"))
                both_hold_one.wait()
                session.execute(text(f"UPDATE probe SET value = 1 WHERE id = {second}"))
        except BaseException as error:  # collected for the assertions below
            failures.append(error)

    threads = [threading.Thread(target=update, args=pair) for pair in ((1, 2), (2, 1))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    [failure] = failures  # the server breaks the deadlock by failing one of the two
    assert isinstance(failure, DatabaseBusyError), failure
    assert getattr(failure.__cause__.orig, "sqlstate", None) == "40P01"  # type: ignore[union-attr]


@pytest.fixture
def role_without_connections(postgres_server: URL, postgres_url: str) -> Iterator[str]:
    """A URL (over TCP, with a password) of a role whose connection limit is 0."""
    name, password = f"glutewake_full_{uuid.uuid4().hex[:12]}", uuid.uuid4().hex
    admin = create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(
            text(f"CREATE ROLE {name} LOGIN CONNECTION LIMIT 0 PASSWORD '{password}'")
        )
    try:
        yield (
            make_url(postgres_url)
            .set(username=name, password=password, host=postgres_server.host or "127.0.0.1")
            .render_as_string(hide_password=False)
        )
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP ROLE {name}"))
        admin.dispose()


def test_too_many_connections_is_busy(role_without_connections: str) -> None:
    with pytest.raises(DatabaseBusyError, match="the server has no free connection"):
        open_database(role_without_connections)


def test_other_failures_stay_what_they_are(database: Database) -> None:
    with pytest.raises(Exception) as raised, database.session() as session:
        session.execute(text("SELECT no_such_column FROM probe"))
    assert not isinstance(raised.value, DatabaseBusyError)
    assert not isinstance(storage_error(raised.value.__cause__ or raised.value), DatabaseBusyError)


@pytest.mark.usefixtures("database")
def test_the_web_answers_503_with_retry_after(postgres_url: str, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, database_url=with_lock_timeout(postgres_url))
    with TestClient(create_app(settings)) as client, person_table_held(postgres_url):
        response = client.get("/program")
    assert response.status_code == 503, response.text
    assert response.headers["retry-after"] == str(DatabaseBusyError.retry_after_seconds)
    assert "is busy" in response.text


@pytest.mark.usefixtures("person_locked")
def test_the_cli_exits_with_5(postgres_url: str, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "GLUTEWAKE_DATA_DIR": str(tmp_path),
        "GLUTEWAKE_DATABASE_URL": with_lock_timeout(postgres_url),
        "COLUMNS": "200",
    }
    result = subprocess.run(
        [*GLUTEWAKE, "today"], env=env, capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 5, result.stderr
    assert "is busy: another session held a lock it needs" in result.stderr
    assert "Traceback" not in result.stderr

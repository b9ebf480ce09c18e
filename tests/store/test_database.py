"""Opening the store: private files, no folders made elsewhere, migrations once, clear failures."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, event, text

from glutewake.config import get_settings
from glutewake.errors import DatabaseBusyError, DataDirError
from glutewake.store import open_database
from glutewake.store.database import upgrade_database


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "new" / "data"
    monkeypatch.setenv("GLUTEWAKE_DATA_DIR", str(folder))
    monkeypatch.delenv("GLUTEWAKE_DATABASE_URL", raising=False)
    monkeypatch.setenv("GLUTEWAKE_DATABASE_BUSY_TIMEOUT", "0.2")
    get_settings.cache_clear()
    yield folder
    get_settings.cache_clear()


def test_the_data_folder_and_the_database_files_are_private(data_dir: Path) -> None:
    database = open_database()
    try:
        with database.session() as session:  # a write, so the WAL and shared memory exist
            session.execute(text("CREATE TABLE scratch (n INTEGER)"))
        files = {path.name: mode(path) for path in data_dir.iterdir()}
    finally:
        database.close()
    assert mode(data_dir) == 0o700
    assert files["glutewake.db"] == 0o600
    assert files["glutewake.db-wal"] == 0o600
    assert files["glutewake.db-shm"] == 0o600
    assert set(files.values()) == {0o600}


def test_an_older_world_readable_database_is_made_private(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    sqlite3.connect(data_dir / "glutewake.db").close()
    (data_dir / "glutewake.db").chmod(0o644)
    open_database().close()
    assert mode(data_dir / "glutewake.db") == 0o600


def test_a_url_in_a_missing_folder_is_refused_and_creates_nothing(
    data_dir: Path, tmp_path: Path
) -> None:
    with pytest.raises(DataDirError, match="does not exist"):
        open_database(f"sqlite:///{tmp_path / 'elsewhere' / 'x' / 'y.db'}")
    assert not (tmp_path / "elsewhere").exists()
    assert not data_dir.exists()


def test_migrations_run_on_the_first_open_only(data_dir: Path) -> None:
    statements: list[str] = []

    def note(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(Engine, "before_cursor_execute", note)
    try:
        open_database().close()
        first = [s for s in statements if "alembic_version" in s]
        statements.clear()
        open_database().close()
        again = [s for s in statements if "alembic_version" in s]
    finally:
        event.remove(Engine, "before_cursor_execute", note)
    assert first
    assert again == []


def test_db_upgrade_says_what_it_did(data_dir: Path) -> None:
    where, before, head = upgrade_database()
    assert where == str(data_dir / "glutewake.db")
    assert before is None
    assert upgrade_database()[1:] == (head, head)


def test_a_write_that_waits_past_the_busy_timeout_is_a_busy_error(data_dir: Path) -> None:
    database = open_database()
    holder = sqlite3.connect(data_dir / "glutewake.db", isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        with pytest.raises(DatabaseBusyError, match="is busy") as raised, database.session() as s:
            s.execute(text("CREATE TABLE scratch (n INTEGER)"))
        assert "try again" in raised.value.hint
    finally:
        holder.close()
        database.close()


def test_concurrent_first_starts_migrate_once(database_url: str, tmp_path: Path) -> None:
    """Processes started together on a new database: one migrates, the others wait for it."""
    env = {
        **os.environ,
        "GLUTEWAKE_DATA_DIR": str(tmp_path),
        "GLUTEWAKE_DATABASE_URL": database_url,
    }
    command = [sys.executable, "-c", "from glutewake.cli.app import main; main()", "db", "upgrade"]
    starts = [
        subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(4)
    ]
    finished = [start.communicate(timeout=120) for start in starts]
    assert [start.returncode for start in starts] == [0] * 4, [err for _, err in finished]
    database = open_database(database_url)
    try:
        with database.engine.connect() as connection:
            versions = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    finally:
        database.close()
    assert len(versions) == 1

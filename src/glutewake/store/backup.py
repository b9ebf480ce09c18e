"""Copies of the SQLite database: a consistent backup while glutewake runs, a checked restore.

Both use SQLite's online backup API, which copies the database page by page under its own
locks, so the web app and the break coach can go on reading and writing: a backup holds the
database as it was at one moment, and a restore replaces it in one step for every connection.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from glutewake.errors import BadFileError, StorageError
from glutewake.store.database import (
    _alembic_config,
    create_db_engine,
    parse_url,
    sqlite_file,
    upgrade_database,
)

HEADER = b"SQLite format 3\x00"
NEEDED_TABLES = {"alembic_version", "person", "screening", "program", "set_log"}
NOT_A_BACKUP = "Choose a file written by `glutewake backup`; nothing was replaced."


@dataclass(frozen=True)
class BackupFile:
    path: Path
    revision: str  # the schema it was written with
    people: int
    sets: int


def database_file(url: str) -> Path:
    """The SQLite file of ``url``; other databases have their own backup tools."""
    path = sqlite_file(parse_url(url))
    if path is None:
        raise StorageError(
            "Backup and restore work on glutewake's SQLite file; this database is not one.",
            hint="Back up PostgreSQL with its own tools (pg_dump), or use `glutewake export`.",
        )
    return path


def _copy(source: Path, target: Path) -> None:
    with closing(sqlite3.connect(source)) as reader, closing(sqlite3.connect(target)) as writer:
        reader.backup(writer)


def backup(url: str, target: Path) -> BackupFile:
    """Write a consistent copy of the database to ``target`` (private, 0600), atomically."""
    source = database_file(url)
    if target.resolve() == source.resolve():
        raise StorageError(
            f"{target} is the database itself.", hint="Name another file for the backup."
        )
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    partial.touch(mode=0o600)
    try:
        _copy(source, partial)
        partial.chmod(0o600)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return check(target)


def check(path: Path) -> BackupFile:
    """What a backup holds, after checking it is a whole glutewake database of a known schema."""
    with path.open("rb") as file:
        if file.read(len(HEADER)) != HEADER:
            raise BadFileError(f"{path} is not an SQLite database.", hint=NOT_A_BACKUP)
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
            verdict = connection.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if verdict != "ok":
                raise BadFileError(f"{path} is damaged ({verdict[:80]}).", hint=NOT_A_BACKUP)
            if not tables >= NEEDED_TABLES:
                raise BadFileError(
                    f"{path} is an SQLite database, but not glutewake's.", hint=NOT_A_BACKUP
                )
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            people = connection.execute("SELECT COUNT(*) FROM person").fetchone()[0]
            sets = connection.execute("SELECT COUNT(*) FROM set_log").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise BadFileError(
            f"{path} cannot be read as a database ({error}).", hint=NOT_A_BACKUP
        ) from None
    if revision is None or revision[0] not in _known_revisions():
        raise BadFileError(
            f"{path} was written by a newer glutewake (schema {revision and revision[0]!r}).",
            hint="Restore it with that glutewake version or a newer one; nothing was replaced.",
        )
    return BackupFile(path, revision[0], int(people), int(sets))


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    engine = create_db_engine("sqlite://")
    try:
        script = ScriptDirectory.from_config(_alembic_config(engine))
        return {revision.revision for revision in script.walk_revisions()}
    finally:
        engine.dispose()


def restore(url: str, source: Path) -> tuple[BackupFile, Path | None]:
    """Replace the database with a checked backup; the replaced one is kept beside it.

    Returns what was restored and where the database as it was before now is (None when
    there was none yet).
    """
    found = check(source)
    live = database_file(url)
    kept = live.with_name(f"{live.name}.before-restore") if live.exists() else None
    if kept is not None:
        backup(url, kept)
    _copy(source, live)
    upgrade_database(url)  # an older backup comes up to this version's schema
    return found, kept

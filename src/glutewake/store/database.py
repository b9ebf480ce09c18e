"""The one database session factory: engine, WAL for SQLite, private files, locked migrations.

Opening checks what a person can get wrong (the URL, the folder, the file) and says how to fix
it. The schema is brought to the newest migration once per process and URL, under a lock that
concurrent first starts share: a file lock next to an SQLite file, an advisory lock on
PostgreSQL. Database failures at run time (busy, read-only, damaged) become the
:class:`~glutewake.errors.StorageError` subclasses in :func:`storage_error`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from glutewake.config import get_settings
from glutewake.errors import (
    ConfigurationError,
    DatabaseBusyError,
    DataDirError,
    GlutewakeError,
    SchemaTooNewError,
    StorageError,
    UnversionedSchemaError,
)
from glutewake.safe_load import excerpt
from glutewake.store.files import (
    file_lock,
    make_private,
    not_a_database,
    prepare_sqlite_file,
    read_only,
)

MIGRATIONS = str(Path(__file__).with_name("migrations"))
ADVISORY_LOCK_KEY = 0x67_77_6D_69  # "gwmi": glutewake migrations
# URLs whose schema this process has already brought to the newest migration.
_ready: set[str] = set()


def where(url: URL) -> str:
    """The database named for a person: its file, or its URL without the password."""
    if url.get_backend_name() == "sqlite":
        return url.database or "an in-memory database"
    return url.render_as_string(hide_password=True)


def parse_url(url: str) -> URL:
    try:
        return make_url(url)
    except ArgumentError:
        raise ConfigurationError(
            f"The database URL {excerpt(url, 80)!r} is not a URL.",
            hint="Set GLUTEWAKE_DATABASE_URL to a URL such as sqlite:////home/me/glutewake.db "
            "or postgresql+psycopg://user@host/glutewake, or unset it to use the data folder.",
        ) from None


def sqlite_file(url: URL) -> Path | None:
    """The SQLite file the URL names (None for other databases and in-memory ones)."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    assert url.database is not None
    return Path(url.database).expanduser()


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def create_db_engine(url: str) -> Engine:
    parsed = parse_url(url)
    try:
        if parsed.get_backend_name() != "sqlite":
            return create_engine(parsed, pool_pre_ping=True)
        # The busy timeout is set when the connection opens, before the first pragma.
        options: dict[str, Any] = {
            "connect_args": {
                "check_same_thread": False,
                "timeout": get_settings().database_busy_timeout,
            }
        }
        if sqlite_file(parsed) is not None:
            # No limit on connections: the web app holds one per request across several
            # thread-pool hops, so a bounded pool deadlocks (until pool_timeout) once more
            # requests are in flight than it has connections. 40 stay open, as many as the
            # threads for sync routes.
            options.update(pool_size=40, max_overflow=-1)
        engine = create_engine(parsed, **options)
    except NoSuchModuleError:
        raise ConfigurationError(
            f"glutewake does not know the database kind {parsed.drivername!r} "
            f"(from the URL {where(parsed)!r}).",
            hint="Use an sqlite:/// or a postgresql+psycopg:// URL in GLUTEWAKE_DATABASE_URL.",
        ) from None
    except ImportError as error:
        raise ConfigurationError(
            f"The database URL {where(parsed)!r} needs the Python package {error.name!r}, "
            "which is not installed.",
            hint="Install it next to glutewake (for PostgreSQL: pip install 'psycopg[binary]'), "
            "or unset GLUTEWAKE_DATABASE_URL to use the SQLite file in the data folder.",
        ) from None
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


@contextmanager
def migration_lock(engine: Engine) -> Iterator[None]:
    """Held while the schema is checked and upgraded: one process at a time does it."""
    path = sqlite_file(engine.url)
    if path is not None:
        with file_lock(path):
            yield
    elif engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
            try:
                yield
            finally:
                connection.execute(
                    text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_LOCK_KEY}
                )
    else:
        yield


def _alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    config.attributes["engine"] = engine
    return config


def _current(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    revision: str | None = MigrationContext.configure(connection).get_current_revision()
    return revision


def migrate(engine: Engine) -> tuple[str | None, str]:
    """Bring the schema to the newest migration under the lock: (revision before, newest).

    An SQLite file is checked first, and created private (0600) when it is new.
    """
    from alembic import command
    from alembic.script import ScriptDirectory

    config = _alembic_config(engine)
    script = ScriptDirectory.from_config(config)
    head = script.get_current_head()
    assert head is not None
    known = {revision.revision for revision in script.walk_revisions()}
    path = sqlite_file(engine.url)
    if path is not None:
        prepare_sqlite_file(path)
    with migration_lock(engine):
        if path is not None:
            make_private(path)
        with engine.connect() as connection:
            current = _current(connection)
            tables = sorted(inspect(connection).get_table_names())
        if current is None and tables:
            raise UnversionedSchemaError(
                f"{where(engine.url)} holds tables ({excerpt(', '.join(tables), 120)}) but no "
                "alembic_version table, so glutewake cannot tell which schema it has.",
                hint="Point GLUTEWAKE_DATA_DIR or GLUTEWAKE_DATABASE_URL at a glutewake "
                "database, or move this file away to start a new one.",
            )
        if current is not None and current not in known:
            raise SchemaTooNewError(
                f"{where(engine.url)} was written by a newer glutewake (schema "
                f"{excerpt(current, 40)!r}); this one knows schemas up to {head!r}.",
                hint="Upgrade glutewake (pip install --upgrade glutewake), or use another "
                "data folder with this version.",
            )
        if current != head:
            command.upgrade(config, "head")
    return current, head


# --- failures --------------------------------------------------------------------------------


BUSY = ("database is locked", "database table is locked", "database schema is locked")
# PostgreSQL: another session held a lock past lock_timeout (55P03), a concurrent change
# conflicted (serialisation failure 40001, deadlock 40P01), or no connection slot was free
# (53300; refused at connect, where psycopg has no SQLSTATE, so its words are matched too).
BUSY_SQLSTATES = {
    "55P03": "another session held a lock it needs for longer than the lock timeout",
    "40001": "a change made at the same time conflicted with this one",
    "40P01": "a change made at the same time conflicted with this one",
    "53300": "the server has no free connection",
}
NO_FREE_CONNECTION = ("too many connections", "too many clients already")
DAMAGED = ("file is not a database", "malformed", "file is encrypted", "not a database")


def storage_error(error: BaseException, url: URL | None = None) -> GlutewakeError | None:
    """The glutewake error for a database failure a person can meet (None for other errors)."""
    if not isinstance(error, DBAPIError) or isinstance(error, IntegrityError):
        return None
    database = where(url) if url is not None else "The database"
    cause = str(error.orig).lower()
    if any(busy in cause for busy in BUSY):
        return DatabaseBusyError(f"{database} is busy: another program holds its write lock.")
    if any(busy in cause for busy in NO_FREE_CONNECTION):
        return DatabaseBusyError(f"{database} is busy: {BUSY_SQLSTATES['53300']}.")
    if (sqlstate := getattr(error.orig, "sqlstate", None)) in BUSY_SQLSTATES:
        return DatabaseBusyError(f"{database} is busy: {BUSY_SQLSTATES[sqlstate]}.")
    if "readonly" in cause or "read-only" in cause:
        return read_only(database)
    if any(damaged in cause for damaged in DAMAGED):
        return not_a_database(database)
    if "unable to open database file" in cause:
        return DataDirError(
            f"{database} cannot be opened: its folder is missing or not writable.",
            hint="Check that the data folder exists and that you can write it.",
        )
    if "disk is full" in cause:
        return StorageError(f"The disk holding {database} is full; nothing was saved.")
    if "connect" in cause:
        first_line = str(error.orig).strip().splitlines()[0]
        return StorageError(
            f"{database} cannot be reached: {excerpt(first_line, 160)}",
            hint="Start the database server, or fix its address in GLUTEWAKE_DATABASE_URL.",
        )
    return StorageError(f"{database} failed: {excerpt(str(error.orig), 160)}")


class Database:
    """An engine and its session factory. Sessions commit on success and roll back on error."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException as error:
            with contextlib.suppress(DBAPIError):  # the failure below says what went wrong
                session.rollback()
            translated = storage_error(error, self.engine.url)
            if translated is not None:
                raise translated from error
            raise
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()


def _migrate_or_explain(engine: Engine) -> tuple[str | None, str]:
    try:
        return migrate(engine)
    except DBAPIError as error:
        translated = storage_error(error, engine.url)
        if translated is not None:
            raise translated from error
        raise


def upgrade_database(url: str | None = None) -> tuple[str, str | None, str]:
    """Run the migrations now (``glutewake db upgrade``): (where, revision before, newest)."""
    engine = create_db_engine(url or get_settings().resolved_database_url)
    try:
        before, head = _migrate_or_explain(engine)
    finally:
        engine.dispose()
    _ready.add(engine.url.render_as_string(hide_password=False))
    return where(engine.url), before, head


def open_database(url: str | None = None) -> Database:
    """Open the configured database, or the one at ``url``, at the newest schema.

    The schema is checked (and upgraded) on the first open of a URL in a process only.
    The SQLite file is created private (0600) and its folder, when it is the data folder,
    private too (0700); another folder must exist already.
    """
    engine = create_db_engine(url or get_settings().resolved_database_url)
    key = engine.url.render_as_string(hide_password=False)
    if key not in _ready:
        try:
            _migrate_or_explain(engine)
        except BaseException:
            engine.dispose()
            raise
        _ready.add(key)
    return Database(engine)

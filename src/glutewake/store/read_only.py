"""Read-only units of work, held by the database itself and not only by the ORM.

``refuse_writes`` (store.accounts) stops the ORM's inserts, updates and deletes; a statement
sent as raw SQL (``session.execute(text(...))``, ``session.connection()``) passes the ORM by.
So every transaction of a read-only session is made read-only where the statement runs:
``SET TRANSACTION READ ONLY`` on PostgreSQL (it ends with the transaction), ``PRAGMA
query_only`` on SQLite (it belongs to the connection, so it is turned off again before the
connection goes back to the pool). A write refused there becomes the same AccessDeniedError.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, SessionTransaction
from sqlalchemy.pool import Pool

from glutewake.errors import AccessDeniedError
from glutewake.store.accounts import READ_ONLY_HINT, READ_ONLY_MESSAGE, refuse_writes

QUERY_ONLY = "glutewake_query_only"  # marks a pooled SQLite connection that must be reset
READ_ONLY_SQLSTATE = "25006"  # PostgreSQL: read_only_sql_transaction


def _read_only_transaction(
    _session: Session, _transaction: SessionTransaction, connection: Connection
) -> None:
    _make_read_only(connection)


def _make_read_only(connection: Connection) -> None:
    name = connection.dialect.name
    if name == "postgresql":
        connection.exec_driver_sql("SET TRANSACTION READ ONLY")
    elif name == "sqlite":
        _reset_when_returned(connection.engine.pool)
        connection.info[QUERY_ONLY] = True
        connection.exec_driver_sql("PRAGMA query_only = ON")


def _reset(dbapi_connection: Any, record: Any) -> None:
    if record is not None and record.info.pop(QUERY_ONLY, False):
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA query_only = OFF")
        finally:
            cursor.close()


def _reset_when_returned(pool: Pool) -> None:
    if not event.contains(pool, "checkin", _reset):
        event.listen(pool, "checkin", _reset)


def refused_by_database(error: BaseException) -> bool:
    """Whether the database refused a write because the transaction is read-only."""
    if not isinstance(error, DBAPIError):
        return False
    if getattr(error.orig, "sqlstate", None) == READ_ONLY_SQLSTATE:
        return True
    return "attempt to write a readonly database" in str(error.orig).lower()


@contextmanager
def read_only(session: Session) -> Iterator[None]:
    """Within the block, any write through ``session``, ORM or raw SQL, raises
    AccessDeniedError and changes nothing; reads work as before."""
    refuse_writes(session)
    event.listen(session, "after_begin", _read_only_transaction)
    if session.in_transaction():
        _make_read_only(session.connection())
    try:
        yield
    except DBAPIError as error:
        if refused_by_database(error):
            raise AccessDeniedError(READ_ONLY_MESSAGE, READ_ONLY_HINT) from error
        raise

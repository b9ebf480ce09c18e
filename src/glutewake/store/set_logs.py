"""Logged sets: stored once per key, refused when a key is reused for a different set, and
corrected explicitly with the earlier version kept. Every function takes its person."""

from __future__ import annotations

import typing
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Row, Table, Text, bindparam, cast, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from glutewake.errors import ConflictError, NotFoundError
from glutewake.store import models
from glutewake.tracking.log import SetLog


@dataclass(frozen=True)
class LoggedSet:
    id: int
    key: str
    log: SetLog
    revisions: int  # how many times it was corrected


def _same_set(stored: Mapping[str, Any], log: SetLog) -> bool:
    """The same set sent again: everything equal but the moment it was sent."""
    fresh = log.model_dump(mode="json")
    return {k: v for k, v in stored.items() if k != "logged_at"} == {
        k: v for k, v in fresh.items() if k != "logged_at"
    }


def _key_conflict(key: str) -> ConflictError:
    return ConflictError(
        f"The log key {key[:40]!r} was already used for a different set; nothing was saved.",
        hint="A retry must send the same set. To log another set, use a new key; to correct "
        "a logged set, edit it (`glutewake log --correct ID ...`, or PUT /api/logs/ID).",
    )


# The statements run on every Today and every logged set are written against the table, not
# the mapped class: Core statements skip the ORM's per-execution work (about half the cost).
_SET_LOG = typing.cast(Table, models.SetLogRow.__table__)
_ROW_BY_KEY = select(_SET_LOG.c.id, _SET_LOG.c.data).where(
    _SET_LOG.c.person_id == bindparam("person_id"),
    _SET_LOG.c.key == bindparam("key"),
)
_INSERT_LOG = insert(_SET_LOG).returning(_SET_LOG.c.id)


def _row_by_key(session: Session, person_id: int, key: str) -> Row[Any, Any] | None:
    """The id and stored data of the set logged under ``key`` (read on every log: built once)."""
    return session.execute(_ROW_BY_KEY, {"person_id": person_id, "key": key}).first()


def set_with_key(session: Session, person_id: int, key: str) -> SetLog | None:
    row = _row_by_key(session, person_id, key)
    return SetLog.model_validate(row.data) if row else None


def log_set(session: Session, person_id: int, log: SetLog, key: str) -> int:
    """Store a logged set once per ``key``: a retry of the same set returns the first row's id.

    The same key with a different set is refused (:class:`ConflictError`): a key names one set.
    """
    existing = _row_by_key(session, person_id, key)
    if existing is not None:
        if not _same_set(existing.data, log):
            raise _key_conflict(key)
        return int(existing.id)
    row = {
        "person_id": person_id,
        "key": key,
        "exercise_id": log.exercise_id,
        "day": log.day,
        "logged_at": log.logged_at,
        "data": log.model_dump(mode="json"),
        "revisions": [],
    }
    try:
        with session.begin_nested():
            new_id: int = session.execute(_INSERT_LOG, row).scalar_one()
    except IntegrityError:  # a concurrent request with the same key won the race
        winner = _row_by_key(session, person_id, key)
        assert winner is not None
        if not _same_set(winner.data, log):
            raise _key_conflict(key) from None
        return int(winner.id)
    return new_id


def correct_set(
    session: Session, person_id: int, log_id: int, log: SetLog, corrected_at: datetime
) -> LoggedSet:
    """Replace a logged set with its corrected version; the earlier version is kept."""
    row = session.get(models.SetLogRow, log_id)
    if row is None or row.person_id != person_id:
        raise NotFoundError(
            f"There is no logged set {log_id}.",
            hint="See your logged sets and their ids in History (or `glutewake log --list`).",
        )
    row.revisions = [
        *row.revisions,
        {"replaced_at": corrected_at.isoformat(), "set": row.data},
    ]
    row.exercise_id = log.exercise_id
    row.day = log.day
    row.data = log.model_dump(mode="json")
    session.flush()
    return _logged(row)


def _logged(row: models.SetLogRow) -> LoggedSet:
    return LoggedSet(row.id, row.key, SetLog.model_validate(row.data), len(row.revisions))


def logged_sets(session: Session, person_id: int, since: date | None = None) -> list[LoggedSet]:
    """The person's logged sets with their ids and keys, in logging order."""
    query = select(models.SetLogRow).where(models.SetLogRow.person_id == person_id)
    if since is not None:
        query = query.where(models.SetLogRow.day >= since)
    rows = session.scalars(query.order_by(models.SetLogRow.logged_at, models.SetLogRow.id))
    return [_logged(row) for row in rows]


def _between(query: Any, since: date | None, before: date | None) -> Any:
    if since is not None:
        query = query.where(models.SetLogRow.day >= since)
    if before is not None:
        query = query.where(models.SetLogRow.day < before)
    return query


def set_logs(
    session: Session, person_id: int, since: date | None = None, before: date | None = None
) -> list[SetLog]:
    """The person's sets logged on days from ``since`` and before ``before``, in logging order."""
    # The stored JSON text, validated as JSON: about twice as fast as decoding it first.
    query = select(cast(models.SetLogRow.data, Text)).where(models.SetLogRow.person_id == person_id)
    query = _between(query, since, before)
    rows = session.scalars(query.order_by(models.SetLogRow.logged_at, models.SetLogRow.id))
    return [SetLog.model_validate_json(text) for text in rows]


def latest_days(
    session: Session,
    person_id: int,
    limit: int,
    since: date | None = None,
    before: date | None = None,
) -> list[date]:
    """Up to ``limit`` days with logged sets from ``since`` and before ``before``, newest first."""
    # DISTINCT over (person_id, day) reads only the ix_set_log_person_day index.
    query = select(models.SetLogRow.day).distinct().where(models.SetLogRow.person_id == person_id)
    query = _between(query, since, before)
    return list(session.scalars(query.order_by(models.SetLogRow.day.desc()).limit(limit)))


def totals(session: Session, person_id: int) -> tuple[int, int]:
    """How many days have logged sets, and how many sets are logged."""
    days, sets = session.execute(
        select(
            func.count(func.distinct(models.SetLogRow.day)), func.count(models.SetLogRow.id)
        ).where(models.SetLogRow.person_id == person_id)
    ).one()
    return int(days), int(sets)


# The hot reads are built once with bound parameters: building a statement costs more than
# running it on an indexed table, and SQLAlchemy then reuses the compiled SQL.
_LOGS_VERSION = select(
    func.count(_SET_LOG.c.id),
    func.coalesce(func.max(_SET_LOG.c.id), 0),
    func.coalesce(func.sum(func.length(cast(_SET_LOG.c.revisions, Text))), 0),
).where(
    _SET_LOG.c.person_id == bindparam("person_id"),
    _SET_LOG.c.day >= bindparam("since"),
    _SET_LOG.c.day < bindparam("before"),
)
_KEYED_LOGS = (
    select(_SET_LOG.c.key, _SET_LOG.c.data)
    .where(
        _SET_LOG.c.person_id == bindparam("person_id"),
        _SET_LOG.c.key >= bindparam("first"),
        _SET_LOG.c.key < bindparam("after"),
    )
    .order_by(_SET_LOG.c.logged_at, _SET_LOG.c.id)
)


def logs_version(
    session: Session, person_id: int, since: date | None = None, before: date | None = None
) -> tuple[int, int, int]:
    """What changes whenever those sets change: their count, newest id and corrections."""
    bounds = {"since": since or date.min, "before": before or date.max}
    count, newest, corrections = session.execute(
        _LOGS_VERSION, {"person_id": person_id, **bounds}
    ).one()
    return int(count), int(newest), int(corrections)


def keyed_set_logs(session: Session, person_id: int, key_prefix: str) -> dict[str, SetLog]:
    """The logged sets whose key starts with ``key_prefix``, by key, in logging order."""
    # A range instead of LIKE, so the (person_id, key) unique index answers it.
    bounds = {"first": key_prefix, "after": key_prefix + "\U0010ffff"}
    rows = session.execute(_KEYED_LOGS, {"person_id": person_id, **bounds})
    return {key: SetLog.model_validate(data) for key, data in rows}

"""Every record of one person at once: read them all, write them all, delete them all.

Used by export, import and forget. Rows are plain dicts with the columns' values (datetimes
and dates as Python values), each table in id order; the person's own row is not among them.
Every function takes its person.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from glutewake.store import models

# Each table of a person's records and its columns, in the order rows refer to each other
# (a clearance names a screening, an adjustment a program): written in this order, deleted in
# the reverse one.
TABLES: dict[str, tuple[type[models.Base], tuple[str, ...]]] = {
    "screenings": (models.Screening, ("id", "taken_at", "answers", "profile")),
    "clearances": (
        models.Clearance,
        ("id", "screening_id", "cleared_by", "note", "cleared_at", "restrictions"),
    ),
    "programs": (models.Program, ("id", "created_at", "data")),
    "set_logs": (
        models.SetLogRow,
        ("id", "key", "exercise_id", "day", "logged_at", "data", "revisions"),
    ),
    "adjustments": (
        models.Adjustment,
        ("id", "program_id", "day", "exercise_id", "change", "reason", "created_at"),
    ),
    "break_events": (models.BreakEvent, ("id", "at", "kind", "data")),
}
# One document per person, keyed by the person.
DOCUMENTS: dict[str, Any] = {
    "preferences": models.Preferences,
    "break_settings": models.BreakSettings,
}


def table_of(model: type[models.Base]) -> Any:
    return model.__table__


def person_row(session: Session, person_id: int) -> dict[str, Any]:
    row = session.get(models.Person, person_id)
    assert row is not None, "the scope's person exists"
    return {"name": row.name, "created_at": row.created_at}


def person_records(session: Session, person_id: int) -> dict[str, Any]:
    """The person's rows of every table, and their documents (or None)."""
    found: dict[str, Any] = {}
    for name, (model, columns) in TABLES.items():
        table: Any = model
        rows = session.scalars(select(model).where(table.person_id == person_id).order_by(table.id))
        found[name] = [{column: getattr(row, column) for column in columns} for row in rows]
    for name, document in DOCUMENTS.items():
        row = session.get(document, person_id)
        found[name] = {"data": row.data, "updated_at": row.updated_at} if row else None
    return found


def has_records(session: Session, person_id: int) -> bool:
    """Whether the person has any record at all (their own row aside)."""
    for model, _ in TABLES.values():
        table: Any = model
        if session.scalar(select(func.count()).where(table.person_id == person_id)):
            return True
    return any(session.get(document, person_id) for document in DOCUMENTS.values())


def ids_in_use(session: Session, table_name: str, ids: Sequence[int]) -> list[int]:
    """Which of ``ids`` rows of ``table_name`` already have, whoever they belong to."""
    table: Any = TABLES[table_name][0]
    found: list[int] = []
    for start in range(0, len(ids), 500):  # SQLite's limit on bound parameters
        chunk = ids[start : start + 500]
        found += session.scalars(select(table.id).where(table.id.in_(chunk)))
    return sorted(found)


def write_records(session: Session, person_id: int, records: Mapping[str, Any]) -> None:
    """Insert every row of ``records`` for the person, keeping each row's id."""
    row = session.get(models.Person, person_id)
    assert row is not None, "the scope's person exists"
    row.name = records["person"]["name"]
    row.created_at = records["person"]["created_at"]
    for name, (model, columns) in TABLES.items():
        values = [
            {"person_id": person_id, **{column: item[column] for column in columns}}
            for item in records[name]
        ]
        if values:
            session.execute(table_of(model).insert(), values)
    for name, document in DOCUMENTS.items():
        found = records[name]
        if found is not None:
            session.add(
                document(person_id=person_id, data=found["data"], updated_at=found["updated_at"])
            )
    session.flush()
    _catch_up_sequences(session)


def _catch_up_sequences(session: Session) -> None:
    """PostgreSQL's id sequences past the ids just written (SQLite needs nothing)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for model, _ in TABLES.values():
        table = model.__tablename__
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table}), 1))"
            )
        )


def delete_person(session: Session, person_id: int) -> int:
    """Delete every record of the person and their own row; how many rows went."""
    deleted = 0
    for document in DOCUMENTS.values():
        result: Any = session.execute(delete(document).where(document.person_id == person_id))
        deleted += result.rowcount
    for model, _ in reversed(TABLES.values()):
        table: Any = model
        result = session.execute(delete(model).where(table.person_id == person_id))
        deleted += result.rowcount
    result = session.execute(delete(models.Person).where(models.Person.id == person_id))
    deleted += result.rowcount
    session.flush()
    return int(deleted)

"""Store adapter for desk breaks: records, per-person break settings, program exercise ids.

Records go through ``repository.record_break`` as ``{"at", "kind", ...}`` documents with ``at``
as naive UTC (the store's convention). Break settings live in the person's preferences under
``"breaks"``; the web app saves them with ``save_break_settings``.

Run as ``python -m glutewake.reminders.storage load|record`` it is the coach's bridge to the
store: ``load`` prints what the coach needs at start as JSON, ``record`` stores a JSON list
of records read from stdin. Errors print ``{"error", "hint"}`` and exit with status 2.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, time
from typing import Any

from pydantic import TypeAdapter, ValidationError
from sqlalchemy.orm import Session

from glutewake.errors import FieldProblem, GlutewakeError, InvalidInputError
from glutewake.reminders.scheduler import BoutRecord, BreakRecord, Record
from glutewake.reminders.settings import (
    BreakSettings,
    effective_break_settings,
    with_break_settings,
)
from glutewake.store import repository

_RECORD: TypeAdapter[BoutRecord | BreakRecord] = TypeAdapter(Record)


def to_row(record: BoutRecord | BreakRecord) -> dict[str, Any]:
    row = record.model_dump(mode="json")
    row["at"] = record.at.astimezone(UTC).replace(tzinfo=None)
    return row


def from_row(row: dict[str, Any]) -> BoutRecord | BreakRecord:
    fields = {key: value for key, value in row.items() if key != "id"}
    fields["at"] = row["at"].replace(tzinfo=UTC)
    return _RECORD.validate_python(fields)


def store_record(session: Session, person_id: int, record: BoutRecord | BreakRecord) -> int:
    return repository.record_break(session, person_id, to_row(record))


def load_records(
    session: Session, person_id: int, since: datetime | None = None
) -> list[BoutRecord | BreakRecord]:
    """Break and bout records from ``since`` (aware) on, oldest first."""
    naive_since = since.astimezone(UTC).replace(tzinfo=None) if since else None
    return [from_row(row) for row in repository.breaks(session, person_id, naive_since)]


def load_break_settings(session: Session, person_id: int, defaults: BreakSettings) -> BreakSettings:
    """The person's effective break settings: defaults < saved preferences < env vars."""
    try:
        return effective_break_settings(defaults, repository.get_preferences(session, person_id))
    except ValidationError as error:
        problems = [
            FieldProblem(".".join(str(part) for part in problem["loc"]), problem["msg"])
            for problem in error.errors()
        ]
        raise InvalidInputError("saved break settings", problems) from error


def save_break_settings(session: Session, person_id: int, breaks: BreakSettings) -> None:
    preferences = repository.get_preferences(session, person_id)
    repository.save_preferences(session, person_id, with_break_settings(preferences, breaks))


def program_exercise_ids(session: Session, person_id: int, known_ids: Iterable[str]) -> set[str]:
    """Catalogue ids named anywhere in the person's current program (any program format)."""
    program = repository.current_program(session, person_id)
    if program is None:
        return set()
    return _strings_in(program.program) & set(known_ids)


def _strings_in(value: object) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*(_strings_in(v) for v in value.values()))
    if isinstance(value, list | tuple):
        return set().union(*(_strings_in(v) for v in value))
    return set()


# ---- the coach's bridge ----------------------------------------------------------------------


def _load() -> str:
    from glutewake.catalogue import default_catalogue
    from glutewake.config import get_settings
    from glutewake.reminders.chooser import week_start
    from glutewake.reminders.daemon import Startup, offers_since
    from glutewake.store import open_database

    monday = week_start(datetime.now().astimezone().date())
    db = open_database()
    try:
        with db.session() as session:
            person_id = repository.default_person(session).id
            startup = Startup(
                rules=load_break_settings(session, person_id, get_settings().breaks),
                program_ids=sorted(
                    program_exercise_ids(session, person_id, default_catalogue().ids)
                ),
                week=monday,
                history=offers_since(
                    load_records(session, person_id, datetime.combine(monday, time(0)).astimezone())
                ),
            )
    finally:
        db.close()
    return startup.model_dump_json()


def _record(records: Sequence[BoutRecord | BreakRecord]) -> None:
    from glutewake.store import open_database

    db = open_database()
    try:
        with db.session() as session:
            person_id = repository.default_person(session).id
            for record in records:
                store_record(session, person_id, record)
    finally:
        db.close()


def main(arguments: Sequence[str]) -> int:
    try:
        if list(arguments) == ["load"]:
            sys.stdout.write(_load())
        elif list(arguments) == ["record"]:
            _record(TypeAdapter(list[Record]).validate_json(sys.stdin.read()))
        else:
            raise GlutewakeError(
                f"Unknown bridge command {' '.join(arguments)!r}.", hint="Use load or record."
            )
    except GlutewakeError as error:
        sys.stdout.write(json.dumps({"error": str(error), "hint": error.hint}))
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

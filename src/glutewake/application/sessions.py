"""Session use cases: log a set, log one set on its own (and adapt), correct a set, history.

A set is stored once per key: the same key with the same set is a retry and returns the first
record; the same key with a different set is refused. Correcting a set is an explicit edit that
keeps the earlier version.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import ValidationError

from glutewake.application.context import Work
from glutewake.application.programs import require_program
from glutewake.application.safety import require_training_allowed
from glutewake.errors import FieldProblem, InvalidInputError
from glutewake.programming.program import Change
from glutewake.progression.adapt import adapt
from glutewake.screening.profile import Side
from glutewake.store import repository as repo
from glutewake.store import set_logs
from glutewake.store.repository import AdjustmentRecord
from glutewake.store.set_logs import LoggedSet
from glutewake.tracking.log import SetLog

# What the person typed for each SetLog field, where the names differ (CLI options).
FIELD_NAMES = {"hold_seconds": "hold", "set_number": "set"}
SIDES = {side.value for side in Side}


def problems_of(
    error: ValidationError, names: Mapping[str, str] | None = None
) -> list[FieldProblem]:
    """Pydantic's problems as field problems, each under the name the person used."""
    names = names or {}
    found = []
    for item in error.errors():
        field = ".".join(str(part) for part in item["loc"]) or "set"
        found.append(
            FieldProblem(names.get(field, field), item["msg"].removeprefix("Value error, "))
        )
    return found


def new_set_log(
    work: Work, fields: Mapping[str, Any], names: Mapping[str, str] | None = None
) -> SetLog:
    """A SetLog from raw fields, stamped now; an exercise not in the catalogue is refused."""
    exercise_id = str(fields.get("exercise_id", ""))
    if exercise_id not in work.catalogue:
        raise InvalidInputError(
            "set", [FieldProblem("exercise_id", f"{exercise_id[:60]!r} is not in the catalogue")]
        )
    try:
        return SetLog.model_validate({**fields, "logged_at": work.clock.now()})
    except ValidationError as error:
        raise InvalidInputError("set", problems_of(error, names)) from None


def record_set(work: Work, fields: Mapping[str, Any], key: str) -> int:
    """Store one set of a guided session (the program adapts when the session is finished)."""
    require_training_allowed(work)
    require_program(work)
    return set_logs.log_set(work.db, work.person_id, new_set_log(work, fields), key)


@dataclass(frozen=True)
class LoggedAlone:
    id: int
    log: SetLog
    same_number_before: int  # sets with this number already logged for that day and side
    changes: tuple[Change, ...]


def log_single_set(work: Work, fields: Mapping[str, Any], key: str) -> LoggedAlone:
    """Store a set logged on its own (the CLI) and adapt the program to it at once.

    Without a ``set_number`` the set is the next one for that exercise, day and side (or, when
    ``key`` names a stored set, that set's number: running the same command again is a retry).
    """
    require_training_allowed(work)
    current = require_program(work)
    fields = {**fields, "set_number": fields.get("set_number") or _set_number(work, fields, key)}
    log = new_set_log(work, fields, FIELD_NAMES)
    same_day = [
        entry
        for entry in set_logs.set_logs(work.db, work.person_id, since=log.day)
        if (entry.day, entry.exercise_id, entry.side) == (log.day, log.exercise_id, log.side)
    ]
    log_id = set_logs.log_set(work.db, work.person_id, log, key)
    logs = set_logs.set_logs(work.db, work.person_id, since=current.program.start)
    result = adapt(current.program, logs, max(log.day, work.clock.today()), work.catalogue)
    repo.store_adaptation(work.db, work.person_id, current.id, result)
    repeated = sum(1 for entry in same_day if entry.set_number == log.set_number)
    return LoggedAlone(log_id, log, repeated, result.changes)


def _set_number(work: Work, fields: Mapping[str, Any], key: str) -> int:
    stored = set_logs.set_with_key(work.db, work.person_id, key)
    if stored is not None:
        return stored.set_number
    side = fields.get("side")
    same = (fields.get("day"), fields.get("exercise_id"), Side(side) if side in SIDES else None)
    earlier = set_logs.set_logs(work.db, work.person_id, since=fields.get("day"))
    return 1 + sum(1 for entry in earlier if (entry.day, entry.exercise_id, entry.side) == same)


def correct_set(work: Work, log_id: int, fields: Mapping[str, Any]) -> LoggedSet:
    """Replace a logged set with its corrected version; the earlier one stays in its history."""
    log = new_set_log(work, fields, FIELD_NAMES)
    return set_logs.correct_set(work.db, work.person_id, log_id, log, work.clock.now())


@dataclass(frozen=True)
class History:
    sets: list[LoggedSet]
    changes: list[AdjustmentRecord]


def history(work: Work, since: date | None = None) -> History:
    return History(
        set_logs.logged_sets(work.db, work.person_id, since),
        repo.adjustments(work.db, work.person_id),
    )

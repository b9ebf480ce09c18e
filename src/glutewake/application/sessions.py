"""Session use cases: log a set, log one set on its own (and adapt), correct a set, history.

A set is stored once per key: the same key with the same set is a retry and returns the first
record; the same key with a different set is refused. Correcting a set is an explicit edit that
keeps the earlier version.

A set logged on its own is checked against the exercise's dose (reps or steps are counted, a
hold is timed: the other kind is refused) and against that day's session: an exercise the
session does not hold (nor offers as a swap) is refused unless it is logged as extra work
outside the plan; a set beyond the session's sets, or a one-sided set without its side, is
stored with a note that says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import ValidationError

from glutewake.application import programs
from glutewake.application.context import Work
from glutewake.application.programs import NO_PROGRAM, require_program
from glutewake.application.safety import require_training_allowed
from glutewake.catalogue.schema import Exercise
from glutewake.errors import ConflictError, FieldProblem, InvalidInputError
from glutewake.programming.alternatives import alternatives
from glutewake.programming.program import Change, Item, Session
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
    """Pydantic's problems as field problems, each under the name the person used (a list
    item, ``felt.0``, under its list's name)."""
    names = names or {}
    found = []
    for item in error.errors():
        field = ".".join(str(part) for part in item["loc"]) or "set"
        top = str(item["loc"][0]) if item["loc"] else field
        found.append(
            FieldProblem(
                names.get(field, names.get(top, field)),
                item["msg"].removeprefix("Value error, "),
            )
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
    if repo.current_program_id(work.db, work.person_id) is None:
        raise NO_PROGRAM
    return set_logs.log_set(work.db, work.person_id, new_set_log(work, fields), key)


@dataclass(frozen=True)
class LoggedAlone:
    id: int
    log: SetLog
    same_number_before: int  # sets with this number already logged for that day and side
    changes: tuple[Change, ...]
    notes: tuple[str, ...] = ()  # stored, but worth a look: a set beyond the session's sets
    in_plan: bool = True  # False: logged as extra work outside that day's session


def log_single_set(
    work: Work,
    fields: Mapping[str, Any],
    key: str,
    names: Mapping[str, str] | None = None,
    outside_plan: bool = False,
) -> LoggedAlone:
    """Store a set logged on its own (the CLI) and adapt the program to it at once.

    Without a ``set_number`` the set is the next one for that exercise, day and side (or, when
    ``key`` names a stored set, that set's number: running the same command again is a retry).
    ``names`` are the names the person used for the fields (CLI options), for the messages;
    ``outside_plan`` allows an exercise that the day's session does not hold.
    """
    require_training_allowed(work)
    current = require_program(work)
    names = names or FIELD_NAMES
    fields = {**fields, "set_number": fields.get("set_number") or _set_number(work, fields, key)}
    log = new_set_log(work, fields, names)
    exercise = work.catalogue.get(log.exercise_id)
    session, item = planned_item(work, log)
    check_measure(exercise, item, log, names)
    if item is None and not outside_plan:
        raise not_in_session(exercise, session, log.day, work.clock.today())
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
    notes = set_notes(item, log, names) if item else ()
    return LoggedAlone(log_id, log, repeated, result.changes, notes, in_plan=item is not None)


def planned_item(work: Work, log: SetLog) -> tuple[Session | None, Item | None]:
    """That day's session (as Today shows it) and its item for the logged exercise: the
    prescribed one, the re-test, or a swap the session offers; None when it holds none."""
    shown = programs.today(work, log.day).plan
    session = shown.session
    if session is None:
        return None, None
    prescribed = [*session.items, *([session.retest] if session.retest else [])]
    swaps = [
        option
        for item in session.items
        for option in alternatives(item, session, shown.program, work.catalogue)
    ]
    found = next((i for i in [*prescribed, *swaps] if i.exercise_id == log.exercise_id), None)
    return session, found


def check_measure(
    exercise: Exercise, item: Item | None, log: SetLog, names: Mapping[str, str]
) -> None:
    """Refuse reps for a timed hold, and seconds for an exercise counted in reps or steps."""
    measure = item.measure if item else exercise.dose.measure
    reps, hold = names.get("reps", "reps"), names.get("hold_seconds", "hold_seconds")
    if measure == "hold_seconds" and log.reps is not None:
        problem = FieldProblem(
            reps, f"{exercise.name} is a hold: give the seconds you held it with {hold}"
        )
    elif measure != "hold_seconds" and log.hold_seconds is not None:
        counted = "steps" if measure == "steps" else "reps"
        problem = FieldProblem(
            hold, f"{exercise.name} is counted in {counted}: give the {counted} with {reps}"
        )
    else:
        return
    raise InvalidInputError("set", [problem])


def not_in_session(
    exercise: Exercise, session: Session | None, day: date, today: date
) -> ConflictError:
    when = "today" if day == today else f"on {day:%a %d %b %Y}"
    if session is None:
        message = f"{exercise.name} is not in your plan {when}: it is a rest day."
    else:
        listed = ", ".join(dict.fromkeys(item.name for item in session.items))
        message = (
            f"{exercise.name} is not in your session {when} (session {session.number}: {listed})."
        )
    return ConflictError(
        message + " Nothing was saved.",
        hint="Log one of the session's exercises (`glutewake today` lists them with their "
        "ids), or add --extra to log this set as extra work outside your plan.",
    )


def set_notes(item: Item, log: SetLog, names: Mapping[str, str]) -> tuple[str, ...]:
    """What is worth a look in a stored set: a missing side, a set beyond the prescription."""
    notes = []
    if item.per_side and log.side is None:
        side = names.get("side", "side")
        notes.append(
            f"{item.name} is done one side at a time: give {side} left or {side} right, so "
            "that each side's sets count."
        )
    weaker = item.side_order[0] if item.side_order else None
    planned = item.sets + (item.extra_sets if log.side is not None and log.side is weaker else 0)
    if log.set_number > planned:
        sets = "1 set" if planned == 1 else f"{planned} sets"
        side = f" on the {log.side.value} side" if log.side else ""
        notes.append(
            f"This is set {log.set_number}; the session asks for {sets} of {item.name}{side}."
        )
    return tuple(notes)


def _set_number(work: Work, fields: Mapping[str, Any], key: str) -> int:
    stored = set_logs.set_with_key(work.db, work.person_id, key)
    if stored is not None:
        return stored.set_number
    side = fields.get("side")
    same = (fields.get("day"), fields.get("exercise_id"), Side(side) if side in SIDES else None)
    earlier = set_logs.set_logs(work.db, work.person_id, since=fields.get("day"))
    return 1 + sum(1 for entry in earlier if (entry.day, entry.exercise_id, entry.side) == same)


def correct_set(
    work: Work, log_id: int, fields: Mapping[str, Any], names: Mapping[str, str] | None = None
) -> LoggedSet:
    """Replace a logged set with its corrected version; the earlier one stays in its history.

    The correction is checked against the exercise's dose like a new set (reps or seconds)."""
    names = names or FIELD_NAMES
    log = new_set_log(work, fields, names)
    check_measure(work.catalogue.get(log.exercise_id), None, log, names)
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


def logs(work: Work, since: date | None = None, before: date | None = None) -> list[SetLog]:
    """The sets logged on days from ``since`` and before ``before``, in logging order."""
    return set_logs.set_logs(work.db, work.person_id, since, before)


@dataclass(frozen=True)
class LogsPage:
    """The sets of the latest logged days in a window, and where the days before it start."""

    logs: list[SetLog]  # in logging order
    earlier: date | None  # pass as ``before`` for the days before these; None when none are left


def logs_page(
    work: Work, days: int, since: date | None = None, before: date | None = None
) -> LogsPage:
    """The sets of the ``days`` latest logged days from ``since`` and before ``before``."""
    found = set_logs.latest_days(work.db, work.person_id, days + 1, since, before)
    shown = found[:days]
    if not shown:
        return LogsPage([], None)
    logs = set_logs.set_logs(work.db, work.person_id, since=shown[-1], before=before)
    return LogsPage(logs, shown[-1] if len(found) > days else None)


@dataclass(frozen=True)
class HistoryWindow:
    page: LogsPage
    total_days: int
    total_sets: int
    changes: list[AdjustmentRecord]


def history_window(work: Work, days: int, before: date | None = None) -> HistoryWindow:
    """History a window of days at a time: that window's sets, every day's totals, the changes."""
    total_days, total_sets = set_logs.totals(work.db, work.person_id)
    return HistoryWindow(
        logs_page(work, days, before=before),
        total_days,
        total_sets,
        repo.adjustments(work.db, work.person_id),
    )

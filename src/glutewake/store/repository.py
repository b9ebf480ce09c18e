"""Reads and writes of glutewake's records. Every function takes an open Session.

Domain values go in and come out validated (Profile, SetLog); records are plain frozen values.
"""

from __future__ import annotations

import json
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Table, Text, bindparam, cast, insert, select
from sqlalchemy.orm import Session

from glutewake.errors import NotFoundError
from glutewake.progression.adapt import Adaptation
from glutewake.screening.profile import Profile
from glutewake.store import models

LOCAL_USER_NAME = "me"


def utc_now() -> datetime:
    """Now, as the store keeps every timestamp: UTC without a zone."""
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class PersonRecord:
    id: int
    name: str


@dataclass(frozen=True)
class ScreeningRecord:
    id: int
    taken_at: datetime
    answers: dict[str, Any]
    profile: Profile


@dataclass(frozen=True)
class ClearanceRecord:
    id: int
    screening_id: int
    cleared_by: str
    note: str
    cleared_at: datetime
    restrictions: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProgramRecord:
    id: int
    created_at: datetime
    program: dict[str, Any]


@dataclass(frozen=True)
class AdjustmentRecord:
    id: int
    program_id: int | None
    day: date
    exercise_id: str
    change: str
    reason: str
    created_at: datetime


# The statements run on every request are written against the tables, not the mapped
# classes: Core statements skip the ORM's per-execution work (about half the cost).
_PERSON = typing.cast(Table, models.Person.__table__)
_SCREENING = typing.cast(Table, models.Screening.__table__)
_CLEARANCE = typing.cast(Table, models.Clearance.__table__)
_PROGRAM = typing.cast(Table, models.Program.__table__)
_INSERT_PROGRAM = insert(_PROGRAM)
_LOCAL_PERSON = (
    select(_PERSON.c.id, _PERSON.c.name)
    .where(_PERSON.c.is_local_user.is_(True))
    .order_by(_PERSON.c.id)
    .limit(1)
)


def default_person(session: Session) -> PersonRecord:
    """The local user of this installation, created on first use."""
    found = session.execute(_LOCAL_PERSON).first()
    if found is not None:
        return PersonRecord(id=found[0], name=found[1])
    row = models.Person(name=LOCAL_USER_NAME, is_local_user=True, created_at=utc_now())
    session.add(row)
    session.flush()
    return PersonRecord(id=row.id, name=row.name)


def _screening_record(row: models.Screening) -> ScreeningRecord:
    return ScreeningRecord(
        id=row.id,
        taken_at=row.taken_at,
        answers=row.answers,
        profile=Profile.model_validate(row.profile),
    )


def save_screening(
    session: Session,
    person_id: int,
    answers: Mapping[str, Any],
    profile: Profile,
    taken_at: datetime,
) -> int:
    row = models.Screening(
        person_id=person_id,
        taken_at=taken_at,
        answers=dict(answers),
        profile=profile.model_dump(mode="json"),
    )
    session.add(row)
    session.flush()
    return row.id


def screenings(session: Session, person_id: int) -> list[ScreeningRecord]:
    rows = session.scalars(
        select(models.Screening)
        .where(models.Screening.person_id == person_id)
        .order_by(models.Screening.taken_at, models.Screening.id)
    )
    return [_screening_record(row) for row in rows]


@lru_cache(maxsize=64)
def _profile(text: str) -> Profile:
    """A stored profile's JSON text, validated once per distinct text (a Profile is frozen)."""
    return Profile.model_validate(json.loads(text))


def latest_screening(session: Session, person_id: int) -> ScreeningRecord | None:
    """The newest screening: read on every request that serves a session (the safety rule)."""
    row = session.execute(
        select(
            models.Screening.id,
            models.Screening.taken_at,
            models.Screening.answers,
            cast(models.Screening.profile, Text),
        )
        .where(models.Screening.person_id == person_id)
        .order_by(models.Screening.taken_at.desc(), models.Screening.id.desc())
    ).first()
    if row is None:
        return None
    return ScreeningRecord(id=row[0], taken_at=row[1], answers=row[2], profile=_profile(row[3]))


# Read on every request that serves or logs a session: built once, with bound parameters.
_STANDING_VERSION = (
    select(_SCREENING.c.id, _SCREENING.c.taken_at, _CLEARANCE.c.id, _CLEARANCE.c.cleared_at)
    .select_from(
        _SCREENING.outerjoin(
            _CLEARANCE,
            (_CLEARANCE.c.screening_id == _SCREENING.c.id)
            & (_CLEARANCE.c.person_id == bindparam("person_id")),
        )
    )
    .where(_SCREENING.c.person_id == bindparam("person_id"))
    .order_by(_SCREENING.c.taken_at.desc(), _SCREENING.c.id.desc())
    .limit(1)
)


def standing_version(session: Session, person_id: int) -> tuple[Any, ...] | None:
    """The ids and times of the newest screening and its clearance, in one small query: they
    are only ever added (or all forgotten), so this changes whenever either does; the times
    guard against an id reused after everything was forgotten."""
    row = session.execute(_STANDING_VERSION, {"person_id": person_id}).first()
    return tuple(row) if row else None


def get_screening(session: Session, person_id: int, screening_id: int) -> ScreeningRecord:
    row = session.get(models.Screening, screening_id)
    if row is None or row.person_id != person_id:
        raise NotFoundError(
            f"There is no screening {screening_id}.",
            hint="Run `glutewake screen --history` to see the stored screenings and their ids.",
        )
    return _screening_record(row)


def record_clearance(
    session: Session,
    person_id: int,
    screening_id: int,
    cleared_by: str,
    note: str,
    cleared_at: datetime,
    restrictions: Sequence[str] = (),
) -> int:
    get_screening(session, person_id, screening_id)
    row = models.Clearance(
        person_id=person_id,
        screening_id=screening_id,
        cleared_by=cleared_by,
        note=note,
        cleared_at=cleared_at,
        restrictions=list(restrictions),
    )
    session.add(row)
    session.flush()
    return row.id


def clearance_for(session: Session, person_id: int, screening_id: int) -> ClearanceRecord | None:
    """The clearance of one of the person's screenings; another person's is never found."""
    row = session.scalars(
        select(models.Clearance).where(
            models.Clearance.screening_id == screening_id,
            models.Clearance.person_id == person_id,
        )
    ).first()
    if row is None:
        return None
    return ClearanceRecord(
        id=row.id,
        screening_id=row.screening_id,
        cleared_by=row.cleared_by,
        note=row.note,
        cleared_at=row.cleared_at,
        restrictions=tuple(row.restrictions or ()),
    )


def save_preferences(session: Session, person_id: int, preferences: Mapping[str, Any]) -> None:
    row = session.get(models.Preferences, person_id)
    if row is None:
        session.add(
            models.Preferences(person_id=person_id, data=dict(preferences), updated_at=utc_now())
        )
    else:
        row.data = dict(preferences)
        row.updated_at = utc_now()
    session.flush()


def get_preferences(session: Session, person_id: int) -> dict[str, Any] | None:
    row = session.get(models.Preferences, person_id)
    return row.data if row else None


def get_break_settings(session: Session, person_id: int) -> dict[str, Any] | None:
    row = session.get(models.BreakSettings, person_id)
    return row.data if row else None


def save_break_settings(session: Session, person_id: int, data: Mapping[str, Any]) -> None:
    row = session.get(models.BreakSettings, person_id)
    if row is None:
        session.add(
            models.BreakSettings(person_id=person_id, data=dict(data), updated_at=utc_now())
        )
    else:
        row.data = dict(data)
        row.updated_at = utc_now()
    session.flush()


def save_program(
    session: Session, person_id: int, program: Mapping[str, Any], created_at: datetime
) -> int:
    # A Core insert: a third less time than the ORM's unit of work for one new row (issue 17).
    found: Any = session.execute(  # a CursorResult: it has the new row's key
        _INSERT_PROGRAM,
        {"person_id": person_id, "data": dict(program), "created_at": created_at},
    )
    program_id: int = found.inserted_primary_key[0]
    return program_id


def current_program(session: Session, person_id: int) -> ProgramRecord | None:
    row = session.scalars(
        select(models.Program)
        .where(models.Program.person_id == person_id)
        .order_by(models.Program.created_at.desc(), models.Program.id.desc())
    ).first()
    if row is None:
        return None
    return ProgramRecord(id=row.id, created_at=row.created_at, program=row.data)


_CURRENT_PROGRAM_TEXT = (
    select(_PROGRAM.c.id, cast(_PROGRAM.c.data, Text))
    .where(_PROGRAM.c.person_id == bindparam("person_id"))
    .order_by(_PROGRAM.c.created_at.desc(), _PROGRAM.c.id.desc())
    .limit(1)
)


_CURRENT_PROGRAM_ID = (
    select(_PROGRAM.c.id)
    .where(_PROGRAM.c.person_id == bindparam("person_id"))
    .order_by(_PROGRAM.c.created_at.desc(), _PROGRAM.c.id.desc())
    .limit(1)
)


def current_program_id(session: Session, person_id: int) -> int | None:
    """The current program's id without reading the program."""
    found: int | None = session.execute(_CURRENT_PROGRAM_ID, {"person_id": person_id}).scalar()
    return found


def current_program_text(session: Session, person_id: int) -> tuple[int, str] | None:
    """The current program's id and its stored JSON text, unparsed: a key for a parse cache."""
    row = session.execute(_CURRENT_PROGRAM_TEXT, {"person_id": person_id}).first()
    return (row[0], row[1]) if row else None


def replace_program(
    session: Session, person_id: int, program_id: int, program: Mapping[str, Any]
) -> None:
    """Store an adapted version of a program in place (its history lives in the adjustments)."""
    row = session.get(models.Program, program_id)
    if row is None or row.person_id != person_id:
        raise NotFoundError(f"There is no program {program_id}.")
    row.data = dict(program)
    session.flush()


def record_adjustment(
    session: Session,
    person_id: int,
    program_id: int | None,
    day: date,
    exercise_id: str,
    change: str,
    reason: str,
) -> int:
    row = models.Adjustment(
        person_id=person_id,
        program_id=program_id,
        day=day,
        exercise_id=exercise_id,
        change=change,
        reason=reason,
        created_at=utc_now(),
    )
    session.add(row)
    session.flush()
    return row.id


def store_adaptation(
    session: Session, person_id: int, program_id: int, adaptation: Adaptation
) -> None:
    """Store an adapted program in place (with its sessions marked done) and each change."""
    replace_program(session, person_id, program_id, adaptation.program.model_dump(mode="json"))
    for change in adaptation.changes:
        record_adjustment(
            session,
            person_id,
            program_id,
            change.day,
            change.exercise_id or "",
            change.label,
            change.reason,
        )


def adjustments(session: Session, person_id: int) -> list[AdjustmentRecord]:
    rows = session.scalars(
        select(models.Adjustment)
        .where(models.Adjustment.person_id == person_id)
        .order_by(models.Adjustment.created_at, models.Adjustment.id)
    )
    return [
        AdjustmentRecord(
            id=row.id,
            program_id=row.program_id,
            day=row.day,
            exercise_id=row.exercise_id,
            change=row.change,
            reason=row.reason,
            created_at=row.created_at,
        )
        for row in rows
    ]

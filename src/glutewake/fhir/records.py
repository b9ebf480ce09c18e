"""What the FHIR export reads: one person's records as domain values, and their stable ids.

The application layer fills these from the store; nothing here reads a file, a database or
the clock, so the same records always give the same Bundle.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from glutewake.programming.program import Program
from glutewake.screening.profile import Profile
from glutewake.tracking.log import SetLog

# Every resource's uuid is derived from this namespace and the record's kind and id (uuid5).
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://glutewake.local/fhir")


@dataclass(frozen=True)
class Screening:
    id: int
    taken_at: datetime
    answers: Mapping[str, Any]  # as stored: red_flags, questionnaire, self_tests
    profile: Profile


@dataclass(frozen=True)
class Clearance:
    id: int
    screening_id: int
    cleared_by: str
    note: str
    cleared_at: datetime
    restrictions: tuple[str, ...]


@dataclass(frozen=True)
class StoredProgram:
    id: int
    created_at: datetime
    program: Program


@dataclass(frozen=True)
class PersonRecords:
    """Everything of one person the Bundle holds; each list in the store's id order."""

    person_id: int
    name: str | None  # None when the store only has its placeholder for the local user
    screenings: tuple[Screening, ...] = ()
    clearances: tuple[Clearance, ...] = ()
    programs: tuple[StoredProgram, ...] = ()
    set_logs: tuple[SetLog, ...] = ()


def urn(*parts: object) -> str:
    """A stable ``urn:uuid:`` for a resource named by its parts."""
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, '/'.join(str(part) for part in parts))}"


def instant(moment: datetime) -> str:
    """A stored moment (UTC without a zone) as a FHIR dateTime with its zone."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.replace(microsecond=0).isoformat() + "+00:00"


def day(value: date) -> str:
    return value.isoformat()

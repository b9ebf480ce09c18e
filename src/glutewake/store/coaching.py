"""Reads and writes of a coach's work: the audit trail, notes, templates. Each takes its person.

The audit trail is append-only: :func:`record_audit` adds a row and nothing here changes or
removes one. The dashboard's reads (``store.coaching_facts``) answer for all of a coach's
clients at once, one query per table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from glutewake.errors import NotFoundError
from glutewake.store import models
from glutewake.store.coaching_models import AuditEvent, CoachNote, ProgramTemplate


@dataclass(frozen=True)
class AuditRecord:
    id: int
    person_id: int
    actor_account_id: int | None
    at: datetime
    action: str
    detail: dict[str, Any]
    reason: str


@dataclass(frozen=True)
class NoteRecord:
    id: int
    person_id: int
    coach_account_id: int
    at: datetime
    text: str


@dataclass(frozen=True)
class TemplateRecord:
    id: int
    coach_account_id: int
    name: str
    created_at: datetime
    data: dict[str, Any]


def record_audit(
    session: Session,
    person_id: int,
    actor_account_id: int | None,
    at: datetime,
    action: str,
    detail: Mapping[str, Any],
    reason: str = "",
) -> int:
    """Append one event to the person's audit trail (in the caller's transaction)."""
    row = AuditEvent(
        person_id=person_id,
        actor_account_id=actor_account_id,
        at=at,
        action=action,
        detail=dict(detail),
        reason=reason,
    )
    session.add(row)
    session.flush()
    return row.id


def audit_trail(session: Session, person_id: int, limit: int = 200) -> list[AuditRecord]:
    """The person's audit events, newest first."""
    rows = session.scalars(
        select(AuditEvent)
        .where(AuditEvent.person_id == person_id)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(limit)
    )
    return [
        AuditRecord(
            row.id, row.person_id, row.actor_account_id, row.at, row.action, row.detail, row.reason
        )
        for row in rows
    ]


def add_note(
    session: Session, person_id: int, coach_account_id: int, at: datetime, text: str
) -> int:
    row = CoachNote(person_id=person_id, coach_account_id=coach_account_id, at=at, text=text)
    session.add(row)
    session.flush()
    return row.id


def notes(session: Session, person_id: int, limit: int = 50) -> list[NoteRecord]:
    """The notes for the person, newest first."""
    rows = session.scalars(
        select(CoachNote)
        .where(CoachNote.person_id == person_id)
        .order_by(CoachNote.at.desc(), CoachNote.id.desc())
        .limit(limit)
    )
    return [NoteRecord(r.id, r.person_id, r.coach_account_id, r.at, r.text) for r in rows]


def save_template(
    session: Session, coach_account_id: int, name: str, data: Mapping[str, Any], at: datetime
) -> int:
    row = ProgramTemplate(
        coach_account_id=coach_account_id, name=name, created_at=at, data=dict(data)
    )
    session.add(row)
    session.flush()
    return row.id


def _template(row: ProgramTemplate) -> TemplateRecord:
    return TemplateRecord(row.id, row.coach_account_id, row.name, row.created_at, dict(row.data))


def template(session: Session, coach_account_id: int, template_id: int) -> TemplateRecord:
    """One of the coach's templates; another coach's is never found."""
    row = session.get(ProgramTemplate, template_id)
    if row is None or row.coach_account_id != coach_account_id:
        raise NotFoundError(
            f"There is no template {template_id}.",
            hint="Choose one of your templates on the client's page.",
        )
    return _template(row)


def templates(session: Session, coach_account_id: int) -> list[TemplateRecord]:
    rows = session.scalars(
        select(ProgramTemplate)
        .where(ProgramTemplate.coach_account_id == coach_account_id)
        .order_by(ProgramTemplate.name, ProgramTemplate.id)
    )
    return [_template(row) for row in rows]


def update_template(
    session: Session, coach_account_id: int, template_id: int, data: Mapping[str, Any]
) -> None:
    """Change a template's content: programs assigned from it before keep their copy."""
    template(session, coach_account_id, template_id)
    row = session.get(ProgramTemplate, template_id)
    assert row is not None
    row.data = dict(data)
    session.flush()


def person_name(session: Session, person_id: int) -> str:
    row = session.get(models.Person, person_id)
    if row is None:
        raise NotFoundError("There is no such client.", hint="Open one from your dashboard.")
    return row.name

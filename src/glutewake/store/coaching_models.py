"""The tables of a coach's work: the audit trail, the notes a client sees, program templates.

``audit_event`` is append-only: the store has no function that changes or removes a row.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from glutewake.store import account_models as account_models  # the account table's FKs
from glutewake.store.models import Base


class AuditEvent(Base):
    """One change a coach (or anyone acting for a person) made: who, when, what, why."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_person_at", "person_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    actor_account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    at: Mapped[datetime] = mapped_column(DateTime)
    action: Mapped[str] = mapped_column(String(60))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(Text, default="")


class CoachNote(Base):
    """A note from the coach that the client sees on Today and their program."""

    __tablename__ = "coach_note"
    __table_args__ = (Index("ix_coach_note_person_at", "person_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    coach_account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    at: Mapped[datetime] = mapped_column(DateTime)
    text: Mapped[str] = mapped_column(Text)


class ProgramTemplate(Base):
    """A program (or the inputs of one) a coach keeps to assign: copied, never shared."""

    __tablename__ = "program_template"

    id: Mapped[int] = mapped_column(primary_key=True)
    coach_account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


__all__ = ["AuditEvent", "CoachNote", "ProgramTemplate"]

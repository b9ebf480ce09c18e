"""SQLAlchemy 2.0 tables. Domain values are stored as JSON documents validated on the way out."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON}


class Person(Base):
    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    is_local_user: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Screening(Base):
    __tablename__ = "screening"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    taken_at: Mapped[datetime] = mapped_column(DateTime)
    answers: Mapped[dict[str, Any]]
    profile: Mapped[dict[str, Any]]


class Clearance(Base):
    __tablename__ = "clearance"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    screening_id: Mapped[int] = mapped_column(ForeignKey("screening.id"), unique=True)
    cleared_by: Mapped[str] = mapped_column(String(200))
    note: Mapped[str] = mapped_column(Text, default="")
    cleared_at: Mapped[datetime] = mapped_column(DateTime)
    restrictions: Mapped[list[str]] = mapped_column(JSON, default=list)


class Preferences(Base):
    __tablename__ = "preferences"

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), primary_key=True)
    data: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class BreakSettings(Base):
    """The person's desk-break settings: a document of its own, apart from program preferences."""

    __tablename__ = "break_settings"

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), primary_key=True)
    data: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class Program(Base):
    __tablename__ = "program"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    data: Mapped[dict[str, Any]]


class SetLogRow(Base):
    __tablename__ = "set_log"
    __table_args__ = (
        UniqueConstraint("person_id", "key", name="uq_set_log_person_key"),
        Index("ix_set_log_person_day", "person_id", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    key: Mapped[str] = mapped_column(String(100))
    exercise_id: Mapped[str] = mapped_column(String(60))
    day: Mapped[date] = mapped_column(Date, index=True)
    logged_at: Mapped[datetime] = mapped_column(DateTime)
    data: Mapped[dict[str, Any]]
    # Earlier versions of a corrected set, oldest first, each with when it was replaced.
    revisions: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)


class Adjustment(Base):
    __tablename__ = "adjustment"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    program_id: Mapped[int | None] = mapped_column(ForeignKey("program.id"))
    day: Mapped[date] = mapped_column(Date)
    exercise_id: Mapped[str] = mapped_column(String(60))
    change: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class BreakEvent(Base):
    __tablename__ = "break_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    kind: Mapped[str] = mapped_column(String(40))
    data: Mapped[dict[str, Any]]


__all__ = [
    "Adjustment",
    "Base",
    "BreakEvent",
    "BreakSettings",
    "Clearance",
    "Person",
    "Preferences",
    "Program",
    "Screening",
    "SetLogRow",
]

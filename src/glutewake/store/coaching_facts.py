"""What the coach's dashboard reads for all of a coach's clients at once: one query per table.

Every query is limited to the coach's clients (``coach_client``), so the cost grows with the
coach's clients and their recent sets, never with the whole database.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Integer, Select, Text, case, cast, func, select
from sqlalchemy.orm import Session

from glutewake.store import models
from glutewake.store.account_models import CoachClient


@dataclass(frozen=True)
class ClientRow:
    person_id: int
    name: str


@dataclass(frozen=True)
class NewestScreening:
    person_id: int
    screening_id: int
    taken_at: date
    gate: str
    gate_reasons: tuple[str, ...]
    cleared: bool


@dataclass(frozen=True)
class DaySets:
    """One client's sets of one day: how many, their pain, the glute sets and those felt there."""

    person_id: int
    day: date
    sets: int
    pain_total: int
    pain_highest: int
    glute_sets: int
    glute_hits: int


def _clients(coach_account_id: int) -> Select[Any]:
    return select(CoachClient.person_id).where(CoachClient.coach_account_id == coach_account_id)


def clients(session: Session, coach_account_id: int) -> list[ClientRow]:
    rows = session.execute(
        select(models.Person.id, models.Person.name)
        .join(CoachClient, CoachClient.person_id == models.Person.id)
        .where(CoachClient.coach_account_id == coach_account_id)
        .order_by(models.Person.id)
    )
    return [ClientRow(int(person_id), str(name)) for person_id, name in rows]


def newest_screenings(session: Session, coach_account_id: int) -> dict[int, NewestScreening]:
    """Each client's newest screening: its gate, the gate's reasons, whether it is cleared."""
    screening = models.Screening
    ranked = (
        select(
            screening.id,
            screening.person_id,
            screening.taken_at,
            func.row_number()
            .over(
                partition_by=screening.person_id,
                order_by=(screening.taken_at.desc(), screening.id.desc()),
            )
            .label("place"),
        )
        .where(screening.person_id.in_(_clients(coach_account_id)))
        .subquery()
    )
    rows = session.execute(
        select(
            ranked.c.person_id,
            ranked.c.id,
            ranked.c.taken_at,
            screening.profile["gate"].as_string(),
            screening.profile["gate_reasons"],
            models.Clearance.id,
        )
        .join(screening, screening.id == ranked.c.id)
        .outerjoin(models.Clearance, models.Clearance.screening_id == ranked.c.id)
        .where(ranked.c.place == 1)
    )
    found = {}
    for person_id, screening_id, taken_at, gate, reasons, clearance_id in rows:
        texts = tuple(str(reason.get("text", "")) for reason in reasons or ())
        found[int(person_id)] = NewestScreening(
            int(person_id),
            int(screening_id),
            taken_at.date(),
            str(gate),
            texts,
            clearance_id is not None,
        )
    return found


def current_program_ids(session: Session, coach_account_id: int) -> dict[int, int]:
    """Each client's current program id (the newest one), by person."""
    program = models.Program
    ranked = (
        select(
            program.id,
            program.person_id,
            func.row_number()
            .over(
                partition_by=program.person_id,
                order_by=(program.created_at.desc(), program.id.desc()),
            )
            .label("place"),
        )
        .where(program.person_id.in_(_clients(coach_account_id)))
        .subquery()
    )
    rows = session.execute(select(ranked.c.person_id, ranked.c.id).where(ranked.c.place == 1))
    return {int(person_id): int(program_id) for person_id, program_id in rows}


def program_outlines(session: Session, program_ids: Collection[int]) -> dict[int, dict[str, Any]]:
    """The start and preferences of each program: the same for every adapted version of it."""
    if not program_ids:
        return {}
    rows = session.execute(
        select(
            models.Program.id,
            models.Program.data["start"].as_string(),
            models.Program.data["preferences"],
        ).where(models.Program.id.in_(sorted(program_ids)))
    )
    return {int(i): {"start": start, "preferences": prefs or {}} for i, start, prefs in rows}


def sets_by_day(
    session: Session, coach_account_id: int, since: date, not_glute_work: Collection[str]
) -> list[DaySets]:
    """Each client's sets per day from ``since``: counts, pain, glute sets and glute hits.

    A glute set is any set of an exercise not in ``not_glute_work`` (stretches, rolling); it
    hits when either glute is among the places it was felt.
    """
    log = models.SetLogRow
    pain = cast(log.data["pain"].as_string(), Integer)
    glute = log.exercise_id.not_in(sorted(not_glute_work or {""}))
    in_glutes = cast(log.data, Text).like('%"glutes-%')
    rows = session.execute(
        select(
            log.person_id,
            log.day,
            func.count(log.id),
            func.coalesce(func.sum(pain), 0),
            func.coalesce(func.max(pain), 0),
            func.sum(case((glute, 1), else_=0)),
            func.sum(case((glute & in_glutes, 1), else_=0)),
        )
        .where(log.person_id.in_(_clients(coach_account_id)), log.day >= since)
        .group_by(log.person_id, log.day)
    )
    return [
        DaySets(int(p), d, int(n), int(t), int(h), int(g), int(k)) for p, d, n, t, h, g, k in rows
    ]


def last_logged_days(session: Session, coach_account_id: int) -> dict[int, date]:
    """Each client's latest day with a logged set, over all their sets."""
    rows = session.execute(
        select(models.SetLogRow.person_id, func.max(models.SetLogRow.day))
        .where(models.SetLogRow.person_id.in_(_clients(coach_account_id)))
        .group_by(models.SetLogRow.person_id)
    )
    return {int(person_id): day for person_id, day in rows}

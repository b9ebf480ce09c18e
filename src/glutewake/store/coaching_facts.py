"""What the coach's dashboard reads for all of a coach's clients at once: one query per table.

Every query is limited to the coach's clients (``coach_client``), so the cost grows with the
coach's clients and their recent sets, never with the whole database. What tells whether a
client changed (``clients``: their newest screening and program, last day and number of recent
sets; ``corrected_sets``) is read from indexes alone at every look; what never changes once
stored (a screening's gate, a program's start and preferences) is read by id, and a client's
sets per day only for the clients who changed, so the caller can keep the rest.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Integer,
    Select,
    Subquery,
    Text,
    case,
    cast,
    func,
    literal_column,
    select,
)
from sqlalchemy.orm import Session

from glutewake.store import models
from glutewake.store.account_models import CoachClient

# A program's JSON starts with its start and preferences: this much text holds both.
OUTLINE_PREFIX = 1000

# A set that was never corrected has no revisions; written as the condition of the
# ``ix_set_log_corrected`` partial index (migration 0006), literally, so the index serves it.
CORRECTED = cast(models.SetLogRow.revisions, Text) != literal_column("'[]'")


@dataclass(frozen=True)
class ClientRow:
    """A client with their latest logged day, newest screening and current program (ids), and
    how many sets they logged from the dashboard's first day (a new set changes it)."""

    person_id: int
    name: str
    last_logged: date | None
    screening_id: int | None
    program_id: int | None
    # When the newest screening was taken and the current program made: with the ids, they
    # name the record even where a database reuses the id of a removed one (SQLite).
    screened_at: datetime | None
    program_made_at: datetime | None
    sets_since: int


@dataclass(frozen=True)
class Gatekeeping:
    """What a screening says about training: its date, gate and the gate's reasons."""

    taken_on: date
    gate: str
    reasons: tuple[str, ...]


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


def _newest(coach_account_id: int, model: Any, at: Any) -> Subquery:
    """Each client's newest row of ``model`` (by ``at``, then id): one sort of their rows'
    columns, never their documents."""
    rank = func.row_number().over(
        partition_by=model.person_id, order_by=(at.desc(), model.id.desc())
    )
    return (
        select(model.id, model.person_id, at.label("at"), rank.label("rank"))
        .where(model.person_id.in_(_clients(coach_account_id)))
        .subquery()
    )


def clients(session: Session, coach_account_id: int, since: date) -> list[ClientRow]:
    """The coach's clients with their newest screening and program, their last logged day and
    how many sets they logged from ``since`` (both from the ``ix_set_log_person_day`` index)."""
    person, log = models.Person, models.SetLogRow
    screening = _newest(coach_account_id, models.Screening, models.Screening.taken_at)
    program = _newest(coach_account_id, models.Program, models.Program.created_at)
    last = select(func.max(log.day)).where(log.person_id == person.id)
    counted = select(func.count()).where(log.person_id == person.id, log.day >= since)
    rows = session.execute(
        select(
            person.id,
            person.name,
            last.scalar_subquery(),
            screening.c.id,
            program.c.id,
            screening.c.at,
            program.c.at,
            counted.scalar_subquery(),
        )
        .join(CoachClient, CoachClient.person_id == person.id)
        .outerjoin(screening, (screening.c.person_id == person.id) & (screening.c.rank == 1))
        .outerjoin(program, (program.c.person_id == person.id) & (program.c.rank == 1))
        .where(CoachClient.coach_account_id == coach_account_id)
        .order_by(person.id)
    )
    return [
        ClientRow(int(i), str(name), last, screening_id, program_id, screened, made, int(n))
        for i, name, last, screening_id, program_id, screened, made, n in rows
    ]


def cleared_screenings(session: Session, coach_account_id: int) -> set[int]:
    """The ids of the clients' screenings that have a clearance recorded."""
    return set(
        session.scalars(
            select(models.Clearance.screening_id).where(
                models.Clearance.person_id.in_(_clients(coach_account_id))
            )
        )
    )


def gatekeeping(session: Session, screening_ids: Collection[int]) -> dict[int, Gatekeeping]:
    """Each screening's date, gate and gate reasons, by id (a screening never changes)."""
    if not screening_ids:
        return {}
    screening = models.Screening
    rows = session.execute(
        select(
            screening.id,
            screening.taken_at,
            screening.profile["gate"].as_string(),
            screening.profile["gate_reasons"],
        ).where(screening.id.in_(sorted(screening_ids)))
    )
    return {
        int(i): Gatekeeping(
            taken.date(), str(gate), tuple(str(r.get("text", "")) for r in reasons or ())
        )
        for i, taken, gate, reasons in rows
    }


def _outline(prefix: str) -> dict[str, Any] | None:
    """The start and preferences read from the beginning of a program's JSON text."""
    decoder = json.JSONDecoder()
    found: dict[str, Any] = {}
    for key in ("start", "preferences"):
        at = prefix.find(f'"{key}": ')
        if at < 0:
            return None
        try:
            found[key], _ = decoder.raw_decode(prefix, at + len(key) + 4)
        except ValueError:
            return None
    return found


def program_outlines(session: Session, program_ids: Collection[int]) -> dict[int, dict[str, Any]]:
    """The start and preferences of each program (the same for every adapted version of it).

    Read from the first characters of the stored text; a program stored another way is read
    whole.
    """
    if not program_ids:
        return {}
    program = models.Program
    prefix = func.substr(cast(program.data, Text), 1, OUTLINE_PREFIX)
    rows = session.execute(select(program.id, prefix).where(program.id.in_(sorted(program_ids))))
    found = {int(i): outline for i, text in rows if (outline := _outline(str(text)))}
    rest = sorted(set(program_ids) - set(found))
    if rest:
        whole = session.execute(select(program.id, program.data).where(program.id.in_(rest)))
        found.update({int(i): data for i, data in whole})
    return found


def corrected_sets(
    session: Session, coach_account_id: int, since: date
) -> dict[int, tuple[int, int, int]]:
    """For each client with corrected sets from ``since``: how many, the sum of their ids and
    the length of their revisions (each correction makes it longer).

    Only the corrected sets are read, from the ``ix_set_log_corrected`` partial index.
    """
    log = models.SetLogRow
    rows = session.execute(
        select(
            log.person_id,
            func.count(),
            func.sum(log.id),
            func.sum(func.length(cast(log.revisions, Text))),
        )
        .where(log.person_id.in_(_clients(coach_account_id)), log.day >= since, CORRECTED)
        .group_by(log.person_id)
    )
    return {int(p): (int(n), int(i), int(r)) for p, n, i, r in rows}


def sets_by_day(
    session: Session, person_ids: Collection[int], since: date, not_glute_work: Collection[str]
) -> list[DaySets]:
    """These clients' sets per day from ``since``: counts, pain, glute sets and glute hits.

    A glute set is any set of an exercise not in ``not_glute_work`` (stretches, rolling); it
    hits when either glute is among the places it was felt.
    """
    if not person_ids:
        return []
    log = models.SetLogRow
    glute = log.exercise_id.not_in(sorted(not_glute_work or {""}))
    in_glutes = cast(log.data, Text).like('%"glutes-%')
    each = (
        select(
            log.person_id,
            log.day,
            cast(log.data["pain"].as_string(), Integer).label("pain"),
            case((glute, 1), else_=0).label("glute"),
            case((glute & in_glutes, 1), else_=0).label("hit"),
        )
        .where(log.person_id.in_(sorted(person_ids)), log.day >= since)
        # OFFSET 0 keeps the set's JSON read once: a merged query reads it in every aggregate.
        .offset(0)
        .subquery()
    )
    rows = session.execute(
        select(
            each.c.person_id,
            each.c.day,
            func.count(),
            func.coalesce(func.sum(each.c.pain), 0),
            func.coalesce(func.max(each.c.pain), 0),
            func.sum(each.c.glute),
            func.sum(each.c.hit),
        ).group_by(each.c.person_id, each.c.day)
    )
    return [
        DaySets(int(p), d, int(n), int(t), int(h), int(g), int(k)) for p, d, n, t, h, g, k in rows
    ]


def coaches(session: Session) -> list[int]:
    """Every coach's account id, the coach with the most clients first."""
    query = (
        select(CoachClient.coach_account_id)
        .group_by(CoachClient.coach_account_id)
        .order_by(func.count().desc(), CoachClient.coach_account_id)
    )
    return [int(i) for i in session.scalars(query)]

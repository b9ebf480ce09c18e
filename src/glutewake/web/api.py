"""The JSON API: today's session, logging sets (idempotent), logs, the exercise catalogue.

Errors answer ``{"detail", "hint", "errors": [{"field", "message"}]}`` (422 for bad input).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Header

from glutewake.catalogue.catalogue import summary
from glutewake.store import repository
from glutewake.tracking.log import SetLog
from glutewake.web.deps import AppSettings, CatalogueDep, CurrentPerson, DbSession
from glutewake.web.library import detail, parse_filters
from glutewake.web.log_input import LogIn, LogOut, choose_key, to_set_log
from glutewake.web.sessions import player_data, require_plan

router = APIRouter(prefix="/api", tags=["api"])

ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"description": "Not found: the message says what and the hint how to fix it"},
    422: {"description": "Invalid input: every problem by field"},
}


@router.get("/today", responses=ERROR_RESPONSES)
def today(
    session: DbSession, person: CurrentPerson, catalogue: CatalogueDep, settings: AppSettings
) -> dict[str, Any]:
    """Today's session for the player: items, swap options, rows with their log keys, logs."""
    return player_data(require_plan(session, person.id), catalogue, settings)


@router.post("/logs", status_code=201, responses=ERROR_RESPONSES)
def log_set(
    entry: LogIn,
    session: DbSession,
    person: CurrentPerson,
    catalogue: CatalogueDep,
    idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key")] = None,
) -> LogOut:
    """Log one set. Sending the same key again (a retry) stores nothing new: same id back."""
    key = choose_key(entry.key, idempotency_key)
    log_id = repository.log_set(session, person.id, to_set_log(entry, catalogue), key)
    return LogOut(id=log_id, key=key)


@router.get("/logs", responses=ERROR_RESPONSES)
def logs(session: DbSession, person: CurrentPerson, since: date | None = None) -> list[SetLog]:
    """Every logged set, oldest first; ``since`` keeps the days from that date on."""
    return repository.set_logs(session, person.id, since=since)


@router.get("/exercises", responses=ERROR_RESPONSES)
def exercises(
    catalogue: CatalogueDep,
    category: str | None = None,
    target: str | None = None,
    position: str | None = None,
    equipment: str | None = None,
    level: str | None = None,
) -> list[dict[str, Any]]:
    """The catalogue, optionally filtered (an unknown filter value lists the valid ones)."""
    filters = parse_filters(category, target, position, equipment, level)
    return [summary(exercise) for exercise in catalogue.filter(filters)]


@router.get("/exercises/{exercise_id}", responses=ERROR_RESPONSES)
def exercise(catalogue: CatalogueDep, exercise_id: str) -> dict[str, Any]:
    """One exercise with its dose, steps, tips, cautions, evidence and cited sources."""
    return detail(catalogue.get(exercise_id), catalogue)

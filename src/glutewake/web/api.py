"""The JSON API: today's session, logging sets (idempotent), logs, the exercise catalogue.

Errors answer ``{"detail", "hint", "errors": [{"field", "message"}]}``: 404 not found, 409 when
the safety rule pauses training or a log key was used for a different set, 422 for bad input.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request, Response

from glutewake.application import programs, sessions
from glutewake.catalogue.catalogue import summary
from glutewake.tracking.log import SetLog
from glutewake.web.deps import AppSettings, CatalogueDep, WorkDep, player_cache, request_work
from glutewake.web.library import detail, parse_filters
from glutewake.web.log_input import LogIn, LogOut, choose_key
from glutewake.web.player import player_data

router = APIRouter(prefix="/api", tags=["api"])

ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"description": "Not found: the message says what and the hint how to fix it"},
    409: {"description": "Training is paused by the safety rule, or a log key was reused"},
    422: {"description": "Invalid input: every problem by field"},
}


@router.get("/today", responses=ERROR_RESPONSES)
def today(request: Request, work: WorkDep, settings: AppSettings) -> dict[str, Any]:
    """Today's session for the player: items, swap options, rows with their log keys, logs."""
    view = programs.today(work)
    return player_data(view, work.catalogue, settings, player_cache(request)).data


@router.post("/logs", status_code=201, responses=ERROR_RESPONSES)
async def log_set(
    request: Request,
    entry: LogIn,
    idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key")] = None,
) -> LogOut:
    """Log one set. The same key with the same set (a retry) stores nothing new: same id back;
    the same key with a different set is refused with 409."""
    key = choose_key(entry.key, idempotency_key)
    with request_work(request) as work:  # on the event loop (see request_work)
        log_id = sessions.record_set(work, entry.model_dump(exclude={"key"}), key)
    return LogOut(id=log_id, key=key)


@router.put("/logs/{log_id}", responses=ERROR_RESPONSES)
def correct_set(log_id: int, entry: LogIn, work: WorkDep) -> dict[str, Any]:
    """Correct a logged set; the earlier version is kept in its history."""
    corrected = sessions.correct_set(work, log_id, entry.model_dump(exclude={"key"}))
    return {
        "id": corrected.id,
        "key": corrected.key,
        "set": corrected.log.model_dump(mode="json"),
        "revisions": corrected.revisions,
    }


@router.get("/logs", responses=ERROR_RESPONSES)
def logs(
    work: WorkDep,
    response: Response,
    since: date | None = None,
    before: date | None = None,
    limit: Annotated[int | None, Query(ge=1, le=366)] = None,
) -> list[SetLog]:
    """Logged sets, oldest first, on days from ``since`` and before ``before``; ``limit`` keeps
    the latest that many logged days, and the ``Link`` header (rel="next") asks for the days
    before them."""
    if limit is None:
        return sessions.logs(work, since, before)
    page = sessions.logs_page(work, limit, since, before)
    if page.earlier is not None:
        query = f"before={page.earlier.isoformat()}&limit={limit}"
        query += f"&since={since.isoformat()}" if since else ""
        response.headers["Link"] = f'</api/logs?{query}>; rel="next"'
    return page.logs


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

"""Today's session from the store: load it, describe it for the player, finish it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy.orm import Session as DbSession

from glutewake.catalogue import Catalogue
from glutewake.config import Settings
from glutewake.errors import NotFoundError
from glutewake.programming.program import Item, Program
from glutewake.programming.timing import SIDE_CHANGE_SECONDS
from glutewake.progression.adapt import adapt
from glutewake.store import repository
from glutewake.web.clock import today
from glutewake.web.today import (
    TodayPlan,
    active_items,
    day_prefix,
    item_rows,
    move_session,
    plan_today,
)

NO_PROGRAM_HINT = "Do the screening and choose your preferences first; they build your program."


@lru_cache(maxsize=32)
def parse_program(text: str) -> Program:
    """A stored program's JSON text, parsed once per process for each distinct text.

    The whole text is the key, so a program that was adapted, moved or rebuilt (new text) is
    parsed anew: the cache cannot serve a stale program. A Program is frozen, so sharing one
    between requests is safe.
    """
    return Program.model_validate(json.loads(text))


def load_plan(session: DbSession, person_id: int) -> TodayPlan | None:
    stored = repository.current_program_text(session, person_id)
    if stored is None:
        return None
    program_id, text = stored
    day = today()
    logged = repository.keyed_set_logs(session, person_id, day_prefix(program_id, day))
    return plan_today(program_id, parse_program(text), day, logged)


def require_plan(session: DbSession, person_id: int) -> TodayPlan:
    plan = load_plan(session, person_id)
    if plan is None:
        raise NotFoundError("You have no program yet.", hint=NO_PROGRAM_HINT)
    return plan


def _item_json(item: Item, index: int, prefix: str, catalogue: Catalogue) -> dict[str, Any]:
    exercise = catalogue.get(item.exercise_id) if item.exercise_id in catalogue else None
    return {
        "index": index,
        "exercise_id": item.exercise_id,
        "name": item.name,
        "pair": item.pair,
        "measure": item.measure,
        "target": item.target,
        "sets": item.sets,
        "extra_sets": item.extra_sets,
        "per_side": item.per_side,
        "side_order": [side.value for side in item.side_order],
        "tempo": item.tempo,
        "rest_seconds": item.rest_seconds,
        "cue": item.cue,
        "reason": item.reason,
        "dose": item.describe(),
        "steps": exercise.steps if exercise else [],
        "cautions": exercise.cautions if exercise else [],
        "illustration": f"/exercises/{item.exercise_id}/illustration.svg",
        "page": f"/exercises/{item.exercise_id}",
        "rows": [row.as_json() for row in item_rows(item, index, prefix)],
    }


def player_data(
    plan: TodayPlan,
    catalogue: Catalogue,
    settings: Settings,
    active: Sequence[tuple[Item, list[Item]]] | None = None,
) -> dict[str, Any]:
    """Everything the player needs, as JSON: items with their options, rows, what is logged.

    ``active`` is the session's items as done today with their options (``active_items``).
    """
    data: dict[str, Any] = {
        "program_id": plan.program_id,
        "day": plan.day.isoformat(),
        "status": plan.status,
        "timer_scale": settings.timer_scale,
        "side_change_seconds": SIDE_CHANGE_SECONDS,
        "session": None,
        "next_session": None,
        "items": [],
        "logged": {},
    }
    if plan.next_session is not None:
        data["next_session"] = {
            "number": plan.next_session.number,
            "day": plan.next_session.day.isoformat(),
        }
    if plan.session is None:
        return data
    session = plan.session
    data["session"] = {
        "number": session.number,
        "week": session.week,
        "phase": session.phase.value,
        "variant": session.variant,
        "minutes": round(session.estimated_seconds / 60),
        "reason": session.reason,
        "prefix": plan.prefix,
    }
    chosen = active if active is not None else active_items(plan, catalogue, {})
    for index, (doing, options) in enumerate(chosen):
        original = session.items[index]
        entry = _item_json(original, index, plan.prefix, catalogue)
        entry["block"] = next(b.title for b in session.blocks if original in b.items)
        entry["active"] = doing.exercise_id
        entry["alternatives"] = [
            _item_json(option, index, plan.prefix, catalogue) for option in options
        ]
        data["items"].append(entry)
    data["logged"] = {key: log.model_dump(mode="json") for key, log in plan.logged.items()}
    return data


def start_early(session: DbSession, person_id: int, number: int) -> None:
    """Move the next session to today so it can be done now; recorded as an adjustment."""
    record = repository.current_program(session, person_id)
    if record is None:
        raise NotFoundError("You have no program yet.", hint=NO_PROGRAM_HINT)
    program = Program.model_validate(record.program)
    day = today()
    upcoming = program.next_session(day)
    if upcoming is None or upcoming.number != number:
        raise NotFoundError(
            f"Session {number} is not the next session to do.",
            hint="Open Today to see which session is next.",
        )
    moved = move_session(program, number, day)
    repository.replace_program(session, record.id, moved.model_dump(mode="json"))
    repository.record_adjustment(
        session,
        person_id,
        record.id,
        day,
        "",
        "moved",
        f"Session {number} moved from {upcoming.day.isoformat()} to today: started early.",
    )


def finish(session: DbSession, person_id: int, catalogue: Catalogue) -> Sequence[str]:
    """Adapt the program to every logged set up to today; the reasons of the new changes."""
    record = repository.current_program(session, person_id)
    if record is None:
        raise NotFoundError("You have no program yet.", hint=NO_PROGRAM_HINT)
    program = Program.model_validate(record.program)
    logs = repository.set_logs(session, person_id, since=program.start)
    result = adapt(program, logs, today(), catalogue)
    repository.store_adaptation(session, person_id, record.id, result)
    return [change.reason for change in result.changes]

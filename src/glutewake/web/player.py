"""Today's session described for the guided player, as JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from glutewake.catalogue import Catalogue
from glutewake.config import Settings
from glutewake.programming.program import Item
from glutewake.programming.timing import SIDE_CHANGE_SECONDS
from glutewake.tracking.today import TodayPlan, active_items, item_rows


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
    clearance = plan.program.clearance
    data["clearance"] = clearance.summary() if clearance else None
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

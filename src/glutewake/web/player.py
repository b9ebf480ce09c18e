"""Today's session described for the guided player, as JSON."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from glutewake.application.context import Memo
from glutewake.application.programs import TodayView
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
        "camera": exercise.camera.as_json(item.measure) if exercise and exercise.camera else None,
        "page": f"/exercises/{item.exercise_id}",
        "rows": [row.as_json() for row in item_rows(item, index, prefix)],
    }


@dataclass(frozen=True)
class PlayerData:
    data: dict[str, Any]
    json: Markup  # the same, as HTML-safe JSON for the page's data island


def player_data(
    view: TodayView,
    catalogue: Catalogue,
    settings: Settings,
    cache: Memo,
    active: Sequence[tuple[Item, list[Item]]] | None = None,
) -> PlayerData:
    """Everything the player needs: items with their options, rows, what is logged.

    ``active`` is the session's items as done today with their options (``active_items``).
    All but today's logs is kept in ``cache`` per what it is derived from: it is most of the
    page's work, and it changes only when the program, the day's session or a choice does.
    """
    plan = view.plan
    chosen = active
    if chosen is None and plan.session is not None:
        chosen = active_items(plan, view.options, {})
    doing = tuple(item.exercise_id for item, _ in chosen or ())
    key = (view.key, plan.status, doing, settings.timer_scale)
    found: tuple[dict[str, Any], Markup] | None = cache.get(key)
    if found is None:
        planned = _planned_data(plan, catalogue, settings, chosen or ())
        found = (planned, htmlsafe_json_dumps(planned))
        cache.put(key, found)
    planned, text = found
    logged = {key: log.model_dump(mode="json") for key, log in plan.logged.items()}
    # The cached JSON object, reopened to add today's logs as its last member.
    text = Markup(f'{text[:-1]}, "logged": {htmlsafe_json_dumps(logged)}}}')
    return PlayerData({**planned, "logged": logged}, text)


def _planned_data(
    plan: TodayPlan,
    catalogue: Catalogue,
    settings: Settings,
    chosen: Sequence[tuple[Item, list[Item]]],
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "program_id": plan.program_id,
        "day": plan.day.isoformat(),
        "status": plan.status,
        "timer_scale": settings.timer_scale,
        "side_change_seconds": SIDE_CHANGE_SECONDS,
        "session": None,
        "next_session": None,
        "items": [],
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
    for index, (doing, options) in enumerate(chosen):
        original = session.items[index]
        entry = _item_json(original, index, plan.prefix, catalogue)
        entry["block"] = next(b.title for b in session.blocks if original in b.items)
        entry["active"] = doing.exercise_id
        entry["alternatives"] = [
            _item_json(option, index, plan.prefix, catalogue) for option in options
        ]
        data["items"].append(entry)
    return data

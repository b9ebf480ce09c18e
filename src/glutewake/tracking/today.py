"""Today's session, set by set: what the player, the no-JavaScript page and the CLI show.

A session is done set by set: one row per set and side, in the program's order (weaker side
first, its extra set last). Each row has a key that names the program, the day, the session,
the item, the side and the set, so a retried log stores once and a reopened tab finds where
it stopped. Swaps and skips are the person's choice for today only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from glutewake.catalogue import Catalogue
from glutewake.programming.alternatives import alternatives
from glutewake.programming.program import Item, Program, Session
from glutewake.programming.timing import SIDE_CHANGE_SECONDS
from glutewake.screening.profile import Side
from glutewake.tracking.log import SetLog

KEY_SESSION = re.compile(r"^p\d+-\d{8}-s(\d+)-")


def day_prefix(program_id: int, day: date) -> str:
    return f"p{program_id}-{day:%Y%m%d}-"


def session_prefix(program_id: int, day: date, number: int) -> str:
    return f"{day_prefix(program_id, day)}s{number}-"


@dataclass(frozen=True)
class Row:
    """One set on one side, and what follows it."""

    key: str
    item: int
    exercise_id: str
    set_number: int
    side: Side | None
    measure: str
    target: int
    rest_after: int  # seconds of rest after this row (the last side of a set, not the last set)
    side_change_after: int  # seconds to change sides after this row

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "item": self.item,
            "exercise_id": self.exercise_id,
            "set_number": self.set_number,
            "side": self.side.value if self.side else None,
            "measure": self.measure,
            "target": self.target,
            "rest_after": self.rest_after,
            "side_change_after": self.side_change_after,
        }


def item_sides(item: Item) -> tuple[Side | None, ...]:
    if item.side_order:
        return item.side_order
    return (Side.LEFT, Side.RIGHT) if item.per_side else (None,)


def item_rows(item: Item, index: int, prefix: str) -> list[Row]:
    sides = item_sides(item)
    plan = [(n, side) for n in range(1, item.sets + 1) for side in sides]
    plan += [(item.sets + extra, sides[0]) for extra in range(1, item.extra_sets + 1)]
    rows = []
    for position, (number, side) in enumerate(plan):
        following = plan[position + 1][0] if position + 1 < len(plan) else None
        side_name = side.value if side else "both"
        rows.append(
            Row(
                key=f"{prefix}i{index}-{side_name}-{number}",
                item=index,
                exercise_id=item.exercise_id,
                set_number=number,
                side=side,
                measure=item.measure,
                target=item.target,
                rest_after=item.rest_seconds if following not in (None, number) else 0,
                side_change_after=SIDE_CHANGE_SECONDS if following == number else 0,
            )
        )
    return rows


@dataclass
class TodayPlan:
    """The session to do today (if any), its rows, and what is logged already."""

    program_id: int
    program: Program
    day: date
    session: Session | None
    status: str  # due, in-progress, done, rest, finished
    next_session: Session | None = None
    logged: dict[str, SetLog] = field(default_factory=dict)

    @property
    def prefix(self) -> str:
        assert self.session is not None
        return session_prefix(self.program_id, self.day, self.session.number)


def plan_today(
    program_id: int, program: Program, day: date, logged_today: Mapping[str, SetLog]
) -> TodayPlan:
    """Which session today is about: one started today, one due today, or the next one."""
    started = {int(m.group(1)) for key in logged_today if (m := KEY_SESSION.match(key))}
    by_number = {s.number: s for s in program.sessions}
    for number in sorted(started):
        if number in by_number:
            session = by_number[number]
            prefix = session_prefix(program_id, day, number)
            logged = {k: v for k, v in logged_today.items() if k.startswith(prefix)}
            status = "done" if session.done_on else "in-progress"
            return TodayPlan(program_id, program, day, session, status, logged=logged)
    scheduled = program.session_on(day)
    if scheduled is not None:
        status = "done" if scheduled.done_on else "due"
        return TodayPlan(program_id, program, day, scheduled, status)
    upcoming = program.next_session(day)
    status = "rest" if upcoming else "finished"
    return TodayPlan(program_id, program, day, None, status, next_session=upcoming)


def session_options(plan: TodayPlan, catalogue: Catalogue) -> tuple[tuple[Item, ...], ...]:
    """Each item's alternatives for today's session, easier first (empty without a session)."""
    if plan.session is None:
        return ()
    return tuple(
        tuple(alternatives(item, plan.session, plan.program, catalogue))
        for item in plan.session.items
    )


def active_items(
    plan: TodayPlan, options: Sequence[Sequence[Item]], swaps: Mapping[int, str]
) -> list[tuple[Item, list[Item]]]:
    """Each item as it will be done today (a swap chosen, or inferred from the logs), with its
    alternatives (``session_options``)."""
    assert plan.session is not None
    result = []
    for index, item in enumerate(plan.session.items):
        chosen = swaps.get(index) or _logged_exercise(plan, index)
        active = next((o for o in options[index] if o.exercise_id == chosen), item)
        result.append((active, list(options[index])))
    return result


def _logged_exercise(plan: TodayPlan, index: int) -> str | None:
    marker = f"{plan.prefix}i{index}-"
    return next(
        (log.exercise_id for key, log in plan.logged.items() if key.startswith(marker)), None
    )


def rows_of(plan: TodayPlan, items: Sequence[Item]) -> list[Row]:
    prefix = plan.prefix
    return [row for index, item in enumerate(items) for row in item_rows(item, index, prefix)]


def item_progress(rows: Sequence[Row], logged: Mapping[str, SetLog]) -> dict[int, tuple[int, int]]:
    """Per item: how many of its sets are logged, of how many."""
    progress: dict[int, tuple[int, int]] = {}
    for row in rows:
        done, total = progress.get(row.item, (0, 0))
        progress[row.item] = (done + (row.key in logged), total + 1)
    return progress


def next_row(rows: Sequence[Row], logged: Mapping[str, SetLog], skipped: set[int]) -> Row | None:
    return next((r for r in rows if r.key not in logged and r.item not in skipped), None)

"""Today's plan list: each item's logged sets, of how many (tracking.today.item_progress)."""

from __future__ import annotations

from datetime import date, datetime

from glutewake.screening.profile import Side
from glutewake.tracking.log import Felt, SetLog
from glutewake.tracking.today import Row, item_progress


def row(key: str, item: int) -> Row:
    return Row(key, item, "glute-bridge", 1, Side.LEFT, "reps", 10, 30, 0)


def logged() -> SetLog:
    return SetLog(
        exercise_id="glute-bridge",
        day=date(2026, 12, 7),
        set_number=1,
        side=Side.LEFT,
        reps=10,
        effort=5,
        felt=[Felt.GLUTES_LEFT],
        pain=0,
        logged_at=datetime(2026, 12, 7, 9),
    )


def test_each_item_counts_its_own_rows_and_only_logged_ones() -> None:
    rows = [row("a1", 0), row("a2", 0), row("b1", 1), row("c1", 2), row("c2", 2), row("c3", 2)]
    progress = item_progress(rows, {"a2": logged(), "c1": logged(), "x": logged()})
    assert progress == {0: (1, 2), 1: (0, 1), 2: (1, 3)}


def test_no_rows_no_items() -> None:
    assert item_progress([], {"a1": logged()}) == {}

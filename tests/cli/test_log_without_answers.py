"""``glutewake log`` without --effort, --felt or --pain: the set is done as planned and stores
no answer (never effort 5 or no pain); what is given is kept and still checked."""

from __future__ import annotations

from datetime import date
from typing import Any

from cli_store import Store

from glutewake.errors import InvalidInputError
from glutewake.weekday import Weekday

TODAY = date.today()
PLAN_TODAY = (
    "plan", "--start", TODAY.isoformat(), "--days", Weekday.of(TODAY).value, "--minutes", "20"
)  # fmt: skip


def first_item(store: Store) -> dict[str, Any]:
    session = store.json("today")["session"]
    item: dict[str, Any] = session["blocks"][0]["items"][0]
    return item


def amount(item: dict[str, Any]) -> list[str]:
    kind = "--hold" if item["measure"] == "hold_seconds" else "--reps"
    side = ["--side", item["side_order"][0] if item["side_order"] else "left"]
    return [kind, str(item["target"]), *(side if item["per_side"] else [])]


def test_a_set_logged_without_answers_stores_none(store: Store) -> None:
    store.screen()
    store.run(*PLAN_TODAY)
    item = first_item(store)
    logged = store.json("log", item["exercise_id"], *amount(item))
    assert (logged["set"]["effort"], logged["set"]["felt"], logged["set"]["pain"]) == (
        None,
        None,
        None,
    )
    again = store.json("log", item["exercise_id"], *amount(item), "--pain", "3")
    assert (again["set"]["effort"], again["set"]["felt"], again["set"]["pain"]) == (None, None, 3)
    stored = store.stored()["logs"]
    assert [(log.effort, log.felt, log.pain) for log in stored] == [
        (None, None, None),
        (None, None, 3),
    ]


def test_a_given_answer_is_still_checked(store: Store) -> None:
    store.screen()
    store.run(*PLAN_TODAY)
    item = first_item(store)
    result = store.run("log", item["exercise_id"], *amount(item), "--effort", "11")
    assert isinstance(result.exception, InvalidInputError)
    assert result.exception.problems[0].field == "--effort"
    assert store.stored()["logs"] == []

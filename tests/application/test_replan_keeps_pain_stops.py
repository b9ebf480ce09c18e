"""A re-plan with other preferences keeps what the pain rule stopped out of the new program."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from fastapi.testclient import TestClient
from flows import GO, cli, take

from glutewake.config import Settings

MAX_PAINFUL_SETS = 3


def planned(minutes: str, *extra: str) -> dict[str, Any]:
    code, output = cli("plan", "--minutes", minutes, "--json", "--yes", *extra)
    assert code == 0, output
    program: dict[str, Any] = json.loads(output)
    return program


def exercises(program: dict[str, Any]) -> set[str]:
    return {
        item["exercise_id"]
        for week in program["weeks"]
        for session in week["sessions"]
        for block in session["blocks"]
        for item in block["items"]
    }


def painful_set(item: dict[str, Any]) -> list[str]:
    amount = "--hold" if item["measure"] == "hold_seconds" else "--reps"
    args = ["log", item["exercise_id"], amount, str(item["target"]), "--effort", "5"]
    args += ["--felt", "glutes-left", "--pain", "7", "--json"]
    if item["side_order"]:
        args += ["--side", item["side_order"][0]]
    return args


def test_a_replan_leaves_out_what_pain_stopped_and_says_why(
    settings: Settings, client: TestClient
) -> None:
    del client
    take(settings, GO)
    longer = exercises(planned("25"))  # what 25 minutes gives when nothing was stopped
    program = planned("20")
    first = program["weeks"][0]["sessions"][0]
    item = next(
        i for block in first["blocks"] for i in block["items"] if i["exercise_id"] in longer
    )
    stops = []
    for _ in range(MAX_PAINFUL_SETS):
        code, output = cli(*painful_set(item))
        assert code == 0, output
        changes = json.loads(output)["changes"]
        stops = [c for c in changes if c["rule"] == "pain" and c["action"] == "stop"]
        if stops:
            break
    assert stops, f"the pain rule never stopped {item['exercise_id']}"

    rebuilt = planned("25")
    assert item["exercise_id"] not in exercises(rebuilt)
    code, output = cli("plan", "--explain")
    assert code == 0, output
    flat = " ".join(output.split())
    today = date.today().isoformat()
    assert f"Left out: {item['name']}, stopped on {today} because pain 7/10" in flat
    # and it stays out at the re-plan after that
    assert item["exercise_id"] not in exercises(planned("30"))

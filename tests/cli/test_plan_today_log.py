"""``plan``, ``today`` and ``log`` as a person meets them (issue 19), on a real SQLite file.

Looking ahead changes nothing; a new program that would drop today's work asks first; a set
is checked against the day's session and the exercise's dose; ``plan --explain`` reads at 80
columns.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from cli_store import Store

from glutewake.errors import ConflictError, InvalidInputError, NotFoundError
from glutewake.weekday import Weekday

TODAY = date.today()
WEEKDAY = Weekday.of(TODAY).value
OTHER_DAY = Weekday.of(TODAY + timedelta(days=1)).value
CLI = [sys.executable, "-c", "from glutewake.cli.app import main; main()"]
ANSWERS = Path(__file__).resolve().parents[2] / "docs" / "examples" / "answers.yaml"
# A program whose one weekly session is today.
PLAN_TODAY = ("plan", "--start", TODAY.isoformat(), "--days", WEEKDAY, "--minutes", "20")


def items_today(store: Store) -> list[dict[str, Any]]:
    session = store.json("today")["session"]
    return [item for block in session["blocks"] for item in block["items"]]


def dose(item: dict[str, Any]) -> list[str]:
    amount = "--hold" if item["measure"] == "hold_seconds" else "--reps"
    side = ["--side", item["side_order"][0] if item["side_order"] else "left"]
    return [amount, str(item["target"]), *(side if item["per_side"] else [])]


def log_args(item: dict[str, Any], *more: str) -> list[str]:
    return [
        "log",
        item["exercise_id"],
        *dose(item),
        "--effort",
        "5",
        "--felt",
        "glutes-left",
        *more,
    ]


def not_in(store: Store, items: list[dict[str, Any]], measure: str) -> str:
    """An exercise of the catalogue, logged in ``measure``, that today's session does not hold
    (nor offers as a swap)."""
    from glutewake.catalogue import default_catalogue

    program = store.stored()["program"]
    planned = {
        i["exercise_id"]
        for w in program["weeks"]
        for s in w["sessions"]
        for b in s["blocks"]
        for i in b["items"]
    }
    for exercise in default_catalogue().exercises:
        if exercise.dose.measure == measure and exercise.id not in planned and exercise.level > 2:
            return exercise.id
    raise AssertionError("no exercise outside the program")


# -- today is a view ----------------------------------------------------------------------------


def test_looking_ahead_stores_nothing_and_says_it_is_a_what_if(store: Store) -> None:
    store.screen()
    assert store.run(*PLAN_TODAY).exit_code == 0
    before = store.stored()
    ahead = TODAY + timedelta(days=60)
    result = store.run("today", "--on", ahead.isoformat())
    assert result.exit_code == 0, result.output
    assert f"If no session is done before {ahead:%a} {ahead.day} {ahead:%b}" in result.output
    assert "sessions missed" in result.output and "session(s)" not in result.output
    assert store.stored() == before  # no change recorded, the program as it was


def test_relative_days_are_understood_and_a_bad_day_names_its_option(store: Store) -> None:
    store.screen()
    store.run(*PLAN_TODAY)
    assert store.run("today", "--on", "tomorrow").exit_code == 0
    result = store.run("today", "--on", "next week")
    assert result.exit_code == 2
    assert "Invalid value for '--on'" in result.output
    assert "nothing was saved" not in result.output


def test_today_shows_what_is_logged_and_what_is_left(store: Store) -> None:
    store.screen()
    store.run(*PLAN_TODAY)
    first = items_today(store)[0]
    assert store.run(*log_args(first)).exit_code == 0
    result = store.run("today")
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "(1 of " in text and "logged)" in text
    assert "log the rest as you do them" in text
    assert len(items_today(store)) > 1  # the rest of the session is still shown


# -- plan asks before it drops today's work -----------------------------------------------------


def test_a_new_program_that_drops_logged_work_today_asks_first(store: Store) -> None:
    store.screen()
    store.run(*PLAN_TODAY)
    store.run(*log_args(items_today(store)[0]))
    before = store.stored()
    result = store.run("plan", "--minutes", "15")  # no terminal to ask in: refused
    assert isinstance(result.exception, ConflictError)
    message = " ".join(str(result.exception).split())
    assert "replaces today's session 1 of your current program" in message
    assert "1 set logged today" in message
    assert "--yes" in result.exception.hint
    assert store.stored()["program_id"] == before["program_id"]
    result = store.run("plan", "--minutes", "15", "--yes")
    assert result.exit_code == 0, result.output
    assert "New program built" in result.output
    assert store.stored()["program_id"] != before["program_id"]
    assert len(store.stored()["logs"]) == 1  # the set stays in the history


def test_a_new_program_without_todays_due_session_asks_first(store: Store) -> None:
    store.screen()
    store.run(*PLAN_TODAY)
    result = store.run("plan", "--days", OTHER_DAY)
    assert isinstance(result.exception, ConflictError)
    assert "the new program has no session today" in " ".join(str(result.exception).split())


def test_a_new_program_that_keeps_a_session_today_asks_nothing(store: Store) -> None:
    store.screen()
    store.run(*PLAN_TODAY)
    result = store.run("plan", "--minutes", "15")
    assert result.exit_code == 0, result.output
    assert "New program built" in result.output


def test_the_same_options_keep_the_program(store: Store) -> None:
    store.screen()
    store.run(*PLAN_TODAY)
    kept = store.stored()["program_id"]
    result = store.run(*PLAN_TODAY)
    assert "Your current program" in result.output
    assert store.stored()["program_id"] == kept


# -- log checks the set -------------------------------------------------------------------------


def test_reps_for_a_hold_and_seconds_for_reps_are_refused(store: Store) -> None:
    store.screen()
    store.run(*PLAN_TODAY)
    items = items_today(store)
    hold = next(i for i in items if i["measure"] == "hold_seconds")
    reps = next(i for i in items if i["measure"] == "reps")
    side = ["--side", "left"]
    result = store.run(
        "log", hold["exercise_id"], "--reps", "12", "--effort", "5", "--felt", "glutes-left", *side
    )
    assert isinstance(result.exception, InvalidInputError)
    assert result.exception.problems[0].field == "--reps"
    assert f"{hold['name'].split(' (')[0]} is a hold" in result.exception.problems[0].message
    result = store.run(
        "log", reps["exercise_id"], "--hold", "12", "--effort", "5", "--felt", "glutes-left", *side
    )
    assert isinstance(result.exception, InvalidInputError)
    assert "is counted in reps: give the reps with --reps" in str(result.exception)
    assert store.stored()["logs"] == []


def test_an_exercise_outside_the_session_needs_extra(store: Store) -> None:
    store.screen()
    store.run(*PLAN_TODAY)
    other = not_in(store, items_today(store), "reps")
    args = ["log", other, "--reps", "10", "--effort", "5", "--felt", "glutes-left"]
    result = store.run(*args)
    assert isinstance(result.exception, ConflictError)
    assert "is not in your session today (session 1:" in " ".join(str(result.exception).split())
    assert "--extra" in result.exception.hint
    assert store.stored()["logs"] == []
    result = store.run(*args, "--extra")
    assert result.exit_code == 0, result.output
    assert "as extra work outside your plan" in result.output
    assert len(store.stored()["logs"]) == 1


def test_a_rest_day_says_so(store: Store) -> None:
    store.screen()
    store.run("plan", "--start", TODAY.isoformat(), "--days", OTHER_DAY)
    item = items_today(store)[0]  # the next session's first exercise
    result = store.run(*log_args(item))
    assert isinstance(result.exception, ConflictError)
    assert "is not in your plan today: it is a rest day" in str(result.exception)
    assert store.run(*log_args(item, "--extra")).exit_code == 0


def test_a_missing_side_and_a_set_beyond_the_session_are_noted(store: Store) -> None:
    store.screen()
    store.run(*PLAN_TODAY)
    one_sided = next(i for i in items_today(store) if i["per_side"])
    amount = dose(one_sided)[:2]
    base = ["log", one_sided["exercise_id"], *amount, "--effort", "5", "--felt", "glutes-left"]
    result = store.run(*base)
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "is done one side at a time: give --side left or --side right" in text
    result = store.run(*base, "--side", "right", "--set", "9")
    text = " ".join(result.output.split())
    assert f"This is set 9; the session asks for {one_sided['sets']} sets" in text
    assert len(store.stored()["logs"]) == 2  # noted, and stored


# -- plan --explain -----------------------------------------------------------------------------


def test_explain_reads_at_80_columns(store: Store) -> None:
    store.screen()
    store.run(*PLAN_TODAY)
    result = store.run("plan", "--explain")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert len(lines) < 250
    assert "Why this program" in result.output
    assert "glutewake plan --explain EXERCISE" in result.output
    program = store.stored()["program"]
    item = program["weeks"][0]["sessions"][0]["blocks"][0]["items"][0]
    assert item["reason"].split(";")[0] not in " ".join(result.output.split())  # summary only


def test_explain_an_exercise_or_all_gives_the_full_reasons(store: Store) -> None:
    store.screen()
    store.run(*PLAN_TODAY)
    program = store.stored()["program"]
    items = [i for s in program["weeks"][0]["sessions"] for b in s["blocks"] for i in b["items"]]
    first = items[0]
    one = store.run("plan", "--explain", first["exercise_id"])
    assert one.exit_code == 0, one.output
    text = " ".join(one.output.split())
    assert f"{first['name']} ({first['exercise_id']})" in text
    assert " ".join(first["reason"].split()) in text
    assert all(f"({i['exercise_id']})" not in text for i in items[1:] if i["name"] != first["name"])
    by_name = store.run("plan", "--explain", first["name"].upper())
    assert by_name.output == one.output
    everything = store.run("plan", "--explain", "all")
    assert all(f"({i['exercise_id']})" in everything.output for i in items)
    assert max(len(line) for line in everything.output.splitlines()) <= 80
    unknown = store.run("plan", "--explain", "moonwalk")
    assert isinstance(unknown.exception, NotFoundError)
    assert first["exercise_id"] in unknown.exception.hint
    alone = store.run("plan", "all")
    assert isinstance(alone.exception, InvalidInputError)
    assert "only taken with --explain" in str(alone.exception)


def test_in_a_terminal_the_question_is_asked_and_no_keeps_the_program(tmp_path: Path) -> None:
    """A real process on a terminal (a pty): the question, then "n" keeps, "y" builds."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GLUTEWAKE_")}
    env |= {"GLUTEWAKE_DATA_DIR": str(tmp_path), "COLUMNS": "100"}

    def glutewake(*args: str, typed: str | None = None) -> tuple[int, str]:
        if typed is None:
            done = subprocess.run([*CLI, *args], env=env, capture_output=True, text=True)
            return done.returncode, done.stdout + done.stderr
        leader, follower = os.openpty()
        process = subprocess.Popen(
            [*CLI, *args], env=env, stdin=follower, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        os.close(follower)
        os.write(leader, typed.encode())
        out, _ = process.communicate(timeout=120)
        os.close(leader)
        return process.returncode, out.decode()

    assert glutewake("screen", "--answers", str(ANSWERS))[0] == 0
    assert glutewake(*PLAN_TODAY)[0] == 0
    first = json.loads(glutewake("today", "--json")[1])["session"]["blocks"][0]["items"][0]
    assert glutewake(*log_args(first))[0] == 0
    code, said = glutewake("plan", "--minutes", "15", typed="n\n")
    assert code == 1, said
    assert "replaces today's session 1" in " ".join(said.split())
    assert "Build the new program? [y/N]" in said
    assert "New program built" not in said
    code, said = glutewake("plan", "--minutes", "15", typed="y\n")
    assert code == 0, said
    assert "New program built" in said

"""The CLI's words pass the same plain-language review as the web app's pages.

Every command a person runs, its results and its errors, at 80 columns: no seeds, objective
points or optimiser, no field paths or snake_case names, no "(s)" plurals or "1 sets", days
by name rather than "mon, wed", and every date of another year carries its year.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from cli_store import Store

from glutewake.screening.profile import Side
from glutewake.weekday import Weekday

TODAY = date.today()
INTERNAL = re.compile(
    r"\bseeds?\b|\bseed 0\d\d|objective|optimi[sz]er|\bstimulus\b|APTEI|docs/|retrieved text"
    r"|\bMVIC\b|\b[a-z]+_[a-z_]+\b|\w\(s\)|\b1 (?:sets|sessions|days|weeks|problems|exercises)\b"
    r"|\b(?:mon|tue|wed|thu|fri|sat|sun), ",
)
MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
# "Mon 7 Dec", "Fri 1 Jan 2027": a date as the CLI writes it, with its year when it has one.
A_DATE = re.compile(rf"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{{1,2}} (?:{MONTHS})\b(?: (\d{{4}}))?")


def review(text: str) -> list[str]:
    """The internal words in ``text``, leaving out the command lines ("$ glutewake ...")."""
    said = "\n".join(line for line in text.splitlines() if not line.startswith("$ "))
    return sorted({match.group(0) for match in INTERNAL.finditer(said)})


def outputs(store: Store, *commands: tuple[str, ...]) -> str:
    found = []
    for args in commands:
        result = store.run(*args)
        error = result.exception
        hint = getattr(error, "hint", "") if not isinstance(error, SystemExit) else ""
        extra = f"{error} {hint}" if error and not isinstance(error, SystemExit) else ""
        found.append(f"$ glutewake {' '.join(args)}\n{result.output}{extra}")
    return "\n".join(found)


def amount(item: dict[str, object]) -> tuple[str, str]:
    return ("--hold" if item["measure"] == "hold_seconds" else "--reps", str(item["target"]))


def session_items(store: Store) -> list[dict[str, object]]:
    session = store.json("today")["session"]
    return [item for block in session["blocks"] for item in block["items"]]


def test_a_program_from_today_reads_plainly(store: Store) -> None:
    store.screen()
    weekday = Weekday.of(TODAY).value
    plan = ("plan", "--start", TODAY.isoformat(), "--days", weekday, "--minutes", "20")
    text = outputs(store, plan, ("plan", "--explain"), ("today",))
    hold = next(i for i in session_items(store) if i["measure"] == "hold_seconds")
    one_sided = next(i for i in session_items(store) if i["per_side"])
    log = ("--effort", "5", "--felt", "glutes-left")
    text += outputs(
        store,
        ("log", str(hold["exercise_id"]), "--hold", "10", *log),
        ("log", str(hold["exercise_id"]), "--reps", "10", *log),
        ("log", str(one_sided["exercise_id"]), *amount(one_sided), *log, "--set", "9"),
        ("log", "clamshell", "--reps", "10", *log),
        ("today",),
        ("plan", "--minutes", "15"),
        ("plan", "--minutes", "0", "--sessions", "9"),
        ("today", "--on", (TODAY + timedelta(days=30)).isoformat()),
        ("screen", "--history"),
        ("exercises", "show", "glute-bridge"),
        ("exercises", "--category", "activation"),
        ("breaks", "report"),
    )
    assert not review(text), "\n".join(review(text)) + "\n\n" + text
    assert re.search(r"\b[23] sets logged today", " ".join(text.split()))


def test_a_program_in_another_year_dates_every_day_with_its_year(store: Store) -> None:
    store.screen()
    start = date(TODAY.year + 1, 12, 20)  # runs into the year after
    text = outputs(
        store,
        ("plan", "--start", start.isoformat(), "--days", "mon,wed,fri"),
        ("plan", "--explain", "all"),
        ("today",),
        ("today", "--on", start.isoformat()),
    )
    assert not review(text), "\n".join(review(text)) + "\n\n" + text
    dates = list(A_DATE.finditer(text))
    assert len(dates) > 10
    undated = [m.group(0) for m in dates if m.group(1) is None]
    assert not undated, f"dates of another year without their year: {undated}"
    assert {int(m.group(1)) for m in dates} == {start.year, start.year + 1}


def test_the_screening_reads_plainly(store: Store) -> None:
    from pathlib import Path

    answers = Path(__file__).resolve().parents[2] / "docs" / "examples" / "answers.yaml"
    text = outputs(
        store,
        ("screen", "--answers", str(answers)),
        ("screen", "--show"),
        ("screen", "--compare"),
        ("clearance", "--by", "Dr X"),
    )
    assert not review(text), "\n".join(review(text)) + "\n\n" + text
    assert Side.LEFT.value in text


def test_the_review_finds_what_it_looks_for() -> None:
    bad = (
        "the seeds suggest 4-5; weekly objective 24483; the exact optimiser chose; "
        "(self_tests.glute_squeeze.left.contraction); 16 session(s) missed; 1 sets logged; "
        "mon, wed, fri"
    )
    assert review(bad) == [
        "1 sets",
        "glute_squeeze",
        "mon, ",
        "n(s)",
        "objective",
        "optimiser",
        "seeds",
        "self_tests",
        "wed, ",
    ]

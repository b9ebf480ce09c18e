"""``glutewake retest``: the self-tests again (red flags first), then before and after."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.markup import escape
from rich.table import Table

from glutewake.cli.output import console, error_console, plural, print_json, say
from glutewake.cli.screen import read_answers_file
from glutewake.cli.screen_view import show_comparison, show_next_step, show_profile
from glutewake.cli.screen_wizard import run_wizard
from glutewake.cli.work import working
from glutewake.errors import FieldProblem, InvalidInputError
from glutewake.screening.compare import Verdict
from glutewake.screening.data import load_screening_data
from glutewake.screening.profile import DISCLAIMER, Gate

if TYPE_CHECKING:
    from glutewake.application.programs import TodayAtStake
    from glutewake.application.retest import Result

VERDICT_WORDS = {
    Verdict.BETTER: "[green]better[/]",
    Verdict.WORSE: "[red]worse[/]",
    Verdict.SAME: "same",
    None: "[dim]not compared[/]",
}


def register(app: typer.Typer) -> None:
    """Add this module's commands to the glutewake app."""
    app.command("retest")(retest)


def result_json(found: Result) -> dict[str, Any]:
    return {
        "before": {"id": found.before.id, "taken_at": found.before.taken_at.isoformat()},
        "after": {"id": found.after.id, "taken_at": found.after.taken_at.isoformat()},
        "tests": [
            {
                "test": change.test_id,
                "side": change.side.value if change.side else None,
                "measures": [
                    {"label": row.label, "before": row.before, "after": row.after}
                    for row in change.measures
                ],
                "points_before": change.points_before,
                "points_after": change.points_after,
                "verdict": change.verdict.value if change.verdict else None,
            }
            for change in found.tests
        ],
        "changes": [c.model_dump(mode="json") for c in found.profile.changes],
        "disclaimer": DISCLAIMER,
    }


def show_result(found: Result, as_json: bool) -> None:
    if as_json:
        print_json(result_json(found))
        return
    table = Table(title="Self-tests, before and after")
    for column in ("test", "side", "answer", "before", "after", "verdict"):
        table.add_column(column)
    for change in found.tests:
        side = change.side.value if change.side else ""
        for number, row in enumerate(change.measures):
            table.add_row(
                escape(change.test_name) if number == 0 else "",
                side if number == 0 else "",
                escape(row.label),
                escape(row.before or "not done"),
                escape(row.after or "not done"),
                VERDICT_WORDS[change.verdict] if number == 0 else "",
            )
    console.print(table)
    show_comparison(found.before, found.after, found.profile, as_json=False)


def _asked(answers_file: Path | None, as_json: bool) -> Any:
    if answers_file is not None:
        return read_answers_file(answers_file)
    return run_wizard(load_screening_data(), error_console if as_json else console, retest=True)


def retest(
    answers_file: Path | None = typer.Option(
        None,
        "--answers",
        help="Take the re-test from a YAML or JSON file with red_flags and self_tests.",
        dir_okay=False,
    ),
    show: bool = typer.Option(False, "--show", help="Show the newest re-test; take none."),
    yes: bool = typer.Option(
        False, "--yes", help="Replace today's session without asking, when the re-plan would."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text."),
) -> None:
    """Re-test: warning signs and the self-tests again, then before and after, side by side."""
    from glutewake.application import retest as retest_
    from glutewake.application import screening

    if show and answers_file is not None:
        problem = FieldProblem("--show and --answers", "choose one of these options")
        raise InvalidInputError("options", [problem])
    if show:
        with working() as work:
            found = retest_.result(work)
        show_result(found, as_json)
        return
    with working() as work:
        retest_.carried_from(work)  # refuse before asking anything
    asked = _asked(answers_file, as_json)
    with working() as work:
        taken = retest_.take(work, asked, replace_today=yes)
    replanned = taken.plan is not None
    if taken.plan is not None and taken.plan.at_stake is not None:
        replanned = _confirm_replan(taken.plan.at_stake, as_json)
        if replanned:
            with working() as work:
                retest_.replan(work)
    with working() as work:
        found = retest_.result(work)
        view = screening.newest(work)
    record = view.record
    if as_json:
        show_result(found, as_json)
        return
    if record.profile.gate is Gate.STOP:  # the warning sign and what to do, nothing else
        show_profile(record.id, record.taken_at, record.profile, load_screening_data())
    else:
        show_result(found, as_json)
    if replanned:
        say("\nYour program was re-planned from this re-test: glutewake plan shows it.")
    else:
        show_next_step(record.profile, view.clearance, view.has_program)


def _confirm_replan(at_stake: TodayAtStake, as_json: bool) -> bool:
    """Ask before the re-plan replaces today's session; without a yes, the program stays."""
    message = (
        f"Re-planning from this re-test replaces today's session {at_stake.current.number}"
        + (
            f" ({plural(at_stake.logged_today, 'set')} logged today)"
            if at_stake.logged_today
            else ""
        )
        + ". Sets already logged stay in your history."
    )
    out = error_console if as_json else console
    out.print(escape(message), highlight=False)
    if sys.stdin.isatty() and typer.confirm("Re-plan now?", default=False, err=as_json):
        return True
    out.print(
        "The re-test is stored; your program was not re-planned. Re-plan when you like: "
        "glutewake plan (with --yes to replace today's session).",
        highlight=False,
    )
    return False

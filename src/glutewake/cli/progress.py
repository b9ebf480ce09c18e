"""``glutewake progress``: sessions done, each glute's share of the work, reps and holds, levels,
pain, and the week in plain words. The figures are ``application.progress``'s (as on the web).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer
from rich.table import Table

from glutewake.cli.output import console, print_json

if TYPE_CHECKING:
    from glutewake.tracking.progress import Count, Progress

BAR_WIDTH = 10


def register(app: typer.Typer) -> None:
    """Add this module's commands to the glutewake app."""
    app.command("progress")(progress)


def progress(
    weeks: int = typer.Option(
        12, "--weeks", help="How many weeks back, this one included (1-104)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print every figure as JSON."),
) -> None:
    """How it is going: sessions, each glute, reps and holds, levels and pain, by week."""
    from glutewake.application import progress as use_case
    from glutewake.cli.work import working

    use_case.check_weeks(weeks)
    with working() as work:
        view = use_case.show(work, weeks)
    if as_json:
        print_json(use_case.as_data(view))
        return
    console.print("[bold]Your week in words[/]")
    for line in view.summary:
        console.print(f"  - {line}", highlight=False)
    if view.progress.sets:
        _weeks_table(view.progress)
        _exercises_table(view.progress)
        _levels_table(view.progress)


def bar(count: Count) -> str:
    """A share as a text bar that reads without colour: "######.... 6 of 10"."""
    if count.percent is None:
        return "-"
    filled = round(BAR_WIDTH * count.percent / 100)
    return f"{'#' * filled}{'.' * (BAR_WIDTH - filled)} {count.hits} of {count.total}"


def _weeks_table(found: Progress) -> None:
    from glutewake.tracking.progress_summary import day_text

    table = Table(title="Week by week (felt in the working glute)", title_justify="left")
    table.add_column("Week of")
    table.add_column("Sessions", justify="right")
    table.add_column("Left glute")
    table.add_column("Right glute")
    table.add_column("Highest pain", justify="right")
    sessions = {w.start: w for w in found.adherence.weeks} if found.adherence else {}
    for glutes, pain in zip(found.glutes, found.pain, strict=True):
        done = sessions.get(glutes.start)
        table.add_row(
            day_text(glutes.start),
            f"{done.done} of {done.planned}" if done else "-",
            bar(glutes.left),
            bar(glutes.right),
            "-" if pain.highest is None else str(pain.highest),
        )
    console.print(table)


def _exercises_table(found: Progress) -> None:
    table = Table(title="Reps and holds (best set each week)", title_justify="left")
    table.add_column("Exercise")
    table.add_column("First", justify="right")
    table.add_column("Latest", justify="right")
    table.add_column("Best", justify="right")
    table.add_column("Sets", justify="right")
    for trend in found.exercises:
        unit = " s" if trend.unit == "s" else ""
        table.add_row(
            trend.name,
            f"{trend.first}{unit}",
            f"{trend.latest}{unit}",
            f"{trend.best}{unit}",
            str(trend.sets),
        )
    console.print(table)


def _levels_table(found: Progress) -> None:
    from glutewake.tracking.progress_summary import group_text, long_day_text

    if not found.levels:
        return
    table = Table(title="Level in each movement (of 5)", title_justify="left")
    table.add_column("Movement")
    table.add_column("Level", justify="right")
    table.add_column("Hardest exercise done")
    for level in found.levels:
        table.add_row(
            group_text(level.group),
            str(level.level),
            f"{level.name} (since {long_day_text(level.since)})",
        )
    console.print(table)

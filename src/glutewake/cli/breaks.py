"""``glutewake breaks``: the desk-break coach in the foreground, its status, a pause, a report."""

from __future__ import annotations

import sys
from datetime import datetime

import typer
from rich.table import Table

from glutewake.cli.output import console, plural, print_json

breaks_app = typer.Typer(
    help="Desk-break coach: prompts a standing glute micro-break when you have sat too long.",
    invoke_without_command=True,
)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the glutewake app."""
    app.add_typer(breaks_app, name="breaks")


@breaks_app.callback()
def breaks(
    ctx: typer.Context,
    interval: int | None = typer.Option(
        None, "--interval", help="Minutes of sitting before a prompt (5-240; default 30)."
    ),
    once: bool = typer.Option(False, "--once", help="Show one demo prompt now, then exit."),
    status: bool = typer.Option(False, "--status", help="Show what the running coach is doing."),
    pause: int | None = typer.Option(
        None, "--pause", min=0, max=24 * 60, help="No prompts for this many minutes; 0 resumes."
    ),
    as_json: bool = typer.Option(False, "--json", help="With --status: print JSON."),
) -> None:
    """Run the coach in the foreground (Ctrl+C stops it), or query or pause the running one."""
    if ctx.invoked_subcommand:
        return
    if status:
        _show_status(as_json)
    elif pause is not None:
        _pause(pause)
    else:
        from glutewake.desktop.start import run

        run(interval, once, sys.stdout, sys.stdin)


def _pause(minutes: int) -> None:
    from glutewake.application import SystemClock, breaks
    from glutewake.config import get_settings

    settings = get_settings()
    until = breaks.pause(settings, SystemClock(), minutes)
    if until is None:
        console.print("Prompts resumed.")
    else:
        console.print(f"No prompts until {until.astimezone():%H:%M}.")
    if not breaks.coach_status(settings).running:
        console.print("The coach is not running; it will apply this when it starts.")


def _local(value: str | None) -> str:
    return f"{datetime.fromisoformat(value).astimezone():%H:%M}" if value else "-"


def _show_status(as_json: bool) -> None:
    from glutewake.application import breaks
    from glutewake.config import get_settings

    found = breaks.coach_status(get_settings())
    data, running = found.last_seen, found.running
    if as_json:
        print_json({"running": running, **(data or {})} if data else {"running": False})
        return
    if data is None:
        console.print("The desk-break coach has not run yet. Start it with `glutewake breaks`.")
        return
    status, rules = data["status"], data["rules"]
    seen = _local(data["updated_at"])
    console.print(f"Coach: {'running' if running else f'not running (last seen {seen})'}")
    console.print(f"Phase: {status['phase']}")
    if status["sitting_minutes"] is not None:
        console.print(f"Sitting for: {status['sitting_minutes']:.0f} min")
    console.print(f"Next prompt: {_local(status['next_prompt_at'])}")
    console.print(f"Prompts today: {status['prompts_today']} of at most {rules['daily_max']}")
    if status["paused_until"]:
        console.print(f"Paused until: {_local(status['paused_until'])}")
    if status["held_back_by"]:
        console.print(f"Held back by: {status['held_back_by']}")
    if paused := data.get("training_paused"):
        console.print(f"Exercises paused: {paused['message']} {paused['hint']}", markup=False)
    console.print(f"Prompts: {data['prompter']}")
    console.print(f"Idle detection: {data['idle']}")


@breaks_app.command("report")
def report(
    days: int = typer.Option(
        7, "--days", min=1, max=366, help="How many days back, today included."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """Sitting bouts, the longest unbroken bout per day, and breaks done, snoozed and skipped."""
    from glutewake.application import breaks
    from glutewake.cli.work import working
    from glutewake.config import get_settings
    from glutewake.reminders.records import Outcome

    with working() as work:
        summaries = breaks.report(work, get_settings().breaks, days).summaries
    if as_json:
        print_json([summary.model_dump(mode="json") for summary in summaries])
        return
    if not summaries:
        console.print(f"No sitting bouts or breaks in the last {plural(days, 'day')}.")
        return
    table = Table("Day", "Bouts", "Sat", "Longest bout", "Done", "Snoozed", "Skipped", "Away")
    for summary in summaries:
        counts = summary.outcomes
        started = summary.longest_bout_started
        longest = f"{summary.longest_bout_minutes:.0f} min" + (
            f" from {started:%H:%M}" if started else ""
        )
        table.add_row(
            f"{summary.day:%a %d %b}",
            str(summary.bouts),
            f"{summary.sitting_minutes / 60:.1f} h",
            longest,
            str(counts[Outcome.DONE]),
            str(counts[Outcome.SNOOZED]),
            str(counts[Outcome.SKIPPED]),
            str(counts[Outcome.AWAY] + counts[Outcome.ASLEEP]),
        )
    console.print(table)

"""``glutewake plan``, ``today`` and ``log``: parse the options, call one use case, print.

The flows themselves live in ``glutewake.application`` (shared with the web app).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

import typer
from rich.table import Table

from glutewake.cli.output import console, print_json
from glutewake.cli.work import working
from glutewake.errors import FieldProblem, InvalidInputError
from glutewake.programming.phases import GateStatus
from glutewake.programming.program import Change, Item, Program, Session
from glutewake.screening.profile import Side
from glutewake.tracking.log import Felt, SetLog

FELT_CHOICES = ", ".join(place.value for place in Felt)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the glutewake app."""
    app.command("plan")(plan)
    app.command("today")(today)
    app.command("log")(log)


# -- plan ------------------------------------------------------------------------------


def _requested(
    minutes: int | None,
    sessions: int | None,
    weeks: int | None,
    equipment: list[str] | None,
    no_floor: bool,
    context: str | None,
    days: str | None,
) -> dict[str, Any]:
    given: dict[str, Any] = {
        "minutes": minutes,
        "sessions_per_week": sessions,
        "weeks": weeks,
        "equipment": equipment,
        "context": context,
        "training_days": [d.strip() for d in days.split(",") if d.strip()] if days else None,
    }
    if no_floor:
        given["can_floor"] = False
    return {key: value for key, value in given.items() if value is not None}


def plan(
    minutes: int | None = typer.Option(None, help="Minutes per session (5-120)."),
    sessions: int | None = typer.Option(None, help="Sessions per week (1-7; default 4)."),
    weeks: int | None = typer.Option(None, help="Program length in weeks (4-6)."),
    equipment: list[str] | None = typer.Option(
        None,
        "--equipment",
        help="Equipment you own; repeat for each (a wall and chair are assumed).",
    ),
    no_floor: bool = typer.Option(False, "--no-floor", help="Only exercises done standing."),
    context: str | None = typer.Option(
        None,
        help="standalone, warm-up-lifting, warm-up-running, daily-mini or desk-breaks.",
    ),
    days: str | None = typer.Option(None, help="Training days, e.g. mon,wed,fri."),
    start: str | None = typer.Option(None, help="First day (YYYY-MM-DD; default today)."),
    new: bool = typer.Option(False, "--new", help="Build a new program even if nothing changed."),
    explain: bool = typer.Option(False, "--explain", help="Show the reason for every choice."),
    as_json: bool = typer.Option(False, "--json", help="Print the program as JSON."),
) -> None:
    """Build your program from your screening and preferences, or show the current one."""
    from glutewake.application import programs
    from glutewake.application import sessions as logging_

    requested = _requested(minutes, sessions, weeks, equipment, no_floor, context, days)
    first_day = _parse_day(start, "start") if start else None
    with working() as work:
        result = programs.plan(work, requested, first_day, rebuild=new)
        logs = [logged.log for logged in logging_.history(work, result.program.start).sets]
        day = work.clock.today()
    if as_json:
        print_json(result.program.model_dump(mode="json"))
        return
    if result.built:
        console.print("[bold]New program built from your latest screening.[/]")
    else:
        console.print(
            "[bold]Your current program[/] (it already fits your screening and these "
            "preferences; change an option, or use --new to build another)."
        )
    _show_program(result.program, explain)
    _show_gates(result.program, logs, day)


def _show_program(program: Program, explain: bool) -> None:
    prefs = program.preferences
    console.print(
        f"{prefs.weeks} weeks, {prefs.sessions_per_week} sessions a week "
        f"({', '.join(d.value for d in prefs.days)}), {prefs.minutes} minutes each, "
        f"from {program.start.isoformat()}."
    )
    if program.clearance is not None:
        console.print(program.clearance.summary(), highlight=False)
        for limit in program.clearance.restrictions:
            console.print(f"  - {limit.label}: left out of the program.", highlight=False)
    if program.professional_advised:
        console.print("[bold red]Please see a physiotherapist or doctor before you carry on.[/]")
    if explain:
        console.print("\n[bold]Why this program[/]")
        for line in program.explanation:
            console.print(f"  - {line}", highlight=False)
    for week in program.weeks:
        table = Table(
            title=f"Week {week.number}: {week.phase.value}",
            caption=week.reason if explain else None,
            show_lines=True,
        )
        for column in ("day", "session", "block", "exercise", "dose", "min"):
            table.add_column(column, overflow="fold")
        if explain:
            table.add_column("why", overflow="fold", ratio=2)
        for session in week.sessions:
            _add_session_rows(table, session, explain)
        console.print(table)


def _add_session_rows(table: Table, session: Session, explain: bool) -> None:
    first = True
    status = f" (done {session.done_on.isoformat()})" if session.done_on else ""
    for block in session.blocks:
        for item in block.items:
            label = f"{block.title}" + (f" {item.pair}" if item.pair else "")
            row = [
                session.day.strftime("%a %d %b") + status if first else "",
                f"{session.variant} {session.estimated_seconds // 60 + 1}/{session.budget_seconds // 60}"
                if first
                else "",
                label,
                item.name,
                item.describe(),
                f"{item.seconds / 60:.1f}",
            ]
            if explain:
                row.append(item.reason)
            table.add_row(*row)
            first = False
    if session.retest is not None:
        row = ["", "", "Re-test (separate)", session.retest.name, session.retest.describe(), ""]
        if explain:
            row.append(session.retest.reason)
        table.add_row(*row)


def _show_gates(program: Program, logs: Sequence[SetLog], day: date) -> None:
    for gate in program.gates:
        status: GateStatus = gate.evaluate(logs, day)
        mark = "[green]met[/]" if status.met else "[yellow]open[/]"
        console.print(f"\n[bold]Gate to {gate.to_phase.value}[/]: {mark}")
        for criterion in status.criteria:
            tick = "[green]met[/] " if criterion.met else "[yellow]open[/]"
            console.print(f"  {tick} {criterion.text} [dim]({criterion.why})[/]", highlight=False)


# -- today -----------------------------------------------------------------------------


def today(
    on: str | None = typer.Option(None, "--on", help="Show this day instead (YYYY-MM-DD)."),
    as_json: bool = typer.Option(False, "--json", help="Print the session as JSON."),
) -> None:
    """Show today's session (after sliding missed sessions), or the next one. Changes nothing."""
    from glutewake.application import programs

    day = _parse_day(on, "on") if on else None
    with working() as work:
        view = programs.today(work, day)
    plan_ = view.plan
    session = plan_.session or plan_.next_session
    if as_json:
        print_json(
            {
                "day": plan_.day.isoformat(),
                "status": plan_.status,
                "session": session.model_dump(mode="json") if session else None,
                "is_today": plan_.session is not None,
                "clearance": plan_.program.clearance.summary() if plan_.program.clearance else None,
                "changes": [c.model_dump(mode="json") for c in view.pending],
            }
        )
        return
    _show_changes(view.pending)
    if plan_.program.clearance is not None:
        console.print(plan_.program.clearance.summary(), highlight=False)
    if session is None:
        console.print("Your program is complete. Screen again to plan the next one.")
        return
    if plan_.status == "done":
        console.print(f"Today's session ({session.number}) is done.")
        return
    if plan_.session is None:
        console.print(f"Rest day. Next session: {session.day.strftime('%A %d %B %Y')}.")
    _show_session(session, plan_.day)


def _show_session(session: Session, day: date) -> None:
    when = "Today" if session.day == day else session.day.strftime("%A")
    console.print(
        f"\n[bold]{when}: week {session.week}, {session.phase.value} phase, session "
        f"{session.variant}[/] (about {session.estimated_seconds // 60 + 1} of "
        f"{session.budget_seconds // 60} minutes)"
    )
    for block in session.blocks:
        console.print(f"\n[bold]{block.title}[/]")
        for item in block.items:
            _show_item(item)
    if session.retest is not None:
        console.print("\n[bold]Re-test, after the session[/]")
        _show_item(session.retest)


def _show_item(item: Item) -> None:
    pair = f"{item.pair} " if item.pair else ""
    console.print(f"  {pair}[bold]{item.name}[/] ({item.exercise_id}): {item.describe()}")
    console.print(f"     cue: {item.cue}", highlight=False)


def _show_changes(changes: Sequence[Change]) -> None:
    for change in changes:
        what = change.exercise_id or "program"
        console.print(
            f"[bold cyan]Change[/] ({change.action}, {what}): {change.reason}", highlight=False
        )


# -- log -------------------------------------------------------------------------------


def log(
    exercise_id: str = typer.Argument(..., metavar="EXERCISE", help="The exercise id."),
    reps: int | None = typer.Option(None, help="Reps done (or steps)."),
    hold: int | None = typer.Option(None, help="Seconds held."),
    effort: int = typer.Option(..., help="How hard it felt, 1-10."),
    felt: list[str] = typer.Option(
        ..., "--felt", help=f"Where you felt it (repeat): {FELT_CHOICES}."
    ),
    pain: int = typer.Option(0, help="Pain during the set, 0-10."),
    side: str | None = typer.Option(None, help="left or right, for one-sided exercises."),
    set_number: int | None = typer.Option(None, "--set", help="Set number (default: the next)."),
    day: str | None = typer.Option(
        None, "--day", help="Day of the set (YYYY-MM-DD; default today)."
    ),
    key: str | None = typer.Option(
        None,
        "--key",
        help="A name for this set, so that running the same command again stores it once "
        "(default: a new one each run).",
    ),
    correct: int | None = typer.Option(
        None, "--correct", help="Correct the logged set with this id instead of adding one."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the set and changes as JSON."),
) -> None:
    """Record one set; the program adapts and any change is shown with its reason."""
    from glutewake.application import sessions

    when = _parse_day(day, "day") if day else None
    with working() as work:
        fields: dict[str, Any] = {
            "exercise_id": exercise_id,
            "day": when or work.clock.today(),
            "side": side,
            "reps": reps,
            "hold_seconds": hold,
            "effort": effort,
            "felt": felt,
            "pain": pain,
        }
        if correct is not None:
            fields["set_number"] = set_number or 1
            corrected = sessions.correct_set(work, correct, fields)
            _print_corrected(corrected.id, corrected.log, corrected.revisions, as_json)
            return
        fields["set_number"] = set_number
        logged = sessions.log_single_set(work, fields, key or f"cli-{uuid.uuid4().hex}")
    if as_json:
        print_json(
            {
                "id": logged.id,
                "set": logged.log.model_dump(mode="json"),
                "changes": [c.model_dump(mode="json") for c in logged.changes],
            }
        )
        return
    name = work.catalogue.get(logged.log.exercise_id).name
    console.print(f"Logged set {logged.log.set_number} of {name} (id {logged.id}).")
    if logged.same_number_before:
        console.print(
            f"A set {logged.log.set_number} was already logged for that day; both are kept. "
            f"To change the earlier one instead, use --correct with its id.",
            highlight=False,
        )
    _show_changes(logged.changes)


def _print_corrected(log_id: int, entry: SetLog, revisions: int, as_json: bool) -> None:
    if as_json:
        print_json({"id": log_id, "set": entry.model_dump(mode="json"), "revisions": revisions})
        return
    console.print(f"Corrected set {log_id}; its earlier version is kept in its history.")


def _side(value: str | None) -> Side | None:
    return Side(value) if value in {s.value for s in Side} else None


def _parse_day(value: str, field: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInputError(
            "date", [FieldProblem(field, f"{value!r} is not a date; write it as YYYY-MM-DD")]
        ) from None

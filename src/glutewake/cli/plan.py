"""``glutewake plan``, ``today`` and ``log``: build, show and adapt the program.

All three work on the latest stored screening and the stored preferences and program.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

import typer
from pydantic import ValidationError
from rich.table import Table

from glutewake.catalogue import default_catalogue
from glutewake.cli.output import console, print_json
from glutewake.errors import FieldProblem, InvalidInputError, NotFoundError
from glutewake.programming.phases import GateStatus
from glutewake.programming.preferences import Preferences
from glutewake.programming.program import Change, Item, Program, Session
from glutewake.screening.profile import Side
from glutewake.tracking.log import Felt, SetLog

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as DbSession

    from glutewake.store.repository import ScreeningRecord


FELT_CHOICES = ", ".join(place.value for place in Felt)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the glutewake app."""
    app.command("plan")(plan)
    app.command("today")(today)
    app.command("log")(log)


@dataclass
class _Context:
    db: DbSession
    person_id: int


@contextmanager
def _store() -> Iterator[_Context]:
    from glutewake.store import open_database
    from glutewake.store import repository as repo

    database = open_database()
    try:
        with database.session() as session:
            yield _Context(session, repo.default_person(session).id)
    finally:
        database.close()


def _screening(ctx: _Context) -> ScreeningRecord:
    from glutewake.store import repository as repo

    record = repo.latest_screening(ctx.db, ctx.person_id)
    if record is None:
        raise NotFoundError(
            "There is no screening yet, so there is nothing to build a program from.",
            hint="Run `glutewake screen` first.",
        )
    return record


def _program(ctx: _Context) -> tuple[int, Program]:
    from glutewake.store import repository as repo

    record = repo.current_program(ctx.db, ctx.person_id)
    if record is None:
        raise NotFoundError("There is no program yet.", hint="Run `glutewake plan` first.")
    return record.id, Program.model_validate(record.program)


def _adapt(ctx: _Context, program_id: int, program: Program, day: date) -> Program:
    """Apply the adaptation rules up to ``day``; store the result and every change."""
    from glutewake.progression.adapt import adapt
    from glutewake.store import repository as repo

    logs = repo.set_logs(ctx.db, ctx.person_id, since=program.start)
    result = adapt(program, logs, day, default_catalogue())
    repo.store_adaptation(ctx.db, ctx.person_id, program_id, result)
    return result.program


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
    from glutewake.programming.builder import build_program
    from glutewake.store import repository as repo

    requested = _requested(minutes, sessions, weeks, equipment, no_floor, context, days)
    today_ = _parse_day(start, "start") if start else date.today()
    with _store() as ctx:
        screening = _screening(ctx)
        stored = repo.current_program(ctx.db, ctx.person_id)
        current = Program.model_validate(stored.program) if stored else None
        rebuild = new or bool(requested) or current is None
        if current is not None and current.screening_id != screening.id:
            rebuild = True
        if rebuild:
            base = repo.get_preferences(ctx.db, ctx.person_id) or {}
            if "training_days" in requested and "sessions_per_week" not in requested:
                base = {k: v for k, v in base.items() if k != "sessions_per_week"}
            preferences = Preferences.parse({**base, **requested})
            cleared = repo.clearance_for(ctx.db, screening.id) is not None
            program = build_program(
                screening.profile, preferences, default_catalogue(), today_, cleared=cleared
            ).model_copy(update={"screening_id": screening.id})
            repo.save_preferences(ctx.db, ctx.person_id, preferences.model_dump(mode="json"))
            repo.save_program(
                ctx.db, ctx.person_id, program.model_dump(mode="json"), datetime.now(UTC)
            )
            note = "New program built from your latest screening."
        else:
            assert stored is not None and current is not None
            program = _adapt(ctx, stored.id, current, date.today())
            note = "Your current program (use options or --new to build another)."
        logs = repo.set_logs(ctx.db, ctx.person_id, since=program.start)
    if as_json:
        print_json(program.model_dump(mode="json"))
        return
    console.print(f"[bold]{note}[/]")
    _show_program(program, explain)
    _show_gates(program, logs, date.today())


def _show_program(program: Program, explain: bool) -> None:
    prefs = program.preferences
    console.print(
        f"{prefs.weeks} weeks, {prefs.sessions_per_week} sessions a week "
        f"({', '.join(d.value for d in prefs.days)}), {prefs.minutes} minutes each, "
        f"from {program.start.isoformat()}."
    )
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
    """Show today's session (after sliding missed sessions), or the next one."""
    day = _parse_day(on, "on") if on else date.today()
    with _store() as ctx:
        program_id, program = _program(ctx)
        before = len(program.changes)
        program = _adapt(ctx, program_id, program, day)
    changes = program.changes[before:]
    session = program.next_session(day)
    if as_json:
        print_json(
            {
                "day": day.isoformat(),
                "session": session.model_dump(mode="json") if session else None,
                "is_today": session is not None and session.day == day,
                "changes": [c.model_dump(mode="json") for c in changes],
            }
        )
        return
    _show_changes(changes)
    if session is None:
        console.print("Your program is complete. Screen again to plan the next one.")
        return
    if session.day != day:
        console.print(f"Rest day. Next session: {session.day.strftime('%A %d %B')}.")
    _show_session(session, day)


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
    as_json: bool = typer.Option(False, "--json", help="Print the set and changes as JSON."),
) -> None:
    """Record one set; the program adapts and any change is shown with its reason."""
    from glutewake.store import repository as repo

    exercise = default_catalogue().get(exercise_id)
    when = _parse_day(day, "day") if day else date.today()
    with _store() as ctx:
        program_id, program = _program(ctx)
        earlier = repo.set_logs(ctx.db, ctx.person_id, since=when)
        same = [
            entry
            for entry in earlier
            if entry.day == when and entry.exercise_id == exercise.id and entry.side == _side(side)
        ]
        number = set_number or len(same) + 1
        entry = _set_log(exercise.id, when, number, side, reps, hold, effort, felt, pain)
        key = f"{when.isoformat()}:{exercise.id}:{side or 'both'}:{number}"
        repo.log_set(ctx.db, ctx.person_id, entry, key)
        before = len(program.changes)
        program = _adapt(ctx, program_id, program, when)
    changes = program.changes[before:]
    if as_json:
        print_json(
            {
                "set": entry.model_dump(mode="json"),
                "changes": [c.model_dump(mode="json") for c in changes],
            }
        )
        return
    console.print(f"Logged set {number} of {exercise.name}.")
    _show_changes(changes)


def _side(value: str | None) -> Side | None:
    return Side(value) if value in {s.value for s in Side} else None


def _set_log(
    exercise_id: str,
    day: date,
    number: int,
    side: str | None,
    reps: int | None,
    hold: int | None,
    effort: int,
    felt: list[str],
    pain: int,
) -> SetLog:
    from glutewake.store.repository import utc_now

    try:
        return SetLog(
            exercise_id=exercise_id,
            day=day,
            set_number=number,
            side=side,
            reps=reps,
            hold_seconds=hold,
            effort=effort,
            felt=felt,
            pain=pain,
            logged_at=utc_now(),
        )
    except ValidationError as error:
        problems = [
            FieldProblem(
                ".".join(str(part) for part in p["loc"]) or "set",
                p["msg"].removeprefix("Value error, "),
            )
            for p in error.errors()
        ]
        raise InvalidInputError("set", problems) from None


def _parse_day(value: str, field: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInputError(
            "date", [FieldProblem(field, f"{value!r} is not a date; write it as YYYY-MM-DD")]
        ) from None

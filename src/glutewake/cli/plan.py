"""``glutewake plan``, ``today`` and ``log``: parse the options, call one use case, print.

The flows themselves live in ``glutewake.application`` (shared with the web app); the words
are in ``cli.plan_view``.
"""

from __future__ import annotations

import sys
import uuid
from datetime import date
from typing import TYPE_CHECKING, Any

import typer

from glutewake.cli.options import (
    FELT_CHOICES,
    LOG_OPTIONS,
    PLAN_OPTIONS,
    in_option_terms,
    parse_day,
    parse_felt,
    parse_side,
)
from glutewake.cli.output import console, day_text, plural, print_json, say
from glutewake.cli.plan_view import (
    show_changes,
    show_gates,
    show_program,
    show_reasons,
    show_session,
)
from glutewake.cli.work import working
from glutewake.errors import ConflictError, FieldProblem, InvalidInputError

if TYPE_CHECKING:
    from glutewake.application.programs import TodayAtStake


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
    which: str | None = typer.Argument(
        None,
        metavar="[EXERCISE|all]",
        help="With --explain: one exercise's full reasons (its id or name), or all of them.",
        show_default=False,
    ),
    minutes: int | None = typer.Option(None, metavar="N", help="Minutes per session (5-120)."),
    sessions: int | None = typer.Option(
        None, metavar="N", help="Sessions per week (1-7; default 4)."
    ),
    weeks: int | None = typer.Option(None, metavar="N", help="Program length in weeks (4-6)."),
    equipment: list[str] | None = typer.Option(
        None,
        "--equipment",
        metavar="NAME",
        help="Equipment you own; repeat for each (a wall and chair are assumed).",
    ),
    no_floor: bool = typer.Option(False, "--no-floor", help="Only exercises done standing."),
    context: str | None = typer.Option(
        None,
        metavar="NAME",
        help="standalone, warm-up-lifting, warm-up-running, daily-mini or desk-breaks.",
    ),
    days: str | None = typer.Option(None, metavar="DAYS", help="Training days, e.g. mon,wed,fri."),
    start: date | None = typer.Option(
        None,
        "--start",
        parser=parse_day,
        metavar="YYYY-MM-DD",
        help="First day (YYYY-MM-DD; default today).",
    ),
    new: bool = typer.Option(False, "--new", help="Build a new program even if nothing changed."),
    yes: bool = typer.Option(
        False, "--yes", help="Replace today's session without asking, when a new program would."
    ),
    explain: bool = typer.Option(
        False, "--explain", help="Why this program: a short reason per week and session."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the program as JSON."),
) -> None:
    """Build your program from your screening and preferences, or show the current one."""
    from glutewake.application import programs
    from glutewake.application import sessions as logging_

    if which is not None and not explain:
        problem = FieldProblem(which[:60], "an exercise to explain is only taken with --explain")
        raise InvalidInputError("options", [problem])
    requested = _requested(minutes, sessions, weeks, equipment, no_floor, context, days)
    with in_option_terms(PLAN_OPTIONS), working() as work:
        result = programs.plan(work, requested, start, rebuild=new, replace_today=yes)
        now = work.clock.today()
    if result.at_stake is not None:
        _confirm_replacing(result.at_stake, now, as_json)
        with in_option_terms(PLAN_OPTIONS), working() as work:
            result = programs.plan(work, requested, start, rebuild=new, replace_today=True)
    with working() as work:
        logs = [logged.log for logged in logging_.history(work, result.program.start).sets]
        day = work.clock.today()
    if as_json:
        print_json(result.program.model_dump(mode="json"))
        return
    if which is not None:
        show_reasons(result.program, day, which)
        return
    if result.built:
        console.print("[bold]New program built from your latest screening.[/]")
    else:
        say(
            "Your current program: it already fits your screening and these preferences "
            "(change an option, or use --new to build another)."
        )
    show_program(result.program, day, explain)
    show_gates(result.program, logs, day)
    if not explain:
        say("\nWhy each choice: glutewake plan --explain. Today's session: glutewake today.")


def _confirm_replacing(at_stake: TodayAtStake, today: date, as_json: bool) -> None:
    """Say what a new program changes today; go on only on a yes (a prompt, or --yes)."""
    current = at_stake.current
    state = {
        "due": "not started yet",
        "in-progress": "started",
        "done": "done",
    }.get(at_stake.status, at_stake.status)
    logged = (
        f", {plural(at_stake.logged_today, 'set')} logged today" if at_stake.logged_today else ""
    )
    if at_stake.replacement is not None:
        after = (
            f"today becomes session {at_stake.replacement.number} of the new program "
            f"({at_stake.replacement.variant}, about "
            f"{-(-at_stake.replacement.estimated_seconds // 60)} minutes)"
        )
    elif at_stake.next_session is not None:
        day = at_stake.next_session.day
        after = f"the new program has no session today; it starts on {day_text(day, today)}"
    else:
        after = "the new program has no session today"
    message = (
        f"A new program replaces today's session {current.number} of your current program "
        f"({state}{logged}): {after}. Sets already logged stay in your history."
    )
    if sys.stdin.isatty() and not as_json:
        say(message)
        if typer.confirm("Build the new program?", default=False):
            return
        raise typer.Exit(1)
    raise ConflictError(
        message + " Nothing was changed.",
        hint="Run the command again with --yes to build the new program, or without the "
        "changed options to keep your current one.",
    )


# -- today -----------------------------------------------------------------------------


def today(
    on: date | None = typer.Option(
        None,
        "--on",
        parser=parse_day,
        metavar="YYYY-MM-DD",
        help="Show this day instead (YYYY-MM-DD).",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the session as JSON."),
) -> None:
    """Show today's session (missed sessions slide forward), or the next one. Changes nothing."""
    from glutewake.application import programs
    from glutewake.application import sessions as logging_

    with working() as work:
        view = programs.today(work, on)
        now = work.clock.today()
        names = {e.id: e.name for e in work.catalogue.exercises}
        day = view.plan.day
        logged = [s.log for s in logging_.history(work, day).sets if s.log.day == day]
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
    if view.pending:
        say(pending_words(day, now))
        show_changes(view.pending, names)
    if plan_.program.clearance is not None:
        say(plan_.program.clearance.summary())
    when = "Today" if day == now else day_text(day, now)
    if session is None:
        say("Your program is complete. Screen again (glutewake screen) to plan the next one.")
        return
    if plan_.session is None:
        say(f"{when}: rest day. Next session: {day_text(session.day, now)}.")
        logged = []
    show_session(session, day, now, logged)
    if plan_.status == "done":
        say(
            f"\nSession {session.number} counts as done once a set of it is logged; log the "
            "rest as you do them."
        )


def pending_words(day: date, now: date) -> str:
    if day > now:
        return f"If no session is done before {day_text(day, now)}, by then:"
    if day < now:
        return f"As it stood on {day_text(day, now)}:"
    return "Not saved yet (your next log stores it):"


# -- log -------------------------------------------------------------------------------


def log(
    exercise_id: str = typer.Argument(..., metavar="EXERCISE", help="The exercise id."),
    reps: int | None = typer.Option(None, metavar="N", help="Reps done (or steps)."),
    hold: int | None = typer.Option(None, metavar="SECONDS", help="Seconds held."),
    effort: int | None = typer.Option(None, metavar="1-10", help="How hard it felt, 1-10."),
    felt: list[str] | None = typer.Option(
        None,
        "--felt",
        parser=parse_felt,
        metavar="PLACE",
        help=f"Where you felt it (repeat): {FELT_CHOICES}.",
    ),
    pain: int | None = typer.Option(None, metavar="0-10", help="Pain during the set, 0-10."),
    side: str | None = typer.Option(
        None,
        "--side",
        parser=parse_side,
        metavar="left|right",
        help="left or right, for one-sided exercises.",
    ),
    set_number: int | None = typer.Option(
        None, "--set", metavar="N", help="Set number (default: the next)."
    ),
    day: date | None = typer.Option(
        None,
        "--day",
        parser=parse_day,
        metavar="YYYY-MM-DD",
        help="Day of the set (YYYY-MM-DD; default today).",
    ),
    extra: bool = typer.Option(
        False, "--extra", help="Log an exercise that is not in the day's session, on purpose."
    ),
    key: str | None = typer.Option(
        None,
        "--key",
        metavar="NAME",
        help="A name for this set, so that running the same command again stores it once "
        "(default: a new one each run).",
    ),
    correct: int | None = typer.Option(
        None,
        "--correct",
        metavar="ID",
        help="Correct the logged set with this id instead of adding one.",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the set and changes as JSON."),
) -> None:
    """Record one set; the program adapts and any change is shown with its reason.

    --effort, --felt and --pain are optional: what you leave out is kept as not answered."""
    from glutewake.application import sessions

    if (reps is None) == (hold is None):
        problem = FieldProblem(
            "--reps, --hold", "give one of them: --reps for reps or steps, --hold for seconds held"
        )
        raise InvalidInputError("set", [problem])
    with in_option_terms(LOG_OPTIONS), working() as work:
        fields: dict[str, Any] = {
            "exercise_id": exercise_id,
            "day": day or work.clock.today(),
            "side": side,
            "reps": reps,
            "hold_seconds": hold,
            "effort": effort,
            "felt": felt or None,  # what is left out was not answered, not "none"
            "pain": pain,
        }
        if correct is not None:
            fields["set_number"] = set_number or 1
            corrected = sessions.correct_set(work, correct, fields, LOG_OPTIONS)
            _print_corrected(
                corrected.id, corrected.log.model_dump(mode="json"), corrected.revisions, as_json
            )
            return
        fields["set_number"] = set_number
        logged = sessions.log_single_set(
            work, fields, key or f"cli-{uuid.uuid4().hex}", LOG_OPTIONS, outside_plan=extra
        )
        names = {e.id: e.name for e in work.catalogue.exercises}
    if as_json:
        print_json(
            {
                "id": logged.id,
                "set": logged.log.model_dump(mode="json"),
                "in_plan": logged.in_plan,
                "notes": list(logged.notes),
                "changes": [c.model_dump(mode="json") for c in logged.changes],
            }
        )
        return
    name = names[logged.log.exercise_id]
    outside = "" if logged.in_plan else ", as extra work outside your plan"
    say(f"Logged set {logged.log.set_number} of {name} (id {logged.id}){outside}.")
    for note in logged.notes:
        say(f"Note: {note}", "", "  ")
    if logged.same_number_before:
        say(
            f"A set {logged.log.set_number} was already logged for that day; both are kept. "
            "To change the earlier one instead, use --correct with its id."
        )
    if logged.changes:
        say("Your program changed:")
        show_changes(logged.changes, names)


def _print_corrected(log_id: int, entry: dict[str, Any], revisions: int, as_json: bool) -> None:
    if as_json:
        print_json({"id": log_id, "set": entry, "revisions": revisions})
        return
    say(f"Corrected set {log_id}; its earlier version is kept in its history.")

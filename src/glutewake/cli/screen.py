"""``glutewake screen`` (wizard, answers file, history, compare) and ``glutewake clearance``.

Each command parses its options, calls one use case of ``glutewake.application.screening``
and prints the result (``cli.screen_view``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape

from glutewake.cli.options import in_option_terms
from glutewake.cli.output import console, error_console, fail, print_json
from glutewake.cli.screen_view import (
    clearance_json,
    record_json,
    show_comparison,
    show_history,
    show_next_step,
    show_profile,
)
from glutewake.cli.screen_wizard import run_wizard
from glutewake.cli.work import working
from glutewake.errors import FieldProblem, GlutewakeError, InvalidInputError
from glutewake.safe_load import DocumentError, load_file
from glutewake.screening.clearance import Restriction
from glutewake.screening.data import load_screening_data

RESTRICTION_CHOICES = ", ".join(r.value for r in Restriction)
CLEARANCE_OPTIONS = {"cleared_by": "--by", "note": "--note", "restrictions": "--limit"}


def register(app: typer.Typer) -> None:
    """Add this module's commands to the glutewake app."""
    app.command("screen")(screen)
    app.command("clearance")(clearance)


@contextmanager
def _exit_2_on_error() -> Iterator[None]:
    try:
        yield
    except GlutewakeError as error:
        fail(error)
        raise typer.Exit(2) from error


# --- reading answers -------------------------------------------------------------------------


def read_answers_file(path: Path) -> Any:
    """The raw mapping in a YAML or JSON answers file (JSON when the name ends in .json)."""
    try:
        return load_file(path)
    except DocumentError as error:
        problem = FieldProblem("--answers", f"{path} {error}")
        raise InvalidInputError("answers file", [problem]) from None


# --- commands ---------------------------------------------------------------------------------


def _store_stop(flag_ids: list[str]) -> None:
    """A red flag raised in the wizard is stored as a stop at once (as the web wizard does),
    so that any program pauses even if the person quits before the end."""
    from glutewake.application import screening

    with working() as work:
        screening.record_red_flags(work, flag_ids)


def _take_screening(answers_file: Path | None, as_json: bool) -> None:
    from glutewake.application import screening

    data = load_screening_data()
    if answers_file is None:
        raw = run_wizard(data, error_console if as_json else console, on_red_flags=_store_stop)
    else:
        raw = read_answers_file(answers_file)
    scored = screening.score(raw)  # raises with every problem before the store is opened
    with working() as work:
        record = screening.store(work, scored)
        has_program = screening.newest(work).has_program
    if as_json:
        print_json(record_json(record, None))
    else:
        show_profile(record.id, record.taken_at, record.profile, data)
        show_next_step(record.profile, None, has_program)


def _show_last(as_json: bool) -> None:
    from glutewake.application import screening

    with working() as work:
        view = screening.newest(work)
    if as_json:
        print_json(record_json(view.record, view.clearance))
        return
    record = view.record
    show_profile(record.id, record.taken_at, record.profile, load_screening_data(), view.clearance)
    show_next_step(record.profile, view.clearance, view.has_program)


def _show_history(as_json: bool) -> None:
    from glutewake.application import screening

    with working() as work:
        records = screening.history(work)
    show_history(records, as_json)


def _show_comparison(ids: list[int], as_json: bool) -> None:
    from glutewake.application import screening

    with in_option_terms({"ids": "--compare"}), working() as work:
        compared = screening.compare(work, ids)
    show_comparison(compared.before, compared.after, compared.comparison, as_json)


def screen(
    answers_file: Path | None = typer.Option(
        None,
        "--answers",
        help="Take the screening from a YAML or JSON answers file (docs/screening.md).",
        dir_okay=False,
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text."),
    show: bool = typer.Option(
        False, "--show", "--last", help="Show your latest stored result; take no screening."
    ),
    history: bool = typer.Option(False, "--history", help="List your stored screenings."),
    compare: bool = typer.Option(
        False, "--compare", help="Compare two screenings by id (default: the last two)."
    ),
    ids: list[int] | None = typer.Argument(
        None,
        metavar="ID",
        help="With --compare: the ids of the two screenings.",
        show_default=False,
    ),
) -> None:
    """Screen for sleepy glutes: questions, guided self-tests and red flags. Not a diagnosis."""
    with _exit_2_on_error():
        chosen = (
            ("--answers", answers_file),
            ("--show", show),
            ("--history", history),
            ("--compare", compare),
        )
        modes = [name for name, given in chosen if given]
        if len(modes) > 1:
            problem = FieldProblem(" and ".join(modes), "choose one of these options")
            raise InvalidInputError("options", [problem])
        if ids and not compare:
            problem = FieldProblem("ID", "screening ids are only taken with --compare")
            raise InvalidInputError("options", [problem])
        if show:
            _show_last(as_json)
        elif history:
            _show_history(as_json)
        elif compare:
            _show_comparison(ids or [], as_json)
        else:
            _take_screening(answers_file, as_json)


def clearance(
    cleared_by: str = typer.Option(..., "--by", help="Who cleared you: name and role."),
    note: str = typer.Option("", "--note", help="What they said (limits, exercises to avoid)."),
    limits: list[str] | None = typer.Option(
        None, "--limit", help=f"A limit they set (repeat): {RESTRICTION_CHOICES}."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text."),
) -> None:
    """Record that a professional cleared you for the latest screening that needs it."""
    from glutewake.application import screening

    with _exit_2_on_error():
        with working() as work:
            view = screening.record_clearance(
                work, cleared_by, note, limits or [], CLEARANCE_OPTIONS
            )
        assert view.clearance is not None
        if as_json:
            print_json(
                {"screening_id": view.record.id, "clearance": clearance_json(view.clearance)}
            )
            return
        console.print(
            f"Recorded: screening {view.record.id} cleared by {escape(view.clearance.cleared_by)} "
            f"on {view.clearance.cleared_on.isoformat()}.",
            highlight=False,
        )
        for limit in view.clearance.restrictions:
            console.print(f"  - {limit.label}: the program leaves these out.", highlight=False)
        console.print("Your program is ready: run `glutewake plan`.", highlight=False)

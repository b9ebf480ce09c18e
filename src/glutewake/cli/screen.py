"""``glutewake screen`` (wizard, answers file, history, compare) and ``glutewake clearance``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from glutewake.cli.output import console, error_console, fail, print_json
from glutewake.errors import (
    FieldProblem,
    GlutewakeError,
    InvalidInputError,
    NotFoundError,
    SafetyGateError,
)
from glutewake.safe_load import DocumentError, load_file
from glutewake.screening.answers import parse_answers
from glutewake.screening.compare import Verdict, compare_profiles
from glutewake.screening.data import load_screening_data
from glutewake.screening.profile import DISCLAIMER, Component, Gate, Profile, Reason
from glutewake.screening.schema import ScreeningData
from glutewake.screening.scoring import COMPONENT_NAMES, build_profile, describe_level
from glutewake.screening.wizard import Step, StepKind, Wizard

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from glutewake.store.repository import ClearanceRecord, ScreeningRecord

GATE_STYLES = {Gate.GO: "green", Gate.CLEARANCE: "yellow", Gate.STOP: "bold red"}
VERDICT_STYLES = {
    Verdict.BETTER: "green",
    Verdict.WORSE: "red",
    Verdict.CHANGED: "yellow",
}
MAX_CLEARED_BY = 200
MAX_NOTE = 2000


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


@contextmanager
def _session() -> Iterator[Session]:
    from glutewake.store import open_database

    database = open_database()
    try:
        with database.session() as session:
            yield session
    finally:
        database.close()


def _when(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M} UTC"


# --- reading answers -------------------------------------------------------------------------


def read_answers_file(path: Path) -> Any:
    """The raw mapping in a YAML or JSON answers file (JSON when the name ends in .json)."""
    try:
        return load_file(path)
    except DocumentError as error:
        raise InvalidInputError("answers file", [FieldProblem(str(path), str(error))]) from None


def _show_step(step: Step, out: Console, last_section: str | None) -> None:
    if step.section != last_section:
        out.rule(f"[bold]{escape(step.section)}[/]")
    if step.kind is StepKind.TEST_INTRO:
        assert step.test is not None
        test = step.test
        lines = [f"[bold]{escape(test.purpose)}[/]", "", "[bold]Steps[/]"]
        lines += [f"  {n}. {escape(s)}" for n, s in enumerate(test.steps, 1)]
        lines += ["", "[bold]What to look for[/]"] + [f"  - {escape(s)}" for s in test.look_for]
        if test.caveats:
            lines += ["", "[dim]Caveats[/]"] + [f"  [dim]- {escape(c)}[/]" for c in test.caveats]
        out.print(Panel("\n".join(lines), title=escape(test.name), expand=False))
        return
    out.print(f"[bold]{escape(step.text)}[/]")
    if step.help:
        out.print(f"  [dim]{escape(step.help)}[/]")
    if step.kind is StepKind.CHOICE:
        assert step.question is not None
        for number, choice in enumerate(step.question.choices, 1):
            out.print(f"  {number}. {escape(choice.label)}")


def _prompt(step: Step) -> str:
    if step.kind is StepKind.TEST_INTRO:
        return "Enter to start, s to skip this test, b to go back: "
    parts = []
    if step.kind is StepKind.YES_NO:
        parts.append("y/n")
    elif step.kind is StepKind.NUMBER and step.question is not None:
        question = step.question
        parts.append(f"{question.min:g}-{question.max:g} {question.unit}".strip())
    if step.default is not None:
        default = step.default
        if isinstance(default, bool):
            default = "y" if default else "n"
        elif step.question is not None and step.kind is StepKind.CHOICE:
            ids = [c.id for c in step.question.choices]
            default = ids.index(str(default)) + 1
        parts.append(f"Enter = {default}")
    elif step.optional:
        parts.append("Enter = leave blank")
    if step.skippable:
        parts.append("s = skip this side" if step.side else "s = skip this test")
    parts.append("b = back")
    return f"[{', '.join(parts)}] > "


def _warn_now(data: ScreeningData, flag_id: str, out: Console) -> None:
    """A red flag's action is shown at once, not only at the end of the questions."""
    flag = data.red_flag(flag_id)
    action = data.red_flags.actions[flag.urgency]
    out.print(f"[bold red]{escape(flag.why)} {escape(action)}[/]")
    out.print("[dim]The remaining questions are still asked; the self-tests will be skipped.[/]")


def run_wizard(data: ScreeningData, out: Console) -> Any:
    """Ask every applicable step; returns the answers mapping once it validates."""
    wizard = Wizard(data)
    out.print(
        "[bold]glutewake screening[/]  Answer each question; [bold]b[/] goes back, "
        "[bold]s[/] skips a self-test (or one side of it), Enter takes the default."
    )
    out.print(f"[dim]{escape(data.red_flags.intro)}[/]")
    last_section: str | None = None
    while True:
        step = wizard.current
        if step is None:
            mapping = wizard.to_mapping()
            try:
                parse_answers(mapping, data)
            except InvalidInputError as error:
                for problem in error.problems:
                    out.print(f"[red]{escape(str(problem))}[/]")
                if wizard.reopen(error.problems[0].field):
                    continue
                raise
            return mapping
        _show_step(step, out, last_section)
        last_section = step.section
        try:
            typed = out.input(escape(_prompt(step)))
        except EOFError:
            raise GlutewakeError(
                "The screening was stopped before the end; nothing was saved.",
                hint="Run `glutewake screen` again, or use --answers FILE.",
            ) from None
        message = wizard.respond(typed)
        if message:
            out.print(f"[red]{escape(message)}[/]")
        elif wizard.state.get(step.key) is True and step.key.startswith("red_flags."):
            _warn_now(data, step.key.removeprefix("red_flags."), out)


# --- showing results -------------------------------------------------------------------------


def _disclaimer(out: Console) -> None:
    out.print(Panel(escape(DISCLAIMER), title="Not a diagnosis", border_style="dim", expand=False))


def _flag_sources(reason: Reason, data: ScreeningData) -> str:
    cites = []
    for answer in reason.answers:
        if answer.startswith("red_flags."):
            flag = data.red_flag(answer.removeprefix("red_flags."))
            cites += [s.url or s.cite for s in flag.sources[:1]]
    return f" [dim](source: {escape('; '.join(cites))})[/]" if cites else ""


def _show_gate(profile: Profile, data: ScreeningData, cleared: ClearanceRecord | None) -> None:
    gate = profile.gate
    lines = [f"[{GATE_STYLES[gate]}]{escape(profile.gate_message)}[/]"]
    if profile.gate_reasons:
        lines.append("")
        lines.append("Why:")
        lines += [f"  - {escape(r.text)}{_flag_sources(r, data)}" for r in profile.gate_reasons]
    if gate is Gate.CLEARANCE:
        lines.append("")
        if cleared:
            lines.append(
                f"[green]Cleared by {escape(cleared.cleared_by)} on {_when(cleared.cleared_at)}.[/]"
            )
        else:
            lines.append(
                "When a professional has cleared you, record it: "
                '[bold]glutewake clearance --by "name, role" --note "..."[/]'
            )
    title = f"Safety gate: {gate.value.upper()}"
    console.print(Panel("\n".join(lines), title=title, border_style=GATE_STYLES[gate]))


def _scores_table(profile: Profile) -> Table:
    table = Table(title="Component scores (0 = no signs, 100 = strong signs)")
    for column in ("component", "left", "right", "score", "reading"):
        table.add_column(column)
    for component, sided in (
        (Component.GLUTE_MAX, profile.glute_max),
        (Component.GLUTE_MED, profile.glute_med),
        (Component.HIP_FLEXORS, profile.hip_flexors),
    ):
        table.add_row(
            COMPONENT_NAMES[component],
            f"{sided.left:g}",
            f"{sided.right:g}",
            f"{sided.worst:g}",
            describe_level(sided.worst),
        )
    for component, score in (
        (Component.PELVIC_TILT, profile.pelvic_tilt),
        (Component.COMPENSATION, profile.compensation_score),
        (Component.SEDENTARY, profile.sedentary),
        (Component.PAIN, profile.pain),
    ):
        table.add_row(COMPONENT_NAMES[component], "", "", f"{score:g}", describe_level(score))
    return table


def _show_reasons(profile: Profile) -> None:
    console.print("[bold]Why (each answer's points)[/]")
    for component in Component:
        reasons = [r for r in profile.reasons if r.component is component and r.weight > 0]
        if reasons:
            console.print(f"  [bold]{COMPONENT_NAMES[component]}[/]")
            for r in reasons:
                answers = ", ".join(r.answers)
                console.print(f"    +{r.weight:g}  {escape(r.text)}  [dim]({escape(answers)})[/]")
    skipped = [r for r in profile.reasons if r.weight == 0]
    if skipped:
        console.print("[bold]Skipped[/]")
        for r in skipped:
            console.print(f"  [dim]- {escape(r.text)}[/]")


def show_profile(
    record_id: int,
    taken_at: datetime,
    profile: Profile,
    data: ScreeningData,
    cleared: ClearanceRecord | None = None,
) -> None:
    console.rule(f"[bold]Screening {record_id}[/]  {_when(taken_at)}")
    _show_gate(profile, data, cleared)
    if profile.gate is Gate.STOP:
        console.print("No program and no further results until this has been checked.")
        _disclaimer(console)
        return
    console.print(
        f"Signs of sleepy glutes: [bold]{profile.band.value.upper()}[/] "
        f"(likelihood {profile.likelihood:g}/100)"
    )
    for r in profile.band_reasons:
        console.print(f"  - {escape(r.text)}")
    console.print(_scores_table(profile))
    pattern = profile.compensation.value
    console.print(
        f"Compensation pattern: [bold]{pattern}[/] (score {profile.compensation_score:g})"
    )
    weaker = profile.weaker_side.value if profile.weaker_side else "neither (sides within 10)"
    console.print(f"Weaker side: [bold]{weaker}[/] (asymmetry {profile.asymmetry:g})")
    _show_reasons(profile)
    _disclaimer(console)


def _record_json(record: ScreeningRecord, cleared: ClearanceRecord | None) -> dict[str, Any]:
    return {
        "id": record.id,
        "taken_at": record.taken_at.isoformat(),
        "profile": record.profile.model_dump(mode="json"),
        "clearance": _clearance_json(cleared),
        "disclaimer": DISCLAIMER,
    }


def _clearance_json(cleared: ClearanceRecord | None) -> dict[str, Any] | None:
    if cleared is None:
        return None
    return {
        "cleared_by": cleared.cleared_by,
        "note": cleared.note,
        "cleared_at": cleared.cleared_at.isoformat(),
    }


# --- commands ---------------------------------------------------------------------------------


def _take_screening(answers_file: Path | None, as_json: bool) -> None:
    from glutewake.store import repository as repo

    data = load_screening_data()
    if answers_file is None:
        raw = run_wizard(data, error_console if as_json else console)
    else:
        raw = read_answers_file(answers_file)
    answers = parse_answers(raw, data)  # raises with every problem; nothing is saved
    profile = build_profile(answers, data)
    taken_at = repo.utc_now()
    with _session() as session:
        person = repo.default_person(session)
        screening_id = repo.save_screening(
            session, person.id, answers.to_mapping(), profile, taken_at
        )
        record = repo.get_screening(session, person.id, screening_id)
    if as_json:
        print_json(_record_json(record, None))
    else:
        show_profile(record.id, record.taken_at, record.profile, data)


def _show_history(as_json: bool) -> None:
    from glutewake.store import repository as repo

    with _session() as session:
        person = repo.default_person(session)
        records = [
            (r, repo.clearance_for(session, r.id)) for r in repo.screenings(session, person.id)
        ]
    if as_json:
        print_json(
            {
                "screenings": [
                    {
                        "id": r.id,
                        "taken_at": r.taken_at.isoformat(),
                        "band": r.profile.band.value,
                        "likelihood": r.profile.likelihood,
                        "gate": r.profile.gate.value,
                        "weaker_side": r.profile.weaker_side,
                        "compensation": r.profile.compensation.value,
                        "clearance": _clearance_json(c),
                    }
                    for r, c in records
                ],
                "disclaimer": DISCLAIMER,
            }
        )
        return
    if not records:
        console.print("No screenings yet. Run [bold]glutewake screen[/] to take one.")
        return
    table = Table(title="Your screenings")
    for column in ("id", "taken", "band", "likelihood", "gate", "weaker side", "pattern"):
        table.add_column(column)
    for r, cleared in records:
        profile = r.profile
        gate = profile.gate.value + (" (cleared)" if cleared else "")
        table.add_row(
            str(r.id),
            _when(r.taken_at),
            profile.band.value,
            f"{profile.likelihood:g}",
            f"[{GATE_STYLES[profile.gate]}]{gate}[/]",
            profile.weaker_side.value if profile.weaker_side else "-",
            profile.compensation.value,
        )
    console.print(table)
    _disclaimer(console)


def _pick_pair(session: Session, person_id: int, ids: list[int]) -> tuple[ScreeningRecord, ...]:
    from glutewake.store import repository as repo

    if ids:
        if len(ids) != 2:
            problem = FieldProblem("ids", f"give two screening ids to compare, got {len(ids)}")
            raise InvalidInputError("comparison", [problem])
        return tuple(repo.get_screening(session, person_id, i) for i in ids)
    records = repo.screenings(session, person_id)
    if len(records) < 2:
        raise NotFoundError(
            f"A comparison needs two screenings; {len(records)} stored.",
            hint="Take another screening with `glutewake screen`.",
        )
    return tuple(records[-2:])


def _cell(value: float | str | None) -> str:
    if value is None:
        return "-"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _show_comparison(ids: list[int], as_json: bool) -> None:
    from glutewake.store import repository as repo

    with _session() as session:
        person = repo.default_person(session)
        before, after = _pick_pair(session, person.id, ids)
    comparison = compare_profiles(before.profile, after.profile)
    if as_json:
        print_json(
            {
                "before": {"id": before.id, "taken_at": before.taken_at.isoformat()},
                "after": {"id": after.id, "taken_at": after.taken_at.isoformat()},
                "changes": [c.model_dump(mode="json") for c in comparison.changes],
                "disclaimer": DISCLAIMER,
            }
        )
        return
    title = (
        f"Screening {before.id} ({_when(before.taken_at)}) -> {after.id} ({_when(after.taken_at)})"
    )
    table = Table(title=title)
    for column in ("what", "before", "after", "change", "verdict"):
        table.add_column(column)
    for change in comparison.changed:
        style = VERDICT_STYLES[change.verdict]
        delta = "" if change.delta is None else f"{change.delta:+g}"
        table.add_row(
            change.label,
            _cell(change.before),
            _cell(change.after),
            delta,
            f"[{style}]{change.verdict.value}[/]",
        )
    if comparison.changed:
        console.print(table)
    unchanged = len(comparison.changes) - len(comparison.changed)
    console.print(f"{unchanged} of {len(comparison.changes)} results did not change.")
    _disclaimer(console)


def screen(
    answers_file: Path | None = typer.Option(
        None,
        "--answers",
        help="Take the screening from a YAML or JSON answers file (docs/screening.md).",
        dir_okay=False,
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text."),
    history: bool = typer.Option(False, "--history", help="List your stored screenings."),
    compare: bool = typer.Option(
        False, "--compare", help="Compare two screenings by id (default: the last two)."
    ),
    ids: list[int] | None = typer.Argument(
        None, help="With --compare: the ids of the two screenings.", show_default=False
    ),
) -> None:
    """Screen for sleepy glutes: questions, guided self-tests and red flags. Not a diagnosis."""
    with _exit_2_on_error():
        chosen = (("--answers", answers_file), ("--history", history), ("--compare", compare))
        modes = [name for name, given in chosen if given]
        if len(modes) > 1:
            problem = FieldProblem(" and ".join(modes), "choose one of these options")
            raise InvalidInputError("options", [problem])
        if ids and not compare:
            problem = FieldProblem("ids", "screening ids are only taken with --compare")
            raise InvalidInputError("options", [problem])
        if history:
            _show_history(as_json)
        elif compare:
            _show_comparison(ids or [], as_json)
        else:
            _take_screening(answers_file, as_json)


def _check_clearance_input(cleared_by: str, note: str) -> None:
    problems = []
    if not cleared_by.strip():
        problems.append(FieldProblem("--by", "say who cleared you (name and role)"))
    elif len(cleared_by) > MAX_CLEARED_BY:
        problems.append(FieldProblem("--by", f"at most {MAX_CLEARED_BY} characters"))
    if len(note) > MAX_NOTE:
        problems.append(FieldProblem("--note", f"at most {MAX_NOTE} characters"))
    if problems:
        raise InvalidInputError("clearance", problems)


def _record_clearance(cleared_by: str, note: str, as_json: bool) -> None:
    from glutewake.store import repository as repo

    _check_clearance_input(cleared_by, note)
    with _session() as session:
        person = repo.default_person(session)
        latest = repo.latest_screening(session, person.id)
        if latest is None:
            raise NotFoundError(
                "There is no screening to clear yet.", hint="Run `glutewake screen` first."
            )
        if latest.profile.gate is Gate.STOP:
            raise SafetyGateError(
                f"Screening {latest.id} found a red flag: a clearance cannot lift it.",
                hint="Seek the medical care it names; once that is dealt with, screen again.",
            )
        if latest.profile.gate is Gate.GO:
            raise GlutewakeError(
                f"Screening {latest.id} does not need a clearance (its gate is go).",
                hint="Nothing to record: you can go ahead.",
            )
        if repo.clearance_for(session, latest.id) is not None:
            raise GlutewakeError(
                f"A clearance for screening {latest.id} is already recorded.",
                hint="See it with `glutewake screen --history`.",
            )
        cleared_at = repo.utc_now()
        repo.record_clearance(
            session, person.id, latest.id, cleared_by.strip(), note.strip(), cleared_at
        )
        cleared = repo.clearance_for(session, latest.id)
    assert cleared is not None
    if as_json:
        print_json({"screening_id": latest.id, "clearance": _clearance_json(cleared)})
        return
    console.print(
        f"Recorded: screening {latest.id} cleared by {escape(cleared.cleared_by)} "
        f"on {_when(cleared.cleared_at)}."
    )


def clearance(
    cleared_by: str = typer.Option(..., "--by", help="Who cleared you: name and role."),
    note: str = typer.Option("", "--note", help="What they said (limits, exercises to avoid)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text."),
) -> None:
    """Record that a professional cleared you for the latest screening that needs it."""
    with _exit_2_on_error():
        _record_clearance(cleared_by, note, as_json)

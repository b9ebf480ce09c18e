"""``glutewake exercises``: browse the catalogue, show one exercise, write its illustration."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape

from glutewake.catalogue import Exercise, Filters, default_catalogue
from glutewake.catalogue.catalogue import study_name, summary
from glutewake.catalogue.loader import load_sources
from glutewake.cli.output import console, plural, print_json, say
from glutewake.errors import FieldProblem, InvalidInputError

exercises_app = typer.Typer(
    help="Browse the exercise catalogue.", invoke_without_command=True, no_args_is_help=False
)


def register(app: typer.Typer) -> None:
    app.add_typer(exercises_app, name="exercises")


@exercises_app.callback()
def list_exercises(
    ctx: typer.Context,
    equipment: str | None = typer.Option(
        None, help="Only exercises that use this equipment ('none' for no equipment)."
    ),
    target: str | None = typer.Option(None, help="Only exercises that work this muscle."),
    position: str | None = typer.Option(None, help="Only exercises in this body position."),
    level: int | None = typer.Option(None, help="Only exercises of this level (1-5)."),
    category: str | None = typer.Option(None, help="Only exercises of this category."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text."),
) -> None:
    """List the exercises, optionally filtered."""
    if ctx.invoked_subcommand is not None:
        return
    filters = Filters.parse(equipment, target, position, level, category)
    chosen = default_catalogue().filter(filters)
    if as_json:
        print_json([summary(e) for e in chosen])
        return
    console.print(
        f"[bold]{plural(len(chosen), 'exercise')}[/] (glutewake exercises show ID for one)"
    )
    for category in dict.fromkeys(e.category for e in chosen):
        console.print(f"\n[bold]{category.value.capitalize()}[/]")
        for exercise in (e for e in chosen if e.category is category):
            row = summary(exercise)
            equipment = ", ".join(row["equipment"]) or "no equipment"
            say(
                f"{row['id']}: {row['name']}, level {row['level']}, {row['position']}, "
                f"{equipment}; {row['dose']}",
                "  ",
                "      ",
            )


def _citation(source_id: str) -> str:
    return load_sources().get(source_id, {}).get("citation", source_id)


def _dose_source(exercise: Exercise) -> str:
    """Where the dose comes from: its number in the sources below, or its citation."""
    source = exercise.dose.source
    if source in exercise.sources:
        return f"source {exercise.sources.index(source) + 1} below"
    return f"source: {_citation(source)}"


def _show_text(exercise: Exercise) -> None:
    console.print(f"[bold]{exercise.name}[/]  ({exercise.id})")
    if exercise.aliases:
        console.print(f"Also called: {', '.join(exercise.aliases)}")
    console.print(exercise.summary)
    console.print(
        f"\n[bold]Category[/] {exercise.category.value}   [bold]Level[/] {exercise.level}   "
        f"[bold]Position[/] {exercise.position.value}   "
        f"[bold]Equipment[/] {', '.join(e.value for e in exercise.equipment) or 'none'}"
    )
    dose = exercise.dose
    console.print(
        f"[bold]Dose[/] {dose.describe()}, tempo {dose.tempo}, rest {dose.rest_seconds} s "
        f"({_dose_source(exercise)})",
        highlight=False,
    )
    targets = ", ".join(f"{t.muscle.value} ({t.role.value})" for t in exercise.targets)
    console.print(f"[bold]Targets[/] {targets}")
    sections = [
        ("Steps", exercise.steps),
        ("Coach tips", exercise.coach_tips),
        (
            "If you feel it in the wrong place",
            [f"{f.fault}: {f.cue}" for f in exercise.common_faults],
        ),
        ("Cautions", exercise.cautions),
        ("Before this", [p.text for p in exercise.prerequisites]),
    ]
    for title, lines in sections:
        if lines:
            console.print(f"\n[bold]{title}[/]")
            for number, line in enumerate(lines, 1):
                console.print(f"  {number}. {line}", highlight=False)
    if exercise.evidence:
        console.print("\n[bold]Evidence (EMG, % of maximum voluntary contraction)[/]")
        for entry in exercise.evidence:
            sd = f" +/- {entry.sd_mvic:g}" if entry.sd_mvic is not None else ""
            console.print(
                f"  {entry.muscle}: {entry.mean_mvic:g}%{sd}  "
                f"[dim]{escape(study_name(entry.study))} [{entry.source_id}][/]",
                highlight=False,
            )
        console.print(
            "  [dim]Studies normalise differently: compare within a study, not across.[/]"
        )
    for kind, ids in (("Easier", exercise.regressions), ("Harder", exercise.progressions)):
        if ids:
            console.print(f"[bold]{kind}[/] {', '.join(ids)}")
    console.print("\n[bold]Sources[/]")
    for number, source in enumerate(exercise.sources, 1):
        console.print(f"  {number}. {_citation(source)}", highlight=False)


def unwritable(option: str, path: Path) -> FieldProblem | None:
    """Why ``path`` cannot take a new file, told by its option, or None."""
    if path.is_dir():
        return FieldProblem(option, f"{path} is a folder; give a file name, e.g. {path / 'x.svg'}")
    if not path.parent.is_dir():
        return FieldProblem(option, f"the folder {path.parent} does not exist; create it first")
    return None


def write(option: str, path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        problem = FieldProblem(option, f"{path} cannot be written: {error.strerror or error}")
        raise InvalidInputError("file", [problem]) from None


@exercises_app.command("show")
def show(
    exercise_id: str = typer.Argument(
        ..., metavar="ID", help="The exercise id, e.g. glute-bridge."
    ),
    svg: Path | None = typer.Option(None, "--svg", help="Write the animated illustration here."),
    strip: Path | None = typer.Option(None, "--strip", help="Write the static print strip here."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text."),
) -> None:
    """Show one exercise: dose, steps, tips, cautions, evidence with citations."""
    exercise = default_catalogue().get(exercise_id)
    targets = {"--svg": svg, "--strip": strip}
    chosen = {option: path for option, path in targets.items() if path is not None}
    problems = [p for option, path in chosen.items() if (p := unwritable(option, path))]
    if problems:
        raise InvalidInputError("file", problems)
    if chosen:
        from glutewake.illustration.render import animated_svg, strip_svg

        drawings = {"--svg": animated_svg, "--strip": strip_svg}
        for option, path in chosen.items():
            write(option, path, drawings[option](exercise))
    if as_json:
        data = exercise.model_dump(mode="json")
        data["source_citations"] = {s: _citation(s) for s in exercise.sources}
        print_json(data)
        return
    _show_text(exercise)
    for written in chosen.values():
        console.print(f"\nWrote {written}", highlight=False)

"""The screening wizard in the terminal: one prompt per question or self-test measure."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel

from glutewake.errors import FieldProblem, GlutewakeError, InvalidInputError
from glutewake.screening.answers import parse_answers
from glutewake.screening.schema import ScreeningData
from glutewake.screening.wizard import Step, StepKind, Wizard


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


def _problems(mapping: dict[str, Any], data: ScreeningData, retest: bool) -> list[FieldProblem]:
    try:
        parse_answers(mapping, data)
    except InvalidInputError as error:
        # a re-test's questionnaire is carried over by the application, not asked here
        return [p for p in error.problems if not (retest and p.field.startswith("questionnaire"))]
    return []


def _raised(wizard: Wizard) -> list[str]:
    return sorted(
        key.removeprefix("red_flags.")
        for key, value in wizard.state.items()
        if key.startswith("red_flags.") and value is True
    )


def run_wizard(
    data: ScreeningData,
    out: Console,
    retest: bool = False,
    on_red_flags: Callable[[list[str]], None] | None = None,
) -> Any:
    """Ask every applicable step; returns the answers mapping once it validates.

    ``on_red_flags`` gets the warning signs answered yes as soon as one is raised (to store
    the stop then, so it holds even if the person quits before the end).

    A re-test asks the red flags and the self-tests only, and returns just those.
    """
    wizard = Wizard(data.model_copy(update={"sections": ()}) if retest else data)
    out.print(
        f"[bold]glutewake {'re-test' if retest else 'screening'}[/]  Answer each question; "
        "[bold]b[/] goes back, [bold]s[/] skips a self-test (or one side of it), Enter takes "
        "the default."
    )
    out.print(f"[dim]{escape(data.red_flags.intro)}[/]")
    last_section: str | None = None
    while True:
        step = wizard.current
        if step is None:
            mapping = wizard.to_mapping()
            problems = _problems(mapping, data, retest)
            if problems:
                for problem in problems:
                    out.print(f"[red]{escape(str(problem))}[/]")
                if wizard.reopen(problems[0].field):
                    continue
                raise InvalidInputError("screening answers", problems)
            if retest:
                del mapping["questionnaire"]
            return mapping
        _show_step(step, out, last_section)
        last_section = step.section
        try:
            typed = out.input(escape(_prompt(step)))
        except EOFError:
            if on_red_flags is not None and _raised(wizard):
                raise GlutewakeError(
                    "The screening was stopped before the end. The warning signs you answered "
                    "yes to are saved: training stays paused.",
                    hint="Seek the care shown above; once that is dealt with, run "
                    "`glutewake screen` again.",
                ) from None
            raise GlutewakeError(
                f"The {'re-test' if retest else 'screening'} was stopped before the end; "
                "nothing was saved.",
                hint=f"Run `glutewake {'retest' if retest else 'screen'}` again, or use "
                "--answers FILE.",
            ) from None
        message = wizard.respond(typed)
        if message:
            out.print(f"[red]{escape(message)}[/]")
        elif wizard.state.get(step.key) is True and step.key.startswith("red_flags."):
            _warn_now(data, step.key.removeprefix("red_flags."), out)
            if on_red_flags is not None:
                on_red_flags(_raised(wizard))

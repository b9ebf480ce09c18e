"""The re-test: "Anything new?" (the warning signs), the self-tests with their timers, then
before and after. The steps are the screening wizard's own pages (``screening_step.html``)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from glutewake.application import Work, programs, retest, screening
from glutewake.errors import FieldProblem, InvalidInputError
from glutewake.screening.data import load_screening_data
from glutewake.screening.profile import Gate
from glutewake.screening.schema import ScreeningData
from glutewake.web.deps import FormFields, WorkDep, form_body
from glutewake.web.errors import rerender_on_invalid
from glutewake.web.pages.screening import render_step, render_stop
from glutewake.web.templating import render
from glutewake.web.wizard import (
    RED_FLAGS,
    FormValues,
    WizardStep,
    answers_from_form,
    applies,
    red_flag_raised,
    step_problems,
    without_step,
)

router = APIRouter(tags=["pages"])
ANYTHING_NEW = (
    "Before the self-tests: has anything new come up since last time? A warning sign means "
    "stopping to get it checked, so each group needs an answer."
)
RETEST_PAGE = {
    "post_to": "/retest",
    "duration": "About 5 minutes in all",
    "finish_label": "See before and after",
}


def retest_steps(data: ScreeningData) -> list[WizardStep]:
    """The warning signs, then each self-test; the questionnaire is carried over."""
    steps = [WizardStep(RED_FLAGS, "Anything new since last time?", ANYTHING_NEW, (RED_FLAGS,))]
    for test in data.self_tests:
        owns = (f"self_tests.{test.id}",)
        steps.append(WizardStep(f"test-{test.id}", test.name, test.purpose, owns, test=test))
    return steps


def _applicable(data: ScreeningData, form: FormValues) -> list[WizardStep]:
    return [step for step in retest_steps(data) if applies(step, form)]


def _render_step(
    request: Request,
    work: Work,
    data: ScreeningData,
    step: WizardStep,
    form: FormValues,
    problems: Sequence[FieldProblem] = (),
) -> HTMLResponse:
    steps = _applicable(data, form)
    return render_step(request, work.catalogue, data, steps, step, form, problems, RETEST_PAGE)


@router.get("/retest", response_class=HTMLResponse)
def retest_start(request: Request, work: WorkDep) -> HTMLResponse:
    retest.carried_from(work)  # no full screening, or a stop on record: the error page says why
    data = load_screening_data()
    return _render_step(request, work, data, retest_steps(data)[0], {})


@router.post(
    "/retest",
    response_class=HTMLResponse,
    openapi_extra=form_body("step", "go", "red_flags", "self_tests.glute_squeeze.left.contraction"),
)
def retest_step(request: Request, work: WorkDep, form: FormFields) -> Response:
    data = load_screening_data()
    steps = retest_steps(data)
    step_id = (form.get("step") or [""])[0]
    step = next((s for s in steps if s.id == step_id), steps[0])
    go = (form.get("go") or ["next"])[0]
    if go == "back":
        earlier = [s for s in _applicable(data, form) if steps.index(s) < steps.index(step)]
        return _render_step(request, work, data, earlier[-1] if earlier else step, form)
    if go == "skip" and step.test is not None:
        form = without_step(form, step)
    else:
        rerender_on_invalid(
            request, lambda problems: _render_step(request, work, data, step, form, problems)
        )
        problems = step_problems(step, form, data)
        if problems:
            raise InvalidInputError("re-test answers", problems)
        if step.is_red_flags and red_flag_raised(form) and go != "continue":
            screening.record_red_flags(work, [f for f in form.get(RED_FLAGS, ()) if f])
            return render_stop(request, data, step, form, post_to="/retest")
    following = [s for s in _applicable(data, form) if steps.index(s) > steps.index(step)]
    if following:
        return _render_step(request, work, data, following[0], form)
    return _finish(request, work, data, form)


def _finish(request: Request, work: Work, data: ScreeningData, form: FormValues) -> Response:
    raw = answers_from_form(form, data)
    asked = {key: raw[key] for key in (RED_FLAGS, "self_tests") if key in raw}

    def back_to_the_step(problems: Sequence[FieldProblem]) -> Response:
        first = next(
            (s for s in _applicable(data, form) if any(s.owns_field(p.field) for p in problems)),
            retest_steps(data)[0],
        )
        return _render_step(request, work, data, first, form, problems)

    rerender_on_invalid(request, back_to_the_step)
    taken = retest.take(work, asked, replace_today=False)
    if taken.record.profile.gate is Gate.STOP:
        return RedirectResponse("/profile", status_code=303)
    if taken.plan is not None and taken.plan.at_stake is not None:
        return render(request, "retest_replan.html", {"at_stake": taken.plan.at_stake})
    return RedirectResponse("/retest/result", status_code=303)


@router.post("/retest/replan", response_class=HTMLResponse, openapi_extra=form_body("go"))
def retest_replan(work: WorkDep, form: FormFields) -> Response:
    """The person's answer to "re-plan now?" when the re-plan replaces today's session."""
    if (form.get("go") or [""])[0] == "replan":
        retest.replan(work)
    return RedirectResponse("/retest/result", status_code=303)


def score_text(value: float | str | None) -> str:
    if value is None:
        return "none"
    return f"{value:g}" if isinstance(value, float | int) else str(value)


@router.get("/retest/result", response_class=HTMLResponse)
def retest_result(request: Request, work: WorkDep) -> HTMLResponse:
    found = retest.result(work)
    current = programs.stored_program(work)
    tests = [(name, list(group)) for name, group in groupby(found.tests, lambda c: c.test_name)]
    return render(
        request,
        "retest_result.html",
        {
            "found": found,
            "tests": tests,
            "changed": found.profile.changed,
            "unchanged": len(found.profile.changes) - len(found.profile.changed),
            "score_text": score_text,
            "replanned": current is not None and current.program.screening_id == found.after.id,
            "has_program": current is not None,
        },
    )

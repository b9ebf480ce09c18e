"""The screening wizard (one page per group of questions or self-test) and the profile page."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from glutewake.application import Work, screening
from glutewake.catalogue import Catalogue
from glutewake.errors import FieldProblem, InvalidInputError
from glutewake.screening.clearance import Restriction
from glutewake.screening.data import load_screening_data
from glutewake.screening.profile import Profile
from glutewake.screening.schema import ScreeningData, SelfTest
from glutewake.screening.scoring import COMPONENT_NAMES, describe_level
from glutewake.web.deps import FormFields, WorkDep, form_body
from glutewake.web.errors import rerender_on_invalid
from glutewake.web.templating import errors_by_field, render
from glutewake.web.wizard import (
    FormValues,
    WizardStep,
    all_problems,
    answers_from_form,
    applies,
    carried,
    red_flag_raised,
    retake_form,
    step_problems,
    test_figure,
    test_timer,
    without_step,
    wizard_steps,
)

router = APIRouter(tags=["pages"])

# The self-tests the camera can measure on the device (static/camera/self_test.js): how, and
# the catalogue exercise whose `camera:` block gives the view, placement and thresholds.
CAMERA_TESTS = {
    "single_leg_stance": ("stance", "single-leg-standing"),
    "bridge": ("bridge", "glute-bridge-hold"),
}
CAMERA_ADVICE = {
    "stance": "Stand on both feet, then lift the other foot: the clock starts when the camera sees "
    "it off the floor and stops when it comes down, or at {seconds} s.",
    "bridge": "Lie on your back with your side to the camera, then lift: the clock runs while your "
    "hips stay within {top:g}° of the line from shoulders to knees.",
}


def camera_self_test(test: SelfTest | None, catalogue: Catalogue) -> dict[str, Any] | None:
    """What the step's "Measure with the camera" panel needs, or None if it has none."""
    if test is None or test.id not in CAMERA_TESTS:
        return None
    kind, exercise_id = CAMERA_TESTS[test.id]
    exercise = catalogue.get(exercise_id) if exercise_id in catalogue else None
    timer = test_timer(test)
    seconds = timer.seconds if timer else 0
    if exercise is None or exercise.camera is None or (kind == "stance" and not seconds):
        return None  # the data changed: no panel rather than one that measures the wrong thing
    advice = CAMERA_ADVICE[kind].format(seconds=seconds, top=exercise.camera.end.value)
    block = exercise.camera.as_json(exercise.dose.measure)
    return {"kind": kind, "block": block, "seconds": seconds, "advice": advice}


def _applicable(data: ScreeningData, form: FormValues) -> list[WizardStep]:
    return [step for step in wizard_steps(data) if applies(step, form)]


def _render_step(
    request: Request,
    catalogue: Catalogue,
    data: ScreeningData,
    step: WizardStep,
    form: FormValues,
    problems: Sequence[FieldProblem] = (),
) -> HTMLResponse:
    steps = _applicable(data, form)
    return render_step(request, catalogue, data, steps, step, form, problems)


def render_step(
    request: Request,
    catalogue: Catalogue,
    data: ScreeningData,
    steps: Sequence[WizardStep],
    step: WizardStep,
    form: FormValues,
    problems: Sequence[FieldProblem] = (),
    page: Mapping[str, str] | None = None,
) -> HTMLResponse:
    """One wizard step of ``steps`` (the screening's, or the re-test's with its ``page`` words)."""
    number = next((i for i, s in enumerate(steps) if s.id == step.id), 0) + 1
    return render(
        request,
        "screening_step.html",
        {
            "data": data,
            "step": step,
            "number": number,
            "count": len(steps),
            "last": number == len(steps),
            "values": form,
            "errors": errors_by_field(problems),
            "hidden": carried(form, step),
            "figure": test_figure(step.test, catalogue) if step.test else None,
            "figure_names": {e.id: e.name for e in catalogue.exercises},
            "camera_test": camera_self_test(step.test, catalogue),
            **(page or {}),
        },
    )


def render_stop(
    request: Request,
    data: ScreeningData,
    step: WizardStep,
    form: FormValues,
    post_to: str = "/screening",
) -> HTMLResponse:
    flags = [data.red_flag(flag_id) for flag_id in form.get("red_flags", ()) if flag_id]
    most_urgent = min(flags, key=lambda flag: flag.urgency.rank)
    return render(
        request,
        "screening_stop.html",
        {
            "flags": flags,
            "action": data.red_flags.actions[most_urgent.urgency],
            "urgency": most_urgent.urgency.value,
            "step": step,
            "hidden": carried(form, step) + [("red_flags", f) for f in form["red_flags"] if f],
            "post_to": post_to,
        },
    )


@router.get("/screening", response_class=HTMLResponse)
def screening_start(request: Request, work: WorkDep) -> HTMLResponse:
    """The first page; a retake starts from the answers given last time."""
    catalogue = work.catalogue
    data = load_screening_data()
    previous = screening.latest(work)
    # Red flags and health-now answers are asked afresh (see retake_form).
    form = retake_form(previous.answers, data) if previous else {}
    return _render_step(request, catalogue, data, wizard_steps(data)[0], form)


@router.post(
    "/screening",
    response_class=HTMLResponse,
    openapi_extra=form_body("step", "go", "red_flags", "questionnaire.sitting_hours"),
)
def screening_step(request: Request, work: WorkDep, form: FormFields) -> Response:
    catalogue = work.catalogue
    data = load_screening_data()
    steps = wizard_steps(data)
    step_id = (form.get("step") or [""])[0]
    step = next((s for s in steps if s.id == step_id), steps[0])
    go = (form.get("go") or ["next"])[0]
    if go == "back":
        earlier = [s for s in _applicable(data, form) if steps.index(s) < steps.index(step)]
        return _render_step(request, catalogue, data, earlier[-1] if earlier else step, form)
    if go == "skip" and step.test is not None:
        form = without_step(form, step)
    else:
        rerender_on_invalid(
            request, lambda problems: _render_step(request, catalogue, data, step, form, problems)
        )
        problems = step_problems(step, form, data)
        if problems:
            raise InvalidInputError("screening answers", problems)
        if step.is_red_flags and red_flag_raised(form) and go != "continue":
            screening.record_red_flags(work, [f for f in form.get("red_flags", ()) if f])
            return render_stop(request, data, step, form)
    following = [s for s in _applicable(data, form) if steps.index(s) > steps.index(step)]
    if following:
        return _render_step(request, catalogue, data, following[0], form)
    return _finish(request, work, data, form)


def _finish(request: Request, work: Work, data: ScreeningData, form: FormValues) -> Response:
    catalogue = work.catalogue
    problems = all_problems(form, data)
    if problems:  # an earlier page was tampered with or went stale: send the person back there
        first = next(
            (s for s in _applicable(data, form) if any(s.owns_field(p.field) for p in problems)),
            wizard_steps(data)[0],
        )
        rerender_on_invalid(
            request,
            lambda found: _render_step(request, catalogue, data, first, form, found),
        )
        raise InvalidInputError("screening answers", problems)
    screening.take(work, answers_from_form(form, data))
    return RedirectResponse("/profile", status_code=303)


def score_rows(profile: Profile) -> list[dict[str, Any]]:
    """Each component's score for the profile page, worst side first for sided ones."""
    rows: list[dict[str, Any]] = []
    sided = (
        ("glute-max", profile.glute_max),
        ("glute-med", profile.glute_med),
        ("hip-flexors", profile.hip_flexors),
    )
    names: Mapping[str, str] = {c.value: name for c, name in COMPONENT_NAMES.items()}
    for key, score in sided:
        rows.append(
            {
                "name": names[key],
                "value": score.worst,
                "detail": f"left {score.left:.0f}, right {score.right:.0f}",
                "level": describe_level(score.worst),
            }
        )
    for key, value in (
        ("pelvic-tilt", profile.pelvic_tilt),
        ("compensation", profile.compensation_score),
        ("sedentary", profile.sedentary),
        ("pain", profile.pain),
    ):
        detail = profile.compensation.value if key == "compensation" and value else ""
        rows.append(
            {"name": names[key], "value": value, "detail": detail, "level": describe_level(value)}
        )
    return rows


def _profile_context(work: Work) -> dict[str, Any]:
    view = screening.newest(work)
    profile = view.record.profile
    reasons: dict[str, list[Any]] = {name: [] for name in COMPONENT_NAMES.values()}
    for reason in profile.reasons:
        label = COMPONENT_NAMES.get(reason.component, "Notes") if reason.component else "Notes"
        reasons.setdefault(label, []).append(reason)
    return {
        "record": view.record,
        "profile": profile,
        "rows": score_rows(profile),
        "reasons": {label: found for label, found in reasons.items() if found},
        "clearance": view.clearance,
        "can_plan": view.can_plan,
        "has_program": view.has_program,
        "restriction_labels": {r.value: r.label for r in Restriction},
    }


@router.get("/profile", response_class=HTMLResponse)
def profile_page(request: Request, work: WorkDep) -> HTMLResponse:
    return render(request, "profile.html", _profile_context(work))


@router.post(
    "/profile/clearance",
    response_class=HTMLResponse,
    openapi_extra=form_body("cleared_by", "note", "restrictions"),
)
def record_clearance(request: Request, work: WorkDep, form: FormFields) -> Response:
    context = _profile_context(work)
    rerender_on_invalid(
        request,
        lambda problems: render(
            request,
            "profile.html",
            {**context, "values": form, "errors": errors_by_field(problems)},
        ),
    )
    screening.record_clearance(
        work,
        (form.get("cleared_by") or [""])[0],
        (form.get("note") or [""])[0],
        form.get("restrictions", []),
    )
    return RedirectResponse("/profile", status_code=303)

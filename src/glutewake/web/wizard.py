"""The screening wizard as web pages: steps grouped from the screening's data, form <-> answers.

One page asks the red flags, one each questionnaire section, one each self-test. Form fields
are named by their answer path (``questionnaire.sitting_hours``,
``self_tests.glute_squeeze.left.contraction``), so the screening's own validation messages
land next to the right field. Earlier pages' answers travel along as hidden fields.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from glutewake.catalogue import Catalogue
from glutewake.errors import FieldProblem, InvalidInputError
from glutewake.screening.answers import measure_path, parse_answers, question_path
from glutewake.screening.profile import Side
from glutewake.screening.schema import AnswerType, Question, ScreeningData, Section, SelfTest

FormValues = Mapping[str, Sequence[str]]
RED_FLAGS = "red_flags"
YES, NO = "yes", "no"
# The catalogue exercise whose stick figure shows each self-test's position.
TEST_FIGURES = {
    "glute_squeeze": "supine-glute-squeeze",
    "single_leg_stance": "single-leg-standing",
    "prone_hip_extension": "prone-hip-extension",
    "thomas_test": "kneeling-hip-flexor-stretch",
    "bridge": "glute-bridge-hold",
    "single_leg_bridge": "single-leg-glute-bridge",
}


@dataclass(frozen=True)
class WizardStep:
    id: str
    title: str
    intro: str
    owns: tuple[str, ...]  # answer-path prefixes this page fills in
    section: Section | None = None
    test: SelfTest | None = None

    @property
    def is_red_flags(self) -> bool:
        return self.id == RED_FLAGS

    def owns_field(self, field: str) -> bool:
        return any(field == prefix or field.startswith(prefix + ".") for prefix in self.owns)


def wizard_steps(data: ScreeningData) -> list[WizardStep]:
    steps = [WizardStep(RED_FLAGS, "Any warning signs?", data.red_flags.intro, (RED_FLAGS,))]
    for section in data.sections:
        owns = tuple(question_path(q.id) for q in section.questions)
        steps.append(
            WizardStep(f"section-{section.id}", section.title, section.intro, owns, section)
        )
    for test in data.self_tests:
        owns = (measure_path(test.id, None),)
        steps.append(WizardStep(f"test-{test.id}", test.name, test.purpose, owns, test=test))
    return steps


def field_names(step: WizardStep) -> list[str]:
    """Every form field name the step's page shows."""
    if step.is_red_flags:
        return [RED_FLAGS]
    if step.section is not None:
        return [question_path(q.id) for q in step.section.questions]
    assert step.test is not None
    return [
        measure_path(step.test.id, side, m.id)
        for side in sides_of(step.test)
        for m in step.test.measures
    ]


def sides_of(test: SelfTest) -> tuple[Side | None, ...]:
    return (Side.LEFT, Side.RIGHT) if test.sided else (None,)


def red_flag_raised(form: FormValues) -> bool:
    return any(value for value in form.get(RED_FLAGS, ()))


def applies(step: WizardStep, form: FormValues) -> bool:
    """Self-tests are not offered once a red flag is raised."""
    return step.test is None or not red_flag_raised(form)


def _first(form: FormValues, name: str) -> str | None:
    values = form.get(name)
    return values[0].strip() if values else None


def _number(text: str) -> Any:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        return text  # the screening's check reports "must be a number, got '...'"
    return value if math.isfinite(value) else text


def form_value(question: Question, form: FormValues, name: str) -> Any:
    """The answer a form field holds, typed for the screening's validation; None if blank."""
    if question.type is AnswerType.MULTI:
        return [v for v in form.get(name, ()) if v] if name in form else None
    text = _first(form, name)
    if not text:
        return None
    if question.type is AnswerType.NUMBER:
        return _number(text)
    if question.type is AnswerType.BOOLEAN:
        return {YES: True, NO: False}.get(text, text)
    return text


def _test_answers(test: SelfTest, form: FormValues) -> dict[str, Any] | None:
    """A self-test's measures by side; a side with every field blank is skipped."""
    by_side: dict[Side | None, dict[str, Any]] = {}
    for side in sides_of(test):
        values = {
            m.id: form_value(m, form, measure_path(test.id, side, m.id)) for m in test.measures
        }
        if any(v is not None for v in values.values()):
            by_side[side] = {k: v for k, v in values.items() if v is not None}
    if not by_side:
        return None
    if None in by_side:
        return by_side[None]
    return {side.value: measures for side, measures in by_side.items() if side}


def answers_from_form(form: FormValues, data: ScreeningData) -> dict[str, Any]:
    """The raw answers mapping (as ``parse_answers`` takes it) from the wizard's fields."""
    answers: dict[str, Any] = {
        "questionnaire": {
            q.id: value
            for q in data.questions
            if (value := form_value(q, form, question_path(q.id))) is not None
        }
    }
    if RED_FLAGS in form:
        answers[RED_FLAGS] = [v for v in form[RED_FLAGS] if v]
    if not red_flag_raised(form):
        tests = {t.id: found for t in data.self_tests if (found := _test_answers(t, form))}
        answers["self_tests"] = tests
    return answers


def _field_text(question: Question, value: Any) -> list[str]:
    if question.type is AnswerType.MULTI:
        return ["", *value]
    if question.type is AnswerType.BOOLEAN:
        return [YES if value else NO]
    if isinstance(value, float) and value.is_integer():
        return [str(int(value))]
    return [str(value)]


def form_from_answers(answers: Mapping[str, Any], data: ScreeningData) -> dict[str, list[str]]:
    """Wizard fields holding stored answers (in the answers-file form), to start from them."""
    form: dict[str, list[str]] = {RED_FLAGS: ["", *answers.get(RED_FLAGS, [])]}
    questionnaire = answers.get("questionnaire", {})
    for question in data.questions:
        if question.id in questionnaire:
            form[question_path(question.id)] = _field_text(question, questionnaire[question.id])
    tests = answers.get("self_tests", {})
    for test in data.self_tests:
        given = tests.get(test.id) or {}
        for side in sides_of(test):
            measures = (given.get(side.value) if side else given) or {}
            for measure in test.measures:
                if measures.get(measure.id) is not None:
                    name = measure_path(test.id, side, measure.id)
                    form[name] = _field_text(measure, measures[measure.id])
    return form


def all_problems(form: FormValues, data: ScreeningData) -> list[FieldProblem]:
    try:
        parse_answers(answers_from_form(form, data), data)
    except InvalidInputError as error:
        return list(error.problems)
    return []


def step_problems(step: WizardStep, form: FormValues, data: ScreeningData) -> list[FieldProblem]:
    """The problems with the fields of this page only (later pages are not answered yet)."""
    return [p for p in all_problems(form, data) if step.owns_field(p.field)]


def without_step(form: FormValues, step: WizardStep) -> dict[str, list[str]]:
    """The form minus this page's fields (for skipping a test or carrying earlier answers)."""
    return {k: list(v) for k, v in form.items() if not step.owns_field(k)}


def carried(form: FormValues, step: WizardStep) -> list[tuple[str, str]]:
    """Hidden (name, value) pairs for every answer that is not on this page."""
    pairs: list[tuple[str, str]] = []
    for name, values in without_step(form, step).items():
        if name.startswith((RED_FLAGS, "questionnaire.", "self_tests.")):
            pairs.extend((name, value) for value in values or [""])
    return pairs


def test_figure(test: SelfTest, catalogue: Catalogue) -> str | None:
    exercise_id = TEST_FIGURES.get(test.id)
    return exercise_id if exercise_id and exercise_id in catalogue else None

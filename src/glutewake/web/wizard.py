"""The screening wizard as web pages: steps grouped from the screening's data, form <-> answers.

One page asks the red flags, one each questionnaire section, one each self-test. Form fields
are named by their answer path (``questionnaire.sitting_hours``,
``self_tests.glute_squeeze.left.contraction``), so the screening's own validation messages
land next to the right field. Earlier pages' answers travel along as hidden fields.

Nothing that matters for safety is answered for the person: no answer is pre-selected, the
red flags are asked in groups that each need a tick (a sign, or "None of these", sent as
``red_flags.none``), and a multi-choice question needs a tick too (its "None of these" sends
an empty value).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from glutewake.catalogue import Catalogue
from glutewake.errors import FieldProblem, InvalidInputError
from glutewake.screening.answers import measure_path, parse_answers, question_path
from glutewake.screening.profile import Component, Side
from glutewake.screening.schema import (
    AnswerType,
    Choice,
    Question,
    RedFlag,
    ScreeningData,
    Section,
    SelfTest,
)

FormValues = Mapping[str, Sequence[str]]
RED_FLAGS = "red_flags"
NONE_OF_GROUP = "red_flags.none"  # the groups of red flags answered "None of these"
YES, NO = "yes", "no"
# How the red flags' categories are asked: in groups a person recognises, not by diagnosis.
FLAG_GROUPS = {
    "cauda equina syndrome": ("nerves", "Feeling, bladder, bowel and legs"),
    "neurological": ("nerves", "Feeling, bladder, bowel and legs"),
    "hip": ("hip", "Your hips"),
    "possible infection": ("infection", "Fever or infection"),
    "possible cancer": ("health", "Your pain and your health"),
    "possible fracture": ("injury", "Injury and the shape of your spine"),
    "possible fracture or other structural problem": (
        "injury",
        "Injury and the shape of your spine",
    ),
}
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
class TestTimer:
    """A self-test's built-in timer: a countdown, or a stopwatch that fills in a measure."""

    seconds: int = 0  # a countdown's length; 0 for a stopwatch
    fills: str = ""  # the measure a stopwatch fills in with the seconds held

    @property
    def kind(self) -> str:
        return "countdown" if self.seconds else "stopwatch"


# The self-tests that are timed, by the numbers in their own steps.
TEST_TIMERS = {
    "single_leg_stance": TestTimer(seconds=30),
    "bridge": TestTimer(fills="hold_seconds"),
    "single_leg_bridge": TestTimer(fills="hold_seconds"),
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


@dataclass(frozen=True)
class FlagGroup:
    id: str
    title: str
    flags: tuple[RedFlag, ...]

    @property
    def field(self) -> str:
        """Where the messages about this group go."""
        return f"{RED_FLAGS}.{self.id}"


def flag_groups(data: ScreeningData) -> list[FlagGroup]:
    """The red flags in the groups the page asks them in, each group in the data's order."""
    found: dict[str, tuple[str, list[RedFlag]]] = {}
    for flag in data.red_flags.flags:
        group_id, title = FLAG_GROUPS.get(
            flag.category, (flag.category.replace(" ", "-"), flag.category.capitalize())
        )
        found.setdefault(group_id, (title, []))[1].append(flag)
    return [FlagGroup(key, title, tuple(flags)) for key, (title, flags) in found.items()]


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
        return [RED_FLAGS, NONE_OF_GROUP]
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
    raised = answers.get(RED_FLAGS, [])
    form: dict[str, list[str]] = {
        RED_FLAGS: ["", *raised],
        NONE_OF_GROUP: [
            g.id for g in flag_groups(data) if not any(f.id in raised for f in g.flags)
        ],
    }
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


def retake_form(answers: Mapping[str, Any], data: ScreeningData) -> dict[str, list[str]]:
    """The fields a retake starts from: the last answers, minus those about health now.

    The red flags, and every question whose answer can call for a professional or adds to
    the pain score, are asked afresh: last month's "no" is not today's.
    """
    form = form_from_answers(answers, data)
    fresh = [question_path(q.id) for q in data.questions if about_health_now(q)]
    return {k: v for k, v in form.items() if k not in (RED_FLAGS, NONE_OF_GROUP, *fresh)}


def about_health_now(question: Question) -> bool:
    answers: tuple[Question | Choice, ...] = (question, *question.choices)
    return any(a.clearance for a in answers) or any(
        p.component is Component.PAIN for a in answers for p in a.points
    )


def _group_problems(form: FormValues, data: ScreeningData) -> list[FieldProblem]:
    """With no sign ticked, each group must say "None of these": silence is not a "no"."""
    if red_flag_raised(form):
        return []
    answered = set(form.get(NONE_OF_GROUP, ()))
    return [
        FieldProblem(group.field, "Tick the signs that apply, or “None of these”.")
        for group in flag_groups(data)
        if group.id not in answered
    ]


def step_problems(step: WizardStep, form: FormValues, data: ScreeningData) -> list[FieldProblem]:
    """The problems with the fields of this page only (later pages are not answered yet)."""
    problems = [
        FieldProblem(p.field, plain_message(p, data))
        for p in all_problems(form, data)
        if step.owns_field(p.field)
    ]
    if step.is_red_flags:
        problems = [p for p in problems if p.field != RED_FLAGS] + _group_problems(form, data)
    return problems


def _question_at(field: str, data: ScreeningData) -> Question | None:
    parts = field.split(".")
    if parts[0] == "questionnaire" and len(parts) == 2:
        return next((q for q in data.questions if q.id == parts[1]), None)
    if parts[0] == "self_tests" and len(parts) in (3, 4):
        test = next((t for t in data.self_tests if t.id == parts[1]), None)
        return next((m for m in test.measures if m.id == parts[-1]), None) if test else None
    return None


def plain_message(problem: FieldProblem, data: ScreeningData) -> str:
    """The screening's check, said to the person at the form rather than to an answers file."""
    question = _question_at(problem.field, data)
    message = problem.message
    if question is None:
        return message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")
    if message.startswith("missing required answer"):
        return {
            AnswerType.NUMBER: "Give a number to go on.",
            AnswerType.MULTI: "Tick the ones that apply, or “None of these”.",
        }.get(question.type, "Choose an answer to go on.")
    if message.startswith("must be a whole number"):
        return "This must be a whole number."
    if message.startswith("must be a number"):
        return "This must be a number, like 7 or 7.5."
    if message.startswith("must be between"):
        unit = f" ({question.unit})" if question.unit else ""
        return f"Give a number between {question.min:g} and {question.max:g}{unit}."
    return message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")


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


def test_timer(test: SelfTest) -> TestTimer | None:
    timer = TEST_TIMERS.get(test.id)
    if timer and timer.fills and all(m.id != timer.fills for m in test.measures):
        return None  # the data changed: no timer rather than one that fills nothing
    return timer


def test_figure(test: SelfTest, catalogue: Catalogue) -> str | None:
    exercise_id = TEST_FIGURES.get(test.id)
    return exercise_id if exercise_id and exercise_id in catalogue else None

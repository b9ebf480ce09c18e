"""The screening as a sequence of prompts with back and skip: pure state, no I/O.

Adapters show ``Wizard.current`` and pass the typed text to ``Wizard.respond``. Typing ``b``
goes back, ``s`` skips (a self-test, or one side of a sided test), Enter takes the default.
Red flags come first; once one is answered "yes" the self-tests are not offered. Each choice
of a multi-choice question, and each side of a sided test, is asked on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from glutewake.errors import InvalidInputError
from glutewake.screening.answers import (
    Value,
    check_across_fields,
    check_answer,
    measure_path,
    question_path,
)
from glutewake.screening.profile import Side
from glutewake.screening.schema import AnswerType, Question, ScreeningData, SelfTest

BACK = "b"
SKIP = "s"
_SKIPPED = "skipped"  # the state of a step that was skipped
YES = ("y", "yes")
NO = ("n", "no")


def _sentence(message: str) -> str:
    return message[0].upper() + message[1:] + "."


class StepKind(StrEnum):
    YES_NO = "yes-no"
    NUMBER = "number"
    CHOICE = "choice"
    TEST_INTRO = "test-intro"  # shows a self-test's steps; Enter starts it, s skips it


@dataclass(frozen=True)
class Step:
    key: str  # the answer path this step fills in
    kind: StepKind
    section: str  # the heading it belongs to
    text: str
    help: str = ""
    question: Question | None = None  # the question or measure, for checking the answer
    default: Value | None = None
    optional: bool = False  # Enter leaves it blank
    test: SelfTest | None = None
    side: Side | None = None

    @property
    def skippable(self) -> bool:
        return self.test is not None


def _yes_no(key: str, section: str, text: str, help_text: str = "", **kw: Any) -> Step:
    return Step(key, StepKind.YES_NO, section, text, help_text, default=False, **kw)


def _question_steps(question: Question, section: str, path: str, **kw: Any) -> list[Step]:
    if question.type is AnswerType.MULTI:
        heading = f"{section} - {question.text}"
        return [
            _yes_no(f"{path}.{choice.id}", heading, choice.label, choice.help, **kw)
            for choice in question.choices
        ]
    kind = {
        AnswerType.NUMBER: StepKind.NUMBER,
        AnswerType.BOOLEAN: StepKind.YES_NO,
        AnswerType.CHOICE: StepKind.CHOICE,
    }[question.type]
    default = question.default
    if default is None and question.type is AnswerType.BOOLEAN:
        default = False
    optional = not question.required
    return [
        Step(path, kind, section, question.text, question.help, question, default, optional, **kw)
    ]


def _test_steps(test: SelfTest) -> list[Step]:
    steps = [
        Step(measure_path(test.id, None), StepKind.TEST_INTRO, test.name, test.purpose, test=test)
    ]
    for side in (Side.LEFT, Side.RIGHT) if test.sided else (None,):
        section = f"{test.name} - {side.value.upper()} side" if side else test.name
        for measure in test.measures:
            path = measure_path(test.id, side, measure.id)
            steps.extend(_question_steps(measure, section, path, test=test, side=side))
    return steps


def build_steps(data: ScreeningData) -> list[Step]:
    steps = [
        _yes_no(f"red_flags.{flag.id}", "Safety first", flag.text, flag.help)
        for flag in data.red_flags.flags
    ]
    for section in data.sections:
        for question in section.questions:
            steps.extend(_question_steps(question, section.title, question_path(question.id)))
    for test in data.self_tests:
        steps.extend(_test_steps(test))
    return steps


class Wizard:
    """Where the person is in the screening, and what they answered so far."""

    def __init__(self, data: ScreeningData) -> None:
        self.data = data
        self.steps = build_steps(data)
        self.state: dict[str, Any] = {}
        self._history: list[int] = []
        self._index: int | None = self._next_from(0)
        self._resume_at_end = False  # after a reopen, go on where the person left off

    @property
    def current(self) -> Step | None:
        """The step to ask now; None once every applicable step is answered."""
        return None if self._index is None else self.steps[self._index]

    @property
    def red_flag_raised(self) -> bool:
        return any(self.state.get(f"red_flags.{f.id}") is True for f in self.data.red_flags.flags)

    def _applies(self, index: int) -> bool:
        step = self.steps[index]
        if step.test is None:
            return True
        if self.red_flag_raised:
            return False
        if step.kind is StepKind.TEST_INTRO:
            return True
        if self.state.get(measure_path(step.test.id, None)) == _SKIPPED:
            return False
        # "s" on any measure skips the rest of that side
        return not any(
            self.state.get(earlier.key) == _SKIPPED
            for earlier in self.steps[:index]
            if earlier.test is step.test and earlier.side is step.side
        )

    def _next_from(self, start: int) -> int | None:
        return next((i for i in range(start, len(self.steps)) if self._applies(i)), None)

    def _advance(self, value: Any) -> None:
        assert self._index is not None
        self.state[self.steps[self._index].key] = value
        self._history.append(self._index)
        if self._resume_at_end:
            self._resume_at_end = False
            unanswered = (i for i, s in enumerate(self.steps) if s.key not in self.state)
            self._index = next((i for i in unanswered if self._applies(i)), None)
        else:
            self._index = self._next_from(self._index + 1)

    def respond(self, text: str) -> str | None:
        """Take the typed text for the current step; return a message if it was not accepted."""
        step = self.current
        if step is None:
            return "The screening is complete."
        typed = text.strip()
        if typed.lower() == BACK:
            if not self._history:
                return "This is the first question."
            self._index = self._history.pop()
            return None
        if typed.lower() == SKIP:
            if not step.skippable:
                return "This answer is needed. Press Enter for the default, if one is shown."
            self._advance(_SKIPPED)
            return None
        if step.kind is StepKind.TEST_INTRO:
            self._advance("started")
            return None
        try:
            value = self._parse(step, typed)
        except ValueError as error:
            return str(error)
        self._advance(value)
        return None

    def _parse(self, step: Step, typed: str) -> Any:
        if not typed:
            if step.default is not None:
                return step.default
            if step.optional:
                return None
            raise ValueError("Please type an answer.")
        if step.kind is StepKind.YES_NO:
            if typed.lower() in YES + NO:
                return typed.lower() in YES
            raise ValueError("Please answer y or n.")
        assert step.question is not None
        if step.kind is StepKind.CHOICE:
            return self._choice(step.question, typed)
        try:
            number = float(typed.replace(",", "."))
        except ValueError:
            raise ValueError(f"Please type a number, not {typed!r}.") from None
        if number.is_integer():
            number = int(number)
        try:
            value = check_answer(step.question, number, step.key)
        except InvalidInputError as error:
            raise ValueError(_sentence(error.problems[0].message)) from None
        answered = {k.removeprefix("questionnaire."): v for k, v in self.state.items()}
        answered[step.key.removeprefix("questionnaire.")] = value
        clash = [p for p in check_across_fields(answered) if p.field == step.key]
        if clash:
            raise ValueError(_sentence(clash[0].message))
        return value

    @staticmethod
    def _choice(question: Question, typed: str) -> str:
        ids = [c.id for c in question.choices]
        if typed.isascii() and typed.isdigit() and 1 <= int(typed) <= len(ids):
            return ids[int(typed) - 1]
        if typed in ids:
            return typed
        raise ValueError(f"Please choose a number from 1 to {len(ids)}.")

    def reopen(self, field: str) -> bool:
        """Go back to the step for a field a later check rejected; False if there is none."""
        index = next((i for i, s in enumerate(self.steps) if s.key == field), None)
        if index is None:
            return False
        self._history = [i for i in self._history if i < index]
        self._index = index
        self._resume_at_end = True
        return True

    def to_mapping(self) -> dict[str, Any]:
        """The answers so far, in the answers-file form (ready for ``parse_answers``)."""
        red_flags = [f.id for f in self.data.red_flags.flags if self.state.get(f"red_flags.{f.id}")]
        questionnaire = {
            q.id: self._question_value(q, question_path(q.id)) for q in self.data.questions
        }
        tests: dict[str, Any] = {}
        for test in self.data.self_tests:
            sides = {side: self._measures(test, side) for side in self._sides(test)}
            done = {side: m for side, m in sides.items() if m is not None}
            if done:
                tests[test.id] = done.get(None) or {s.value: m for s, m in done.items() if s}
        return {"red_flags": red_flags, "questionnaire": questionnaire, "self_tests": tests}

    @staticmethod
    def _sides(test: SelfTest) -> tuple[Side | None, ...]:
        return (Side.LEFT, Side.RIGHT) if test.sided else (None,)

    def _question_value(self, question: Question, path: str) -> Any:
        if question.type is AnswerType.MULTI:
            return [c.id for c in question.choices if self.state.get(f"{path}.{c.id}")]
        return self.state.get(path)

    def _measures(self, test: SelfTest, side: Side | None) -> dict[str, Any] | None:
        if self.red_flag_raised or self.state.get(measure_path(test.id, None)) != "started":
            return None
        values = {
            m.id: self._question_value(m, measure_path(test.id, side, m.id)) for m in test.measures
        }
        if _SKIPPED in values.values() or all(v is None for v in values.values()):
            return None
        return {k: v for k, v in values.items() if v is not None}

"""Parse and validate a person's screening answers, collecting every problem by field.

The answers mapping has three parts (docs/screening.md gives the schema and an example):

- ``red_flags``: a list of the red-flag ids that apply (``[]`` for none), required;
- ``questionnaire``: one value per question id, all required;
- ``self_tests``: per self-test id, the measures per side (``left``/``right``) for sided
  tests or directly for the others; a test or side that is left out or ``null`` is skipped.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from glutewake.errors import FieldProblem, InvalidInputError
from glutewake.screening.data import load_screening_data
from glutewake.screening.profile import Side
from glutewake.screening.schema import AnswerType, Question, ScreeningData, SelfTest

Value = bool | int | float | str | tuple[str, ...]
Measures = Mapping[str, Value]

TOP_LEVEL = ("red_flags", "questionnaire", "self_tests")
SIDES = tuple(side.value for side in Side)


def question_path(question_id: str) -> str:
    return f"questionnaire.{question_id}"


def measure_path(test_id: str, side: Side | None, measure_id: str = "") -> str:
    parts = ["self_tests", test_id, side.value if side else "", measure_id]
    return ".".join(part for part in parts if part)


@dataclass(frozen=True)
class Answers:
    """Validated answers. Self-test sides that were skipped are absent."""

    red_flags: tuple[str, ...]
    questionnaire: Mapping[str, Value]
    self_tests: Mapping[str, Mapping[Side | None, Measures]] = field(default_factory=dict)

    def measures(self, test_id: str, side: Side | None) -> Measures | None:
        """One side's measures (side None for tests that are not sided); None if skipped."""
        return self.self_tests.get(test_id, {}).get(side)

    def to_mapping(self) -> dict[str, Any]:
        """The answers in the file form, JSON-ready (what the store keeps)."""
        tests: dict[str, Any] = {}
        for test_id, sides in self.self_tests.items():
            if None in sides:
                tests[test_id] = _plain(sides[None])
            else:
                tests[test_id] = {side.value: _plain(m) for side, m in sides.items() if side}
        return {
            "red_flags": list(self.red_flags),
            "questionnaire": _plain(self.questionnaire),
            "self_tests": tests,
        }


def _plain(measures: Measures) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in measures.items()}


class _Collector:
    def __init__(self) -> None:
        self.problems: list[FieldProblem] = []

    def add(self, path: str, message: str) -> None:
        self.problems.append(FieldProblem(path, message))


def _type_name(value: object) -> str:
    return "null" if value is None else type(value).__name__


def _parse_number(question: Question, value: object, path: str, out: _Collector) -> Value | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        out.add(path, f"must be a number, got {value!r}")
        return None
    if question.integer and not float(value).is_integer():
        out.add(path, f"must be a whole number, got {value!r}")
        return None
    assert question.min is not None and question.max is not None  # the schema ensures it
    if not question.min <= value <= question.max:
        unit = f" {question.unit}" if question.unit else ""
        out.add(path, f"must be between {question.min:g} and {question.max:g}{unit}, got {value!r}")
        return None
    return int(value) if question.integer else float(value)


def _parse_multi(question: Question, value: object, path: str, out: _Collector) -> Value | None:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        out.add(path, f"must be a list of choice ids ([] for none), got {_type_name(value)}")
        return None
    valid = [c.id for c in question.choices]
    unknown = [v for v in value if v not in valid]
    if unknown:
        out.add(path, f"unknown choice(s) {', '.join(unknown)}; valid: {', '.join(valid)}")
        return None
    if len(set(value)) != len(value):
        out.add(path, "lists a choice twice")
        return None
    return tuple(v for v in valid if v in value)


def _parse_value(question: Question, value: object, path: str, out: _Collector) -> Value | None:
    if question.type is AnswerType.NUMBER:
        return _parse_number(question, value, path, out)
    if question.type is AnswerType.BOOLEAN:
        if isinstance(value, bool):
            return value
        out.add(path, f"must be true or false, got {value!r}")
        return None
    if question.type is AnswerType.MULTI:
        return _parse_multi(question, value, path, out)
    valid = [c.id for c in question.choices]
    if isinstance(value, str) and value in valid:
        return value
    out.add(path, f"must be one of {', '.join(valid)}, got {value!r}")
    return None


def check_answer(question: Question, value: object, path: str) -> Value:
    """One answer checked against its question (the wizard's per-prompt check)."""
    out = _Collector()
    checked = _parse_value(question, value, path, out)
    if checked is None:
        raise InvalidInputError("answer", out.problems)
    return checked


def _parse_fields(
    questions: tuple[Question, ...], raw: Mapping[str, Any], prefix: str, out: _Collector
) -> dict[str, Value]:
    known = {q.id for q in questions}
    for key in raw:
        if key not in known:
            out.add(f"{prefix}.{key}", "unknown key")
    parsed: dict[str, Value] = {}
    for question in questions:
        path = f"{prefix}.{question.id}"
        value = raw.get(question.id)
        if value is None:
            if question.required:
                out.add(path, "missing required answer")
            continue
        checked = _parse_value(question, value, path, out)
        if checked is not None:
            parsed[question.id] = checked
    return parsed


def _mapping(value: object, path: str, out: _Collector) -> Mapping[str, Any] | None:
    if isinstance(value, Mapping) and all(isinstance(k, str) for k in value):
        return value
    out.add(path, f"must be a mapping of keys to answers, got {_type_name(value)}")
    return None


def _parse_test(test: SelfTest, raw: object, out: _Collector) -> dict[Side | None, Measures]:
    path = measure_path(test.id, None)
    given = _mapping(raw, path, out)
    if given is None:
        return {}
    if not test.sided:
        return {None: _parse_fields(test.measures, given, path, out)}
    sides: dict[Side | None, Measures] = {}
    for key, side_raw in given.items():
        if key not in SIDES:
            out.add(f"{path}.{key}", f"unknown key; a sided test takes {' and '.join(SIDES)}")
            continue
        side_path = measure_path(test.id, Side(key))
        side_given = None if side_raw is None else _mapping(side_raw, side_path, out)
        if side_given is not None:
            sides[Side(key)] = _parse_fields(test.measures, side_given, side_path, out)
    return sides


def _parse_self_tests(
    raw: object, data: ScreeningData, out: _Collector
) -> dict[str, dict[Side | None, Measures]]:
    given = _mapping(raw, "self_tests", out)
    if given is None:
        return {}
    known = {t.id for t in data.self_tests}
    for key in given:
        if key not in known:
            out.add(f"self_tests.{key}", f"unknown self-test; valid: {', '.join(sorted(known))}")
    tests: dict[str, dict[Side | None, Measures]] = {}
    for test in data.self_tests:
        if given.get(test.id) is not None:
            sides = _parse_test(test, given[test.id], out)
            if sides:
                tests[test.id] = sides
    return tests


def _parse_red_flags(raw: Mapping[str, Any], data: ScreeningData, out: _Collector) -> list[str]:
    value = raw.get("red_flags")
    if value is None:
        out.add("red_flags", "missing required answer: list the red flags that apply, [] for none")
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        out.add("red_flags", f"must be a list of red-flag ids ([] for none), got {value!r}")
        return []
    valid = [f.id for f in data.red_flags.flags]
    unknown = [v for v in value if v not in valid]
    if unknown:
        out.add("red_flags", f"unknown red flag(s) {', '.join(unknown)}; valid: {', '.join(valid)}")
    return [v for v in valid if v in value]


def check_across_fields(questionnaire: Mapping[str, Any]) -> list[FieldProblem]:
    """Rules that tie questionnaire answers together (each answer is valid on its own)."""
    hours = questionnaire.get("sitting_hours")
    bout = questionnaire.get("longest_sitting_bout")
    if isinstance(hours, int | float) and isinstance(bout, int | float) and bout > hours:
        message = f"the longest bout ({bout:g} h) cannot be more than the daily total ({hours:g} h)"
        return [FieldProblem(question_path("longest_sitting_bout"), message)]
    return []


def parse_answers(raw: object, data: ScreeningData | None = None) -> Answers:
    """Validate an answers mapping; raise InvalidInputError listing every problem by field."""
    data = data or load_screening_data()
    out = _Collector()
    if not isinstance(raw, Mapping):
        out.add("(top level)", f"must be a mapping with {', '.join(TOP_LEVEL)}")
        raise InvalidInputError("screening answers", out.problems)
    for key in raw:
        if key not in TOP_LEVEL:
            out.add(str(key), f"unknown key; the answers take {', '.join(TOP_LEVEL)}")
    red_flags = _parse_red_flags(raw, data, out)
    questions_raw = raw.get("questionnaire")
    if questions_raw is None:
        out.add("questionnaire", "missing required answer")
        questions_raw = {}
    given = _mapping(questions_raw, "questionnaire", out) or {}
    questionnaire = _parse_fields(data.questions, given, "questionnaire", out)
    out.problems.extend(check_across_fields(questionnaire))
    self_tests = _parse_self_tests(raw.get("self_tests") or {}, data, out)
    if out.problems:
        raise InvalidInputError("screening answers", out.problems)
    return Answers(tuple(red_flags), questionnaire, self_tests)

"""Answer builders and hypothesis strategies for the screening tests."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from glutewake.screening.data import load_screening_data
from glutewake.screening.profile import Side
from glutewake.screening.schema import AnswerType, Question

EXAMPLE_FILE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "answers.yaml"

QUIET_LIFE: dict[str, Any] = {
    "sitting_hours": 4,
    "longest_sitting_bout": 1,
    "desk_job": False,
    "training": "balanced",
    "symptoms": [],
    "pain_over_48h": False,
    "pain_worse_with_exercise": False,
    "conditions": [],
    "pregnancy": "none",
}

ALL_TESTS_NORMAL: dict[str, Any] = {
    "glute_squeeze": {"left": {"contraction": "clear"}, "right": {"contraction": "clear"}},
    "mirror_check": {"pelvis": "level", "low_back_curve": "normal"},
    "single_leg_stance": {
        side: {"pelvis": "level", "lost_balance": False, "usual_pain": False}
        for side in ("left", "right")
    },
    "prone_hip_extension": {
        side: {"first_to_work": "glute-with-others", "low_back_arches": False}
        for side in ("left", "right")
    },
    "thomas_test": {side: {"thigh": "level", "knee": "bent"} for side in ("left", "right")},
    "bridge": {"hold_seconds": 120, "felt_most_in": "glutes", "hamstring_cramp": False},
    "single_leg_bridge": {
        side: {"hold_seconds": 60, "hamstring_cramp": False} for side in ("left", "right")
    },
}


def answers(
    red_flags: tuple[str, ...] = (),
    tests: dict[str, Any] | None = None,
    **questionnaire: Any,
) -> dict[str, Any]:
    """A valid answers mapping: a quiet life with the given changes."""
    return {
        "red_flags": list(red_flags),
        "questionnaire": {**QUIET_LIFE, **questionnaire},
        "self_tests": copy.deepcopy(tests or {}),
    }


def with_tests(**changes: Any) -> dict[str, Any]:
    """All self-tests normal, with some tests (or sides) replaced."""
    tests = copy.deepcopy(ALL_TESTS_NORMAL)
    for test_id, value in changes.items():
        if isinstance(value, dict) and isinstance(tests.get(test_id), dict):
            tests[test_id] = {**tests[test_id], **value}
        else:
            tests[test_id] = value
    return tests


# --- hypothesis strategies: any valid answers, drawn from the data files themselves ---------

DATA = load_screening_data()


def value_of(question: Question) -> st.SearchStrategy[Any]:
    if question.type is AnswerType.NUMBER:
        assert question.min is not None and question.max is not None
        if question.integer:
            return st.integers(int(question.min), int(question.max))
        return st.floats(question.min, question.max, allow_nan=False).map(lambda x: round(x, 1))
    if question.type is AnswerType.BOOLEAN:
        return st.booleans()
    ids = [c.id for c in question.choices]
    if question.type is AnswerType.CHOICE:
        return st.sampled_from(ids)
    return st.lists(st.sampled_from(ids), unique=True)


@st.composite
def measures_of(draw: st.DrawFn, test_id: str) -> dict[str, Any]:
    test = DATA.self_test(test_id)
    values = {}
    for measure in test.measures:
        if measure.required or draw(st.booleans()):
            values[measure.id] = draw(value_of(measure))
    return values


@st.composite
def any_answers(draw: st.DrawFn, red_flags: bool = True) -> dict[str, Any]:
    questionnaire = {q.id: draw(value_of(q)) for q in DATA.questions}
    hours = questionnaire["sitting_hours"]
    questionnaire["longest_sitting_bout"] = draw(
        st.floats(0, hours).map(lambda x: min(hours, round(x, 1)))
    )
    tests: dict[str, Any] = {}
    for test in DATA.self_tests:
        if not draw(st.booleans()):
            continue
        if test.sided:
            sides = draw(st.sets(st.sampled_from([s.value for s in Side])))
            tests[test.id] = {side: draw(measures_of(test.id)) for side in sorted(sides)}
        else:
            tests[test.id] = draw(measures_of(test.id))
    flag_ids = [f.id for f in DATA.red_flags.flags]
    flags = draw(st.lists(st.sampled_from(flag_ids), unique=True)) if red_flags else []
    return {"red_flags": flags, "questionnaire": questionnaire, "self_tests": tests}

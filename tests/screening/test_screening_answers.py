"""Input validation: every problem is listed by field."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from screening_factories import EXAMPLE_FILE, answers, with_tests

from glutewake.errors import InvalidInputError
from glutewake.screening.answers import parse_answers
from glutewake.screening.profile import Side


def problems(raw: Any) -> dict[str, str]:
    with pytest.raises(InvalidInputError) as caught:
        parse_answers(raw)
    return {p.field: p.message for p in caught.value.problems}


def test_the_example_file_is_valid() -> None:
    parsed = parse_answers(yaml.safe_load(EXAMPLE_FILE.read_text(encoding="utf-8")))
    assert parsed.questionnaire["sitting_hours"] == 9
    assert parsed.measures("single_leg_bridge", Side.LEFT) == {
        "hold_seconds": 14,
        "hamstring_cramp": False,
    }


def test_every_problem_is_listed_at_once() -> None:
    raw = answers(sitting_hours=30, colour="blue")
    raw["self_tests"] = {
        "single_leg_bridge": {"left": {"hold_seconds": -5, "hamstring_cramp": False}}
    }
    del raw["questionnaire"]["desk_job"]
    found = problems(raw)
    assert found == {
        "questionnaire.sitting_hours": "must be between 0 and 24 hours a day, got 30",
        "questionnaire.colour": "unknown key",
        "questionnaire.desk_job": "missing required answer",
        "self_tests.single_leg_bridge.left.hold_seconds": "must be between 0 and 600 seconds, got -5",
    }


def test_the_error_message_names_each_field_and_says_nothing_was_saved() -> None:
    with pytest.raises(InvalidInputError) as caught:
        parse_answers(answers(sitting_hours=30, desk_job="often"))
    message = str(caught.value)
    assert "questionnaire.sitting_hours" in message and "questionnaire.desk_job" in message
    assert "nothing was saved" in caught.value.hint


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"sitting_hours": "nine"}, "questionnaire.sitting_hours", "must be a number"),
        ({"sitting_hours": True}, "questionnaire.sitting_hours", "must be a number"),
        ({"sitting_hours": -1}, "questionnaire.sitting_hours", "between 0 and 24"),
        ({"desk_job": "yes please"}, "questionnaire.desk_job", "true or false"),
        ({"training": "crossfit"}, "questionnaire.training", "must be one of none, running-only"),
        ({"symptoms": "quads-burn"}, "questionnaire.symptoms", "must be a list"),
        (
            {"symptoms": ["quads-burn", "itchy"]},
            "questionnaire.symptoms",
            "unknown choice(s) itchy",
        ),
        ({"symptoms": ["quads-burn", "quads-burn"]}, "questionnaire.symptoms", "twice"),
        ({"conditions": None}, "questionnaire.conditions", "missing required answer"),
        (
            {"sitting_hours": 5, "longest_sitting_bout": 6},
            "questionnaire.longest_sitting_bout",
            "cannot be more than",
        ),
    ],
)
def test_bad_questionnaire_values(change: dict[str, Any], field: str, words: str) -> None:
    found = problems(answers(**change))
    assert words in found[field]
    assert len(found) == 1


@pytest.mark.parametrize(
    ("tests", "field", "words"),
    [
        (
            {"glute_squeeze": {"middle": {"contraction": "clear"}}},
            "self_tests.glute_squeeze.middle",
            "unknown key",
        ),
        (
            {"glute_squeeze": {"left": {"contraction": "loud"}}},
            "self_tests.glute_squeeze.left.contraction",
            "must be one of",
        ),
        (
            {"glute_squeeze": {"left": {}}},
            "self_tests.glute_squeeze.left.contraction",
            "missing required",
        ),
        ({"glute_squeeze": ["left"]}, "self_tests.glute_squeeze", "must be a mapping"),
        ({"handstand": {}}, "self_tests.handstand", "unknown self-test"),
        (
            {"single_leg_bridge": {"right": {"hold_seconds": 12.5, "hamstring_cramp": False}}},
            "self_tests.single_leg_bridge.right.hold_seconds",
            "whole number",
        ),
        (
            {"bridge": {"hold_seconds": 1000, "felt_most_in": "glutes", "hamstring_cramp": False}},
            "self_tests.bridge.hold_seconds",
            "between 0 and 900",
        ),
        (
            {"mirror_check": {"pelvis": "level", "low_back_curve": "big", "shoulders": "round"}},
            "self_tests.mirror_check.shoulders",
            "unknown key",
        ),
    ],
)
def test_bad_self_test_values(tests: dict[str, Any], field: str, words: str) -> None:
    found = problems(answers(tests=tests))
    assert words in found[field]


@pytest.mark.parametrize(
    ("raw", "field", "words"),
    [
        ([1, 2], "(top level)", "must be a mapping"),
        ({**answers(), "notes": "hi"}, "notes", "unknown key"),
        ({k: v for k, v in answers().items() if k != "red_flags"}, "red_flags", "[] for none"),
        ({**answers(), "red_flags": ["dizzy"]}, "red_flags", "unknown red flag(s) dizzy"),
        ({**answers(), "red_flags": "none"}, "red_flags", "must be a list"),
        ({k: v for k, v in answers().items() if k != "questionnaire"}, "questionnaire", "missing"),
    ],
)
def test_bad_top_level(raw: Any, field: str, words: str) -> None:
    assert words in problems(raw)[field]


def test_skipped_tests_and_sides_are_absent() -> None:
    raw = answers(
        tests={"glute_squeeze": {"left": {"contraction": "faint"}, "right": None}, "bridge": None}
    )
    parsed = parse_answers(raw)
    assert parsed.measures("glute_squeeze", Side.LEFT) == {"contraction": "faint"}
    assert parsed.measures("glute_squeeze", Side.RIGHT) is None
    assert parsed.measures("bridge", None) is None


def test_the_stored_form_is_the_file_form() -> None:
    raw = answers(symptoms=["quads-burn"], tests=with_tests())
    raw["questionnaire"]["sitting_hours"] = 4.0
    raw["questionnaire"]["longest_sitting_bout"] = 1.0
    assert parse_answers(raw).to_mapping() == raw


def test_the_optional_bridge_hold_may_be_left_out() -> None:
    parsed = parse_answers(
        answers(tests={"bridge": {"felt_most_in": "glutes", "hamstring_cramp": False}})
    )
    assert parsed.measures("bridge", None) == {"felt_most_in": "glutes", "hamstring_cramp": False}

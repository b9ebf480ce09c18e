"""The two-weekly re-test: when it is due, and the answers it is stored with. Pure values.

A re-test asks the red flags afresh and the self-tests again; the questionnaire's answers
are carried over from the screening before it. It is stored as a new screening (so the gate,
the scoring and the re-plan apply as to any screening), marked with ``MARK`` in its answers.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from glutewake.errors import FieldProblem, InvalidInputError

RETEST_EVERY = timedelta(days=14)
MARK = "retest"  # the key in a stored screening's answers that marks it as a re-test
ASKED = ("red_flags", "self_tests")  # what a re-test asks; the rest is carried over


def retest_due_on(program_start: date, newest_screening_day: date) -> date:
    """Two weeks after the program's start or the newest screening, whichever is later."""
    return max(program_start, newest_screening_day) + RETEST_EVERY


def is_retest_due(program_start: date, newest_screening_day: date, today: date) -> bool:
    return today >= retest_due_on(program_start, newest_screening_day)


def is_retest(answers: Mapping[str, Any]) -> bool:
    return answers.get(MARK) is True


def has_questionnaire(answers: Mapping[str, Any]) -> bool:
    """False for a stop stored as soon as a red flag was raised (it holds the red flags only)."""
    questionnaire = answers.get("questionnaire")
    return isinstance(questionnaire, Mapping) and bool(questionnaire)


def retest_answers(carried_from: Mapping[str, Any], asked: Any) -> dict[str, Any]:
    """The answers to score: the re-test's red flags and self-tests, the earlier questionnaire.

    ``asked`` holds ``red_flags`` and ``self_tests`` only (anything else is refused, so a
    re-test cannot change the questionnaire behind the person's back).
    """
    if not isinstance(asked, Mapping):
        problem = FieldProblem("(top level)", f"must be a mapping with {' and '.join(ASKED)}")
        raise InvalidInputError("re-test answers", [problem])
    extra = [
        FieldProblem(str(key), f"a re-test takes {' and '.join(ASKED)} only")
        for key in asked
        if key not in ASKED
    ]
    if extra:
        raise InvalidInputError("re-test answers", extra)
    return {
        "red_flags": copy.deepcopy(asked.get("red_flags")),
        "questionnaire": copy.deepcopy(dict(carried_from.get("questionnaire") or {})),
        "self_tests": copy.deepcopy(asked.get("self_tests") or {}),
    }


def marked(answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers as a re-test stores them."""
    return {**answers, MARK: True}

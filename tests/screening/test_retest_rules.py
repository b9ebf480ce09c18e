"""The re-test's pure rules: when it is due, its answers, the self-tests side by side."""

from __future__ import annotations

import copy
from datetime import date

import pytest
from screening_factories import ALL_TESTS_NORMAL, DATA, QUIET_LIFE, with_tests

from glutewake.errors import InvalidInputError
from glutewake.screening.compare import Verdict
from glutewake.screening.profile import Side
from glutewake.screening.retest import (
    has_questionnaire,
    is_retest,
    is_retest_due,
    marked,
    retest_answers,
    retest_due_on,
)
from glutewake.screening.retest_compare import compare_self_tests


def test_due_two_weeks_after_the_program_start() -> None:
    assert retest_due_on(date(2026, 3, 2), date(2026, 2, 20)) == date(2026, 3, 16)


def test_due_two_weeks_after_a_newer_screening() -> None:
    assert retest_due_on(date(2026, 3, 2), date(2026, 3, 10)) == date(2026, 3, 24)


def test_due_on_the_day_and_after_not_before() -> None:
    start, screened = date(2026, 3, 2), date(2026, 3, 1)
    assert not is_retest_due(start, screened, date(2026, 3, 15))
    assert is_retest_due(start, screened, date(2026, 3, 16))
    assert is_retest_due(start, screened, date(2026, 5, 1))


def test_a_program_starting_later_moves_the_retest_with_it() -> None:
    assert not is_retest_due(date(2026, 4, 1), date(2026, 3, 1), date(2026, 4, 10))


def test_the_answers_carry_the_questionnaire_and_take_the_new_tests() -> None:
    earlier = {"red_flags": [], "questionnaire": QUIET_LIFE, "self_tests": ALL_TESTS_NORMAL}
    new_tests = with_tests(glute_squeeze={"left": {"contraction": "none"}})
    answers = retest_answers(earlier, {"red_flags": [], "self_tests": new_tests})
    assert answers == {"red_flags": [], "questionnaire": QUIET_LIFE, "self_tests": new_tests}
    assert answers["questionnaire"] is not QUIET_LIFE  # a copy: the stored one stays as it was
    stored = marked(answers)
    assert is_retest(stored) and not is_retest(answers)


def test_a_retest_refuses_other_answers() -> None:
    earlier = {"questionnaire": QUIET_LIFE}
    with pytest.raises(InvalidInputError) as raised:
        retest_answers(earlier, {"red_flags": [], "questionnaire": {}, "pain": 3})
    assert [p.field for p in raised.value.problems] == ["questionnaire", "pain"]
    with pytest.raises(InvalidInputError):
        retest_answers(earlier, ["red_flags"])


def test_a_red_flags_only_stop_has_no_questionnaire() -> None:
    assert not has_questionnaire({"red_flags": ["saddle-numbness"]})
    assert has_questionnaire({"questionnaire": QUIET_LIFE})


def test_the_self_tests_side_by_side_per_test_and_side() -> None:
    before = {"self_tests": with_tests(glute_squeeze={"left": {"contraction": "none"}})}
    after_tests = copy.deepcopy(ALL_TESTS_NORMAL)
    del after_tests["mirror_check"]
    after_tests["single_leg_bridge"] = {"left": {"hold_seconds": 10, "hamstring_cramp": False}}
    changes = compare_self_tests(before, {"self_tests": after_tests}, DATA)
    by_key = {(c.test_id, c.side): c for c in changes}
    squeeze = by_key[("glute_squeeze", Side.LEFT)]
    assert (squeeze.points_before, squeeze.points_after, squeeze.verdict) == (55, 0, Verdict.BETTER)
    assert [(m.before, m.after) for m in squeeze.measures] == [
        ("I could not feel it tighten", "I clearly felt it tighten and relax")
    ]
    assert by_key[("glute_squeeze", Side.RIGHT)].verdict is Verdict.SAME
    mirror = by_key[("mirror_check", None)]
    assert mirror.verdict is None and mirror.points_after is None
    assert {m.after for m in mirror.measures} == {None}
    bridge = by_key[("single_leg_bridge", Side.LEFT)]
    assert bridge.verdict is Verdict.WORSE  # 60 s -> 10 s: under the 20 s guide
    assert bridge.measures[0].before == "60 seconds" and bridge.measures[0].after == "10 seconds"
    assert by_key[("single_leg_bridge", Side.RIGHT)].verdict is None
    order = [t.id for t in DATA.self_tests]
    assert [order.index(c.test_id) for c in changes] == sorted(
        order.index(c.test_id) for c in changes
    )


def test_a_stored_answer_the_data_no_longer_knows_is_left_out() -> None:
    before = {"self_tests": {"glute_squeeze": {"left": {"contraction": "gone-away"}}}}
    after = {"self_tests": {"glute_squeeze": {"left": {"contraction": "clear"}}}}
    [change] = compare_self_tests(before, after, DATA)
    assert change.points_before is None and change.verdict is None

"""Properties over any valid answers, drawn from the data files themselves."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from screening_factories import DATA, any_answers, measures_of

from glutewake.screening.answers import parse_answers
from glutewake.screening.profile import Band, Gate, Profile, Side
from glutewake.screening.schema import AnswerType, Question
from glutewake.screening.scoring import LIKELY_FROM, POSSIBLE_FROM, build_profile

SCORES = ("pelvic_tilt", "compensation_score", "sedentary", "pain", "asymmetry", "likelihood")


def profile_of(raw: dict[str, Any]) -> Profile:
    return build_profile(parse_answers(raw))


@settings(max_examples=150, deadline=None)
@given(any_answers())
def test_any_valid_answers_give_a_profile_with_scores_in_range(raw: dict[str, Any]) -> None:
    profile = profile_of(raw)
    for sided in (profile.glute_max, profile.glute_med, profile.hip_flexors):
        assert 0 <= sided.left <= 100 and 0 <= sided.right <= 100
    for name in SCORES:
        assert 0 <= getattr(profile, name) <= 100
    expected = (
        Band.LIKELY
        if profile.likelihood >= LIKELY_FROM
        else Band.POSSIBLE
        if profile.likelihood >= POSSIBLE_FROM
        else Band.UNLIKELY
    )
    assert profile.band is expected
    assert (profile.gate is Gate.STOP) == bool(raw["red_flags"])
    assert all(r.answers for r in profile.reasons + profile.gate_reasons)


@settings(max_examples=100, deadline=None)
@given(any_answers(), st.data())
def test_adding_a_red_flag_never_lowers_the_gate(raw: dict[str, Any], data: st.DataObject) -> None:
    before = profile_of(raw)
    flag = data.draw(st.sampled_from([f.id for f in DATA.red_flags.flags]))
    raw["red_flags"] = sorted({*raw["red_flags"], flag})
    after = profile_of(raw)
    assert after.gate.severity >= before.gate.severity
    assert after.gate is Gate.STOP


def points_of(question: Question, value: Any) -> float:
    """The points one answer adds, for ordering answers from better to worse."""
    if question.type is AnswerType.CHOICE:
        return sum(p.weight for p in question.choice(value).points)
    if question.type is AnswerType.BOOLEAN:
        return sum(p.weight for p in question.points) if value else 0
    return sum(p.weight for p in question.points if p.applies_to(value))


def worse_value(question: Question, value: Any, data: st.DataObject) -> Any:
    if question.type is AnswerType.CHOICE:
        worse = [
            c.id
            for c in question.choices
            if points_of(question, c.id) >= points_of(question, value)
        ]
        return data.draw(st.sampled_from(worse))
    if question.type is AnswerType.BOOLEAN:
        return True if value else data.draw(st.booleans())
    return data.draw(st.integers(0, int(value)))  # a shorter hold is never better


def worsen_side(raw: dict[str, Any], side: Side, data: st.DataObject) -> dict[str, Any]:
    """The same answers with one side's self-tests as bad or worse (a skipped side may be done)."""
    worse = copy.deepcopy(raw)
    for test in DATA.self_tests:
        if not test.sided:
            continue
        sides = worse["self_tests"].setdefault(test.id, {})
        measures = sides.get(side.value)
        if measures is None:
            if data.draw(st.booleans()):
                sides[side.value] = data.draw(measures_of(test.id))
            elif not sides:
                del worse["self_tests"][test.id]
            continue
        for measure in test.measures:
            if measure.id in measures:
                measures[measure.id] = worse_value(measure, measures[measure.id], data)
    return worse


@settings(max_examples=150, deadline=None)
@given(any_answers(red_flags=False), st.sampled_from(list(Side)), st.data())
def test_a_side_getting_worse_never_becomes_the_stronger_side(
    raw: dict[str, Any], side: Side, data: st.DataObject
) -> None:
    before = profile_of(raw)
    after = profile_of(worsen_side(raw, side, data))
    other = Side.RIGHT if side is Side.LEFT else Side.LEFT
    if before.weaker_side is side:
        assert after.weaker_side is side
    assert not (before.weaker_side is not other and after.weaker_side is other)
    for name in ("glute_max", "glute_med", "hip_flexors"):
        assert getattr(after, name).of(side) >= getattr(before, name).of(side)


@settings(max_examples=100, deadline=None)
@given(any_answers(), st.data())
def test_reporting_another_symptom_never_lowers_the_likelihood(
    raw: dict[str, Any], data: st.DataObject
) -> None:
    before = profile_of(raw)
    symptoms = [c.id for c in DATA.question("symptoms").choices]
    symptom = data.draw(st.sampled_from(symptoms))
    raw["questionnaire"]["symptoms"] = sorted({*raw["questionnaire"]["symptoms"], symptom})
    after = profile_of(raw)
    assert after.likelihood >= before.likelihood


@settings(max_examples=100, deadline=None)
@given(any_answers())
def test_answers_round_trip_through_their_stored_form(raw: dict[str, Any]) -> None:
    answers = parse_answers(raw)
    again = parse_answers(answers.to_mapping())
    assert again == answers
    assert build_profile(again) == build_profile(answers)

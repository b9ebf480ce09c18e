"""Which micro-break is offered: qualifying exercises, short doses, a weekly rotation."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glutewake.catalogue import default_catalogue
from glutewake.catalogue.schema import Dose, Equipment, Pattern, Position, Range
from glutewake.errors import NotFoundError
from glutewake.reminders.chooser import (
    MAX_BREAK_SECONDS,
    MicroBreak,
    Offer,
    as_micro_break,
    choose_break,
    micro_breaks,
    micro_dose,
    week_start,
)

CATALOGUE = default_catalogue()
CANDIDATES = micro_breaks(CATALOGUE.exercises)
NAMED_IN_THE_ISSUE = {
    "standing-hip-flexor-stretch",
    "standing-glute-squeeze",
    "single-leg-standing",
    "standing-hip-drive",
    "glute-medius-wall-lean",
    "standing-external-rotation-drill",
    "standing-hip-abduction",
}


def patterns_of(candidates: Iterable[MicroBreak]) -> set[Pattern]:
    return {pattern for candidate in candidates for pattern in candidate.patterns}


def dose(**fields: object) -> Dose:
    base: dict[str, object] = {
        "sets": 3,
        "reps": Range(low=10, high=20),
        "per_side": False,
        "tempo": "2-1-2",
        "rest_seconds": 45,
        "source": "seed-002-glute-amnesia-fix",
    }
    return Dose.model_validate({**base, **fields})


def test_every_candidate_is_standing_desk_friendly_and_under_two_minutes() -> None:
    assert CANDIDATES
    for offer in CANDIDATES:
        exercise = CATALOGUE.get(offer.exercise_id)
        assert exercise.desk_friendly and exercise.position is Position.STANDING
        assert set(exercise.equipment) <= {Equipment.WALL, Equipment.CHAIR}
        assert 0 < offer.seconds < MAX_BREAK_SECONDS


def test_the_desk_exercises_named_in_the_issue_qualify() -> None:
    assert {offer.exercise_id for offer in CANDIDATES} >= NAMED_IN_THE_ISSUE


def test_floor_and_band_exercises_do_not_qualify() -> None:
    for exercise_id in ("glute-bridge", "lateral-band-walk"):
        if exercise_id in CATALOGUE:
            assert as_micro_break(CATALOGUE.get(exercise_id)) is None


def test_only_a_wall_or_a_chair_is_allowed() -> None:
    squeeze = CATALOGUE.get("standing-glute-squeeze")
    assert as_micro_break(squeeze.model_copy(update={"equipment": [Equipment.CHAIR]}))
    assert as_micro_break(squeeze.model_copy(update={"equipment": [Equipment.MINI_BAND]})) is None
    assert as_micro_break(squeeze.model_copy(update={"desk_friendly": False})) is None


def test_the_dose_is_cut_to_the_most_sets_that_fit_under_two_minutes() -> None:
    # 10 reps x (2+1+2) s = 50 s a set; two sets with 45 s rest would be 145 s.
    short = micro_dose(dose())
    assert short is not None
    assert (short.sets, short.target, short.seconds) == (1, 10, 50)
    # 20 s holds per side = 40 s a set; 2 sets + 15 s rest = 95 s.
    holds = micro_dose(
        dose(sets=2, reps=None, hold_seconds=Range(low=20, high=30), per_side=True, rest_seconds=15)
    )
    assert holds is not None
    assert (holds.sets, holds.target, holds.seconds) == (2, 20, 95)
    assert holds.describe() == "2 x 20 s hold per side"


def test_a_dose_that_cannot_fit_disqualifies_the_exercise() -> None:
    assert (
        micro_dose(dose(sets=1, reps=None, hold_seconds=Range(low=60, high=90), per_side=True))
        is None
    )
    squeeze = CATALOGUE.get("standing-glute-squeeze")
    too_long = dose(sets=1, reps=Range(low=30, high=40), tempo="2-2-2")
    assert as_micro_break(squeeze.model_copy(update={"dose": too_long})) is None


def done_week(candidates: list[MicroBreak], breaks: int) -> list[MicroBreak]:
    history: list[Offer] = []
    chosen = []
    for _ in range(breaks):
        offer = choose_break(candidates, history)
        chosen.append(offer)
        history.append(Offer(exercise_id=offer.exercise_id, done=True))
    return chosen


def test_a_week_of_done_breaks_covers_every_pattern_within_as_many_breaks() -> None:
    patterns = patterns_of(CANDIDATES)
    chosen = done_week(CANDIDATES, len(patterns))
    assert patterns_of(chosen) == patterns


def test_after_every_pattern_the_rotation_goes_on_through_all_exercises() -> None:
    chosen = done_week(CANDIDATES, 3 * len(CANDIDATES))
    assert {offer.exercise_id for offer in chosen} == {c.exercise_id for c in CANDIDATES}


@settings(max_examples=80, deadline=None)
@given(
    subset=st.sets(st.sampled_from(range(len(CANDIDATES))), min_size=1),
    skipped=st.lists(st.sampled_from(range(len(CANDIDATES))), max_size=10),
)
def test_coverage_holds_for_any_set_of_candidates_and_any_skips(
    subset: set[int], skipped: list[int]
) -> None:
    candidates = [CANDIDATES[i] for i in sorted(subset)]
    history = [Offer(exercise_id=CANDIDATES[i].exercise_id, done=False) for i in skipped]
    for _ in range(len(patterns_of(candidates))):
        offer = choose_break(candidates, history)
        history.append(Offer(exercise_id=offer.exercise_id, done=True))
    done = [c for c in candidates if Offer(exercise_id=c.exercise_id, done=True) in history]
    assert patterns_of(done) == patterns_of(candidates)


def test_a_skipped_offer_does_not_count_and_a_different_one_comes_next() -> None:
    first = choose_break(CANDIDATES, [])
    history = [Offer(exercise_id=first.exercise_id, done=False)]
    second = choose_break(CANDIDATES, history)
    assert second.exercise_id != first.exercise_id
    assert len(set(second.patterns)) == len(set(first.patterns))  # still the most new patterns


def test_the_program_breaks_ties() -> None:
    first = choose_break(CANDIDATES, [])
    rivals = [
        c
        for c in CANDIDATES
        if c.exercise_id != first.exercise_id and len(set(c.patterns)) == len(set(first.patterns))
    ]
    assert rivals, "the catalogue should offer two exercises with as many patterns"
    preferred = rivals[-1].exercise_id
    assert choose_break(CANDIDATES, [], program_ids={preferred}).exercise_id == preferred


def test_no_candidates_is_an_error_with_a_hint() -> None:
    with pytest.raises(NotFoundError) as caught:
        choose_break([], [])
    assert caught.value.hint


def test_the_rotation_week_starts_on_monday() -> None:
    assert week_start(date(2025, 6, 8)) == date(2025, 6, 2)  # a Sunday
    assert week_start(date(2025, 6, 2)) == date(2025, 6, 2)

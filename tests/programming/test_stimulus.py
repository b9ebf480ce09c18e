"""Stimulus: rank within each study, fall back on declared roles, weigh by the person's needs."""

from __future__ import annotations

import pytest
from programming_factories import GMAX, GMED, exercise, profile

from glutewake.catalogue.catalogue import Catalogue
from glutewake.programming.stimulus import (
    StimulusTable,
    compensation_factor,
    needs,
    value_per_set,
)
from glutewake.screening.profile import Compensation, Component


def catalogue() -> Catalogue:
    return Catalogue(
        (
            # Study A measures three exercises; study B two; study C only one.
            exercise("low", evidence=(("a1", "gluteus maximus", 20.0, "Study A"),)),
            exercise(
                "mid",
                evidence=(
                    ("a2", "gluteus maximus", 50.0, "Study A"),
                    ("b1", "gluteus maximus", 90.0, "Study B"),
                ),
            ),
            exercise(
                "top",
                evidence=(
                    ("a3", "gluteus maximus", 80.0, "Study A"),
                    ("b2", "gluteus maximus", 10.0, "Study B"),
                ),
            ),
            exercise("alone", evidence=(("c1", "gluteus maximus", 200.0, "Study C"),)),
            exercise("unmeasured", targets=(GMAX, ("gluteus-medius", "secondary"))),
            exercise("med", targets=(GMED,), evidence=(("a4", "gluteus medius", 5.0, "Study A"),)),
            exercise(
                "hamstring-heavy",
                targets=(GMAX, ("hamstrings", "primary")),
            ),
        )
    )


TABLE = StimulusTable(catalogue())


def test_ranks_are_percentiles_within_each_study() -> None:
    assert TABLE.score("low", Component.GLUTE_MAX) == pytest.approx(1 / 3)
    # mid: 2nd of 3 in study A (2/3) and 1st of 2 in study B (1): the mean.
    assert TABLE.score("mid", Component.GLUTE_MAX) == pytest.approx((2 / 3 + 1) / 2)
    # top: 1st of 3 in study A (1) and 2nd of 2 in study B (1/2).
    assert TABLE.score("top", Component.GLUTE_MAX) == pytest.approx((1 + 1 / 2) / 2)
    assert "2nd of 3 exercises in Study A" in TABLE.basis("mid", Component.GLUTE_MAX).detail


def test_figures_are_never_compared_across_studies() -> None:
    # 200% in a study that measured nothing else ranks against nothing: the role stands in.
    basis = TABLE.basis("alone", Component.GLUTE_MAX)
    assert (basis.source, basis.score) == ("role", 0.5)


def test_roles_stand_in_where_no_study_ranks_the_exercise() -> None:
    assert TABLE.score("unmeasured", Component.GLUTE_MAX) == 0.5
    assert TABLE.score("unmeasured", Component.GLUTE_MED) == 0.25
    assert TABLE.basis("low", Component.GLUTE_MED).source == "none"


def test_only_release_work_counts_for_the_hip_flexors() -> None:
    assert TABLE.score("med", Component.HIP_FLEXORS) == 0


def test_needs_rise_with_the_screening_scores() -> None:
    need = needs(
        profile(glute_max=(100, 0), glute_med=(0, 0), hip_flexors=(10, 30), pelvic_tilt=60)
    )
    assert need[Component.GLUTE_MAX] == 1.0
    assert need[Component.GLUTE_MED] == 0.25
    assert need[Component.HIP_FLEXORS] == 0.6


def test_a_compensating_muscle_lowers_the_value() -> None:
    person = profile(compensation=Compensation.HAMSTRING, compensation_score=80)
    heavy = catalogue().get("hamstring-heavy")
    assert compensation_factor(heavy, person) == pytest.approx(0.6)
    assert compensation_factor(catalogue().get("low"), person) == 1.0
    plain = profile()
    need = needs(plain)
    assert value_per_set(heavy, TABLE, need, person) < value_per_set(heavy, TABLE, need, plain)

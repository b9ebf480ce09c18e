"""The builder's choices on a small catalogue: order, sides, pairs, re-tests and reasons."""

from __future__ import annotations

from datetime import date

import pytest
from programming_factories import exercise, profile, small_catalogue

from glutewake.catalogue.catalogue import Catalogue
from glutewake.catalogue.schema import Phase
from glutewake.errors import InvalidInputError
from glutewake.programming import exhaustive
from glutewake.programming.builder import ProgramBuilder
from glutewake.programming.preferences import Preferences
from glutewake.programming.program import BlockKind, Program
from glutewake.screening.profile import Compensation, Side

START = date(2025, 3, 3)
CATALOGUE = small_catalogue()
BUILDER = ProgramBuilder(CATALOGUE)
PREFS = Preferences(minutes=25, equipment=("mini-band",))


def build(**changes: object) -> Program:
    return BUILDER.build(profile(**changes), PREFS, START)  # type: ignore[arg-type]


def test_tight_hip_flexors_are_lengthened_first_every_session() -> None:
    program = build(hip_flexors=(70, 50))
    for session in program.sessions:
        first = session.blocks[0]
        assert first.kind is BlockKind.WARM_UP
        assert "hip-flexor-stretch" in [i.exercise_id for i in first.items]
        assert "Lengthening the front of the hips comes before the glute work" in first.reason
    assert any("hip flexors screened tight" in line for line in program.explanation)


def test_the_weaker_side_goes_first_with_an_extra_set() -> None:
    program = build(weaker_side=Side.RIGHT)
    one_sided = [
        i
        for s in program.sessions
        for i in s.items
        if i.per_side and i.exercise_id != "hip-flexor-stretch"
    ]
    assert one_sided
    assert all(i.side_order == (Side.RIGHT, Side.LEFT) and i.extra_sets == 1 for i in one_sided)
    assert "right first, +1 set right" in one_sided[0].describe()


def test_no_weaker_side_means_equal_sides() -> None:
    program = build(weaker_side=None)
    assert all(i.side_order == () and i.extra_sets == 0 for s in program.sessions for i in s.items)


def test_strength_moves_come_as_supersets_after_an_activation_drill() -> None:
    program = build()
    integrate = [s for s in program.sessions if s.phase is Phase.INTEGRATE]
    assert integrate
    for session in integrate:
        supersets = [b for b in session.blocks if b.kind is BlockKind.SUPERSET]
        assert supersets, "an integrate session without a strength move"
        for block in supersets:
            drill, move = (CATALOGUE.get(i.exercise_id) for i in block.items)
            assert [i.pair for i in block.items] == [f"{block.title[-1]}1", f"{block.title[-1]}2"]
            assert drill.category.value in ("activation", "isolation")
            assert move.category.value == "integration"


def test_the_build_phase_ends_each_week_with_a_retest() -> None:
    program = build()
    for week in program.weeks:
        retests = [s.retest for s in week.sessions if s.retest is not None]
        if week.phase is Phase.BUILD:
            assert len(retests) == 1 and week.sessions[-1].retest is not None
            assert retests[0].exercise_id == "single-leg-glute-bridge"
            assert retests[0].target == 30
            assert "depends on this hold, not only on the calendar" in retests[0].reason
        else:
            assert retests == []


def test_without_the_floor_the_retest_is_single_leg_standing() -> None:
    prefs = Preferences(minutes=25, can_floor=False)
    program = BUILDER.build(profile(), prefs, START)
    retests = [s.retest for s in program.sessions if s.retest is not None]
    assert {r.exercise_id for r in retests} == {"single-leg-standing"}


def test_a_hamstring_compensation_gets_its_cue() -> None:
    program = build(compensation=Compensation.HAMSTRING, compensation_score=60)
    holds = [i for s in program.sessions for i in s.items if i.exercise_id == "bridge-hold"]
    assert holds and holds[0].cue == "Heels closer to the hips."


def test_every_choice_has_a_reason_citing_its_stimulus() -> None:
    program = build()
    for item in (i for s in program.sessions for i in s.items):
        assert item.reason.startswith(("It works ", "Your hip flexors screened tight"))
        assert "of a maximal contraction" in item.reason or "no study ranks it" in item.reason
        assert "the session's time" in item.reason
    assert any("muscle-activity (EMG) studies rank" in line for line in program.explanation)


def test_the_program_round_trips_through_json() -> None:
    program = build()
    assert Program.model_validate(program.model_dump(mode="json")) == program


def test_quad_dominant_moves_never_wake_the_glutes() -> None:
    catalogue = Catalogue(
        (
            *small_catalogue().exercises,
            exercise(
                "tempting-squat",
                patterns=("squat", "hip-extension", "abduction", "external-rotation"),
                targets=(("gluteus-maximus", "primary"), ("quadriceps", "primary")),
                evidence=(("x", "gluteus maximus", 500.0, "Study One"),),
            ),
        )
    )
    program = ProgramBuilder(catalogue).build(profile(), PREFS, START)
    wake = [i.exercise_id for s in program.sessions if s.phase is Phase.WAKE_UP for i in s.items]
    assert wake and "tempting-squat" not in wake


def test_a_group_no_exercise_can_train_is_refused_with_the_fix() -> None:
    catalogue = Catalogue(
        tuple(e for e in small_catalogue().exercises if "external-rotation" not in e.patterns)
    )
    with pytest.raises(InvalidInputError) as caught:
        ProgramBuilder(catalogue).build(profile(), PREFS, START)
    assert caught.value.problems[0].field == "minutes"
    assert "allow more minutes" in caught.value.problems[0].message


def test_a_phase_without_a_group_carries_one_over_from_earlier() -> None:
    # Standing with a band, the build phase has band walks for abduction but nothing for hip
    # extension or rotation: only wake-up drills for those two groups may come along.
    prefs = Preferences(minutes=25, can_floor=False, equipment=("mini-band",))
    program = BUILDER.build(profile(), prefs, START)
    build_items = [i for s in program.sessions if s.phase is Phase.BUILD for i in s.items]
    carried = {i.exercise_id for i in build_items if "belongs to an earlier step" in i.reason}
    assert "standing-rotation" in carried
    assert carried <= {"squeeze", "standing-rotation"}


def test_the_optimiser_matches_complete_enumeration_on_a_tiny_catalogue() -> None:
    keep = {
        "hip-flexor-stretch",
        "squeeze",
        "clam",
        "single-leg-stand",
        "bridge",
        "band-walk",
        "frog",
        "sl-rdl",
        "lunge",
    }
    catalogue = Catalogue(
        tuple(
            e.model_copy(update={"dose": e.dose.model_copy(update={"sets": min(e.dose.sets, 2)})})
            for e in small_catalogue().exercises
            if e.id in keep
        )
    )
    person = profile(hip_flexors=(60, 60))
    prefs = Preferences(minutes=12, sessions_per_week=3, equipment=("mini-band",))
    exact = ProgramBuilder(catalogue).build(person, prefs, START)
    reference = ProgramBuilder(catalogue, solver=exhaustive.solve).build(person, prefs, START)
    assert exact.objective == reference.objective > 0

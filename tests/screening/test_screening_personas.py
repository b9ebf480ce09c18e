"""Table-driven personas from the seed articles and the evidence files."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from screening_factories import answers, with_tests

from glutewake.screening.answers import parse_answers
from glutewake.screening.profile import Band, Compensation, Gate, Profile, Side
from glutewake.screening.scoring import build_profile

ANY = object()  # "don't check"


@dataclass(frozen=True)
class Persona:
    name: str
    answers: dict[str, Any]
    bands: tuple[Band, ...] = tuple(Band)
    gate: Gate = Gate.GO
    compensation: Compensation | object = ANY
    weaker_side: Side | object | None = ANY
    at_least: dict[str, float] = field(default_factory=dict)  # "glute_max.left": 50
    below: dict[str, float] = field(default_factory=dict)
    reason_answers: tuple[str, ...] = ()  # answers some score reason must name
    gate_answers: tuple[str, ...] = ()  # answers some gate reason must name
    message_has: tuple[str, ...] = ()


def score_of(profile: Profile, name: str) -> float:
    attribute, _, side = name.partition(".")
    value = getattr(profile, attribute)
    if side:
        return float(value.of(Side(side)))
    return float(value.worst if hasattr(value, "worst") else value)


PERSONAS = [
    Persona(
        "desk worker with back pain whose squats burn only the quads",
        answers(
            sitting_hours=10,
            longest_sitting_bout=3,
            desk_job=True,
            training="quad-dominant",
            symptoms=["recurring-low-back-pain", "quads-burn", "cannot-tense-glutes"],
            tests={
                "glute_squeeze": {
                    "left": {"contraction": "faint"},
                    "right": {"contraction": "faint"},
                }
            },
        ),
        bands=(Band.LIKELY,),
        compensation=Compensation.QUAD,
        at_least={"glute_max": 50, "sedentary": 50},
        reason_answers=(
            "questionnaire.symptoms.quads-burn",
            "self_tests.glute_squeeze.left.contraction",
        ),
    ),
    Persona(
        "runner with no strength work whose bridges cramp the hamstrings",
        answers(
            sitting_hours=5,
            training="running-only",
            symptoms=["felt-in-hamstrings"],
            tests={
                "bridge": {"felt_most_in": "hamstrings", "hamstring_cramp": True},
                "single_leg_bridge": {
                    "left": {"hold_seconds": 25, "hamstring_cramp": True},
                    "right": {"hold_seconds": 27, "hamstring_cramp": True},
                },
            },
        ),
        bands=(Band.POSSIBLE, Band.LIKELY),
        compensation=Compensation.HAMSTRING,
        reason_answers=("self_tests.bridge.hamstring_cramp", "questionnaire.training"),
    ),
    Persona(
        "active person with every test normal",
        answers(sitting_hours=3, longest_sitting_bout=0.5, tests=with_tests()),
        bands=(Band.UNLIKELY,),
        compensation=Compensation.NONE,
        weaker_side=None,
        below={"likelihood": 1, "glute_max": 1, "glute_med": 1},
    ),
    Persona(
        "saddle numbness",
        answers(red_flags=("saddle-numbness",), symptoms=["numb-after-sitting"]),
        gate=Gate.STOP,
        gate_answers=("red_flags.saddle-numbness",),
        message_has=("A&E", "now"),
    ),
    Persona(
        "new bladder trouble",
        answers(red_flags=("bladder-trouble",), sitting_hours=9, desk_job=True),
        gate=Gate.STOP,
        gate_answers=("red_flags.bladder-trouble",),
        message_has=("A&E", "emergency"),
    ),
    Persona(
        "fever with back pain",
        answers(red_flags=("fever-with-pain",), symptoms=["recurring-low-back-pain"]),
        gate=Gate.STOP,
        gate_answers=("red_flags.fever-with-pain",),
        message_has=("today", "same-day"),
    ),
    Persona(
        "back pain and a history of cancer",
        answers(red_flags=("cancer-history",), pain_over_48h=True),
        gate=Gate.STOP,
        message_has=("urgently",),
    ),
    Persona(
        "an urgent flag and an emergency flag: the message is the emergency one",
        answers(red_flags=("weight-loss", "bowel-trouble")),
        gate=Gate.STOP,
        gate_answers=("red_flags.weight-loss", "red_flags.bowel-trouble"),
        message_has=("A&E",),
    ),
    Persona(
        "recent hip surgery",
        answers(conditions=["hip-surgery"], sitting_hours=8),
        gate=Gate.CLEARANCE,
        gate_answers=("questionnaire.conditions.hip-surgery",),
        message_has=("cleared",),
    ),
    Persona(
        "sciatica",
        answers(conditions=["sciatica"], pain_over_48h=True),
        gate=Gate.CLEARANCE,
        gate_answers=("questionnaire.conditions.sciatica",),
        at_least={"pain": 40},
    ),
    Persona(
        "sciatica and saddle numbness: the red flag wins",
        answers(red_flags=("saddle-numbness",), conditions=["sciatica"]),
        gate=Gate.STOP,
    ),
    Persona(
        "pregnant",
        answers(pregnancy="pregnant", tests=with_tests()),
        bands=(Band.UNLIKELY,),
        gate=Gate.CLEARANCE,
        gate_answers=("questionnaire.pregnancy",),
    ),
    Persona(
        "postpartum with a weak squeeze",
        answers(
            pregnancy="postpartum",
            tests={
                "glute_squeeze": {"left": {"contraction": "none"}, "right": {"contraction": "none"}}
            },
        ),
        gate=Gate.CLEARANCE,
        at_least={"glute_max": 50},
    ),
    Persona(
        "pain that exercise makes worse",
        answers(pain_over_48h=True, pain_worse_with_exercise=True),
        gate=Gate.CLEARANCE,
        gate_answers=("questionnaire.pain_worse_with_exercise",),
    ),
    Persona(
        "pain lasting more than 48 hours, no other signs",
        answers(pain_over_48h=True),
        at_least={"pain": 40},
        reason_answers=("questionnaire.pain_over_48h",),
        weaker_side=None,
    ),
    Persona(
        "asymmetric left weakness",
        answers(
            sitting_hours=8,
            desk_job=True,
            tests=with_tests(
                glute_squeeze={"left": {"contraction": "none"}},
                single_leg_stance={
                    "left": {"pelvis": "drops", "lost_balance": True, "usual_pain": False}
                },
                single_leg_bridge={"left": {"hold_seconds": 12, "hamstring_cramp": False}},
            ),
        ),
        bands=(Band.POSSIBLE, Band.LIKELY),
        weaker_side=Side.LEFT,
        at_least={"glute_max.left": 90, "glute_med.left": 60, "asymmetry": 50},
        below={"glute_max.right": 1, "glute_med.right": 1},
        reason_answers=("self_tests.single_leg_bridge.left.hold_seconds",),
    ),
    Persona(
        "asymmetric right hip drop only",
        answers(
            tests=with_tests(
                single_leg_stance={
                    "right": {"pelvis": "trunk-lean", "lost_balance": False, "usual_pain": False}
                }
            )
        ),
        weaker_side=Side.RIGHT,
        at_least={"glute_med.right": 35},
    ),
    Persona(
        "lifter whose squats are quad-dominant",
        answers(
            training="quad-dominant",
            symptoms=["quads-burn", "strength-loss-in-lifts"],
            tests=with_tests(),
        ),
        bands=(Band.POSSIBLE, Band.LIKELY),
        compensation=Compensation.QUAD,
        at_least={"compensation_score": 60},
    ),
    Persona(
        "back takes over hip extension",
        answers(
            symptoms=["felt-in-back", "recurring-low-back-pain"],
            tests=with_tests(
                prone_hip_extension={
                    side: {"first_to_work": "back-first", "low_back_arches": True}
                    for side in ("left", "right")
                },
                bridge={"felt_most_in": "lower-back", "hamstring_cramp": False},
            ),
        ),
        compensation=Compensation.BACK,
        reason_answers=("self_tests.prone_hip_extension.left.first_to_work",),
    ),
    Persona(
        "sitter with tight hip flexors and a forward-tilted pelvis",
        answers(
            sitting_hours=11,
            longest_sitting_bout=4,
            desk_job=True,
            symptoms=["stiff-hips-knees-back"],
            tests=with_tests(
                thomas_test={
                    side: {"thigh": "above", "knee": "straightens"} for side in ("left", "right")
                },
                mirror_check={"pelvis": "forward", "low_back_curve": "big"},
            ),
        ),
        at_least={
            "hip_flexors.left": 80,
            "hip_flexors.right": 80,
            "pelvic_tilt": 75,
            "sedentary": 90,
        },
        weaker_side=None,
    ),
    Persona(
        "usual hip pain on single-leg stance (Grimaldi)",
        answers(
            tests=with_tests(
                single_leg_stance={
                    "left": {"pelvis": "level", "lost_balance": False, "usual_pain": True}
                }
            )
        ),
        gate=Gate.CLEARANCE,
        gate_answers=("self_tests.single_leg_stance.left.usual_pain",),
    ),
    Persona(
        "the seed-004 author: left hip pain, left glute will not switch on",
        answers(
            pain_over_48h=True,
            symptoms=["cannot-tense-glutes"],
            tests={
                "glute_squeeze": {
                    "left": {"contraction": "none"},
                    "right": {"contraction": "clear"},
                },
                "prone_hip_extension": {
                    "left": {"first_to_work": "glute-silent", "low_back_arches": False}
                },
            },
        ),
        weaker_side=Side.LEFT,
        at_least={"glute_max.left": 90, "pain": 40},
    ),
    Persona(
        "heavy sitter who skipped every self-test",
        answers(sitting_hours=12, longest_sitting_bout=5, desk_job=True, training="none"),
        bands=(Band.POSSIBLE,),
        weaker_side=None,
        at_least={"sedentary": 100},
    ),
]


@pytest.mark.parametrize("persona", PERSONAS, ids=[p.name for p in PERSONAS])
def test_persona(persona: Persona) -> None:
    profile = build_profile(parse_answers(persona.answers))
    assert profile.gate is persona.gate, profile.gate_reasons
    if persona.gate is not Gate.STOP:
        assert profile.band in persona.bands, (profile.likelihood, profile.band_reasons)
    if persona.compensation is not ANY:
        assert profile.compensation is persona.compensation
    if persona.weaker_side is not ANY:
        assert profile.weaker_side is persona.weaker_side
    for name, floor in persona.at_least.items():
        assert score_of(profile, name) >= floor, name
    for name, ceiling in persona.below.items():
        assert score_of(profile, name) < ceiling, name
    named = {a for r in profile.reasons for a in r.answers}
    assert set(persona.reason_answers) <= named
    gate_named = {a for r in profile.gate_reasons for a in r.answers}
    assert set(persona.gate_answers) <= gate_named
    for words in persona.message_has:
        assert words in profile.gate_message
    assert "not a diagnosis" in profile.disclaimer


def test_there_are_at_least_15_personas() -> None:
    assert len(PERSONAS) >= 15


def test_the_band_says_when_it_rests_on_the_questionnaire_alone() -> None:
    profile = build_profile(parse_answers(answers(sitting_hours=9)))
    assert any("No self-test was done" in r.text for r in profile.band_reasons)
    skipped = [r for r in profile.reasons if "skipped" in r.text]
    assert len(skipped) == 12  # 5 sided tests x 2 sides + 2 tests without sides
    assert all(r.weight == 0 for r in skipped)


def test_every_score_is_the_sum_of_its_reasons_up_to_the_cap() -> None:
    profile = build_profile(parse_answers(answers(symptoms=["cannot-tense-glutes", "quads-burn"])))
    points = sum(
        r.weight for r in profile.reasons if r.component and r.component.value == "glute-max"
    )
    assert profile.glute_max.left == profile.glute_max.right == min(100, points) == 40


def test_band_reasons_add_up_to_the_likelihood() -> None:
    profile = build_profile(
        parse_answers(answers(sitting_hours=8, desk_job=True, pain_over_48h=True))
    )
    assert sum(r.weight for r in profile.band_reasons) == pytest.approx(profile.likelihood, abs=0.2)
    assert [r.weight for r in profile.band_reasons] == sorted(
        (r.weight for r in profile.band_reasons), reverse=True
    )


def test_side_difference_needs_more_than_10_seconds() -> None:
    def left_points(left: int, right: int) -> float:
        tests = {
            "single_leg_bridge": {
                "left": {"hold_seconds": left, "hamstring_cramp": False},
                "right": {"hold_seconds": right, "hamstring_cramp": False},
            }
        }
        return build_profile(parse_answers(answers(tests=tests))).glute_max.left

    assert left_points(30, 40) == 0
    assert left_points(29, 40) == 10
    assert left_points(19, 40) == 40

"""Answers -> an explainable Profile.

Each answer adds the points its data file gives (questions.yaml, self_tests.yaml), and each
addition is kept as a ``Reason`` naming the answer. Scores are sums capped at 100. The
weights and the thresholds below are glutewake's own choices, not published figures; they are
documented in docs/screening.md. Where a criterion comes from a source (a self-test's pass/fail
rule), the data file cites it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from glutewake.screening.answers import Answers, measure_path
from glutewake.screening.data import load_screening_data
from glutewake.screening.effects import effects
from glutewake.screening.gate import decide_gate, stop_decision
from glutewake.screening.profile import (
    Band,
    Compensation,
    Component,
    Profile,
    Reason,
    Side,
    SidedScore,
)
from glutewake.screening.schema import SIDED_COMPONENTS, AnswerType, ScreeningData, SelfTest

# How much each component (its worse side, for sided ones) counts towards the likelihood.
LIKELIHOOD_WEIGHTS: dict[Component, float] = {
    Component.GLUTE_MAX: 0.45,
    Component.GLUTE_MED: 0.25,
    Component.COMPENSATION: 0.25,
    Component.SEDENTARY: 0.25,
    Component.HIP_FLEXORS: 0.10,
    Component.PELVIC_TILT: 0.10,
    Component.PAIN: 0.10,
}
POSSIBLE_FROM = 25.0  # likelihood at which the band becomes "possible"
LIKELY_FROM = 50.0  # ... and "likely"
COMPENSATION_FROM = 25.0  # a pattern is named only from this score up
ASYMMETRY_FROM = 10.0  # a weaker side is named only from this left/right difference up
COMPENSATION_ORDER = (Compensation.HAMSTRING, Compensation.BACK, Compensation.QUAD)  # ties

COMPONENT_NAMES: dict[Component, str] = {
    Component.GLUTE_MAX: "Gluteus maximus activation",
    Component.GLUTE_MED: "Gluteus medius / pelvic stability",
    Component.HIP_FLEXORS: "Hip-flexor tightness",
    Component.PELVIC_TILT: "Anterior pelvic tilt",
    Component.COMPENSATION: "Compensation",
    Component.SEDENTARY: "Sitting load",
    Component.PAIN: "Pain",
}


@dataclass(frozen=True)
class _Points:
    """Points on one component (one side of it, or both when side is None)."""

    component: Component
    side: Side | None
    pattern: Compensation
    reason: Reason


def describe_level(score: float) -> str:
    """A score in words, on the band's cut-offs."""
    if score >= LIKELY_FROM:
        return "strong signs"
    if score >= POSSIBLE_FROM:
        return "some signs"
    return "few or no signs" if score > 0 else "no signs"


def _reason(
    component: Component, side: Side | None, why: str, answer: str, weight: float
) -> Reason:
    text = f"{side.value.capitalize()}: {why}" if side else why
    return Reason(component=component, text=text, answers=(answer,), weight=weight)


def _answer_points(answers: Answers, data: ScreeningData) -> list[_Points]:
    found: list[_Points] = []
    for effect in effects(answers, data):
        for points in effect.points:
            side = effect.side if points.component in SIDED_COMPONENTS else None
            reason = _reason(points.component, side, points.why, effect.answer, points.weight)
            pattern = points.pattern or Compensation.NONE
            found.append(_Points(points.component, side, pattern, reason))
    return found


def _side_difference_points(answers: Answers, test: SelfTest) -> list[_Points]:
    """Points for the side with the lower value when the two sides differ enough."""
    found: list[_Points] = []
    left, right = answers.measures(test.id, Side.LEFT), answers.measures(test.id, Side.RIGHT)
    if left is None or right is None:
        return found
    for measure in test.measures:
        low, high = left.get(measure.id), right.get(measure.id)
        if not isinstance(low, int | float) or not isinstance(high, int | float):
            continue
        lower_side = Side.LEFT if low < high else Side.RIGHT
        for points in measure.side_difference:
            if points.applies_to(abs(low - high)):
                answer = measure_path(test.id, lower_side, measure.id)
                reason = _reason(points.component, lower_side, points.why, answer, points.weight)
                pattern = points.pattern or Compensation.NONE
                found.append(_Points(points.component, lower_side, pattern, reason))
    return found


def _skipped(answers: Answers, data: ScreeningData) -> list[Reason]:
    reasons: list[Reason] = []
    for test in data.self_tests:
        for side in (Side.LEFT, Side.RIGHT) if test.sided else (None,):
            if answers.measures(test.id, side) is None:
                where = f" ({side.value} side)" if side else ""
                reasons.append(
                    Reason(
                        component=test.components[0],
                        text=f"{test.name}{where} was skipped: it adds nothing to the scores.",
                        answers=(measure_path(test.id, side),),
                    )
                )
    return reasons


def _capped(total: float) -> float:
    return min(100.0, round(total, 1))


def _sum(points: Iterable[_Points], component: Component, side: Side | None = None) -> float:
    return _capped(
        sum(
            p.reason.weight
            for p in points
            if p.component is component and (side is None or p.side in (None, side))
        )
    )


def _compensation(points: list[_Points]) -> tuple[Compensation, float]:
    totals = {
        pattern: _capped(sum(p.reason.weight for p in points if p.pattern is pattern))
        for pattern in COMPENSATION_ORDER
    }
    best = max(COMPENSATION_ORDER, key=lambda pattern: totals[pattern])  # first wins a tie
    score = totals[best]
    return (best if score >= COMPENSATION_FROM else Compensation.NONE), score


def _weaker_side(glute_max: SidedScore, glute_med: SidedScore) -> tuple[float, Side | None]:
    """Left/right difference of the mean glute score, and the side scoring worse (if any)."""
    left = (glute_max.left + glute_med.left) / 2
    right = (glute_max.right + glute_med.right) / 2
    asymmetry = round(abs(left - right), 1)
    if asymmetry < ASYMMETRY_FROM:
        return asymmetry, None
    return asymmetry, Side.LEFT if left > right else Side.RIGHT


def _band(likelihood: float) -> Band:
    if likelihood >= LIKELY_FROM:
        return Band.LIKELY
    if likelihood >= POSSIBLE_FROM:
        return Band.POSSIBLE
    return Band.UNLIKELY


def _band_reasons(scores: dict[Component, float], reasons: list[Reason]) -> list[Reason]:
    """Each component's share of the likelihood, largest first, with the answers behind it."""
    shares = sorted(
        ((LIKELIHOOD_WEIGHTS[c] * s, c) for c, s in scores.items() if s > 0),
        key=lambda item: -item[0],
    )
    band_reasons = []
    for share, component in shares:
        answers = dict.fromkeys(a for r in reasons if r.component is component for a in r.answers)
        text = (
            f"{COMPONENT_NAMES[component]} {scores[component]:g} x "
            f"{LIKELIHOOD_WEIGHTS[component]:g} adds {share:.1f} to the likelihood."
        )
        band_reasons.append(
            Reason(component=component, text=text, answers=tuple(answers), weight=round(share, 1))
        )
    return band_reasons


def _test_coverage_note(answers: Answers, data: ScreeningData) -> list[Reason]:
    if answers.self_tests:
        return []
    ids = tuple(measure_path(t.id, None) for t in data.self_tests)
    text = "No self-test was done: the band rests on the questionnaire alone."
    return [Reason(component=None, text=text, answers=ids)]


def build_profile(answers: Answers, data: ScreeningData | None = None) -> Profile:
    """Score validated answers into a Profile, with every reason and the safety gate."""
    data = data or load_screening_data()
    points = _answer_points(answers, data)
    for test in data.self_tests:
        if test.sided and any(m.type is AnswerType.NUMBER for m in test.measures):
            points.extend(_side_difference_points(answers, test))

    def sided(component: Component) -> SidedScore:
        return SidedScore(
            left=_sum(points, component, Side.LEFT), right=_sum(points, component, Side.RIGHT)
        )

    glute_max, glute_med = sided(Component.GLUTE_MAX), sided(Component.GLUTE_MED)
    hip_flexors = sided(Component.HIP_FLEXORS)
    compensation, compensation_score = _compensation(points)
    asymmetry, weaker_side = _weaker_side(glute_max, glute_med)
    scores = {
        Component.GLUTE_MAX: glute_max.worst,
        Component.GLUTE_MED: glute_med.worst,
        Component.HIP_FLEXORS: hip_flexors.worst,
        Component.PELVIC_TILT: _sum(points, Component.PELVIC_TILT),
        Component.COMPENSATION: compensation_score,
        Component.SEDENTARY: _sum(points, Component.SEDENTARY),
        Component.PAIN: _sum(points, Component.PAIN),
    }
    likelihood = _capped(sum(LIKELIHOOD_WEIGHTS[c] * s for c, s in scores.items()))
    reasons = [p.reason for p in points]
    gate = decide_gate(answers, data)
    return Profile(
        glute_max=glute_max,
        glute_med=glute_med,
        hip_flexors=hip_flexors,
        pelvic_tilt=scores[Component.PELVIC_TILT],
        compensation=compensation,
        compensation_score=compensation_score,
        sedentary=scores[Component.SEDENTARY],
        pain=scores[Component.PAIN],
        asymmetry=asymmetry,
        weaker_side=weaker_side,
        likelihood=likelihood,
        band=_band(likelihood),
        gate=gate.gate,
        gate_reasons=gate.reasons,
        reasons=(*reasons, *_skipped(answers, data)),
        gate_message=gate.message,
        band_reasons=(*_band_reasons(scores, reasons), *_test_coverage_note(answers, data)),
    )


RED_FLAGS_ONLY = (
    "Only the warning signs were answered: the rest of the screening was not taken, so there "
    "are no results beyond the safety gate."
)


def red_flags_only_profile(flag_ids: Sequence[str], data: ScreeningData | None = None) -> Profile:
    """The profile of a screening stopped at its warning signs: the stop, and nothing scored.

    Stored as soon as a red flag is raised, so that the gate holds even if the person leaves.
    """
    data = data or load_screening_data()
    if not flag_ids:
        raise ValueError("a red-flags-only profile needs at least one red flag")
    gate = stop_decision(flag_ids, data)
    nothing = SidedScore(left=0, right=0)
    return Profile(
        glute_max=nothing,
        glute_med=nothing,
        hip_flexors=nothing,
        pelvic_tilt=0,
        compensation=Compensation.NONE,
        compensation_score=0,
        sedentary=0,
        pain=0,
        asymmetry=0,
        weaker_side=None,
        likelihood=0,
        band=Band.UNLIKELY,
        gate=gate.gate,
        gate_reasons=gate.reasons,
        reasons=(Reason(component=None, text=RED_FLAGS_ONLY),),
        gate_message=gate.message,
    )

"""Phases on the calendar and gate criteria that say which one is still open, and why."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from programming_factories import profile

from glutewake.catalogue.schema import Phase
from glutewake.programming.phases import (
    GlutesFelt,
    HoldRetest,
    PainCeiling,
    calendar,
    gates,
)
from glutewake.screening.profile import Side
from glutewake.tracking.log import Felt, SetLog

TODAY = date(2025, 3, 14)
W, B, INT = Phase.WAKE_UP, Phase.BUILD, Phase.INTEGRATE


def log(
    exercise_id: str = "bridge",
    *,
    days_ago: int = 0,
    felt: Felt = Felt.GLUTES_LEFT,
    pain: int = 0,
    hold: int | None = None,
    side: Side | None = None,
) -> SetLog:
    day = TODAY - timedelta(days=days_ago)
    return SetLog(
        exercise_id=exercise_id,
        day=day,
        set_number=1,
        side=side,
        reps=None if hold is not None else 10,
        hold_seconds=hold,
        effort=5,
        felt=[felt],
        pain=pain,
        logged_at=datetime(day.year, day.month, day.day, 12, 0),
    )


def test_the_calendar_gives_every_phase_time() -> None:
    mild, severe = profile(glute_max=(30, 30)), profile(glute_max=(80, 30))
    assert calendar(4, mild) == (W, B, B, INT)
    assert calendar(4, severe) == (W, B, B, INT)
    assert calendar(5, mild) == (W, B, B, INT, INT)
    assert calendar(5, severe) == (W, W, B, B, INT)
    assert calendar(6, severe) == (W, W, B, B, INT, INT)


def test_glutes_felt_needs_enough_sets_and_a_majority() -> None:
    rule = GlutesFelt()
    status = rule.evaluate([log() for _ in range(5)], TODAY)
    assert not status.met and "only 5 of 6" in status.why
    half = [log() for _ in range(3)] + [log(felt=Felt.HAMSTRINGS) for _ in range(3)]
    assert not rule.evaluate(half, TODAY).met
    most = [log() for _ in range(4)] + [log(felt=Felt.HAMSTRINGS) for _ in range(2)]
    status = rule.evaluate(most, TODAY)
    assert status.met and "4 of 6" in status.why


def test_glutes_felt_counts_a_one_sided_set_only_in_the_glute_of_its_side() -> None:
    wrong = [log(side=Side.LEFT, felt=Felt.GLUTES_RIGHT) for _ in range(6)]
    status = GlutesFelt().evaluate(wrong, TODAY)
    assert not status.met and "0 of 6 sets in the glutes" in status.why
    right = [log(side=Side.RIGHT, felt=Felt.GLUTES_RIGHT) for _ in range(6)]
    assert GlutesFelt().evaluate(right, TODAY).met
    gate = gates((W, B), None)[0]
    assert [c.id for c in gate.evaluate(wrong, TODAY).open] == ["glutes-felt"]
    assert gate.evaluate(right, TODAY).met


def test_glutes_felt_looks_at_the_last_week_only() -> None:
    old = [log(days_ago=7) for _ in range(6)]
    assert not GlutesFelt().evaluate(old, TODAY).met


def test_pain_ceiling_needs_logs_and_low_pain() -> None:
    rule = PainCeiling()
    assert not rule.evaluate([], TODAY).met
    assert rule.evaluate([log(pain=2)], TODAY).met
    status = rule.evaluate([log(pain=2), log(pain=3)], TODAY)
    assert not status.met and "3/10" in status.why


def test_the_retest_needs_both_sides_and_counts_the_latest_attempt() -> None:
    rule = HoldRetest(exercise_id="single-leg-glute-bridge", source="self_tests.md")
    left = log("single-leg-glute-bridge", hold=32, side=Side.LEFT)
    status = rule.evaluate([left], TODAY)
    assert not status.met and "right side not tested yet" in status.why
    right_short = log("single-leg-glute-bridge", hold=25, side=Side.RIGHT, days_ago=1)
    right_ok = log("single-leg-glute-bridge", hold=31, side=Side.RIGHT)
    assert not rule.evaluate([left, right_short], TODAY).met
    assert rule.evaluate([left, right_short, right_ok], TODAY).met
    painful = log("single-leg-glute-bridge", hold=40, side=Side.RIGHT, pain=3)
    assert not rule.evaluate(
        [left, right_ok.model_copy(update={"day": TODAY - timedelta(days=2)}), painful], TODAY
    ).met


def test_gates_join_the_phases_and_only_integrate_has_the_retest() -> None:
    found = gates((W, B, B, INT), ("single-leg-glute-bridge", "self_tests.md"))
    assert [(g.from_phase, g.to_phase) for g in found] == [(W, B), (B, INT)]
    assert [c.kind for c in found[0].criteria] == ["glutes-felt", "pain-ceiling"]
    assert [c.kind for c in found[1].criteria][-1] == "hold-retest"
    status = found[1].evaluate([log() for _ in range(6)], TODAY)
    assert [c.id for c in status.open] == ["hold-retest"]
    assert "for 30 s on each side" in status.open[0].text

"""Small domain values for store tests."""

from __future__ import annotations

from datetime import date, datetime

from glutewake.screening.profile import Band, Compensation, Gate, Profile, SidedScore
from glutewake.tracking.log import Felt, SetLog


def a_profile(gate: Gate = Gate.GO) -> Profile:
    sided = SidedScore(left=60, right=20)
    return Profile(
        glute_max=sided,
        glute_med=sided,
        hip_flexors=sided,
        pelvic_tilt=10,
        compensation=Compensation.HAMSTRING,
        compensation_score=40,
        sedentary=70,
        pain=0,
        asymmetry=40,
        weaker_side=None,
        likelihood=55,
        band=Band.POSSIBLE,
        gate=gate,
    )


def a_log(reps: int = 10) -> SetLog:
    return SetLog(
        exercise_id="glute-bridge",
        day=date(2026, 11, 2),
        set_number=1,
        reps=reps,
        effort=5,
        felt=[Felt.GLUTES_LEFT],
        pain=0,
        logged_at=datetime(2026, 11, 2, 8, 30),
    )

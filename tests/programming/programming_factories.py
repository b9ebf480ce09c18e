"""Small catalogues, profiles and preferences for the programming tests, and their strategies."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hypothesis import strategies as st

from glutewake.catalogue.catalogue import Catalogue
from glutewake.catalogue.schema import Equipment, Exercise
from glutewake.programming.preferences import Context, Preferences
from glutewake.screening.profile import (
    Band,
    Compensation,
    Gate,
    Profile,
    Side,
    SidedScore,
)
from glutewake.weekday import Weekday

POSES = {
    "view": "side",
    "poses": [{"name": "a", "angles": {}}, {"name": "b", "angles": {"torso": 80}}],
}


def exercise(
    exercise_id: str,
    *,
    category: str = "activation",
    phases: Sequence[str] = ("wake-up",),
    patterns: Sequence[str] = ("hip-extension",),
    targets: Sequence[tuple[str, str]] = (("gluteus-maximus", "primary"),),
    level: int = 1,
    position: str = "standing",
    equipment: Sequence[str] = (),
    sets: int = 2,
    reps: tuple[int, int] | None = (8, 12),
    hold: tuple[int, int] | None = None,
    steps: tuple[int, int] | None = None,
    per_side: bool = False,
    rest: int = 30,
    evidence: Sequence[tuple[str, str, float, str]] = (),
    desk_friendly: bool = False,
    prerequisites: Sequence[str] = (),
    regressions: Sequence[str] = (),
    progressions: Sequence[str] = (),
    faults: Sequence[tuple[str | None, str]] = (),
    tempo: str = "1-1-1",
) -> Exercise:
    """A valid exercise with only the fields the engine reads made explicit."""
    dose: dict[str, Any] = {
        "sets": sets,
        "per_side": per_side,
        "tempo": tempo,
        "rest_seconds": rest,
        "source": "glutewake-default",
    }
    if hold is not None:
        dose["hold_seconds"] = {"low": hold[0], "high": hold[1]}
    elif steps is not None:
        dose["steps"] = {"low": steps[0], "high": steps[1]}
    else:
        assert reps is not None
        dose["reps"] = {"low": reps[0], "high": reps[1]}
    return Exercise.model_validate(
        {
            "id": exercise_id,
            "name": exercise_id.replace("-", " ").capitalize(),
            "summary": f"Test exercise {exercise_id}.",
            "category": category,
            "phases": list(phases),
            "patterns": list(patterns),
            "targets": [{"muscle": m, "role": r} for m, r in targets],
            "evidence": [
                {"source_id": sid, "muscle": muscle, "mean_mvic": value, "study": study}
                for sid, muscle, value, study in evidence
            ],
            "dose": dose,
            "equipment": list(equipment),
            "position": position,
            "desk_friendly": desk_friendly,
            "level": level,
            "prerequisites": [{"text": f"Master {p} first", "exercise": p} for p in prerequisites],
            "steps": ["Stand tall.", "Drive through your heels and squeeze."],
            "coach_tips": ["Move slowly."],
            "common_faults": [
                {"fault": f"fault {i}", "felt_in": felt, "cue": cue}
                for i, (felt, cue) in enumerate(faults)
            ],
            "regressions": list(regressions),
            "progressions": list(progressions),
            "sources": ["glutewake-default"],
            "illustration": POSES,
        }
    )


GMAX = ("gluteus-maximus", "primary")
GMED = ("gluteus-medius", "primary")


def small_catalogue() -> Catalogue:
    """Enough exercises for every phase, pattern and context, with a few traps."""
    return Catalogue(
        (
            exercise(
                "hip-flexor-stretch",
                category="mobility",
                patterns=("hip-flexor-length",),
                targets=(("hip-flexors", "primary"),),
                hold=(20, 30),
                per_side=True,
                sets=1,
                desk_friendly=True,
            ),
            exercise(
                "roll-hip-flexors",
                category="mobility",
                patterns=("soft-tissue",),
                targets=(("hip-flexors", "primary"),),
                hold=(30, 45),
                sets=1,
                position="prone",
                equipment=("foam-roller",),
            ),
            exercise("squeeze", hold=(10, 20), sets=2, desk_friendly=True),
            exercise(
                "bridge-hold",
                phases=("wake-up", "build"),
                position="supine",
                hold=(15, 30),
                sets=3,
                evidence=(("s1-bridge", "gluteus maximus", 30.0, "Study One"),),
                faults=(("hamstrings", "Heels closer to the hips."),),
            ),
            exercise(
                "single-leg-stand",
                patterns=("pelvic-stability",),
                targets=(GMED,),
                hold=(20, 40),
                per_side=True,
                desk_friendly=True,
            ),
            exercise(
                "clam",
                patterns=("external-rotation", "abduction"),
                targets=(GMED,),
                position="side-lying",
                per_side=True,
                evidence=(("s1-clam", "gluteus medius", 40.0, "Study One"),),
            ),
            exercise(
                "standing-rotation",
                patterns=("external-rotation",),
                targets=(GMAX, GMED),
                per_side=True,
                desk_friendly=True,
            ),
            exercise(
                "side-abduction",
                category="isolation",
                phases=("wake-up", "build"),
                patterns=("abduction",),
                targets=(GMED,),
                level=2,
                position="side-lying",
                per_side=True,
                sets=3,
                evidence=(("s1-abd", "gluteus medius", 81.0, "Study One"),),
            ),
            exercise(
                "bridge",
                category="isolation",
                phases=("build",),
                position="supine",
                reps=(10, 20),
                sets=3,
                level=1,
                regressions=("bridge-hold",),
                progressions=("frog",),
                evidence=(("s2-bridge", "gluteus maximus", 25.0, "Study Two"),),
            ),
            exercise(
                "frog",
                category="isolation",
                phases=("build",),
                patterns=("hip-extension", "external-rotation"),
                position="supine",
                reps=(15, 20),
                sets=3,
                level=2,
                prerequisites=("bridge",),
                regressions=("bridge",),
            ),
            exercise(
                "band-walk",
                category="isolation",
                phases=("build",),
                patterns=("abduction", "pelvic-stability"),
                targets=(GMED,),
                equipment=("mini-band",),
                level=3,
                sets=3,
            ),
            exercise(
                "half-squat",
                category="isolation",
                phases=("build",),
                patterns=("squat", "abduction"),
                targets=(GMAX, ("quadriceps", "primary")),
                equipment=("mini-band",),
                level=3,
            ),
            exercise(
                "sl-rdl",
                category="integration",
                phases=("integrate",),
                patterns=("hinge", "hip-extension", "pelvic-stability"),
                targets=(GMAX, ("hamstrings", "secondary")),
                level=3,
                per_side=True,
                sets=3,
                evidence=(("s2-slrdl", "gluteus maximus", 59.0, "Study Two"),),
            ),
            exercise(
                "lunge",
                category="integration",
                phases=("integrate",),
                patterns=("lunge",),
                targets=(GMAX, ("quadriceps", "primary")),
                level=3,
                per_side=True,
            ),
            exercise(
                "hip-thrust",
                category="integration",
                phases=("integrate",),
                position="supine",
                equipment=("barbell", "bench"),
                level=4,
                sets=3,
            ),
            exercise(
                "single-leg-glute-bridge",
                category="isolation",
                phases=("build", "integrate"),
                patterns=("hip-extension", "pelvic-stability"),
                position="supine",
                per_side=True,
                level=3,
                evidence=(("s1-slb", "gluteus maximus", 54.0, "Study One"),),
            ),
            exercise(
                "single-leg-standing",
                patterns=("pelvic-stability",),
                targets=(GMED,),
                hold=(30, 60),
                per_side=True,
                desk_friendly=True,
            ),
        )
    )


def profile(
    *,
    glute_max: tuple[float, float] = (60, 40),
    glute_med: tuple[float, float] = (50, 30),
    hip_flexors: tuple[float, float] = (20, 20),
    pelvic_tilt: float = 10,
    compensation: Compensation = Compensation.NONE,
    compensation_score: float = 0,
    pain: float = 0,
    weaker_side: Side | None = Side.LEFT,
    gate: Gate = Gate.GO,
) -> Profile:
    return Profile(
        glute_max=SidedScore(left=glute_max[0], right=glute_max[1]),
        glute_med=SidedScore(left=glute_med[0], right=glute_med[1]),
        hip_flexors=SidedScore(left=hip_flexors[0], right=hip_flexors[1]),
        pelvic_tilt=pelvic_tilt,
        compensation=compensation,
        compensation_score=compensation_score,
        sedentary=50,
        pain=pain,
        asymmetry=abs(glute_max[0] - glute_max[1]),
        weaker_side=weaker_side,
        likelihood=50,
        band=Band.POSSIBLE,
        gate=gate,
    )


scores = st.integers(min_value=0, max_value=100).map(float)
sided = st.tuples(scores, scores)


GO = st.just(Gate.GO)


@st.composite
def profiles(draw: st.DrawFn, gate: st.SearchStrategy[Gate] = GO) -> Profile:
    compensation = draw(st.sampled_from(Compensation))
    return profile(
        glute_max=draw(sided),
        glute_med=draw(sided),
        hip_flexors=draw(sided),
        pelvic_tilt=draw(scores),
        compensation=compensation,
        compensation_score=0 if compensation is Compensation.NONE else draw(scores),
        pain=draw(scores),
        weaker_side=draw(st.sampled_from([None, Side.LEFT, Side.RIGHT])),
        gate=draw(gate),
    )


@st.composite
def preferences(draw: st.DrawFn, min_minutes: int = 5) -> Preferences:
    sessions = draw(st.integers(min_value=1, max_value=7))
    days = draw(
        st.one_of(
            st.just(()),
            st.lists(st.sampled_from(Weekday), min_size=sessions, max_size=sessions, unique=True),
        )
    )
    return Preferences(
        minutes=draw(st.integers(min_value=min_minutes, max_value=120)),
        sessions_per_week=sessions,
        weeks=draw(st.integers(min_value=4, max_value=6)),
        equipment=tuple(draw(st.sets(st.sampled_from(Equipment)))),
        can_floor=draw(st.booleans()),
        context=draw(st.sampled_from(Context)),
        training_days=tuple(days),
    )

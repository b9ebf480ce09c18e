"""A catalogue with regression and progression chains, a person, and a simulated logbook."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from typing import Any

from programming_factories import GMED, exercise, profile

from glutewake.catalogue.catalogue import Catalogue
from glutewake.programming.builder import ProgramBuilder
from glutewake.programming.preferences import Preferences
from glutewake.programming.program import Item, Program, Session
from glutewake.progression.adapt import adapt
from glutewake.screening.profile import Side
from glutewake.tracking.log import Felt, SetLog

WORKING_GLUTE = {Side.LEFT: Felt.GLUTES_LEFT, Side.RIGHT: Felt.GLUTES_RIGHT, None: Felt.GLUTES_LEFT}
START = date(2025, 3, 3)  # a Monday; sessions Mon, Tue, Thu, Fri
LOW_GMAX = ("gluteus-maximus", "secondary")

CATALOGUE = Catalogue(
    (
        exercise(
            "stretch",
            category="mobility",
            patterns=("hip-flexor-length",),
            targets=(("hip-flexors", "primary"),),
            hold=(20, 30),
            per_side=True,
            sets=1,
        ),
        exercise("squeeze", hold=(10, 20), progressions=("bridge-hold",)),
        exercise(
            "bridge-hold",
            position="supine",
            hold=(15, 30),
            regressions=("squeeze",),
            progressions=("single-leg-hold",),
            faults=(("hamstrings", "Bring your heels closer and push through them."),),
        ),
        exercise(
            "single-leg-hold",
            position="supine",
            targets=(("core", "primary"), LOW_GMAX),
            level=2,
            per_side=True,
            hold=(10, 20),
            regressions=("bridge-hold",),
        ),
        exercise(
            "clam",
            patterns=("external-rotation", "abduction"),
            targets=(GMED,),
            position="side-lying",
            per_side=True,
            reps=(8, 12),
            regressions=("side-rotation",),
            faults=(("lower-back", "Keep your pelvis stacked; move only the knee."),),
        ),
        exercise(
            "side-rotation",
            patterns=("external-rotation",),
            targets=(("core", "primary"), ("gluteus-medius", "secondary")),
            per_side=True,
        ),
        exercise(
            "stand", patterns=("pelvic-stability",), targets=(GMED,), hold=(20, 40), per_side=True
        ),
        exercise(
            "bridge",
            category="isolation",
            phases=("build",),
            position="supine",
            reps=(10, 20),
            sets=3,
            regressions=("bridge-hold",),
        ),
        exercise(
            "walk",
            category="isolation",
            phases=("build",),
            patterns=("abduction",),
            targets=(GMED,),
            level=2,
            progressions=("hard-walk",),
        ),
        exercise(
            "side-step",
            category="isolation",
            phases=("build",),
            patterns=("abduction",),
            targets=(GMED,),
            evidence=(
                ("t1", "gluteus medius", 50.0, "Trial"),
                ("t2", "gluteus medius", 10.0, "Trial"),
            ),
        ),
        # Harder, and listed for the last phase only, so the optimiser never puts it into the
        # build phase (where it would tie with the band walk): the progression rule moves the
        # band walk onto it there.
        exercise(
            "hard-walk",
            category="isolation",
            phases=("integrate",),
            patterns=("abduction",),
            targets=(("core", "primary"), ("gluteus-medius", "secondary")),
            level=3,
            regressions=("walk",),
        ),
        exercise(
            "frog",
            category="isolation",
            phases=("build",),
            patterns=("hip-extension", "external-rotation"),
            position="supine",
            level=2,
        ),
        exercise(
            "rdl",
            category="integration",
            phases=("integrate",),
            patterns=("hinge", "pelvic-stability"),
            level=3,
            per_side=True,
        ),
    )
)
PREFS = Preferences(minutes=30)
PERSON = profile(weaker_side=Side.LEFT, hip_flexors=(60, 40))


def new_program() -> Program:
    return ProgramBuilder(CATALOGUE).build(PERSON, PREFS, START)


def sets_of(
    item: Item,
    day: date,
    *,
    felt: Felt | None = None,
    effort: int = 7,
    pain: int = 0,
    done: int | None = None,
) -> list[SetLog]:
    """Every set of ``item`` on ``day``, both sides when one-sided; by default a fair effort,
    felt in the working glute (the glute of the side, the left one for a two-sided set)."""
    sides = item.side_order or ((Side.LEFT, Side.RIGHT) if item.per_side else (None,))
    amount = item.target if done is None else done
    measure = "hold_seconds" if item.measure == "hold_seconds" else "reps"
    logs = []
    for number in range(1, item.sets + 1):
        for side in sides:
            logs.append(
                SetLog(
                    exercise_id=item.exercise_id,
                    day=day,
                    set_number=number,
                    side=side,
                    effort=effort,
                    felt=[felt or WORKING_GLUTE[side]],
                    pain=pain,
                    logged_at=datetime.combine(day, time(18, number)),
                    **{measure: amount},
                )
            )
    return logs


def perform(
    session: Session,
    day: date | None = None,
    special: Mapping[str, Mapping[str, Any]] | None = None,
) -> list[SetLog]:
    """Log a whole session as prescribed; ``special`` overrides how some exercises went."""
    when = day or session.day
    logs = []
    for item in session.items:
        logs.extend(sets_of(item, when, **(special or {}).get(item.exercise_id, {})))
    return logs


def train_until_walked(
    program: Program,
    walk_days: int,
    special: Mapping[str, Mapping[str, Any]],
    catalogue: Catalogue = CATALOGUE,
) -> Program:
    """Every session in order from the start, as prescribed (``special`` per exercise),
    adapting after each, until the band walk was done on ``walk_days`` days."""
    logs: list[SetLog] = []
    done, day = 0, START
    while done < walk_days:
        session = program.next_session(day)
        assert session is not None, f"the program ended after {done} band-walk days"
        logs += perform(session, session.day, special)
        done += any(item.exercise_id == "walk" for item in session.items)
        program = adapt(program, logs, session.day, catalogue).program
        day = session.day + timedelta(days=1)
    return program

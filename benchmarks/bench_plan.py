"""Plan generation: latency and quality of the prescription engine.

(a) Latency of building a whole program (every phase solved by CP-SAT), median and p99 over
    1,000 random profiles and preferences, one process, catalogue loaded once (aim: median
    under 50 ms).
(b) Quality: the solver's objective against the exhaustive optimum on small instances (must be
    equal), and the program's objective against a baseline that follows seed 003's ten
    exercises in order, cut to the time budget (ratio).
"""

from __future__ import annotations

import random
import statistics
import time
from dataclasses import replace
from datetime import date

from glutewake.catalogue.catalogue import Catalogue, default_catalogue
from glutewake.catalogue.schema import Category, Equipment, Phase
from glutewake.errors import InvalidInputError
from glutewake.programming import exhaustive, solver
from glutewake.programming.builder import ProgramBuilder
from glutewake.programming.eligibility import usable
from glutewake.programming.preferences import Context, Preferences
from glutewake.programming.problem import PhaseProblem
from glutewake.programming.stimulus import needs, value_per_set
from glutewake.programming.timing import budget_cost
from glutewake.screening.profile import (
    Band,
    Compensation,
    Gate,
    Profile,
    Side,
    SidedScore,
)
from glutewake.weekday import Weekday

START = date(2025, 3, 3)
PROFILES = 1000
SMALL_PHASES = 200
BASELINE_PROFILES = 300
# Seed 003's ten exercises, in its order (catalogue ids).
SEED_003 = (
    "single-leg-standing",
    "standing-hip-drive",
    "glute-medius-wall-lean",
    "banded-half-squat",
    "wall-clamshell",
    "bird-dog",
    "glute-bridge-hold",
    "lateral-band-walk",
    "frog-pump",
    "single-leg-romanian-deadlift",
)


def random_profile(rng: random.Random) -> Profile:
    def score() -> float:
        return float(rng.randint(0, 100))

    compensation = rng.choice(list(Compensation))
    return Profile(
        glute_max=SidedScore(left=score(), right=score()),
        glute_med=SidedScore(left=score(), right=score()),
        hip_flexors=SidedScore(left=score(), right=score()),
        pelvic_tilt=score(),
        compensation=compensation,
        compensation_score=0 if compensation is Compensation.NONE else score(),
        sedentary=score(),
        pain=score(),
        asymmetry=score(),
        weaker_side=rng.choice([None, Side.LEFT, Side.RIGHT]),
        likelihood=score(),
        band=rng.choice(list(Band)),
        gate=Gate.GO,
    )


def random_preferences(rng: random.Random) -> Preferences:
    sessions = rng.randint(1, 7)
    return Preferences(
        minutes=rng.choice([5, 10, 15, 20, 30, 45, 60, 90]),
        sessions_per_week=sessions,
        weeks=rng.randint(4, 6),
        equipment=tuple(e for e in Equipment if rng.random() < 0.3),
        can_floor=rng.random() < 0.8,
        context=rng.choice(list(Context)),
        training_days=tuple(sorted(rng.sample(list(Weekday), sessions), key=lambda d: d.number)),
    )


def latency(builder: ProgramBuilder, rng: random.Random) -> None:
    builder.build(random_profile(rng), Preferences(), START)  # imports ortools once
    times, refused = [], 0
    for _ in range(PROFILES):
        person, prefs = random_profile(rng), random_preferences(rng)
        started = time.perf_counter()
        try:
            builder.build(person, prefs, START)
        except InvalidInputError:
            refused += 1
        times.append(time.perf_counter() - started)
    times.sort()
    p99 = times[int(0.99 * (len(times) - 1))]
    print(f"(a) plan generation, {PROFILES} random profiles and preferences:")
    print(
        f"    median {statistics.median(times) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms, "
        f"max {times[-1] * 1000:.1f} ms (aim: median under 50 ms); "
        f"{refused} refused as too short for the choices"
    )


def small(problem: PhaseProblem, rng: random.Random, size: int) -> PhaseProblem:
    """The problem on a random handful of its candidates, at most two sets each."""
    kept = rng.sample(list(problem.candidates), min(size, len(problem.candidates)))
    return replace(
        problem,
        candidates=tuple(replace(c, max_sets=min(c.max_sets, 2)) for c in kept),
    )


def exact_vs_exhaustive(builder: ProgramBuilder, rng: random.Random) -> None:
    equal = feasible = checked = 0
    while checked < SMALL_PHASES:
        person, prefs = random_profile(rng), random_preferences(rng)
        phase = rng.choice(list(Phase))
        tight = rng.random() < 0.5
        problem, _ = builder.phase_problem(phase, person, prefs, tight)
        instance = small(problem, rng, size=6)
        if rng.random() < 0.5:
            instance = replace(instance, session_coverage=False)
        found, reference = solver.solve(instance), exhaustive.solve(instance)
        checked += 1
        if found is None or reference is None:
            equal += found is None and reference is None
            continue
        feasible += 1
        equal += found.objective == reference.objective
    print(f"(b1) CP-SAT vs exhaustive optimum on {SMALL_PHASES} small phase problems")
    print(
        f"     (6 candidates from real problems, up to 2 sets, 1-2 session kinds): "
        f"{equal}/{SMALL_PHASES} equal ({feasible} feasible; the others must be infeasible "
        "for both to count as equal)"
    )


def baseline_objective(
    catalogue: Catalogue, builder: ProgramBuilder, person: Profile, prefs: Preferences
) -> int:
    """Seed 003's ten exercises in order, full dose, stopping at the first that does not fit."""
    need = needs(person)
    extra = person.weaker_side is not None
    seconds = value = 0
    for exercise_id in SEED_003:
        exercise = catalogue.get(exercise_id)
        if usable(exercise, prefs) is not None:
            continue
        glute = extra and exercise.category is not Category.MOBILITY
        cost = budget_cost(exercise, glute).seconds(exercise.dose.sets)
        if seconds + cost > prefs.budget_seconds:
            break
        seconds += cost
        value += value_per_set(exercise, builder.table, need, person) * exercise.dose.sets
    return value * prefs.sessions_per_week * prefs.weeks


def against_baseline(builder: ProgramBuilder, rng: random.Random) -> None:
    catalogue = builder.catalogue
    ratios: list[float] = []
    empty = 0
    while len(ratios) < BASELINE_PROFILES:
        person, prefs = random_profile(rng), random_preferences(rng)
        try:
            program = builder.build(person, prefs, START)
        except InvalidInputError:
            continue
        baseline = baseline_objective(catalogue, builder, person, prefs)
        if baseline == 0:
            empty += 1
            continue
        ratios.append(program.objective / baseline)
    ratios.sort()
    print(f"(b2) program objective / seed-003 baseline, {BASELINE_PROFILES} random profiles:")
    print(
        f"     median {statistics.median(ratios):.2f}, geometric mean "
        f"{statistics.geometric_mean(ratios):.2f}, min {ratios[0]:.2f}, max {ratios[-1]:.2f}; "
        f"baseline empty (nothing fits) in {empty} more cases"
    )


def main() -> None:
    rng = random.Random(4)
    builder = ProgramBuilder(default_catalogue())
    latency(builder, rng)
    exact_vs_exhaustive(builder, rng)
    against_baseline(builder, rng)


if __name__ == "__main__":
    main()

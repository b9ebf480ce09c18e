"""Plan generation: latency and quality of the prescription engine (issue 17).

(a) Latency of the real path: ``build_program`` (the builder kept per catalogue, as the app
    uses it), the program's JSON and its save to a SQLite store in one transaction; CPU time
    (a busy machine distorts wall time), median and p99 over random profiles and preferences,
    with the load average. Aim: median under 20 ms, p99 under 100 ms. ``--compare DIR`` runs
    the same cases alternately on another checkout (``PYTHONPATH=DIR/src``) in chunks, so that
    both see the same load.
(b1) CP-SAT against the exhaustive optimum on small phase problems cut from real ones: 6 and
    8 candidates (must be equal).
(b2) The program's objective against a baseline that keeps the same rules: a greedy fill by
    value per second through the same relaxations (``solve_phase``); the share of profiles
    below 1.3 says how much the exact optimisation adds.
(c) The catalogue duplicated to 196 and 392 exercises: p99 and how many plans are proven
    optimal under the time limit (``solver.TIME_LIMIT_SECONDS`` for all the solves of a program).

    .venv/bin/python benchmarks/bench_plan.py [--profiles 1000] [--compare /tmp/base]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from functools import partial
from pathlib import Path

from glutewake.catalogue.catalogue import Catalogue, default_catalogue
from glutewake.catalogue.schema import Equipment, Phase
from glutewake.errors import InvalidInputError
from glutewake.programming import exhaustive, solver
from glutewake.programming.builder import ProgramBuilder, build_program
from glutewake.programming.preferences import Context, Preferences
from glutewake.programming.problem import (
    Candidate,
    Kind,
    PhaseProblem,
    PhaseSolution,
    objective,
    violations,
)
from glutewake.screening.profile import Band, Compensation, Gate, Profile, Side, SidedScore
from glutewake.weekday import Weekday

START = date(2025, 3, 3)
CHUNKS = 5


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


def p99(times: list[float]) -> float:
    return sorted(times)[int(0.99 * (len(times) - 1))]


# -- (a) latency -------------------------------------------------------------------------


def real_path_times(seed: int, count: int) -> list[float]:
    """CPU seconds of build + JSON + save for ``count`` random cases (refusals included)."""
    from glutewake.application import App
    from glutewake.config import Settings
    from glutewake.store import repository as repo

    rng = random.Random(seed)
    cases = [(random_profile(rng), random_preferences(rng)) for _ in range(count)]
    catalogue = default_catalogue()
    with tempfile.TemporaryDirectory() as folder:
        application = App.open(Settings(data_dir=Path(folder)))
        try:
            build_program(cases[0][0], Preferences(), catalogue, START)  # imports ortools
            # The garbage of the imports and setup collected now, not charged to one case.
            gc.collect()
            times = []
            for person, prefs in cases:
                started = time.process_time()
                try:
                    program = build_program(person, prefs, catalogue, START)
                    with application.work() as work:
                        data = program.model_dump(mode="json")
                        repo.save_program(work.db, work.person_id, data, datetime(2025, 3, 3))
                except InvalidInputError:
                    pass
                times.append(time.process_time() - started)
            return times
        finally:
            application.close()


def latency(profiles: int, compare: Path | None) -> None:
    trees = {"this tree": None, str(compare): compare} if compare else {"this tree": None}
    times: dict[str, list[float]] = {label: [] for label in trees}
    per_chunk = max(1, profiles // CHUNKS)
    for chunk in range(CHUNKS):
        for label, tree in trees.items():
            env = dict(os.environ)
            if tree is not None:
                env["PYTHONPATH"] = str(tree / "src")
            run = subprocess.run(
                [sys.executable, __file__, "--times", f"{chunk},{per_chunk}"],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            times[label].extend(json.loads(run.stdout))
    print(
        f"(a) build_program + JSON + save, {per_chunk * CHUNKS} random profiles and preferences, "
        f"CPU time, load average {os.getloadavg()[0]:.1f}:"
    )
    for label, found in times.items():
        print(
            f"    {label}: median {statistics.median(found) * 1000:.1f} ms, "
            f"p99 {p99(found) * 1000:.1f} ms, max {max(found) * 1000:.1f} ms"
        )
    print("    aim: median under 20 ms, p99 under 100 ms")


# -- (b1) exhaustive cross-check --------------------------------------------------------


def small(problem: PhaseProblem, rng: random.Random, size: int) -> PhaseProblem:
    """The problem on a random handful of its candidates, at most two sets each."""
    kept = rng.sample(list(problem.candidates), min(size, len(problem.candidates)))
    return replace(problem, candidates=tuple(replace(c, max_sets=min(c.max_sets, 2)) for c in kept))


def exact_vs_exhaustive(builder: ProgramBuilder, rng: random.Random, size: int, count: int) -> None:
    equal = feasible = 0
    for _ in range(count):
        person, prefs = random_profile(rng), random_preferences(rng)
        problem, _ = builder.phase_problem(
            rng.choice(list(Phase)), person, prefs, rng.random() < 0.5
        )
        instance = small(problem, rng, size)
        if rng.random() < 0.5:
            instance = replace(instance, session_coverage=False)
        found, reference = solver.solve(instance), exhaustive.solve(instance)
        if found is None or reference is None:
            equal += found is None and reference is None
            continue
        feasible += 1
        equal += found.objective == reference.objective
    print(
        f"(b1) CP-SAT vs exhaustive optimum, {count} phase problems of {size} candidates cut "
        f"from real ones (up to 2 sets, 1-2 session kinds): {equal}/{count} equal "
        f"({feasible} feasible) (aim: all equal)"
    )


# -- (b2) a baseline that keeps the same rules ------------------------------------------


def greedy(problem: PhaseProblem) -> PhaseSolution | None:
    """Fill each session by value per second, one set at a time, keeping every rule."""

    def density(c: Candidate) -> tuple[float, str]:
        return (-c.value / max(c.seconds(1), 1), c.exercise_id)

    order = sorted(problem.candidates, key=density)
    variants: list[dict[str, int]] = []
    for index in range(len(problem.counts)):
        taken = {e for v in variants for e in v} if problem.require_distinct else set()
        ranked = [c for c in order if c.exercise_id not in taken] + [
            c for c in order if c.exercise_id in taken
        ]
        variants.append(fill(problem, ranked, first=index == 0))
    found = tuple(variants)
    if violations(problem, found):
        return None
    return PhaseSolution(
        tuple(tuple(sorted(v.items())) for v in found), objective(problem, found), optimal=False
    )


def fits(problem: PhaseProblem, trial: dict[str, int]) -> bool:
    """The rules that adding a set can only break, never mend, hold for this session."""
    by_id = {c.exercise_id: c for c in problem.candidates}
    chosen = [by_id[e] for e in trial]
    patterns = Counter(c.leading_pattern for c in chosen)
    kinds = Counter(c.kind for c in chosen)
    return (
        sum(c.seconds(trial[c.exercise_id]) for c in chosen) <= problem.budget_seconds
        and len(chosen) <= problem.max_exercises
        and max(patterns.values(), default=0) <= problem.max_per_leading_pattern
        and sum(c.lengthens_hip_flexors for c in chosen) <= 1
        and all(p in problem.done_before or p in trial for c in chosen for p in c.prerequisites)
        and not (problem.pair_integration and kinds[Kind.INTEGRATION] > kinds[Kind.DRILL])
    )


def fill(problem: PhaseProblem, ranked: list[Candidate], first: bool) -> dict[str, int]:
    """First one set of the best exercise for each requirement, then sets by value per second."""
    wants: list[Callable[[Candidate], bool]] = []
    if problem.session_coverage or first:
        wants += [partial(lambda g, c: g in c.covers, g) for g in problem.coverage]
    if problem.need_release:
        wants.append(lambda c: c.lengthens_hip_flexors)
    wants += [partial(lambda k, c: c.kind is k, k) for k in problem.required_kinds]
    chosen: dict[str, int] = {}
    for want in wants:
        if any(want(c) for c in ranked if c.exercise_id in chosen):
            continue
        for c in ranked:
            if (
                want(c)
                and c.exercise_id not in chosen
                and fits(problem, {**chosen, c.exercise_id: 1})
            ):
                chosen[c.exercise_id] = 1
                break
    for c in ranked:
        for sets in range(chosen.get(c.exercise_id, 0) + 1, c.max_sets + 1):
            if fits(problem, {**chosen, c.exercise_id: sets}):
                chosen[c.exercise_id] = sets
    return chosen


def against_baseline(builder: ProgramBuilder, rng: random.Random, count: int) -> None:
    baseline = ProgramBuilder(builder.catalogue, solver=greedy)
    ratios: list[float] = []
    refused = 0
    while len(ratios) < count:
        person, prefs = random_profile(rng), random_preferences(rng)
        try:
            program = builder.build(person, prefs, START)
        except InvalidInputError:
            continue
        try:
            simple = baseline.build(person, prefs, START)
        except InvalidInputError:
            refused += 1
            continue
        ratios.append(program.objective / max(simple.objective, 1))
    below = sum(r < 1.3 for r in ratios) / len(ratios)
    print(
        f"(b2) program objective / rule-keeping greedy baseline, {count} random profiles: "
        f"median {statistics.median(ratios):.2f}, min {min(ratios):.2f}, max {max(ratios):.2f}; "
        f"below 1.3 in {below:.0%} of profiles, below 1.0 in "
        f"{sum(r < 1 for r in ratios)}; the greedy finds no plan in {refused} more cases"
    )


# -- (c) larger catalogues --------------------------------------------------------------


def duplicated(catalogue: Catalogue, times: int) -> Catalogue:
    copies = [
        e.model_copy(update={"id": f"{e.id}-copy{n}", "name": f"{e.name} ({n})"})
        for n in range(1, times)
        for e in catalogue.exercises
    ]
    return Catalogue((*catalogue.exercises, *copies))


def larger(catalogue: Catalogue, rng: random.Random, count: int) -> None:
    for times in (4, 8):
        big = duplicated(catalogue, times)
        builder = ProgramBuilder(big)
        found, proven = [], 0
        for _ in range(count):
            person, prefs = random_profile(rng), random_preferences(rng)
            started = time.process_time()
            try:
                proven += builder.build(person, prefs, START).proven_optimal
            except InvalidInputError:
                proven += 1  # refused as too short: proven, nothing fits
            found.append(time.process_time() - started)
        print(
            f"(c) {len(big)} exercises, {count} profiles: median "
            f"{statistics.median(found) * 1000:.0f} ms, p99 {p99(found) * 1000:.0f} ms CPU; "
            f"{proven}/{count} proven optimal within {solver.TIME_LIMIT_SECONDS:g} s a program"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=1000)
    parser.add_argument("--compare", type=Path, help="another checkout, run alternately")
    parser.add_argument("--times", help=argparse.SUPPRESS)  # "chunk,count": (a) in a subprocess
    parser.add_argument("--skip-larger", action="store_true")
    args = parser.parse_args()
    if args.times:
        chunk, count = (int(part) for part in args.times.split(","))
        print(json.dumps(real_path_times(1000 + chunk, count)))
        return
    latency(args.profiles, args.compare)
    rng = random.Random(4)
    builder = ProgramBuilder(default_catalogue())
    exact_vs_exhaustive(builder, rng, size=6, count=200)
    exact_vs_exhaustive(builder, rng, size=8, count=60)
    against_baseline(builder, rng, count=300)
    if not args.skip_larger:
        larger(builder.catalogue, rng, count=30)


if __name__ == "__main__":
    main()

"""The reference optimum of a small phase problem by complete enumeration.

Every variant within the time budget and exercise limit is listed (sets 0..max for each
candidate, pruned only by time and count, which can only grow along a branch) and kept if it
breaks no per-session rule; then every combination of kept variants is checked with
``problem.violations``, best value first. Every possible solution is looked at, so the first
feasible one is the optimum. Exponential: tests and benchmarks only, on a few candidates.
"""

from __future__ import annotations

import itertools

from glutewake.programming.problem import (
    PhaseProblem,
    PhaseSolution,
    objective,
    variant_violations,
    violations,
)


def _variants(problem: PhaseProblem) -> list[dict[str, int]]:
    found: list[dict[str, int]] = []
    candidates = problem.candidates

    def extend(position: int, chosen: dict[str, int], seconds: int) -> None:
        if position == len(candidates):
            found.append(dict(chosen))
            return
        candidate = candidates[position]
        extend(position + 1, chosen, seconds)
        if len(chosen) == problem.max_exercises:
            return
        for sets in range(1, candidate.max_sets + 1):
            total = seconds + candidate.seconds(sets)
            if total > problem.budget_seconds:
                break
            chosen[candidate.exercise_id] = sets
            extend(position + 1, chosen, total)
            del chosen[candidate.exercise_id]

    extend(0, {}, 0)
    return found


def solve(problem: PhaseProblem) -> PhaseSolution | None:
    options = [v for v in _variants(problem) if not variant_violations(problem, v)]
    combinations = sorted(
        (
            (objective(problem, combination), index, combination)
            for index, combination in enumerate(
                itertools.product(options, repeat=len(problem.counts))
            )
        ),
        key=lambda entry: (-entry[0], entry[1]),
    )
    for value, _, variants in combinations:
        if not violations(problem, variants):
            return PhaseSolution(tuple(tuple(sorted(v.items())) for v in variants), value)
    return None

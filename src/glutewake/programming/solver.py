"""The exact CP-SAT model of a phase problem (see problem.py for the model in words).

Each candidate gets one binary per possible number of sets (at most one is chosen): time and
stimulus are then exact per option, which gives the LP relaxation a tighter bound than an
integer "sets" variable with a big-M link.

With ``session_coverage`` every variant is feasible on its own, and the week decomposes
exactly: A is the best session and B the best session whose exercises differ from A's.
Proof: take any feasible pair (P, Q) used counts[0] >= counts[1] times. If P's exercises differ
from A's, v(P) <= v(B) and v(Q) <= v(A), so the week is worth at most
counts[0] * v(B) + counts[1] * v(A) <= counts[0] * v(A) + counts[1] * v(B). Otherwise Q's
exercises differ from A's, so v(Q) <= v(B) and v(P) <= v(A). Either way (A, B) is at least
as good. The exhaustive reference (exhaustive.py) checks this on small instances.

One worker and a fixed seed make the search, and so the program, deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from glutewake.programming.problem import Kind, PhaseProblem, PhaseSolution

SEED = 20240521
# A safety net on pathological inputs, in the solver's deterministic time units (not seconds).
DETERMINISTIC_LIMIT = 30.0


@dataclass(frozen=True)
class _Result:
    variants: tuple[tuple[tuple[str, int], ...], ...]
    values: tuple[int, ...]  # each variant's stimulus per session
    optimal: bool


def solve(problem: PhaseProblem) -> PhaseSolution | None:
    """The optimal variants, or None when no selection satisfies every rule."""
    if problem.session_coverage and len(problem.counts) == 2:
        return _two_step(problem)
    result = _solve(problem, len(problem.counts), forbidden=None)
    if result is None:
        return None
    value = sum(c * v for c, v in zip(problem.counts, result.values, strict=True))
    return PhaseSolution(result.variants, value, result.optimal)


def _two_step(problem: PhaseProblem) -> PhaseSolution | None:
    assert problem.counts[0] >= problem.counts[1], "the decomposition needs counts[0] >= counts[1]"
    best = _solve(problem, 1, forbidden=None)
    if best is None:
        return None
    if problem.require_distinct:
        second = _solve(problem, 1, forbidden=frozenset(e for e, _ in best.variants[0]))
        if second is None:
            return None
    else:
        second = best
    value = problem.counts[0] * best.values[0] + problem.counts[1] * second.values[0]
    return PhaseSolution(best.variants + second.variants, value, best.optimal and second.optimal)


def _solve(
    problem: PhaseProblem, variants: int, forbidden: frozenset[str] | None
) -> _Result | None:
    """The best ``variants`` sessions; ``forbidden`` is an exercise set a session must not equal."""
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    candidates = problem.candidates
    index = {c.exercise_id: i for i, c in enumerate(candidates)}
    # option[v][i][k - 1]: variant v does k sets of candidate i.
    option = [
        [
            [model.new_bool_var(f"z{v}_{i}_{k}") for k in range(1, c.max_sets + 1)]
            for i, c in enumerate(candidates)
        ]
        for v in range(variants)
    ]
    chosen: list[list[Any]] = []
    values: list[Any] = []
    for z in option:
        y = []
        for options in z:
            model.add_at_most_one(options)
            y.append(sum(options))
        chosen.append(y)
        model.add(
            sum(
                c.seconds(k + 1) * z[i][k]
                for i, c in enumerate(candidates)
                for k in range(c.max_sets)
            )
            <= problem.budget_seconds
        )
        model.add(sum(y) <= problem.max_exercises)
        for pattern in sorted({c.leading_pattern for c in candidates}):
            same = [y[i] for i, c in enumerate(candidates) if c.leading_pattern == pattern]
            if len(same) > problem.max_per_leading_pattern:
                model.add(sum(same) <= problem.max_per_leading_pattern)
        stretches = [y[i] for i, c in enumerate(candidates) if c.lengthens_hip_flexors]
        if len(stretches) > 1:
            model.add(sum(stretches) <= 1)  # two stretches of the same tissue add time, not variety
        if problem.need_release:
            model.add(sum(stretches) >= 1)
        for kind in problem.required_kinds:
            model.add(sum(y[i] for i, c in enumerate(candidates) if c.kind is kind) >= 1)
        if problem.pair_integration:
            model.add(
                sum(y[i] for i, c in enumerate(candidates) if c.kind is Kind.INTEGRATION)
                <= sum(y[i] for i, c in enumerate(candidates) if c.kind is Kind.DRILL)
            )
        for i, candidate in enumerate(candidates):
            for prerequisite in candidate.prerequisites:
                if prerequisite in problem.done_before:
                    continue
                if prerequisite in index:
                    model.add(y[i] <= y[index[prerequisite]])
                else:
                    model.add(y[i] == 0)
        if problem.session_coverage:
            for group in problem.coverage:
                model.add(sum(y[i] for i, c in enumerate(candidates) if group in c.covers) >= 1)
        if forbidden is not None:
            # A no-good cut: at least one exercise in or out compared with ``forbidden``.
            model.add(
                sum(1 - y[index[e]] for e in forbidden)
                + sum(y[i] for i, c in enumerate(candidates) if c.exercise_id not in forbidden)
                >= 1
            )
        values.append(
            sum(
                c.value * (k + 1) * z[i][k]
                for i, c in enumerate(candidates)
                for k in range(c.max_sets)
            )
        )
    for group in problem.coverage:
        model.add(
            sum(y[i] for y in chosen for i, c in enumerate(candidates) if group in c.covers) >= 1
        )
    if problem.require_distinct and variants == 2:
        differs = [model.new_bool_var(f"d{i}") for i in range(len(candidates))]
        for d, a, b in zip(differs, chosen[0], chosen[1], strict=True):
            model.add(d <= a + b)
            model.add(d <= 2 - a - b)
        model.add(sum(differs) >= 1)
    model.maximize(sum(count * value for count, value in zip(problem.counts, values, strict=False)))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = SEED
    solver.parameters.max_deterministic_time = DETERMINISTIC_LIMIT
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    picked = tuple(
        tuple(
            (c.exercise_id, k + 1)
            for i, c in sorted(enumerate(candidates), key=lambda pair: pair[1].exercise_id)
            for k in range(c.max_sets)
            if solver.boolean_value(z[i][k])
        )
        for z in option
    )
    return _Result(
        picked,
        tuple(int(solver.value(value)) for value in values),
        status == cp_model.OPTIMAL,
    )

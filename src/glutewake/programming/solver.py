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
as good. The exhaustive reference (exhaustive.py) checks this on small instances. B is found
on A's model with one more constraint (a no-good cut), so the model is built once.

Dominated candidates are dropped first (dominance.py: the same optimum). One worker and a
fixed seed make the search, and so the program, deterministic while it ends within the time
limit. The limit is a budget of wall-clock seconds (``TimeBudget``) shared by every solve of
one program: each solve gets what is left and spends what CP-SAT reports it took (so this
module reads no clock itself). When a solve runs out, the best solution found so far is
returned with ``optimal`` False; if none was found by then (or nothing was left), the search
goes on to the first one.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from glutewake.programming.dominance import prune
from glutewake.programming.problem import Kind, PhaseProblem, PhaseSolution

SEED = 20240521
# Seconds of wall-clock time all the solves of one program may take together before each
# returns its best solution so far.
TIME_LIMIT_SECONDS = 1.0
# A safety net on pathological inputs, in the solver's deterministic time units (not seconds).
DETERMINISTIC_LIMIT = 30.0


@dataclass
class TimeBudget:
    """Wall-clock seconds left for the solves of one program; each solve spends its own."""

    seconds: float = TIME_LIMIT_SECONDS

    def spend(self, seconds: float) -> None:
        self.seconds = max(0.0, self.seconds - seconds)


@dataclass(frozen=True)
class _Result:
    variants: tuple[tuple[tuple[str, int], ...], ...]
    values: tuple[int, ...]  # each variant's stimulus per session
    optimal: bool


def solve(problem: PhaseProblem, budget: TimeBudget | None = None) -> PhaseSolution | None:
    """The optimal variants (``optimal`` False: the best found in the time ``budget`` left,
    by default ``TIME_LIMIT_SECONDS`` for this problem alone), or None when no selection
    satisfies every rule."""
    budget = TimeBudget() if budget is None else budget
    pruned = prune(problem)
    if pruned.session_coverage and len(pruned.counts) == 2:
        return _two_step(pruned, budget)
    result = _Model(pruned, len(pruned.counts)).solve(budget)
    if result is None:
        return None
    value = sum(c * v for c, v in zip(pruned.counts, result.values, strict=True))
    return PhaseSolution(result.variants, value, result.optimal)


# The best sessions proven lately, by problem (a phase asks again without "A and B differ"
# when B adds nothing to A; the session's model is the same). A proven search ends the same
# way every time (one worker, fixed seed), so a kept result is the one a new solve gives.
_PROVEN_SESSIONS: OrderedDict[PhaseProblem, _Result] = OrderedDict()
KEPT_SESSIONS = 32


def _two_step(problem: PhaseProblem, budget: TimeBudget) -> PhaseSolution | None:
    assert problem.counts[0] >= problem.counts[1], "the decomposition needs counts[0] >= counts[1]"
    key = replace(problem, require_distinct=False)
    model = None
    best = _PROVEN_SESSIONS.get(key)
    if best is None:
        model = _Model(problem, 1)
        best = model.solve(budget)
        if best is None:
            return None
        if best.optimal:
            _PROVEN_SESSIONS[key] = best
            while len(_PROVEN_SESSIONS) > KEPT_SESSIONS:
                _PROVEN_SESSIONS.popitem(last=False)
    if problem.require_distinct:
        model = model or _Model(problem, 1)
        model.forbid(frozenset(e for e, _ in best.variants[0]))
        second = model.solve(budget)
        if second is None:
            return None
    else:
        second = best
    value = problem.counts[0] * best.values[0] + problem.counts[1] * second.values[0]
    return PhaseSolution(best.variants + second.variants, value, best.optimal and second.optimal)


@cache
def _model_class() -> Any:
    from ortools.sat.python import cp_model
    from ortools.util.python.sorted_interval_list import Domain

    boolean = Domain(0, 1)

    class Model(cp_model.CpModel):
        def _add_pre_pep8_methods(self) -> None:
            """Skip adding the deprecated camelCase aliases: 0.8 ms of every new model."""

        def new_bool_var(self, name: str) -> Any:
            """``CpModel.new_bool_var`` with one shared 0-1 domain instead of a new one."""
            return cp_model.IntVar(self.model_proto).with_name(name).with_domain(boolean)

    return Model


def _total(terms: Iterable[Any]) -> Any:
    """One flat linear sum (Python's ``sum`` nests an expression per term)."""
    from ortools.sat.python.cp_model import LinearExpr

    return LinearExpr.sum(list(terms))


class _Model:
    """The CP-SAT model of the best ``variants`` sessions of a problem."""

    def __init__(self, problem: PhaseProblem, variants: int) -> None:
        from ortools.sat.python.cp_model import LinearExpr

        self.problem = problem
        self.model = model = _model_class()()
        candidates = problem.candidates
        self.index = {c.exercise_id: i for i, c in enumerate(candidates)}
        # option[v][i][k - 1]: variant v does k sets of candidate i.
        self.option = [
            [
                [model.new_bool_var(f"z{v}_{i}_{k}") for k in range(1, c.max_sets + 1)]
                for i, c in enumerate(candidates)
            ]
            for v in range(variants)
        ]
        flat = [(c, k) for c in candidates for k in range(1, c.max_sets + 1)]
        seconds = [c.seconds(k) for c, k in flat]
        value = [c.value * k for c, k in flat]
        self.chosen: list[list[Any]] = []
        self.values: list[Any] = []
        for z in self.option:
            y = []
            for options in z:
                model.add_at_most_one(options)
                y.append(LinearExpr.sum(options))
            self.chosen.append(y)
            every = [var for options in z for var in options]
            model.add(LinearExpr.weighted_sum(every, seconds) <= problem.budget_seconds)
            model.add(LinearExpr.sum(every) <= problem.max_exercises)
            self._session_rules(y)
            self.values.append(LinearExpr.weighted_sum(every, value))
        for group in problem.coverage:
            model.add(
                _total(
                    y[i] for y in self.chosen for i, c in enumerate(candidates) if group in c.covers
                )
                >= 1
            )
        if problem.require_distinct and variants == 2:
            differs = [model.new_bool_var(f"d{i}") for i in range(len(candidates))]
            for d, a, b in zip(differs, self.chosen[0], self.chosen[1], strict=True):
                model.add(d <= a + b)
                model.add(d <= 2 - a - b)
            model.add(_total(differs) >= 1)
        self._maximize(value)

    def _maximize(self, value: list[int]) -> None:
        """The week's stimulus as the objective, written straight into the model's proto
        (what ``CpModel.maximize`` writes, without its per-term Python loop)."""
        terms = [
            (var.index, -count * points)
            for count, z in zip(self.problem.counts, self.option, strict=False)
            for var, points in zip((var for options in z for var in options), value, strict=True)
            if points
        ]
        objective = self.model.proto.objective
        objective.vars.extend(index for index, _ in terms)
        objective.coeffs.extend(coefficient for _, coefficient in terms)
        objective.scaling_factor = -1.0

    def _session_rules(self, y: list[Any]) -> None:
        """The rules each session keeps on its own; ``y[i]``: candidate i is in the session."""
        model, problem, candidates = self.model, self.problem, self.problem.candidates
        for pattern in sorted({c.leading_pattern for c in candidates}):
            same = [y[i] for i, c in enumerate(candidates) if c.leading_pattern == pattern]
            if len(same) > problem.max_per_leading_pattern:
                model.add(_total(same) <= problem.max_per_leading_pattern)
        stretches = [y[i] for i, c in enumerate(candidates) if c.lengthens_hip_flexors]
        if len(stretches) > 1:
            model.add(
                _total(stretches) <= 1
            )  # two stretches of the same tissue add time, not variety
        if problem.need_release:
            model.add(_total(stretches) >= 1)
        for kind in problem.required_kinds:
            model.add(_total(y[i] for i, c in enumerate(candidates) if c.kind is kind) >= 1)
        if problem.pair_integration:
            model.add(
                _total(y[i] for i, c in enumerate(candidates) if c.kind is Kind.INTEGRATION)
                <= _total(y[i] for i, c in enumerate(candidates) if c.kind is Kind.DRILL)
            )
        for i, candidate in enumerate(candidates):
            for prerequisite in candidate.prerequisites:
                if prerequisite in problem.done_before:
                    continue
                if prerequisite in self.index:
                    model.add(y[i] <= y[self.index[prerequisite]])
                else:
                    model.add(y[i] == 0)
        if problem.session_coverage:
            for group in problem.coverage:
                model.add(_total(y[i] for i, c in enumerate(candidates) if group in c.covers) >= 1)

    def forbid(self, exercises: frozenset[str]) -> None:
        """A no-good cut: every session has at least one exercise in or out compared with
        ``exercises``."""
        for y in self.chosen:
            self.model.add(
                sum(1 - y[self.index[e]] for e in exercises)
                + sum(
                    y[i]
                    for i, c in enumerate(self.problem.candidates)
                    if c.exercise_id not in exercises
                )
                >= 1
            )

    def solve(self, budget: TimeBudget) -> _Result | None:
        from ortools.sat.python import cp_model

        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = SEED
        solver.parameters.max_deterministic_time = DETERMINISTIC_LIMIT
        # These models are small: presolve and cuts cost more than they save (presolve a
        # third of the time on the benchmark's problems, cuts a third of the rest, the
        # same optima).
        solver.parameters.cp_model_presolve = False
        solver.parameters.cut_level = 0
        status = cp_model.UNKNOWN
        if budget.seconds > 0:
            solver.parameters.max_time_in_seconds = budget.seconds
            status = solver.solve(self.model)
            budget.spend(solver.wall_time)
        if status == cp_model.UNKNOWN:
            # Out of time before any solution: search on to the first one (or the proof
            # that there is none) within the deterministic limit.
            solver.parameters.max_time_in_seconds = float("inf")
            solver.parameters.stop_after_first_solution = True
            status = solver.solve(self.model)
            budget.spend(solver.wall_time)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        candidates = self.problem.candidates
        picked = tuple(
            tuple(
                (c.exercise_id, k + 1)
                for i, c in sorted(enumerate(candidates), key=lambda pair: pair[1].exercise_id)
                for k in range(c.max_sets)
                if solver.boolean_value(z[i][k])
            )
            for z in self.option
        )
        return _Result(
            picked,
            tuple(int(solver.value(value)) for value in self.values),
            status == cp_model.OPTIMAL,
        )

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
from collections.abc import Iterable, Sequence
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
def _parameters() -> Any:
    """The solver's fixed parameters, set once and copied into every solve."""
    from ortools.sat.python.cp_model_helper import SatParameters

    parameters = SatParameters()
    parameters.num_workers = 1
    parameters.random_seed = SEED
    parameters.max_deterministic_time = DETERMINISTIC_LIMIT
    # These models are small: presolve and cuts cost more than they save (presolve a third of
    # the time on the benchmark's problems, cuts a third of the rest, the same optima), and so
    # does looking for symmetries (a tenth of the rest, the same solutions on 677 problems).
    parameters.cp_model_presolve = False
    parameters.cut_level = 0
    parameters.symmetry_level = 0
    return parameters


_LOWEST, _HIGHEST = -(2**63), 2**63 - 1


def _numbers(values: Iterable[int]) -> str:
    return "[" + ", ".join(map(str, values)) + "]"


def _sum(variables: Sequence[int], low: int, high: int) -> str:
    """``low <= sum of the variables <= high`` (indexes in increasing order) as text."""
    return (
        f"constraints {{ linear {{ vars: {_numbers(variables)} "
        f"coeffs: [{', '.join('1' * len(variables))}] domain: [{low}, {high}] }} }}"
    )


def _linear(terms: Iterable[tuple[int, int]], low: int, high: int) -> str:
    """``low <= sum of coefficient * variable <= high`` as text, in the canonical form
    ``CpModel.add`` writes (each variable once, by index, no zero coefficient): the model, and
    so the search, is the one the modelling API builds, at a fraction of its Python calls."""
    merged: dict[int, int] = {}
    for index, coefficient in terms:
        merged[index] = merged.get(index, 0) + coefficient
    pairs = sorted((index, c) for index, c in merged.items() if c)
    return (
        f"constraints {{ linear {{ vars: {_numbers(i for i, _ in pairs)} "
        f"coeffs: {_numbers(c for _, c in pairs)} domain: [{low}, {high}] }} }}"
    )


class _Model:
    """The CP-SAT model of the best ``variants`` sessions of a problem, written as the text
    of its proto and parsed at once (the modelling API takes a Python call per variable and
    per constraint, twice the time on these models)."""

    def __init__(self, problem: PhaseProblem, variants: int) -> None:
        self.problem = problem
        candidates = problem.candidates
        self.index = {c.exercise_id: i for i, c in enumerate(candidates)}
        # option[v][i]: the variables of "variant v does k sets of candidate i", k = 1, 2...
        self.option: list[list[range]] = []
        count = 0
        for _ in range(variants):
            self.option.append([])
            for c in candidates:
                self.option[-1].append(range(count, count + c.max_sets))
                count += c.max_sets
        distinct = problem.require_distinct and variants == 2
        text = [
            f'variables {{ name: "z{v}_{i}_{k}" domain: [0, 1] }}'
            for v in range(variants)
            for i, c in enumerate(candidates)
            for k in range(1, c.max_sets + 1)
        ]
        if distinct:
            text += (f'variables {{ name: "d{i}" domain: [0, 1] }}' for i in range(len(candidates)))
        seconds = [c.seconds(k) for c in candidates for k in range(1, c.max_sets + 1)]
        self.value = [c.value * k for c in candidates for k in range(1, c.max_sets + 1)]
        for z in self.option:
            text += (f"constraints {{ at_most_one {{ literals: {_numbers(o)} }} }}" for o in z)
            every = range(z[0].start, z[-1].stop) if z else range(0)
            text.append(_linear(zip(every, seconds, strict=True), _LOWEST, problem.budget_seconds))
            text.append(_sum(every, _LOWEST, problem.max_exercises))
            text += self._session_rules(z)
        for group in problem.coverage:
            covering = [i for i, c in enumerate(candidates) if group in c.covers]
            text.append(_sum(self._chosen(covering, *self.option), 1, _HIGHEST))
        if distinct:
            first, second = self.option
            for i, d in enumerate(range(count, count + len(candidates))):
                pair = self._chosen([i], first, second)
                text.append(_linear([*((var, -1) for var in pair), (d, 1)], _LOWEST, 0))
                text.append(_sum([*pair, d], _LOWEST, 2))
            text.append(_sum(range(count, count + len(candidates)), 1, _HIGHEST))
        text.append(self._objective())
        from ortools.sat.python.cp_model_helper import CpModelProto

        self.proto = CpModelProto()
        self.proto.parse_text_format("\n".join(text))

    @staticmethod
    def _chosen(indexes: Iterable[int], *variants: list[range]) -> list[int]:
        """The variables of "how many of these candidates the variants hold" (increasing when
        ``indexes`` are)."""
        return [var for z in variants for i in indexes for var in z[i]]

    def _objective(self) -> str:
        """The week's stimulus, maximised (what ``CpModel.maximize`` writes)."""
        terms = [
            (var, -count * points)
            for count, z in zip(self.problem.counts, self.option, strict=False)
            for var, points in zip(
                (var for options in z for var in options), self.value, strict=True
            )
            if points
        ]
        return (
            f"objective {{ vars: {_numbers(var for var, _ in terms)} "
            f"coeffs: {_numbers(c for _, c in terms)} scaling_factor: -1 }}"
        )

    def _session_rules(self, z: list[range]) -> list[str]:
        """The rules each session keeps on its own; ``z[i]``: the options of candidate i."""
        problem, candidates = self.problem, self.problem.candidates
        text = []
        for pattern in sorted({c.leading_pattern for c in candidates}):
            same = [i for i, c in enumerate(candidates) if c.leading_pattern == pattern]
            if len(same) > problem.max_per_leading_pattern:
                text.append(_sum(self._chosen(same, z), _LOWEST, problem.max_per_leading_pattern))
        stretches = [i for i, c in enumerate(candidates) if c.lengthens_hip_flexors]
        if len(stretches) > 1:
            # Two stretches of the same tissue add time, not variety.
            text.append(_sum(self._chosen(stretches, z), _LOWEST, 1))
        if problem.need_release:
            text.append(_sum(self._chosen(stretches, z), 1, _HIGHEST))
        for kind in problem.required_kinds:
            of_kind = [i for i, c in enumerate(candidates) if c.kind is kind]
            text.append(_sum(self._chosen(of_kind, z), 1, _HIGHEST))
        if problem.pair_integration:
            moves = [i for i, c in enumerate(candidates) if c.kind is Kind.INTEGRATION]
            drills = self._chosen([i for i, c in enumerate(candidates) if c.kind is Kind.DRILL], z)
            if moves:
                paired = [*((var, 1) for var in self._chosen(moves, z)), *((v, -1) for v in drills)]
                text.append(_linear(paired, _LOWEST, 0))
            else:  # "0 <= drills", as CpModel.add writes it
                text.append(_sum(drills, 0, _HIGHEST))
        for i, candidate in enumerate(candidates):
            for prerequisite in candidate.prerequisites:
                if prerequisite in problem.done_before:
                    continue
                if prerequisite in self.index:
                    before = z[self.index[prerequisite]]
                    terms = [*((var, 1) for var in z[i]), *((var, -1) for var in before)]
                    text.append(_linear(terms, _LOWEST, 0))
                else:
                    text.append(_sum(z[i], 0, 0))
        if problem.session_coverage:
            for group in problem.coverage:
                covering = [i for i, c in enumerate(candidates) if group in c.covers]
                text.append(_sum(self._chosen(covering, z), 1, _HIGHEST))
        return text

    def forbid(self, exercises: frozenset[str]) -> None:
        """A no-good cut: every session has at least one exercise in or out compared with
        ``exercises``."""
        inside = [self.index[e] for e in exercises]
        outside = [
            i for i, c in enumerate(self.problem.candidates) if c.exercise_id not in exercises
        ]
        for z in self.option:
            terms = [
                *((var, -1) for var in self._chosen(inside, z)),
                *((var, 1) for var in self._chosen(outside, z)),
            ]
            if terms:
                cut = _linear(terms, 1 - len(exercises), _HIGHEST)
            else:  # nothing to choose: the cut is the empty clause, as CpModel.add writes it
                cut = "constraints { bool_or { } }"
            self.proto.merge_text_format(cut)

    def solve(self, budget: TimeBudget) -> _Result | None:
        from ortools.sat.python import cp_model_helper as sat

        parameters = sat.SatParameters()
        parameters.copy_from(_parameters())
        response = None
        if budget.seconds > 0:
            parameters.max_time_in_seconds = budget.seconds
            response = self._run(parameters)
            budget.spend(response.wall_time)
        if response is None or response.status == sat.CpSolverStatus.UNKNOWN:
            # Out of time before any solution: search on to the first one (or the proof
            # that there is none) within the deterministic limit.
            parameters.max_time_in_seconds = float("inf")
            parameters.stop_after_first_solution = True
            response = self._run(parameters)
            budget.spend(response.wall_time)
        if response.status not in (sat.CpSolverStatus.OPTIMAL, sat.CpSolverStatus.FEASIBLE):
            return None
        solution = list(response.solution)
        candidates = self.problem.candidates
        order = sorted(range(len(candidates)), key=lambda i: candidates[i].exercise_id)
        picked = tuple(
            tuple(
                (candidates[i].exercise_id, k + 1)
                for i in order
                for k, var in enumerate(z[i])
                if solution[var]
            )
            for z in self.option
        )
        values = tuple(
            sum(self.value[var - z[0].start] for options in z for var in options if solution[var])
            if z
            else 0
            for z in self.option
        )
        return _Result(picked, values, response.status == sat.CpSolverStatus.OPTIMAL)

    def _run(self, parameters: Any) -> Any:
        """CP-SAT on the model (what ``CpSolver.solve`` does, without its per-call setup)."""
        from ortools.sat.python.cp_model_helper import SolveWrapper

        wrapper: Any = SolveWrapper()
        wrapper.set_parameters(parameters)
        return wrapper.solve(self.proto)

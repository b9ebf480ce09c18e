"""Candidates that can never be needed: dropped before the solver sees them.

Candidate ``j`` dominates ``i`` when it is at least as good in every way the rules look at:
the same kind, leading pattern and hip-flexor role, every movement group of ``i`` and more,
as many sets or more, no more time for any number of sets, at least the value per set, and
no prerequisite ``i`` lacks (ties are broken by id, so two equal candidates do not dominate
each other).

``i`` is dropped when nothing needs it as a prerequisite and at least ``cap + 1`` kept
candidates dominate it, ``cap`` being the most exercises of one leading pattern a session can
hold. Any solution using ``i`` then has at least two kept dominators free in that session
(the session holds ``i`` and at most ``cap - 1`` others of its pattern); swapping ``i`` for
one of them keeps every rule (at most one of the two swaps can make the session equal the
other one, or the set a no-good cut forbids) and loses no value. So the optimum of the pruned
problem is the optimum of the whole one.
"""

from __future__ import annotations

from dataclasses import replace

from glutewake.programming.problem import Candidate, PhaseProblem


def dominates(j: Candidate, i: Candidate) -> bool:
    """Whether ``j`` can replace ``i`` in any session without breaking a rule or losing value."""
    at_least = (
        j.kind is i.kind
        and j.leading_pattern == i.leading_pattern
        and j.lengthens_hip_flexors == i.lengthens_hip_flexors
        and j.covers >= i.covers
        and j.max_sets >= i.max_sets
        and j.fixed_seconds <= i.fixed_seconds
        and j.seconds_per_set <= i.seconds_per_set
        and j.value >= i.value
        and set(j.prerequisites) <= set(i.prerequisites)
    )
    return at_least and (_key(j) < _key(i))


def _key(c: Candidate) -> tuple[int, int, int, int, int, int, str]:
    """A linear order in which every dominator comes before what it dominates."""
    return (
        -c.value,
        -c.max_sets,
        c.fixed_seconds,
        c.seconds_per_set,
        -len(c.covers),
        len(set(c.prerequisites)),
        c.exercise_id,
    )


def prune(problem: PhaseProblem) -> PhaseProblem:
    """``problem`` without its dominated candidates (the same optimum, found sooner)."""
    cap = min(problem.max_per_leading_pattern, problem.max_exercises)
    needed = {p for c in problem.candidates for p in c.prerequisites}
    kept: list[Candidate] = []
    for candidate in sorted(problem.candidates, key=_key):
        if candidate.exercise_id not in needed:
            dominators = sum(1 for other in kept if dominates(other, candidate))
            if dominators > cap:
                continue
        kept.append(candidate)
    if len(kept) == len(problem.candidates):
        return problem
    order = {c.exercise_id: n for n, c in enumerate(problem.candidates)}
    kept.sort(key=lambda c: order[c.exercise_id])
    return replace(problem, candidates=tuple(kept))

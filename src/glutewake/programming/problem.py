"""One phase's selection problem as plain data, and the rules a solution must satisfy.

A phase repeats the same week: one or two session variants (A and B, alternating), each
used ``counts[v]`` times a week. For every variant choose exercises and their number of
sets to maximise the week's evidence-weighted stimulus

    sum over variants v, candidates e of  counts[v] * value[e] * sets[v, e]

subject to, for every variant: time within the budget, at most ``max_exercises`` exercises
and ``max_per_leading_pattern`` exercises sharing a leading pattern, a hip-flexor lengthening
drill when the hip flexors are tight, the phase's required kinds, every integration move paired
with an activation drill, prerequisites chosen in an earlier phase or the same session, and
(with ``session_coverage``) every coverage group trained; for the week: every coverage group
trained, and (when asked) two variants whose exercises differ.

``solver.solve`` (CP-SAT) and ``exhaustive.solve`` (enumeration) solve the same problem; both
are checked with ``violations`` and ``objective`` here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from glutewake.catalogue.schema import Pattern


class Coverage(StrEnum):
    """Movement groups every week must train (issue #4, seeds 000 and 003)."""

    HIP_EXTENSION = "hip-extension"
    ABDUCTION = "abduction/pelvic-stability"
    EXTERNAL_ROTATION = "external-rotation"


COVERED_BY: dict[Coverage, frozenset[Pattern]] = {
    Coverage.HIP_EXTENSION: frozenset({Pattern.HIP_EXTENSION, Pattern.HINGE}),
    Coverage.ABDUCTION: frozenset({Pattern.ABDUCTION, Pattern.PELVIC_STABILITY}),
    Coverage.EXTERNAL_ROTATION: frozenset({Pattern.EXTERNAL_ROTATION}),
}


class Kind(StrEnum):
    RELEASE = "release"  # mobility: hip-flexor lengthening, foam rolling
    DRILL = "drill"  # activation or isolation: the partner of an integration move
    INTEGRATION = "integration"  # compound or single-leg strength


@dataclass(frozen=True)
class Candidate:
    exercise_id: str
    value: int  # objective points per set
    max_sets: int
    fixed_seconds: int
    seconds_per_set: int
    covers: frozenset[Coverage]
    leading_pattern: str
    kind: Kind
    lengthens_hip_flexors: bool
    prerequisites: tuple[str, ...] = ()

    def seconds(self, sets: int) -> int:
        return self.fixed_seconds + self.seconds_per_set * sets if sets > 0 else 0


@dataclass(frozen=True)
class PhaseProblem:
    candidates: tuple[Candidate, ...]
    counts: tuple[int, ...]  # sessions a week of each variant: (n,) or (ceil(n/2), floor(n/2))
    budget_seconds: int
    coverage: tuple[Coverage, ...] = tuple(Coverage)
    need_release: bool = False
    required_kinds: tuple[Kind, ...] = ()
    pair_integration: bool = False
    max_exercises: int = 6
    max_per_leading_pattern: int = 2
    done_before: frozenset[str] = frozenset()
    require_distinct: bool = False
    session_coverage: bool = False  # every session, not only every week, covers every group


Variant = Mapping[str, int]  # exercise id -> sets (only chosen exercises)


@dataclass(frozen=True)
class PhaseSolution:
    variants: tuple[tuple[tuple[str, int], ...], ...]  # per variant: (exercise id, sets), sorted
    objective: int
    optimal: bool = True

    def sets(self, variant: int) -> dict[str, int]:
        return dict(self.variants[variant])


def objective(problem: PhaseProblem, variants: tuple[Variant, ...]) -> int:
    by_id = {c.exercise_id: c for c in problem.candidates}
    return sum(
        count * by_id[exercise_id].value * sets
        for count, variant in zip(problem.counts, variants, strict=True)
        for exercise_id, sets in variant.items()
    )


def _missing(problem: PhaseProblem, chosen: Variant) -> list[Coverage]:
    by_id = {c.exercise_id: c for c in problem.candidates}
    covered = {group for e, sets in chosen.items() if sets > 0 for group in by_id[e].covers}
    return [group for group in problem.coverage if group not in covered]


def variant_violations(problem: PhaseProblem, variant: Variant) -> list[str]:
    """What is wrong with one variant on its own."""
    by_id = {c.exercise_id: c for c in problem.candidates}
    chosen = [by_id[e] for e in sorted(variant) if variant[e] > 0]
    problems = []
    seconds = sum(c.seconds(variant[c.exercise_id]) for c in chosen)
    if seconds > problem.budget_seconds:
        problems.append(f"takes {seconds} s, over the {problem.budget_seconds} s budget")
    if any(variant[c.exercise_id] > c.max_sets for c in chosen):
        problems.append("more sets than the dose allows")
    if len(chosen) > problem.max_exercises:
        problems.append(f"{len(chosen)} exercises, more than {problem.max_exercises}")
    leading = Counter(c.leading_pattern for c in chosen)
    if leading and max(leading.values()) > problem.max_per_leading_pattern:
        problems.append("too many exercises share a leading pattern")
    if sum(c.lengthens_hip_flexors for c in chosen) > 1:
        problems.append("more than one hip-flexor stretch in one session")
    if problem.need_release and not any(c.lengthens_hip_flexors for c in chosen):
        problems.append("no hip-flexor lengthening although the hip flexors are tight")
    kinds = Counter(c.kind for c in chosen)
    problems.extend(
        f"no {kind.value} exercise" for kind in problem.required_kinds if not kinds[kind]
    )
    if problem.pair_integration and kinds[Kind.INTEGRATION] > kinds[Kind.DRILL]:
        problems.append("an integration move has no activation drill to pair with")
    for candidate in chosen:
        for prerequisite in candidate.prerequisites:
            if prerequisite not in problem.done_before and not variant.get(prerequisite):
                problems.append(f"{candidate.exercise_id} needs {prerequisite} first")
    if problem.session_coverage:
        problems.extend(f"misses {group.value}" for group in _missing(problem, variant))
    return problems


def violations(problem: PhaseProblem, variants: tuple[Variant, ...]) -> list[str]:
    """Every rule a set of variants breaks; empty when it is a feasible solution."""
    if len(variants) != len(problem.counts):
        return [f"{len(variants)} variants for {len(problem.counts)} session kinds"]
    week = {e: s for variant in variants for e, s in variant.items() if s > 0}
    problems = [
        f"session {chr(65 + index)}: {text}"
        for index, variant in enumerate(variants)
        for text in variant_violations(problem, variant)
    ]
    problems.extend(f"the week misses {group.value}" for group in _missing(problem, week))
    if problem.require_distinct and len(variants) == 2:
        chosen = [{e for e, s in v.items() if s > 0} for v in variants]
        if chosen[0] == chosen[1]:
            problems.append("sessions A and B are the same")
    return problems

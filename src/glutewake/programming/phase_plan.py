"""One phase's solved plan, relaxing the problem step by step when it has no solution.

The strictest problem comes first (every session covers every movement group, sessions A and
B differ, integrate sessions hold a strength move); each relaxation adds a note to the
explanation so the person sees what had to give.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from glutewake.catalogue.schema import Phase
from glutewake.errors import FieldProblem, InvalidInputError
from glutewake.programming.preferences import Preferences
from glutewake.programming.problem import PhaseProblem, PhaseSolution

Solver = Callable[[PhaseProblem], PhaseSolution | None]


@dataclass(frozen=True)
class PhasePlan:
    phase: Phase
    problem: PhaseProblem
    solution: PhaseSolution
    notes: tuple[str, ...]
    eligible: int
    excluded: dict[str, int]


def solve_phase(
    phase: Phase,
    problem: PhaseProblem,
    excluded: dict[str, int],
    preferences: Preferences,
    solver: Solver,
) -> PhasePlan:
    """The first relaxation of ``problem`` that ``solver`` solves, or InvalidInputError."""
    weekly = replace(problem, session_coverage=False)
    relaxations = (
        (problem, ()),
        (
            weekly,
            (
                "Not every session fits all three movement groups in the time, so sessions "
                "A and B share them out over the week.",
            ),
        ),
        (
            replace(weekly, require_distinct=False),
            ("Sessions A and B are the same: too few exercises fit to make them differ.",),
        ),
        (
            replace(weekly, require_distinct=False, required_kinds=()),
            (
                "No strength move fits the time with its activation partner, so this phase "
                "keeps to activation drills.",
            ),
        ),
    )
    for attempt, notes in relaxations:
        solution = solver(attempt)
        if solution is None:
            continue
        if attempt.require_distinct and _nothing_new(solution):
            # Variety only counts if session B brings an exercise A lacks.
            attempt = replace(attempt, require_distinct=False)
            solution = solver(attempt)
            notes = (*notes, "Sessions A and B are the same: no other exercise adds to A.")
        if solution is not None:
            return PhasePlan(phase, attempt, solution, notes, len(problem.candidates), excluded)
    raise InvalidInputError(
        "preferences",
        [
            FieldProblem(
                "minutes",
                f"{preferences.minutes} minutes with this equipment and floor choice cannot "
                f"cover hip extension, abduction and external rotation in the {phase.value} "
                "phase; allow more minutes or more sessions a week, add equipment "
                "(e.g. mini-band), or allow floor exercises",
            )
        ],
    )


def _nothing_new(solution: PhaseSolution) -> bool:
    if len(solution.variants) != 2:
        return False
    first, second = ({e for e, _ in variant} for variant in solution.variants)
    return second <= first

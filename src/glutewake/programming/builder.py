"""Profile + preferences + catalogue -> an explained Program, one exact optimisation per phase.

Phases are solved in order (wake-up, build, integrate); each is optimal given the ones before
it (prerequisites met earlier count as done). Which exercises qualify is in ``eligibility``,
how a phase is solved in ``phase_plan``, the sessions in ``sessions``, the words in
``explanation``.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Collection, Hashable, Mapping
from datetime import date
from functools import partial
from typing import Any

from glutewake.catalogue.catalogue import Catalogue
from glutewake.catalogue.schema import Category, Exercise, Pattern, Phase
from glutewake.programming import phases as phase_rules
from glutewake.programming.eligibility import (
    KIND_OF,
    covers,
    eligible,
    level_cap,
    phase_exclusion,
    usable,
)
from glutewake.programming.explanation import explain
from glutewake.programming.items import RETESTS_BY_ID
from glutewake.programming.phase_plan import PhasePlan, Solver, solve_phase
from glutewake.programming.phases import ORDER, RETESTS
from glutewake.programming.preferences import Preferences
from glutewake.programming.problem import Candidate, Kind, PhaseProblem
from glutewake.programming.program import Program
from glutewake.programming.sessions import SessionWriter
from glutewake.programming.solver import TIME_LIMIT_SECONDS, TimeBudget, solve
from glutewake.programming.stimulus import TRAINED, StimulusTable, needs, value_per_set
from glutewake.programming.timing import time_cost
from glutewake.programming.wording import Wording
from glutewake.screening.clearance import ClearanceTerms, Restriction, require_training_allowed
from glutewake.screening.profile import Component, Profile

# Hip flexors at or above this score (0-100, or the pelvic-tilt score) count as tight.
TIGHT_HIP_FLEXORS = 40


# How many catalogues keep a builder for build_program (a process has one, tests a few).
KEPT_BUILDERS = 4


class ProgramBuilder:
    """Builds programs from one catalogue (its stimulus table is computed once, its cues and
    item reasons are written once).

    The solves of one program share ``time_limit`` seconds (``solver.TimeBudget``); another
    ``solver`` (e.g. a baseline) replaces CP-SAT and its budget."""

    def __init__(
        self,
        catalogue: Catalogue,
        solver: Solver | None = None,
        time_limit: float = TIME_LIMIT_SECONDS,
    ) -> None:
        self.catalogue = catalogue
        self.table = StimulusTable(catalogue)
        self.wording = Wording(self.table)
        self.solver = solver
        self.time_limit = time_limit
        # Per exercise id and weaker-side extra set: a candidate's fields after its value.
        self._shapes: dict[tuple[str, bool], tuple[Any, ...]] = {}
        # The last preferences, limits and avoid list, with ``usable`` of every exercise:
        # the phases of one program share it.
        self._usable: tuple[Hashable, dict[str, str | None]] | None = None
        # ``phase_exclusion`` of every exercise, per phase and level cap (a few of each).
        self._out_of_phase: dict[tuple[Phase, int], dict[str, str | None]] = {}
        # The last profile with every exercise's value per set: its phases share it.
        self._values: tuple[Profile, dict[str, int]] | None = None
        self._by_id = tuple(sorted(catalogue.exercises, key=lambda e: e.id))

    def program_solver(self) -> Solver:
        """The solver for one program's phases: with CP-SAT, a fresh budget they share."""
        return self.solver or partial(solve, budget=TimeBudget(self.time_limit))

    def build(
        self,
        profile: Profile,
        preferences: Preferences,
        start: date,
        *,
        clearance: ClearanceTerms | None = None,
        avoid: Mapping[str, str] | None = None,
    ) -> Program:
        """The program, or SafetyGateError when the screening does not allow training;
        ``avoid`` (exercise id -> why) is left out of it."""
        require_training_allowed(profile, clearance)
        limits = clearance.restrictions if clearance else ()
        avoid = dict(avoid or {})
        calendar = phase_rules.calendar(preferences.weeks, profile)
        need = needs(profile)
        tight = need[Component.HIP_FLEXORS] * 100 >= TIGHT_HIP_FLEXORS
        retest = self._retest(preferences, limits, avoid)
        plans: list[PhasePlan] = []
        done: set[str] = set()
        solver = self.program_solver()
        for phase in ORDER:
            if phase not in calendar:
                continue
            plan = self.plan_phase(
                phase,
                profile,
                preferences,
                tight,
                frozenset(done),
                restrictions=limits,
                avoid=avoid,
                solver=solver,
            )
            plans.append(plan)
            done.update(e for variant in plan.solution.variants for e, _ in variant)
        writer = SessionWriter(self.catalogue, self.wording, profile, preferences, retest)
        gates = phase_rules.gates(
            calendar, (retest.id, RETESTS_BY_ID[retest.id]) if retest else None
        )
        return Program(
            start=start,
            preferences=preferences,
            weaker_side=profile.weaker_side,
            compensation=profile.compensation,
            needs={c.value: round(need[c], 3) for c in TRAINED},
            level_caps={p.phase.value: level_cap(p.phase, profile, preferences) for p in plans},
            objective=sum(p.solution.objective * calendar.count(p.phase) for p in plans),
            proven_optimal=all(p.solution.optimal for p in plans),
            explanation=tuple(
                explain(
                    profile,
                    preferences,
                    plans,
                    tight,
                    retest,
                    clearance,
                    self.catalogue.exercises,
                    avoid,
                )
            ),
            gates=gates,
            weeks=writer.weeks(calendar, plans, start),
            clearance=clearance,
            avoided=avoid,
        )

    def eligible(
        self,
        phase: Phase,
        profile: Profile,
        preferences: Preferences,
        done_before: frozenset[str] = frozenset(),
        *,
        restrictions: Collection[Restriction] = (),
        avoid: Mapping[str, str] | None = None,
    ) -> tuple[list[Exercise], dict[str, int]]:
        """This phase's exercises and how many were left out for each reason."""
        cap = level_cap(phase, profile, preferences)
        if (phase, cap) not in self._out_of_phase:
            self._out_of_phase[phase, cap] = {
                e.id: phase_exclusion(e, phase, cap) for e in self._by_id
            }
        return eligible(
            self._by_id,
            phase,
            profile,
            preferences,
            done_before,
            restrictions,
            avoid,
            self._unusable(preferences, restrictions, avoid or {}),
            self._out_of_phase[phase, cap],
        )

    def _unusable(
        self,
        preferences: Preferences,
        restrictions: Collection[Restriction],
        avoid: Mapping[str, str],
    ) -> dict[str, str | None]:
        key = (preferences, tuple(restrictions), tuple(avoid.items()))
        memo = self._usable
        if memo is None or memo[0] != key:
            reasons = {
                e.id: usable(e, preferences, restrictions, avoid) for e in self.catalogue.exercises
            }
            memo = self._usable = (key, reasons)
        return memo[1]

    def _shape(self, exercise: Exercise, extra: bool) -> tuple[Any, ...]:
        """The fields of its candidate after ``value``, which depend on the exercise alone
        and on whether the weaker side adds a set."""
        key = (exercise.id, extra)
        if key not in self._shapes:
            cost = time_cost(exercise, exercise.dose.target.high, extra)
            self._shapes[key] = (
                exercise.dose.sets,
                cost.fixed,
                cost.per_set,
                covers(exercise),
                exercise.patterns[0].value,
                KIND_OF[exercise.category],
                Pattern.HIP_FLEXOR_LENGTH in exercise.patterns,
                tuple(p.exercise for p in exercise.prerequisites if p.exercise),
            )
        return self._shapes[key]

    def candidates(
        self,
        phase: Phase,
        profile: Profile,
        preferences: Preferences,
        done_before: frozenset[str] = frozenset(),
        *,
        restrictions: Collection[Restriction] = (),
        avoid: Mapping[str, str] | None = None,
    ) -> tuple[list[Candidate], dict[str, int]]:
        exercises, excluded = self.eligible(
            phase, profile, preferences, done_before, restrictions=restrictions, avoid=avoid
        )
        values = self._values_for(profile)
        found = []
        for exercise in exercises:
            extra = profile.weaker_side is not None and exercise.category is not Category.MOBILITY
            found.append(Candidate(exercise.id, values[exercise.id], *self._shape(exercise, extra)))
        return found, excluded

    def _values_for(self, profile: Profile) -> dict[str, int]:
        """Every exercise's value per set for this person."""
        memo = self._values
        if memo is None or memo[0] != profile:
            need = needs(profile)
            values = {e.id: value_per_set(e, self.table, need, profile) for e in self._by_id}
            memo = self._values = (profile, values)
        return memo[1]

    def phase_problem(
        self,
        phase: Phase,
        profile: Profile,
        preferences: Preferences,
        tight: bool,
        done_before: frozenset[str] = frozenset(),
        *,
        restrictions: Collection[Restriction] = (),
        avoid: Mapping[str, str] | None = None,
    ) -> tuple[PhaseProblem, dict[str, int]]:
        found, excluded = self.candidates(
            phase, profile, preferences, done_before, restrictions=restrictions, avoid=avoid
        )
        n = preferences.sessions_per_week
        counts = (n,) if n == 1 else (math.ceil(n / 2), n // 2)
        integration = phase is Phase.INTEGRATE and any(c.kind is Kind.INTEGRATION for c in found)
        problem = PhaseProblem(
            candidates=tuple(found),
            counts=counts,
            budget_seconds=preferences.budget_seconds,
            need_release=tight and any(c.lengthens_hip_flexors for c in found),
            required_kinds=(Kind.INTEGRATION,) if integration else (),
            pair_integration=phase is Phase.INTEGRATE,
            done_before=done_before,
            require_distinct=len(counts) == 2,
            session_coverage=True,
        )
        return problem, excluded

    def plan_phase(
        self,
        phase: Phase,
        profile: Profile,
        preferences: Preferences,
        tight: bool,
        done_before: frozenset[str] = frozenset(),
        *,
        restrictions: Collection[Restriction] = (),
        avoid: Mapping[str, str] | None = None,
        solver: Solver | None = None,
    ) -> PhasePlan:
        """One phase solved; ``solver`` defaults to ``program_solver()`` (a budget of its own)."""
        problem, excluded = self.phase_problem(
            phase,
            profile,
            preferences,
            tight,
            done_before,
            restrictions=restrictions,
            avoid=avoid,
        )
        return solve_phase(phase, problem, excluded, preferences, solver or self.program_solver())

    def _retest(
        self,
        preferences: Preferences,
        restrictions: Collection[Restriction],
        avoid: Mapping[str, str],
    ) -> Exercise | None:
        for exercise_id, _ in RETESTS:
            if exercise_id in self.catalogue:
                exercise = self.catalogue.get(exercise_id)
                if usable(exercise, preferences, restrictions, avoid) is None:
                    return exercise
        return None


def build_program(
    profile: Profile,
    preferences: Preferences,
    catalogue: Catalogue,
    start: date,
    *,
    clearance: ClearanceTerms | None = None,
    avoid: Mapping[str, str] | None = None,
) -> Program:
    """The explained program; SafetyGateError when the screening does not allow training
    (``require_training_allowed``). A clearance's limits leave exercises out, and the
    explanation says who cleared, why and their note. ``avoid`` (exercise id -> why, e.g.
    ``progression.carry.exercises_to_avoid`` of the program it replaces) is left out too, and
    the explanation says why."""
    return builder_for(catalogue).build(
        profile, preferences, start, clearance=clearance, avoid=avoid
    )


_BUILDERS: OrderedDict[int, ProgramBuilder] = OrderedDict()


def builder_for(catalogue: Catalogue) -> ProgramBuilder:
    """The builder of this catalogue object, made once and kept for the last few catalogues.

    Keyed by identity: a kept builder holds its catalogue, so the id cannot be reused while it
    is kept, and a Catalogue is frozen, so its builder never goes stale."""
    builder = _BUILDERS.get(id(catalogue))
    if builder is None or builder.catalogue is not catalogue:
        builder = _BUILDERS[id(catalogue)] = ProgramBuilder(catalogue)
        while len(_BUILDERS) > KEPT_BUILDERS:
            _BUILDERS.popitem(last=False)
    _BUILDERS.move_to_end(id(catalogue))
    return builder

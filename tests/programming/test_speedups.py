"""The planner's speed-ups keep its answers: the time limit, dropped candidates and caches."""

from __future__ import annotations

from datetime import date
from functools import partial

from hypothesis import given, settings
from hypothesis import strategies as st
from programming_factories import preferences, profile, profiles

from glutewake.catalogue.catalogue import Catalogue, default_catalogue
from glutewake.errors import InvalidInputError
from glutewake.programming import exhaustive, solver
from glutewake.programming.builder import ProgramBuilder, build_program, builder_for
from glutewake.programming.dominance import dominates, prune
from glutewake.programming.phases import ORDER
from glutewake.programming.preferences import Preferences
from glutewake.programming.problem import Candidate, Coverage, Kind, PhaseProblem, violations
from glutewake.programming.program import Program
from glutewake.screening.profile import Compensation, Profile

START = date(2025, 3, 3)
CATALOGUE = default_catalogue()
PERSON = profile(hip_flexors=(70, 50), compensation=Compensation.HAMSTRING, compensation_score=60)
PREFS = Preferences(minutes=30, sessions_per_week=3, equipment=("mini-band",))


def phases_solved(builder: ProgramBuilder, person: Profile, prefs: Preferences) -> list[bool]:
    """Each phase's solve: feasible (asserted) and whether it is proven optimal."""
    done: set[str] = set()
    proven = []
    for phase in ORDER:
        plan = builder.plan_phase(phase, person, prefs, True, frozenset(done))
        variants = tuple(plan.solution.sets(v) for v in range(len(plan.solution.variants)))
        assert violations(plan.problem, variants) == []
        proven.append(plan.solution.optimal)
        done.update(e for variant in variants for e in variant)
    return proven


def test_no_time_left_still_gives_a_feasible_plan_marked_not_proven() -> None:
    hurried = ProgramBuilder(CATALOGUE, time_limit=0.0)
    program = hurried.build(PERSON, PREFS, START)
    assert not program.proven_optimal
    assert any("the best mix found in the time allowed" in line for line in program.explanation)
    assert not all(phases_solved(hurried, PERSON, PREFS))
    assert all(session.estimated_seconds <= PREFS.budget_seconds for session in program.sessions)


def test_the_default_limit_proves_the_plan_optimal_and_it_is_at_least_as_good() -> None:
    hurried = ProgramBuilder(CATALOGUE, time_limit=0.0)
    program = ProgramBuilder(CATALOGUE).build(PERSON, PREFS, START)
    assert program.proven_optimal
    assert not any("in the time allowed" in line for line in program.explanation)
    assert all(phases_solved(ProgramBuilder(CATALOGUE), PERSON, PREFS))
    assert program.objective >= hurried.build(PERSON, PREFS, START).objective


def _first_phase_problem() -> PhaseProblem:
    problem, _ = ProgramBuilder(CATALOGUE).phase_problem(ORDER[0], PERSON, PREFS, True)
    return problem


def test_each_solve_spends_the_budget_it_shares_and_an_empty_one_proves_nothing() -> None:
    """The limit is per program: every solve takes what the ones before it left."""
    problem = _first_phase_problem()
    budget = solver.TimeBudget(solver.TIME_LIMIT_SECONDS)
    proven = solver.solve(problem, budget)
    assert proven is not None and proven.optimal
    assert 0 <= budget.seconds < solver.TIME_LIMIT_SECONDS
    budget.spend(solver.TIME_LIMIT_SECONDS)
    assert budget.seconds == 0
    hurried = solver.solve(problem, budget)
    assert hurried is not None and not hurried.optimal
    variants = tuple(hurried.sets(v) for v in range(len(hurried.variants)))
    assert violations(problem, variants) == []
    assert hurried.objective <= proven.objective
    assert budget.seconds == 0


def test_a_program_shares_one_budget_over_its_phases() -> None:
    spent = solver.TimeBudget(0.0)
    builder = ProgramBuilder(CATALOGUE, solver=partial(solver.solve, budget=spent))
    program = builder.build(PERSON, PREFS, START)
    assert not program.proven_optimal
    lines = [line for line in program.explanation if "chosen among" in line]
    assert len(lines) == len(program.level_caps) == 3
    assert all("(the best mix found in the time allowed)" in line for line in lines)
    fresh = ProgramBuilder(CATALOGUE)
    assert fresh.program_solver() is not fresh.program_solver()


def test_build_program_keeps_one_builder_per_catalogue_object() -> None:
    assert builder_for(CATALOGUE) is builder_for(CATALOGUE)
    copy = Catalogue(CATALOGUE.exercises)
    assert builder_for(copy) is not builder_for(CATALOGUE)
    assert builder_for(copy).catalogue is copy


def _fresh(person: Profile, prefs: Preferences) -> Program | None:
    try:
        return ProgramBuilder(CATALOGUE).build(person, prefs, START)
    except InvalidInputError:
        return None


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(profiles(), preferences()), min_size=2, max_size=4))
def test_cached_words_and_items_equal_a_fresh_builders(
    people: list[tuple[Profile, Preferences]],
) -> None:
    """The reused builder has written words for the people before; each program must still be
    exactly what a new builder writes for that person alone."""
    for person, prefs in people:
        fresh = _fresh(person, prefs)
        try:
            reused = build_program(person, prefs, CATALOGUE, START)
        except InvalidInputError:
            assert fresh is None
            continue
        assert fresh is not None
        assert reused.model_dump(mode="json") == fresh.model_dump(mode="json")


def candidate(exercise_id: str, value: int, **fields: object) -> Candidate:
    base: dict[str, object] = {
        "exercise_id": exercise_id,
        "value": value,
        "max_sets": 2,
        "fixed_seconds": 30,
        "seconds_per_set": 60,
        "covers": frozenset(Coverage),
        "leading_pattern": "p",
        "kind": Kind.DRILL,
        "lengthens_hip_flexors": False,
    }
    base.update(fields)
    return Candidate(**base)  # type: ignore[arg-type]


def test_only_a_candidate_with_more_dominators_than_a_session_can_hold_is_dropped() -> None:
    # Cap 2 of one pattern: "d" has three better candidates, "c" only two.
    problem = PhaseProblem(
        candidates=tuple(candidate(name, 400 - 10 * n) for n, name in enumerate("abcd")),
        counts=(2, 1),
        budget_seconds=600,
    )
    assert [c.exercise_id for c in prune(problem).candidates] == ["a", "b", "c"]
    other_pattern = replace_candidate(problem, 0, leading_pattern="q")
    assert [c.exercise_id for c in prune(other_pattern).candidates] == ["a", "b", "c", "d"]
    needed = replace_candidate(problem, 0, prerequisites=("d",))
    assert len(prune(needed).candidates) == 4


def replace_candidate(problem: PhaseProblem, index: int, **fields: object) -> PhaseProblem:
    changed = list(problem.candidates)
    changed[index] = candidate(changed[index].exercise_id, changed[index].value, **fields)
    return PhaseProblem(**{**problem.__dict__, "candidates": tuple(changed)})


def test_equal_candidates_do_not_dominate_each_other_both_ways() -> None:
    a, b = candidate("a", 100), candidate("b", 100)
    assert dominates(a, b)
    assert not dominates(b, a)
    assert not dominates(a, a)


@st.composite
def crowded_problems(draw: st.DrawFn) -> PhaseProblem:
    """Few patterns and kinds, so that candidates often dominate each other."""
    count = draw(st.integers(min_value=4, max_value=6))
    ids = [f"e{i}" for i in range(count)]
    candidates = tuple(
        Candidate(
            exercise_id=exercise_id,
            value=draw(st.integers(min_value=0, max_value=4)) * 100,
            max_sets=draw(st.integers(min_value=1, max_value=2)),
            fixed_seconds=draw(st.sampled_from([0, 30])),
            seconds_per_set=draw(st.sampled_from([60, 90])),
            covers=frozenset(draw(st.sets(st.sampled_from(Coverage), min_size=2))),
            leading_pattern=draw(st.sampled_from(["a", "a", "b"])),
            kind=draw(st.sampled_from([Kind.DRILL, Kind.INTEGRATION])),
            lengthens_hip_flexors=False,
            prerequisites=tuple(
                draw(st.lists(st.sampled_from(ids[:index]), max_size=1)) if index else ()
            ),
        )
        for index, exercise_id in enumerate(ids)
    )
    return PhaseProblem(
        candidates=candidates,
        counts=draw(st.sampled_from([(1,), (1, 1), (2, 1)])),
        budget_seconds=draw(st.integers(min_value=120, max_value=600)),
        coverage=tuple(draw(st.sets(st.sampled_from(Coverage)))),
        pair_integration=draw(st.booleans()),
        max_exercises=draw(st.integers(min_value=1, max_value=3)),
        max_per_leading_pattern=draw(st.integers(min_value=1, max_value=2)),
        require_distinct=draw(st.booleans()),
        session_coverage=draw(st.booleans()),
    )


@settings(max_examples=200, deadline=None)
@given(crowded_problems())
def test_dropping_dominated_candidates_keeps_the_optimum(problem: PhaseProblem) -> None:
    whole, pruned = exhaustive.solve(problem), exhaustive.solve(prune(problem))
    assert (whole is None) == (pruned is None)
    if whole is not None and pruned is not None:
        assert pruned.objective == whole.objective

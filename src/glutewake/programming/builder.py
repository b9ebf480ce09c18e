"""Profile + preferences + catalogue -> an explained Program, one exact optimisation per phase.

Phases are solved in order (wake-up, build, integrate); each is optimal given the ones before
it (prerequisites met earlier count as done).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from glutewake.catalogue.catalogue import Catalogue
from glutewake.catalogue.schema import (
    Category,
    Exercise,
    Muscle,
    Pattern,
    Phase,
    Range,
    Role,
)
from glutewake.errors import FieldProblem, InvalidInputError, SafetyGateError
from glutewake.programming import phases as phase_rules
from glutewake.programming.cues import default_cue
from glutewake.programming.phases import LEVEL_CAP, ORDER, PAINFUL_SCORE, RETEST_SECONDS, RETESTS
from glutewake.programming.preferences import Context, Preferences
from glutewake.programming.problem import (
    COVERED_BY,
    Candidate,
    Coverage,
    Kind,
    PhaseProblem,
    PhaseSolution,
)
from glutewake.programming.program import Block, BlockKind, Item, Program, Session, Week
from glutewake.programming.solver import solve
from glutewake.programming.stimulus import TRAINED, StimulusTable, needs, value_per_set
from glutewake.programming.timing import (
    SIDE_CHANGE_SECONDS,
    TRANSITION_SECONDS,
    side_seconds,
    time_cost,
)
from glutewake.screening.profile import Component, Gate, Profile, Side

# Hip flexors at or above this score (0-100, or the pelvic-tilt score) count as tight.
TIGHT_HIP_FLEXORS = 40
WARM_UP_CONTEXT_CAP = 3
PHASE_WHY = {
    Phase.WAKE_UP: "isolated and isometric activation to find and fire the glutes (seeds 003, "
    "004); no quad-dominant compound moves yet (seed 004)",
    Phase.BUILD: "dynamic activation for reps once the glutes fire (seed 003)",
    Phase.INTEGRATE: "strength moves, each paired with an activation drill as a superset "
    "(seed 003)",
}
COMPONENT_LABEL = {
    Component.GLUTE_MAX: "glute max",
    Component.GLUTE_MED: "glute med",
    Component.HIP_FLEXORS: "hip-flexor length",
}
KIND_OF = {
    Category.MOBILITY: Kind.RELEASE,
    Category.ACTIVATION: Kind.DRILL,
    Category.ISOLATION: Kind.DRILL,
    Category.INTEGRATION: Kind.INTEGRATION,
}
Solver = Callable[[PhaseProblem], PhaseSolution | None]


def quad_dominant(exercise: Exercise) -> bool:
    primary_quads = any(
        t.muscle is Muscle.QUADRICEPS and t.role is Role.PRIMARY for t in exercise.targets
    )
    return primary_quads or bool({Pattern.SQUAT, Pattern.LUNGE} & set(exercise.patterns))


def in_phase(exercise: Exercise, phase: Phase) -> bool:
    """Mobility fits every phase; integration sessions also draw on activation drills."""
    if exercise.category is Category.MOBILITY or phase in exercise.phases:
        return True
    return phase is Phase.INTEGRATE and KIND_OF[exercise.category] is Kind.DRILL


def level_cap(phase: Phase, profile: Profile, preferences: Preferences) -> int:
    cap = LEVEL_CAP[phase]
    if preferences.context.is_warm_up or preferences.context is Context.DESK_BREAKS:
        cap = min(cap, WARM_UP_CONTEXT_CAP)
    if profile.pain >= PAINFUL_SCORE or profile.gate is Gate.CLEARANCE:
        cap -= 1
    return max(cap, 1)


def usable(exercise: Exercise, preferences: Preferences) -> str | None:
    """Why the person cannot do this exercise at all (equipment, floor, context), or None."""
    missing = set(exercise.equipment) - preferences.available_equipment
    if missing:
        return "needs " + ", ".join(sorted(missing))
    if exercise.needs_floor and not preferences.can_floor:
        return "needs the floor"
    if preferences.context is Context.DESK_BREAKS and not exercise.desk_friendly:
        return "not desk-friendly"
    return None


def exclusion(exercise: Exercise, phase: Phase, preferences: Preferences, cap: int) -> str | None:
    """Why this exercise is not a candidate in this phase, or None when it is."""
    reason = usable(exercise, preferences)
    if reason:
        return reason
    if exercise.level > cap:
        return f"level {exercise.level} is above the phase's cap of {cap}"
    if not in_phase(exercise, phase):
        return f"not for the {phase.value} phase"
    if phase is Phase.WAKE_UP and quad_dominant(exercise):
        return "quad-dominant: not used to wake the glutes (seed 004)"
    if (
        phase is Phase.BUILD
        and exercise.category is Category.INTEGRATION
        and quad_dominant(exercise)
    ):
        return "quad-dominant compound move: kept for the integrate phase (seed 004)"
    return None


def covers(exercise: Exercise) -> frozenset[Coverage]:
    patterns = set(exercise.patterns)
    return frozenset(group for group, needed in COVERED_BY.items() if needed & patterns)


@dataclass(frozen=True)
class PhasePlan:
    phase: Phase
    problem: PhaseProblem
    solution: PhaseSolution
    notes: tuple[str, ...]
    eligible: int
    excluded: dict[str, int]


def week_target(target: Range, position: int, length: int) -> int:
    """Linear steps from the bottom to the top of the dose range across a phase's weeks."""
    if length <= 1:
        return target.low
    return target.low + round((target.high - target.low) * position / (length - 1))


class ProgramBuilder:
    """Builds programs from one catalogue (its stimulus table is computed once)."""

    def __init__(self, catalogue: Catalogue, solver: Solver = solve) -> None:
        self.catalogue = catalogue
        self.table = StimulusTable(catalogue)
        self.solver = solver

    def build(
        self, profile: Profile, preferences: Preferences, start: date, *, cleared: bool = False
    ) -> Program:
        check_gate(profile, cleared)
        calendar = phase_rules.calendar(preferences.weeks, profile)
        need = needs(profile)
        tight = need[Component.HIP_FLEXORS] * 100 >= TIGHT_HIP_FLEXORS
        retest = self._retest(preferences)
        plans: list[PhasePlan] = []
        done: set[str] = set()
        for phase in ORDER:
            if phase not in calendar:
                continue
            plan = self.plan_phase(phase, profile, preferences, tight, frozenset(done))
            plans.append(plan)
            done.update(e for variant in plan.solution.variants for e, _ in variant)
        weeks = self._weeks(calendar, plans, profile, preferences, start, retest)
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
            explanation=tuple(self._explain(profile, preferences, plans, tight, retest)),
            gates=gates,
            weeks=weeks,
        )

    # -- the optimisation ---------------------------------------------------------------

    def eligible(
        self,
        phase: Phase,
        profile: Profile,
        preferences: Preferences,
        done_before: frozenset[str] = frozenset(),
    ) -> tuple[list[Exercise], dict[str, int]]:
        """This phase's exercises, plus earlier phases' ones for a group it cannot cover.

        An exercise whose prerequisite was not done before and cannot be done alongside it is
        left out: it could never be chosen.
        """
        cap = level_cap(phase, profile, preferences)
        found, excluded, carried = [], Counter[str](), []
        earlier = set(ORDER[: ORDER.index(phase)])
        for exercise in sorted(self.catalogue.exercises, key=lambda e: e.id):
            reason = exclusion(exercise, phase, preferences, cap)
            if reason is None:
                found.append(exercise)
            elif reason.startswith("not for the") and earlier & set(exercise.phases):
                carried.append(exercise)
            else:
                excluded[reason.split(":")[0]] += 1
        found = _reachable(found, done_before, excluded)
        missing = set(Coverage) - {group for e in found for group in covers(e)}
        useful = [e for e in carried if covers(e) & missing]
        if len(carried) > len(useful):
            excluded[f"not for the {phase.value} phase"] += len(carried) - len(useful)
        found = _reachable(found + useful, done_before, excluded)
        return sorted(found, key=lambda e: e.id), dict(sorted(excluded.items()))

    def candidates(
        self,
        phase: Phase,
        profile: Profile,
        preferences: Preferences,
        done_before: frozenset[str] = frozenset(),
    ) -> tuple[list[Candidate], dict[str, int]]:
        need = needs(profile)
        exercises, excluded = self.eligible(phase, profile, preferences, done_before)
        found = []
        for exercise in exercises:
            extra = profile.weaker_side is not None and exercise.category is not Category.MOBILITY
            cost = time_cost(exercise, exercise.dose.target.high, extra)
            found.append(
                Candidate(
                    exercise_id=exercise.id,
                    value=value_per_set(exercise, self.table, need, profile),
                    max_sets=exercise.dose.sets,
                    fixed_seconds=cost.fixed,
                    seconds_per_set=cost.per_set,
                    covers=covers(exercise),
                    leading_pattern=exercise.patterns[0].value,
                    kind=KIND_OF[exercise.category],
                    lengthens_hip_flexors=Pattern.HIP_FLEXOR_LENGTH in exercise.patterns,
                    prerequisites=tuple(p.exercise for p in exercise.prerequisites if p.exercise),
                )
            )
        return found, excluded

    def phase_problem(
        self,
        phase: Phase,
        profile: Profile,
        preferences: Preferences,
        tight: bool,
        done_before: frozenset[str] = frozenset(),
    ) -> tuple[PhaseProblem, dict[str, int]]:
        found, excluded = self.candidates(phase, profile, preferences, done_before)
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
    ) -> PhasePlan:
        problem, excluded = self.phase_problem(phase, profile, preferences, tight, done_before)
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
            solution = self.solver(attempt)
            if solution is None:
                continue
            if attempt.require_distinct and _nothing_new(solution):
                # Variety only counts if session B brings an exercise A lacks.
                attempt = replace(attempt, require_distinct=False)
                solution = self.solver(attempt)
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

    # -- sessions -----------------------------------------------------------------------

    def _retest(self, preferences: Preferences) -> Exercise | None:
        for exercise_id, _ in RETESTS:
            if exercise_id in self.catalogue:
                exercise = self.catalogue.get(exercise_id)
                if usable(exercise, preferences) is None:
                    return exercise
        return None

    @staticmethod
    def _retest_seconds(exercise: Exercise) -> int:
        hold = side_seconds(_as_hold(exercise).dose, RETEST_SECONDS)
        sides = 2 if exercise.dose.per_side else 1
        change = SIDE_CHANGE_SECONDS if exercise.dose.per_side else 0
        return TRANSITION_SECONDS + sides * hold + change

    def _weeks(
        self,
        calendar: Sequence[Phase],
        plans: Sequence[PhasePlan],
        profile: Profile,
        preferences: Preferences,
        start: date,
        retest: Exercise | None,
    ) -> tuple[Week, ...]:
        by_phase = {plan.phase: plan for plan in plans}
        weeks: list[Week] = []
        number = 0
        for week_index, phase in enumerate(calendar):
            plan = by_phase[phase]
            position = calendar[:week_index].count(phase)
            length = calendar.count(phase)
            window = [start + timedelta(days=offset + 7 * week_index) for offset in range(7)]
            days = [d for d in window if d.weekday() in {w.number for w in preferences.days}]
            sessions = []
            for slot, day in enumerate(days):
                number += 1
                variant = slot % len(plan.solution.variants)
                last = slot == len(days) - 1
                sessions.append(
                    self._session(
                        number,
                        week_index + 1,
                        plan,
                        variant,
                        day,
                        position,
                        length,
                        profile,
                        preferences,
                        retest if last and phase is Phase.BUILD else None,
                    )
                )
            covered = sorted(
                {
                    g.value
                    for s in sessions
                    for i in s.items
                    for g in covers(self.catalogue.get(i.exercise_id))
                }
            )
            weeks.append(
                Week(
                    number=week_index + 1,
                    phase=phase,
                    reason=f"{phase.value} phase, week {position + 1} of {length}: "
                    f"{PHASE_WHY[phase]}. Doses step up from the bottom of their range towards "
                    "the top.",
                    covers=tuple(covered),
                    sessions=tuple(sessions),
                )
            )
        return tuple(weeks)

    def _session(
        self,
        number: int,
        week: int,
        plan: PhasePlan,
        variant: int,
        day: date,
        position: int,
        length: int,
        profile: Profile,
        preferences: Preferences,
        retest: Exercise | None,
    ) -> Session:
        chosen = plan.solution.sets(variant)
        exercises = [self.catalogue.get(e) for e in sorted(chosen)]
        items = {
            e.id: self._item(
                e, chosen[e.id], week_target(e.dose.target, position, length), plan, profile
            )
            for e in exercises
        }
        releases = sorted(
            (e for e in exercises if KIND_OF[e.category] is Kind.RELEASE),
            key=lambda e: (Pattern.HIP_FLEXOR_LENGTH in e.patterns, e.id),
        )
        integration = [e for e in exercises if KIND_OF[e.category] is Kind.INTEGRATION]
        drills = sorted(
            (e for e in exercises if KIND_OF[e.category] is Kind.DRILL),
            key=lambda e: (e.category is not Category.ACTIVATION, e.level, e.id),
        )
        blocks: list[Block] = []
        if releases:
            blocks.append(
                Block(
                    kind=BlockKind.WARM_UP,
                    title="Warm-up: release and lengthen",
                    items=tuple(items[e.id] for e in releases),
                    reason="Hip-flexor lengthening comes before glute work so the glutes can "
                    "fire (seed 004); foam rolling per seed 001.",
                )
            )
        pairs = _pairs(integration, drills)
        paired = {drill.id for drill, _ in pairs}
        single = [e for e in drills if e.id not in paired]
        if single:
            blocks.append(
                Block(
                    kind=BlockKind.MAIN,
                    title="Glute activation",
                    items=tuple(items[e.id] for e in single),
                    reason=PHASE_WHY[plan.phase],
                )
            )
        for index, (drill, move) in enumerate(pairs, 1):
            label = chr(64 + index)
            blocks.append(
                Block(
                    kind=BlockKind.SUPERSET,
                    title=f"Superset {label}",
                    items=(
                        items[drill.id].model_copy(update={"pair": f"{label}1"}),
                        items[move.id].model_copy(update={"pair": f"{label}2"}),
                    ),
                    reason=f"{drill.name} wakes the glutes right before {move.name}: "
                    "pair an activation drill with a strength move (seed 003).",
                )
            )
        seconds = sum(item.seconds for block in blocks for item in block.items)
        letter = "AB"[variant]
        return Session(
            number=number,
            week=week,
            phase=plan.phase,
            variant=letter,
            day=day,
            blocks=tuple(blocks),
            estimated_seconds=seconds,
            budget_seconds=preferences.budget_seconds,
            reason=f"Session {letter} of the {plan.phase.value} phase: the best evidence-weighted "
            f"stimulus that fits {preferences.minutes} minutes.",
            retest=self._retest_item(retest, profile) if retest else None,
        )

    def _item(
        self, exercise: Exercise, sets: int, target: int, plan: PhasePlan, profile: Profile
    ) -> Item:
        return make_item(
            exercise,
            sets,
            target,
            profile.weaker_side,
            default_cue(exercise, profile.compensation),
            self._reason(exercise, sets, plan, profile),
        )

    def _reason(self, exercise: Exercise, sets: int, plan: PhasePlan, profile: Profile) -> str:
        need = needs(profile)
        parts = []
        if Pattern.HIP_FLEXOR_LENGTH in exercise.patterns and plan.problem.need_release:
            parts.append("your hip flexors screened tight: lengthen them first (seed 004)")
        for component in TRAINED:
            basis = self.table.basis(exercise.id, component)
            if basis.score > 0:
                parts.append(
                    f"{COMPONENT_LABEL[component]} stimulus {basis.score:.2f} x need "
                    f"{need[component]:.2f} ({basis.detail})"
                )
        groups = sorted(g.value for g in covers(exercise))
        if groups:
            parts.append("trains " + ", ".join(groups))
        if not in_phase(exercise, plan.phase):
            parts.append(
                f"carried over from an earlier phase: no {plan.phase.value} exercise that fits "
                "your choices trains " + ", ".join(groups)
            )
        value = next(c.value for c in plan.problem.candidates if c.exercise_id == exercise.id)
        parts.append(
            f"{value} points per set; the exact optimiser chose {sets} of {exercise.dose.sets} "
            f"sets among {plan.eligible} eligible exercises within the time budget"
        )
        return "; ".join(parts) + "."

    def _retest_item(self, exercise: Exercise, profile: Profile) -> Item:
        hold = _as_hold(exercise)
        side_order = _side_order(exercise, profile.weaker_side)
        return Item(
            exercise_id=exercise.id,
            name=f"{exercise.name} (re-test hold)",
            sets=1,
            measure="hold_seconds",
            target=RETEST_SECONDS,
            range_low=RETEST_SECONDS,
            range_high=RETEST_SECONDS,
            per_side=exercise.dose.per_side,
            side_order=side_order,
            tempo=hold.dose.tempo,
            rest_seconds=0,
            cue="Hold as long as your form stays: stop when the hips drop or the pelvis tilts; "
            "log the seconds and any pain.",
            reason="A separate check after the session: moving on to strength work is gated on "
            "this hold, not only on the calendar (" + RETESTS_BY_ID[exercise.id][1] + ").",
            seconds=self._retest_seconds(exercise),
        )

    def _explain(
        self,
        profile: Profile,
        preferences: Preferences,
        plans: Sequence[PhasePlan],
        tight: bool,
        retest: Exercise | None,
    ) -> list[str]:
        need = needs(profile)
        lines = [
            "Needs (0-1) from your screening: "
            + ", ".join(f"{COMPONENT_LABEL[c]} {need[c]:.2f}" for c in TRAINED)
            + ". Each set of an exercise earns need x stimulus; stimulus ranks published EMG "
            "figures within each study, or uses the exercise's declared role where no study "
            "ranks it (docs/programming.md).",
            f"{preferences.sessions_per_week} sessions a week on "
            + ", ".join(d.value for d in preferences.days)
            + f", {preferences.minutes} minutes each, {preferences.weeks} weeks; every week trains "
            "hip extension, abduction/pelvic stability and external rotation.",
        ]
        if profile.weaker_side is not None:
            lines.append(
                f"Your {profile.weaker_side.value} side screened weaker: one-sided exercises start "
                "there and add one set on that side."
            )
        if tight:
            lines.append(
                "Your hip flexors screened tight: every session starts by lengthening them "
                "(seed 004)."
                if any(p.problem.need_release for p in plans)
                else "Your hip flexors screened tight, but no hip-flexor stretch fits your "
                "equipment and floor choice."
            )
        if profile.compensation.value != "none":
            lines.append(
                f"You tend to use your {profile.compensation.value}s instead of your glutes: "
                "exercises that load them count for less and their cues target that fault."
            )
        for plan in plans:
            excluded = ", ".join(f"{count} {why}" for why, count in plan.excluded.items())
            lines.append(
                f"{plan.phase.value}: {plan.eligible} eligible exercises (level cap "
                f"{level_cap(plan.phase, profile, preferences)})"
                + (f"; left out: {excluded}" if excluded else "")
                + f"; weekly objective {plan.solution.objective}"
                + ("" if plan.solution.optimal else " (best found, optimality not proven)")
                + "."
            )
            lines.extend(plan.notes)
        if retest is None:
            lines.append(
                "No re-test exercise fits your choices; the integrate gate uses logs only."
            )
        return lines


RETESTS_BY_ID = dict(RETESTS)


def _nothing_new(solution: PhaseSolution) -> bool:
    if len(solution.variants) != 2:
        return False
    first, second = ({e for e, _ in variant} for variant in solution.variants)
    return second <= first


def _reachable(
    exercises: list[Exercise], done_before: frozenset[str], excluded: Counter[str]
) -> list[Exercise]:
    """Drop, until none is left to drop, exercises whose prerequisites cannot be met."""
    kept = list(exercises)
    while True:
        ids = {e.id for e in kept} | done_before
        blocked = [
            e for e in kept if any(p.exercise and p.exercise not in ids for p in e.prerequisites)
        ]
        if not blocked:
            return kept
        excluded["prerequisite out of reach"] += len(blocked)
        kept = [e for e in kept if e not in blocked]


def _as_hold(exercise: Exercise) -> Exercise:
    dose = exercise.dose.model_copy(
        update={
            "reps": None,
            "steps": None,
            "hold_seconds": Range(low=RETEST_SECONDS, high=RETEST_SECONDS),
        }
    )
    return exercise.model_copy(update={"dose": dose})


def _side_order(exercise: Exercise, weaker: Side | None) -> tuple[Side, ...]:
    """Weaker side first, for one-sided glute work (stretches and rolling are not glute work)."""
    if not exercise.dose.per_side or weaker is None or exercise.category is Category.MOBILITY:
        return ()
    other = Side.RIGHT if weaker is Side.LEFT else Side.LEFT
    return (weaker, other)


def make_item(
    exercise: Exercise, sets: int, target: int, weaker: Side | None, cue: str, reason: str
) -> Item:
    """A prescribed item at ``target``; the weaker side goes first and gets one extra set."""
    side_order = _side_order(exercise, weaker)
    dose = exercise.dose
    return Item(
        exercise_id=exercise.id,
        name=exercise.name,
        sets=sets,
        measure=dose.measure,
        target=target,
        range_low=dose.target.low,
        range_high=dose.target.high,
        per_side=dose.per_side,
        side_order=side_order,
        extra_sets=1 if side_order else 0,
        tempo=dose.tempo,
        rest_seconds=dose.rest_seconds,
        cue=cue,
        reason=reason,
        seconds=time_cost(exercise, target, bool(side_order)).seconds(sets),
    )


def _pairs(
    integration: Sequence[Exercise], drills: Sequence[Exercise]
) -> list[tuple[Exercise, Exercise]]:
    """Pair each strength move with the free drill sharing most patterns, then the easiest."""
    free = list(drills)
    pairs = []
    for move in sorted(integration, key=lambda e: e.id):
        if not free:
            break
        best = min(free, key=lambda d: (-len(set(d.patterns) & set(move.patterns)), d.level, d.id))
        free.remove(best)
        pairs.append((best, move))
    return pairs


def check_gate(profile: Profile, cleared: bool) -> None:
    """A stop gate never yields a program; a clearance gate needs a recorded clearance."""
    reasons = "; ".join(r.text for r in profile.gate_reasons)
    if profile.gate is Gate.STOP:
        raise SafetyGateError(
            "Your screening raised a warning sign, so glutewake will not build a program"
            + (f": {reasons}." if reasons else "."),
            hint="Please see a doctor or physiotherapist before starting glute exercises.",
        )
    if profile.gate is Gate.CLEARANCE and not cleared:
        raise SafetyGateError(
            "Your screening asks for a professional's clearance before a program"
            + (f": {reasons}." if reasons else "."),
            hint="Once a doctor or physiotherapist has cleared you, record it with "
            "`glutewake clearance` and plan again.",
        )


def build_program(
    profile: Profile,
    preferences: Preferences,
    catalogue: Catalogue,
    start: date,
    *,
    cleared: bool = False,
) -> Program:
    return ProgramBuilder(catalogue).build(profile, preferences, start, cleared=cleared)

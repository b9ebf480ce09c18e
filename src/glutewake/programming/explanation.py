"""The words a program carries: why each phase, why each item, and the program's explanation,
which starts with the clearance it was built under (who, why, their note and their limits) and
the exercises left out because the adaptation rules stopped them before."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from glutewake.catalogue.schema import Exercise, Pattern, Phase
from glutewake.programming.eligibility import covers, in_phase, level_cap
from glutewake.programming.phase_plan import PhasePlan
from glutewake.programming.preferences import Preferences
from glutewake.programming.restrictions import left_out_by
from glutewake.programming.stimulus import TRAINED, StimulusTable, needs
from glutewake.screening.clearance import ClearanceTerms
from glutewake.screening.profile import Component, Gate, Profile

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


def item_reason(
    exercise: Exercise, sets: int, plan: PhasePlan, profile: Profile, table: StimulusTable
) -> str:
    """Why this exercise, at this many sets, is in the session."""
    need = needs(profile)
    parts = []
    if Pattern.HIP_FLEXOR_LENGTH in exercise.patterns and plan.problem.need_release:
        parts.append("your hip flexors screened tight: lengthen them first (seed 004)")
    for component in TRAINED:
        basis = table.basis(exercise.id, component)
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


def explain(
    profile: Profile,
    preferences: Preferences,
    plans: Sequence[PhasePlan],
    tight: bool,
    retest: Exercise | None,
    clearance: ClearanceTerms | None = None,
    catalogue: Iterable[Exercise] = (),
    avoid: Mapping[str, str] | None = None,
) -> list[str]:
    """The program's explanation, line by line; ``catalogue`` names what a limit or ``avoid``
    (exercise id -> why) leaves out."""
    need = needs(profile)
    exercises = list(catalogue)
    lines = clearance_lines(clearance, profile, exercises) if clearance else []
    lines += avoided_lines(avoid or {}, exercises)
    lines += [
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
            "Your hip flexors screened tight: every session starts by lengthening them (seed 004)."
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
        lines.append("No re-test exercise fits your choices; the integrate gate uses logs only.")
    return lines


def avoided_lines(avoid: Mapping[str, str], catalogue: Iterable[Exercise]) -> list[str]:
    """One line per exercise the rules stopped before: "Left out: <name>, <why>"."""
    names = {e.id: e.name for e in catalogue}
    return [f"Left out: {names.get(e, e)}, {why}" for e, why in avoid.items()]


def clearance_lines(
    clearance: ClearanceTerms, profile: Profile, catalogue: Iterable[Exercise]
) -> list[str]:
    """Who cleared, why and their note; the lower level caps; what each limit leaves out."""
    lines = [clearance.summary()]
    if profile.gate is Gate.CLEARANCE:
        lines.append(
            "Because your screening asked for a clearance, every phase's level cap is one "
            "lower than usual."
        )
    exercises = list(catalogue)
    for restriction in clearance.restrictions:
        names = [e.name for e in left_out_by(restriction, exercises)]
        lines.append(
            f"Limit from your clearance: {restriction.label}; "
            + (
                "the program leaves out " + ", ".join(names) + "."
                if names
                else "no exercise in the catalogue is affected."
            )
        )
    return lines

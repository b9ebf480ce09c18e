"""The words a program carries: why each phase, why each item, and the program's explanation,
which starts with the clearance it was built under (who, why, their note and their limits) and
the exercises left out because the adaptation rules stopped them before."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from glutewake.catalogue.schema import Exercise, Pattern, Phase
from glutewake.programming.eligibility import AVOIDED, covers, in_phase
from glutewake.programming.phase_plan import PhasePlan
from glutewake.programming.preferences import Preferences
from glutewake.programming.problem import Coverage
from glutewake.programming.restrictions import left_out_by
from glutewake.programming.stimulus import TRAINED, StimulusTable, needs
from glutewake.screening.clearance import ClearanceTerms
from glutewake.screening.profile import Component, Gate, Profile

# Plain names of the phases, as the CLI and the web app say them.
PHASE_NAMES = {Phase.WAKE_UP: "wake up", Phase.BUILD: "build", Phase.INTEGRATE: "put to work"}
# Why each phase (sources: docs/programming.md, the team's seed files 003 and 004).
PHASE_WHY = {
    Phase.WAKE_UP: "small, held moves that find your glutes and switch them on; no squats or "
    "lunges yet, because they let the front of the thighs take over",
    Phase.BUILD: "moves for reps, once your glutes switch on, so that they get stronger",
    Phase.INTEGRATE: "bigger moves such as squats and deadlifts, each straight after a glute "
    "drill, so that your glutes do their share in everyday movement",
}
COMPONENT_LABEL = {
    Component.GLUTE_MAX: "your main glute (gluteus maximus)",
    Component.GLUTE_MED: "the side glutes that keep your pelvis level (gluteus medius)",
    Component.HIP_FLEXORS: "the front of your hips (hip flexors)",
}
GROUP_WORDS = {
    Coverage.HIP_EXTENSION: "driving the hips forward",
    Coverage.ABDUCTION: "moving the leg out and keeping the pelvis level",
    Coverage.EXTERNAL_ROTATION: "turning the thigh out",
}


DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def need_word(value: float) -> str:
    return "most" if value >= 0.6 else "some" if value >= 0.3 else "a little"


def item_reason(
    exercise: Exercise,
    sets: int,
    plan: PhasePlan,
    need: Mapping[Component, float],
    table: StimulusTable,
) -> str:
    """Why this exercise, at this many sets, is in the session, in plain words; ``need`` is
    the person's (``stimulus.needs``), told only as ``need_word``."""
    parts = []
    if Pattern.HIP_FLEXOR_LENGTH in exercise.patterns and plan.problem.need_release:
        parts.append("your hip flexors screened tight, so they are lengthened first")
    for component in TRAINED:
        basis = table.basis(exercise.id, component)
        if basis.score > 0:
            parts.append(
                f"it works {COMPONENT_LABEL[component]}, which your screening says needs "
                f"{need_word(need[component])} work ({basis.detail})"
            )
    groups = [GROUP_WORDS[g] for g in sorted(covers(exercise))]
    if groups:
        parts.append("it trains " + " and ".join(groups))
    if not in_phase(exercise, plan.phase):
        parts.append(
            "it belongs to an earlier step, but no exercise of this step that fits your "
            "choices trains " + " and ".join(groups)
        )
    total = exercise.dose.sets
    chosen = "its one set fits" if total == 1 else f"{sets} of its {total} sets fit"
    if total > 1 and sets == 1:
        chosen = f"1 of its {total} sets fits"
    parts.append(
        f"{chosen} the session's time: the mix that works what you need most, chosen among "
        f"the {plan.eligible} exercises that suit you"
    )
    text = "; ".join(parts) + "."
    return text[0].upper() + text[1:]


# Why exercises were left out (``eligibility.exclusion``, summed by its part before ":"),
# as "1 needs ..." / "3 need ...".
LEFT_OUT_WORDS = {
    "needs the floor": ("needs the floor", "need the floor"),
    "not desk-friendly": ("does not suit a desk", "do not suit a desk"),
    "prerequisite out of reach": ("needs an easier exercise first", "need an easier one first"),
    "quad-dominant": (
        "works mostly the front of the thighs",
        "work mostly the front of the thighs",
    ),
    "quad-dominant compound move": (
        "is a thigh-led strength move, kept for the last step",
        "are thigh-led strength moves, kept for the last step",
    ),
    AVOIDED: ("was stopped before", "were stopped before"),
    "equipment": ("needs equipment you do not have", "need equipment you do not have"),
    "level": ("is harder than this step allows", "are harder than this step allows"),
    "phase": ("belongs to another step", "belong to another step"),
}


def left_out_text(excluded: Mapping[str, int]) -> str:
    """How many exercises were left out for each reason, in words."""
    counts: Counter[str] = Counter()
    for why, count in excluded.items():
        kind = (
            "equipment"
            if why.startswith("needs ") and why != "needs the floor"
            else "level"
            if why.startswith("level ")
            else "phase"
            if why.startswith("not for the")
            else why
        )
        counts[kind] += count
    parts = []
    for kind, count in counts.items():
        one, many = LEFT_OUT_WORDS.get(kind, (kind, kind))
        parts.append(f"{count} {one if count == 1 else many}")
    return ", ".join(parts)


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
    ranked = sorted(TRAINED, key=lambda c: -need[c])
    lines += [
        "What your screening says needs work: "
        + "; ".join(f"{COMPONENT_LABEL[c]}, {need_word(need[c])}" for c in ranked)
        + ". Each exercise counts for what it works: published muscle-activity (EMG) "
        "studies rank the exercises they measured, and an exercise no study measured counts "
        "for the muscles it is meant to work.",
        f"{preferences.sessions_per_week} session"
        + ("" if preferences.sessions_per_week == 1 else "s")
        + " a week on "
        + day_list(preferences)
        + f", {preferences.minutes} minutes each, for {preferences.weeks} weeks. Every week "
        "trains driving the hips forward, moving the leg out with the pelvis level, and "
        "turning the thigh out.",
    ]
    if profile.weaker_side is not None:
        lines.append(
            f"Your {profile.weaker_side.value} side screened weaker: one-sided exercises start "
            "there and add one set on that side."
        )
    if tight:
        lines.append(
            "Your hip flexors screened tight: every session starts by lengthening them."
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
        left_out = left_out_text(plan.excluded)
        lines.append(
            f"{PHASE_NAMES[plan.phase].capitalize()}: chosen among {plan.eligible} exercises that "
            "suit you"
            + (f"; left out: {left_out}" if left_out else "")
            + ("" if plan.solution.optimal else " (the best mix found in the time allowed)")
            + "."
        )
        lines.extend(plan.notes)
    if retest is None:
        lines.append(
            "No re-test exercise fits your choices: moving on to the last step depends on "
            "your logged sets only."
        )
    return lines


def day_list(preferences: Preferences) -> str:
    """The training days in words: "Monday, Wednesday and Friday"."""
    names = [DAY_NAMES[day.number] for day in preferences.days]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


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

"""Solved phases -> dated weeks of sessions: warm-up, activation, then supersets.

Each phase repeats its solved week; doses step up across the phase's weeks, sessions A and B
alternate on the training days, and the last build session of each week ends with the re-test.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from glutewake.catalogue.catalogue import Catalogue
from glutewake.catalogue.schema import Category, Exercise, Pattern, Phase
from glutewake.programming.eligibility import KIND_OF, covers
from glutewake.programming.explanation import PHASE_NAMES, PHASE_WHY
from glutewake.programming.items import make_item, pairs, retest_item, week_target
from glutewake.programming.phase_plan import PhasePlan
from glutewake.programming.preferences import Preferences
from glutewake.programming.problem import Kind
from glutewake.programming.program import Block, BlockKind, Item, Session, Week
from glutewake.programming.stimulus import needs
from glutewake.programming.wording import Wording
from glutewake.screening.profile import Component, Profile


@dataclass(frozen=True)
class _Content:
    """What every session of one variant in one week holds (whatever its day and number)."""

    blocks: tuple[Block, ...]
    seconds: int
    covers: frozenset[str]


@dataclass(frozen=True)
class SessionWriter:
    """Writes one person's weeks from their solved phases; an item repeated in later weeks
    (same phase, sets and target) is written once, and so are the blocks of the sessions of
    one variant in one week."""

    catalogue: Catalogue
    wording: Wording
    profile: Profile
    preferences: Preferences
    retest: Exercise | None
    _items: dict[tuple[Phase, str, int, int], Item] = field(default_factory=dict)
    _contents: dict[tuple[Phase, int, tuple[int, int]], _Content] = field(default_factory=dict)
    _layouts: dict[tuple[Phase, int], _Layout] = field(default_factory=dict)
    _reasons: dict[tuple[Phase, str, int], str] = field(default_factory=dict)
    _need: dict[Component, float] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_need", needs(self.profile))

    def weeks(
        self, calendar: Sequence[Phase], plans: Sequence[PhasePlan], start: date
    ) -> tuple[Week, ...]:
        by_phase = {plan.phase: plan for plan in plans}
        training_days = {w.number for w in self.preferences.days}
        weeks: list[Week] = []
        number = 0
        for week_index, phase in enumerate(calendar):
            plan = by_phase[phase]
            position = calendar[:week_index].count(phase)
            length = calendar.count(phase)
            window = [start + timedelta(days=offset + 7 * week_index) for offset in range(7)]
            days = [d for d in window if d.weekday() in training_days]
            sessions = []
            covered: set[str] = set()
            for slot, day in enumerate(days):
                number += 1
                last = slot == len(days) - 1
                variant = slot % len(plan.solution.variants)
                sessions.append(
                    self.session(
                        number,
                        week_index + 1,
                        plan,
                        variant,
                        day,
                        (position, length),
                        with_retest=last and phase is Phase.BUILD,
                    )
                )
                covered |= self._content(plan, variant, (position, length)).covers
            weeks.append(
                Week(
                    number=week_index + 1,
                    phase=phase,
                    reason=f"{PHASE_NAMES[phase].capitalize()}, week {position + 1} of {length}: "
                    f"{PHASE_WHY[phase]}. Doses start low in their range and step up week by "
                    "week.",
                    covers=tuple(sorted(covered)),
                    sessions=tuple(sessions),
                )
            )
        return tuple(weeks)

    def session(
        self,
        number: int,
        week: int,
        plan: PhasePlan,
        variant: int,
        day: date,
        step: tuple[int, int],
        *,
        with_retest: bool,
    ) -> Session:
        """Session ``number`` on ``day``; ``step`` is (week's position, weeks) in its phase."""
        content = self._content(plan, variant, step)
        letter = "AB"[variant]
        retest = self.retest if with_retest else None
        return Session(
            number=number,
            week=week,
            phase=plan.phase,
            variant=letter,
            day=day,
            blocks=content.blocks,
            estimated_seconds=content.seconds,
            budget_seconds=self.preferences.budget_seconds,
            reason=f"Session {letter}: the exercises that work what you need most in "
            f"{self.preferences.minutes} minutes.",
            retest=retest_item(retest, self.profile.weaker_side) if retest else None,
        )

    def _content(self, plan: PhasePlan, variant: int, step: tuple[int, int]) -> _Content:
        key = (plan.phase, variant, step)
        if key not in self._contents:
            self._contents[key] = self._write_content(plan, variant, step)
        return self._contents[key]

    def _layout(self, plan: PhasePlan, variant: int) -> _Layout:
        key = (plan.phase, variant)
        if key not in self._layouts:
            self._layouts[key] = layout(self.catalogue, plan.solution.sets(variant))
        return self._layouts[key]

    def _write_content(self, plan: PhasePlan, variant: int, step: tuple[int, int]) -> _Content:
        """The blocks of ``variant``'s sessions in the phase's week ``step``."""
        shape = self._layout(plan, variant)
        items = {
            e.id: self._item(e, shape.sets[e.id], week_target(e.dose.target, *step), plan)
            for e in shape.exercises
        }
        blocks: list[Block] = []
        if shape.warm_up:
            blocks.append(
                Block(
                    kind=BlockKind.WARM_UP,
                    title="Warm-up: release and lengthen",
                    items=tuple(items[e.id] for e in shape.warm_up),
                    reason=warm_up_reason(shape.warm_up),
                )
            )
        if shape.single:
            blocks.append(
                Block(
                    kind=BlockKind.MAIN,
                    title="Glute activation",
                    items=tuple(items[e.id] for e in shape.single),
                    reason=PHASE_WHY[plan.phase][0].upper() + PHASE_WHY[plan.phase][1:] + ".",
                )
            )
        for index, (drill, move) in enumerate(shape.supersets, 1):
            label = chr(64 + index)
            blocks.append(
                Block(
                    kind=BlockKind.SUPERSET,
                    title=f"Superset {label}",
                    items=(
                        items[drill.id].model_copy(update={"pair": f"{label}1"}),
                        items[move.id].model_copy(update={"pair": f"{label}2"}),
                    ),
                    reason=f"{drill.name} wakes the glutes right before {move.name}, so that "
                    "the glutes do their share of the bigger move.",
                )
            )
        seconds = sum(item.seconds for block in blocks for item in block.items)
        return _Content(tuple(blocks), seconds, shape.covers)

    def _item(self, exercise: Exercise, sets: int, target: int, plan: PhasePlan) -> Item:
        key = (plan.phase, exercise.id, sets, target)
        if key not in self._items:
            self._items[key] = make_item(
                exercise,
                sets,
                target,
                self.profile.weaker_side,
                self.wording.cue(exercise, self.profile.compensation),
                self._reason(exercise, sets, plan),
            )
        return self._items[key]

    def _reason(self, exercise: Exercise, sets: int, plan: PhasePlan) -> str:
        """The item's reason, the same in every week of the phase."""
        key = (plan.phase, exercise.id, sets)
        if key not in self._reasons:
            self._reasons[key] = self.wording.reason(exercise, sets, plan, self._need)
        return self._reasons[key]


@dataclass(frozen=True)
class _Layout:
    """The exercises of one variant's sessions in block order, whatever the week's doses."""

    sets: dict[str, int]
    exercises: tuple[Exercise, ...]  # by id
    warm_up: tuple[Exercise, ...]
    single: tuple[Exercise, ...]  # drills without a strength move to pair with
    supersets: tuple[tuple[Exercise, Exercise], ...]  # (drill, strength move)
    covers: frozenset[str]  # the movement groups the blocks train


def layout(catalogue: Catalogue, chosen: dict[str, int]) -> _Layout:
    """Warm-up (hip-flexor lengthening last), single drills, then supersets."""
    exercises = [catalogue.get(e) for e in sorted(chosen)]
    releases = sorted(
        (e for e in exercises if KIND_OF[e.category] is Kind.RELEASE),
        key=lambda e: (Pattern.HIP_FLEXOR_LENGTH in e.patterns, e.id),
    )
    integration = [e for e in exercises if KIND_OF[e.category] is Kind.INTEGRATION]
    drills = sorted(
        (e for e in exercises if KIND_OF[e.category] is Kind.DRILL),
        key=lambda e: (e.category is not Category.ACTIVATION, e.level, e.id),
    )
    superset_pairs = pairs(integration, drills)
    paired = {drill.id for drill, _ in superset_pairs}
    single = [e for e in drills if e.id not in paired]
    in_blocks = (
        {e.id for e in releases}
        | {e.id for e in single}
        | {e.id for pair in superset_pairs for e in pair}
    )
    covered = frozenset(g.value for e in exercises if e.id in in_blocks for g in covers(e))
    return _Layout(
        chosen,
        tuple(exercises),
        tuple(releases),
        tuple(single),
        tuple(superset_pairs),
        covered,
    )


def warm_up_reason(releases: Sequence[Exercise]) -> str:
    """Why the warm-up: lengthening tight hip flexors first, and what a foam roller adds."""
    text = "Lengthening the front of the hips comes before the glute work, so that the glutes "
    text += "can switch on"
    if any(Pattern.SOFT_TISSUE in e.patterns for e in releases):
        text += "; foam rolling first loosens the tissue to be stretched"
    return text + "."

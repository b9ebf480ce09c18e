"""Swap options for a prescribed item: easier versions first, then the same pattern, none harder."""

from __future__ import annotations

from glutewake.catalogue import Catalogue, Exercise
from glutewake.programming.cues import default_cue
from glutewake.programming.eligibility import usable
from glutewake.programming.items import make_item
from glutewake.programming.program import Item, Program, Session

MAX_ALTERNATIVES = 4


def alternatives(
    item: Item, session: Session, program: Program, catalogue: Catalogue
) -> list[Item]:
    """Easier versions first, then exercises with the same leading pattern, none harder."""
    if item.exercise_id not in catalogue:
        return []
    current = catalogue.get(item.exercise_id)
    present = {i.exercise_id for i in session.items}
    cap = program.level_caps.get(session.phase.value, current.level)
    same_pattern = sorted(
        (
            e
            for e in catalogue.exercises
            if e.patterns[0] is current.patterns[0]
            and e.category is current.category
            and e.level <= current.level
        ),
        key=lambda e: (e.level, e.id),
    )
    found: list[Exercise] = []
    for option in [
        *(catalogue.get(r) for r in current.regressions if r in catalogue),
        *same_pattern,
    ]:
        allowed = usable(option, program.preferences, program.restrictions, program.avoided) is None
        fits = allowed and option.level <= max(cap, 1)
        if option.id not in present and fits and option not in found:
            found.append(option)
    return [_swap_item(item, current, option, program) for option in found[:MAX_ALTERNATIVES]]


def _swap_item(item: Item, current: Exercise, option: Exercise, program: Program) -> Item:
    easier = option.id in current.regressions or option.level < current.level
    why = f"{'An easier' if easier else 'Another'} way to train what {item.name} trains."
    return make_item(
        option,
        min(item.sets, option.dose.sets),
        option.dose.target.low,
        program.weaker_side,
        default_cue(option, program.compensation),
        why,
    ).model_copy(update={"pair": item.pair})

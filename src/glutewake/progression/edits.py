"""Edits to the future sessions of a draft: a new cue or dose, a swap, a removal.

An edit applies only to sessions after today, and only where the session still fits its time
budget; a swapped-in exercise must suit the person's choices and the phase's level cap, and
not be one the program was built to avoid (``Program.avoided``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from glutewake.catalogue.schema import Exercise
from glutewake.programming.cues import default_cue
from glutewake.programming.eligibility import usable
from glutewake.programming.items import make_item
from glutewake.programming.program import Item, Session
from glutewake.programming.timing import time_cost
from glutewake.progression.draft import Draft
from glutewake.progression.rules import DOSE_STEP


def edit_items(draft: Draft, exercise_id: str, edit: Callable[[Item], Item | None]) -> int:
    """Apply ``edit`` to the exercise in every future session where the result fits."""
    changed = 0
    for session in draft.future():
        old = next((i for i in session.items if i.exercise_id == exercise_id), None)
        new = edit(old) if old is not None else None
        if new is None or new == old:
            continue
        updated = with_item(session, exercise_id, new)
        if updated.estimated_seconds <= updated.budget_seconds:
            draft.replace(session, updated)
            changed += 1
    return changed


def swap(
    draft: Draft, exercise: Exercise, options: Sequence[str], reason: str, *, harder: bool
) -> Exercise | None:
    """Put the first fitting option in place of ``exercise`` in every future session."""
    done = {i.exercise_id for s in draft.sessions if s.done_on for i in s.items} | {exercise.id}
    chosen: Exercise | None = None
    for session in draft.future():
        old = next((i for i in session.items if i.exercise_id == exercise.id), None)
        if old is None:
            continue
        present = {i.exercise_id for i in session.items}
        easier_here = next((o for o in options if o in present), None) if not harder else None
        if easier_here is not None:
            # The easier version is already in this session: just drop the harder one.
            chosen = chosen or draft.catalogue.get(easier_here)
            draft.replace(session, with_item(session, exercise.id, None))
            continue
        for option in _options(draft, session, options, done, harder):
            updated = _swapped(draft, session, old, option, reason)
            if updated is not None:
                chosen = chosen or option
                draft.replace(session, updated)
                break
    return chosen


def remove(draft: Draft, exercise_id: str) -> None:
    for session in draft.future():
        if any(i.exercise_id == exercise_id for i in session.items):
            draft.replace(session, with_item(session, exercise_id, None))


def dose_cap(item: Item) -> int:
    """Holds go up to 60 s (issue #4); reps and steps to the top of their range."""
    if item.measure == "hold_seconds":
        return max(DOSE_STEP.hold_cap, item.range_high)
    return item.range_high


def raised(item: Item, exercise: Exercise, done: int) -> Item | None:
    """The item at one dose step above ``done`` (never lower than planned, never over the cap)."""
    step = {"hold_seconds": DOSE_STEP.hold_seconds, "steps": DOSE_STEP.steps}.get(
        item.measure, DOSE_STEP.reps
    )
    target = max(item.target, min(dose_cap(item), done + step))
    if target == item.target:
        return None
    seconds = time_cost(exercise, target, bool(item.extra_sets)).seconds(item.sets)
    return item.model_copy(update={"target": target, "seconds": seconds})


def with_item(session: Session, exercise_id: str, new: Item | None) -> Session:
    """``session`` with the exercise's item replaced by ``new`` (or removed when None)."""
    blocks = []
    for block in session.blocks:
        items = tuple(
            replacement
            for item in block.items
            for replacement in ([new] if item.exercise_id == exercise_id else [item])
            if replacement is not None
        )
        if items:
            blocks.append(block.model_copy(update={"items": items}))
    seconds = sum(item.seconds for block in blocks for item in block.items)
    return session.model_copy(update={"blocks": tuple(blocks), "estimated_seconds": seconds})


def _options(
    draft: Draft, session: Session, ids: Sequence[str], done: set[str], harder: bool
) -> list[Exercise]:
    """Catalogue options the person can do in this session's phase, in catalogue order."""
    program = draft.program
    cap = program.level_caps.get(session.phase.value, 1)
    present = {i.exercise_id for i in session.items}
    found = []
    for exercise_id in ids:
        if exercise_id not in draft.catalogue or exercise_id in present:
            continue
        option = draft.catalogue.get(exercise_id)
        if usable(option, program.preferences, program.restrictions, program.avoided):
            continue
        if option.level > cap:
            continue
        if harder and any(p.exercise and p.exercise not in done for p in option.prerequisites):
            continue
        found.append(option)
    return found


def _swapped(
    draft: Draft, session: Session, old: Item, new: Exercise, reason: str
) -> Session | None:
    """``session`` with ``new`` instead of ``old``, cutting sets until it fits; or None."""
    program = draft.program
    cue = default_cue(new, program.compensation)
    why = f"Replaces {old.name}: {reason}"
    for sets in range(min(old.sets, new.dose.sets), 0, -1):
        item = make_item(new, sets, new.dose.target.low, program.weaker_side, cue, why)
        updated = with_item(session, old.exercise_id, item.model_copy(update={"pair": old.pair}))
        if updated.estimated_seconds <= updated.budget_seconds:
            return updated
    return None

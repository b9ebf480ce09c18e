"""A coach's edits to a client's program: swap an exercise, change a dose, pin, forbid.

Each edit changes the sessions after today (today's session stays as the client sees it), goes
through the same checks as the program's own adaptations (``progression.edits``: the person's
choices, their clearance's limits, the phase's level cap, the session's time), and is stored
with an adjustment the client sees and an audit event the coach's page shows, in one
transaction. The safety rule comes first: a paused program is not edited.
"""

from __future__ import annotations

from collections.abc import Mapping

from glutewake.application import programs
from glutewake.application.coach_scope import audit, check_reason, client_of_coach
from glutewake.application.context import Work
from glutewake.application.safety import require_training_allowed
from glutewake.catalogue.schema import Exercise
from glutewake.errors import ConflictError, FieldProblem, InvalidInputError, NotFoundError
from glutewake.programming.cues import default_cue
from glutewake.programming.eligibility import in_phase, usable
from glutewake.programming.items import make_item
from glutewake.programming.program import BlockKind, Item, Program, Session
from glutewake.programming.timing import time_cost
from glutewake.progression import edits
from glutewake.progression.draft import Draft
from glutewake.store import repository as repo

MAX_SETS = 10  # a product limit on a coach's dose, not a clinical figure
FORBIDDEN_BY_COACH = "left out by your coach"


def _exercise(work: Work, exercise_id: str, field: str = "exercise") -> Exercise:
    if exercise_id not in work.catalogue:
        raise InvalidInputError(
            "edit", [FieldProblem(field, f"{exercise_id[:60]!r} is not an exercise")]
        )
    return work.catalogue.get(exercise_id)


def _start(work: Work, reason: str) -> tuple[programs.StoredProgram, Draft, str]:
    client_of_coach(work)
    reason = check_reason(reason, "edit")
    require_training_allowed(work)
    current = programs.require_program(work)
    return current, Draft(current.program, work.catalogue, work.clock.today()), reason


def _in_future(draft: Draft, exercise_id: str) -> None:
    if not draft.future_items(exercise_id):
        raise NotFoundError(
            f"{exercise_id} is not in any session after today.",
            hint="Choose an exercise from the client's coming sessions.",
        )


def _store(
    work: Work,
    current: programs.StoredProgram,
    program: Program,
    exercise_id: str,
    change: str,
    reason: str,
    action: str,
    what: str,
    **detail: object,
) -> Program:
    repo.replace_program(work.db, work.person_id, current.id, program.model_dump(mode="json"))
    repo.record_adjustment(
        work.db, work.person_id, current.id, work.clock.today(), exercise_id, change, reason
    )
    audit(work, action, what, reason, program_id=current.id, exercise_id=exercise_id, **detail)
    return program


def swap(work: Work, exercise_id: str, new_exercise_id: str, reason: str) -> Program:
    """Put ``new_exercise_id`` in place of ``exercise_id`` in every session after today."""
    current, draft, reason = _start(work, reason)
    old = _exercise(work, exercise_id)
    new = _exercise(work, new_exercise_id, "new_exercise")
    _in_future(draft, old.id)
    chosen = edits.swap(draft, old, [new.id], f"your coach's choice: {reason}", harder=False)
    if chosen is None:
        raise ConflictError(
            f"{new.name} cannot replace {old.name} for this client.",
            hint="It needs equipment, a level or time they do not have, or their screening or "
            "clearance leaves it out; choose another exercise.",
        )
    what = f"Swapped {old.name} for {new.name} from tomorrow on."
    return _store(
        work,
        current,
        draft.result(),
        old.id,
        f"swap -> {new.id}",
        reason,
        "swap",
        what,
        new_exercise_id=new.id,
    )


def change_dose(work: Work, exercise_id: str, target: int, sets: int, reason: str) -> Program:
    """Set the exercise's sets and target (reps, steps or seconds) after today."""
    current, draft, reason = _start(work, reason)
    exercise = _exercise(work, exercise_id)
    _in_future(draft, exercise.id)
    sample = draft.future_items(exercise.id)[0]
    problems = []
    if not sample.range_low <= target <= edits.dose_cap(sample):
        problems.append(
            FieldProblem("target", f"choose {sample.range_low} to {edits.dose_cap(sample)}")
        )
    if not 1 <= sets <= MAX_SETS:
        problems.append(FieldProblem("sets", f"choose 1 to {MAX_SETS} sets"))
    if problems:
        raise InvalidInputError("dose", problems)

    def dosed(item: Item) -> Item:
        seconds = time_cost(exercise, target, bool(item.extra_sets)).seconds(sets)
        return item.model_copy(update={"target": target, "sets": sets, "seconds": seconds})

    if not edits.edit_items(draft, exercise.id, dosed):
        raise ConflictError(
            f"{sets} x {target} of {exercise.name} does not fit the client's sessions.",
            hint="Choose fewer sets or a lower target: each session keeps to its time.",
        )
    what = f"Changed {exercise.name} to {sets} x {target} from tomorrow on."
    return _store(
        work,
        current,
        draft.result(),
        exercise.id,
        f"dose {sets} x {target}",
        reason,
        "dose",
        what,
        sets=sets,
        target=target,
    )


def _pinned(draft: Draft, session: Session, exercise: Exercise, reason: str) -> Session | None:
    program = draft.program
    if exercise.id in {i.exercise_id for i in session.items}:
        return None
    if not in_phase(exercise, session.phase):
        return None
    if exercise.level > program.level_caps.get(session.phase.value, 1):
        return None
    cue = default_cue(exercise, program.compensation)
    item = make_item(
        exercise,
        exercise.dose.sets,
        exercise.dose.target.low,
        program.weaker_side,
        cue,
        f"Added by your coach: {reason}",
    )
    main = next((b for b in session.blocks if b.kind is BlockKind.MAIN), session.blocks[-1])
    blocks = tuple(
        b.model_copy(update={"items": (*b.items, item)}) if b is main else b for b in session.blocks
    )
    seconds = sum(i.seconds for b in blocks for i in b.items)
    updated = session.model_copy(update={"blocks": blocks, "estimated_seconds": seconds})
    return updated if seconds <= updated.budget_seconds else None


def pin(work: Work, exercise_id: str, reason: str) -> Program:
    """Add the exercise to every session after today where it suits the client and fits."""
    current, draft, reason = _start(work, reason)
    exercise = _exercise(work, exercise_id)
    program = draft.program
    why_not = usable(exercise, program.preferences, program.restrictions, program.avoided)
    if why_not:
        raise ConflictError(
            f"{exercise.name} cannot be added for this client: {why_not}.",
            hint="Choose an exercise their equipment, clearance and screening allow.",
        )
    added = 0
    for session in draft.future():
        updated = _pinned(draft, session, exercise, reason)
        if updated is not None:
            draft.replace(session, updated)
            added += 1
    if not added:
        raise ConflictError(
            f"{exercise.name} does not fit any of the client's sessions after today.",
            hint="It is already there, too hard for their phase, or there is no time left.",
        )
    what = f"Added {exercise.name} to {added} coming sessions."
    return _store(
        work, current, draft.result(), exercise.id, "pin", reason, "pin", what, sessions=added
    )


def _without(draft: Draft, avoided: Mapping[str, str]) -> Program:
    for exercise_id in avoided:
        edits.remove(draft, exercise_id)
    program = draft.result()
    return program.model_copy(update={"avoided": {**program.avoided, **avoided}})


def forbid(work: Work, exercise_id: str, reason: str) -> Program:
    """Take the exercise out of every session after today, and out of every re-plan."""
    current, draft, reason = _start(work, reason)
    exercise = _exercise(work, exercise_id)
    program = _without(draft, {exercise.id: f"{FORBIDDEN_BY_COACH}: {reason}"})
    what = f"Left {exercise.name} out of the program from tomorrow on."
    return _store(work, current, program, exercise.id, "forbid", reason, "forbid", what)


def leave_out(work: Work, avoided: Mapping[str, str]) -> None:
    """Take these exercises out of the current program after today (a template's choices)."""
    current = programs.require_program(work)
    draft = Draft(current.program, work.catalogue, work.clock.today())
    program = _without(draft, avoided)
    repo.replace_program(work.db, work.person_id, current.id, program.model_dump(mode="json"))

"""Each logged exercise through the rules, in order: pain first, then where it was felt, then
ease; the first rule that fires takes its action (cue, easier or harder version, dose up)."""

from __future__ import annotations

from collections.abc import Sequence

from glutewake.catalogue.schema import Category, Exercise
from glutewake.programming.cues import cue_for_felt
from glutewake.progression.draft import Draft
from glutewake.progression.edits import dose_cap, edit_items, raised, remove, swap
from glutewake.progression.rules import RULES, Action, EasyInGlutes, Firing, Rule
from glutewake.tracking.log import Felt, SetLog


def apply_rules(draft: Draft, logs: Sequence[SetLog]) -> None:
    """Apply, per exercise still planned after today, the first rule its logs fire."""
    for exercise_id in sorted({log.exercise_id for log in logs}):
        if exercise_id not in draft.catalogue or not draft.future_items(exercise_id):
            continue
        mine = [log for log in logs if log.exercise_id == exercise_id]
        release = draft.catalogue.get(exercise_id).category is Category.MOBILITY
        for rule in RULES:
            if release and rule.glute_work_only:
                continue
            firing = _check(draft, rule, mine, exercise_id)
            if firing is None:
                continue
            trigger = f"{rule.id}:{exercise_id}:{firing.day.isoformat()}"
            if not any(c.trigger == trigger for c in draft.all_changes):
                _apply(draft, rule, firing, draft.catalogue.get(exercise_id), trigger)
            break


def _check(draft: Draft, rule: Rule, logs: Sequence[SetLog], exercise_id: str) -> Firing | None:
    if isinstance(rule.condition, EasyInGlutes):
        changed = [
            c.day for c in draft.all_changes if exercise_id in (c.exercise_id, c.new_exercise_id)
        ]
        targets = {
            s.done_on: i.target
            for s in draft.sessions
            if s.done_on is not None
            for i in s.items
            if i.exercise_id == exercise_id
        }
        return rule.condition.check(logs, max(changed, default=None), targets)
    return rule.condition.check(logs, None)


def _apply(draft: Draft, rule: Rule, firing: Firing, exercise: Exercise, trigger: str) -> None:
    fired = sum(1 for c in draft.all_changes if c.rule == rule.id and c.exercise_id == exercise.id)
    action = rule.actions[min(fired, len(rule.actions) - 1)]
    reason = rule.reason.format(exercise=exercise.name, **firing.details)
    felt = Felt(firing.details.get("felt", Felt.NOWHERE.value))
    if action is Action.CUE:
        _cue(draft, exercise, felt, reason, rule, trigger)
    elif action in (Action.REGRESS, Action.STOP):
        _regress(draft, exercise, felt, reason, rule, trigger, stop=action is Action.STOP)
    else:
        _dose_up(draft, exercise, int(firing.details["done"]), reason, rule, trigger)
    if rule.advise_after is not None:
        times = sum(1 for c in draft.all_changes if c.rule == rule.id and c.action != Action.ADVISE)
        if times >= rule.advise_after:
            draft.advised = True
            draft.record(
                rule=rule.id,
                action=Action.ADVISE,
                exercise_id=exercise.id,
                reason=f"This has happened {times} times: please see a physiotherapist or "
                "doctor before you carry on with the program.",
                trigger=trigger + ":advise",
            )


def _cue(
    draft: Draft, exercise: Exercise, felt: Felt, reason: str, rule: Rule, trigger: str
) -> None:
    cue = cue_for_felt(exercise, felt)
    edit_items(draft, exercise.id, lambda item: item.model_copy(update={"cue": cue}))
    draft.record(rule.id, Action.CUE, exercise.id, f"{reason} Cue: {cue}", trigger)


def _regress(
    draft: Draft,
    exercise: Exercise,
    felt: Felt,
    reason: str,
    rule: Rule,
    trigger: str,
    *,
    stop: bool,
) -> None:
    replacement = swap(draft, exercise, exercise.regressions, reason, harder=False)
    action = Action.STOP if stop else Action.REGRESS
    if replacement is not None:
        text = f"{reason} It is replaced by {replacement.name}, an easier version."
        draft.record(rule.id, action, exercise.id, text, trigger, replacement.id)
    elif stop:
        remove(draft, exercise.id)
        text = f"{reason} No easier version fits your choices, so it is left out."
        draft.record(rule.id, action, exercise.id, text, trigger)
    else:
        _cue(draft, exercise, felt, reason + " No easier version fits your choices.", rule, trigger)


def _dose_up(
    draft: Draft, exercise: Exercise, done: int, reason: str, rule: Rule, trigger: str
) -> None:
    """Raise future targets to one step above what was done; at the cap, progress."""
    items = draft.future_items(exercise.id)
    if items and done < dose_cap(items[0]):
        if edit_items(draft, exercise.id, lambda item: raised(item, exercise, done)):
            now = draft.future_items(exercise.id)[0].describe()
            draft.record(
                rule.id, Action.DOSE_UP, exercise.id, f"{reason} Dose up: now {now}.", trigger
            )
        return
    replacement = swap(draft, exercise, exercise.progressions, reason, harder=True)
    if replacement is not None:
        text = f"{reason} The dose is at its top, so it moves on to {replacement.name}."
        draft.record(rule.id, Action.PROGRESS, exercise.id, text, trigger, replacement.id)
        return
    text = f"{reason} It is at its top dose and no harder version fits yet: keep going."
    draft.record(rule.id, Action.DOSE_UP, exercise.id, text, trigger)

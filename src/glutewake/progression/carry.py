"""What a program carries into the one that replaces it: the exercises to avoid, and why.

A re-plan builds a fresh program, but an exercise the adaptation rules stopped (any rule's
``stop``) or swapped for an easier version because of pain (a pain rule's ``regress``) must
not come back: ``build_program(..., avoid=exercises_to_avoid(old))`` leaves it out and says
why. The new program keeps the list (``Program.avoided``), so it survives every later re-plan.
"""

from __future__ import annotations

from collections.abc import Iterable

from glutewake.programming.program import Change, Program
from glutewake.progression.rules import RULES, Action, PainCondition

PAIN_RULES = frozenset(rule.id for rule in RULES if isinstance(rule.condition, PainCondition))
DONE = {Action.STOP: "stopped", Action.REGRESS: "replaced by an easier version"}


def avoids(change: Change) -> bool:
    """Whether this change means its exercise is not to be planned again."""
    return change.action == Action.STOP or (
        change.rule in PAIN_RULES and change.action == Action.REGRESS
    )


def avoided_in(changes: Iterable[Change]) -> dict[str, str]:
    """Exercise id -> why, for each exercise the changes stopped (the first time they did)."""
    found: dict[str, str] = {}
    for change in changes:
        exercise_id = change.exercise_id
        if exercise_id is None or exercise_id in found or not avoids(change):
            continue
        done = DONE[Action(change.action)]
        found[exercise_id] = f"{done} on {change.day.isoformat()} because {change.reason}"
    return found


def exercises_to_avoid(program: Program) -> dict[str, str]:
    """What ``program`` avoided already, then what its own changes stopped since."""
    found = dict(program.avoided)
    for exercise_id, why in avoided_in(program.changes).items():
        found.setdefault(exercise_id, why)
    return found

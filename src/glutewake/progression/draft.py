"""The program being adapted: its sessions, the changes made so far, and how to record one.

Adaptation edits a working copy (a :class:`Draft`) step by step and turns it back into a
Program at the end; every change is recorded with the trigger that fired it, so re-running on
the same logs changes nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from glutewake.catalogue.catalogue import Catalogue
from glutewake.programming.eligibility import covers
from glutewake.programming.program import Change, Item, Program, Session, Week
from glutewake.progression.rules import Action


@dataclass
class Draft:
    program: Program
    catalogue: Catalogue
    today: date
    sessions: list[Session] = field(init=False)
    changes: list[Change] = field(default_factory=list)
    advised: bool = False
    held_weeks: dict[int, str] = field(default_factory=dict)  # new week number -> reason

    def __post_init__(self) -> None:
        self.sessions = sorted(self.program.sessions, key=lambda s: s.number)
        self.advised = self.program.professional_advised

    @property
    def all_changes(self) -> list[Change]:
        return [*self.program.changes, *self.changes]

    def pending(self) -> list[Session]:
        return [s for s in self.sessions if s.done_on is None]

    def future(self) -> list[Session]:
        return [s for s in self.sessions if s.done_on is None and s.day > self.today]

    def future_items(self, exercise_id: str) -> list[Item]:
        return [i for s in self.future() for i in s.items if i.exercise_id == exercise_id]

    def replace(self, old: Session, new: Session) -> None:
        self.sessions = [new if s.number == old.number else s for s in self.sessions]

    def record(
        self,
        rule: str,
        action: Action,
        exercise_id: str | None,
        reason: str,
        trigger: str,
        new_exercise_id: str | None = None,
        *,
        only_once: bool = False,
    ) -> None:
        if only_once and any(c.trigger == trigger for c in self.all_changes):
            return
        self.changes.append(
            Change(
                day=self.today,
                rule=rule,
                action=action.value,
                exercise_id=exercise_id,
                new_exercise_id=new_exercise_id,
                reason=reason,
                trigger=trigger,
            )
        )

    def result(self) -> Program:
        original = {week.number: week for week in self.program.weeks}
        weeks = []
        for number in sorted({s.week for s in self.sessions}):
            sessions = tuple(s for s in self.sessions if s.week == number)
            source = original.get(self._original_week(number))
            reason = self.held_weeks.get(number) or (source.reason if source else "")
            covered = sorted(
                {
                    group.value
                    for s in sessions
                    for i in s.items
                    if i.exercise_id in self.catalogue
                    for group in covers(self.catalogue.get(i.exercise_id))
                }
            )
            weeks.append(
                Week(
                    number=number,
                    phase=sessions[0].phase,
                    reason=reason,
                    covers=tuple(covered),
                    sessions=sessions,
                )
            )
        return self.program.model_copy(
            update={
                "weeks": tuple(weeks),
                "changes": (*self.program.changes, *self.changes),
                "professional_advised": self.advised,
            }
        )

    def _original_week(self, number: int) -> int:
        """The week number before this run's holds shifted it."""
        return number - sum(1 for held in self.held_weeks if held < number)

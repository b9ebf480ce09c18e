"""Program + logged sets + today -> the adjusted program and every change, with its reason.

In order: sessions are marked done by the days sets were logged; missed sessions slide the
rest of the calendar onto the next training days (never two in a day); a phase starts only
when its gate's criteria are met, otherwise the last week of the phase repeats; then each
logged exercise goes through the rules (pain first, then where it was felt, then ease).
Changes apply to sessions after today. Re-running on the same logs changes nothing more:
every change records the trigger that fired it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from glutewake.catalogue.catalogue import Catalogue
from glutewake.catalogue.schema import Category, Exercise
from glutewake.programming.cues import cue_for_felt, default_cue
from glutewake.programming.eligibility import covers, usable
from glutewake.programming.items import make_item
from glutewake.programming.program import Change, Item, Program, Session, Week
from glutewake.programming.timing import time_cost
from glutewake.progression.rules import DOSE_STEP, RULES, Action, EasyInGlutes, Firing, Rule
from glutewake.tracking.log import Felt, SetLog

SLIDE_RULE = "missed-sessions"
GATE_RULE = "phase-gate"
# From this many holds at the same gate, a professional's view is advised.
HOLDS_BEFORE_ADVICE = 2


@dataclass(frozen=True)
class Adaptation:
    program: Program
    changes: tuple[Change, ...]


def adapt(
    program: Program, logs: Sequence[SetLog], today: date, catalogue: Catalogue
) -> Adaptation:
    """Apply every rule that the logs up to ``today`` trigger and that has not fired before."""
    state = _State(program, catalogue, today)
    relevant = [log for log in logs if program.start <= log.day <= today]
    earlier = [log for log in relevant if log.day < today]
    state.mark_done(earlier)
    state.slide()
    state.gate(earlier)
    state.mark_done([log for log in relevant if log.day == today])
    state.exercise_rules(relevant)
    return state.result()


@dataclass
class _State:
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

    # -- calendar ------------------------------------------------------------------------

    def mark_done(self, logs: Sequence[SetLog]) -> None:
        planned = {item.exercise_id for s in self.sessions for item in s.items}
        for day in sorted({log.day for log in logs if log.exercise_id in planned}):
            if any(s.done_on == day for s in self.sessions):
                continue
            due = [s for s in self.sessions if s.done_on is None and s.day <= day]
            if due:
                self._replace(due[0], due[0].model_copy(update={"done_on": day}))

    def _pending(self) -> list[Session]:
        return [s for s in self.sessions if s.done_on is None]

    def _slots(self, first: date, count: int) -> list[date]:
        """The next ``count`` training days from ``first`` that hold no session done already."""
        weekdays = {d.number for d in self.program.preferences.days}
        done = {s.done_on for s in self.sessions}
        slots: list[date] = []
        day = first
        while len(slots) < count:
            if day.weekday() in weekdays and day not in done:
                slots.append(day)
            day += timedelta(days=1)
        return slots

    def _reschedule(self, pending: list[Session], first: date) -> None:
        for session, day in zip(pending, self._slots(first, len(pending)), strict=True):
            self._replace(session, session.model_copy(update={"day": day}))

    def slide(self) -> None:
        pending = self._pending()
        missed = [s for s in pending if s.day < self.today]
        if not missed:
            return
        self._reschedule(pending, self.today)
        end = max(s.day for s in self.sessions)
        dates = ", ".join(s.day.isoformat() for s in missed)
        self._record(
            rule=SLIDE_RULE,
            action=Action.SLIDE,
            exercise_id=None,
            reason=f"{len(missed)} session(s) missed ({dates}): the rest of the program moves "
            f"to the next training days and now ends on {end.isoformat()}. Missed work is "
            "never doubled up.",
            trigger=f"slide:{self.today.isoformat()}:{missed[0].number}",
        )

    def gate(self, logs: Sequence[SetLog]) -> None:
        pending = self._pending()
        if not pending:
            return
        upcoming = pending[0]
        before = [s for s in self.sessions if s.number < upcoming.number]
        if not before or before[-1].phase == upcoming.phase:
            return
        previous = before[-1]
        gate = next(
            (
                g
                for g in self.program.gates
                if g.from_phase == previous.phase and g.to_phase == upcoming.phase
            ),
            None,
        )
        if gate is None:
            return
        status = gate.evaluate(logs, self.today)
        holds = sum(
            1
            for c in self.all_changes
            if c.rule == GATE_RULE and c.trigger.startswith(f"gate:{gate.to_phase.value}:hold")
        )
        if status.met:
            self._record(
                rule=GATE_RULE,
                action=Action.ADVANCE,
                exercise_id=None,
                reason=f"Every criterion to start the {gate.to_phase.value} phase is met: "
                "moving on.",
                trigger=f"gate:{gate.to_phase.value}:met",
                only_once=True,
            )
            return
        open_text = "; ".join(f"{c.text} (now: {c.why})" for c in status.open)
        reason = (
            f"Staying in the {previous.phase.value} phase for another week; still open: "
            f"{open_text}."
        )
        if holds + 1 >= HOLDS_BEFORE_ADVICE:
            reason += (
                " This gate has held more than once: please ask a physiotherapist or doctor "
                "to look at how it is going."
            )
            self.advised = True
        self._hold(previous, upcoming, reason)
        self._record(
            rule=GATE_RULE,
            action=Action.HOLD,
            exercise_id=None,
            reason=reason,
            trigger=f"gate:{gate.to_phase.value}:hold{holds + 1}",
        )

    def _hold(self, previous: Session, upcoming: Session, reason: str) -> None:
        """Insert a copy of the previous phase's last week before ``upcoming``."""
        week = [s for s in self.sessions if s.week == previous.week]
        copies = [s.model_copy(update={"done_on": None, "week": previous.week + 1}) for s in week]
        rest = [s for s in self.sessions if s.number >= upcoming.number]
        first_day = upcoming.day
        shifted = [s.model_copy(update={"week": s.week + 1}) for s in rest]
        kept = [s for s in self.sessions if s.number < upcoming.number]
        ordered = kept + copies + shifted
        self.sessions = [s.model_copy(update={"number": n}) for n, s in enumerate(ordered, 1)]
        self.held_weeks = {
            (number + 1 if number > previous.week else number): text
            for number, text in self.held_weeks.items()
        }
        self.held_weeks[previous.week + 1] = reason
        self._reschedule(self._pending(), first_day)

    # -- exercise rules ------------------------------------------------------------------

    def exercise_rules(self, logs: Sequence[SetLog]) -> None:
        for exercise_id in sorted({log.exercise_id for log in logs}):
            if exercise_id not in self.catalogue or not self._future_items(exercise_id):
                continue
            mine = [log for log in logs if log.exercise_id == exercise_id]
            release = self.catalogue.get(exercise_id).category is Category.MOBILITY
            for rule in RULES:
                if release and rule.glute_work_only:
                    continue
                firing = self._check(rule, mine, exercise_id)
                if firing is None:
                    continue
                trigger = f"{rule.id}:{exercise_id}:{firing.day.isoformat()}"
                if not any(c.trigger == trigger for c in self.all_changes):
                    self._apply(rule, firing, self.catalogue.get(exercise_id), trigger)
                break

    def _check(self, rule: Rule, logs: Sequence[SetLog], exercise_id: str) -> Firing | None:
        if isinstance(rule.condition, EasyInGlutes):
            changed = [
                c.day for c in self.all_changes if exercise_id in (c.exercise_id, c.new_exercise_id)
            ]
            targets = {
                s.done_on: i.target
                for s in self.sessions
                if s.done_on is not None
                for i in s.items
                if i.exercise_id == exercise_id
            }
            return rule.condition.check(logs, max(changed, default=None), targets)
        return rule.condition.check(logs, None)

    def _apply(self, rule: Rule, firing: Firing, exercise: Exercise, trigger: str) -> None:
        fired = sum(
            1 for c in self.all_changes if c.rule == rule.id and c.exercise_id == exercise.id
        )
        action = rule.actions[min(fired, len(rule.actions) - 1)]
        reason = rule.reason.format(exercise=exercise.name, **firing.details)
        felt = Felt(firing.details.get("felt", Felt.NOWHERE.value))
        if action is Action.CUE:
            self._cue(exercise, felt, reason, rule, trigger)
        elif action in (Action.REGRESS, Action.STOP):
            self._regress(exercise, felt, reason, rule, trigger, stop=action is Action.STOP)
        else:
            self._dose_up(exercise, int(firing.details["done"]), reason, rule, trigger)
        if rule.advise_after is not None:
            times = sum(
                1 for c in self.all_changes if c.rule == rule.id and c.action != Action.ADVISE
            )
            if times >= rule.advise_after:
                self.advised = True
                self._record(
                    rule=rule.id,
                    action=Action.ADVISE,
                    exercise_id=exercise.id,
                    reason=f"This has happened {times} times: please see a physiotherapist or "
                    "doctor before you carry on with the program.",
                    trigger=trigger + ":advise",
                )

    def _cue(self, exercise: Exercise, felt: Felt, reason: str, rule: Rule, trigger: str) -> None:
        cue = cue_for_felt(exercise, felt)
        self._edit_items(exercise.id, lambda item: item.model_copy(update={"cue": cue}))
        self._record(rule.id, Action.CUE, exercise.id, f"{reason} Cue: {cue}", trigger)

    def _regress(
        self, exercise: Exercise, felt: Felt, reason: str, rule: Rule, trigger: str, *, stop: bool
    ) -> None:
        replacement = self._swap(exercise, exercise.regressions, reason, harder=False)
        action = Action.STOP if stop else Action.REGRESS
        if replacement is not None:
            text = f"{reason} It is replaced by {replacement.name}, an easier version."
            self._record(rule.id, action, exercise.id, text, trigger, replacement.id)
        elif stop:
            self._remove(exercise.id)
            text = f"{reason} No easier version fits your choices, so it is left out."
            self._record(rule.id, action, exercise.id, text, trigger)
        else:
            self._cue(
                exercise, felt, reason + " No easier version fits your choices.", rule, trigger
            )

    def _dose_up(
        self, exercise: Exercise, done: int, reason: str, rule: Rule, trigger: str
    ) -> None:
        """Raise future targets to one step above what was done; at the cap, progress."""
        items = self._future_items(exercise.id)
        if items and done < _cap(items[0]):
            if self._edit_items(exercise.id, lambda item: _raised(item, exercise, done)):
                now = self._future_items(exercise.id)[0].describe()
                text = f"{reason} Dose up: now {now}."
                self._record(rule.id, Action.DOSE_UP, exercise.id, text, trigger)
            return
        replacement = self._swap(exercise, exercise.progressions, reason, harder=True)
        if replacement is not None:
            text = f"{reason} The dose is at its top, so it moves on to {replacement.name}."
            self._record(rule.id, Action.PROGRESS, exercise.id, text, trigger, replacement.id)
            return
        text = f"{reason} It is at its top dose and no harder version fits yet: keep going."
        self._record(rule.id, Action.DOSE_UP, exercise.id, text, trigger)

    # -- item edits ----------------------------------------------------------------------

    def _future(self) -> list[Session]:
        return [s for s in self.sessions if s.done_on is None and s.day > self.today]

    def _future_items(self, exercise_id: str) -> list[Item]:
        return [i for s in self._future() for i in s.items if i.exercise_id == exercise_id]

    def _edit_items(self, exercise_id: str, edit: Callable[[Item], Item | None]) -> int:
        """Apply ``edit`` to the exercise in every future session where the result fits."""
        changed = 0
        for session in self._future():
            old = next((i for i in session.items if i.exercise_id == exercise_id), None)
            new = edit(old) if old is not None else None
            if new is None or new == old:
                continue
            updated = _with_item(session, exercise_id, new)
            if updated.estimated_seconds <= updated.budget_seconds:
                self._replace(session, updated)
                changed += 1
        return changed

    def _swap(
        self, exercise: Exercise, options: Sequence[str], reason: str, *, harder: bool
    ) -> Exercise | None:
        """Put the first fitting option in place of ``exercise`` in every future session."""
        done = {i.exercise_id for s in self.sessions if s.done_on for i in s.items} | {exercise.id}
        chosen: Exercise | None = None
        for session in self._future():
            old = next((i for i in session.items if i.exercise_id == exercise.id), None)
            if old is None:
                continue
            present = {i.exercise_id for i in session.items}
            easier_here = next((o for o in options if o in present), None) if not harder else None
            if easier_here is not None:
                # The easier version is already in this session: just drop the harder one.
                chosen = chosen or self.catalogue.get(easier_here)
                self._replace(session, _with_item(session, exercise.id, None))
                continue
            for option in self._options(session, options, done, harder):
                updated = self._swapped(session, old, option, reason)
                if updated is not None:
                    chosen = chosen or option
                    self._replace(session, updated)
                    break
        return chosen

    def _options(
        self, session: Session, ids: Sequence[str], done: set[str], harder: bool
    ) -> list[Exercise]:
        """Catalogue options the person can do in this session's phase, in catalogue order."""
        cap = self.program.level_caps.get(session.phase.value, 1)
        present = {i.exercise_id for i in session.items}
        found = []
        for exercise_id in ids:
            if exercise_id not in self.catalogue or exercise_id in present:
                continue
            option = self.catalogue.get(exercise_id)
            if usable(option, self.program.preferences) or option.level > cap:
                continue
            if harder and any(p.exercise and p.exercise not in done for p in option.prerequisites):
                continue
            found.append(option)
        return found

    def _swapped(self, session: Session, old: Item, new: Exercise, reason: str) -> Session | None:
        """``session`` with ``new`` instead of ``old``, cutting sets until it fits; or None."""
        cue = default_cue(new, self.program.compensation)
        why = f"Replaces {old.name}: {reason}"
        for sets in range(min(old.sets, new.dose.sets), 0, -1):
            item = make_item(new, sets, new.dose.target.low, self.program.weaker_side, cue, why)
            updated = _with_item(
                session, old.exercise_id, item.model_copy(update={"pair": old.pair})
            )
            if updated.estimated_seconds <= updated.budget_seconds:
                return updated
        return None

    def _remove(self, exercise_id: str) -> None:
        for session in self._future():
            if any(i.exercise_id == exercise_id for i in session.items):
                self._replace(session, _with_item(session, exercise_id, None))

    # -- bookkeeping ---------------------------------------------------------------------

    @property
    def all_changes(self) -> list[Change]:
        return [*self.program.changes, *self.changes]

    def _replace(self, old: Session, new: Session) -> None:
        self.sessions = [new if s.number == old.number else s for s in self.sessions]

    def _record(
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

    def result(self) -> Adaptation:
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
        program = self.program.model_copy(
            update={
                "weeks": tuple(weeks),
                "changes": (*self.program.changes, *self.changes),
                "professional_advised": self.advised,
            }
        )
        return Adaptation(program, tuple(self.changes))

    def _original_week(self, number: int) -> int:
        """The week number before this run's holds shifted it."""
        return number - sum(1 for held in self.held_weeks if held < number)


def _cap(item: Item) -> int:
    """Holds go up to 60 s (issue #4); reps and steps to the top of their range."""
    if item.measure == "hold_seconds":
        return max(DOSE_STEP.hold_cap, item.range_high)
    return item.range_high


def _raised(item: Item, exercise: Exercise, done: int) -> Item | None:
    """The item at one dose step above ``done`` (never lower than planned, never over the cap)."""
    step = {"hold_seconds": DOSE_STEP.hold_seconds, "steps": DOSE_STEP.steps}.get(
        item.measure, DOSE_STEP.reps
    )
    target = max(item.target, min(_cap(item), done + step))
    if target == item.target:
        return None
    seconds = time_cost(exercise, target, bool(item.extra_sets)).seconds(item.sets)
    return item.model_copy(update={"target": target, "seconds": seconds})


def _with_item(session: Session, exercise_id: str, new: Item | None) -> Session:
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

"""The calendar side of adaptation: sessions done, missed sessions sliding, phase gates.

Sessions are marked done by the days sets were logged; missed sessions slide the rest of the
calendar onto the next training days (never two in a day); a phase starts only when its gate's
criteria are met, otherwise the last week of the phase repeats.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from glutewake.programming.explanation import PHASE_NAMES
from glutewake.programming.program import Session
from glutewake.progression.draft import Draft
from glutewake.progression.rules import Action
from glutewake.tracking.log import SetLog

SLIDE_RULE = "missed-sessions"
GATE_RULE = "phase-gate"
# From this many holds at the same gate, a professional's view is advised.
HOLDS_BEFORE_ADVICE = 2


def mark_done(draft: Draft, logs: Sequence[SetLog]) -> None:
    planned = {item.exercise_id for s in draft.sessions for item in s.items}
    for day in sorted({log.day for log in logs if log.exercise_id in planned}):
        if any(s.done_on == day for s in draft.sessions):
            continue
        due = [s for s in draft.sessions if s.done_on is None and s.day <= day]
        if due:
            draft.replace(due[0], due[0].model_copy(update={"done_on": day}))


def slide(draft: Draft) -> None:
    pending = draft.pending()
    missed = [s for s in pending if s.day < draft.today]
    if not missed:
        return
    _reschedule(draft, pending, draft.today)
    end = max(s.day for s in draft.sessions)
    days = [s.day.isoformat() for s in missed]
    dates = ", ".join(days) if len(days) <= 3 else f"{days[0]} to {days[-1]}"
    sessions = "1 session" if len(missed) == 1 else f"{len(missed)} sessions"
    draft.record(
        rule=SLIDE_RULE,
        action=Action.SLIDE,
        exercise_id=None,
        reason=f"{sessions} missed ({dates}): the rest of the program moves "
        f"to the next training days and now ends on {end.isoformat()}. Missed work is "
        "never doubled up.",
        trigger=f"slide:{draft.today.isoformat()}:{missed[0].number}",
    )


def gate(draft: Draft, logs: Sequence[SetLog]) -> None:
    pending = draft.pending()
    if not pending:
        return
    upcoming = pending[0]
    before = [s for s in draft.sessions if s.number < upcoming.number]
    if not before or before[-1].phase == upcoming.phase:
        return
    previous = before[-1]
    found = next(
        (
            g
            for g in draft.program.gates
            if g.from_phase == previous.phase and g.to_phase == upcoming.phase
        ),
        None,
    )
    if found is None:
        return
    status = found.evaluate(logs, draft.today)
    to_phase = found.to_phase.value
    holds = sum(
        1
        for c in draft.all_changes
        if c.rule == GATE_RULE and c.trigger.startswith(f"gate:{to_phase}:hold")
    )
    if status.met:
        draft.record(
            rule=GATE_RULE,
            action=Action.ADVANCE,
            exercise_id=None,
            reason=f"Every criterion to start the {PHASE_NAMES[found.to_phase]} step is met: "
            "moving on.",
            trigger=f"gate:{to_phase}:met",
            only_once=True,
        )
        return
    open_text = "; ".join(f"{c.text} (now: {c.why})" for c in status.open)
    reason = (
        f"Staying in the {PHASE_NAMES[previous.phase]} step for another week; still open: "
        f"{open_text}."
    )
    if holds + 1 >= HOLDS_BEFORE_ADVICE:
        reason += (
            " This gate has held more than once: please ask a physiotherapist or doctor "
            "to look at how it is going."
        )
        draft.advised = True
    _hold(draft, previous, upcoming, reason)
    draft.record(
        rule=GATE_RULE,
        action=Action.HOLD,
        exercise_id=None,
        reason=reason,
        trigger=f"gate:{to_phase}:hold{holds + 1}",
    )


def _hold(draft: Draft, previous: Session, upcoming: Session, reason: str) -> None:
    """Insert a copy of the previous phase's last week before ``upcoming``."""
    week = [s for s in draft.sessions if s.week == previous.week]
    copies = [s.model_copy(update={"done_on": None, "week": previous.week + 1}) for s in week]
    rest = [s for s in draft.sessions if s.number >= upcoming.number]
    first_day = upcoming.day
    shifted = [s.model_copy(update={"week": s.week + 1}) for s in rest]
    kept = [s for s in draft.sessions if s.number < upcoming.number]
    ordered = kept + copies + shifted
    draft.sessions = [s.model_copy(update={"number": n}) for n, s in enumerate(ordered, 1)]
    draft.held_weeks = {
        (number + 1 if number > previous.week else number): text
        for number, text in draft.held_weeks.items()
    }
    draft.held_weeks[previous.week + 1] = reason
    _reschedule(draft, draft.pending(), first_day)


def _slots(draft: Draft, first: date, count: int) -> list[date]:
    """The next ``count`` training days from ``first`` that hold no session done already."""
    weekdays = {d.number for d in draft.program.preferences.days}
    done = {s.done_on for s in draft.sessions}
    slots: list[date] = []
    day = first
    while len(slots) < count:
        if day.weekday() in weekdays and day not in done:
            slots.append(day)
        day += timedelta(days=1)
    return slots


def _reschedule(draft: Draft, pending: list[Session], first: date) -> None:
    for session, day in zip(pending, _slots(draft, first, len(pending)), strict=True):
        draft.replace(session, session.model_copy(update={"day": day}))

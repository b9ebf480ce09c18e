"""Re-test use cases: when one is due, take it (a new screening, then a re-plan), the result.

A re-test is stored as a new screening (``screening.retest``), so the safety gate, the
scoring and the program's re-plan apply to it as to any screening.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from glutewake.application import programs, screening
from glutewake.application.context import Work
from glutewake.application.safety import training_blocked
from glutewake.errors import ConflictError, InvalidInputError, NotFoundError, SafetyGateError
from glutewake.screening.compare import Comparison, compare_profiles
from glutewake.screening.data import load_screening_data
from glutewake.screening.profile import Gate
from glutewake.screening.retest import (
    has_questionnaire,
    is_retest,
    is_retest_due,
    marked,
    retest_answers,
    retest_due_on,
)
from glutewake.screening.retest_compare import SideChange, compare_self_tests
from glutewake.store import repository as repo
from glutewake.store.repository import ScreeningRecord

NOTHING_TO_CARRY = NotFoundError(
    "A re-test repeats the self-tests of a screening, and there is no full screening yet.",
    hint="Take the screening first (the web app's Start, or `glutewake screen`).",
)


@dataclass(frozen=True)
class RetestDue:
    on: date  # the day the next re-test is due
    due: bool  # True from that day on


def due(work: Work) -> RetestDue | None:
    """When the next re-test is due; None without a program or while training is paused."""
    current = programs.stored_program(work)
    newest = repo.latest_screening(work.db, work.person_id)
    if current is None or newest is None or training_blocked(work) is not None:
        return None
    start, last = current.program.start, newest.taken_at.date()
    return RetestDue(retest_due_on(start, last), is_retest_due(start, last, work.clock.today()))


def carried_from(work: Work) -> ScreeningRecord:
    """The screening whose questionnaire a re-test carries over: the newest full one.

    Refused while a warning sign is on record: only a full screening, after being seen,
    lifts a stop. The one exception is a stop stored today as a red flag was ticked (the
    wizard stores it at once), which the re-test's own red-flag step answers again, as a
    screening's would.
    """
    records = repo.screenings(work.db, work.person_id)
    full = [r for r in records if has_questionnaire(r.answers)]
    if not full:
        raise NOTHING_TO_CARRY
    carried = full[-1]
    today = work.clock.now().date()
    stops = [
        r
        for r in records[records.index(carried) :]
        if r.profile.gate is Gate.STOP and (r is carried or r.taken_at.date() != today)
    ]
    if stops:
        raise SafetyGateError(
            f"Screening {stops[-1].id} found a warning sign, so a re-test cannot be taken now.",
            hint="Seek the care it names; once that is dealt with, take the full screening "
            "again (`glutewake screen`).",
        )
    return carried


@dataclass(frozen=True)
class Taken:
    record: ScreeningRecord
    plan: programs.PlanResult | None  # None: no program to re-plan, or training is paused


def _score(carried: ScreeningRecord, asked: Any) -> screening.Scored:
    answers = retest_answers(carried.answers, asked)
    try:
        return screening.score(answers)
    except InvalidInputError as error:
        if any(p.field.startswith("questionnaire") for p in error.problems):
            raise ConflictError(
                f"The questions changed since screening {carried.id}, so its answers cannot "
                "be carried over to a re-test.",
                hint="Take the full screening again (`glutewake screen`).",
            ) from error
        raise


def _carry_clearance(work: Work, carried: ScreeningRecord, record: ScreeningRecord) -> None:
    """A professional's clearance goes on to the re-test when the re-test raises nothing new
    (its reasons for a clearance are among those that were cleared)."""
    if record.profile.gate is not Gate.CLEARANCE:
        return
    cleared = repo.clearance_for(work.db, work.person_id, carried.id)
    if cleared is None:
        return
    old = {reason.text for reason in carried.profile.gate_reasons}
    if all(reason.text in old for reason in record.profile.gate_reasons):
        repo.record_clearance(
            work.db,
            work.person_id,
            record.id,
            cleared.cleared_by,
            cleared.note,
            cleared.cleared_at,
            cleared.restrictions,
        )


def take(work: Work, asked: Any, replace_today: bool = True) -> Taken:
    """Store the re-test as a new screening and re-plan the program from it.

    ``asked`` holds ``red_flags`` and ``self_tests``. The re-plan keeps what the rules
    stopped, and with ``replace_today`` False asks first (``PlanResult.at_stake``) when it
    would replace today's session; the re-test is stored either way.
    """
    carried = carried_from(work)
    scored = _score(carried, asked)
    record = screening.store(work, screening.Scored(marked(scored.answers), scored.profile))
    _carry_clearance(work, carried, record)
    if programs.stored_program(work) is None or training_blocked(work) is not None:
        return Taken(record, None)
    return Taken(record, programs.plan(work, {}, replace_today=replace_today))


def replan(work: Work) -> programs.PlanResult:
    """The re-plan after a re-test, once the person said yes to replacing today's session."""
    return programs.plan(work, {}, replace_today=True)


@dataclass(frozen=True)
class Result:
    before: ScreeningRecord
    after: ScreeningRecord
    tests: tuple[SideChange, ...]  # per test and per side
    profile: Comparison  # the scores, band, gate and weaker side


def _before(records: list[ScreeningRecord], index: int) -> ScreeningRecord | None:
    return next(
        (r for r in reversed(records[:index]) if has_questionnaire(r.answers)),
        None,
    )


def result(work: Work) -> Result:
    """The newest re-test against the full screening or re-test before it."""
    records = repo.screenings(work.db, work.person_id)
    index = next((i for i in reversed(range(len(records))) if is_retest(records[i].answers)), None)
    before = _before(records, index) if index is not None else None
    if index is None or before is None:
        raise NotFoundError(
            "There is no re-test yet.",
            hint="Take one: the web app's Re-test, or `glutewake retest`.",
        )
    after = records[index]
    return Result(
        before,
        after,
        compare_self_tests(before.answers, after.answers, load_screening_data()),
        compare_profiles(before.profile, after.profile),
    )

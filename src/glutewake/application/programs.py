"""Program use cases: plan or re-plan, show it, today's session, start a session early.

Every one of them goes through the safety rule first (``safety.require_training_allowed``);
showing a program while training is paused returns the reason instead of a session.
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from glutewake.application.context import Work
from glutewake.application.safety import Standing, require_training_allowed, training_blocked
from glutewake.errors import NotFoundError, SafetyGateError
from glutewake.programming.builder import build_program
from glutewake.programming.calendar import move_session
from glutewake.programming.preferences import Preferences
from glutewake.programming.program import Change, Item, Program, Session
from glutewake.progression.adapt import Adaptation, adapt
from glutewake.progression.carry import exercises_to_avoid
from glutewake.screening.retest import retest_due_on
from glutewake.store import repository as repo
from glutewake.store import set_logs
from glutewake.tracking.today import TodayPlan, day_prefix, plan_today, session_options

NO_PROGRAM = NotFoundError(
    "You have no program yet.",
    hint="Build it from your screening: choose your preferences (the web app's Preferences, or "
    "`glutewake plan`).",
)


@lru_cache(maxsize=32)
def parse_program(text: str) -> Program:
    """A stored program's JSON text, parsed once per process for each distinct text.

    The whole text is the key, so an adapted, moved or rebuilt program (new text) is parsed
    anew and the cache cannot serve a stale one; a Program is frozen, so sharing it is safe.
    """
    return Program.model_validate(json.loads(text))


@dataclass(frozen=True)
class StoredProgram:
    id: int
    program: Program
    text: str  # as stored: a key for caches


def stored_program(work: Work) -> StoredProgram | None:
    found = repo.current_program_text(work.db, work.person_id)
    return StoredProgram(found[0], parse_program(found[1]), found[1]) if found else None


def require_program(work: Work) -> StoredProgram:
    found = stored_program(work)
    if found is None:
        raise NO_PROGRAM
    return found


def saved_preferences(work: Work) -> Preferences | None:
    stored = repo.get_preferences(work.db, work.person_id)
    return Preferences.parse(stored) if stored else None


# -- plan ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TodayAtStake:
    """Today's work in the current program that a new program would replace.

    ``current`` is today's session as Today shows it (``status`` due, in-progress or done),
    ``logged_today`` the sets logged today, ``replacement`` the new program's session today
    (None: the new program has none today; ``next_session`` is its first one).
    """

    current: Session
    status: str
    logged_today: int
    replacement: Session | None
    next_session: Session | None


@dataclass(frozen=True)
class PlanResult:
    program_id: int | None  # None: not stored, ``at_stake`` needs the person's yes first
    program: Program
    built: bool  # False: the current program fits the screening and preferences already
    at_stake: TodayAtStake | None = None


def plan(
    work: Work,
    requested: Mapping[str, Any],
    start: date | None = None,
    rebuild: bool = False,
    replace_today: bool = True,
) -> PlanResult:
    """Build a program from the newest screening and the preferences, unless the current one
    was built from exactly these (then it is kept, with its adaptations).

    With ``replace_today`` False, a new program that would replace today's session of the
    current one (due, started, or with sets logged today) is returned unstored with what is at
    stake, and nothing is written: ask, then call again with ``replace_today`` True.
    """
    found = require_training_allowed(work)
    base = repo.get_preferences(work.db, work.person_id) or {}
    if "training_days" in requested and "sessions_per_week" not in requested:
        base = {k: v for k, v in base.items() if k != "sessions_per_week"}
    preferences = Preferences.parse({**base, **requested})
    current = stored_program(work)
    if (
        current is not None
        and not rebuild
        and _still_fits(current.program, found, preferences, start)
    ):
        adapted = _adapt_and_store(work, current)
        return PlanResult(current.id, adapted, built=False)
    # What the rules stopped in the current program (sets logged since included) stays out.
    adaptation = _adapted(work, current) if current else None
    program = build_program(
        found.screening.profile,
        preferences,
        work.catalogue,
        start or work.clock.today(),
        clearance=found.clearance,
        avoid=exercises_to_avoid(adaptation.program) if adaptation else None,
    ).model_copy(update={"screening_id": found.screening.id})
    if current is not None and not replace_today:
        at_stake = today_at_stake(work, current, program)
        if at_stake is not None:
            return PlanResult(None, program, built=True, at_stake=at_stake)
    if current is not None and adaptation is not None:
        repo.store_adaptation(work.db, work.person_id, current.id, adaptation)
    repo.save_preferences(work.db, work.person_id, preferences.model_dump(mode="json"))
    program_id = repo.save_program(
        work.db, work.person_id, program.model_dump(mode="json"), work.clock.now()
    )
    return PlanResult(program_id, program, built=True)


def today_at_stake(work: Work, current: StoredProgram, new: Program) -> TodayAtStake | None:
    """What replacing ``current`` by ``new`` drops today: the sets logged today (they no longer
    count towards today's session), or today's due session when ``new`` has none today.
    None when it drops nothing (a rest day, or a session today in both programs)."""
    day = work.clock.today()
    shown = today(work, day).plan
    logged = sum(
        1 for log in set_logs.set_logs(work.db, work.person_id, since=day) if log.day == day
    )
    replacement = new.session_on(day)
    if shown.session is None:
        return None
    started = logged > 0 or shown.status == "in-progress"
    dropped = shown.status == "due" and replacement is None
    if not (started or dropped):
        return None
    return TodayAtStake(shown.session, shown.status, logged, replacement, new.next_session(day))


def _still_fits(
    program: Program, found: Standing, preferences: Preferences, start: date | None
) -> bool:
    return (
        program.screening_id == found.screening.id
        and program.preferences == preferences
        and program.clearance == found.clearance
        and (start is None or start == program.start)
    )


def _adapted(work: Work, current: StoredProgram, before_today: bool = False) -> Adaptation:
    """The program adapted to the logged sets (all of them, or only earlier days'), unstored."""
    day = work.clock.today()
    logs = set_logs.set_logs(work.db, work.person_id, since=current.program.start)
    if before_today:
        logs = [log for log in logs if log.day < day]
    return adapt(current.program, logs, day, work.catalogue)


def _adapt_and_store(work: Work, current: StoredProgram, before_today: bool = False) -> Program:
    """Adapt to the logged sets (all of them, or only earlier days') and store the result."""
    result = _adapted(work, current, before_today)
    repo.store_adaptation(work.db, work.person_id, current.id, result)
    return result.program


# -- show ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgramView:
    """The current program (if any) and, while the safety rule holds, why it is paused."""

    stored: StoredProgram | None
    blocked: SafetyGateError | None
    has_screening: bool


def show(work: Work) -> ProgramView:
    has_screening = repo.latest_screening(work.db, work.person_id) is not None
    return ProgramView(stored_program(work), training_blocked(work), has_screening)


# -- today -----------------------------------------------------------------------------


@dataclass(frozen=True)
class TodayView:
    """Today's session as it stands: missed sessions slid and earlier days' rules applied.

    Reading changes nothing: ``pending`` are the changes that the next log or finish stores.
    ``options`` are each item's alternatives, and ``key`` names everything the view was derived
    from but today's own logs (for the adapters' caches). ``retest_on`` is when the next
    re-test is due (from the program's start and the newest screening).
    """

    plan: TodayPlan
    pending: tuple[Change, ...]
    options: tuple[tuple[Item, ...], ...]
    key: Hashable
    retest_on: date


def today(work: Work, day: date | None = None) -> TodayView:
    found = require_training_allowed(work)
    current = require_program(work)
    day = day or work.clock.today()
    key, preview = _preview(work, current, day)
    logged = set_logs.keyed_set_logs(work.db, work.person_id, day_prefix(current.id, day))
    plan_ = plan_today(current.id, preview.program, day, logged)
    number = plan_.session.number if plan_.session else None
    options_key = (*key, "options", number)
    options: tuple[tuple[Item, ...], ...] | None = work.previews.get(options_key)
    if options is None:
        options = session_options(plan_, work.catalogue)
        work.previews.put(options_key, options)
    retest_on = retest_due_on(current.program.start, found.screening.taken_at.date())
    return TodayView(plan_, preview.changes, options, (*key, number), retest_on)


def _preview(work: Work, current: StoredProgram, day: date) -> tuple[tuple[Any, ...], Adaptation]:
    """The program adapted to the logs of the days before ``day``, not stored, with its key.

    Kept per program text, day and version of those logs (``work.previews``): Today is read far
    more often than sets are logged, and adapting re-reads every set of the program.
    """
    since = current.program.start
    version = set_logs.logs_version(work.db, work.person_id, since, before=day)
    key = (current.id, current.text, day, version)
    found: Adaptation | None = work.previews.get(key)
    if found is None:
        earlier = set_logs.set_logs(work.db, work.person_id, since, before=day)
        found = adapt(current.program, earlier, day, work.catalogue)
        work.previews.put(key, found)
    return key, found


def start_early(work: Work, number: int) -> None:
    """Move the next session to today so it can be done now; recorded as an adjustment."""
    require_training_allowed(work)
    current = require_program(work)
    day = work.clock.today()
    program = _adapt_and_store(work, current, before_today=True)  # the sessions Today shows
    upcoming = program.next_session(day)
    if upcoming is None or upcoming.number != number:
        raise NotFoundError(
            f"Session {number} is not the next session to do.",
            hint="Open Today to see which session is next.",
        )
    moved = move_session(program, number, day)
    repo.replace_program(work.db, work.person_id, current.id, moved.model_dump(mode="json"))
    repo.record_adjustment(
        work.db,
        work.person_id,
        current.id,
        day,
        "",
        "moved",
        f"Session {number} moved from {upcoming.day.isoformat()} to today: started early.",
    )


def finish(work: Work) -> tuple[Change, ...]:
    """Adapt the program to every set logged up to today (today's session is then done)."""
    require_training_allowed(work)
    current = require_program(work)
    before = len(current.program.changes)
    return _adapt_and_store(work, current).changes[before:]

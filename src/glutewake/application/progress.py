"""Progress use case: the person's adherence, glutes, exercises, levels and pain over weeks.

It reads only the scope's person's sets and program, and changes nothing; it shows while the
safety rule pauses training (like history), since it serves no session.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from typing import Any

from glutewake.application.context import Work
from glutewake.application.programs import StoredProgram, stored_program
from glutewake.errors import FieldProblem, InvalidInputError
from glutewake.store import set_log_reads, set_logs, summaries
from glutewake.tracking.progress import DEFAULT_WEEKS, MAX_WEEKS, Progress, progress, window
from glutewake.tracking.progress_summary import weekly_summary


@dataclass(frozen=True)
class ProgressView:
    progress: Progress
    summary: tuple[str, ...]
    has_program: bool


def check_weeks(weeks: int) -> int:
    if not 1 <= weeks <= MAX_WEEKS:
        raise InvalidInputError(
            "progress", [FieldProblem("weeks", f"give 1 to {MAX_WEEKS} weeks, not {weeks}")]
        )
    return weeks


def show(work: Work, weeks: int = DEFAULT_WEEKS) -> ProgressView:
    """Progress over the last ``weeks`` weeks up to today, for the scope's person."""
    check_weeks(weeks)
    today = work.clock.today()
    current = stored_program(work)
    # Kept per person, day, window, program text and version of every set (``work.previews``):
    # the page is read far more often than sets are logged.
    version = set_logs.logs_version(work.db, work.person_id)
    key = ("progress", work.person_id, today, weeks, current.text if current else None, version)
    found: ProgressView | None = work.previews.get(key)
    if found is None:
        found = _view(work, today, weeks, current)
        work.previews.put(key, found)
    return found


def _view(work: Work, today: date, weeks: int, current: StoredProgram | None) -> ProgressView:
    since = window(today, weeks)[0]
    if current is not None:
        since = min(since, current.program.start)
    # Each stored set parsed once per process: after a new set, only that one is read anew.
    logs = set_log_reads.set_logs_between(work.db, work.person_id, since, today + timedelta(1))
    found = progress(
        logs,
        work.catalogue,
        today,
        program=current.program if current else None,
        first_days=summaries.first_logged_days(work.db, work.person_id),
        weeks=weeks,
    )
    return ProgressView(found, weekly_summary(found), current is not None)


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def as_data(view: ProgressView) -> dict[str, Any]:
    """The view as JSON-ready data (what `glutewake progress --json` prints)."""
    data: dict[str, Any] = _plain(dataclasses.asdict(view.progress))
    adherence = view.progress.adherence
    if adherence is not None:
        data["adherence"]["percent"] = adherence.percent
    return {"summary": list(view.summary), "has_program": view.has_program, **data}

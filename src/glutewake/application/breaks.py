"""Desk-break use cases: records, break settings, what the desktop coach starts with, the pause,
the coach's status and the report. The browser tab's flows are in ``application.desk``.

Records are timezone-aware (``reminders.records``); the store keeps ``at`` as naive UTC. Break
settings are their own stored document, apart from the program preferences. The pause and the
coach's status live in the control files the desktop coach reads and writes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from pydantic import TypeAdapter, ValidationError

from glutewake.application import safety
from glutewake.application.context import Clock, Work
from glutewake.config import Settings
from glutewake.desktop.control import ControlFiles, is_running
from glutewake.errors import FieldProblem, InvalidInputError
from glutewake.reminders.chooser import week_start
from glutewake.reminders.pause import pause_end, pause_minutes
from glutewake.reminders.records import BoutRecord, BreakRecord, Record
from glutewake.reminders.report import DaySummary, bouts_by_day, summarise
from glutewake.reminders.settings import BreakSettings, checked_settings, effective_break_settings
from glutewake.reminders.standup import TrainingPause
from glutewake.reminders.week import CoachStart, offers_since
from glutewake.store import break_events
from glutewake.store import repository as repo

_RECORD: TypeAdapter[BoutRecord | BreakRecord] = TypeAdapter(Record)
MAX_REPORT_DAYS = 366


def aware_now(clock: Clock) -> datetime:
    """The clock's now as an aware UTC instant, as records and the scheduler take it."""
    return clock.now().replace(tzinfo=UTC)


def local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0)).astimezone()


def control_files(settings: Settings) -> ControlFiles:
    """The files ``glutewake breaks`` reads and writes: a pause written here reaches it."""
    return ControlFiles.in_data_dir(settings.data_dir)


# -- records ---------------------------------------------------------------------------


def _document(record: BoutRecord | BreakRecord) -> dict[str, Any]:
    document = record.model_dump(mode="json")
    document["at"] = record.at.astimezone(UTC).replace(tzinfo=None)
    return document


def _record(row: Mapping[str, Any]) -> BoutRecord | BreakRecord:
    fields = {key: value for key, value in row.items() if key != "id"}
    fields["at"] = row["at"].replace(tzinfo=UTC)
    return _RECORD.validate_python(fields)


def record(work: Work, *records: BoutRecord | BreakRecord) -> None:
    """Store sitting bouts and breaks, from the desktop coach or a browser tab."""
    for each in records:
        break_events.record_break(work.db, work.person_id, _document(each))


def records_since(work: Work, since: datetime | None = None) -> list[BoutRecord | BreakRecord]:
    """Bout and break records from ``since`` (aware) on, oldest first."""
    naive_since = since.astimezone(UTC).replace(tzinfo=None) if since else None
    return [_record(row) for row in break_events.breaks(work.db, work.person_id, naive_since)]


def this_week(work: Work) -> list[BoutRecord | BreakRecord]:
    """The records since Monday, local time: the chooser's rotation restarts each week."""
    return records_since(work, local_midnight(week_start(work.clock.today())))


# -- settings --------------------------------------------------------------------------


def break_settings(work: Work, defaults: BreakSettings) -> BreakSettings:
    """The person's effective break settings: defaults < saved settings < env vars."""
    try:
        return effective_break_settings(defaults, repo.get_break_settings(work.db, work.person_id))
    except ValidationError as error:
        problems = [
            FieldProblem(".".join(str(part) for part in problem["loc"]), problem["msg"])
            for problem in error.errors()
        ]
        raise InvalidInputError("saved break settings", problems) from error


def save_break_settings(
    work: Work, defaults: BreakSettings, submitted: Mapping[str, Any]
) -> BreakSettings:
    """Check the submitted values (see ``checked_settings``) and store them; nothing is stored
    when one is wrong. The program preferences are not touched."""
    saved = repo.get_break_settings(work.db, work.person_id)
    chosen = checked_settings(defaults, saved, submitted)
    repo.save_break_settings(work.db, work.person_id, chosen.model_dump(mode="json"))
    return chosen


# -- the desktop coach -----------------------------------------------------------------


def program_exercise_ids(work: Work) -> set[str]:
    """Catalogue ids named anywhere in the person's current program (any program format)."""
    program = repo.current_program(work.db, work.person_id)
    if program is None:
        return set()
    return _strings_in(program.program) & set(work.catalogue.ids)


def _strings_in(value: object) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*(_strings_in(v) for v in value.values()))
    if isinstance(value, list | tuple):
        return set().union(*(_strings_in(v) for v in value))
    return set()


def training_pause(work: Work) -> TrainingPause | None:
    """Why breaks offer no glute exercise now (the safety rule's words), or None.

    The safety rule (``safety.training_blocked``) pauses the exercises, not the breaks: while
    it holds, a break only asks the person to stand up and move gently."""
    blocked = safety.training_blocked(work)
    if blocked is None:
        return None
    return TrainingPause(gate=blocked.gate, message=str(blocked), hint=blocked.hint)


def coach_start(work: Work, defaults: BreakSettings) -> CoachStart:
    """What the desktop coach starts with: the rules, the program's exercises, this week, and
    whether the safety rule pauses the exercises."""
    return CoachStart(
        rules=break_settings(work, defaults),
        program_ids=sorted(program_exercise_ids(work)),
        week=week_start(work.clock.today()),
        history=offers_since(this_week(work)),
        training_paused=training_pause(work),
    )


@dataclass(frozen=True)
class CoachStatus:
    running: bool
    last_seen: dict[str, Any] | None  # the status file as the coach last wrote it


def coach_status(settings: Settings) -> CoachStatus:
    data = control_files(settings).read_status()
    return CoachStatus(is_running(data), data)


def pause(settings: Settings, clock: Clock, minutes: int | str) -> datetime | None:
    """No prompts for ``minutes`` (0 resumes), in the desktop coach and the browser tab alike;
    when the pause ends, or None when prompts resume now."""
    until = pause_end(aware_now(clock), pause_minutes(minutes))
    control_files(settings).write_pause(until)
    return until


def paused_until(settings: Settings, now: datetime) -> datetime | None:
    return control_files(settings).paused_until(now)


# -- report ----------------------------------------------------------------------------


@dataclass(frozen=True)
class BreakReport:
    days: int
    summaries: list[DaySummary]  # oldest first
    bouts: dict[date, list[BoutRecord]]
    interval_minutes: int


def report(work: Work, defaults: BreakSettings, days: int) -> BreakReport:
    """Per day: the sitting bouts, the longest unbroken one, and the breaks' outcomes."""
    if not 1 <= days <= MAX_REPORT_DAYS:
        problem = FieldProblem("days", f"a whole number from 1 to {MAX_REPORT_DAYS}")
        raise InvalidInputError("report", [problem])
    first_day = work.clock.today() - timedelta(days=days - 1)
    records = records_since(work, local_midnight(first_day))
    interval = break_settings(work, defaults).interval_minutes
    return BreakReport(days, summarise(records), bouts_by_day(records), interval)

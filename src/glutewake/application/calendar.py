"""Calendar use case: the current program's sessions as an iCalendar file.

The sessions are those Today shows: the program adapted to the sets of the days before today
(missed sessions slid forward), so a subscribed calendar follows the plan as it changes. It
serves sessions, so the safety rule applies first.
"""

from __future__ import annotations

import os
import re
from datetime import time
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from glutewake.application.context import Work
from glutewake.application.programs import require_program
from glutewake.application.safety import require_training_allowed
from glutewake.errors import FieldProblem, InvalidInputError
from glutewake.programming.ical import program_calendar
from glutewake.progression.adapt import adapt
from glutewake.store import set_logs

DEFAULT_TIME = time(18, 0)
CLOCK_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
ZONEINFO_DIR = "zoneinfo/"


def parse_time(text: str) -> time:
    """ "HH:MM" on a 24-hour clock."""
    found = CLOCK_TIME.match(text.strip())
    if found is None:
        raise InvalidInputError(
            "calendar", [FieldProblem("at", f"{text[:20]!r} is not a time such as 07:30 or 18:00")]
        )
    return time(int(found[1]), int(found[2]))


def zone_named(name: str) -> ZoneInfo:
    """An IANA time zone such as Europe/London; a name the system does not know is refused."""
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInputError(
            "calendar",
            [FieldProblem("tz", f"{name[:40]!r} is not a time zone name such as Europe/London")],
        ) from None


def local_zone() -> ZoneInfo:
    """This computer's time zone: $TZ, else /etc/localtime's zone, else UTC."""
    named = os.environ.get("TZ", "").removeprefix(":")
    if named:
        try:
            return ZoneInfo(named)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    target = str(Path("/etc/localtime").resolve())
    if ZONEINFO_DIR in target:
        try:
            return ZoneInfo(target.split(ZONEINFO_DIR, 1)[1])
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return ZoneInfo("UTC")


def calendar_file(work: Work, at: time = DEFAULT_TIME, zone: ZoneInfo | None = None) -> bytes:
    """The scope's person's sessions at ``at`` o'clock in ``zone`` (default: this computer's)."""
    require_training_allowed(work)
    current = require_program(work)
    day = work.clock.today()
    earlier = set_logs.set_logs(work.db, work.person_id, current.program.start, before=day)
    program = adapt(current.program, earlier, day, work.catalogue).program
    return program_calendar(
        program, current.id, at=at, zone=zone or local_zone(), stamp=work.clock.now()
    )

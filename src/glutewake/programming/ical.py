"""The program's sessions as an iCalendar file (RFC 5545), for a calendar app. Pure.

One event per session, at the person's chosen time of day in their time zone (with its
VTIMEZONE), lasting the session's estimated time, with its exercises and doses in the
description. Each event's UID names the program and the session, so a calendar subscribed to
the file moves an event when the plan slides a session instead of adding a second one.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from glutewake.programming.program import Program, Session

PRODID = "-//glutewake//training program//EN"
DOMAIN = "glutewake.local"  # UIDs only: nothing is served there
ZONE_MARGIN = timedelta(days=366)
PHASE_NAMES = {"wake-up": "Wake up", "build": "Build", "integrate": "Put to work"}


def session_uid(program_id: int, session: Session) -> str:
    return f"program-{program_id}-session-{session.number}@{DOMAIN}"


def describe(session: Session) -> str:
    """The session's exercises with their doses, block by block, in plain text."""
    lines = []
    for block in session.blocks:
        lines.append(f"{block.title}:")
        lines.extend(f"- {item.name}: {item.describe()}" for item in block.items)
    if session.retest is not None:
        lines.append(f"After the session, a check: {session.retest.name}.")
    if session.done_on is not None:
        lines.append(f"Done on {session.done_on.isoformat()}.")
    lines.append("Open glutewake's Today page to be guided set by set.")
    return "\n".join(lines)


def program_calendar(
    program: Program, program_id: int, *, at: time, zone: ZoneInfo, stamp: datetime
) -> bytes:
    """Every session of ``program`` as an event at ``at`` o'clock in ``zone``.

    ``stamp`` (UTC) is when the file is made: each event's DTSTAMP.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", "glutewake sessions")
    calendar.add("x-wr-calname", "glutewake sessions")
    calendar.add("x-wr-timezone", zone.key)
    calendar.add("refresh-interval", timedelta(days=1), parameters={"VALUE": "DURATION"})
    for session in program.sessions:
        start = datetime.combine(session.day, at, tzinfo=zone)
        minutes = max(1, round(session.estimated_seconds / 60))
        event = Event()
        event.add("uid", session_uid(program_id, session))
        event.add("dtstamp", stamp.replace(tzinfo=UTC))
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=minutes))
        phase = PHASE_NAMES.get(session.phase.value, session.phase.value)
        event.add(
            "summary",
            f"glutewake session {session.number}: {phase}, week {session.week} ({minutes} min)",
        )
        event.add("description", describe(session))
        event.add("categories", ["glutewake"])
        event.add("transp", "OPAQUE")
        calendar.add_component(event)
    # The zone's rules for the program's dates and a year either side only: the whole range
    # from 1970 lists its changes in ways that some readers get wrong (dateutil's, for one).
    calendar.add_missing_timezones(
        first_date=program.start - ZONE_MARGIN, last_date=program.end + ZONE_MARGIN
    )
    return bytes(calendar.to_ical())

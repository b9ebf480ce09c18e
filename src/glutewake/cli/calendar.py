"""``glutewake calendar FILE``: the planned sessions as an iCalendar file for a calendar app."""

from __future__ import annotations

from pathlib import Path

import typer

from glutewake.cli.output import console


def register(app: typer.Typer) -> None:
    """Add this module's commands to the glutewake app."""
    app.command("calendar")(calendar)


def calendar(
    file: Path = typer.Argument(..., help="Where to write the .ics file ('-': print it)."),
    at: str = typer.Option("18:00", "--at", help="Time of day of each session, HH:MM."),
    tz: str | None = typer.Option(
        None, "--tz", help="Time zone, e.g. Europe/London (default: this computer's)."
    ),
) -> None:
    """Write your planned sessions as an iCalendar file (RFC 5545) to import or share."""
    import sys

    from glutewake.application import calendar as use_case
    from glutewake.cli.work import working

    when = use_case.parse_time(at)
    zone = use_case.zone_named(tz) if tz else use_case.local_zone()
    with working() as work:
        body = use_case.calendar_file(work, when, zone)
    if str(file) == "-":
        sys.stdout.write(body.decode("utf-8"))
        return
    file.write_bytes(body)
    events = body.count(b"BEGIN:VEVENT")
    console.print(f"Wrote {events} sessions at {when:%H:%M} ({zone.key}) to {file}.")

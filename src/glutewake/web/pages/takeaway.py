"""Take it away: the sessions as a calendar file (to download or subscribe to), the handout.

The figures and files come from the application layer; this module only parses the query and
sends the bytes with their type.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from glutewake.application import calendar, handout
from glutewake.web.deps import WorkDep

router = APIRouter(tags=["take away"])
CALENDAR_TYPE = "text/calendar; charset=utf-8"


@router.get("/program/calendar.ics", response_class=Response)
def calendar_file(
    work: WorkDep,
    at: Annotated[str, Query(max_length=5, description="Time of day, HH:MM")] = "18:00",
    tz: Annotated[str, Query(max_length=60, description="IANA time zone")] = "",
) -> Response:
    """The planned sessions as iCalendar; a calendar app can subscribe to this address."""
    zone = calendar.zone_named(tz) if tz else None
    body = calendar.calendar_file(work, calendar.parse_time(at), zone)
    return Response(
        body,
        media_type=CALENDAR_TYPE,
        headers={"Content-Disposition": 'inline; filename="glutewake-sessions.ics"'},
    )


@router.get("/program/handout.pdf", response_class=Response)
def handout_file(work: WorkDep) -> Response:
    """The program as a printable PDF handout, with the progress charts."""
    found = handout.handout_pdf(work)
    return Response(
        found.data,
        media_type="application/pdf",
        headers={"Content-Disposition": 'inline; filename="glutewake-handout.pdf"'},
    )

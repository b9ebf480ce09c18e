"""Take it away: the sessions as a calendar file (to download or subscribe to), the handout,
and your data (export, import, forget).

The figures and files come from the application layer; this module only parses the query and
sends the bytes with their type.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from glutewake.application import calendar, export, fhir_export, handout
from glutewake.web.deps import WorkDep
from glutewake.web.templating import render

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


@router.get("/data", response_class=HTMLResponse)
def data_page(request: Request) -> HTMLResponse:
    return render(request, "data.html", {"done": None, "word": export.FORGET_WORD})


@router.get("/data/export.json", response_class=Response)
def export_file(work: WorkDep) -> Response:
    """Everything of yours as the export file (the same as `glutewake export`)."""
    return Response(
        export.export_person(work),
        media_type="application/json",
        headers={"Content-Disposition": 'attachment; filename="glutewake-export.json"'},
    )


@router.get("/data/export.fhir.json", response_class=Response)
def export_fhir_file(work: WorkDep) -> Response:
    """Your records as a FHIR R4 Bundle for a clinic (the same as `glutewake export --fhir`)."""
    return Response(
        fhir_export.export_fhir(work),
        media_type=fhir_export.MEDIA_TYPE,
        headers={"Content-Disposition": 'attachment; filename="glutewake-fhir.json"'},
    )


@router.post("/data/import", response_class=HTMLResponse)
async def import_file(
    request: Request, work: WorkDep, file: Annotated[UploadFile, File()]
) -> HTMLResponse:
    """Read an export file into this (empty) store; a bad file changes nothing."""
    found = export.import_person(work, await file.read())
    done = f"Imported {found.total} records from {file.filename or 'the file'}."
    return render(request, "data.html", {"done": done, "word": export.FORGET_WORD})


@router.post("/data/forget", response_class=HTMLResponse)
def forget(
    request: Request, work: WorkDep, confirm: Annotated[str, Form(max_length=40)] = ""
) -> HTMLResponse:
    """Delete every record of yours, once the word was typed."""
    deleted = export.forget_person(work, confirm)
    done = f"Deleted {deleted} records. Nothing of yours is left in this store."
    return render(request, "data.html", {"done": done, "word": export.FORGET_WORD})

"""FHIR export: everything of the scope's person a clinic can use, as one FHIR R4 Bundle.

The screenings (Questionnaire and QuestionnaireResponse, the profile and each self-test side
as Observations), clearances, programs (CarePlan, Goal, one ServiceRequest per exercise) and
the logged sessions, mapped by ``glutewake.fhir`` and validated before any byte is returned.
Reading only, so it is allowed whatever the newest screening says (docs/fhir.md).
"""

from __future__ import annotations

from glutewake.application.context import Work
from glutewake.fhir import bundle
from glutewake.fhir.records import Clearance, PersonRecords, Screening, StoredProgram
from glutewake.programming.program import Program
from glutewake.screening.data import load_screening_data
from glutewake.screening.profile import Profile
from glutewake.store import people
from glutewake.store.repository import LOCAL_USER_NAME
from glutewake.tracking.log import SetLog

MEDIA_TYPE = bundle.MEDIA_TYPE


def person_records(work: Work) -> PersonRecords:
    """The scope's person's records as the FHIR mapping reads them."""
    rows = people.person_records(work.db, work.person_id)
    name = people.person_row(work.db, work.person_id)["name"]
    return PersonRecords(
        person_id=work.person_id,
        name=None if name == LOCAL_USER_NAME else name,
        screenings=tuple(
            Screening(
                row["id"], row["taken_at"], row["answers"], Profile.model_validate(row["profile"])
            )
            for row in rows["screenings"]
        ),
        clearances=tuple(
            Clearance(
                row["id"],
                row["screening_id"],
                row["cleared_by"],
                row["note"],
                row["cleared_at"],
                tuple(row["restrictions"]),
            )
            for row in rows["clearances"]
        ),
        programs=tuple(
            StoredProgram(row["id"], row["created_at"], Program.model_validate(row["data"]))
            for row in rows["programs"]
        ),
        set_logs=tuple(SetLog.model_validate(row["data"]) for row in rows["set_logs"]),
    )


def export_fhir(work: Work) -> bytes:
    """The person's FHIR Bundle (JSON, ``application/fhir+json``), validated."""
    return bundle.render(person_records(work), load_screening_data())

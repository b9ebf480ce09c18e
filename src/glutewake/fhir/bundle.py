"""One person's records as one FHIR Bundle of type ``collection``, validated before it is written.

A collection, not a document: a document Bundle must open with a Composition that an author
attests, and glutewake's records are data for a clinic to import, not a signed clinical
document. Every fullUrl is a ``urn:uuid:`` derived from the record's id (uuid5), and nothing
reads the clock, so exporting the same records twice gives the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

from pydantic import ValidationError

from glutewake.errors import GlutewakeError
from glutewake.fhir import careplan, codes, observations, questionnaire
from glutewake.fhir.records import PersonRecords, urn
from glutewake.screening.profile import Gate
from glutewake.screening.schema import ScreeningData

MEDIA_TYPE = "application/fhir+json"
Entry = tuple[str, dict[str, Any]]


def _patient(records: PersonRecords) -> Entry:
    full_url = urn("person", records.person_id)
    resource: dict[str, Any] = {
        "resourceType": "Patient",
        "id": full_url.removeprefix("urn:uuid:"),
        "identifier": [{"system": codes.PERSON_IDENTIFIER, "value": str(records.person_id)}],
        "active": True,
    }
    if records.name:
        resource["name"] = [{"text": records.name}]
    return full_url, resource


def _paused(records: PersonRecords) -> bool:
    """Whether the newest screening pauses training (the safety rule's two cases)."""
    if not records.screenings:
        return False
    newest = max(records.screenings, key=lambda s: (s.taken_at, s.id))
    cleared = any(c.screening_id == newest.id for c in records.clearances)
    gate = newest.profile.gate
    return gate is Gate.STOP or (gate is Gate.CLEARANCE and not cleared)


def _screening_entries(
    records: PersonRecords, data: ScreeningData, patient: str, canonical: str
) -> tuple[list[Entry], dict[int, tuple[str, ...]]]:
    """Each screening's response, profile, self-tests and clearance; and, by screening id, what
    a program built from it cites (response, profile, clearance)."""
    entries: list[Entry] = []
    cited: dict[int, tuple[str, ...]] = {}
    person = records.person_id
    for screening in records.screenings:
        response_url, response = questionnaire.response(screening, data, canonical, patient, person)
        profile_url, profile = observations.profile_observation(
            screening, patient, response_url, person
        )
        entries += [(response_url, response), (profile_url, profile)]
        entries += observations.self_test_observations(
            screening, data, patient, response_url, person
        )
        cited[screening.id] = (response_url, profile_url)
    for clearance in records.clearances:
        made_from = cited.get(clearance.screening_id)
        entry = observations.clearance_observation(
            clearance, patient, made_from[0] if made_from else None, person
        )
        entries.append(entry)
        if made_from:
            cited[clearance.screening_id] = (*made_from, entry[0])
    return entries, cited


def _program_entries(
    records: PersonRecords, patient: str, cited: dict[int, tuple[str, ...]]
) -> tuple[list[Entry], dict[date, str]]:
    entries: list[Entry] = []
    plan_on: dict[date, str] = {}
    ordered = sorted(records.programs, key=lambda p: (p.created_at, p.id))
    paused = _paused(records)
    previous: str | None = None
    for number, stored in enumerate(ordered):
        newest = number == len(ordered) - 1
        status = ("on-hold" if paused else "active") if newest else "revoked"
        supporting = cited.get(stored.program.screening_id or 0, ())
        links = careplan.Links(
            patient=patient,
            status=status,
            replaces=previous,
            supporting=supporting,
            reason=supporting[1] if supporting else None,
        )
        entries += careplan.program_resources(stored, links, records.person_id)
        previous = careplan.careplan_url(records.person_id, stored.id)
        plan_on |= {session.day: previous for session in stored.program.sessions}
    return entries, plan_on


def build(records: PersonRecords, data: ScreeningData) -> dict[str, Any]:
    """The Bundle as plain JSON-ready dicts."""
    patient_url, patient = _patient(records)
    questionnaire_url, form = questionnaire.questionnaire(data)
    entries: list[Entry] = [(patient_url, patient), (questionnaire_url, form)]
    screening_entries, cited = _screening_entries(
        records, data, patient_url, questionnaire.canonical(form)
    )
    program_entries, plan_on = _program_entries(records, patient_url, cited)
    entries += screening_entries + program_entries
    entries += observations.session_observations(
        records.set_logs, patient_url, plan_on, records.person_id
    )
    bundle_url = urn("person", records.person_id, "bundle")
    return {
        "resourceType": "Bundle",
        "id": bundle_url.removeprefix("urn:uuid:"),
        "identifier": {"system": "urn:ietf:rfc:3986", "value": bundle_url},
        "type": "collection",
        "entry": [{"fullUrl": url, "resource": resource} for url, resource in entries],
    }


def references(value: Any) -> Iterator[str]:
    """Every ``reference`` string anywhere in a resource."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "reference" and isinstance(inner, str):
                yield inner
            else:
                yield from references(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from references(inner)


def _model_problems(model: Any, value: dict[str, Any], where: str) -> list[str]:
    try:
        model.model_validate(value)
    except ValidationError as error:
        return [
            f"{where}{'.'.join(str(part) for part in item['loc'])}: {item['msg']}"
            for item in error.errors()[:10]
        ]
    return []


def problems(bundle: dict[str, Any]) -> list[str]:
    """What is wrong with a Bundle: R4B model errors, repeated fullUrls, dangling references.

    The Bundle and each of its resources are validated with their R4B model one by one, which
    is the same check as validating the Bundle whole, at a third of the time.
    """
    from fhir.resources.R4B import get_fhir_model_class
    from fhir.resources.R4B.bundle import Bundle, BundleEntry

    entries = bundle.get("entry", [])
    found = _model_problems(Bundle, {k: v for k, v in bundle.items() if k != "entry"}, "")
    for number, entry in enumerate(entries):
        where = f"entry.{number}."
        shell = {key: value for key, value in entry.items() if key != "resource"}
        found += _model_problems(BundleEntry, shell, where)
        resource = entry.get("resource", {})
        try:
            model = get_fhir_model_class(str(resource.get("resourceType")))
        except ValueError:
            found.append(f"{where}resource: not a resource type R4B knows")
            continue
        found += _model_problems(model, resource, f"{where}resource.")
    urls = [entry.get("fullUrl") for entry in entries]
    if len(set(urls)) != len(urls):
        found.append("a fullUrl appears twice")
    known = set(urls)
    found += sorted(
        {
            f"a reference to {ref}, which is not in the Bundle"
            for ref in references(bundle)
            if ref not in known
        }
    )
    return found


def dump(bundle: dict[str, Any]) -> bytes:
    """Compact JSON with one entry a line: readable in a diff, and fast to write (json's C
    encoder does not indent)."""
    head = json.dumps({k: v for k, v in bundle.items() if k != "entry"}, ensure_ascii=False)
    entries = ",\n".join(json.dumps(e, ensure_ascii=False) for e in bundle["entry"])
    return f'{head[:-1]}, "entry": [\n{entries}\n]}}\n'.encode()


def render(records: PersonRecords, data: ScreeningData) -> bytes:
    """The validated Bundle's bytes; an invalid Bundle is a bug and is never written."""
    built = build(records, data)
    found = problems(built)
    if found:
        raise GlutewakeError(
            "glutewake built a FHIR Bundle that does not validate:\n  - " + "\n  - ".join(found),
            hint="This is a bug in glutewake's FHIR export; nothing was written. Report it "
            "with the lines above.",
        )
    return dump(built)

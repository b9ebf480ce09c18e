"""Every code system and code the FHIR export uses, with where each comes from (docs/fhir.md).

Standard codes are used only where they mean what we record; everything else is in a
glutewake code system under :data:`GLUTEWAKE`, whose codes are our own data ids.
"""

from __future__ import annotations

from typing import Any

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
# HL7 Physical Activity IG (STU1, 1.0.0): its category for every PA resource.
PA_TEMPORARY_CODES = "http://hl7.org/fhir/us/physical-activity/CodeSystem/pa-temporary-codes"
# US Core's CarePlan category, which the PA CarePlan profile inherits.
US_CORE_CAREPLAN_CATEGORY = "http://hl7.org/fhir/us/core/CodeSystem/careplan-category"

GLUTEWAKE = "https://glutewake.local/fhir"
PERSON_IDENTIFIER = f"{GLUTEWAKE}/person"
QUESTIONNAIRE_URL = f"{GLUTEWAKE}/Questionnaire/screening"


def system(name: str) -> str:
    """A glutewake code system, e.g. ``system("self-test")``."""
    return f"{GLUTEWAKE}/CodeSystem/{name}"


def coding(system_url: str, code: str, display: str | None = None) -> dict[str, Any]:
    found: dict[str, Any] = {"system": system_url, "code": code}
    if display:
        found["display"] = display
    return found


def concept(*codings: dict[str, Any], text: str | None = None) -> dict[str, Any]:
    found: dict[str, Any] = {"coding": list(codings)}
    if text:
        found["text"] = text
    return found


def ours(name: str, code: str, display: str | None = None) -> dict[str, Any]:
    """A CodeableConcept with one glutewake coding."""
    return concept(coding(system(name), code, display), text=display)


PHYSICAL_ACTIVITY = concept(coding(PA_TEMPORARY_CODES, "PhysicalActivity", "Physical Activity"))
ASSESS_PLAN = concept(
    coding(US_CORE_CAREPLAN_CATEGORY, "assess-plan", "Assessment and Plan of Treatment")
)
ACTIVITY = concept(coding(OBSERVATION_CATEGORY, "activity", "Activity"))
EXAM = concept(coding(OBSERVATION_CATEGORY, "exam", "Exam"))
SURVEY = concept(coding(OBSERVATION_CATEGORY, "survey", "Survey"))

# The PA IG's exercise-prescription code (PA ServiceRequest Intervention Codes).
EXERCISE_THERAPY = coding(SNOMED, "229065009", "Exercise therapy (regime/therapy)")
# LOINC, in the PA IG's PA Observation Vital Sign Codes: days per week of strength work.
STRENGTH_DAYS_PER_WEEK = coding(
    LOINC, "82291-6", "Frequency of muscle-strengthening physical activity"
)
# LOINC: pain on the 0-10 numeric rating scale, as the person reports it.
PAIN_0_10 = coding(
    LOINC, "72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported"
)
# SNOMED CT laterality qualifiers.
LATERALITY = {
    "left": coding(SNOMED, "7771000", "Left (qualifier value)"),
    "right": coding(SNOMED, "24028007", "Right (qualifier value)"),
}


def quantity(value: float, unit: str, code: str | None = None) -> dict[str, Any]:
    """A Quantity; with ``code`` it is a UCUM unit."""
    found: dict[str, Any] = {"value": value, "unit": unit}
    if code:
        found |= {"system": UCUM, "code": code}
    return found

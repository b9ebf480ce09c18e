"""Observations: each screening's profile and self-test results (one per test and side), a
professional's clearance, and the session outcomes from the logged sets.

Sides are SNOMED CT laterality qualifiers in ``bodySite``; pain is LOINC 72514-3; days of
strength work per week is LOINC 82291-6 (the PA IG's muscle-strengthening days per week).
Everything else is coded in glutewake's own code systems (docs/fhir.md).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from itertools import groupby
from typing import Any

from glutewake.errors import InvalidInputError
from glutewake.fhir import codes
from glutewake.fhir.questionnaire import choice_system
from glutewake.fhir.records import Clearance, Screening, day, instant, urn
from glutewake.screening.answers import check_answer, measure_path
from glutewake.screening.clearance import RESTRICTION_LABELS, Restriction
from glutewake.screening.profile import Side
from glutewake.screening.schema import AnswerType, Question, ScreeningData, SelfTest
from glutewake.tracking.log import SetLog

SCORE = "{score}"


def _observation(
    full_url: str, patient: str, code: dict[str, Any], **fields: Any
) -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "id": full_url.removeprefix("urn:uuid:"),
        "status": "final",
        **({"category": fields.pop("category")} if "category" in fields else {}),
        "code": code,
        "subject": {"reference": patient},
        **fields,
    }


def _score(code: str, display: str, value: float) -> dict[str, Any]:
    return {
        "code": codes.ours("profile", code, display),
        "valueQuantity": codes.quantity(round(value, 2), "score (0-100)", SCORE),
    }


def profile_observation(
    screening: Screening, patient: str, response: str, person_id: int
) -> tuple[str, dict[str, Any]]:
    """The scored profile: the band as the value, each score and the gate as components."""
    profile = screening.profile
    components = [_score("likelihood", "Likelihood of glute amnesia", profile.likelihood)]
    components.append(
        {
            "code": codes.ours("profile", "gate", "Safety gate"),
            "valueCodeableConcept": codes.ours("gate", profile.gate.value, profile.gate.value),
        }
    )
    for name, sided in (
        ("glute-max", profile.glute_max),
        ("glute-med", profile.glute_med),
        ("hip-flexors", profile.hip_flexors),
    ):
        for side in Side:
            components.append(
                _score(f"{name}-{side.value}", f"{name} score, {side.value}", sided.of(side))
            )
    for name, value in (
        ("pelvic-tilt", profile.pelvic_tilt),
        ("compensation", profile.compensation_score),
        ("sedentary", profile.sedentary),
        ("pain", profile.pain),
        ("asymmetry", profile.asymmetry),
    ):
        components.append(_score(name, f"{name} score", value))
    components.append(
        {
            "code": codes.ours("profile", "compensation-pattern", "Compensation pattern"),
            "valueCodeableConcept": codes.ours(
                "compensation", profile.compensation.value, profile.compensation.value
            ),
        }
    )
    if profile.weaker_side is not None:
        components.append(
            {
                "code": codes.ours("profile", "weaker-side", "Weaker side"),
                "valueCodeableConcept": codes.concept(
                    codes.LATERALITY[profile.weaker_side.value], text=profile.weaker_side.value
                ),
            }
        )
    full_url = urn("person", person_id, "screening", screening.id, "profile")
    notes = [profile.gate_message, profile.disclaimer]
    return full_url, _observation(
        full_url,
        patient,
        codes.ours("observation", "screening-profile", "glutewake screening profile"),
        category=[codes.SURVEY],
        effectiveDateTime=instant(screening.taken_at),
        valueCodeableConcept=codes.ours("band", profile.band.value, profile.band.value),
        component=components,
        derivedFrom=[{"reference": response}],
        note=[{"text": text} for text in notes if text],
    )


def _measure_value(
    question: Question, value: object, link_id: str, shared_id: str
) -> dict[str, Any] | None:
    try:
        checked = check_answer(question, value, link_id)
    except InvalidInputError:
        return None
    if question.type is AnswerType.BOOLEAN:
        return {"valueBoolean": checked}
    if question.type is AnswerType.NUMBER:
        assert isinstance(checked, int | float)
        return {"valueQuantity": codes.quantity(checked, question.unit or "1")}
    system = choice_system(shared_id)
    if isinstance(checked, tuple):
        labels = [question.choice(c).label for c in checked]
        return {"valueString": "; ".join(labels) or "none"}
    return {
        "valueCodeableConcept": codes.concept(
            codes.coding(system, str(checked), question.choice(str(checked)).label)
        )
    }


def _test_components(
    test: SelfTest, side: Side | None, given: Mapping[str, Any]
) -> list[dict[str, Any]]:
    found = []
    for measure in test.measures:
        if measure.id not in given:
            continue
        value = _measure_value(
            measure,
            given[measure.id],
            measure_path(test.id, side, measure.id),
            measure_path(test.id, None, measure.id),
        )
        if value is not None:
            code = codes.ours("self-test-measure", f"{test.id}.{measure.id}", measure.text)
            found.append({"code": code, **value})
    return found


def self_test_observations(
    screening: Screening, data: ScreeningData, patient: str, response: str, person_id: int
) -> list[tuple[str, dict[str, Any]]]:
    """One Observation per self-test and side that was done (skipped ones are left out)."""
    tests = screening.answers.get("self_tests")
    if not isinstance(tests, Mapping):
        return []
    found = []
    for test in data.self_tests:
        raw = tests.get(test.id)
        if not isinstance(raw, Mapping):
            continue
        sides: list[tuple[Side | None, Any]] = (
            [(side, raw.get(side.value)) for side in Side] if test.sided else [(None, raw)]
        )
        for side, given in sides:
            components = _test_components(test, side, given) if isinstance(given, Mapping) else []
            if not components:
                continue
            full_url = urn(
                "person", person_id, "screening", screening.id, "self-test", test.id, side or ""
            )
            extra: dict[str, Any] = {}
            if side is not None:
                extra["bodySite"] = codes.concept(
                    codes.LATERALITY[side.value], text=f"{side.value} side"
                )
            found.append(
                (
                    full_url,
                    _observation(
                        full_url,
                        patient,
                        codes.ours("self-test", test.id, test.name),
                        category=[codes.EXAM],
                        effectiveDateTime=instant(screening.taken_at),
                        performer=[{"reference": patient}],
                        **extra,
                        derivedFrom=[{"reference": response}],
                        component=components,
                    ),
                )
            )
    return found


def clearance_observation(
    clearance: Clearance, patient: str, response: str | None, person_id: int
) -> tuple[str, dict[str, Any]]:
    """A professional cleared the person to train, with the limits they set."""
    full_url = urn("person", person_id, "clearance", clearance.id)
    fields: dict[str, Any] = {
        "effectiveDateTime": instant(clearance.cleared_at),
        "performer": [{"display": clearance.cleared_by}],
        "valueBoolean": True,
    }
    if response is not None:
        fields["derivedFrom"] = [{"reference": response}]
    labels = {r.value: RESTRICTION_LABELS[r] for r in Restriction}
    if clearance.restrictions:
        fields["component"] = [
            {
                "code": codes.ours("observation", "restriction", "Limit set by the professional"),
                "valueCodeableConcept": codes.ours("restriction", limit, labels.get(limit, limit)),
            }
            for limit in clearance.restrictions
        ]
    if clearance.note:
        fields["note"] = [{"text": clearance.note}]
    code = codes.ours("observation", "training-clearance", "Cleared to train by a professional")
    return full_url, _observation(full_url, patient, code, **fields)


def _count(code: str, display: str, value: int) -> dict[str, Any]:
    return {"code": codes.ours("session", code, display), "valueInteger": value}


def _outcome_components(sets: Sequence[SetLog]) -> list[dict[str, Any]]:
    """Counts, time held, effort and pain; a question left unanswered in every set is left out."""
    components = [
        _count("sets-done", "Sets done", len(sets)),
        _count("exercises-done", "Exercises done", len({s.exercise_id for s in sets})),
    ]
    felt = [s.felt_in_glutes for s in sets if s.felt_in_glutes is not None]
    if felt:
        components.append(
            _count("sets-felt-in-glutes", "Sets felt in the working glute", sum(felt))
        )
    reps = [s.reps for s in sets if s.reps is not None]
    if reps:
        components.append(_count("reps-done", "Repetitions done", sum(reps)))
    holds = [s.hold_seconds for s in sets if s.hold_seconds is not None]
    if holds:
        components.append(
            {
                "code": codes.ours("session", "hold-time", "Time held"),
                "valueQuantity": codes.quantity(sum(holds), "s", "s"),
            }
        )
    efforts = [s.effort for s in sets if s.effort is not None]
    if efforts:
        components += [
            {
                "code": codes.ours(
                    "session", "effort-mean", "Mean effort (glutewake's 1-10 scale)"
                ),
                "valueQuantity": codes.quantity(
                    round(sum(efforts) / len(efforts), 1), "effort (1-10)", SCORE
                ),
            },
            {
                "code": codes.ours(
                    "session", "effort-max", "Highest effort (glutewake's 1-10 scale)"
                ),
                "valueQuantity": codes.quantity(max(efforts), "effort (1-10)", SCORE),
            },
        ]
    pains = [s.pain for s in sets if s.pain is not None]
    if pains:
        components.append(
            {
                "code": codes.concept(
                    codes.PAIN_0_10, text="Highest pain reported in the session's sets (0-10)"
                ),
                "valueInteger": max(pains),
            }
        )
    return components


def session_observations(
    logs: Sequence[SetLog], patient: str, plan_on: Mapping[date, str], person_id: int
) -> list[tuple[str, dict[str, Any]]]:
    """One Observation per day with logged sets, then the days of strength work per week."""
    by_day = groupby(
        sorted(logs, key=lambda s: (s.day, s.logged_at, s.exercise_id, s.set_number)),
        key=lambda s: s.day,
    )
    sessions: list[tuple[date, str, dict[str, Any]]] = []
    for when, found in by_day:
        sets = list(found)
        full_url = urn("person", person_id, "session", day(when))
        fields: dict[str, Any] = {
            "category": [codes.ACTIVITY, codes.PHYSICAL_ACTIVITY],
            "effectivePeriod": {
                "start": instant(min(s.logged_at for s in sets)),
                "end": instant(max(s.logged_at for s in sets)),
            },
            "performer": [{"reference": patient}],
            "component": _outcome_components(sets),
        }
        if when in plan_on:
            fields = {"basedOn": [{"reference": plan_on[when]}], **fields}
        code = codes.ours("observation", "session-outcome", "glutewake session outcome")
        sessions.append((when, full_url, _observation(full_url, patient, code, **fields)))
    return [(url, resource) for _, url, resource in sessions] + _weeks(sessions, patient, person_id)


def _weeks(
    sessions: Sequence[tuple[date, str, dict[str, Any]]], patient: str, person_id: int
) -> list[tuple[str, dict[str, Any]]]:
    if not sessions:
        return []
    monday = sessions[0][0] - timedelta(days=sessions[0][0].weekday())
    found = []
    while monday <= sessions[-1][0]:
        sunday = monday + timedelta(days=6)
        inside = [url for when, url, _ in sessions if monday <= when <= sunday]
        full_url = urn("person", person_id, "strength-days", day(monday))
        fields: dict[str, Any] = {
            "category": [codes.ACTIVITY, codes.PHYSICAL_ACTIVITY],
            "effectiveDateTime": day(sunday),
            "valueQuantity": codes.quantity(len(inside), "days per week", "d/wk"),
            "note": [
                {"text": f"Days with logged glutewake sets from {day(monday)} to {day(sunday)}."}
            ],
        }
        if inside:
            fields["derivedFrom"] = [{"reference": url} for url in inside]
        code = codes.concept(
            codes.STRENGTH_DAYS_PER_WEEK, text="Days of muscle-strengthening activity per week"
        )
        found.append((full_url, _observation(full_url, patient, code, **fields)))
        monday += timedelta(days=7)
    return found

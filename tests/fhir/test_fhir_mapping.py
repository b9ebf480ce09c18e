"""The FHIR mapping on domain values: every resource parses as R4B, references resolve inside
the Bundle, the cited codes are where docs/fhir.md says, and the same records give the same
bytes."""

from __future__ import annotations

import copy
import json
import re
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from fhir_checks import codes_used, dangling, of_type, parse

from glutewake.catalogue import default_catalogue
from glutewake.fhir import bundle, codes
from glutewake.fhir.records import Clearance, PersonRecords, Screening, StoredProgram
from glutewake.programming.builder import build_program
from glutewake.programming.preferences import Preferences
from glutewake.screening.answers import parse_answers
from glutewake.screening.data import load_screening_data
from glutewake.screening.profile import Gate
from glutewake.screening.scoring import build_profile
from glutewake.tracking.log import Felt, SetLog

ROOT = Path(__file__).resolve().parents[2]
GO: dict[str, Any] = yaml.safe_load((ROOT / "docs" / "examples" / "answers.yaml").read_text())
DATA = load_screening_data()
START = date(2026, 3, 2)  # a Monday


def screened(answers: dict[str, Any], number: int = 1, day: date = START) -> Screening:
    parsed = parse_answers(answers, DATA)
    return Screening(
        number,
        datetime.combine(day, time(8)),
        parsed.to_mapping(),
        build_profile(parsed, DATA),
    )


def a_set(day: date, number: int, side: str = "left", pain: int = 1) -> SetLog:
    return SetLog(
        exercise_id="glute-bridge-hold",
        day=day,
        set_number=number,
        side=side,
        hold_seconds=20 + number,
        effort=6,
        felt=[Felt.GLUTES_LEFT],
        pain=pain,
        logged_at=datetime.combine(day, time(7, number)),
    )


def history(person_id: int = 1) -> PersonRecords:
    first = screened(GO)
    program = build_program(
        first.profile, Preferences(minutes=20, weeks=4), default_catalogue(), START
    ).model_copy(update={"screening_id": first.id})
    logs = [a_set(START + timedelta(days=d), n) for d in (0, 1, 3, 9) for n in (1, 2)]
    return PersonRecords(
        person_id=person_id,
        name="Zoë",
        screenings=(first,),
        clearances=(
            Clearance(
                7,
                first.id,
                "Dr Lee, physiotherapist",
                "easy on the back",
                datetime(2026, 3, 1, 12),
                ("no-heavy-loading",),
            ),
        ),
        programs=(StoredProgram(3, datetime.combine(START, time(9)), program),),
        set_logs=tuple(logs),
    )


def exported(records: PersonRecords) -> dict[str, Any]:
    return parse(bundle.render(records, DATA))


def test_a_full_history_parses_as_r4b_and_every_reference_resolves() -> None:
    found = exported(history())
    assert found["type"] == "collection"
    assert not dangling(found)
    kinds = {e["resource"]["resourceType"] for e in found["entry"]}
    assert kinds == {
        "Patient",
        "Questionnaire",
        "QuestionnaireResponse",
        "Observation",
        "Goal",
        "CarePlan",
        "ServiceRequest",
    }
    uuid = re.compile(
        r"^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"
    )
    assert all(uuid.match(e["fullUrl"]) for e in found["entry"])


def test_the_codes_docs_fhir_cites_are_the_ones_used() -> None:
    used = codes_used(exported(history()))
    cited = {
        (codes.PA_TEMPORARY_CODES, "PhysicalActivity"),
        (codes.US_CORE_CAREPLAN_CATEGORY, "assess-plan"),
        (codes.SNOMED, "229065009"),  # exercise therapy
        (codes.SNOMED, "7771000"),  # left
        (codes.SNOMED, "24028007"),  # right
        (codes.LOINC, "82291-6"),  # days of muscle-strengthening activity a week
        (codes.LOINC, "72514-3"),  # pain 0-10
        (codes.OBSERVATION_CATEGORY, "activity"),
        (codes.OBSERVATION_CATEGORY, "exam"),
        (codes.OBSERVATION_CATEGORY, "survey"),
    }
    assert cited <= used
    doc = (ROOT / "docs" / "fhir.md").read_text(encoding="utf-8")
    standard = {(s, c) for s, c in used if not s.startswith(codes.GLUTEWAKE)}
    assert standard == cited, "a standard code is used that docs/fhir.md does not cite"
    for _, code in cited:
        assert f"`{code}`" in doc, f"docs/fhir.md does not cite {code}"


def test_the_questionnaire_has_stable_link_ids_that_the_response_answers() -> None:
    found = exported(history())
    [form] = of_type(found, "Questionnaire")
    [response] = of_type(found, "QuestionnaireResponse")
    assert response["questionnaire"] == f"{form['url']}|{form['version']}"

    def link_ids(items: list[dict[str, Any]]) -> list[str]:
        return [i["linkId"] for i in items] + [
            inner for i in items for inner in link_ids(i.get("item", []))
        ]

    asked = link_ids(form["item"])
    assert len(asked) == len(set(asked))
    assert "questionnaire.sitting_hours" in asked
    assert "self_tests.glute_squeeze.left.contraction" in asked
    assert set(link_ids(response["item"])) <= set(asked)
    answers = {i["linkId"]: i["answer"] for i in _items(response["item"]) if "answer" in i}
    assert answers["questionnaire.sitting_hours"] == [{"valueDecimal": 9.0}]
    assert answers["questionnaire.desk_job"] == [{"valueBoolean": True}]
    assert [a["valueCoding"]["code"] for a in answers["questionnaire.symptoms"]] == [
        "recurring-low-back-pain",
        "quads-burn",
        "cannot-tense-glutes",
    ]
    assert answers["self_tests.glute_squeeze.left.contraction"][0]["valueCoding"]["code"] == "faint"
    # The same questions give the same version and linkIds, whoever answers them.
    other = exported(history(person_id=2))
    assert of_type(other, "Questionnaire") == [form]


def _items(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return items + [inner for i in items for inner in _items(i.get("item", []))]


def test_each_self_test_side_is_an_observation_with_its_laterality() -> None:
    found = exported(history())
    tests = [
        o
        for o in of_type(found, "Observation")
        if o["code"]["coding"][0]["system"] == codes.system("self-test")
    ]
    squeeze = {
        o["bodySite"]["coding"][0]["code"]: o
        for o in tests
        if o["code"]["coding"][0]["code"] == "glute_squeeze"
    }
    assert set(squeeze) == {"7771000", "24028007"}
    left = squeeze["7771000"]["component"][0]["valueCodeableConcept"]["coding"][0]["code"]
    right = squeeze["24028007"]["component"][0]["valueCodeableConcept"]["coding"][0]["code"]
    assert (left, right) == ("faint", "clear")  # as in docs/examples/answers.yaml


def test_the_program_is_a_careplan_with_one_timed_request_per_exercise() -> None:
    records = history()
    found = exported(records)
    [plan] = of_type(found, "CarePlan")
    requests = of_type(found, "ServiceRequest")
    program = records.programs[0].program
    exercises = {item.exercise_id for s in program.sessions for item in s.items}
    retests = {s.retest.exercise_id for s in program.sessions if s.retest}
    assert len(requests) == len(exercises) + len(retests)
    assert len(plan["activity"]) == len(requests)
    assert plan["status"] == "active" and plan["intent"] == "plan"
    assert plan["period"] == {"start": "2026-03-02", "end": program.end.isoformat()}
    sessions_of = {
        e: sorted(
            {s.day.isoformat() for s in program.sessions if e in {i.exercise_id for i in s.items}}
        )
        for e in exercises
    }
    for request in requests:
        exercise = next(
            c["code"] for c in request["code"]["coding"] if c["system"] == codes.system("exercise")
        )
        timing = request["occurrenceTiming"]
        if "Re-test" in request["code"]["text"]:
            continue
        assert timing["event"] == sessions_of[exercise]
        repeat = timing["repeat"]
        assert repeat["periodUnit"] == "wk"
        assert repeat["boundsPeriod"] == {"start": timing["event"][0], "end": timing["event"][-1]}
        weekdays = {date.fromisoformat(d).strftime("%a").lower() for d in timing["event"]}
        assert set(repeat["dayOfWeek"]) == weekdays
        assert request["note"][0]["text"].startswith("Week")
    [goal] = of_type(found, "Goal")
    assert goal["target"][0]["measure"]["coding"][0]["code"] == "82291-6"
    assert goal["target"][0]["detailQuantity"]["value"] == program.preferences.sessions_per_week


def test_session_outcomes_and_days_a_week_come_from_the_logged_sets() -> None:
    found = exported(history())
    outcomes = [
        o
        for o in of_type(found, "Observation")
        if o["code"]["coding"][0]["code"] == "session-outcome"
    ]
    assert len(outcomes) == 4
    first = {c["code"]["coding"][0]["code"]: c for c in outcomes[0]["component"]}
    assert first["sets-done"]["valueInteger"] == 2
    assert first["hold-time"]["valueQuantity"]["value"] == 21 + 22
    assert first["72514-3"]["valueInteger"] == 1
    weeks = [
        o for o in of_type(found, "Observation") if o["code"]["coding"][0]["code"] == "82291-6"
    ]
    assert [w["valueQuantity"]["value"] for w in weeks] == [3, 1]
    assert [w["effectiveDateTime"] for w in weeks] == ["2026-03-08", "2026-03-15"]


def test_the_same_records_give_the_same_bytes() -> None:
    assert bundle.render(history(), DATA) == bundle.render(history(), DATA)
    assert bundle.render(history(), DATA) != bundle.render(history(person_id=2), DATA)


def test_a_person_with_no_program_and_a_stop_screening_still_exports() -> None:
    stop = copy.deepcopy(GO)
    stop["red_flags"] = ["saddle-numbness"]
    found = exported(PersonRecords(person_id=4, name=None, screenings=(screened(stop),)))
    [response] = of_type(found, "QuestionnaireResponse")
    flags = {i["linkId"]: i["answer"][0]["valueBoolean"] for i in response["item"][0]["item"]}
    assert flags["red_flags.saddle-numbness"] is True
    [profile] = [
        o
        for o in of_type(found, "Observation")
        if o["code"]["coding"][0]["code"] == "screening-profile"
    ]
    gate = next(c for c in profile["component"] if c["code"]["coding"][0]["code"] == "gate")
    assert gate["valueCodeableConcept"]["coding"][0]["code"] == Gate.STOP.value
    assert not of_type(found, "CarePlan")
    assert "name" not in of_type(found, "Patient")[0]


def test_a_program_paused_by_the_newest_screening_is_on_hold() -> None:
    records = history()
    stop = copy.deepcopy(GO)
    stop["red_flags"] = ["saddle-numbness"]
    later = screened(stop, number=2, day=START + timedelta(days=5))
    found = exported(
        PersonRecords(
            person_id=1,
            name=None,
            screenings=(*records.screenings, later),
            programs=records.programs,
        )
    )
    [plan] = of_type(found, "CarePlan")
    assert plan["status"] == "on-hold"
    assert {r["status"] for r in of_type(found, "ServiceRequest")} == {"on-hold"}


def test_a_bundle_that_would_not_validate_is_never_written() -> None:
    built = bundle.build(history(), DATA)
    built["entry"].append(
        {"fullUrl": "urn:uuid:x", "resource": {"resourceType": "Observation", "status": "final"}}
    )
    built["entry"][0]["resource"]["managingOrganization"] = {"reference": "urn:uuid:nowhere"}
    found = bundle.problems(built)
    assert any("code" in problem for problem in found)
    assert any("urn:uuid:nowhere" in problem for problem in found)


@pytest.mark.parametrize("answers", [{"q": 1}, {"questionnaire": {"sitting_hours": "lots"}}, {}])
def test_answers_this_version_cannot_read_are_left_out(answers: dict[str, Any]) -> None:
    records = history()
    odd = Screening(9, datetime(2026, 3, 1, 8), answers, records.screenings[0].profile)
    found = exported(PersonRecords(person_id=1, name=None, screenings=(odd,)))
    [response] = of_type(found, "QuestionnaireResponse")
    assert "item" not in response
    assert json.dumps(found)


def test_a_red_flags_only_screening_answers_only_the_red_flags() -> None:
    records = history()
    flags_only = Screening(
        5,
        datetime(2026, 3, 9, 8),
        {"red_flags": ["saddle-numbness"]},
        records.screenings[0].profile,
    )
    found = exported(PersonRecords(person_id=1, name=None, screenings=(flags_only,)))
    [response] = of_type(found, "QuestionnaireResponse")
    assert [item["linkId"] for item in response["item"]] == ["red_flags"]
    answered = {i["linkId"]: i["answer"] for i in response["item"][0]["item"]}
    assert answered["red_flags.saddle-numbness"] == [{"valueBoolean": True}]
    assert answered["red_flags.bladder-trouble"] == [{"valueBoolean": False}]

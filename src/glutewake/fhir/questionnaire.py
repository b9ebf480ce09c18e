"""The screening as a Questionnaire (from screening/data.py) and each screening's answers as a
QuestionnaireResponse.

Every item's linkId is the answer's own field path (``red_flags.<flag>``,
``questionnaire.<question>``, ``self_tests.<test>[.<side>].<measure>``), so linkIds stay the
same as long as the questions do; the Questionnaire's version is a hash of its items.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from glutewake.errors import InvalidInputError
from glutewake.fhir import codes
from glutewake.fhir.records import Screening, instant, urn
from glutewake.screening.answers import SIDES, check_answer, measure_path, question_path
from glutewake.screening.profile import Side
from glutewake.screening.schema import AnswerType, Question, ScreeningData, SelfTest

ITEM_TYPES = {
    AnswerType.BOOLEAN: "boolean",
    AnswerType.CHOICE: "choice",
    AnswerType.MULTI: "choice",
}


def choice_system(link_id: str) -> str:
    """The code system of one question's choices (sides of a test share it)."""
    return codes.system(f"answer/{link_id}")


def _shared_id(link_id: str) -> str:
    parts = link_id.split(".")
    return ".".join(part for part in parts if part not in SIDES)


def _question_item(question: Question, link_id: str, required: bool) -> dict[str, Any]:
    text = f"{question.text} ({question.unit})" if question.unit else question.text
    if question.type is AnswerType.NUMBER:
        kind = "integer" if question.integer else "decimal"
    else:
        kind = ITEM_TYPES[question.type]
    item: dict[str, Any] = {"linkId": link_id, "text": text, "type": kind, "required": required}
    if question.type is AnswerType.MULTI:
        item["repeats"] = True
    if question.choices:
        item["answerOption"] = [
            {"valueCoding": codes.coding(choice_system(_shared_id(link_id)), c.id, c.label)}
            for c in question.choices
        ]
    return item


def _self_test_group(test: SelfTest) -> dict[str, Any]:
    def measures(side: Side | None) -> list[dict[str, Any]]:
        return [_question_item(m, measure_path(test.id, side, m.id), False) for m in test.measures]

    group: dict[str, Any] = {
        "linkId": measure_path(test.id, None),
        "text": test.name,
        "type": "group",
    }
    if test.sided:
        group["item"] = [
            {
                "linkId": measure_path(test.id, side),
                "text": f"{test.name}: {side.value} side",
                "type": "group",
                "item": measures(side),
            }
            for side in Side
        ]
    else:
        group["item"] = measures(None)
    return group


def questionnaire_items(data: ScreeningData) -> list[dict[str, Any]]:
    red_flags = {
        "linkId": "red_flags",
        "text": data.red_flags.intro,
        "type": "group",
        "item": [
            {
                "linkId": f"red_flags.{flag.id}",
                "text": flag.text,
                "type": "boolean",
                "required": True,
            }
            for flag in data.red_flags.flags
        ],
    }
    sections = [
        {
            "linkId": f"sections.{section.id}",
            "text": section.title,
            "type": "group",
            "item": [_question_item(q, question_path(q.id), q.required) for q in section.questions],
        }
        for section in data.sections
    ]
    return [red_flags, *sections, *(_self_test_group(test) for test in data.self_tests)]


def version_of(items: list[dict[str, Any]]) -> str:
    text = json.dumps(items, sort_keys=True, ensure_ascii=False)
    return "sha256-" + hashlib.sha256(text.encode()).hexdigest()[:16]


def questionnaire(data: ScreeningData) -> tuple[str, dict[str, Any]]:
    """The Questionnaire's fullUrl and resource."""
    items = questionnaire_items(data)
    version = version_of(items)
    full_url = urn("questionnaire", version)
    return full_url, {
        "resourceType": "Questionnaire",
        "id": full_url.removeprefix("urn:uuid:"),
        "url": codes.QUESTIONNAIRE_URL,
        "version": version,
        "name": "GlutewakeScreening",
        "title": "glutewake screening: red flags, questionnaire and self-tests",
        "status": "active",
        "subjectType": ["Patient"],
        "item": items,
    }


def canonical(resource: Mapping[str, Any]) -> str:
    return f"{resource['url']}|{resource['version']}"


def _answers(question: Question, value: object, link_id: str) -> list[dict[str, Any]]:
    """The answer values of one item; none for an answer this version cannot read."""
    try:
        checked = check_answer(question, value, link_id)
    except InvalidInputError:
        return []
    if question.type is AnswerType.BOOLEAN:
        return [{"valueBoolean": checked}]
    if question.type is AnswerType.NUMBER:
        return [{"valueInteger" if question.integer else "valueDecimal": checked}]
    chosen = checked if isinstance(checked, tuple) else (checked,)
    system = choice_system(_shared_id(link_id))
    return [
        {"valueCoding": codes.coding(system, str(c), question.choice(str(c)).label)} for c in chosen
    ]


def _answered(question: Question, given: Mapping[str, Any], link_id: str) -> dict[str, Any] | None:
    answers = _answers(question, given.get(question.id), link_id) if question.id in given else []
    if not answers:
        return None
    text = f"{question.text} ({question.unit})" if question.unit else question.text
    return {"linkId": link_id, "text": text, "answer": answers}


def _group(link_id: str, text: str, items: list[dict[str, Any] | None]) -> dict[str, Any] | None:
    kept = [item for item in items if item is not None]
    return {"linkId": link_id, "text": text, "item": kept} if kept else None


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _test_answers(test: SelfTest, given: Mapping[str, Any]) -> dict[str, Any] | None:
    def measures(side: Side | None, raw: Mapping[str, Any]) -> list[dict[str, Any] | None]:
        return [_answered(m, raw, measure_path(test.id, side, m.id)) for m in test.measures]

    raw = _mapping(given.get(test.id))
    if test.sided:
        sides = [
            _group(
                measure_path(test.id, side),
                f"{test.name}: {side.value} side",
                measures(side, _mapping(raw.get(side.value))),
            )
            for side in Side
        ]
        return _group(measure_path(test.id, None), test.name, list(sides))
    return _group(measure_path(test.id, None), test.name, measures(None, raw))


def response_items(data: ScreeningData, answers: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The answered items, in the Questionnaire's order; answers it cannot read are left out."""
    items: list[dict[str, Any] | None] = []
    flags = answers.get("red_flags")
    if isinstance(flags, list):
        items.append(
            _group(
                "red_flags",
                data.red_flags.intro,
                [
                    {
                        "linkId": f"red_flags.{flag.id}",
                        "text": flag.text,
                        "answer": [{"valueBoolean": flag.id in flags}],
                    }
                    for flag in data.red_flags.flags
                ],
            )
        )
    given = _mapping(answers.get("questionnaire"))
    for section in data.sections:
        answered = [_answered(q, given, question_path(q.id)) for q in section.questions]
        items.append(_group(f"sections.{section.id}", section.title, answered))
    tests = _mapping(answers.get("self_tests"))
    items += [_test_answers(test, tests) for test in data.self_tests]
    return [item for item in items if item is not None]


def response(
    screening: Screening,
    data: ScreeningData,
    questionnaire_canonical: str,
    patient: str,
    person_id: int,
) -> tuple[str, dict[str, Any]]:
    """One screening's QuestionnaireResponse: its fullUrl and resource."""
    full_url = urn("person", person_id, "screening", screening.id)
    resource: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "id": full_url.removeprefix("urn:uuid:"),
        "questionnaire": questionnaire_canonical,
        "status": "completed",
        "subject": {"reference": patient},
        "authored": instant(screening.taken_at),
        "author": {"reference": patient},
        "source": {"reference": patient},
    }
    items = response_items(data, screening.answers)
    if items:
        resource["item"] = items
    return full_url, resource

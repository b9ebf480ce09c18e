"""The data files: complete, sourced, documented, and rejected when malformed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from screening_factories import DATA

from glutewake.errors import GlutewakeError
from glutewake.screening.data import parse_screening_data
from glutewake.screening.schema import Urgency

DOC = (Path(__file__).resolve().parents[2] / "docs" / "screening.md").read_text(encoding="utf-8")


def test_the_issue_asks_are_all_there() -> None:
    questions = {q.id for q in DATA.questions}
    assert {
        "sitting_hours",
        "longest_sitting_bout",
        "desk_job",
        "training",
        "symptoms",
    } <= questions
    assert {"pain_over_48h", "conditions", "pregnancy"} <= questions
    tests = {t.id for t in DATA.self_tests}
    assert tests == {
        "glute_squeeze",
        "mirror_check",
        "single_leg_stance",
        "prone_hip_extension",
        "thomas_test",
        "bridge",
        "single_leg_bridge",
    }
    conditions = {c.id for c in DATA.question("conditions").choices}
    assert conditions == {
        "nerve-damage",
        "sciatica",
        "piriformis-syndrome",
        "hip-surgery",
        "back-surgery",
        "arthritis",
        "long-bed-rest",
    }


def test_every_red_flag_cites_a_web_source_and_cauda_equina_is_an_emergency() -> None:
    for flag in DATA.red_flags.flags:
        assert flag.sources and all(s.url for s in flag.sources), flag.id
        if flag.category == "cauda equina syndrome":
            assert flag.urgency is Urgency.EMERGENCY, flag.id
    assert "A&E" in DATA.red_flags.actions[Urgency.EMERGENCY]
    assert "today" in DATA.red_flags.actions[Urgency.SAME_DAY]


def test_every_self_test_criterion_and_clearance_names_its_source() -> None:
    for test in DATA.self_tests:
        assert test.sources, test.id
        for measure in test.measures:
            rules = [*measure.points, *measure.side_difference]
            rules += [p for choice in measure.choices for p in choice.points]
            assert all(p.source is not None for p in rules), f"{test.id}.{measure.id}"
    clearances = [q.clearance for q in DATA.questions if q.clearance]
    clearances += [c.clearance for q in DATA.questions for c in q.choices if c.clearance]
    assert len(clearances) >= 8
    assert all(c.source.cite for c in clearances)


def test_the_doc_names_every_id() -> None:
    ids = [f.id for f in DATA.red_flags.flags]
    for question in DATA.questions:
        ids += [question.id, *(c.id for c in question.choices)]
    for test in DATA.self_tests:
        ids.append(test.id)
        for measure in test.measures:
            ids += [measure.id, *(c.id for c in measure.choices)]
    missing = sorted({i for i in ids if f"`{i}`" not in DOC and f"`{i}:" not in DOC})
    assert not missing, f"docs/screening.md does not mention {missing}"


def raw_data() -> dict[str, Any]:
    return DATA.model_dump(mode="json")


def test_valid_data_round_trips() -> None:
    assert parse_screening_data(raw_data()) == DATA


@pytest.mark.parametrize(
    ("break_it", "words"),
    [
        (lambda d: d["sections"][0]["questions"][0].update(min=None), "a number needs min <= max"),
        (
            lambda d: d["sections"][0]["questions"][0]["points"][0].update(pattern="quad"),
            "compensation points need a pattern",
        ),
        (lambda d: d["self_tests"][0]["measures"][0].update(choices=[]), "need choices"),
        (lambda d: d["red_flags"]["actions"].pop("urgent"), "an action for every urgency"),
        (lambda d: d["self_tests"].append(d["self_tests"][0]), "self-test ids repeat"),
    ],
)
def test_malformed_data_is_rejected(break_it: Any, words: str) -> None:
    data = raw_data()
    break_it(data)
    with pytest.raises(GlutewakeError, match="invalid") as caught:
        parse_screening_data(data)
    assert words in str(caught.value)

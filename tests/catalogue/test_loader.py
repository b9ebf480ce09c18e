from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from glutewake.catalogue.loader import load_exercises, parse_exercise, parse_exercises
from glutewake.catalogue.schema import Exercise
from glutewake.errors import CatalogueError

EXERCISES = Path(__file__).resolve().parents[2] / "src/glutewake/catalogue/exercises"
BRIDGE = (EXERCISES / "glute-bridge.yaml").read_text(encoding="utf-8")


def with_changes(**changes: object) -> str:
    data = yaml.safe_load(BRIDGE)
    data.update(changes)
    return yaml.safe_dump(data, sort_keys=False)


def test_a_valid_file_parses() -> None:
    exercise = parse_exercise(BRIDGE, "glute-bridge.yaml")
    assert exercise.id == "glute-bridge"
    assert exercise.dose.describe() == "3 x 10-20 reps"


def test_a_bad_field_names_the_file_the_field_and_what_is_expected() -> None:
    with pytest.raises(CatalogueError) as caught:
        parse_exercise(with_changes(level=9, position="upside-down"), "glute-bridge.yaml")
    message = str(caught.value)
    assert "glute-bridge.yaml" in message
    assert "level: Input should be less than or equal to 5 (got 9)" in message
    assert "position: Input should be 'standing', 'supine'" in message
    assert "docs/catalogue.md" in caught.value.hint


def test_a_nested_field_is_named_by_its_path() -> None:
    data = yaml.safe_load(BRIDGE)
    data["dose"]["reps"] = {"low": 20, "high": 10}
    with pytest.raises(CatalogueError, match=r"dose\.reps: Value error, high \(10\) must be"):
        parse_exercise(yaml.safe_dump(data), "glute-bridge.yaml")


def test_unknown_fields_are_rejected() -> None:
    with pytest.raises(CatalogueError, match=r"colour: Extra inputs are not permitted"):
        parse_exercise(with_changes(colour="red"), "glute-bridge.yaml")


def test_broken_yaml_says_so() -> None:
    with pytest.raises(CatalogueError, match="not valid YAML"):
        parse_exercise("id: [unclosed", "x.yaml")


def test_the_file_name_must_match_the_id() -> None:
    with pytest.raises(CatalogueError, match=r"bridge\.yaml holds exercise id") as caught:
        parse_exercise(BRIDGE, "bridge.yaml")
    assert caught.value.hint == "Rename the file to glute-bridge.yaml or change its id."


def test_duplicate_ids_are_rejected() -> None:
    with pytest.raises(CatalogueError, match="used twice"):
        parse_exercises([("glute-bridge.yaml", BRIDGE), ("glute-bridge.yaml", BRIDGE)])


def test_every_packaged_file_loads() -> None:
    assert len(load_exercises()) == len(list(EXERCISES.glob("*.yaml")))


@given(st.sampled_from(sorted(EXERCISES.glob("*.yaml"))))
def test_an_exercise_survives_a_yaml_round_trip(path: Path) -> None:
    exercise = parse_exercise(path.read_text(encoding="utf-8"), path.name)
    dumped = yaml.safe_dump(exercise.model_dump(mode="json"), sort_keys=False)
    assert parse_exercise(dumped, path.name) == exercise
    assert Exercise.model_validate_json(exercise.model_dump_json()) == exercise

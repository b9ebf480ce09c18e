"""The shipped exercise index: fresh, equal to the YAML, and ignored once a file changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from glutewake.catalogue.loader import (
    INDEX_NAME,
    build_index,
    exercise_files,
    exercises_from_index,
    load_exercises,
    parse_exercises,
)
from glutewake.errors import CatalogueError

INDEX = Path(__file__).resolve().parents[2] / "src/glutewake/catalogue" / INDEX_NAME


def test_the_committed_index_is_built_from_the_current_yaml_files() -> None:
    assert INDEX.read_text(encoding="utf-8") == build_index(exercise_files()), (
        "exercise_index.json is stale: run .venv/bin/python scripts/build_catalogue_index.py"
    )


def test_the_index_gives_the_same_exercises_as_parsing_the_yaml() -> None:
    files = exercise_files()
    assert exercises_from_index(build_index(files), files) == parse_exercises(files)
    assert load_exercises() == parse_exercises(files)


def test_an_edited_added_or_removed_file_makes_the_index_stale() -> None:
    files = sorted(exercise_files())
    index = build_index(files)
    name, text = files[0]
    edited = [(name, text.replace("name:", "name: ", 1)), *files[1:]]
    added = [*files, ("zz-new.yaml", text)]
    assert exercises_from_index(index, edited) is None
    assert exercises_from_index(index, added) is None
    assert exercises_from_index(index, files[1:]) is None


def test_the_index_is_still_validated_against_the_schema() -> None:
    files = exercise_files()
    index = build_index(files)
    too_high = index.replace('"level": ', '"level": 9', 1)
    assert _digest_of(too_high) == _digest_of(index)
    with pytest.raises(CatalogueError, match="level: Input should be less than or equal to 5"):
        exercises_from_index(too_high, files)


def _digest_of(index_text: str) -> str:
    start = index_text.index('"digest": "') + len('"digest": "')
    return index_text[start : start + 64]

"""Reads the catalogue's data files shipped inside the package: exercises, sources, evidence.

The only I/O of the catalogue: everything it returns is plain, validated, immutable data.

Parsing 49 YAML files costs a cold ``glutewake exercises --json`` about 40 ms of CPU, so the
package also ships ``exercise_index.json``: the same files already parsed, with a digest of
their text. It is used only while the digest matches the YAML files (a changed file falls back
to parsing the YAML), every exercise in it is still validated against the schema, and
``scripts/build_catalogue_index.py`` rewrites it (a test fails while it is stale). The index
also holds the list's summary rows, which ``listing`` serves without building any model.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml
from pydantic import ValidationError

from glutewake.catalogue.listing import INDEX_NAME, exercise_files, files_digest
from glutewake.catalogue.listing import package_dir as _package_dir
from glutewake.catalogue.schema import Category, Equipment, Exercise, Muscle, Position
from glutewake.errors import CatalogueError

__all__ = ["INDEX_NAME", "exercise_files", "files_digest"]

try:  # the C loader is several times faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


@dataclass(frozen=True)
class EvidenceRow:
    """One row of evidence/glute_emg.csv."""

    id: str
    exercise_as_named: str
    study: str
    year: str
    n: str
    muscle: str
    mean_mvic: float
    sd_mvic: float | None
    source: str
    quote: str


def describe_validation_error(error: ValidationError, file_name: str) -> str:
    """One line per problem: the file, the field path, what is wrong and what is expected."""
    lines = [f"{file_name} is not a valid exercise file:"]
    for problem in error.errors():
        field = ".".join(str(part) for part in problem["loc"]) or "(top level)"
        got = problem.get("input")
        shown = "" if isinstance(got, dict | list) else f" (got {got!r})"
        lines.append(f"  - {field}: {problem['msg']}{shown}")
    return "\n".join(lines)


def _parse_yaml(text: str, file_name: str) -> Any:
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as error:
        raise CatalogueError(
            f"{file_name} is not valid YAML: {error}",
            hint="Check the indentation and quoting around the line shown.",
        ) from error


def parse_exercise(text: str, file_name: str) -> Exercise:
    """Parse one exercise file's text; errors name the file and every bad field."""
    return validate_exercise(_parse_yaml(text, file_name), file_name)


def validate_exercise(raw: Any, file_name: str) -> Exercise:
    """Validate one exercise file's parsed data against the schema."""
    if not isinstance(raw, dict):
        raise CatalogueError(
            f"{file_name} must hold a mapping of exercise fields, not {type(raw).__name__}.",
            hint="See docs/catalogue.md for the fields an exercise file needs.",
        )
    try:
        exercise = Exercise.model_validate(raw)
    except ValidationError as error:
        raise CatalogueError(
            describe_validation_error(error, file_name),
            hint="See docs/catalogue.md for the fields an exercise file needs.",
        ) from error
    expected_name = f"{exercise.id}.yaml"
    if file_name != expected_name:
        raise CatalogueError(
            f"{file_name} holds exercise id {exercise.id!r}.",
            hint=f"Rename the file to {expected_name} or change its id.",
        )
    return exercise


def _unique(exercises: Iterable[Exercise]) -> tuple[Exercise, ...]:
    seen: set[str] = set()
    for exercise in exercises:
        if exercise.id in seen:
            raise CatalogueError(f"Exercise id {exercise.id!r} is used twice.")
        seen.add(exercise.id)
    return tuple(exercises)


def parse_exercises(files: Iterable[tuple[str, str]]) -> tuple[Exercise, ...]:
    """Parse (file name, text) pairs, sorted by file name, rejecting duplicate ids."""
    return _unique([parse_exercise(text, name) for name, text in sorted(files)])


def build_index(files: Iterable[tuple[str, str]]) -> str:
    """The text of exercise_index.json for these files; each one is parsed and validated first.

    Besides the parsed files it holds, for ``listing``, each exercise's summary row and
    targeted muscles, and the valid choice of every filter."""
    from glutewake.catalogue.catalogue import summary  # catalogue imports this module

    pairs = sorted(files)
    exercises = parse_exercises(pairs)
    index = {
        "digest": files_digest(pairs),
        "files": {name: _parse_yaml(text, name) for name, text in pairs},
        "listing": [
            {"summary": summary(e), "targets": sorted({t.muscle.value for t in e.targets})}
            for e in exercises
        ],
        # The index's keys are sorted; a list prints its rows' keys in summary's order.
        "summary_keys": list(summary(exercises[0])) if exercises else [],
        "choices": {
            enum.__name__.lower(): [member.value for member in enum]
            for enum in (Category, Equipment, Muscle, Position)
        },
    }
    return json.dumps(index, sort_keys=True) + "\n"


def exercises_from_index(
    index_text: str, files: Iterable[tuple[str, str]]
) -> tuple[Exercise, ...] | None:
    """The exercises of an index built from exactly these files, validated; None if it is stale."""
    pairs = sorted(files)
    index = json.loads(index_text)
    parsed: dict[str, Any] = index["files"]
    if index["digest"] != files_digest(pairs) or sorted(parsed) != [name for name, _ in pairs]:
        return None
    return _unique([validate_exercise(parsed[name], name) for name, _ in pairs])


@lru_cache(maxsize=1)
def load_exercises() -> tuple[Exercise, ...]:
    files = exercise_files()
    index = _package_dir() / INDEX_NAME
    if index.is_file():
        indexed = exercises_from_index(index.read_text(encoding="utf-8"), files)
        if indexed is not None:
            return indexed
    return parse_exercises(files)


@lru_cache(maxsize=1)
def load_sources() -> dict[str, dict[str, str]]:
    text = (_package_dir() / "sources.yaml").read_text(encoding="utf-8")
    sources: dict[str, dict[str, str]] = yaml.load(text, Loader=_Loader)
    return sources


def _optional_float(value: str) -> float | None:
    return float(value) if value.strip() else None


@lru_cache(maxsize=1)
def load_evidence() -> dict[str, EvidenceRow]:
    text = (_package_dir() / "evidence" / "glute_emg.csv").read_text(encoding="utf-8")
    rows: dict[str, EvidenceRow] = {}
    for raw in csv.DictReader(text.splitlines()):
        rows[raw["id"]] = EvidenceRow(
            id=raw["id"],
            exercise_as_named=raw["exercise_as_named"],
            study=raw["study"],
            year=raw["year"],
            n=raw["n"],
            muscle=raw["muscle"],
            mean_mvic=float(raw["mean_mvic"]),
            sd_mvic=_optional_float(raw["sd_mvic"]),
            source=raw["source"],
            quote=raw["quote"],
        )
    return rows

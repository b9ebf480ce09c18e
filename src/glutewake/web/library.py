"""What the exercise library shows, shared by its pages and the JSON API."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from glutewake.catalogue import Catalogue, Exercise, Filters
from glutewake.catalogue.loader import load_sources
from glutewake.catalogue.schema import Category, Equipment, Muscle, Position
from glutewake.errors import UnknownChoiceError

LEVELS = ("1", "2", "3", "4", "5")

CATEGORY_BLURBS = {
    Category.MOBILITY: "Release and lengthen what holds the hips back.",
    Category.ACTIVATION: "Low-load drills that wake the glutes up.",
    Category.ISOLATION: "Glute work for reps, one muscle at a time.",
    Category.INTEGRATION: "Strength in squats, hinges, lunges and single-leg work.",
}


def by_category(exercises: list[Exercise]) -> list[tuple[Category, list[Exercise]]]:
    """Exercises in session order (release, activation, isolation, strength), easiest first."""
    groups = [
        (category, sorted((e for e in exercises if e.category is category), key=_easiest_first))
        for category in CATEGORY_BLURBS
    ]
    return [(category, found) for category, found in groups if found]


def _easiest_first(exercise: Exercise) -> tuple[int, str]:
    return exercise.level, exercise.name


def blank_to_none(value: str | None) -> str | None:
    """Forms send an empty string for "any"; treat it as no filter."""
    return value.strip() or None if value is not None else None


@dataclass(frozen=True)
class FilterChoice:
    name: str
    label: str
    options: tuple[tuple[str, str], ...]  # (value, label)


def filter_choices() -> tuple[FilterChoice, ...]:
    def options(values: list[str]) -> tuple[tuple[str, str], ...]:
        return tuple((value, value.replace("-", " ").capitalize()) for value in values)

    return (
        FilterChoice("category", "Kind", options([c.value for c in Category])),
        FilterChoice("target", "Muscle", options([m.value for m in Muscle])),
        FilterChoice("position", "Position", options([p.value for p in Position])),
        FilterChoice(
            "equipment",
            "Equipment",
            (("none", "No equipment"), *options([e.value for e in Equipment])),
        ),
        FilterChoice("level", "Level", tuple((n, f"Level {n}") for n in LEVELS)),
    )


def parse_filters(
    category: str | None,
    target: str | None,
    position: str | None,
    equipment: str | None,
    level: str | None,
) -> Filters:
    """Validate raw filter values (an unknown value lists the valid ones)."""
    raw_level = blank_to_none(level)
    if raw_level is not None and raw_level not in LEVELS:
        raise UnknownChoiceError("level", raw_level, LEVELS)
    return Filters.parse(
        equipment=blank_to_none(equipment),
        target=blank_to_none(target),
        position=blank_to_none(position),
        level=int(raw_level) if raw_level else None,
        category=blank_to_none(category),
    )


def citation(source_id: str) -> str:
    return load_sources().get(source_id, {}).get("citation", source_id)


def detail(exercise: Exercise, catalogue: Catalogue) -> dict[str, Any]:
    """Everything about one exercise, with its sources cited and linked exercises named."""
    data = exercise.model_dump(mode="json")
    data["dose_text"] = exercise.dose.describe()
    data["source_citations"] = {source: citation(source) for source in exercise.sources}
    data["dose_source_citation"] = citation(exercise.dose.source)
    data["names"] = {
        ref: catalogue.get(ref).name
        for ref in [*exercise.regressions, *exercise.progressions]
        if ref in catalogue
    }
    return data

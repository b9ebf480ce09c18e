"""The catalogue's list, straight from the shipped index: no YAML, no schema models.

``exercise_index.json`` (built by ``loader.build_index``) also holds every exercise's summary
row as lists show it, what the filters read, and every valid filter choice, all written from
the validated models. While the index's digest matches the exercise files, ``listed`` serves
a filtered list from it in a few milliseconds; when it cannot (stale or missing index, a
filter value that is not a valid choice) it returns None and the caller takes the full path,
which parses, validates and reports errors. Imports nothing heavy, for a fast cold CLI.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

INDEX_NAME = "exercise_index.json"
NO_EQUIPMENT = "none"
# Filter name -> the index's list of valid values (level is 1-5, checked apart).
CHOICES = {"equipment": "equipment", "target": "muscle", "position": "position"}


def package_dir() -> Traversable:
    return resources.files("glutewake.catalogue")


def exercise_files() -> list[tuple[str, str]]:
    """(file name, text) of every exercise file shipped in the package."""
    folder = package_dir() / "exercises"
    return [
        (entry.name, entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".yaml")
    ]


def files_digest(files: Iterable[tuple[str, str]]) -> str:
    """A digest of every (file name, text) pair: any renamed, added, removed or edited file changes it."""
    digest = hashlib.sha256()
    for name, text in sorted(files):
        digest.update(name.encode() + b"\0" + text.encode() + b"\0")
    return digest.hexdigest()


def fresh_index(files: Iterable[tuple[str, str]]) -> dict[str, Any] | None:
    """The shipped index if it was built from exactly these files, else None."""
    pairs = sorted(files)
    index = package_dir() / INDEX_NAME
    if not index.is_file():
        return None
    found: dict[str, Any] = json.loads(index.read_text(encoding="utf-8"))
    if found.get("digest") != files_digest(pairs) or sorted(found["files"]) != [
        name for name, _ in pairs
    ]:
        return None
    return found


def listed(
    equipment: str | None = None,
    target: str | None = None,
    position: str | None = None,
    level: int | None = None,
    category: str | None = None,
) -> list[dict[str, Any]] | None:
    """The summary rows (``catalogue.summary``) of the exercises the filters accept, in
    catalogue order, as ``Catalogue.filter(Filters.parse(...))`` gives them; None when only
    the full path can answer (see the module's note)."""
    index = fresh_index(exercise_files())
    if index is None or "listing" not in index:
        return None
    choices: dict[str, list[str]] = index["choices"]
    given = {"equipment": equipment, "target": target, "position": position}
    for name, value in given.items():
        allowed = choices[CHOICES[name]] + ([NO_EQUIPMENT] if name == "equipment" else [])
        if value is not None and value not in allowed:
            return None
    if category is not None and category not in choices["category"]:
        return None
    if level is not None and not 1 <= level <= 5:
        return None
    keys: list[str] = index["summary_keys"]
    return [
        {key: entry["summary"][key] for key in keys}
        for entry in index["listing"]
        if _accepts(entry, equipment, target, position, level, category)
    ]


def _accepts(
    entry: dict[str, Any],
    equipment: str | None,
    target: str | None,
    position: str | None,
    level: int | None,
    category: str | None,
) -> bool:
    """``Filters.accepts`` on an index row."""
    row = entry["summary"]
    if equipment == NO_EQUIPMENT and row["equipment"]:
        return False
    if equipment not in (None, NO_EQUIPMENT) and equipment not in row["equipment"]:
        return False
    if target is not None and target not in entry["targets"]:
        return False
    if position is not None and row["position"] != position:
        return False
    if level is not None and row["level"] != level:
        return False
    return category is None or row["category"] == category

"""The catalogue as a value: look-ups, filters and consistency checks over validated exercises."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

from glutewake.catalogue.loader import EvidenceRow, load_evidence, load_exercises, load_sources
from glutewake.catalogue.schema import Category, Equipment, Exercise, Muscle, Position
from glutewake.errors import UnknownChoiceError

NO_EQUIPMENT = "none"
E = TypeVar("E", bound=StrEnum)


def parse_choice(enum: type[E], value: str, what: str) -> E:
    """The enum member for ``value`` or an error that lists every valid choice."""
    try:
        return enum(value)
    except ValueError:
        raise UnknownChoiceError(what, value, [member.value for member in enum]) from None


@dataclass(frozen=True)
class Filters:
    equipment: str | None = None  # an Equipment value, or "none" for no equipment at all
    target: Muscle | None = None
    position: Position | None = None
    level: int | None = None
    category: Category | None = None

    @classmethod
    def parse(
        cls,
        equipment: str | None = None,
        target: str | None = None,
        position: str | None = None,
        level: int | None = None,
        category: str | None = None,
    ) -> Filters:
        """Validate raw filter values; an unknown value lists the valid choices."""
        if equipment is not None and equipment != NO_EQUIPMENT:
            try:
                Equipment(equipment)
            except ValueError:
                choices = [NO_EQUIPMENT, *(e.value for e in Equipment)]
                raise UnknownChoiceError("equipment", equipment, choices) from None
        if level is not None and not 1 <= level <= 5:
            raise UnknownChoiceError("level", str(level), [str(n) for n in range(1, 6)])
        return cls(
            equipment=equipment,
            target=parse_choice(Muscle, target, "target muscle") if target else None,
            position=parse_choice(Position, position, "position") if position else None,
            level=level,
            category=parse_choice(Category, category, "category") if category else None,
        )

    def accepts(self, exercise: Exercise) -> bool:
        if self.equipment == NO_EQUIPMENT and exercise.equipment:
            return False
        if self.equipment not in (None, NO_EQUIPMENT) and self.equipment not in exercise.equipment:
            return False
        if self.target is not None and self.target not in {t.muscle for t in exercise.targets}:
            return False
        if self.position is not None and exercise.position is not self.position:
            return False
        if self.level is not None and exercise.level != self.level:
            return False
        return self.category is None or exercise.category is self.category


@dataclass(frozen=True)
class Catalogue:
    exercises: tuple[Exercise, ...]
    _by_id: dict[str, Exercise] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {e.id: e for e in self.exercises})

    @property
    def ids(self) -> list[str]:
        return sorted(self._by_id)

    def __contains__(self, exercise_id: object) -> bool:
        return exercise_id in self._by_id

    def __len__(self) -> int:
        return len(self.exercises)

    def get(self, exercise_id: str) -> Exercise:
        try:
            return self._by_id[exercise_id]
        except KeyError:
            raise UnknownChoiceError("exercise id", exercise_id, self.ids) from None

    def filter(self, filters: Filters) -> list[Exercise]:
        return [e for e in self.exercises if filters.accepts(e)]


def summary(exercise: Exercise) -> dict[str, Any]:
    """The short, JSON-ready description of an exercise that lists show."""
    return {
        "id": exercise.id,
        "name": exercise.name,
        "summary": exercise.summary,
        "category": exercise.category.value,
        "level": exercise.level,
        "position": exercise.position.value,
        "equipment": [e.value for e in exercise.equipment],
        "primary": [m.value for m in exercise.primary_muscles],
        "dose": exercise.dose.describe(),
        "desk_friendly": exercise.desk_friendly,
    }


def default_catalogue() -> Catalogue:
    """The catalogue shipped with glutewake (parsed once per process)."""
    return Catalogue(load_exercises())


def _reference_problems(exercise: Exercise, ids: set[str]) -> Iterable[str]:
    for kind, refs in (
        ("regression", exercise.regressions),
        ("progression", exercise.progressions),
    ):
        for ref in refs:
            if ref not in ids:
                yield f"{exercise.id}: {kind} {ref!r} is not in the catalogue"
    for prerequisite in exercise.prerequisites:
        if prerequisite.exercise and prerequisite.exercise not in ids:
            yield f"{exercise.id}: prerequisite exercise {prerequisite.exercise!r} is not in the catalogue"


def _level_problems(exercise: Exercise, by_id: Mapping[str, Exercise]) -> Iterable[str]:
    for ref in exercise.progressions:
        if ref in by_id and by_id[ref].level < exercise.level:
            yield (
                f"{exercise.id} (level {exercise.level}): progression {ref} goes down "
                f"to level {by_id[ref].level}"
            )
    for ref in exercise.regressions:
        if ref in by_id and by_id[ref].level > exercise.level:
            yield (
                f"{exercise.id} (level {exercise.level}): regression {ref} goes up "
                f"to level {by_id[ref].level}"
            )


def harder_than(by_id: Mapping[str, Exercise]) -> dict[str, set[str]]:
    """Edges easier -> harder, from both progressions and (reversed) regressions."""
    edges: dict[str, set[str]] = {exercise_id: set() for exercise_id in by_id}
    for exercise in by_id.values():
        edges[exercise.id].update(p for p in exercise.progressions if p in by_id)
        for regression in exercise.regressions:
            if regression in by_id:
                edges[regression].add(exercise.id)
    return edges


def find_cycle(edges: Mapping[str, set[str]]) -> list[str] | None:
    """A cycle in the easier -> harder graph, or None."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        state[node] = 2
        path.pop()
        return None

    for node in sorted(edges):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def _evidence_problems(exercise: Exercise, evidence: Mapping[str, EvidenceRow]) -> Iterable[str]:
    for entry in exercise.evidence:
        row = evidence.get(entry.source_id)
        if row is None:
            yield f"{exercise.id}: evidence {entry.source_id!r} is not in glute_emg.csv"
            continue
        expected = (row.muscle, row.mean_mvic, row.sd_mvic, row.study)
        found = (entry.muscle, entry.mean_mvic, entry.sd_mvic, entry.study)
        if expected != found:
            yield f"{exercise.id}: evidence {entry.source_id} says {found}, the table says {expected}"


def _source_problems(exercise: Exercise, known: set[str]) -> Iterable[str]:
    for source in [*exercise.sources, exercise.dose.source]:
        if source not in known:
            yield f"{exercise.id}: source {source!r} is neither in sources.yaml nor glute_emg.csv"


def check_consistency(
    exercises: Iterable[Exercise],
    evidence: Mapping[str, EvidenceRow],
    source_ids: Iterable[str],
) -> list[str]:
    """Every problem with the catalogue as a whole; an empty list means it is consistent."""
    by_id = {e.id: e for e in exercises}
    ids = set(by_id)
    known_sources = set(source_ids) | set(evidence)
    problems: list[str] = []
    for exercise in by_id.values():
        problems.extend(_reference_problems(exercise, ids))
        problems.extend(_level_problems(exercise, by_id))
        problems.extend(_evidence_problems(exercise, evidence))
        problems.extend(_source_problems(exercise, known_sources))
    cycle = find_cycle(harder_than(by_id))
    if cycle:
        problems.append("progression cycle: " + " -> ".join(cycle))
    return problems


def check_default_catalogue() -> list[str]:
    return check_consistency(load_exercises(), load_evidence(), load_sources())


def study_name(study: str) -> str:
    """A study as people read it: without the evidence table's note on how it was retrieved."""
    return study.replace("; authors not shown in retrieved text", "")

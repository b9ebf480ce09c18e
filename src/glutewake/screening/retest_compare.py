"""Two screenings' self-tests side by side: per test, per side, each measure before and after.

Each side is judged by the points its own answers add in the data files (fewer is better),
the same points the scoring uses; a side done only once is shown but not judged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from glutewake.errors import InvalidInputError
from glutewake.screening.answers import Answers, Measures, Value, check_answer, measure_path
from glutewake.screening.compare import Verdict
from glutewake.screening.effects import effects
from glutewake.screening.profile import Side
from glutewake.screening.schema import AnswerType, Question, ScreeningData, SelfTest


@dataclass(frozen=True)
class MeasureRow:
    label: str
    before: str | None  # None: not answered that time
    after: str | None


@dataclass(frozen=True)
class SideChange:
    """One self-test (one side of a sided test): each measure, the points, the verdict."""

    test_id: str
    test_name: str
    side: Side | None
    measures: tuple[MeasureRow, ...]
    points_before: float | None  # None: the side was not done (skipped, or not asked)
    points_after: float | None

    @property
    def verdict(self) -> Verdict | None:
        """Better, worse or the same by the points; None when one of the two is missing."""
        if self.points_before is None or self.points_after is None:
            return None
        if self.points_after == self.points_before:
            return Verdict.SAME
        return Verdict.BETTER if self.points_after < self.points_before else Verdict.WORSE


def _sides(test: SelfTest) -> tuple[Side | None, ...]:
    return (Side.LEFT, Side.RIGHT) if test.sided else (None,)


def _stored_measures(
    answers: Mapping[str, Any], test: SelfTest, side: Side | None
) -> dict[str, Value] | None:
    """The side's measures as stored, each checked against today's data (a stale one is left
    out); None when the side was not done."""
    tests = answers.get("self_tests")
    given = tests.get(test.id) if isinstance(tests, Mapping) else None
    if isinstance(given, Mapping) and side is not None:
        given = given.get(side.value)
    if not isinstance(given, Mapping):
        return None
    found: dict[str, Value] = {}
    for measure in test.measures:
        raw = given.get(measure.id)
        if raw is None:
            continue
        try:
            found[measure.id] = check_answer(measure, raw, measure_path(test.id, side, measure.id))
        except InvalidInputError:
            continue
    return found or None


def _points(test: SelfTest, side: Side | None, measures: Measures, data: ScreeningData) -> float:
    answers = Answers((), {}, {test.id: {side: measures}})
    return sum(p.weight for effect in effects(answers, data) for p in effect.points)


def answer_text(measure: Question, value: Value) -> str:
    if measure.type is AnswerType.CHOICE:
        return measure.choice(str(value)).label
    if measure.type is AnswerType.BOOLEAN:
        return "yes" if value else "no"
    if measure.type is AnswerType.MULTI:
        assert isinstance(value, tuple)
        return ", ".join(measure.choice(v).label for v in value) or "none"
    assert isinstance(value, int | float)
    return f"{value:g} {measure.unit}".strip()


def compare_self_tests(
    before: Mapping[str, Any], after: Mapping[str, Any], data: ScreeningData
) -> tuple[SideChange, ...]:
    """Every test side done in either screening (stored answers), in the data's order."""
    changes: list[SideChange] = []
    for test in data.self_tests:
        for side in _sides(test):
            old, new = _stored_measures(before, test, side), _stored_measures(after, test, side)
            if old is None and new is None:
                continue
            rows = tuple(
                MeasureRow(
                    m.text,
                    answer_text(m, old[m.id]) if old and m.id in old else None,
                    answer_text(m, new[m.id]) if new and m.id in new else None,
                )
                for m in test.measures
                if (old and m.id in old) or (new and m.id in new)
            )
            changes.append(
                SideChange(
                    test.id,
                    test.name,
                    side,
                    rows,
                    _points(test, side, old, data) if old else None,
                    _points(test, side, new, data) if new else None,
                )
            )
    return tuple(changes)

"""What each given answer sets off, as written in the data files: points and clearances."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from glutewake.screening.answers import Answers, Value, measure_path, question_path
from glutewake.screening.profile import Side
from glutewake.screening.schema import AnswerType, Clearance, Points, Question, ScreeningData


@dataclass(frozen=True)
class Effect:
    """The points and clearance one answer sets off.

    ``answer`` names the answer: a question or measure path such as
    ``self_tests.single_leg_stance.left.pelvis``, with the choice appended for multi-choice
    questions (``questionnaire.symptoms.quads-burn``), each of which is a yes/no of its own.
    """

    answer: str
    side: Side | None  # the side of a sided self-test; None for everything else
    points: tuple[Points, ...]
    clearance: Clearance | None


def _effects_of(question: Question, value: Value, path: str, side: Side | None) -> Iterator[Effect]:
    if question.type is AnswerType.NUMBER:
        assert isinstance(value, int | float)
        points = tuple(p for p in question.points if p.applies_to(value))
        if points:
            yield Effect(path, side, points, None)
    elif question.type is AnswerType.BOOLEAN:
        if value is True:
            yield Effect(path, side, question.points, question.clearance)
    elif question.type is AnswerType.CHOICE:
        choice = question.choice(str(value))
        yield Effect(path, side, choice.points, choice.clearance)
    else:
        assert isinstance(value, tuple)
        for choice_id in value:
            choice = question.choice(choice_id)
            yield Effect(f"{path}.{choice_id}", side, choice.points, choice.clearance)


def effects(answers: Answers, data: ScreeningData) -> list[Effect]:
    """Every effect of the answers, questionnaire first, in the order the data lists them."""
    found: list[Effect] = []
    for question in data.questions:
        if question.id in answers.questionnaire:
            value = answers.questionnaire[question.id]
            found.extend(_effects_of(question, value, question_path(question.id), None))
    for test in data.self_tests:
        for side in (Side.LEFT, Side.RIGHT) if test.sided else (None,):
            measures = answers.measures(test.id, side) or {}
            for measure in test.measures:
                if measure.id in measures:
                    path = measure_path(test.id, side, measure.id)
                    found.extend(_effects_of(measure, measures[measure.id], path, side))
    return found

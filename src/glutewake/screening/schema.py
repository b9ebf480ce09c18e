"""The shape of the screening's data files: questions, self-tests and red flags. Pure data.

Scoring is data-driven: an answer's effect on the profile (points to a component, the need
for a professional's clearance) is written next to the question, choice or self-test criterion
it belongs to, with the source it rests on.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from glutewake.catalogue.schema import Illustration
from glutewake.errors import UnknownChoiceError
from glutewake.screening.profile import Compensation, Component

Key = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
ChoiceId = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=40)]

SIDED_COMPONENTS = frozenset({Component.GLUTE_MAX, Component.GLUTE_MED, Component.HIP_FLEXORS})


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AnswerType(StrEnum):
    NUMBER = "number"
    BOOLEAN = "boolean"
    CHOICE = "choice"  # exactly one of the choices
    MULTI = "multi"  # any number of the choices, [] for none


class Urgency(StrEnum):
    EMERGENCY = "emergency"
    SAME_DAY = "same-day"
    URGENT = "urgent"

    @property
    def rank(self) -> int:
        return {Urgency.EMERGENCY: 0, Urgency.SAME_DAY: 1, Urgency.URGENT: 2}[self]


class Source(_Model):
    cite: str = Field(min_length=3)
    url: str | None = Field(default=None, pattern=r"^https?://")


class Points(_Model):
    """Points an answer adds to one component, and why.

    For number answers, ``below``, ``at_least`` or ``above`` says when the points apply; for
    booleans they apply on "yes"; for choices, when that choice is picked.
    """

    component: Component
    weight: float = Field(gt=0, le=100)
    why: str = Field(min_length=5)
    pattern: Compensation | None = None  # which compensation, for the compensation component
    below: float | None = None
    at_least: float | None = None
    above: float | None = None
    source: Source | None = None

    @model_validator(mode="after")
    def _pattern_matches_component(self) -> Self:
        is_compensation = self.component is Component.COMPENSATION
        if is_compensation != (self.pattern not in (None, Compensation.NONE)):
            raise ValueError("compensation points need a pattern; other components take none")
        if len(self._thresholds) > 1:
            raise ValueError("give one of below, at_least and above")
        return self

    @property
    def _thresholds(self) -> list[float]:
        return [t for t in (self.below, self.at_least, self.above) if t is not None]

    @property
    def has_threshold(self) -> bool:
        return bool(self._thresholds)

    def applies_to(self, value: float) -> bool:
        if self.below is not None:
            return value < self.below
        if self.above is not None:
            return value > self.above
        return self.at_least is not None and value >= self.at_least


class Clearance(_Model):
    """An answer that needs a professional's clearance before a program."""

    why: str = Field(min_length=5)
    source: Source


class Choice(_Model):
    id: ChoiceId
    label: str
    help: str = ""
    points: tuple[Points, ...] = ()
    clearance: Clearance | None = None

    @model_validator(mode="after")
    def _no_thresholds(self) -> Self:
        if any(p.has_threshold for p in self.points):
            raise ValueError(f"choice {self.id!r}: thresholds belong to number questions")
        return self


class Question(_Model):
    """One question of the questionnaire, or one measure of a self-test."""

    id: Key
    text: str
    type: AnswerType
    help: str = ""
    required: bool = True
    unit: str = ""
    min: float | None = None
    max: float | None = None
    integer: bool = False
    default: bool | float | str | None = None  # the wizard's default
    choices: tuple[Choice, ...] = ()
    points: tuple[Points, ...] = ()  # numbers: by threshold; booleans: on "yes"
    clearance: Clearance | None = None  # booleans: on "yes"
    # Numbers in sided self-tests: points for the side with the lower value when the
    # difference between the sides passes the threshold.
    side_difference: tuple[Points, ...] = ()
    sources: tuple[Source, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        problems = self._problems()
        if problems:
            raise ValueError(f"question {self.id!r}: " + "; ".join(problems))
        return self

    def _problems(self) -> list[str]:
        problems: list[str] = []
        is_number = self.type is AnswerType.NUMBER
        has_choices = self.type in (AnswerType.CHOICE, AnswerType.MULTI)
        if is_number and (self.min is None or self.max is None or self.min > self.max):
            problems.append("a number needs min <= max")
        if not is_number and (self.min is not None or self.max is not None or self.integer):
            problems.append("only numbers take min, max and integer")
        if has_choices != bool(self.choices):
            problems.append("choice and multi questions (only) need choices")
        ids = [c.id for c in self.choices]
        if len(ids) != len(set(ids)):
            problems.append("choice ids repeat")
        if has_choices and self.points:
            problems.append("put points on the choices")
        if is_number and any(not p.has_threshold for p in self.points):
            problems.append("number points need below, at_least or above")
        if not is_number and any(p.has_threshold for p in self.points):
            problems.append("only number points take thresholds")
        if self.clearance is not None and self.type is not AnswerType.BOOLEAN:
            problems.append("a question-level clearance is for booleans; use the choices")
        if self.side_difference and not is_number:
            problems.append("side_difference is for numbers")
        if any(not p.has_threshold for p in self.side_difference):
            problems.append("side_difference points need a threshold")
        if self.default is not None and self.type is AnswerType.CHOICE and self.default not in ids:
            problems.append(f"default {self.default!r} is not a choice")
        return problems

    def choice(self, choice_id: str) -> Choice:
        return next(c for c in self.choices if c.id == choice_id)


class Section(_Model):
    id: Key
    title: str
    intro: str = ""
    questions: tuple[Question, ...]


class SelfTest(_Model):
    """A guided self-test: what to do, what to look for, and how each result counts."""

    id: Key
    name: str
    sided: bool
    components: tuple[Component, ...] = Field(min_length=1)  # what it informs
    purpose: str
    steps: tuple[str, ...] = Field(min_length=1)
    look_for: tuple[str, ...] = Field(min_length=1)
    caveats: tuple[str, ...] = ()
    measures: tuple[Question, ...] = Field(min_length=1)
    sources: tuple[Source, ...] = Field(min_length=1)
    illustration: Illustration | None = None  # the test's own picture (glutewake.illustration)

    @model_validator(mode="after")
    def _sided_measures(self) -> Self:
        ids = [m.id for m in self.measures]
        if len(ids) != len(set(ids)):
            raise ValueError(f"self-test {self.id!r}: measure ids repeat")
        if not self.sided and any(m.side_difference for m in self.measures):
            raise ValueError(f"self-test {self.id!r}: side_difference needs a sided test")
        return self


class RedFlag(_Model):
    id: ChoiceId
    text: str  # asked as a yes/no question
    help: str = ""
    category: str
    urgency: Urgency
    why: str  # what it may be a sign of, in plain words
    sources: tuple[Source, ...] = Field(min_length=1)


class RedFlags(_Model):
    intro: str
    actions: dict[Urgency, str]  # the plain message for each urgency
    flags: tuple[RedFlag, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _complete(self) -> Self:
        if set(self.actions) != set(Urgency):
            raise ValueError("red flags need an action for every urgency")
        ids = [f.id for f in self.flags]
        if len(ids) != len(set(ids)):
            raise ValueError("red flag ids repeat")
        return self


class ScreeningData(_Model):
    """Everything the screening asks, as loaded from the package's YAML files."""

    sections: tuple[Section, ...]
    self_tests: tuple[SelfTest, ...]
    red_flags: RedFlags

    @model_validator(mode="after")
    def _unique_ids(self) -> Self:
        questions = [q.id for q in self.questions]
        tests = [t.id for t in self.self_tests]
        for what, ids in (("question", questions), ("self-test", tests)):
            repeated = sorted({i for i in ids if ids.count(i) > 1})
            if repeated:
                raise ValueError(f"{what} ids repeat: {', '.join(repeated)}")
        return self

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for section in self.sections for q in section.questions)

    def question(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)

    def self_test(self, test_id: str) -> SelfTest:
        return next(t for t in self.self_tests if t.id == test_id)

    def red_flag(self, flag_id: str) -> RedFlag:
        found = next((f for f in self.red_flags.flags if f.id == flag_id), None)
        if found is None:
            raise UnknownChoiceError("red flag", flag_id[:40], [f.id for f in self.red_flags.flags])
        return found

"""Adaptation keeps to the clearance's limits: no progression into a move they leave out."""

from __future__ import annotations

from datetime import date

from progression_world import CATALOGUE, PERSON, START, train_until_walked

from glutewake.catalogue.catalogue import Catalogue
from glutewake.catalogue.schema import Exercise
from glutewake.programming.builder import ProgramBuilder
from glutewake.programming.preferences import Preferences
from glutewake.programming.program import Program
from glutewake.screening.clearance import ClearanceTerms, Restriction

# The world's harder band walk, done holding a kettlebell.
LOADED = Catalogue(
    tuple(
        Exercise.model_validate({**e.model_dump(), "equipment": ["kettlebell"]})
        if e.id == "hard-walk"
        else e
        for e in CATALOGUE.exercises
    )
)
PREFS = Preferences(minutes=30, equipment=("kettlebell",))
NO_LOADING = ClearanceTerms(
    cleared_by="Dr Lee, physiotherapist",
    cleared_on=date(2025, 3, 1),
    restrictions=(Restriction.NO_HEAVY_LOADING,),
)
EASY_WALK = {"walk": {"effort": 3}}


def train(program: Program) -> Program:
    """Every session as prescribed, the band walk easy, until its dose is at its top."""
    return train_until_walked(program, 6, EASY_WALK, LOADED)


def used(program: Program, after: date) -> set[str]:
    return {i.exercise_id for s in program.sessions if s.day > after for i in s.items}


def test_without_a_limit_the_walk_progresses_to_the_loaded_version() -> None:
    program = train(ProgramBuilder(LOADED).build(PERSON, PREFS, START))
    assert program.changes[-1].new_exercise_id == "hard-walk"


def test_no_heavy_loading_never_progresses_to_a_loaded_move() -> None:
    built = ProgramBuilder(LOADED).build(PERSON, PREFS, START, clearance=NO_LOADING)
    assert "hard-walk" not in used(built, START)
    program = train(built)
    assert "hard-walk" not in used(program, START)
    assert all(c.new_exercise_id != "hard-walk" for c in program.changes)
    last = program.changes[-1]
    assert last.exercise_id == "walk" and "no harder version fits yet" in last.reason

"""Templates with their exercise list, through the application on SQLite and PostgreSQL: kept
with the coach's changes, given to another client as those exercises and doses, checked for that
client (each change told, in the audit and in their adjustments), copied, never shared."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from coaching_world import TODAY, World, open_world

from glutewake.application import coach_edits, coaching, programs
from glutewake.catalogue.schema import Phase
from glutewake.programming.program import Program
from glutewake.store import coaching as store
from glutewake.store import repository as repo


@pytest.fixture
def world(database_url: str) -> Iterator[World]:
    found = open_world(database_url)
    yield found
    found.app.close()


def program_of(world: World, person: int) -> Program:
    with world.work(world.solo(person)) as work:
        return programs.require_program(work).program


def exercises(program: Program, phase: Phase, variant: str) -> list[tuple[str, int, int]]:
    session = next(
        s for s in program.sessions if (s.phase, s.variant) == (phase, variant) and s.day > TODAY
    )
    return [(i.exercise_id, i.sets, i.target) for i in session.items]


def coach_program(world: World) -> tuple[int, Program]:
    """Ada's program as her coach changed it (one dose, one exclusion), and then kept it."""
    ada = world.client("Ada")
    world.screen(ada)
    with world.work(world.as_coach(ada)) as work:
        coaching.assign_generated(work, {"minutes": 30, "sessions_per_week": 3}, "start")
    program = program_of(world, ada)
    coming = [i for s in program.sessions if s.day > TODAY for i in s.items]
    dosed, excluded = coming[0], next(i for i in coming if i.exercise_id != coming[0].exercise_id)
    with world.work(world.as_coach(ada)) as work:
        coach_edits.change_dose(work, dosed.exercise_id, dosed.range_low, 1, "one set first")
        coach_edits.forbid(work, excluded.exercise_id, "her knee")
        template_id = coaching.save_template(work, "Knee friendly")
    return template_id, program_of(world, ada)


def test_a_template_gives_the_coachs_exercises_and_doses(world: World) -> None:
    template_id, kept = coach_program(world)
    bo = world.client("Bo")
    world.screen(bo)
    with world.work(world.as_coach(bo)) as work:
        assigned = coaching.assign_template(work, template_id, "same as Ada")
    given = program_of(world, bo)
    assert given == assigned.program
    for phase, variant in {(s.phase, s.variant) for s in kept.sessions if s.day > TODAY}:
        assert exercises(given, phase, variant) == exercises(kept, phase, variant)
    assert assigned.notes == ()
    forbidden = next(iter(kept.avoided))
    assert given.avoided[forbidden].endswith("her knee")
    with world.work(world.as_coach(bo)) as work:
        (event,) = [e for e in store.audit_trail(work.db, bo) if e.action == "assign-template"]
        (shown,) = coaching.overview(work).template_exercises[template_id][:1]
    assert event.detail["program_id"] == assigned.program_id
    assert event.detail["template"]["sessions"]
    assert shown.exercises and ": " in shown.exercises[0]


def test_a_client_without_the_floor_has_each_change_told(world: World) -> None:
    template_id, _ = coach_program(world)
    cy = world.client("Cy")
    world.screen(cy)
    with world.work(world.solo(cy)) as work:  # Cy said they cannot get down on the floor
        programs.plan(work, {"minutes": 20, "can_floor": False})
    with world.work(world.as_coach(cy)) as work:
        assigned = coaching.assign_template(work, template_id, "same as Ada")
    given = program_of(world, cy)
    assert given.preferences.can_floor is False and given.preferences.minutes == 30
    on_floor = {
        i.exercise_id
        for s in given.sessions
        for i in s.items
        if world.app.catalogue.get(i.exercise_id).needs_floor
    }
    assert on_floor == set()
    assert assigned.notes and all("needs the floor" in n.reason for n in assigned.notes)
    with world.work(world.as_coach(cy)) as work:
        (event,) = [e for e in store.audit_trail(work.db, cy) if e.action == "assign-template"]
        changes = [a for a in repo.adjustments(work.db, cy) if a.change.startswith("template")]
    assert "needs the floor" in event.detail["what"]
    assert event.detail["changes"] == [n.describe() for n in assigned.notes]
    assert len(changes) == len(assigned.notes)


def test_editing_a_template_later_leaves_the_given_program_as_it_is(world: World) -> None:
    template_id, _ = coach_program(world)
    bo = world.client("Bo")
    world.screen(bo)
    with world.work(world.as_coach(bo)) as work:
        coaching.assign_template(work, template_id, "same as Ada")
    before = program_of(world, bo)
    with world.work(world.as_coach(bo)) as work:
        store.update_template(work.db, world.coach, template_id, {"sessions": []})
    assert program_of(world, bo) == before


def test_a_template_kept_before_exercise_lists_still_gives_a_program(world: World) -> None:
    bo = world.client("Bo")
    world.screen(bo)
    with world.work(world.as_coach(bo)) as work:
        old = store.save_template(
            work.db, world.coach, "Old", {"preferences": {"minutes": 15}}, work.clock.now()
        )
        assigned = coaching.assign_template(work, old, "the old one")
    assert assigned.notes == () and assigned.program.preferences.minutes == 15

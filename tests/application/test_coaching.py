"""A coach's use cases on SQLite and PostgreSQL: the dashboard, assigning, templates, edits,
notes, clearances, and the audit trail each change writes in its own transaction."""

from __future__ import annotations

import ast
import inspect
from collections.abc import Iterator

import pytest
from coaching_world import NOW, TODAY, World, days_back, open_world
from flows import CLEARANCE, STOP
from sqlalchemy import delete

from glutewake.application import coach_dashboard, coach_edits, coaching, programs
from glutewake.errors import (
    AccessDeniedError,
    ConflictError,
    InvalidInputError,
    NotFoundError,
    TrainingPausedError,
)
from glutewake.store import coaching as store
from glutewake.store import repository as repo
from glutewake.store import set_logs
from glutewake.store.models import Screening
from glutewake.tracking.log import Felt


@pytest.fixture
def world(database_url: str) -> Iterator[World]:
    found = open_world(database_url)
    yield found
    found.app.close()


def trail(world: World, person: int) -> list[store.AuditRecord]:
    with world.work(world.solo(person)) as work:
        return store.audit_trail(work.db, person)


def test_the_dashboard_ranks_only_the_coachs_clients(world: World) -> None:
    steady, hurting, stopped, quiet = (world.client(n) for n in ("Ada", "Bo", "Cy", "Di"))
    world.client("Eve", coach=world.other_coach)
    for person in (steady, hurting, quiet):
        world.screen(person)
        world.plan(person, start=days_back(21))
    world.screen(stopped, STOP)
    for back in range(1, 22):
        day = days_back(back)
        if day.weekday() in (0, 2, 4):
            world.log(steady, day)
            world.log(hurting, day, pain=3 if back <= 6 else 0)
            if back > 10:
                world.log(quiet, day, felt=Felt.HAMSTRINGS)
    with world.work(world.as_coach(0)) as work:
        board = coach_dashboard.dashboard(work)
    names = [row.attention.name for row in board.rows]
    assert names[0] == "Cy" and set(names) == {"Ada", "Bo", "Cy", "Di"}
    reasons = {row.attention.name: [r.kind for r in row.attention.reasons] for row in board.rows}
    assert reasons["Cy"] == ["gate"]
    assert reasons["Bo"] == ["pain"]
    assert reasons["Ada"] == []
    assert {"missed", "quiet"} <= set(reasons["Di"])
    assert names[-1] == "Ada"
    assert board.needing_attention == 3


def test_only_a_coach_opens_the_dashboard(world: World) -> None:
    person = world.client("Ada")
    with world.work(world.solo(person)) as work, pytest.raises(AccessDeniedError):
        coach_dashboard.dashboard(work)


def test_a_coach_cannot_assign_a_program_while_the_newest_screening_is_stop(
    world: World,
) -> None:
    person = world.client("Ada")
    world.screen(person)
    world.plan(person)
    world.screen(person, STOP)
    with world.work(world.as_coach(person)) as work, pytest.raises(TrainingPausedError):
        coaching.assign_generated(work, {"minutes": 15}, "shorter sessions")
    with world.work(world.as_coach(person)) as work:
        template = store.save_template(work.db, world.coach, "Short", {"preferences": {}}, NOW)
        with pytest.raises(TrainingPausedError):
            coaching.assign_template(work, template, "try the short one")
        with pytest.raises(TrainingPausedError):
            coach_edits.forbid(work, "glute-bridge", "it hurts")
    assert trail(world, person) == []


def test_assigning_a_program_is_audited_with_who_and_why(world: World) -> None:
    person = world.client("Ada")
    world.screen(person)
    with world.work(world.as_coach(person)) as work:
        result = coaching.assign_generated(work, {"minutes": 15}, "she has 15 minutes")
    (event,) = trail(world, person)
    assert event.actor_account_id == world.coach
    assert event.action == "assign-program"
    assert event.reason == "she has 15 minutes"
    assert event.at == NOW and event.detail["program_id"] == result.program_id
    assert result.program.preferences.minutes == 15
    with world.work(world.as_coach(person)) as work:
        lines = coaching.overview(work).audit
    assert lines[0].who == "coach@example.org"
    with world.work(world.as_coach(person)) as work, pytest.raises(InvalidInputError):
        coaching.assign_generated(work, {"minutes": 15}, " ")


def test_a_template_is_copied_on_assignment_never_shared(world: World) -> None:
    first, second = world.client("Ada"), world.client("Bo")
    for person in (first, second):
        world.screen(person)
    with world.work(world.as_coach(first)) as work:
        coaching.assign_generated(work, {"minutes": 15, "sessions_per_week": 2}, "short")
        template_id = coaching.save_template(work, "Two short sessions")
    with world.work(world.as_coach(second)) as work:
        assigned = coaching.assign_template(work, template_id, "same plan as Ada")
    assert assigned.program.preferences.sessions_per_week == 2
    with world.work(world.as_coach(second)) as work:
        store.update_template(work.db, world.coach, template_id, {"preferences": {"minutes": 40}})
    with world.work(world.solo(second)) as work:
        program = programs.require_program(work).program
    assert program.preferences.minutes == 15 and program.preferences.sessions_per_week == 2
    other = world.as_coach(second, coach=world.other_coach)
    with world.work(other) as work, pytest.raises(NotFoundError):
        coaching.assign_template(work, template_id, "not my template")


def planned_client(world: World) -> int:
    person = world.client("Ada")
    world.screen(person)
    world.plan(person)
    return person


def future_ids(world: World, person: int) -> list[set[str]]:
    with world.work(world.solo(person)) as work:
        program = programs.require_program(work).program
    return [{i.exercise_id for i in s.items} for s in program.sessions if s.day > TODAY]


def test_swap_dose_pin_and_forbid_change_the_coming_sessions_and_are_audited(
    world: World,
) -> None:
    person = planned_client(world)
    coming = future_ids(world, person)
    present = sorted(set.union(*coming))
    with world.work(world.as_coach(person)) as work:
        program = programs.require_program(work).program
        item = next(i for s in program.sessions if s.day > TODAY for i in s.items)
        coach_edits.change_dose(work, item.exercise_id, item.range_low, 1, "one set for now")
    with world.work(world.solo(person)) as work:
        program = programs.require_program(work).program
    dosed = [i for s in program.sessions if s.day > TODAY for i in s.items]
    assert all(i.sets == 1 for i in dosed if i.exercise_id == item.exercise_id)
    forbidden = next(e for e in present if e != item.exercise_id)
    with world.work(world.as_coach(person)) as work:
        coach_edits.forbid(work, forbidden, "her knee")
    assert all(forbidden not in ids for ids in future_ids(world, person))
    with world.work(world.solo(person)) as work:
        program = programs.require_program(work).program
    assert program.avoided[forbidden].endswith("her knee")
    with world.work(world.as_coach(person)) as work, pytest.raises(ConflictError):
        coach_edits.pin(work, forbidden, "changed my mind")
    actions = [event.action for event in trail(world, person)]
    assert actions == ["forbid", "dose"]
    with world.work(world.solo(person)) as work:
        changes = [a.change for a in repo.adjustments(work.db, person)]
    assert "forbid" in changes


def test_a_swap_that_does_not_suit_the_client_changes_nothing(world: World) -> None:
    person = planned_client(world)
    exercise = sorted(set.union(*future_ids(world, person)))[0]
    with world.work(world.as_coach(person)) as work, pytest.raises(ConflictError):
        coach_edits.swap(work, exercise, "barbell-hip-thrust", "needs a barbell")
    assert trail(world, person) == []


def test_notes_reach_the_client_and_the_read_only_view_writes_nothing(world: World) -> None:
    person = world.client("Ada")
    with world.work(world.as_coach(person)) as work:
        coaching.add_note(work, "Squeeze at the top of each bridge.")
    with world.work(world.solo(person)) as work:
        (note,) = coaching.client_notes(work)
    assert note.text == "Squeeze at the top of each bridge." and note.coach_account_id
    viewing = world.as_coach(person, read_only=True)
    with pytest.raises(AccessDeniedError), world.work(viewing) as work:
        coaching.add_note(work, "Not from the client view.")
    with world.work(world.solo(person)) as work:
        assert len(coaching.client_notes(work)) == 1
    assert [e.action for e in trail(world, person)] == ["note"]


def test_another_coach_cannot_reach_the_client(world: World) -> None:
    person = world.client("Ada")
    with world.work(world.as_coach(person, coach=world.other_coach)) as work:
        with pytest.raises(NotFoundError, match="not yours to see"):
            coaching.overview(work)
        with pytest.raises(NotFoundError):
            coaching.add_note(work, "hello")


def test_a_clearance_records_who_gave_it(world: World) -> None:
    person = world.client("Ada")
    world.screen(person, CLEARANCE)
    with world.work(world.as_coach(person)) as work:
        view = coaching.record_clearance(
            work, "Dr Lee, physiotherapist", "", ["no-heavy-loading"], "letter received"
        )
    assert view.clearance is not None and view.clearance.cleared_by.startswith("Dr Lee")
    (event,) = trail(world, person)
    assert event.action == "clearance" and event.actor_account_id == world.coach
    assert event.detail["cleared_by"] == "Dr Lee, physiotherapist"
    assert event.reason == "letter received"


def test_the_audit_trail_has_no_way_to_change_or_remove_a_row() -> None:
    tree = ast.parse(inspect.getsource(store))
    touching = {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and "AuditEvent" in ast.unparse(node)
    }
    assert touching == {"record_audit", "audit_trail"}
    assert "delete" not in inspect.getsource(store).lower()


def test_the_dashboard_sees_new_and_corrected_sets_at_once(world: World) -> None:
    person = world.client("Ada")
    world.screen(person)
    world.plan(person, start=days_back(3))

    def pain_reasons() -> list[str]:
        with world.work(world.as_coach(0)) as work:
            (row,) = coach_dashboard.dashboard(work).rows
        return [r.text for r in row.attention.reasons if r.kind == "pain"]

    assert pain_reasons() == []
    world.log(person, days_back(1), pain=1)
    assert pain_reasons() == []
    with world.work(world.solo(person)) as work:
        first = set_logs.logged_sets(work.db, person)[0]
        hurt = first.log.model_copy(update={"pain": 6})
        set_logs.correct_set(work.db, person, first.id, hurt, NOW)
    assert pain_reasons() == ["Pain reached 6/10 on a set in the last 7 days."]


def test_a_screening_id_used_again_is_read_afresh(world: World) -> None:
    """SQLite gives a removed newest row's id to the next row: the dashboard must not keep
    the removed screening's result for it."""
    gone, new = world.client("Ada"), world.client("Bo")
    world.screen(gone)
    with world.work(world.as_coach(0)) as work:
        coach_dashboard.dashboard(work)
        removed = repo.latest_screening(work.db, gone)
        assert removed is not None
        work.db.execute(delete(Screening).where(Screening.person_id == gone))
    world.screen(new, STOP)
    with world.work(world.as_coach(0)) as work:
        rows = {r.attention.name: r for r in coach_dashboard.dashboard(work).rows}
    assert [r.kind for r in rows["Bo"].attention.reasons] == ["gate"]
    assert rows["Ada"].attention.reasons == ()

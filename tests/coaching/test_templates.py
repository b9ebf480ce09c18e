"""A template's exercise list applied to another client's program, with plain values: the coach's
exercises and doses where they suit the client, and every exercise they cannot do (the floor,
equipment, a clearance's limit, the coach's exclusions, time) replaced or left out with its
reason."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from programming_factories import profile

from glutewake.catalogue.catalogue import Catalogue, default_catalogue
from glutewake.catalogue.schema import Phase
from glutewake.coaching.templates import (
    Applied,
    TemplateItem,
    TemplateSession,
    apply,
    parse_sessions,
    sessions_of,
)
from glutewake.programming.builder import build_program
from glutewake.programming.eligibility import usable
from glutewake.programming.preferences import Preferences
from glutewake.programming.program import Program
from glutewake.screening.clearance import ClearanceTerms, Restriction

START = date(2026, 12, 7)
EQUIPPED = Preferences(
    minutes=30, sessions_per_week=3, weeks=6, equipment=("mini-band", "bench", "dumbbell")
)
PROFILE = profile()


@lru_cache(maxsize=8)
def built(preferences: Preferences, clearance: ClearanceTerms | None = None) -> Program:
    return build_program(PROFILE, preferences, catalogue(), START, clearance=clearance)


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    return default_catalogue()


def template() -> tuple[TemplateSession, ...]:
    """A coach's template taken from a client with a band, a bench, dumbbells and the floor."""
    return sessions_of(built(EQUIPPED), START)


def ids(program: Program, phase: Phase, variant: str) -> list[str]:
    session = next(s for s in program.sessions if s.phase is phase and s.variant == variant)
    return [i.exercise_id for i in session.items]


def accounted_for(applied: Applied, sessions: tuple[TemplateSession, ...]) -> None:
    """Every exercise of the template is in the client's session or in a note: none silently."""
    noted = {n.exercise_id for n in applied.notes}
    for wanted in sessions:
        for session in applied.program.sessions:
            if (session.phase, session.variant) != (wanted.phase, wanted.variant):
                continue
            present = {i.exercise_id for i in session.items}
            for item in wanted.items:
                assert item.exercise_id in present or item.exercise_id in noted


def suits(program: Program) -> None:
    """Every session fits its time, and every exercise suits the client's choices and limits."""
    for session in program.sessions:
        assert session.estimated_seconds <= session.budget_seconds
        for item in session.items:
            exercise = catalogue().get(item.exercise_id)
            why = usable(exercise, program.preferences, program.restrictions, program.avoided)
            assert why is None, (item.exercise_id, why)
            assert exercise.level <= program.level_caps[session.phase.value]


def test_a_template_keeps_each_phase_and_variant_with_its_doses() -> None:
    source = built(EQUIPPED)
    sessions = template()
    assert {(s.phase, s.variant) for s in sessions} == {
        (s.phase, s.variant) for s in source.sessions
    }
    for kept in sessions:
        assert [i.exercise_id for i in kept.items] == ids(source, kept.phase, kept.variant)
    data = [s.model_dump(mode="json") for s in sessions]
    assert parse_sessions(data) == sessions  # what the store keeps reads back the same


def test_the_session_after_today_is_kept_with_the_coachs_changes() -> None:
    source = built(EQUIPPED)
    first = next(s for s in source.sessions if s.phase is Phase.WAKE_UP and s.variant == "A")
    later = [s for s in source.sessions if (s.phase, s.variant) == (first.phase, "A")][1]
    item = later.items[0]
    dosed = later.model_copy(
        update={
            "blocks": tuple(
                b.model_copy(
                    update={
                        "items": tuple(
                            i.model_copy(update={"sets": 1}) if i == item else i for i in b.items
                        )
                    }
                )
                for b in later.blocks
            )
        }
    )
    weeks = tuple(
        w.model_copy(
            update={"sessions": tuple(dosed if s.number == later.number else s for s in w.sessions)}
        )
        for w in source.weeks
    )
    edited = source.model_copy(update={"weeks": weeks})
    kept = next(
        s for s in sessions_of(edited, first.day) if (s.phase, s.variant) == (Phase.WAKE_UP, "A")
    )
    assert next(i for i in kept.items if i.exercise_id == item.exercise_id).sets == 1


def test_a_client_like_the_first_gets_the_same_exercises_and_doses() -> None:
    sessions = template()
    applied = apply(built(EQUIPPED), sessions, catalogue(), "Desk workers")
    assert applied.notes == ()
    for kept in sessions:
        assert ids(applied.program, kept.phase, kept.variant) == [i.exercise_id for i in kept.items]
        session = next(
            s
            for s in applied.program.sessions
            if (s.phase, s.variant) == (kept.phase, kept.variant)
        )
        assert [(i.sets, i.target) for i in session.items] == [
            (i.sets, i.target) for i in kept.items
        ]
    assert "Desk workers" in applied.program.explanation[0]
    suits(applied.program)


def test_a_client_without_the_floor_has_each_change_with_its_reason() -> None:
    sessions = template()
    client = Preferences(minutes=30, sessions_per_week=3, weeks=6, can_floor=False)
    applied = apply(built(client), sessions, catalogue(), "Desk workers")
    suits(applied.program)
    accounted_for(applied, sessions)
    assert {n.reason.split(",")[0] for n in applied.notes} == {"needs the floor"}
    actions = {n.action for n in applied.notes}
    assert actions == {"replaced", "left out"}
    for note in applied.notes:
        assert note.phases and note.describe().endswith(".")
        if note.action == "replaced":
            assert note.new_name and note.new_name in note.describe()
            placed = [
                i
                for s in applied.program.sessions
                for i in s.items
                if i.exercise_id == note.new_exercise_id
            ]
            assert placed and all(note.name in i.reason or "template" in i.reason for i in placed)


def test_an_exercise_needing_equipment_the_client_lacks_is_not_given() -> None:
    sessions = template()
    build_a = next(s for s in sessions if (s.phase, s.variant) == (Phase.BUILD, "A"))
    band = TemplateItem(exercise_id="lateral-band-walk", sets=2, target=10)
    main = build_a.blocks[-1]
    pinned = build_a.model_copy(
        update={
            "blocks": (*build_a.blocks[:-1], main.model_copy(update={"items": (*main.items, band)}))
        }
    )
    changed = tuple(pinned if s is build_a else s for s in sessions)
    with_band = apply(built(EQUIPPED), changed, catalogue(), "Bands")
    assert "lateral-band-walk" in ids(with_band.program, Phase.BUILD, "A")
    without = EQUIPPED.model_copy(update={"equipment": ()})
    applied = apply(built(without), changed, catalogue(), "Bands")
    assert "lateral-band-walk" not in ids(applied.program, Phase.BUILD, "A")
    (note,) = [n for n in applied.notes if n.exercise_id == "lateral-band-walk"]
    assert note.reason.startswith("needs mini-band") and note.phases == (Phase.BUILD,)
    suits(applied.program)


def test_a_clearance_limit_holds_for_the_templates_exercises() -> None:
    cleared = ClearanceTerms(
        cleared_by="Dr Lee, physiotherapist",
        cleared_on=date(2026, 12, 1),
        restrictions=(Restriction.NO_HIGH_IMPACT, Restriction.NO_HEAVY_LOADING),
    )
    sessions = template()
    applied = apply(built(EQUIPPED, cleared), sessions, catalogue(), "Strong")
    suits(applied.program)
    accounted_for(applied, sessions)


def test_the_coachs_exclusions_are_left_out_everywhere() -> None:
    sessions = template()
    excluded = sessions[0].items[0].exercise_id
    avoided = {excluded: "left out by your coach: her knee"}
    applied = apply(built(EQUIPPED), sessions, catalogue(), "No bridges", avoided)
    assert all(excluded not in {i.exercise_id for i in s.items} for s in applied.program.sessions)
    assert applied.program.avoided[excluded] == "left out by your coach: her knee"
    (note,) = [n for n in applied.notes if n.exercise_id == excluded]
    assert "her knee" in note.reason


def test_shorter_sessions_cut_sets_first_and_say_so() -> None:
    sessions = template()
    client = EQUIPPED.model_copy(update={"minutes": 10})
    applied = apply(built(client), sessions, catalogue(), "Long")
    suits(applied.program)
    accounted_for(applied, sessions)
    actions = {n.action for n in applied.notes}
    assert "fewer sets" in actions
    assert all("10-minute session" in n.reason for n in applied.notes if n.action == "fewer sets")


def test_a_dose_out_of_the_exercises_range_is_brought_into_it() -> None:
    sessions = template()
    first = sessions[0]
    item = first.items[0]
    block = first.blocks[0].model_copy(
        update={"items": (item.model_copy(update={"target": 600}), *first.blocks[0].items[1:])}
    )
    changed = (first.model_copy(update={"blocks": (block, *first.blocks[1:])}), *sessions[1:])
    applied = apply(built(EQUIPPED), changed, catalogue(), "Too much")
    session = next(
        s for s in applied.program.sessions if (s.phase, s.variant) == (first.phase, first.variant)
    )
    placed = next(i for i in session.items if i.exercise_id == item.exercise_id)
    assert placed.range_low <= placed.target < 600


def test_a_phase_the_template_lacks_is_built_for_the_client_and_noted() -> None:
    sessions = tuple(s for s in template() if s.phase is not Phase.INTEGRATE)
    program = built(EQUIPPED)
    applied = apply(program, sessions, catalogue(), "Early phases")
    integrate = [s for s in applied.program.sessions if s.phase is Phase.INTEGRATE]
    assert integrate == [s for s in program.sessions if s.phase is Phase.INTEGRATE]
    (note,) = [n for n in applied.notes if n.action == "built for the client"]
    assert note.phases == (Phase.INTEGRATE,)
    assert "integrate" in note.describe()

"""Adaptation over a simulated logbook: cues, regressions, dose, pain, missed days, gates."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from progression_world import CATALOGUE, PREFS, START, new_program, perform

from glutewake.catalogue.schema import Phase
from glutewake.programming.program import Program
from glutewake.progression.adapt import adapt
from glutewake.tracking.log import Felt, SetLog


class Person:
    """Logs sessions day by day and adapts the program after each, as the CLI does."""

    def __init__(self) -> None:
        self.program = new_program()
        self.logs: list[SetLog] = []

    def train(self, day: date, **special: Mapping[str, Any]) -> list[str]:
        session = self.program.next_session(day)
        assert session is not None and session.day == day, f"no session on {day}"
        self.logs += perform(session, day, special)
        return self.adapt(day)

    def adapt(self, day: date) -> list[str]:
        result = adapt(self.program, self.logs, day, CATALOGUE)
        self.program = result.program
        return [f"{c.rule}:{c.action}:{c.exercise_id}" for c in result.changes]

    def future(self, day: date) -> list[list[str]]:
        return [[i.exercise_id for i in s.items] for s in self.program.sessions if s.day > day]

    def train_week_one(self) -> None:
        for day in (3, 4, 6, 7):
            self.train(date(2025, 3, day))


def test_felt_elsewhere_gives_the_cue_then_an_easier_version() -> None:
    person = Person()
    back = {"clam": {"felt": Felt.LOWER_BACK}}
    assert person.train(date(2025, 3, 3), **back) == ["felt-elsewhere:cue:clam"]
    cues = {i.cue for s in person.program.sessions[1:] for i in s.items if i.exercise_id == "clam"}
    assert cues == {"Keep your pelvis stacked; move only the knee."}
    assert person.train(date(2025, 3, 4), **back) == ["felt-elsewhere:regress:clam"]
    change = person.program.changes[-1]
    assert change.new_exercise_id == "side-rotation"
    assert "felt in the lower-back on 4 of 4 sets" in change.reason
    later = person.future(date(2025, 3, 4))
    assert all("clam" not in items for items in later)
    assert all("side-rotation" in items for items in later[:2])


def test_easy_in_the_glutes_twice_raises_the_dose_then_progresses() -> None:
    person = Person()
    person.train_week_one()
    walk_days, day = 0, date(2025, 3, 10)
    fired: list[tuple[int, str]] = []
    while len(fired) < 3:
        session = person.program.next_session(day)
        assert session is not None, f"the program ended after {fired}"
        walk_days += any(i.exercise_id == "walk" for i in session.items)
        changes = person.train(session.day, walk={"effort": 3})
        fired += [(walk_days, change) for change in changes if change.endswith(":walk")]
        if walk_days == 2 and changes:
            later = [s for s in person.program.sessions if s.day > session.day]
            walks = [i.target for s in later for i in s.items if i.exercise_id == "walk"]
            assert walks and walks[0] == 10
        day = session.day + timedelta(days=1)
    assert fired == [
        (2, "easy-in-glutes:dose-up:walk"),
        (4, "easy-in-glutes:dose-up:walk"),
        (6, "easy-in-glutes:progress:walk"),
    ]
    assert person.program.changes[-1].new_exercise_id == "hard-walk"
    coming = [items for items in person.future(day - timedelta(days=1)) if items][:4]
    assert any("hard-walk" in items for items in coming)
    assert not any("walk" in items for items in coming)


def test_hard_or_painful_sets_do_not_raise_the_dose() -> None:
    person = Person()
    person.train_week_one()
    person.train(date(2025, 3, 10), walk={"effort": 8})
    assert person.train(date(2025, 3, 11), walk={"effort": 3}) == []


def test_pain_stops_the_exercise_and_a_second_time_advises_a_professional() -> None:
    person = Person()
    changes = person.train(date(2025, 3, 3), **{"bridge-hold": {"pain": 5}})
    assert changes == ["pain:stop:bridge-hold"]
    assert "pain 5/10" in person.program.changes[-1].reason
    assert all("bridge-hold" not in items for items in person.future(date(2025, 3, 3))[:3])
    assert not person.program.professional_advised
    changes = person.train(date(2025, 3, 4), clam={"pain": 4})
    assert changes == ["pain:stop:clam", "pain:advise-professional:clam"]
    assert person.program.professional_advised
    assert "physiotherapist or doctor" in person.program.changes[-1].reason


def test_rising_pain_stops_the_exercise() -> None:
    person = Person()
    person.train(date(2025, 3, 3), stand={"pain": 1})
    person.train(date(2025, 3, 4), stand={"pain": 2})
    changes = person.train(date(2025, 3, 6), stand={"pain": 3})
    assert "pain:stop:stand" in changes
    assert "pain rising" in person.program.changes[-1].reason


def test_missed_sessions_slide_the_calendar_and_never_cram() -> None:
    person = Person()
    end = person.program.end
    person.train(date(2025, 3, 3))
    assert person.adapt(date(2025, 3, 7)) == ["missed-sessions:slide:None"]
    days = [s.day for s in person.program.sessions]
    assert len(days) == len(set(days))
    assert all(day.weekday() in {d.number for d in PREFS.days} for day in days)
    second = person.program.sessions[1]
    assert (second.day, second.done_on) == (date(2025, 3, 7), None)
    assert person.program.end > end
    assert "2 sessions missed (2025-03-04, 2025-03-06)" in person.program.changes[-1].reason


def test_an_open_gate_repeats_the_phase_and_says_which_criterion_is_open() -> None:
    person = Person()
    elsewhere = {i.exercise_id: {"felt": Felt.HAMSTRINGS} for i in person.program.sessions[0].items}
    for day in (3, 4, 6, 7):
        person.train(date(2025, 3, day), **elsewhere)
    changes = person.adapt(date(2025, 3, 10))
    assert "phase-gate:hold-phase:None" in changes
    gate_change = next(c for c in person.program.changes if c.rule == "phase-gate")
    assert "Felt in the glutes on more than 50%" in gate_change.reason
    assert "0 of" in gate_change.reason
    phases = [w.phase for w in person.program.weeks]
    assert phases[:3] == [Phase.WAKE_UP, Phase.WAKE_UP, Phase.BUILD]
    assert len(person.program.weeks) == 5
    assert person.program.weeks[1].reason == gate_change.reason


def test_a_met_gate_moves_on_and_says_so() -> None:
    person = Person()
    person.train_week_one()
    changes = person.adapt(date(2025, 3, 10))
    assert changes == ["phase-gate:advance-phase:None"]
    upcoming = person.program.next_session(date(2025, 3, 10))
    assert upcoming is not None and upcoming.phase is Phase.BUILD


def test_adapting_twice_on_the_same_logs_changes_nothing_more() -> None:
    person = Person()
    person.train(date(2025, 3, 3), clam={"felt": Felt.LOWER_BACK}, stand={"pain": 6})
    before = person.program
    assert person.adapt(date(2025, 3, 3)) == []
    assert person.program == before


def test_the_adapted_program_round_trips_through_json() -> None:
    person = Person()
    person.train(date(2025, 3, 3), clam={"felt": Felt.LOWER_BACK})
    person.adapt(date(2025, 3, 7))
    data = person.program.model_dump(mode="json")
    assert Program.model_validate(data) == person.program


def test_sessions_after_changes_stay_within_the_time_budget() -> None:
    person = Person()
    person.train_week_one()
    for day in (10, 11, 13, 14, 17, 18):
        person.train(date(2025, 3, day), walk={"effort": 2}, bridge={"effort": 2})
    assert all(s.estimated_seconds <= s.budget_seconds for s in person.program.sessions)
    assert person.program.start == START

"""The attention ranking, on plain facts: each reason, its words, and who comes first."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from glutewake.coaching.attention import (
    ClientFacts,
    PainSummary,
    Severity,
    due_days,
    rank,
    reasons,
)
from glutewake.screening.profile import Gate

TODAY = date(2026, 12, 7)  # a Monday
MON_WED_FRI = frozenset({0, 2, 4})


def steady(person_id: int = 1, name: str = "Ada") -> ClientFacts:
    """A client who screened go a week ago, began then, and logged every training day."""
    start = TODAY - timedelta(days=7)
    facts = ClientFacts(
        person_id=person_id,
        name=name,
        gate=Gate.GO,
        screened_on=start,
        program_start=start,
        program_end=TODAY + timedelta(days=21),
        training_weekdays=MON_WED_FRI,
        recent_pain=PainSummary(sets=12, average=1.0, highest=2),
        earlier_pain=PainSummary(sets=0),
        glute_sets=12,
        glute_hits=11,
    )
    days = frozenset(due_days(facts, TODAY, 14))
    return replace(facts, logged_days=days, last_logged=max(days))


def kinds(facts: ClientFacts) -> list[str]:
    return [reason.kind for reason in reasons(facts, TODAY)]


def test_a_steady_client_gives_no_reason() -> None:
    assert reasons(steady(), TODAY) == ()


def test_a_stop_is_shown_first_and_hides_the_session_reasons() -> None:
    facts = replace(steady(), gate=Gate.STOP, gate_reasons=("Numbness in the saddle area.",))
    found = reasons(facts, TODAY)
    assert [r.kind for r in found] == ["gate"]
    assert found[0].severity is Severity.NOW
    assert "warning sign (Numbness in the saddle area)" in found[0].text


def test_a_clearance_gate_counts_only_until_a_clearance_is_recorded() -> None:
    waiting = replace(steady(), gate=Gate.CLEARANCE)
    assert kinds(waiting) == ["gate"]
    assert kinds(replace(waiting, cleared=True)) == []


def test_pain_rising_against_the_weeks_before() -> None:
    facts = replace(
        steady(),
        recent_pain=PainSummary(sets=6, average=2.5, highest=3),
        earlier_pain=PainSummary(sets=9, average=1.0, highest=2),
    )
    (found,) = reasons(facts, TODAY)
    assert found.kind == "pain"
    assert "2.5/10 on average in the last 7 days, against 1.0/10 before" in found.text
    flat = replace(facts, recent_pain=PainSummary(sets=6, average=1.5, highest=3))
    assert kinds(flat) == []
    too_few = replace(facts, earlier_pain=PainSummary(sets=2, average=0.0, highest=0))
    assert kinds(too_few) == []


def test_one_set_at_the_programs_pain_stop_level_is_enough() -> None:
    facts = replace(steady(), recent_pain=PainSummary(sets=1, average=4.0, highest=4))
    (found,) = reasons(facts, TODAY)
    assert found.text == "Pain reached 4/10 on a set in the last 7 days."


def test_missed_sessions_in_the_last_week() -> None:
    facts = steady()
    planned = due_days(facts, TODAY, 7)
    assert planned == [TODAY - timedelta(days=7), TODAY - timedelta(days=5), TODAY - timedelta(3)]
    one_done = replace(facts, logged_days=frozenset(planned[:1]), last_logged=planned[0])
    found = {r.kind: r for r in reasons(one_done, TODAY)}
    assert found["missed"].text == "1 session done of 3 planned in the last 7 days."
    assert found["missed"].severity is Severity.SOON


def test_no_logs_for_days_while_the_program_runs() -> None:
    facts = replace(steady(), logged_days=frozenset(), last_logged=TODAY - timedelta(days=9))
    found = {r.kind: r.text for r in reasons(facts, TODAY)}
    assert found["quiet"] == "No sets logged for 9 days."
    not_begun = replace(steady(), program_start=TODAY + timedelta(days=2), logged_days=frozenset())
    assert "quiet" not in kinds(not_begun)


def test_sets_felt_outside_the_glutes() -> None:
    facts = replace(steady(), glute_sets=10, glute_hits=4)
    (found,) = reasons(facts, TODAY)
    assert found.text.startswith("60% of their glute sets in the last 14 days were felt")
    assert kinds(replace(facts, glute_sets=5, glute_hits=0)) == []  # too few to judge


def test_a_retest_every_two_weeks_since_the_later_of_start_and_screening() -> None:
    start = TODAY - timedelta(days=15)
    facts = replace(steady(), program_start=start, screened_on=start - timedelta(days=3))
    facts = replace(facts, logged_days=frozenset(due_days(facts, TODAY, 14)), last_logged=TODAY)
    found = {r.kind: r.text for r in reasons(facts, TODAY)}
    assert found == {"retest": "A re-test is due: 15 days since the program began."}
    rescreened = replace(facts, screened_on=TODAY - timedelta(days=2))
    assert kinds(rescreened) == []


def test_who_needs_attention_most_comes_first() -> None:
    fine = steady(1, "Ada")
    quiet = replace(steady(2, "Bo"), logged_days=frozenset(), last_logged=TODAY - timedelta(10))
    stopped = replace(steady(3, "Cy"), gate=Gate.STOP)
    felt_elsewhere = replace(steady(4, "Di"), glute_sets=10, glute_hits=2)
    order = [a.name for a in rank([fine, quiet, stopped, felt_elsewhere], TODAY)]
    assert order == ["Cy", "Bo", "Di", "Ada"]
    assert rank([fine], TODAY)[0].severity is None

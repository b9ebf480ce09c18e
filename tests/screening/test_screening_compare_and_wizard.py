"""Comparing two profiles, and the wizard's navigation (pure, fed typed text)."""

from __future__ import annotations

from collections.abc import Iterable

import yaml
from screening_factories import DATA, EXAMPLE_FILE, answers

from glutewake.screening.answers import parse_answers
from glutewake.screening.compare import Verdict, compare_profiles
from glutewake.screening.profile import Gate, Profile
from glutewake.screening.scoring import build_profile
from glutewake.screening.wizard import StepKind, Wizard


def profile(**questionnaire: object) -> Profile:
    tests = questionnaire.pop("tests", None)
    return build_profile(parse_answers(answers(tests=tests, **questionnaire)))  # type: ignore[arg-type]


def test_compare_reports_what_got_better_and_worse() -> None:
    before = profile(
        sitting_hours=10,
        desk_job=True,
        symptoms=["quads-burn"],
        tests={"glute_squeeze": {"left": {"contraction": "none"}}},
    )
    after = profile(sitting_hours=6, tests={"glute_squeeze": {"left": {"contraction": "clear"}}})
    changes = {c.field: c for c in compare_profiles(before, after).changes}
    assert changes["glute_max.left"].verdict is Verdict.BETTER
    assert changes["glute_max.left"].delta == after.glute_max.left - before.glute_max.left < 0
    assert changes["sedentary"].verdict is Verdict.BETTER
    assert changes["band"].verdict is Verdict.BETTER
    assert changes["weaker_side"].verdict is Verdict.CHANGED
    assert changes["pain"].verdict is Verdict.SAME
    assert (changes["compensation"].before, changes["compensation"].after) == ("quad", "none")
    assert changes["compensation"].verdict is Verdict.BETTER


def test_compare_gate_and_pattern() -> None:
    before = profile()
    after = profile(conditions=["sciatica"], symptoms=["felt-in-back", "recurring-low-back-pain"])
    comparison = compare_profiles(before, after)
    changes = {c.field: c for c in comparison.changes}
    assert (changes["gate"].before, changes["gate"].after) == (Gate.GO, Gate.CLEARANCE)
    assert changes["gate"].verdict is Verdict.WORSE
    assert changes["compensation"].verdict is Verdict.WORSE
    assert {c.field for c in comparison.changed} >= {"gate", "compensation", "pain"}
    assert compare_profiles(after, after).changed == ()


def feed(wizard: Wizard, typed: Iterable[str]) -> list[str]:
    messages = []
    for text in typed:
        message = wizard.respond(text)
        if message:
            messages.append(message)
    return messages


RED_FLAGS_NO = [""] * len(DATA.red_flags.flags)
QUESTIONNAIRE = ["9", "2.5", "y", "3"]  # hours, bout, desk job, training 3 = quad-dominant
SYMPTOMS = [c.id for c in DATA.question("symptoms").choices]
CONDITIONS = [""] * len(DATA.question("conditions").choices)


def symptoms_typed(chosen: set[str]) -> list[str]:
    return ["y" if s in chosen else "n" for s in SYMPTOMS]


def test_the_wizard_gives_the_same_answers_as_the_example_file() -> None:
    wizard = Wizard(DATA)
    typed = RED_FLAGS_NO + QUESTIONNAIRE
    typed += symptoms_typed({"recurring-low-back-pain", "quads-burn", "cannot-tense-glutes"})
    typed += ["n", "n", *CONDITIONS, ""]
    typed += ["", "2", "1"]  # glute squeeze: start, left faint, right clear
    typed += ["", "2", "2"]  # mirror: forward, big curve
    typed += ["", "2", "n", "n", "1", "", ""]  # single-leg stance left drops, right level
    typed += ["", "3", "y", "1", "n"]  # prone: left back-first + arch, right glute
    typed += ["", "2", "1", "2", "2"]  # thomas: left above/bent, right above/straightens
    typed += ["", "45", "1", "n"]  # bridge
    typed += ["", "14", "", "31", "n"]  # single-leg bridge
    assert feed(wizard, typed) == []
    assert wizard.current is None
    expected = yaml.safe_load(EXAMPLE_FILE.read_text(encoding="utf-8"))
    assert parse_answers(wizard.to_mapping()) == parse_answers(expected)


def test_back_skip_and_bad_input() -> None:
    wizard = Wizard(DATA)
    feed(wizard, RED_FLAGS_NO)
    assert wizard.current is not None and wizard.current.key == "questionnaire.sitting_hours"
    assert feed(wizard, ["30"]) == ["Must be between 0 and 24 hours a day, got 30."]
    assert feed(wizard, ["lots"]) == ["Please type a number, not 'lots'."]
    assert feed(wizard, ["s"]) == [
        "This answer is needed. Press Enter for the default, if one is shown."
    ]
    feed(wizard, ["8", "b"])
    assert wizard.current is not None and wizard.current.key == "questionnaire.sitting_hours"
    feed(wizard, ["7", "1", ""])  # hours, bout, desk job default (no)
    assert wizard.current is not None and wizard.current.kind is StepKind.CHOICE
    assert feed(wizard, ["9"]) == ["Please choose a number from 1 to 4."]
    feed(wizard, ["", *symptoms_typed(set()), "", "", *CONDITIONS, ""])
    assert wizard.current is not None and wizard.current.key == "self_tests.glute_squeeze"
    feed(wizard, ["", "3", "s"])  # left: none; right: skip the side
    assert wizard.current is not None and wizard.current.key == "self_tests.mirror_check"
    for _ in DATA.self_tests[1:]:
        feed(wizard, ["s"])
    assert wizard.current is None
    mapping = wizard.to_mapping()
    assert mapping["questionnaire"]["sitting_hours"] == 7
    assert mapping["questionnaire"]["desk_job"] is False
    assert mapping["self_tests"] == {"glute_squeeze": {"left": {"contraction": "none"}}}
    parse_answers(mapping)


def test_skipping_a_side_part_way_drops_that_side_and_back_reopens_it() -> None:
    wizard = Wizard(DATA)
    feed(wizard, [*RED_FLAGS_NO, "7", "1", "", "", *symptoms_typed(set()), "", "", *CONDITIONS, ""])
    for _ in range(2):  # skip glute squeeze and the mirror check
        feed(wizard, ["s"])
    feed(wizard, ["", "2", "s"])  # single-leg stance: left pelvis drops, then skip the rest
    assert wizard.current is not None and wizard.current.side is not None
    assert wizard.current.side.value == "right"
    assert "single_leg_stance" not in wizard.to_mapping()["self_tests"]
    feed(wizard, ["b", "y", "n"])  # back: left lost balance yes, no pain
    assert (
        wizard.current is not None
        and wizard.current.key == "self_tests.single_leg_stance.right.pelvis"
    )
    tests = wizard.to_mapping()["self_tests"]
    assert tests["single_leg_stance"] == {
        "left": {"pelvis": "drops", "lost_balance": True, "usual_pain": False}
    }


def test_a_red_flag_means_no_self_tests_are_offered() -> None:
    wizard = Wizard(DATA)
    feed(
        wizard,
        ["y", *RED_FLAGS_NO[1:], "7", "1", "", "", *symptoms_typed(set()), "", "", *CONDITIONS, ""],
    )
    assert wizard.current is None
    mapping = wizard.to_mapping()
    assert mapping["red_flags"] == [DATA.red_flags.flags[0].id]
    assert build_profile(parse_answers(mapping)).gate is Gate.STOP


def test_a_bout_longer_than_the_day_is_refused_at_once() -> None:
    wizard = Wizard(DATA)
    feed(wizard, [*RED_FLAGS_NO, "6"])
    assert feed(wizard, ["7"]) == [
        "The longest bout (7 h) cannot be more than the daily total (6 h)."
    ]
    assert wizard.current is not None and wizard.current.key == "questionnaire.longest_sitting_bout"


def test_reopen_goes_back_to_a_field_and_then_on_where_the_person_left_off() -> None:
    wizard = Wizard(DATA)
    feed(wizard, [*RED_FLAGS_NO, "7", "1", "", ""])
    left_off = wizard.current
    assert wizard.reopen("questionnaire.desk_job")
    assert wizard.current is not None and wizard.current.key == "questionnaire.desk_job"
    feed(wizard, ["y"])
    assert wizard.current == left_off
    assert wizard.state["questionnaire.desk_job"] is True
    assert not wizard.reopen("questionnaire.nothing")

"""Preferences: sensible defaults, and every invalid value rejected with its fix."""

from __future__ import annotations

import pytest

from glutewake.catalogue.schema import Equipment
from glutewake.errors import InvalidInputError
from glutewake.programming.preferences import Context, Preferences
from glutewake.weekday import Weekday


def problems(raw: dict[str, object]) -> dict[str, str]:
    with pytest.raises(InvalidInputError) as caught:
        Preferences.parse(raw)
    return {p.field: p.message for p in caught.value.problems}


def test_defaults_follow_the_seeds() -> None:
    prefs = Preferences.parse({})
    assert prefs.sessions_per_week == 4
    assert 4 <= prefs.weeks <= 6
    assert prefs.days == (Weekday.MON, Weekday.TUE, Weekday.THU, Weekday.FRI)
    assert prefs.available_equipment == {Equipment.WALL, Equipment.CHAIR}


def test_zero_minutes_says_the_range() -> None:
    assert "choose 5 to 120 minutes" in problems({"minutes": 0})["minutes"]


def test_nine_sessions_a_week_says_the_range() -> None:
    assert "choose 1 to 7" in problems({"sessions_per_week": 9})["sessions_per_week"]


def test_unknown_equipment_lists_the_choices() -> None:
    message = problems({"equipment": ["mini-band", "kettlebel"]})["equipment"]
    assert "'kettlebel'" in message
    assert "kettlebell" in message and "mini-band" in message


def test_weeks_outside_four_to_six_are_rejected() -> None:
    assert "4 to 6 weeks" in problems({"weeks": 8})["weeks"]


def test_every_problem_is_listed_at_once() -> None:
    found = problems({"minutes": 0, "sessions_per_week": 9, "context": "gym"})
    assert set(found) == {"minutes", "sessions_per_week", "context"}
    assert "standalone" in found["context"]


def test_days_set_the_number_of_sessions() -> None:
    prefs = Preferences.parse({"training_days": ["fri", "mon"]})
    assert prefs.sessions_per_week == 2
    assert prefs.days == (Weekday.MON, Weekday.FRI)


def test_days_must_match_the_sessions_given() -> None:
    message = problems({"training_days": ["mon"], "sessions_per_week": 3})["preferences"]
    assert "one day per session" in message


def test_unknown_field_names_the_real_ones() -> None:
    assert "minutes" in problems({"minuets": 10})["minuets"]


def test_equipment_is_sorted_and_unique() -> None:
    prefs = Preferences.parse({"equipment": ["mini-band", "foam-roller", "mini-band"]})
    assert prefs.equipment == (Equipment.FOAM_ROLLER, Equipment.MINI_BAND)
    assert prefs.context is Context.STANDALONE

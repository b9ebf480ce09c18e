"""Session time: every second accounted for by the documented assumptions."""

from __future__ import annotations

from programming_factories import exercise

from glutewake.programming.timing import (
    SETUP_SECONDS,
    SIDE_CHANGE_SECONDS,
    TRANSITION_SECONDS,
    time_cost,
)


def test_reps_take_their_tempo() -> None:
    bridge = exercise("bridge", reps=(10, 20), sets=3, rest=45, tempo="2-1-2")
    # 3 sets x 10 reps x 5 s, rest twice, one transition.
    assert time_cost(bridge, 10, False).seconds(3) == 3 * 50 + 2 * 45 + TRANSITION_SECONDS


def test_holds_take_the_hold_plus_getting_in_and_out() -> None:
    hold = exercise("hold", hold=(15, 30), sets=2, rest=30, tempo="2-0-2")
    assert time_cost(hold, 20, False).seconds(2) == 2 * 24 + 30 + TRANSITION_SECONDS


def test_per_side_sets_change_sides_and_the_weaker_side_adds_a_set() -> None:
    clam = exercise("clam", reps=(8, 12), sets=2, rest=20, per_side=True, tempo="1-1-1")
    side = 8 * 3
    both = 2 * (2 * side + SIDE_CHANGE_SECONDS) + 1 * 20 + TRANSITION_SECONDS
    assert time_cost(clam, 8, False).seconds(2) == both
    assert time_cost(clam, 8, True).seconds(2) == both + 20 + side


def test_equipment_adds_setup_but_a_wall_does_not() -> None:
    band = exercise("band", equipment=("mini-band",), sets=1)
    wall = exercise("wall", equipment=("wall",), sets=1)
    assert (
        time_cost(band, 8, False).seconds(1) - time_cost(wall, 8, False).seconds(1) == SETUP_SECONDS
    )


def test_steps_go_both_ways() -> None:
    walk = exercise("walk", steps=(10, 15), sets=2, rest=30, tempo="1-0-1")
    assert time_cost(walk, 10, False).seconds(2) == 2 * (2 * 10 * 2) + 30 + TRANSITION_SECONDS

"""The index's list answers every filter as the catalogue does, and only while it is fresh."""

from __future__ import annotations

import itertools

from glutewake.catalogue.catalogue import Filters, default_catalogue, summary
from glutewake.catalogue.listing import exercise_files, fresh_index, listed
from glutewake.catalogue.schema import Category, Muscle, Position


def test_every_filter_combination_lists_what_the_catalogue_lists() -> None:
    catalogue = default_catalogue()
    equipment = [None, "none", "mini-band", "wall"]
    targets = [None, *(m.value for m in Muscle)]
    positions = [None, *(p.value for p in Position)]
    categories = [None, *(c.value for c in Category)]
    for kind, target, position, level, category in itertools.product(
        equipment, targets, positions, [None, 1, 3], categories
    ):
        expected = [
            summary(e)
            for e in catalogue.filter(Filters.parse(kind, target, position, level, category))
        ]
        found = listed(kind, target, position, level, category)
        assert found == expected
        assert [list(row) for row in found] == [list(row) for row in expected]


def test_an_invalid_choice_is_left_to_the_full_path() -> None:
    assert listed(equipment="trampoline") is None
    assert listed(target="biceps") is None
    assert listed(level=0) is None
    assert listed(category="cardio") is None


def test_an_edited_file_makes_the_index_unusable() -> None:
    files = sorted(exercise_files())
    assert fresh_index(files) is not None
    name, text = files[0]
    assert fresh_index([(name, text + "\n"), *files[1:]]) is None
    assert fresh_index(files[1:]) is None

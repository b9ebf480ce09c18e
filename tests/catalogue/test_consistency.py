from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from glutewake.catalogue import default_catalogue
from glutewake.catalogue.catalogue import check_consistency, check_default_catalogue
from glutewake.catalogue.loader import load_evidence, load_sources, parse_exercise
from glutewake.catalogue.schema import Category, Exercise, Phase

ROOT = Path(__file__).resolve().parents[2]
BRIDGE = (ROOT / "src/glutewake/catalogue/exercises/glute-bridge.yaml").read_text(encoding="utf-8")
SHARED_EVIDENCE = ROOT.parent / "shared" / "evidence" / "glute_emg.csv"

# Every exercise, drill, test-as-drill and release the seed articles name.
SEED_EXERCISES = [
    "bodyweight-squat", "forward-lunge", "glute-bridge", "glute-bridge-hold", "glute-kickback",
    "plie-squat", "romanian-deadlift", "deadlift", "bird-dog", "lateral-step", "donkey-kick",
    "prone-hip-extension", "standing-external-rotation-drill", "single-leg-standing",
    "standing-hip-drive", "glute-medius-wall-lean", "banded-half-squat", "wall-clamshell",
    "lateral-band-walk", "frog-pump", "single-leg-romanian-deadlift", "step-up", "pull-through",
    "barbell-hip-thrust", "supine-glute-squeeze", "standing-glute-squeeze",
    "kneeling-hip-flexor-stretch", "foam-roll-hip-flexors", "foam-roll-it-band",
]  # fmt: skip


def variant(exercise_id: str, **changes: object) -> Exercise:
    data = yaml.safe_load(BRIDGE)
    data.update({"id": exercise_id, "regressions": [], "progressions": [], **changes})
    return parse_exercise(yaml.safe_dump(data), f"{exercise_id}.yaml")


def check(*exercises: Exercise) -> list[str]:
    return check_consistency(exercises, load_evidence(), load_sources())


def test_the_shipped_catalogue_is_consistent() -> None:
    assert check_default_catalogue() == []


def test_the_catalogue_holds_at_least_35_exercises() -> None:
    assert len(default_catalogue()) >= 35


@pytest.mark.parametrize("exercise_id", SEED_EXERCISES)
def test_every_seed_exercise_is_in_the_catalogue(exercise_id: str) -> None:
    assert exercise_id in default_catalogue()


def test_every_evidence_row_is_used_by_some_exercise() -> None:
    used = {e.source_id for x in default_catalogue().exercises for e in x.evidence}
    assert sorted(set(load_evidence()) - used) == []


def test_every_category_and_phase_is_represented() -> None:
    exercises = default_catalogue().exercises
    assert {e.category for e in exercises} == set(Category)
    assert {p for e in exercises for p in e.phases} == set(Phase)


def test_the_packaged_evidence_table_is_the_teams_table() -> None:
    if not SHARED_EVIDENCE.exists():
        pytest.skip("the team's shared/evidence folder is not beside this checkout")
    packaged = ROOT / "src/glutewake/catalogue/evidence/glute_emg.csv"
    assert packaged.read_bytes() == SHARED_EVIDENCE.read_bytes()


def test_a_missing_reference_is_reported() -> None:
    problems = check(variant("a-move", progressions=["nowhere-move"]))
    assert problems == ["a-move: progression 'nowhere-move' is not in the catalogue"]


def test_a_progression_that_goes_down_a_level_is_reported() -> None:
    easy = variant("easy-move", level=1)
    hard = variant("hard-move", level=3, progressions=["easy-move"])
    assert check(easy, hard) == ["hard-move (level 3): progression easy-move goes down to level 1"]


def test_a_regression_that_goes_up_a_level_is_reported() -> None:
    easy = variant("easy-move", level=1, regressions=["hard-move"])
    hard = variant("hard-move", level=3)
    assert check(easy, hard) == ["easy-move (level 1): regression hard-move goes up to level 3"]


def test_a_cycle_is_reported() -> None:
    first = variant("first-move", progressions=["second-move"])
    second = variant("second-move", progressions=["third-move"])
    third = variant("third-move", regressions=["second-move"], progressions=["first-move"])
    problems = check(first, second, third)
    assert any(p.startswith("progression cycle: ") for p in problems)


def test_an_evidence_number_that_differs_from_the_table_is_reported() -> None:
    data = yaml.safe_load(BRIDGE)
    data["evidence"][0]["mean_mvic"] = 99.0
    exercise = variant("a-move", evidence=data["evidence"])
    [problem] = check(exercise)
    assert "the table says" in problem
    assert "99.0" in problem


def test_an_unknown_source_is_reported() -> None:
    problems = check(variant("a-move", sources=["made-up-study"]))
    assert problems == [
        "a-move: source 'made-up-study' is neither in sources.yaml nor glute_emg.csv"
    ]

"""`glutewake screen` and `glutewake clearance` through the real command and a real SQLite file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from screening_factories import DATA, EXAMPLE_FILE, answers
from typer.testing import CliRunner, Result

from glutewake.cli.app import app
from glutewake.config import get_settings
from glutewake.screening.profile import DISCLAIMER
from glutewake.store import open_database
from glutewake.store import repository as repo

runner = CliRunner()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("GLUTEWAKE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("GLUTEWAKE_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    yield tmp_path / "data"
    get_settings.cache_clear()


def run(*args: str, stdin: str | None = None) -> Result:
    return runner.invoke(app, list(args), input=stdin)


def flat(text: str) -> str:
    """Rich wraps long lines: compare with the whitespace squeezed."""
    return " ".join(text.split())


def stored(data_dir: Path) -> list[repo.ScreeningRecord]:
    database = open_database(f"sqlite:///{data_dir / 'glutewake.db'}")
    try:
        with database.session() as session:
            return repo.screenings(session, repo.default_person(session).id)
    finally:
        database.close()


def write(tmp_path: Path, name: str, raw: Any) -> Path:
    path = tmp_path / name
    text = json.dumps(raw) if name.endswith(".json") else yaml.safe_dump(raw)
    path.write_text(text, encoding="utf-8")
    return path


def test_answers_file_json_output_is_saved(data_dir: Path) -> None:
    result = run("screen", "--answers", str(EXAMPLE_FILE), "--json")
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert shown["disclaimer"] == DISCLAIMER
    assert shown["profile"]["band"] == "likely"
    assert shown["profile"]["weaker_side"] == "left"
    assert shown["clearance"] is None
    [record] = stored(data_dir)
    assert record.id == shown["id"]
    assert record.profile.model_dump(mode="json") == shown["profile"]
    assert record.answers == yaml.safe_load(EXAMPLE_FILE.read_text(encoding="utf-8"))


def test_a_json_answers_file_and_the_text_output(data_dir: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "me.json", answers(symptoms=["felt-in-hamstrings"]))
    result = run("screen", "--answers", str(path))
    assert result.exit_code == 0, result.output
    assert "Safety gate: GO" in flat(result.stdout)
    assert "not a diagnosis" in flat(result.stdout)
    assert "You feel glute exercises mostly in the back of your thighs." in flat(result.stdout)
    assert "questionnaire." not in result.stdout  # reasons without their field paths
    assert "the back of the thighs (hamstrings)" in flat(result.stdout)
    assert flat(result.stdout).endswith(
        "Next: build your program with glutewake plan --minutes 20 (or your own minutes)."
    )
    assert len(stored(data_dir)) == 1


def test_show_prints_the_stored_result_and_takes_no_screening(
    data_dir: Path, tmp_path: Path
) -> None:
    empty = run("screen", "--show")
    assert empty.exit_code == 2
    assert "You have not done the screening yet" in flat(empty.output)
    assert "`glutewake screen`" in empty.output
    path = write(tmp_path, "me.yaml", answers(symptoms=["felt-in-hamstrings"]))
    taken = run("screen", "--answers", str(path), "--json")
    assert taken.exit_code == 0, taken.output
    shown = run("screen", "--show", "--json")  # no wizard: stdin is empty and not asked
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout)["id"] == json.loads(taken.stdout)["id"]
    text = run("screen", "--last")
    assert "Safety gate: GO" in flat(text.stdout)
    assert "Next: build your program with glutewake plan" in flat(text.stdout)
    assert len(stored(data_dir)) == 1
    both = run("screen", "--show", "--history")
    assert both.exit_code == 2 and "choose one of these options" in both.output


def test_bad_input_lists_every_problem_exits_2_and_saves_nothing(
    data_dir: Path, tmp_path: Path
) -> None:
    raw = answers(sitting_hours=30, mood="good")
    raw["self_tests"] = {
        "single_leg_bridge": {"left": {"hold_seconds": -3, "hamstring_cramp": False}}
    }
    del raw["questionnaire"]["training"]
    result = run("screen", "--answers", str(write(tmp_path, "bad.yaml", raw)), "--json")
    assert result.exit_code == 2
    assert result.stdout == ""
    for field in (
        "questionnaire.sitting_hours: must be between 0 and 24",
        "questionnaire.mood: unknown key",
        "questionnaire.training: missing required answer",
        "self_tests.single_leg_bridge.left.hold_seconds: must be between 0 and 600",
    ):
        assert field in flat(result.stderr)
    assert "nothing was saved" in flat(result.stderr)
    assert stored(data_dir) == []


@pytest.mark.parametrize(
    ("name", "text", "words"),
    [
        ("broken.yaml", "red_flags: [\n", "is not valid YAML"),
        ("broken.json", "{", "is not valid JSON"),
    ],
)
def test_unparsable_files_exit_2(
    data_dir: Path, tmp_path: Path, name: str, text: str, words: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = run("screen", "--answers", str(path))
    assert result.exit_code == 2
    assert words in flat(result.stderr)


def test_a_missing_file_exits_2(data_dir: Path, tmp_path: Path) -> None:
    result = run("screen", "--answers", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert "cannot be read" in flat(result.stderr)


def test_a_stop_shows_the_care_message_and_no_scores(data_dir: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "flag.yaml", answers(red_flags=("saddle-numbness",)))
    result = run("screen", "--answers", str(path))
    assert result.exit_code == 0
    assert "Safety gate: STOP" in flat(result.stdout)
    assert "A&E" in flat(result.stdout)
    assert "g-care.glos.nhs.uk" in flat(result.stdout)
    assert "Component scores" not in flat(result.stdout)
    assert "not a diagnosis" in flat(result.stdout)


def test_history_and_compare(data_dir: Path, tmp_path: Path) -> None:
    first = write(
        tmp_path, "first.yaml", answers(sitting_hours=11, desk_job=True, symptoms=["quads-burn"])
    )
    second = write(tmp_path, "second.yaml", answers(sitting_hours=5))
    third = write(tmp_path, "third.yaml", answers(sitting_hours=7))
    for path in (first, second, third):
        assert run("screen", "--answers", str(path)).exit_code == 0

    history = json.loads(run("screen", "--history", "--json").stdout)
    assert [s["id"] for s in history["screenings"]] == [1, 2, 3]
    assert history["disclaimer"] == DISCLAIMER
    assert "Your screenings" in run("screen", "--history").stdout

    latest = json.loads(run("screen", "--compare", "--json").stdout)
    assert (latest["before"]["id"], latest["after"]["id"]) == (2, 3)
    chosen = json.loads(run("screen", "--compare", "1", "2", "--json").stdout)
    changes = {c["field"]: c for c in chosen["changes"]}
    assert changes["sedentary"]["verdict"] == "better"
    assert changes["compensation"]["before"] == "quad"
    text = run("screen", "--compare", "1", "2")
    assert text.exit_code == 0
    for words in ("Sitting load", "results did not change", "not a diagnosis"):
        assert words in flat(text.stdout)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("screen", "--compare", "1", "9"), "There is no screening 9"),
        (("screen", "--compare", "1"), "give two screening ids"),
        (("screen", "--history", "--compare"), "choose one of these options"),
        (("screen", "4", "5"), "only taken with --compare"),
    ],
)
def test_bad_compare_and_option_use(data_dir: Path, args: tuple[str, ...], words: str) -> None:
    assert run("screen", "--answers", str(EXAMPLE_FILE)).exit_code == 0
    result = run(*args)
    assert result.exit_code == 2
    assert words in flat(result.stderr)


def test_compare_needs_two_screenings(data_dir: Path) -> None:
    result = run("screen", "--compare")
    assert result.exit_code == 2
    assert "needs two screenings; 0 stored" in flat(result.stderr)


def test_clearance_is_recorded_for_a_clearance_gated_screening(
    data_dir: Path, tmp_path: Path
) -> None:
    path = write(tmp_path, "surgery.yaml", answers(conditions=["hip-surgery"]))
    shown = run("screen", "--answers", str(path))
    assert "Safety gate: CLEARANCE" in flat(shown.stdout) and "glutewake clearance" in flat(
        shown.stdout
    )
    result = run(
        "clearance", "--by", "Dr Ada Jones, physiotherapist", "--note", "No deep squats", "--json"
    )
    assert result.exit_code == 0, result.output
    recorded = json.loads(result.stdout)
    assert recorded["screening_id"] == 1
    assert recorded["clearance"]["cleared_by"] == "Dr Ada Jones, physiotherapist"
    history = json.loads(run("screen", "--history", "--json").stdout)
    assert history["screenings"][0]["clearance"]["note"] == "No deep squats"
    again = run("clearance", "--by", "Dr Ada Jones")
    assert again.exit_code == 2 and "already recorded" in flat(again.stderr)


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (answers(), "does not need a clearance"),
        (
            answers(red_flags=("fever-with-pain",), conditions=["sciatica"]),
            "a clearance cannot lift it",
        ),
        (None, "not done the screening yet"),
    ],
)
def test_clearance_is_refused_otherwise(
    data_dir: Path, tmp_path: Path, raw: Any, words: str
) -> None:
    if raw is not None:
        assert run("screen", "--answers", str(write(tmp_path, "a.yaml", raw))).exit_code == 0
    result = run("clearance", "--by", "Dr Who")
    assert result.exit_code == 2
    assert words in flat(result.stderr)


def test_clearance_needs_a_name(data_dir: Path, tmp_path: Path) -> None:
    run("screen", "--answers", str(write(tmp_path, "s.yaml", answers(conditions=["sciatica"]))))
    result = run("clearance", "--by", "  ")
    assert result.exit_code == 2
    assert "--by: name the doctor or physiotherapist" in flat(result.stderr)


RED_FLAGS_NO = "\n" * len(DATA.red_flags.flags)
SYMPTOMS = [c.id for c in DATA.question("symptoms").choices]
CONDITIONS_NO = "\n" * len(DATA.question("conditions").choices)


def test_the_wizard_fed_input_saves_a_screening(data_dir: Path) -> None:
    typed = RED_FLAGS_NO
    typed += "30\n9\n2.5\ny\n3\n"  # 30 h is refused and asked again
    typed += "".join(
        "y\n" if s in {"quads-burn", "cannot-tense-glutes"} else "\n" for s in SYMPTOMS
    )
    typed += "n\nn\n" + CONDITIONS_NO + "\n"
    typed += "\n2\n1\n"  # glute squeeze: left faint, right clear
    typed += "s\n" * (len(DATA.self_tests) - 1)
    result = run("screen", stdin=typed)
    assert result.exit_code == 0, result.output
    assert "Must be between 0 and 24" in flat(result.stdout)
    assert "Squeeze one buttock very slowly" in flat(result.stdout)  # the steps are shown
    assert "Safety gate: GO" in flat(result.stdout) and "not a diagnosis" in flat(result.stdout)
    [record] = stored(data_dir)
    assert record.answers["questionnaire"]["training"] == "quad-dominant"
    assert record.answers["self_tests"] == {
        "glute_squeeze": {"left": {"contraction": "faint"}, "right": {"contraction": "clear"}}
    }


def test_the_wizard_with_a_red_flag_stops_and_skips_the_self_tests(data_dir: Path) -> None:
    typed = "y\n" + "\n" * (len(DATA.red_flags.flags) - 1)
    typed += "7\n1\n\n\n" + "\n" * len(SYMPTOMS) + "\n\n" + CONDITIONS_NO + "\n"
    result = run("screen", "--json", stdin=typed)
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert shown["profile"]["gate"] == "stop"
    assert "Seek emergency care now" in flat(result.stderr)  # told at once, not only at the end
    assert "Glute squeeze" not in flat(result.stderr)
    assert stored(data_dir)[0].answers["red_flags"] == [DATA.red_flags.flags[0].id]


def test_a_wizard_stopped_part_way_saves_nothing(data_dir: Path) -> None:
    result = run("screen", stdin=RED_FLAGS_NO + "8\n")
    assert result.exit_code == 2
    assert "nothing was saved" in flat(result.stderr)
    assert stored(data_dir) == []


def test_the_installed_command_exits_2_on_bad_input(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.yaml", answers(sitting_hours=30))
    env = {**os.environ, "GLUTEWAKE_DATA_DIR": str(tmp_path / "data")}
    env.pop("GLUTEWAKE_DATABASE_URL", None)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from glutewake.cli.app import main; main()",
            "screen",
            "--answers",
            str(path),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 2
    assert "questionnaire.sitting_hours" in flat(result.stderr)
    assert not (tmp_path / "data" / "glutewake.db").exists()

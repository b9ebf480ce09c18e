from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from typer.testing import CliRunner

from glutewake.catalogue import default_catalogue
from glutewake.cli.app import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.output


def test_version() -> None:
    code, output = run("--version")
    assert code == 0
    assert output.startswith("glutewake ")


def test_the_list_as_json_holds_every_exercise() -> None:
    code, output = run("exercises", "--json")
    assert code == 0
    rows = json.loads(output)
    assert sorted(r["id"] for r in rows) == default_catalogue().ids


def test_filters_combine() -> None:
    code, output = run("exercises", "--json", "--position", "standing", "--equipment", "none")
    assert code == 0
    rows = json.loads(output)
    assert rows
    assert all(r["position"] == "standing" and r["equipment"] == [] for r in rows)


def test_a_target_filter_keeps_exercises_that_work_that_muscle() -> None:
    code, output = run("exercises", "--json", "--target", "gluteus-medius")
    assert code == 0
    for row in json.loads(output):
        targets = {t.muscle.value for t in default_catalogue().get(row["id"]).targets}
        assert "gluteus-medius" in targets


def test_an_unknown_filter_value_lists_the_valid_choices() -> None:
    result = runner.invoke(app, ["exercises", "--equipment", "trampoline"])
    assert result.exit_code != 0
    assert isinstance(result.exception, Exception)
    assert "Valid choices: none, wall" in getattr(result.exception, "hint", "")


def test_the_table_lists_exercises() -> None:
    code, output = run("exercises", "--category", "isolation")
    assert code == 0
    assert "glute-bridge" in output


def test_show_as_json_has_the_dose_and_citations() -> None:
    code, output = run("exercises", "show", "glute-bridge", "--json")
    assert code == 0
    data = json.loads(output)
    assert data["dose"]["sets"] == 3
    assert "seed-002-glute-amnesia-fix" in data["source_citations"]


def test_show_prints_steps_and_evidence() -> None:
    code, output = run("exercises", "show", "glute-bridge")
    assert code == 0
    assert "Steps" in output
    assert "14.7%" in output


def test_show_writes_the_illustrations(tmp_path: Path) -> None:
    svg, strip = tmp_path / "bridge.svg", tmp_path / "strip.svg"
    code, _ = run("exercises", "show", "glute-bridge", "--svg", str(svg), "--strip", str(strip))
    assert code == 0
    for path in (svg, strip):
        assert ET.parse(path).getroot().tag.endswith("svg")


def test_an_unknown_id_is_an_error_listing_the_ids() -> None:
    result = runner.invoke(app, ["exercises", "show", "moonwalk"])
    assert result.exit_code != 0
    assert "glute-bridge" in getattr(result.exception, "hint", "")

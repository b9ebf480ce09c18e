"""Help speaks plainly: metavars such as N, FILE or YYYY-MM-DD, never Python types."""

from __future__ import annotations

import re

import pytest
import typer.core
import typer.main
from typer.testing import CliRunner

from glutewake.cli.app import create_app

runner = CliRunner()
ROOT = typer.main.get_command(create_app())
# Typer's own labels: <int>, <str>, <bool>, <list[str]>, <path>, {EXERCISE}, [0<=x<=1440].
PROGRAMMER_WORDS = re.compile(r"<(?:int|str|bool|float|path|file|list)[^>]*>|\{[A-Z]+\}|<=x<=")


def command_paths(group: typer.core.TyperGroup, prefix: tuple[str, ...] = ()) -> list[str]:
    found = [" ".join(prefix)]
    for name, command in sorted(group.commands.items()):
        if isinstance(command, typer.core.TyperGroup):
            found += command_paths(command, (*prefix, name))
        else:
            found.append(" ".join((*prefix, name)))
    return found


PATHS = command_paths(ROOT)  # type: ignore[arg-type]


@pytest.mark.parametrize("path", PATHS, ids=[p or "glutewake" for p in PATHS])
def test_help_shows_plain_metavars(path: str) -> None:
    result = runner.invoke(create_app(), [*path.split(), "--help"], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    assert not PROGRAMMER_WORDS.findall(result.output), result.output


def test_flags_show_no_metavar_and_values_show_their_kind() -> None:
    result = runner.invoke(create_app(), ["log", "--help"], env={"COLUMNS": "120"})
    lines = {line.split()[1]: line for line in result.output.splitlines() if "--" in line[:12]}
    assert re.search(r"--json\s{2,}Print", lines["--json"])
    assert re.search(r"--reps\s+N\s", lines["--reps"])
    assert "log [OPTIONS] EXERCISE" in result.output

"""The installed command: errors reach the user as a message with its fix and exit code 2."""

from __future__ import annotations

import importlib
import subprocess
import sys

import typer
import typer.core
import typer.main

from glutewake.cli.app import COMMAND_MODULES


def glutewake(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from glutewake.cli.app import main; main()", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_an_unknown_id_exits_2_with_the_choices() -> None:
    result = glutewake("exercises", "show", "moonwalk")
    assert result.returncode == 2
    assert "Unknown exercise id 'moonwalk'" in result.stderr
    assert "Valid choices:" in result.stderr
    assert "glute-bridge" in result.stderr
    assert result.stdout == ""


def test_each_module_registers_exactly_the_commands_mapped_to_it() -> None:
    for module in sorted(set(COMMAND_MODULES.values())):
        app = typer.Typer()
        app.callback()(lambda: None)
        importlib.import_module(module).register(app)
        group = typer.main.get_command(app)
        assert isinstance(group, typer.core.TyperGroup)
        expected = {command for command, owner in COMMAND_MODULES.items() if owner == module}
        assert set(group.commands) == expected, module


def test_listing_exercises_imports_neither_the_planner_nor_the_store() -> None:
    code = (
        "import sys\n"
        "from glutewake.cli import app\n"
        "sys.argv = ['glutewake', 'exercises', '--json']\n"
        "try:\n"
        "    app.main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('glutewake.programming', 'glutewake.store', 'sqlalchemy', 'fastapi', 'ortools')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stderr.strip() == "[]"
    assert result.stdout.startswith("[")


def test_help_lists_every_command() -> None:
    result = glutewake("--help")
    assert result.returncode == 0
    for command in COMMAND_MODULES:
        assert command in result.stdout

"""Every command and option is documented in docs/cli.md (a lesson from sqlite-utils)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.core
import typer.main

from glutewake.cli.app import create_app

CLI_DOC = (Path(__file__).resolve().parents[2] / "docs" / "cli.md").read_text(encoding="utf-8")


def commands(group: typer.core.TyperGroup, prefix: str) -> Iterator[tuple[str, Any]]:
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        yield path, command
        if isinstance(command, typer.core.TyperGroup):
            yield from commands(command, path)


def options(command: Any) -> list[str]:
    return [
        param.opts[0]
        for param in command.params
        if isinstance(param, typer.core.TyperOption) and not param.hidden
    ]


ROOT = typer.main.get_command(create_app())
assert isinstance(ROOT, typer.core.TyperGroup)
ALL = list(commands(ROOT, "glutewake"))


def test_the_walk_finds_subcommands_and_options() -> None:
    paths = dict(ALL)
    assert "glutewake exercises show" in paths
    assert "glutewake breaks report" in paths
    assert "--svg" in options(paths["glutewake exercises show"])


@pytest.mark.parametrize(("path", "command"), ALL, ids=[path for path, _ in ALL])
def test_every_command_has_a_heading_and_its_options(path: str, command: Any) -> None:
    assert f"## `{path}`" in CLI_DOC, f"docs/cli.md has no section for `{path}`"
    section = CLI_DOC.split(f"## `{path}`", 1)[1].split("\n## ", 1)[0]
    for option in options(command):
        assert option in section, f"`{path}` option {option} is not documented"

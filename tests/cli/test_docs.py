"""Every command and option is documented in docs/cli.md (a lesson from sqlite-utils)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click
import pytest
import typer.main

from glutewake.cli.app import app

CLI_DOC = (Path(__file__).resolve().parents[2] / "docs" / "cli.md").read_text(encoding="utf-8")


def commands(group: click.Group, prefix: str) -> Iterator[tuple[str, click.Command]]:
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        yield path, command
        if isinstance(command, click.Group):
            yield from commands(command, path)


ALL = list(commands(typer.main.get_command(app), "glutewake"))  # type: ignore[arg-type]


def test_there_are_commands() -> None:
    assert len(ALL) >= 2


@pytest.mark.parametrize(("path", "command"), ALL, ids=[path for path, _ in ALL])
def test_every_command_has_a_heading_and_its_options(path: str, command: click.Command) -> None:
    assert f"## `{path}" in CLI_DOC, f"docs/cli.md has no section for `{path}`"
    section = CLI_DOC.split(f"## `{path}", 1)[1].split("\n## ", 1)[0]
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.opts[0] in section, f"`{path}` option {param.opts[0]} is not documented"

"""The ``glutewake`` command. Each area registers its commands from its own module.

Modules keep heavy imports (solver, database, web server) inside the command functions so
that ``glutewake exercises --json`` starts fast.
"""

from __future__ import annotations

import sys

import typer

from glutewake import __version__
from glutewake.cli import breaks, exercises, plan, screen, serve
from glutewake.cli.output import fail
from glutewake.errors import GlutewakeError

app = typer.Typer(
    name="glutewake",
    help="Find and fix glute amnesia: screen, plan, guided sessions and desk breaks.\n\n"
    "glutewake is not a diagnosis; see a professional for one.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"glutewake {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """glutewake's commands."""


for module in (exercises, screen, plan, breaks, serve):
    module.register(app)


def main() -> None:
    try:
        app()
    except GlutewakeError as error:
        fail(error)
        sys.exit(2)

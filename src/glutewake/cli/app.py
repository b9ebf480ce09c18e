"""The ``glutewake`` command. Each area registers its commands from its own module.

A run imports only the module of the command it runs (all of them for ``--help``), so that
``glutewake exercises --json`` does not pay for the planner, the store or the web server; its
plain form is even served before Typer, Rich and the schema load (``cli.fast``), so this module
imports them only inside functions.

:func:`main` is the CLI's one error boundary: a glutewake error, a database failure or a file
that cannot be read or written ends the run with its message, its fix and an exit code
(:func:`exit_codes`), never a traceback.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from glutewake import __version__
from glutewake.cli import fast

if TYPE_CHECKING:
    import typer

    from glutewake.errors import GlutewakeError

# Which module registers each top-level command.
COMMAND_MODULES: dict[str, str] = {
    "exercises": "glutewake.cli.exercises",
    "screen": "glutewake.cli.screen",
    "clearance": "glutewake.cli.screen",
    "retest": "glutewake.cli.retest",
    "plan": "glutewake.cli.plan",
    "today": "glutewake.cli.plan",
    "log": "glutewake.cli.plan",
    "breaks": "glutewake.cli.breaks",
    "serve": "glutewake.cli.serve",
    "db": "glutewake.cli.db",
    "progress": "glutewake.cli.progress",
    "calendar": "glutewake.cli.calendar",
    "handout": "glutewake.cli.handout",
    "export": "glutewake.cli.data",
    "import": "glutewake.cli.data",
    "backup": "glutewake.cli.data",
    "restore": "glutewake.cli.data",
    "forget": "glutewake.cli.data",
    "users": "glutewake.cli.users",
}


def exit_codes() -> tuple[tuple[type[GlutewakeError], int], ...]:
    """Each error class's exit code, the most specific first; any other glutewake error (bad
    input) exits with 2."""
    from glutewake.errors import (
        ConfigurationError,
        DatabaseBusyError,
        GlutewakeError,
        StorageError,
    )

    return ((DatabaseBusyError, 5), (StorageError, 4), (ConfigurationError, 3), (GlutewakeError, 2))


def _show_version(value: bool) -> None:
    import typer

    if value:
        typer.echo(f"glutewake {__version__}")
        raise typer.Exit()


def _add_root(app: typer.Typer) -> None:
    import typer

    @app.callback()
    def _root(
        version: bool = typer.Option(
            False,
            "--version",
            callback=_show_version,
            is_eager=True,
            help="Show the version and exit.",
        ),
    ) -> None:
        """glutewake's commands."""


def create_app(command: str | None = None) -> typer.Typer:
    """The app with ``command``'s module registered, or every module when it is None or unknown."""
    import typer

    from glutewake.cli.plain_help import PlainGroup

    app = typer.Typer(
        name="glutewake",
        cls=PlainGroup,
        help="Find and fix glute amnesia: screen, plan, guided sessions and desk breaks.\n\n"
        "glutewake is not a diagnosis; see a professional for one.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )
    _add_root(app)
    wanted = COMMAND_MODULES.get(command or "")
    for name in sorted(set(COMMAND_MODULES.values())):
        if wanted is None or name == wanted:
            importlib.import_module(name).register(app)
    return app


def command_of(argv: Sequence[str]) -> str | None:
    """The top-level command in the arguments (the first one that is not an option)."""
    return next((arg for arg in argv if not arg.startswith("-")), None)


def __getattr__(name: str) -> typer.Typer:
    # ``app`` with every command, built on first use, for tests and tools that import it.
    if name == "app":
        return create_app()
    raise AttributeError(name)


def exit_code(error: GlutewakeError) -> int:
    return next(code for kind, code in exit_codes() if isinstance(error, kind))


def known_error(error: Exception) -> GlutewakeError | None:
    """The error a person can act on, or None for a bug (which keeps its traceback)."""
    from glutewake.errors import GlutewakeError, StorageError

    if isinstance(error, GlutewakeError):
        return error
    if "sqlalchemy" in sys.modules:  # only a command that opened the store can fail in it
        from glutewake.application.storage import storage_error

        translated = storage_error(error)
        if translated is not None:
            return translated
    if isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        return StorageError(
            f"{where}{error.strerror or error}.",
            hint="Check that the file or folder exists and that you may read and write it.",
        )
    return None


def main() -> None:
    if fast.serve(sys.argv[1:]):
        return
    try:
        create_app(command_of(sys.argv[1:]))()
    except Exception as error:
        known = known_error(error)
        if known is None:
            raise
        from glutewake.cli.output import fail

        fail(known)
        sys.exit(exit_code(known))

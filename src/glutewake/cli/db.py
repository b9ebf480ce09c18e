"""``glutewake db upgrade``: bring the database to the newest schema, under the migration lock.

Every command and ``glutewake serve`` do the same when they start (once per process); this
command makes the step explicit, e.g. after installing a new version or before a backup.
"""

from __future__ import annotations

import typer

from glutewake.cli.output import console, print_json


def register(app: typer.Typer) -> None:
    """Add this module's commands to the glutewake app."""
    group = typer.Typer(help="The database: bring its schema up to date.", no_args_is_help=True)
    group.command("upgrade")(upgrade)
    app.add_typer(group, name="db")


def upgrade(
    as_json: bool = typer.Option(False, "--json", help="Print the revisions as JSON."),
) -> None:
    """Upgrade the database to the newest schema (a no-op when it is there already)."""
    from glutewake.application.storage import upgrade_database

    database, before, head = upgrade_database()
    if as_json:
        print_json({"database": database, "from": before, "to": head})
    elif before == head:
        console.print(f"{database} is at the newest schema ({head}).", highlight=False)
    else:
        console.print(
            f"Upgraded {database} from {before or 'an empty database'} to {head}.",
            highlight=False,
        )

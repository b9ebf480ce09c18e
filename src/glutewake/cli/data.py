"""Your data: ``export`` and ``import`` one person as JSON, ``backup`` and ``restore`` the whole
database, and ``forget`` (delete every record of yours after a typed confirmation)."""

from __future__ import annotations

from pathlib import Path

import typer

from glutewake.cli.output import console


def register(app: typer.Typer) -> None:
    """Add this module's commands to the glutewake app."""
    app.command("export")(export)
    app.command("import")(import_)
    app.command("backup")(backup)
    app.command("restore")(restore)
    app.command("forget")(forget)


def export(
    file: Path = typer.Argument(..., help="Where to write the JSON file ('-': print it)."),
    fhir: bool = typer.Option(
        False, "--fhir", help="Write a FHIR R4 Bundle for a clinic instead (docs/fhir.md)."
    ),
) -> None:
    """Write everything of yours (screenings, clearances, preferences, programs, logs, changes,
    breaks) as one JSON file that `glutewake import` reads back; with --fhir, as a FHIR R4
    Bundle for a clinic."""
    import sys

    from glutewake.application import export as use_case
    from glutewake.application import fhir_export
    from glutewake.cli.work import working

    with working() as work:
        body = fhir_export.export_fhir(work) if fhir else use_case.export_person(work)
    if str(file) == "-":
        sys.stdout.write(body.decode("utf-8"))
        return
    file.write_bytes(body)
    file.chmod(0o600)
    what = "a FHIR R4 Bundle" if fhir else "your records"
    console.print(f"Wrote {what} to {file} ({len(body):,} bytes).")


def import_(file: Path = typer.Argument(..., help="A file written by `glutewake export`.")) -> None:
    """Read an export file into this (empty) store; a bad file changes nothing."""
    from glutewake.application import export as use_case
    from glutewake.cli.work import working

    raw = file.read_bytes()
    with working() as work:
        found = use_case.import_person(work, raw)
    parts = ", ".join(f"{count} {name.replace('_', ' ')}" for name, count in found.counts.items())
    console.print(f"Imported {found.total} records: {parts}.")


def backup(
    file: Path = typer.Argument(..., help="Where to write the copy of the database."),
) -> None:
    """Write a consistent copy of the whole database, even while glutewake is running."""
    from glutewake.application import backup as use_case
    from glutewake.config import get_settings

    found = use_case.backup(get_settings(), file)
    console.print(
        f"Backed up the database to {file}: {found.people} person(s), {found.sets} logged sets."
    )


def restore(
    file: Path = typer.Argument(..., help="A file written by `glutewake backup`."),
    yes: bool = typer.Option(False, "--yes", help="Replace without asking."),
) -> None:
    """Replace the database with a backup, after checking the backup is whole and glutewake's."""
    from glutewake.application import backup as use_case
    from glutewake.config import get_settings

    found = use_case.check(file)
    console.print(
        f"{file} holds {found.people} person(s) and {found.sets} logged sets (schema "
        f"{found.revision})."
    )
    if not yes and not typer.confirm("Replace the database with it?", default=False):
        console.print("Nothing was replaced.")
        raise typer.Exit(1)
    _, kept = use_case.restore(get_settings(), file)
    console.print("Restored." + (f" The database it replaced is kept as {kept}." if kept else ""))


def forget(
    confirm: str | None = typer.Option(
        None, "--confirm", help="The word 'forget', to delete without being asked."
    ),
) -> None:
    """Delete every record of yours from this store, after you type the word 'forget'."""
    from glutewake.application import export as use_case
    from glutewake.cli.work import working

    if confirm is None:
        console.print(
            "This deletes every record of yours (screenings, programs, logs, breaks) for good. "
            "Export them first (`glutewake export FILE`) if you may want them back."
        )
        confirm = typer.prompt(f"Type {use_case.FORGET_WORD} to delete them", default="")
    with working() as work:
        deleted = use_case.forget_person(work, confirm)
    console.print(f"Deleted {deleted} records. Nothing of yours is left in this store.")

"""``glutewake handout --pdf FILE``: the program as a printable PDF, with the progress charts."""

from __future__ import annotations

from pathlib import Path

import typer

from glutewake.cli.output import console


def register(app: typer.Typer) -> None:
    """Add this module's commands to the glutewake app."""
    app.command("handout")(handout)


def handout(
    pdf: Path = typer.Option(..., "--pdf", help="Where to write the PDF."),
) -> None:
    """Write your program as a handout to print: a cover with your screening, each week's
    exercises with their pictures, doses, steps and cues, log sheets to tick, your progress."""
    from glutewake.application import handout as use_case
    from glutewake.cli.work import working

    with working() as work:
        found = use_case.handout_pdf(work)
    pdf.write_bytes(found.data)
    console.print(f"Wrote the handout to {pdf} ({found.pages} pages).")

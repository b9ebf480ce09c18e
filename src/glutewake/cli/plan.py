"""Placeholder until the plan commands land."""

import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to the glutewake app."""

"""Shared steps for the application tests: screenings from the example answers file."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml
from typer.testing import CliRunner

from glutewake.application import App, screening
from glutewake.cli.app import app as cli_app
from glutewake.cli.app import exit_code
from glutewake.config import Settings
from glutewake.errors import GlutewakeError

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "answers.yaml"
GO: dict[str, Any] = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
STOP = {**copy.deepcopy(GO), "red_flags": ["saddle-numbness"]}
CLEARANCE = copy.deepcopy(GO)
CLEARANCE["questionnaire"]["conditions"] = ["sciatica"]
runner = CliRunner()


def take(settings: Settings, answers: dict[str, Any]) -> None:
    application = App.open(settings)
    try:
        with application.work() as work:
            screening.take(work, answers)
    finally:
        application.close()


def clear(settings: Settings, note: str = "avoid heavy loading", *limits: str) -> None:
    application = App.open(settings)
    try:
        with application.work() as work:
            screening.record_clearance(work, "Dr Lee, physiotherapist", note, limits)
    finally:
        application.close()


def cli(*args: str) -> tuple[int, str]:
    """Run a command as `glutewake` would: a glutewake error exits with its code and words."""
    result = runner.invoke(cli_app, list(args))
    if isinstance(result.exception, GlutewakeError):
        error = result.exception
        return exit_code(error), f"{result.output}{error} {error.hint}"
    return result.exit_code, result.output

"""How the CLI prints: JSON for machines, Rich for people, errors with their fix."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console
from rich.markup import escape

from glutewake.errors import GlutewakeError

console = Console()
error_console = Console(stderr=True)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def fail(error: GlutewakeError) -> None:
    error_console.print(f"[bold red]Error:[/] {escape(str(error))}", highlight=False)
    if error.hint:
        error_console.print(f"[yellow]{escape(error.hint)}[/]", highlight=False)

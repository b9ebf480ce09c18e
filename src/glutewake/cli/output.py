"""How the CLI prints: JSON for machines, Rich for people, errors with their fix."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console
from rich.markup import escape

from glutewake.errors import GlutewakeError
from glutewake.safe_load import excerpt

console = Console()
error_console = Console(stderr=True)
# An error quotes what it was given; a huge input must not become a huge message.
MAX_ERROR_LINES = 40
MAX_LINE_CHARS = 300


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def bounded(message: str) -> str:
    """The message with each line and the number of lines cut to a readable size."""
    lines = message.splitlines() or [""]
    kept = [excerpt(line, MAX_LINE_CHARS) for line in lines[:MAX_ERROR_LINES]]
    if len(lines) > MAX_ERROR_LINES:
        kept.append(f"  ... and {len(lines) - MAX_ERROR_LINES} more lines")
    return "\n".join(kept)


def fail(error: GlutewakeError) -> None:
    error_console.print(f"[bold red]Error:[/] {escape(bounded(str(error)))}", highlight=False)
    if error.hint:
        error_console.print(f"[yellow]{escape(bounded(error.hint))}[/]", highlight=False)

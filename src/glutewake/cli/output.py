"""How the CLI prints: JSON for machines, Rich for people, errors with their fix."""

from __future__ import annotations

import json
import sys
import textwrap
from datetime import date
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
# A hint is ours, not a quote, but it may list choices: every valid exercise id fits.
MAX_HINT_LINE_CHARS = 3000


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def bounded(message: str, line_chars: int = MAX_LINE_CHARS) -> str:
    """The message with each line and the number of lines cut to a readable size."""
    lines = message.splitlines() or [""]
    kept = [excerpt(line, line_chars) for line in lines[:MAX_ERROR_LINES]]
    if len(lines) > MAX_ERROR_LINES:
        kept.append(f"  ... and {len(lines) - MAX_ERROR_LINES} more lines")
    return "\n".join(kept)


def fail(error: GlutewakeError) -> None:
    error_console.print(f"[bold red]Error:[/] {escape(bounded(str(error)))}", highlight=False)
    if error.hint:
        error_console.print(
            f"[yellow]{escape(bounded(error.hint, MAX_HINT_LINE_CHARS))}[/]", highlight=False
        )


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 set``, ``2 sets``; ``many`` where the plural is not ``word + "s"``."""
    return f"{count} {word if count == 1 else many or word + 's'}"


def day_text(day: date, today: date, weekday: bool = True) -> str:
    """``Mon 7 Dec``, with the year when it is not this year's: ``Fri 1 Jan 2027``."""
    text = f"{day:%a} {day.day} {day:%b}" if weekday else f"{day.day} {day:%b}"
    return text if day.year == today.year else f"{text} {day.year}"


def say(text: str, first: str = "", rest: str | None = None) -> None:
    """Print ``text`` as prose wrapped at the console's width (at most 100 columns): the first
    line starts with ``first``, the others with ``rest`` (spaces as wide as ``first``). Each
    leading newline of ``text`` is a blank line before it."""
    for _ in range(len(text) - len(text.lstrip("\n"))):
        console.print()
    columns = min(console.width, 100)
    rest = " " * len(first) if rest is None else rest
    filled = textwrap.fill(
        text.lstrip("\n"),
        columns,
        initial_indent=first,
        subsequent_indent=rest,
        break_on_hyphens=False,  # ids and commands stay whole, to copy
        break_long_words=False,
    )
    console.print(escape(filled), highlight=False, soft_wrap=True)

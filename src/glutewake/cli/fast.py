"""``glutewake exercises --json`` (with any filters) served before Typer, Rich or pydantic load.

Those imports cost a cold run more than its 200 ms aim, and the list only reads the shipped
catalogue index (``catalogue.listing``). Only the plain form is served here: ``exercises``,
``--json`` once, and each filter at most once as ``--option value`` or ``--option=value``.
Anything else (help, a subcommand, an unknown or repeated option, a value that is not a
valid choice, a stale index) returns False, and the full command line handles it, with its
errors and their fixes. The output is byte for byte what the full path prints.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

TEXT_FILTERS = ("--equipment", "--target", "--position", "--category")


def _parse(argv: Sequence[str]) -> dict[str, Any] | None:
    """The filters of a plain ``exercises --json`` command line, or None."""
    if not argv or argv[0] != "exercises":
        return None
    given: dict[str, str] = {}
    flags = 0
    rest = list(argv[1:])
    while rest:
        arg = rest.pop(0)
        if arg == "--json":
            flags += 1
            continue
        name, equals, value = arg.partition("=")
        if name not in (*TEXT_FILTERS, "--level") or name in given:
            return None
        if not equals:
            if not rest:
                return None
            value = rest.pop(0)
        if not value or value.startswith("-"):
            return None
        given[name] = value
    level = given.pop("--level", None)
    if flags != 1 or (level is not None and not (level.isascii() and level.isdigit())):
        return None
    filters: dict[str, Any] = {name.removeprefix("--"): value for name, value in given.items()}
    if level is not None:
        filters["level"] = int(level)
    return filters


def serve(argv: Sequence[str]) -> bool:
    """Print the list for a plain ``exercises --json`` command line; False if not served."""
    filters = _parse(argv)
    if filters is None:
        return False
    from glutewake.catalogue.listing import listed

    try:
        rows = listed(**filters)
    except (OSError, ValueError, KeyError, TypeError):  # any doubt: the full path decides
        return False
    if rows is None:
        return False
    sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False, default=str) + "\n")
    return True

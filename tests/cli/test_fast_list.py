"""`glutewake exercises --json` served from the index prints exactly what the full path prints,
loads neither Typer, Rich nor the schema, and leaves everything else to the full path."""

from __future__ import annotations

import subprocess
import sys

import pytest

from glutewake.cli.fast import _parse

FULL = (
    "import sys\n"
    "from glutewake.cli.app import create_app\n"
    "sys.argv = ['glutewake', *sys.argv[1:]]\n"
    "create_app('exercises')()\n"
)
FAST = (
    "import sys\n"
    "from glutewake.cli.app import main\n"
    "main()\n"
    "heavy = ('typer', 'rich', 'pydantic', 'yaml', 'glutewake.catalogue.schema')\n"
    "print(sorted(m for m in sys.modules if m.startswith(heavy)), file=sys.stderr)\n"
)


def run(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True
    )


@pytest.mark.parametrize(
    "args",
    [
        ("exercises", "--json"),
        ("exercises", "--json", "--level", "2"),
        ("exercises", "--target=gluteus-medius", "--json", "--equipment", "none"),
        ("exercises", "--position", "standing", "--category", "activation", "--json"),
        ("exercises", "--json", "--equipment", "mini-band"),
    ],
)
def test_the_fast_list_equals_the_full_path_and_loads_nothing_heavy(args: tuple[str, ...]) -> None:
    fast = run(FAST, *args)
    assert fast.stdout == run(FULL, *args).stdout
    assert fast.stdout.startswith("[")
    assert fast.stderr.strip() == "[]"


@pytest.mark.parametrize(
    "args",
    [
        ("exercises",),  # the table, for people
        ("exercises", "--json", "--json"),
        ("exercises", "--json", "--level", "two"),
        ("exercises", "--json", "--level", "1", "--level", "2"),
        ("exercises", "--json", "--equipment"),
        ("exercises", "--json", "--equipment", ""),
        ("exercises", "--json", "--help"),
        ("exercises", "show", "glute-bridge", "--json"),
        ("plan", "--json"),
    ],
)
def test_anything_but_the_plain_form_goes_the_full_path(args: tuple[str, ...]) -> None:
    assert _parse(args) is None


def test_an_invalid_choice_still_gets_the_full_paths_error() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from glutewake.cli.app import main; main()",
            *("exercises", "--json", "--equipment", "trampoline"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "Valid choices: none, wall" in result.stderr
    assert result.stdout == ""

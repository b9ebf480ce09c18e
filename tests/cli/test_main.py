"""The installed command: errors reach the user as a message with its fix and exit code 2."""

from __future__ import annotations

import subprocess
import sys


def glutewake(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from glutewake.cli.app import main; main()", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_an_unknown_id_exits_2_with_the_choices() -> None:
    result = glutewake("exercises", "show", "moonwalk")
    assert result.returncode == 2
    assert "Unknown exercise id 'moonwalk'" in result.stderr
    assert "Valid choices:" in result.stderr
    assert "glute-bridge" in result.stderr
    assert result.stdout == ""

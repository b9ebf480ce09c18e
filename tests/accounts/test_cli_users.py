"""`glutewake users` and `glutewake serve`'s refusals, run as real processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from glutewake.cli.serve import is_loopback

GLUTEWAKE = [sys.executable, "-c", "from glutewake.cli.app import main; main()"]
PASSWORD = "correct horse battery staple"


def run(
    data_dir: Path, *args: str, stdin: str = "", **env: str
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "GLUTEWAKE_DATA_DIR": str(data_dir), **env}
    environment.pop("GLUTEWAKE_DATABASE_URL", None)
    environment.pop("GLUTEWAKE_ACCOUNTS", None)
    environment.update(env)
    return subprocess.run(
        [*GLUTEWAKE, *args], env=environment, input=stdin, capture_output=True, text=True
    )


def test_an_admin_adds_a_coach_invites_a_client_lists_and_revokes(tmp_path: Path) -> None:
    added = run(
        tmp_path,
        "users",
        "add",
        "--coach",
        "Coach@Example.org",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    assert added.returncode == 0, added.stderr
    assert "Added the coach coach@example.org." in added.stdout
    twice = run(
        tmp_path,
        "users",
        "add",
        "--coach",
        "coach@example.org",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    assert twice.returncode == 2
    assert "There is an account for coach@example.org already." in twice.stderr
    short = run(
        tmp_path, "users", "add", "--coach", "b@example.org", "--password-stdin", stdin="short\n"
    )
    assert short.returncode == 2
    assert "at least 10 characters" in short.stderr
    invited = run(
        tmp_path,
        "users",
        "invite",
        "ana@example.org",
        "--coach",
        "coach@example.org",
        "--url",
        "https://gw.example.org/",
        "--json",
    )
    assert invited.returncode == 0, invited.stderr
    link = json.loads(invited.stdout)["link"]
    assert link.startswith("https://gw.example.org/invite/")
    assert len(link.rsplit("/", 1)[1]) >= 43
    listed = run(tmp_path, "users", "list", "--json")
    assert [(a["email"], a["role"]) for a in json.loads(listed.stdout)] == [
        ("coach@example.org", "coach")
    ]  # the client has an account once they accept
    revoked = run(tmp_path, "users", "revoke", "coach@example.org", "--disable")
    assert revoked.returncode == 0, revoked.stderr
    assert "Ended 0 session(s) of coach@example.org; the account is disabled." in revoked.stdout
    assert json.loads(run(tmp_path, "users", "list", "--json").stdout)[0]["disabled"] is True
    unknown = run(tmp_path, "users", "revoke", "nobody@example.org")
    assert unknown.returncode == 2


def test_an_invite_for_an_unknown_coach_is_refused(tmp_path: Path) -> None:
    result = run(tmp_path, "users", "invite", "ana@example.org", "--coach", "no@example.org")
    assert result.returncode == 2
    assert "There is no coach account for no@example.org." in result.stderr


def test_serving_beyond_this_computer_without_accounts_is_refused(tmp_path: Path) -> None:
    for host in ("0.0.0.0", "192.168.1.5", "::", "mypc.local"):
        result = run(tmp_path, "serve", "--host", host)
        assert result.returncode == 3, result.stderr
        assert f"glutewake does not serve on {host} without accounts" in result.stderr
        assert "GLUTEWAKE_ACCOUNTS=on" in result.stderr
    assert not (tmp_path / "glutewake.db").exists()  # refused before anything opened


def test_several_workers_need_postgresql(tmp_path: Path) -> None:
    result = run(tmp_path, "serve", "--workers", "2")
    assert result.returncode == 3
    assert "--workers 2 needs a PostgreSQL database; this one is sqlite" in result.stderr


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("10.0.0.2", False),
        ("example.org", False),
    ],
)
def test_loopback_addresses(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback

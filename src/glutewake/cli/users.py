"""``glutewake users``: the administrator's commands for coach mode's accounts.

``add --coach`` makes a coach account, ``invite`` prints a single-use link for a coach's new
client, ``list`` shows the accounts, ``revoke`` ends an account's sessions (and can disable
it). They work on the configured database whether or not GLUTEWAKE_ACCOUNTS is on yet.
"""

from __future__ import annotations

import sys

import typer

from glutewake.cli.output import console, print_json


def register(app: typer.Typer) -> None:
    """Add this module's commands to the glutewake app."""
    group = typer.Typer(
        help="Coach mode's accounts: add a coach, invite a client, list, revoke.",
        no_args_is_help=True,
    )
    group.command("add")(add)
    group.command("invite")(invite)
    group.command("list")(list_accounts)
    group.command("revoke")(revoke)
    app.add_typer(group, name="users")


def read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return password


def add(
    coach: str = typer.Option(..., "--coach", metavar="EMAIL", help="The coach's e-mail address."),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from the first line of stdin."
    ),
) -> None:
    """Add a coach account (asks for the password twice)."""
    from glutewake.application import accounts
    from glutewake.cli.work import working

    password = read_password(password_stdin)
    with working() as work:
        account = accounts.add_coach(work, coach, password)
    console.print(f"Added the coach {account.email}.", highlight=False)


def invite(
    email: str = typer.Argument(..., metavar="EMAIL", help="The new client's e-mail address."),
    coach: str = typer.Option(..., "--coach", metavar="EMAIL", help="Their coach's e-mail."),
    url: str = typer.Option(
        "http://127.0.0.1:8000", "--url", help="The address clients open glutewake at."
    ),
    local_person: bool = typer.Option(
        False,
        "--local-person",
        help="Give the client this database's solo records (its person and history).",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the invite as JSON."),
) -> None:
    """Print a single-use invite link for a coach's new client (valid GLUTEWAKE_INVITE_DAYS)."""
    from glutewake.application import accounts
    from glutewake.cli.work import working
    from glutewake.config import get_settings

    with working() as work:
        made = accounts.invite_for_coach(
            work, coach, email, get_settings().invite_days, local_person=local_person
        )
    link = url.rstrip("/") + made.path
    if as_json:
        print_json({"email": made.email, "link": link, "expires_at": made.expires_at})
        return
    console.print(
        f"Invite for {made.email} (works once, until {made.expires_at:%Y-%m-%d %H:%M} UTC):"
    )
    console.print(link, highlight=False, soft_wrap=True)


def list_accounts(
    as_json: bool = typer.Option(False, "--json", help="Print the accounts as JSON."),
) -> None:
    """List the accounts: e-mail, role, since when, disabled or not."""
    from glutewake.application import accounts
    from glutewake.cli.work import working

    with working() as work:
        found = accounts.list_accounts(work)
    rows = [
        {
            "email": account.email,
            "role": account.role,
            "created_at": account.created_at,
            "disabled": account.disabled_at is not None,
        }
        for account in found
    ]
    if as_json:
        print_json(rows)
        return
    if not rows:
        console.print("No accounts yet: add a coach with `glutewake users add --coach EMAIL`.")
    for row in rows:
        state = " (disabled)" if row["disabled"] else ""
        console.print(f"{row['role']:<7} {row['email']}{state}", highlight=False)


def revoke(
    email: str = typer.Argument(..., metavar="EMAIL", help="The account's e-mail address."),
    disable: bool = typer.Option(
        False, "--disable", help="Also refuse this account's logins from now on."
    ),
) -> None:
    """End every login session of an account (e.g. a lost phone)."""
    from glutewake.application import accounts
    from glutewake.cli.work import working

    with working() as work:
        ended = accounts.revoke(work, email, disable=disable)
    suffix = "; the account is disabled" if disable else ""
    console.print(f"Ended {ended} session(s) of {email.strip().lower()}{suffix}.", highlight=False)

"""Coach mode's accounts: add a coach, invite a client, accept an invite, log in and out, revoke.

Passwords are hashed with argon2id (pwdlib). A login session and an invite are each a random
token (``secrets.token_urlsafe(32)``) that only its holder knows: the store keeps its SHA-256
digest, so a copy of the database opens no session. The session's CSRF token is derived from
its token the same way, so it needs no secret setting and no column of its own.

These flows touch no person's records but the new client's empty person; they run in any
unit of work (the CLI's and the login page's are the local scope's).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from glutewake.application.context import Work
from glutewake.errors import (
    AccessDeniedError,
    ConflictError,
    FieldProblem,
    InvalidInputError,
    NotFoundError,
)
from glutewake.store import accounts as store
from glutewake.store.accounts import AccountRecord

SESSION_DAYS = 14
INVITE_DAYS = 7
MIN_PASSWORD = 10
MAX_PASSWORD = 1024  # argon2 takes any length; this bounds the work one request can ask for
EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s]{1,189}\.[^@\s.]{2,63}")
WRONG_LOGIN = "The e-mail address or the password is wrong."
WRONG_LOGIN_HINT = "Check both and try again; your coach can send a new invite if you forgot."


class LoginFailedError(AccessDeniedError):
    """The e-mail address or the password is wrong, or the account is disabled."""


@dataclass(frozen=True)
class NewSession:
    """What the browser keeps (``token``, in the cookie) and when the session ends."""

    token: str
    account: AccountRecord
    expires_at: datetime

    @property
    def csrf_token(self) -> str:
        return csrf_token_for(self.token)


@dataclass(frozen=True)
class Invitation:
    token: str
    person_id: int
    email: str
    expires_at: datetime

    @property
    def path(self) -> str:
        """Where the client opens it, on this app's address: ``/invite/TOKEN``."""
        return f"/invite/{self.token}"


@lru_cache(maxsize=1)
def _hasher() -> PasswordHash:
    return PasswordHash((Argon2Hasher(),))


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """Checked against when the account is unknown, so a wrong e-mail takes as long."""
    return _hasher().hash(secrets.token_urlsafe(16))


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    try:
        matches = _hasher().verify(password, password_hash or _dummy_hash())
    except ValueError:  # not a hash pwdlib knows (a damaged row): no match
        return False
    return matches and password_hash is not None


def digest(token: str) -> str:
    """The SHA-256 hex digest the store keeps instead of the token."""
    return hashlib.sha256(token.encode()).hexdigest()


def csrf_token_for(session_token: str) -> str:
    return hashlib.sha256(b"csrf:" + session_token.encode()).hexdigest()


def csrf_matches(session_token: str, sent: str) -> bool:
    return hmac.compare_digest(csrf_token_for(session_token).encode(), sent.encode())


def new_token() -> str:
    return secrets.token_urlsafe(32)


def normal_email(email: str, field: str = "email") -> str:
    email = email.strip().lower()
    if len(email) > 254 or not EMAIL.fullmatch(email):
        raise InvalidInputError(
            "account", [FieldProblem(field, "give an e-mail address, e.g. name@example.org")]
        )
    return email


def check_password(password: str, again: str | None = None) -> None:
    problems = []
    if len(password) < MIN_PASSWORD:
        problems.append(FieldProblem("password", f"use at least {MIN_PASSWORD} characters"))
    elif len(password) > MAX_PASSWORD:
        problems.append(FieldProblem("password", f"use at most {MAX_PASSWORD} characters"))
    if again is not None and again != password:
        problems.append(FieldProblem("password_again", "the two passwords differ"))
    if problems:
        raise InvalidInputError("password", problems)


def _refuse_taken(work: Work, email: str) -> None:
    if store.account_by_email(work.db, email) is not None:
        raise ConflictError(
            f"There is an account for {email} already.",
            hint="Use another e-mail address, or `glutewake users list` to see the accounts.",
        )


def add_coach(work: Work, email: str, password: str) -> AccountRecord:
    """A coach account (``glutewake users add --coach``)."""
    email = normal_email(email)
    check_password(password)
    _refuse_taken(work, email)
    return store.add_account(work.db, email, "coach", work.clock.now(), hash_password(password))


def list_accounts(work: Work) -> list[AccountRecord]:
    return store.accounts(work.db)


def invite_client(work: Work, email: str, days: int = INVITE_DAYS) -> Invitation:
    """A single-use link for a new client of the scope's coach, valid ``days`` days.

    The client's person is made now (the coach can look at it before the invite is
    accepted) and linked to the coach.
    """
    coach_id = work.scope.account_id
    if work.scope.role != "coach" or coach_id is None or work.scope.read_only:
        raise AccessDeniedError(
            "Only a coach can invite a client.", hint="Log in with your coach account."
        )
    return _invite(work, coach_id, email, days, None)


def invite_for_coach(
    work: Work, coach_email: str, email: str, days: int = INVITE_DAYS, *, local_person: bool = False
) -> Invitation:
    """An invite made by the administrator (the CLI) for a coach's new client.

    With ``local_person`` the client's records are the local person's (a solo database
    that turns into coach mode keeps its person and history for them).
    """
    coach = store.account_by_email(work.db, normal_email(coach_email, "coach"))
    if coach is None or coach.role != "coach":
        raise NotFoundError(
            f"There is no coach account for {coach_email.strip().lower()}.",
            hint="Add it with `glutewake users add --coach EMAIL`; `glutewake users list` "
            "shows the accounts.",
        )
    person_id = None
    if local_person:
        person_id = work.scope.person_id
        if store.account_for_person(work.db, person_id) is not None:
            raise ConflictError(
                "The local person's records belong to an account already.",
                hint="Leave out --local-person to invite a new client.",
            )
    return _invite(work, coach.id, email, days, person_id)


def _invite(work: Work, coach_id: int, email: str, days: int, person_id: int | None) -> Invitation:
    email = normal_email(email)
    _refuse_taken(work, email)
    now = work.clock.now()
    token = new_token()
    if person_id is None:
        person_id = store.add_person(work.db, email.split("@")[0][:120], now)
    store.link_client(work.db, coach_id, person_id)
    expires_at = now + timedelta(days=days)
    store.add_invite(work.db, coach_id, person_id, email, digest(token), now, expires_at)
    return Invitation(token, person_id, email, expires_at)


def open_invite(work: Work, token: str) -> store.InviteRecord:
    """The invite of this token if it can still be accepted; else the error that says why."""
    invite = store.invite_by_token(work.db, digest(token), for_update=True)
    if invite is None:
        raise NotFoundError(
            "This invite link is not known.",
            hint="Check that the whole link was copied, or ask your coach for a new one.",
        )
    if invite.used_at is not None:
        raise ConflictError(
            "This invite link was used already: it works once.",
            hint="Log in with the e-mail address and password you chose (/login).",
        )
    if invite.expires_at <= work.clock.now():
        raise ConflictError(
            f"This invite link expired on {invite.expires_at:%Y-%m-%d %H:%M} UTC.",
            hint="Ask your coach for a new invite link.",
        )
    return invite


def accept_invite(
    work: Work, token: str, password: str, again: str, days: int = SESSION_DAYS
) -> NewSession:
    """The client's account, with the password they chose, and a first login session."""
    invite = open_invite(work, token)
    check_password(password, again)
    _refuse_taken(work, invite.email)
    if store.account_for_person(work.db, invite.person_id) is not None:
        raise ConflictError(
            "These records belong to an account already: the invite cannot be used.",
            hint="Ask your coach for a new invite link.",
        )
    now = work.clock.now()
    if not store.use_invite(work.db, invite.id, now):
        raise ConflictError(
            "This invite link was used already: it works once.",
            hint="Log in with the e-mail address and password you chose (/login).",
        )
    account = store.add_account(
        work.db, invite.email, "client", now, hash_password(password), invite.person_id
    )
    return _start_session(work, account, days)


def _start_session(work: Work, account: AccountRecord, days: int = SESSION_DAYS) -> NewSession:
    token = new_token()
    now = work.clock.now()
    expires_at = now + timedelta(days=days)
    store.add_session(work.db, account.id, digest(token), now, expires_at)
    return NewSession(token, account, expires_at)


def log_in(work: Work, email: str, password: str, days: int = SESSION_DAYS) -> NewSession:
    """A new session for the account whose password this is; LoginFailedError otherwise."""
    account = store.account_by_email(work.db, email.strip().lower()[:254])
    password_hash = None if account is None else store.password_hash_of(work.db, account.id)
    if not verify_password(password[:MAX_PASSWORD], password_hash):
        raise LoginFailedError(WRONG_LOGIN, WRONG_LOGIN_HINT)
    assert account is not None
    if account.disabled_at is not None:
        raise LoginFailedError(WRONG_LOGIN, WRONG_LOGIN_HINT)
    return _start_session(work, account, days)


def account_of_session(work: Work, token: str) -> AccountRecord | None:
    """The account of a live session token (None: unknown, expired, revoked or disabled)."""
    return store.account_of_session(work.db, digest(token), work.clock.now())


def log_out(work: Work, token: str) -> None:
    store.revoke_session(work.db, digest(token), work.clock.now())


def revoke(work: Work, email: str, *, disable: bool = False) -> int:
    """End every session of the account (and with ``disable``, refuse its logins from now on)."""
    account = store.account_by_email(work.db, normal_email(email))
    if account is None:
        raise NotFoundError(
            f"There is no account for {email.strip().lower()}.",
            hint="`glutewake users list` shows the accounts.",
        )
    now = work.clock.now()
    if disable:
        store.disable_account(work.db, account.id, now)
    return store.revoke_sessions_of(work.db, account.id, now)

"""Reads and writes of accounts, login sessions, invites and coach-client links.

Tokens come in already hashed (``token_hash``): the store never sees a token itself.
Records are plain frozen values; times are UTC without a zone, as everywhere in the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import MetaData, delete, event, select, update
from sqlalchemy.orm import ORMExecuteState, Session

from glutewake.errors import AccessDeniedError
from glutewake.store import models, people
from glutewake.store.account_models import Account, AuthSession, CoachClient, Invite
from glutewake.store.people import table_of


@dataclass(frozen=True)
class AccountRecord:
    id: int
    email: str
    role: str
    person_id: int | None
    created_at: datetime
    disabled_at: datetime | None
    has_password: bool


@dataclass(frozen=True)
class InviteRecord:
    id: int
    coach_account_id: int
    person_id: int
    email: str
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None


def _account(row: Account) -> AccountRecord:
    return AccountRecord(
        id=row.id,
        email=row.email,
        role=row.role,
        person_id=row.person_id,
        created_at=row.created_at,
        disabled_at=row.disabled_at,
        has_password=row.password_hash is not None,
    )


def _invite(row: Invite) -> InviteRecord:
    return InviteRecord(
        id=row.id,
        coach_account_id=row.coach_account_id,
        person_id=row.person_id,
        email=row.email,
        created_at=row.created_at,
        expires_at=row.expires_at,
        used_at=row.used_at,
    )


# --- accounts ---------------------------------------------------------------------------------


def add_account(
    session: Session,
    email: str,
    role: str,
    now: datetime,
    password_hash: str | None = None,
    person_id: int | None = None,
) -> AccountRecord:
    row = Account(
        email=email.lower(),
        role=role,
        password_hash=password_hash,
        person_id=person_id,
        created_at=now,
    )
    session.add(row)
    session.flush()
    return _account(row)


def account_by_email(session: Session, email: str) -> AccountRecord | None:
    row = session.scalars(select(Account).where(Account.email == email.lower())).first()
    return None if row is None else _account(row)


def account_by_id(session: Session, account_id: int) -> AccountRecord | None:
    row = session.get(Account, account_id)
    return None if row is None else _account(row)


def account_for_person(session: Session, person_id: int) -> AccountRecord | None:
    row = session.scalars(select(Account).where(Account.person_id == person_id)).first()
    return None if row is None else _account(row)


def password_hash_of(session: Session, account_id: int) -> str | None:
    row = session.get(Account, account_id)
    return None if row is None else row.password_hash


def set_password_hash(session: Session, account_id: int, password_hash: str) -> None:
    session.execute(
        update(Account).where(Account.id == account_id).values(password_hash=password_hash)
    )


def accounts(session: Session) -> list[AccountRecord]:
    rows = session.scalars(select(Account).order_by(Account.role, Account.email))
    return [_account(row) for row in rows]


def add_person(session: Session, name: str, now: datetime) -> int:
    """A new person (a client's records), not the local user of this installation."""
    row = models.Person(name=name, is_local_user=False, created_at=now)
    session.add(row)
    session.flush()
    return row.id


# --- login sessions ---------------------------------------------------------------------------


def add_session(
    session: Session, account_id: int, token_hash: str, now: datetime, expires_at: datetime
) -> int:
    row = AuthSession(
        token_hash=token_hash, account_id=account_id, created_at=now, expires_at=expires_at
    )
    session.add(row)
    session.flush()
    return row.id


def account_of_session(session: Session, token_hash: str, now: datetime) -> AccountRecord | None:
    """The account a live session belongs to: not revoked, not expired, account not disabled."""
    row = session.scalars(
        select(Account)
        .join(AuthSession, AuthSession.account_id == Account.id)
        .where(
            AuthSession.token_hash == token_hash,
            AuthSession.revoked_at.is_(None),
            AuthSession.expires_at > now,
            Account.disabled_at.is_(None),
        )
    ).first()
    return None if row is None else _account(row)


def revoke_session(session: Session, token_hash: str, now: datetime) -> bool:
    result: Any = session.execute(
        update(AuthSession)
        .where(AuthSession.token_hash == token_hash, AuthSession.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    return bool(result.rowcount)


def revoke_sessions_of(session: Session, account_id: int, now: datetime) -> int:
    result: Any = session.execute(
        update(AuthSession)
        .where(AuthSession.account_id == account_id, AuthSession.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    return int(result.rowcount)


def disable_account(session: Session, account_id: int, now: datetime) -> None:
    session.execute(update(Account).where(Account.id == account_id).values(disabled_at=now))


# --- invites and coach-client links -----------------------------------------------------------


def add_invite(
    session: Session,
    coach_account_id: int,
    person_id: int,
    email: str,
    token_hash: str,
    now: datetime,
    expires_at: datetime,
) -> InviteRecord:
    row = Invite(
        token_hash=token_hash,
        coach_account_id=coach_account_id,
        person_id=person_id,
        email=email.lower(),
        created_at=now,
        expires_at=expires_at,
    )
    session.add(row)
    session.flush()
    return _invite(row)


def invite_by_token(
    session: Session, token_hash: str, *, for_update: bool = False
) -> InviteRecord | None:
    query = select(Invite).where(Invite.token_hash == token_hash)
    if for_update:
        query = query.with_for_update()
    row = session.scalars(query).first()
    return None if row is None else _invite(row)


def use_invite(session: Session, invite_id: int, now: datetime) -> bool:
    """Mark the invite used; False when it was used already (by a request racing this one)."""
    result: Any = session.execute(
        update(Invite).where(Invite.id == invite_id, Invite.used_at.is_(None)).values(used_at=now)
    )
    return bool(result.rowcount)


def link_client(session: Session, coach_account_id: int, person_id: int) -> None:
    if session.get(CoachClient, (coach_account_id, person_id)) is None:
        session.add(CoachClient(coach_account_id=coach_account_id, person_id=person_id))
        session.flush()


def coaches_client(session: Session, coach_account_id: int, person_id: int) -> bool:
    return session.get(CoachClient, (coach_account_id, person_id)) is not None


def clients_of(session: Session, coach_account_id: int) -> list[int]:
    """The person ids of a coach's clients, in the order they were added (by person id)."""
    return list(
        session.scalars(
            select(CoachClient.person_id)
            .where(CoachClient.coach_account_id == coach_account_id)
            .order_by(CoachClient.person_id)
        )
    )


# --- forgetting a person ---------------------------------------------------------------------


def forget_person_links(session: Session, person_id: int) -> int:
    """Delete the account whose records these are (with its sessions), the person's invites,
    coach links and every other row naming the person outside their own records (those are
    ``people.delete_person``'s). The tables are read from the database itself, so a table
    added later (a coach's notes) goes too. How many rows went."""
    accounts_of_person = select(Account.id).where(Account.person_id == person_id)
    result: Any = session.execute(
        delete(AuthSession).where(AuthSession.account_id.in_(accounts_of_person))
    )
    deleted = int(result.rowcount)
    own = {"person"} | {table_of(model).name for model, _ in people.TABLES.values()}
    own |= {table_of(model).name for model in people.DOCUMENTS.values()}
    schema = MetaData()
    schema.reflect(bind=session.connection())
    for table in reversed(schema.sorted_tables):
        if table.name not in own and "person_id" in table.c:
            result = session.execute(table.delete().where(table.c.person_id == person_id))
            deleted += int(result.rowcount)
    return deleted


# --- read-only units of work ------------------------------------------------------------------

READ_ONLY_MESSAGE = "This is a read-only view of the client's records; nothing was changed."
READ_ONLY_HINT = "Leave the client view to change something from your own coach pages."


def refuse_writes(session: Session) -> None:
    """From now on, any insert, update or delete through ``session`` raises AccessDeniedError."""

    def before_flush(flushing: Session, *_: Any) -> None:
        if flushing.new or flushing.dirty or flushing.deleted:
            raise AccessDeniedError(READ_ONLY_MESSAGE, READ_ONLY_HINT)

    def before_execute(state: ORMExecuteState) -> None:
        if state.is_insert or state.is_update or state.is_delete:
            raise AccessDeniedError(READ_ONLY_MESSAGE, READ_ONLY_HINT)

    event.listen(session, "before_flush", before_flush)
    event.listen(session, "do_orm_execute", before_execute)

"""The tables of coach mode: accounts, login sessions, invites, and which coach has which client.

Tokens (of a login session, of an invite) are never stored, only their SHA-256 hex digest.
A client's account names their person (their records); a coach's names none.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from glutewake.store.models import Base

ROLES = ("coach", "client")


class Account(Base):
    __tablename__ = "account"
    __table_args__ = (
        CheckConstraint("role IN ('coach', 'client')", name="ck_account_role"),
        CheckConstraint("email = lower(email)", name="ck_account_email_lower"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    role: Mapped[str] = mapped_column(String(10))
    # None until the client accepts their invite and chooses a password.
    password_hash: Mapped[str | None] = mapped_column(String(255))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    disabled_at: Mapped[datetime | None] = mapped_column(DateTime)


class AuthSession(Base):
    __tablename__ = "auth_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)


class Invite(Base):
    __tablename__ = "invite"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    coach_account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    # The new client's person, made when the invite is: the coach can prepare their program.
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    email: Mapped[str] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    used_at: Mapped[datetime | None] = mapped_column(DateTime)


class CoachClient(Base):
    __tablename__ = "coach_client"

    coach_account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), primary_key=True, index=True)


__all__ = ["ROLES", "Account", "AuthSession", "CoachClient", "Invite"]

"""The table of rate-limited attempts (logins, invite links), shared by every server process.

One row per limit and key: the key is stored as its SHA-256 digest (an e-mail address typed
at the login, a client address), never as typed. ``attempts`` holds the times of the attempts
still inside the window, oldest first, at most the limit's number of them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from glutewake.store.models import Base


class AttemptWindow(Base):
    __tablename__ = "attempt_window"
    __table_args__ = (Index("ix_attempt_window_kind_last_at", "kind", "last_at"),)

    kind: Mapped[str] = mapped_column(String(40), primary_key=True)  # which limit
    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    attempts: Mapped[list[str]] = mapped_column(JSON)  # ISO times, UTC without a zone
    last_at: Mapped[datetime] = mapped_column(DateTime)  # the newest attempt: what pruning reads


__all__ = ["AttemptWindow"]

"""Counting rate-limited attempts in one transaction, so concurrent workers share each limit.

:func:`attempt` runs in the caller's transaction (a session of its own, committed at once):
it prunes the limit's rows whose newest attempt left the window, then, key by key in a fixed
order, makes sure the key's row exists and locks it (``SELECT ... FOR UPDATE`` on PostgreSQL;
SQLite's write lock, taken by the first statement, serialises the whole transaction), reads
the attempts still in the window and, only when no key is at its limit, adds this one. Two
workers counting the same key therefore wait for each other instead of both slipping under.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from glutewake.store.attempt_models import AttemptWindow


def _ensure_row(session: Session, kind: str, key_hash: str, now: datetime) -> None:
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    session.execute(
        insert(AttemptWindow)
        .values(kind=kind, key_hash=key_hash, attempts=[], last_at=now)
        .on_conflict_do_nothing()
    )


def _prune(session: Session, kind: str, cutoff: datetime) -> None:
    """Drop the limit's rows with no attempt left in the window (rows others hold: next time)."""
    stale = (
        select(AttemptWindow.key_hash)
        .where(AttemptWindow.kind == kind, AttemptWindow.last_at <= cutoff)
        .with_for_update(skip_locked=True)
    )
    session.execute(
        delete(AttemptWindow).where(AttemptWindow.kind == kind, AttemptWindow.key_hash.in_(stale))
    )


def attempt(
    session: Session,
    kind: str,
    key_hashes: Sequence[str],
    now: datetime,
    limit: int,
    window: timedelta,
) -> timedelta:
    """Count an attempt for every key unless one is at ``limit`` within ``window``.

    Returns how long until the fullest key may try again: zero when the attempt was counted,
    more when it was refused (and nothing was counted).
    """
    cutoff = now - window
    _prune(session, kind, cutoff)
    rows = []
    for key_hash in sorted(set(key_hashes)):  # one order for all: no two workers deadlock
        _ensure_row(session, kind, key_hash, now)
        row = session.scalars(
            select(AttemptWindow)
            .where(AttemptWindow.kind == kind, AttemptWindow.key_hash == key_hash)
            .with_for_update()
            .execution_options(populate_existing=True)
        ).one()
        rows.append((row, [t for t in map(datetime.fromisoformat, row.attempts) if t > cutoff]))
    wait = max(
        (times[0] + window - now for _, times in rows if len(times) >= limit),
        default=timedelta(0),
    )
    if wait > timedelta(0):
        return wait
    for row, times in rows:
        row.attempts = [t.isoformat() for t in [*times, now][-limit:]]
        row.last_at = now
    session.flush()
    return timedelta(0)


def forget(session: Session, kind: str, key_hash: str) -> None:
    """Clear a key's attempts (after a successful login, its account's)."""
    session.execute(
        delete(AttemptWindow).where(AttemptWindow.kind == kind, AttemptWindow.key_hash == key_hash)
    )

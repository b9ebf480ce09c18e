"""Who may act for whom: the one place where a request's scope is decided.

- Solo use (accounts off): the local person acting for themself, as ``App.work()`` gives.
- A client acts for their own person only.
- A coach acts for a person only if ``coach_client`` links them; "view as client" is the same
  with ``read_only`` set, so every write in that unit of work is refused.
- Anything else (another client's or coach's person, an unknown id, a coach asking for no
  person on a page that needs one) raises :class:`~glutewake.errors.NotFoundError` with the
  same words, so an answer never tells whether someone else's records exist.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from glutewake.application.accounts import digest
from glutewake.application.context import App, Scope, Work
from glutewake.errors import NotFoundError
from glutewake.store import accounts as store
from glutewake.store.accounts import AccountRecord

__all__ = [
    "NO_PERSON",
    "AccountRecord",
    "clients_of",
    "coach_scope",
    "may_act_for",
    "not_found",
    "scope_for",
    "session_account",
    "work_for",
]

# A coach's own scope names no person: their pages read their clients through the account.
NO_PERSON = 0
NOT_FOUND = "There is nothing here, or it is not yours to see."
NOT_FOUND_HINT = "Check the address, or open it from your own pages."
COACH_HINT = "A coach has no records of their own: open one of your clients first."


def not_found(hint: str = NOT_FOUND_HINT) -> NotFoundError:
    return NotFoundError(NOT_FOUND, hint=hint)


def scope_for(
    app: App,
    account: AccountRecord,
    person_id: int | None = None,
    *,
    read_only: bool = False,
) -> Scope:
    """The scope of ``account`` acting for ``person_id`` (None: their own records)."""
    with app.database.session() as session:
        if account.role == "client":
            own = account.person_id
            if own is None or person_id not in (None, own):
                raise not_found()
            return Scope(own, own, account.id, "client", read_only)
        if account.role == "coach":
            if person_id is None:
                raise not_found(COACH_HINT)
            if person_id <= NO_PERSON or not store.coaches_client(session, account.id, person_id):
                raise not_found()
            return Scope(account.id, person_id, account.id, "coach", read_only)
    raise not_found()


def coach_scope(account: AccountRecord) -> Scope:
    """A coach's own scope (client list, dashboard): no person; NotFound for anyone else."""
    if account.role != "coach":
        raise not_found()
    return Scope(account.id, NO_PERSON, account.id, "coach")


def clients_of(work: Work) -> list[int]:
    """The person ids of the scope's coach's clients (none for anyone else)."""
    if work.scope.role != "coach" or work.scope.account_id is None:
        return []
    return store.clients_of(work.db, work.scope.account_id)


def may_act_for(work: Work, person_id: int) -> bool:
    """Whether the scope's account may act for ``person_id`` (solo: the local person only)."""
    scope = work.scope
    if scope.role == "coach" and scope.account_id is not None:
        return store.coaches_client(work.db, scope.account_id, person_id)
    return person_id == scope.person_id


def session_account(app: App, token: str) -> AccountRecord | None:
    """The account of a live session token, read in a transaction of its own."""
    with app.database.session() as session:
        return store.account_of_session(session, digest(token), app.clock.now())


@contextmanager
def work_for(
    app: App,
    account: AccountRecord | None,
    person_id: int | None = None,
    *,
    read_only: bool = False,
) -> Iterator[Work]:
    """The unit of work of a request: solo (no account) or the account's scope for the person."""
    if account is None:
        with app.work() as work:
            yield work
        return
    scope = scope_for(app, account, person_id, read_only=read_only)
    with app.work(scope) as work:
        yield work

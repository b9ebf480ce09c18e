"""What every coach use case starts with: the coach of the scope, and how a change is audited."""

from __future__ import annotations

from typing import Any

from glutewake.application.access import not_found
from glutewake.application.context import Work
from glutewake.errors import AccessDeniedError, FieldProblem, InvalidInputError
from glutewake.store import accounts
from glutewake.store import coaching as store

MAX_REASON = 500

NOT_A_COACH = AccessDeniedError(
    "Only a coach can open this page.",
    hint="Log in with your coach account, or go back to your own Today page.",
)


def coach_account(work: Work) -> int:
    """The coach's account id of this scope; refused for any other scope."""
    scope = work.scope
    if scope.role != "coach" or scope.account_id is None:
        raise NOT_A_COACH
    return scope.account_id


def client_of_coach(work: Work) -> int:
    """The coach's account id, once the scope's person is one of their clients."""
    coach = coach_account(work)
    if not accounts.coaches_client(work.db, coach, work.person_id):
        raise not_found()  # the same words as for anything else not theirs (access)
    return coach


def check_text(field: str, text: str, limit: int, what: str, minimum: int = 2) -> str:
    """The text trimmed, or InvalidInputError naming the field and its limits."""
    text = text.strip()
    if not minimum <= len(text) <= limit:
        raise InvalidInputError(
            what, [FieldProblem(field, f"write {minimum} to {limit} characters")]
        )
    return text


def check_reason(reason: str, what: str) -> str:
    return check_text("reason", reason, MAX_REASON, what)


def audit(work: Work, action: str, what: str, reason: str, **detail: Any) -> None:
    """Append to the client's audit trail: who (the scope's account), when, what, why."""
    store.record_audit(
        work.db,
        work.person_id,
        work.scope.account_id,
        work.clock.now(),
        action,
        {"what": what, **detail},
        reason,
    )

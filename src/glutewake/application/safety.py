"""The safety rule, enforced here for every front end (see ``screening.clearance``).

Every use case that builds, re-plans, serves, starts or logs a session calls
:func:`require_training_allowed` first; pages that only show something call
:func:`training_blocked` to show the same words instead of a session.
"""

from __future__ import annotations

from dataclasses import dataclass

from glutewake.application.context import Work
from glutewake.errors import NotFoundError, TrainingPausedError
from glutewake.screening import clearance as rule
from glutewake.screening.clearance import ClearanceTerms, Restriction
from glutewake.store import repository as repo
from glutewake.store.repository import ScreeningRecord

NO_SCREENING = NotFoundError(
    "There is no screening yet, so there is nothing to build a program from.",
    hint="Do the screening first (the web app's Start, or `glutewake screen`): it decides "
    "which exercises are safe and useful.",
)


@dataclass(frozen=True)
class Standing:
    """The person's newest screening and the clearance recorded for it, if any."""

    screening: ScreeningRecord
    clearance: ClearanceTerms | None


def clearance_terms(work: Work, screening: ScreeningRecord) -> ClearanceTerms | None:
    record = repo.clearance_for(work.db, work.person_id, screening.id)
    if record is None:
        return None
    return ClearanceTerms(
        cleared_by=record.cleared_by,
        cleared_on=record.cleared_at.date(),
        reasons=tuple(reason.text for reason in screening.profile.gate_reasons),
        note=record.note,
        restrictions=tuple(Restriction(value) for value in record.restrictions),
    )


def standing(work: Work) -> Standing:
    """The newest screening and its clearance, read in full only when either has changed:
    every request that serves or logs a session asks, so the answer is kept per version."""
    version = repo.standing_version(work.db, work.person_id)
    if version is None:
        raise NO_SCREENING
    key = ("standing", work.person_id, version)
    found: Standing | None = work.previews.get(key)
    if found is None:
        screening = repo.latest_screening(work.db, work.person_id)
        if screening is None:
            raise NO_SCREENING
        found = Standing(screening, clearance_terms(work, screening))
        if screening.id == version[0]:  # not replaced between the two reads
            work.previews.put(key, found)
    return found


def require_training_allowed(work: Work) -> Standing:
    """The newest screening and its clearance, or :class:`SafetyGateError` with the reason."""
    found = standing(work)
    rule.require_training_allowed(found.screening.profile, found.clearance)
    return found


def training_blocked(work: Work) -> TrainingPausedError | None:
    """Why training is paused now, or None (also None before any screening)."""
    try:
        require_training_allowed(work)
    except TrainingPausedError as error:
        return error
    except NotFoundError:
        return None
    return None

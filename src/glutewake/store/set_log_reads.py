"""Long reads of a person's sets (progress over up to two years): each stored text parsed once.

A set's stored JSON text only changes when the set is corrected, so a parsed ``SetLog`` (frozen)
is kept per distinct text, as ``repository`` keeps profiles: after a new set, the next read
parses that one set and finds the others. Every function takes its person.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from sqlalchemy import Text, bindparam, cast, select
from sqlalchemy.orm import Session

from glutewake.store import models
from glutewake.tracking.log import SetLog

PARSED_TEXTS = 16_384  # five years of eight sets a day for one person

# Built once with bound parameters (see ``set_logs``): the compiled SQL is reused.
_TEXTS = (
    select(cast(models.SetLogRow.data, Text))
    .where(
        models.SetLogRow.person_id == bindparam("person_id"),
        models.SetLogRow.day >= bindparam("since"),
        models.SetLogRow.day < bindparam("before"),
    )
    .order_by(models.SetLogRow.logged_at, models.SetLogRow.id)
)


@lru_cache(maxsize=PARSED_TEXTS)
def parsed(text: str) -> SetLog:
    """A stored set's JSON text, validated once per distinct text."""
    return SetLog.model_validate_json(text)


def set_logs_between(
    session: Session, person_id: int, since: date | None = None, before: date | None = None
) -> list[SetLog]:
    """The person's sets logged on days from ``since`` and before ``before``, in logging order
    (the same as ``set_logs.set_logs``)."""
    bounds = {"since": since or date.min, "before": before or date.max}
    texts = session.scalars(_TEXTS, {"person_id": person_id, **bounds})
    return [parsed(text) for text in texts]

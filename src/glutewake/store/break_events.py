"""Break events of the desk-break coach: each prompt, answer and pause, as it happened."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from glutewake.store import models


def record_break(session: Session, person_id: int, event: Mapping[str, Any]) -> int:
    """Store a break event: ``event`` needs ``at`` (datetime) and ``kind``; the rest is kept as-is."""
    data = dict(event)
    at = data.pop("at")
    kind = str(data.pop("kind"))
    row = models.BreakEvent(person_id=person_id, at=at, kind=kind, data=data)
    session.add(row)
    session.flush()
    return row.id


def breaks(session: Session, person_id: int, since: datetime | None = None) -> list[dict[str, Any]]:
    query = select(models.BreakEvent).where(models.BreakEvent.person_id == person_id)
    if since is not None:
        query = query.where(models.BreakEvent.at >= since)
    rows = session.scalars(query.order_by(models.BreakEvent.at, models.BreakEvent.id))
    return [{"id": row.id, "at": row.at, "kind": row.kind, **row.data} for row in rows]

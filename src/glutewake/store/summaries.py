"""Summaries of a person's logged sets, answered by the database. Every function takes its person."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from glutewake.store import models


def first_logged_days(session: Session, person_id: int) -> dict[str, date]:
    """The first day each exercise was logged by the person, over all their sets."""
    rows = session.execute(
        select(models.SetLogRow.exercise_id, func.min(models.SetLogRow.day))
        .where(models.SetLogRow.person_id == person_id)
        .group_by(models.SetLogRow.exercise_id)
    )
    return {str(exercise_id): day for exercise_id, day in rows}

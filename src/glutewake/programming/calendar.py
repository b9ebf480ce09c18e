"""Moving a session in the calendar (starting it early)."""

from __future__ import annotations

from datetime import date

from glutewake.programming.program import Program


def move_session(program: Program, number: int, day: date) -> Program:
    """The program with session ``number`` moved to ``day`` (to start it early)."""
    weeks = []
    for week in program.weeks:
        sessions = tuple(
            s.model_copy(update={"day": day}) if s.number == number else s for s in week.sessions
        )
        weeks.append(week.model_copy(update={"sessions": sessions}))
    return program.model_copy(update={"weeks": tuple(weeks)})

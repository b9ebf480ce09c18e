"""Days of the week, shared by training days and desk-break working days."""

from __future__ import annotations

from datetime import date
from enum import StrEnum


class Weekday(StrEnum):
    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"

    @property
    def number(self) -> int:
        """Monday is 0, as in ``date.weekday()``."""
        return list(Weekday).index(self)

    @property
    def label(self) -> str:
        """The short name people read: Mon, Tue..."""
        return self.value.capitalize()

    @classmethod
    def of(cls, day: date) -> Weekday:
        return list(cls)[day.weekday()]

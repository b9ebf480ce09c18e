"""What one pass over the sets adds up for the progress (``tracking.progress``). Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from glutewake.screening.profile import Side
from glutewake.tracking.log import SetLog
from glutewake.tracking.progress_values import Count, GluteWeek, PainWeek, SideTotals


@dataclass
class GluteTally:
    """Sets felt in the working glute, as they are counted ."""

    overall: int = 0
    answered: int = 0  # sets with a felt answer
    left: int = 0
    left_total: int = 0
    right: int = 0
    right_total: int = 0

    def add(self, side: Side | None, felt: frozenset[Side]) -> None:
        """A set counts for ``side`` when it is that side's or two-sided, and hits when that
        side's glute was felt; overall, as ``SetLog.felt_in_glutes`` (the same rule)."""
        self.answered += 1
        if side is None:
            self.overall += bool(felt)
            self.left_total += 1
            self.right_total += 1
            self.left += Side.LEFT in felt
            self.right += Side.RIGHT in felt
        elif side is Side.LEFT:
            self.overall += Side.LEFT in felt
            self.left_total += 1
            self.left += Side.LEFT in felt
        else:
            self.overall += Side.RIGHT in felt
            self.right_total += 1
            self.right += Side.RIGHT in felt

    def week(self, start: date) -> GluteWeek:
        return GluteWeek(
            start,
            Count.of(self.overall, self.answered),
            Count.of(self.left, self.left_total),
            Count.of(self.right, self.right_total),
        )


@dataclass
class BestAmounts:
    """One exercise's sets in one week: how many, and the best amount (all, left, right)."""

    sets: int = 0
    best: int | None = None
    left: int | None = None
    right: int | None = None

    def add(self, side: Side | None, amount: int) -> None:
        self.sets += 1
        self.best = amount if self.best is None else max(self.best, amount)
        if side is Side.LEFT:
            self.left = amount if self.left is None else max(self.left, amount)
        elif side is Side.RIGHT:
            self.right = amount if self.right is None else max(self.right, amount)


@dataclass
class SideTally:
    """One side's one-sided sets: how many, and the sums behind the average reps and hold."""

    sets: int = 0
    reps: int = 0
    rep_sets: int = 0
    hold: int = 0
    hold_sets: int = 0

    def add(self, log: SetLog) -> None:
        self.sets += 1
        if log.reps is not None:
            self.reps += log.reps
            self.rep_sets += 1
        if log.hold_seconds is not None:
            self.hold += log.hold_seconds
            self.hold_sets += 1

    def totals(self, side: Side, glutes: Count) -> SideTotals:
        return SideTotals(
            side=side,
            one_sided_sets=self.sets,
            glutes=glutes,
            average_reps=round(self.reps / self.rep_sets, 1) if self.rep_sets else None,
            average_hold=round(self.hold / self.hold_sets, 1) if self.hold_sets else None,
        )


@dataclass
class PainTally:
    sets: int = 0  # the sets with a pain answer (the others are left out)
    highest: int | None = None
    total: int = 0

    def add(self, pain: int) -> None:
        self.sets += 1
        self.total += pain
        self.highest = pain if self.highest is None else max(self.highest, pain)

    def week(self, start: date) -> PainWeek:
        average = round(self.total / self.sets, 1) if self.sets else None
        return PainWeek(start, self.sets, self.highest, average)

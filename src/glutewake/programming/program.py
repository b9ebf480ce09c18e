"""The program as data: weeks -> sessions -> blocks -> prescribed items, each with its reason.

Immutable; adaptation returns a new Program. JSON round-trips through ``model_dump(mode="json")``
and ``Program.model_validate``.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from glutewake.catalogue.schema import Phase
from glutewake.programming.phases import Gate
from glutewake.programming.preferences import Preferences
from glutewake.screening.clearance import ClearanceTerms, Restriction
from glutewake.screening.profile import Compensation, Side


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


UNITS = {"reps": "reps", "hold_seconds": "s hold", "steps": "steps each way"}


class Item(_Model):
    """One prescribed exercise: dose per side, weaker side first with its extra set."""

    exercise_id: str
    name: str
    sets: int
    measure: str  # reps, hold_seconds or steps
    target: int
    range_low: int
    range_high: int
    per_side: bool
    side_order: tuple[Side, ...] = ()  # weaker side first
    extra_sets: int = 0  # on the weaker side (side_order[0])
    tempo: str
    rest_seconds: int
    cue: str
    reason: str
    pair: str | None = None  # "A1", "A2"... within a superset
    seconds: int

    def describe(self) -> str:
        side = " per side" if self.per_side else ""
        text = f"{self.sets} x {self.target} {UNITS[self.measure]}{side}"
        if self.side_order:
            text += f", {self.side_order[0].value} first"
        if self.extra_sets:
            text += f", +{self.extra_sets} set {self.side_order[0].value}"
        return text


class BlockKind(StrEnum):
    WARM_UP = "warm-up"  # hip-flexor release and lengthening before glute work
    MAIN = "main"
    SUPERSET = "superset"  # an activation drill then an integration move, back to back


class Block(_Model):
    kind: BlockKind
    title: str
    items: tuple[Item, ...]
    reason: str


class Session(_Model):
    number: int  # 1.. across the program
    week: int
    phase: Phase
    variant: str  # "A" or "B"
    day: date
    blocks: tuple[Block, ...]
    estimated_seconds: int
    budget_seconds: int
    reason: str
    retest: Item | None = None  # a separate check after the session, outside its time budget
    done_on: date | None = None

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for block in self.blocks for item in block.items)


class Week(_Model):
    number: int
    phase: Phase
    reason: str
    covers: tuple[str, ...]
    sessions: tuple[Session, ...]


class Change(_Model):
    """One adaptation, recorded with its reason."""

    day: date
    rule: str
    action: str
    exercise_id: str | None
    new_exercise_id: str | None = None
    reason: str
    trigger: str  # what fired it, unique per firing: rule, exercise and evidence day

    @property
    def label(self) -> str:
        """The action in a few words, e.g. "regress -> glute-bridge-hold"."""
        return self.action + (f" -> {self.new_exercise_id}" if self.new_exercise_id else "")


class Program(_Model):
    start: date
    preferences: Preferences
    weaker_side: Side | None
    compensation: Compensation = Compensation.NONE
    needs: dict[str, float]
    level_caps: dict[str, int]
    objective: int
    # False when a phase's solve ran out of time: its best mix found, not proven the best.
    proven_optimal: bool = True
    explanation: tuple[str, ...]
    gates: tuple[Gate, ...]
    weeks: tuple[Week, ...]
    changes: tuple[Change, ...] = ()
    professional_advised: bool = False
    screening_id: int | None = None  # the stored screening it was built from, when stored
    clearance: ClearanceTerms | None = None  # the professional's clearance it was built under
    # Exercises left out because the adaptation rules stopped them in an earlier program
    # (exercise id -> why); adaptation and swaps never bring them back.
    avoided: dict[str, str] = {}

    @property
    def sessions(self) -> tuple[Session, ...]:
        return tuple(session for week in self.weeks for session in week.sessions)

    @property
    def restrictions(self) -> tuple[Restriction, ...]:
        """The limits the clearance set; every exercise in the program respects them."""
        return self.clearance.restrictions if self.clearance else ()

    @property
    def end(self) -> date:
        return max(session.day for session in self.sessions)

    def session_on(self, day: date) -> Session | None:
        return next((s for s in self.sessions if s.day == day), None)

    def next_session(self, day: date) -> Session | None:
        """The first session not done on or after ``day``."""
        pending = [s for s in self.sessions if s.done_on is None and s.day >= day]
        return min(pending, key=lambda s: s.day, default=None)

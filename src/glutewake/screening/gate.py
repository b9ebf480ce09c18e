"""The safety gate: red flags stop, "see a professional first" answers need a clearance.

- ``stop``: any red flag. No program; a plain message to seek care, as urgent as the most
  urgent flag (docs/evidence/red_flags.md: A&E now for cauda equina signs, same-day for
  possible infection, urgent review for the others).
- ``clearance``: an answer whose data carries a ``clearance`` (nerve damage, sciatica, recent
  surgery, pain that exercise worsens, ...). A program only once a professional's clearance
  is recorded.
- ``go``: neither.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from glutewake.screening.answers import Answers
from glutewake.screening.effects import effects
from glutewake.screening.profile import Gate, Reason
from glutewake.screening.schema import ScreeningData

CLEARANCE_MESSAGE = (
    "See a doctor or physiotherapist before you start: some of your answers need a "
    "professional to check that these exercises suit you. glutewake builds your program once "
    "you record that a professional has cleared you."
)
GO_MESSAGE = "No red flags, and nothing that needs a professional's clearance first."


@dataclass(frozen=True)
class GateDecision:
    gate: Gate
    message: str
    reasons: tuple[Reason, ...]


def stop_decision(flag_ids: Sequence[str], data: ScreeningData) -> GateDecision:
    """The stop for these red flags, as urgent as the most urgent of them."""
    flags = sorted((data.red_flag(flag_id) for flag_id in flag_ids), key=lambda f: f.urgency.rank)
    urgency = flags[0].urgency
    reasons = tuple(
        Reason(
            component=None,
            text=f"{flag.why} ({flag.category}; {flag.urgency.value})",
            answers=(f"red_flags.{flag.id}",),
        )
        for flag in flags
    )
    message = f"Stop: do not start a program. {data.red_flags.actions[urgency]}"
    return GateDecision(Gate.STOP, message, reasons)


def decide_gate(answers: Answers, data: ScreeningData) -> GateDecision:
    if answers.red_flags:
        return stop_decision(answers.red_flags, data)
    reasons = tuple(
        Reason(component=None, text=effect.clearance.why, answers=(effect.answer,))
        for effect in effects(answers, data)
        if effect.clearance is not None
    )
    if reasons:
        return GateDecision(Gate.CLEARANCE, CLEARANCE_MESSAGE, reasons)
    return GateDecision(Gate.GO, GO_MESSAGE, ())

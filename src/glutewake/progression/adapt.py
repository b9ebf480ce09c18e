"""Program + logged sets + today -> the adjusted program and every change, with its reason.

In order: sessions are marked done by the days sets were logged; missed sessions slide the
rest of the calendar onto the next training days (never two in a day); a phase starts only
when its gate's criteria are met, otherwise the last week of the phase repeats (``schedule``);
then each logged exercise goes through the rules (pain first, then where it was felt, then
ease; ``exercise_rules``). Changes apply to sessions after today. Re-running on the same logs
changes nothing more: every change records the trigger that fired it (``draft``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from glutewake.catalogue.catalogue import Catalogue
from glutewake.programming.program import Change, Program
from glutewake.progression import schedule
from glutewake.progression.draft import Draft
from glutewake.progression.exercise_rules import apply_rules
from glutewake.tracking.log import SetLog


@dataclass(frozen=True)
class Adaptation:
    program: Program
    changes: tuple[Change, ...]


def adapt(
    program: Program, logs: Sequence[SetLog], today: date, catalogue: Catalogue
) -> Adaptation:
    """Apply every rule that the logs up to ``today`` trigger and that has not fired before."""
    draft = Draft(program, catalogue, today)
    relevant = [log for log in logs if program.start <= log.day <= today]
    earlier = [log for log in relevant if log.day < today]
    schedule.mark_done(draft, earlier)
    schedule.slide(draft)
    schedule.gate(draft, earlier)
    schedule.mark_done(draft, [log for log in relevant if log.day == today])
    apply_rules(draft, relevant)
    return Adaptation(draft.result(), tuple(draft.changes))

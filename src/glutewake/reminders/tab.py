"""What a browser tab sends about its desk-break timer, checked and recorded as the scheduler would.

A tab counts down on its own (``timing.plan_timer``) and reports the prompts' answers and the
sitting bouts it ends. Its clock may be off: every instant it sends is clamped to eight days
either side of the server's. A bout counts only inside one working period (``clip_bout``) and
is stored once however often the tab sends it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from glutewake.errors import FieldProblem, InvalidInputError
from glutewake.reminders.records import BoutEnd, BoutRecord, BreakRecord, Outcome
from glutewake.reminders.settings import BreakSettings
from glutewake.reminders.timing import clip_bout

CLIENT_CLOCK_REACH = timedelta(days=8)
PROMPT_CHOICES = (Outcome.DONE, Outcome.SNOOZED, Outcome.SKIPPED)  # the prompt's buttons
TAB_BOUT_ENDS = (BoutEnd.STOPPED, BoutEnd.ASLEEP, BoutEnd.END_OF_DAY)  # what a tab can see
LONGEST_INSTANT = 64  # characters; an ISO 8601 instant with its offset is about 32


def parse_instant(name: str, text: str, now: datetime) -> datetime:
    """An ISO 8601 instant with its offset, as a tab sends it, clamped to eight days of ``now``."""
    try:
        if len(text) > LONGEST_INSTANT:
            raise ValueError(name)
        moment = datetime.fromisoformat(text)
        if moment.tzinfo is None:
            raise InvalidInputError(name, [FieldProblem(name, "give the time zone offset")])
        moment = moment.astimezone(UTC)
    except (ValueError, OverflowError):
        raise InvalidInputError(
            name, [FieldProblem(name, "not an ISO 8601 date and time")]
        ) from None
    return min(max(moment, now - CLIENT_CLOCK_REACH), now + CLIENT_CLOCK_REACH)


def optional_instant(name: str, text: str | None, now: datetime) -> datetime | None:
    return parse_instant(name, text, now) if text else None


def prompt_choice(text: str) -> Outcome | None:
    """The outcome a prompt's button sends, or None when it is not one of them."""
    return next((outcome for outcome in PROMPT_CHOICES if outcome.value == text), None)


def tab_bout_end(text: str) -> BoutEnd:
    for end in TAB_BOUT_ENDS:
        if end.value == text:
            return end
    choices = ", ".join(end.value for end in TAB_BOUT_ENDS)
    raise InvalidInputError("bout", [FieldProblem("ended_by", f"choose {choices}")])


def counted_bout(
    rules: BreakSettings, started: datetime, ended: datetime, ended_by: BoutEnd
) -> BoutRecord | None:
    """The part of a bout the scheduler counts (inside one working period), or None."""
    clipped = clip_bout(rules, started, ended)
    if clipped is None:
        return None
    return BoutRecord(at=clipped[0], ended_at=clipped[1], ended_by=ended_by)


def already_stored(bout: BoutRecord, stored: Iterable[BoutRecord | BreakRecord]) -> bool:
    """Whether a bout that started at the same instant is among ``stored``: a tab resends."""
    return any(isinstance(r, BoutRecord) and r.at == bout.at for r in stored)


def break_at_bout_end(ended_by: BoutEnd, ended: datetime, prompt_open: bool) -> BreakRecord | None:
    """What the scheduler logs when the bout ends this way: a tab that did not run for the idle
    threshold was a break taken away (asleep); a prompt left open is unanswered."""
    if ended_by is BoutEnd.ASLEEP:
        return BreakRecord(at=ended, outcome=Outcome.ASLEEP)
    if prompt_open:
        return BreakRecord(at=ended, outcome=Outcome.UNANSWERED)
    return None

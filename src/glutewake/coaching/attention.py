"""The attention ranking across a coach's clients. Pure: plain facts in, reasons out.

Each client's facts (their newest screening, their program's training days, a summary of the
sets they logged recently) give a list of reasons, each with a severity and plain words; the
clients are sorted by who needs attention most: the most severe reason first (a paused
program before pain, pain before missed sessions), then how many reasons, then the longest
without a log.

The thresholds in :class:`AttentionSettings` are product settings a coach may tune, not
clinical figures; the one exception is the pain level, which is the level at which the
program's own pain rule stops an exercise (``progression.rules.PainCondition``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import IntEnum

from glutewake.progression.rules import PainCondition
from glutewake.screening.profile import Gate
from glutewake.screening.retest import RETEST_EVERY


class Severity(IntEnum):
    """How soon a coach should look: higher comes first."""

    NOTE = 1  # worth a look this week
    SOON = 2  # worth a message in the next day or two
    NOW = 3  # look today: training is paused or something hurts more

    @property
    def label(self) -> str:
        return {Severity.NOTE: "Worth a look", Severity.SOON: "Soon", Severity.NOW: "Today"}[self]


@dataclass(frozen=True)
class AttentionSettings:
    """Product settings (not clinical figures): when each reason is raised."""

    pain_rise: float = 1.0  # points out of 10 the recent average is over the earlier one
    pain_sets: int = 3  # sets needed in each window before the averages are compared
    pain_high: int = PainCondition().at_least  # any recent set at this pain or more
    missed_share: float = 0.5  # missed this share of the planned sessions (or more)
    outside_share: float = 0.5  # this share of glute sets (or more) felt elsewhere
    outside_sets: int = 6  # glute sets needed before the share is judged
    retest_days: int = RETEST_EVERY.days  # the re-test's own rhythm (screening.retest)
    quiet_days: int = 5  # no logs for this many days while a program runs
    recent_days: int = 7  # the recent window (pain, missed sessions)
    earlier_days: int = 21  # the earlier window for pain, just before the recent one
    missed_days: int = 14  # the longer window for missed sessions


DEFAULT_SETTINGS = AttentionSettings()


@dataclass(frozen=True)
class PainSummary:
    """The pain of the sets in one window: how many sets, the average and the highest."""

    sets: int = 0
    average: float | None = None
    highest: int | None = None


@dataclass(frozen=True)
class ClientFacts:
    """What the ranking knows about one client, as of ``today``.

    ``gate`` is the newest screening's (None: not screened yet), ``cleared`` whether a
    clearance is recorded for it. ``training_weekdays`` are the program's (Monday 0), from
    ``program_start`` to ``program_end``. ``logged_days`` are the days with sets in the last
    ``missed_days`` days; ``recent_pain`` covers the last ``recent_days`` days and
    ``earlier_pain`` the ``earlier_days`` before; ``glute_sets`` and ``glute_hits`` count the
    glute sets (stretches and rolling left out) of the last ``missed_days`` days and those
    felt in a glute.
    """

    person_id: int
    name: str
    gate: Gate | None = None
    cleared: bool = False
    gate_reasons: tuple[str, ...] = ()
    screened_on: date | None = None
    program_start: date | None = None
    program_end: date | None = None
    training_weekdays: frozenset[int] = frozenset()
    logged_days: frozenset[date] = frozenset()
    last_logged: date | None = None
    recent_pain: PainSummary = field(default_factory=PainSummary)
    earlier_pain: PainSummary = field(default_factory=PainSummary)
    glute_sets: int = 0
    glute_hits: int = 0


@dataclass(frozen=True)
class Reason:
    kind: str  # gate, pain, missed, outside, retest, quiet
    severity: Severity
    text: str  # plain words for the coach


@dataclass(frozen=True)
class Attention:
    person_id: int
    name: str
    reasons: tuple[Reason, ...]

    @property
    def severity(self) -> Severity | None:
        return max((reason.severity for reason in self.reasons), default=None)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def gate_reason(facts: ClientFacts) -> Reason | None:
    why = "; ".join(text.rstrip(".") for text in facts.gate_reasons)
    because = f" ({why})" if why else ""
    if facts.gate is Gate.STOP:
        return Reason(
            "gate",
            Severity.NOW,
            f"Their newest screening found a warning sign{because}: training is paused "
            "until they have seen a professional and screened again.",
        )
    if facts.gate is Gate.CLEARANCE and not facts.cleared:
        return Reason(
            "gate",
            Severity.NOW,
            f"Their newest screening asks for a professional's clearance{because}: training "
            "is paused until one is recorded.",
        )
    return None


def pain_reason(facts: ClientFacts, settings: AttentionSettings) -> Reason | None:
    recent, earlier = facts.recent_pain, facts.earlier_pain
    if recent.highest is not None and recent.highest >= settings.pain_high:
        return Reason(
            "pain",
            Severity.NOW,
            f"Pain reached {recent.highest}/10 on a set in the last {settings.recent_days} days.",
        )
    enough = recent.sets >= settings.pain_sets and earlier.sets >= settings.pain_sets
    if not enough or recent.average is None or earlier.average is None:
        return None
    if recent.average - earlier.average >= settings.pain_rise:
        return Reason(
            "pain",
            Severity.NOW,
            f"Pain is rising: {recent.average:.1f}/10 on average in the last "
            f"{settings.recent_days} days, against {earlier.average:.1f}/10 before.",
        )
    return None


def due_days(facts: ClientFacts, today: date, days: int) -> list[date]:
    """The program's training days in the ``days`` days before today (today still open)."""
    if facts.program_start is None or not facts.training_weekdays:
        return []
    first = max(facts.program_start, today - timedelta(days=days))
    last = today - timedelta(days=1)
    if facts.program_end is not None:
        last = min(last, facts.program_end)
    weekdays = facts.training_weekdays
    # date.fromordinal(1) is a Monday: an ordinal's weekday is (ordinal - 1) % 7.
    return [
        date.fromordinal(ordinal)
        for ordinal in range(first.toordinal(), last.toordinal() + 1)
        if (ordinal - 1) % 7 in weekdays
    ]


def done_count(facts: ClientFacts, today: date, days: int) -> int:
    """Days with logged sets in the ``days`` days before today: each counts as one session."""
    since = today - timedelta(days=days)
    return sum(1 for day in facts.logged_days if since <= day < today)


def missed_reason(facts: ClientFacts, today: date, settings: AttentionSettings) -> Reason | None:
    for days, severity in ((settings.recent_days, Severity.SOON), (settings.missed_days, None)):
        planned = len(due_days(facts, today, days))
        done = min(planned, done_count(facts, today, days))
        if planned and (planned - done) / planned >= settings.missed_share:
            return Reason(
                "missed",
                severity or Severity.NOTE,
                f"{_plural(done, 'session')} done of {planned} planned in the last {days} days.",
            )
    return None


def outside_reason(facts: ClientFacts, settings: AttentionSettings) -> Reason | None:
    if facts.glute_sets < settings.outside_sets:
        return None
    elsewhere = facts.glute_sets - facts.glute_hits
    if elsewhere / facts.glute_sets < settings.outside_share:
        return None
    share = round(100 * elsewhere / facts.glute_sets)
    return Reason(
        "outside",
        Severity.NOTE,
        f"{share}% of their glute sets in the last {settings.missed_days} days were felt "
        "somewhere other than the glutes: a cue or an easier version may help.",
    )


def retest_reason(facts: ClientFacts, today: date, settings: AttentionSettings) -> Reason | None:
    marks = [day for day in (facts.program_start, facts.screened_on) if day is not None]
    if facts.program_start is None or not marks:
        return None
    since = max(marks)
    waited = (today - since).days
    if waited < settings.retest_days:
        return None
    return Reason(
        "retest",
        Severity.NOTE,
        f"A re-test is due: {_plural(waited, 'day')} since the "
        + ("screening" if since == facts.screened_on else "program began")
        + ".",
    )


def quiet_reason(facts: ClientFacts, today: date, settings: AttentionSettings) -> Reason | None:
    if facts.program_start is None or facts.program_start > today:
        return None
    if facts.program_end is not None and facts.program_end < today - timedelta(settings.quiet_days):
        return None
    since = facts.last_logged or facts.program_start
    quiet = (today - since).days
    if quiet < settings.quiet_days:
        return None
    if facts.last_logged is None:
        return Reason(
            "quiet", Severity.SOON, f"No sets logged yet, {_plural(quiet, 'day')} into the program."
        )
    return Reason("quiet", Severity.SOON, f"No sets logged for {_plural(quiet, 'day')}.")


def reasons(
    facts: ClientFacts, today: date, settings: AttentionSettings = DEFAULT_SETTINGS
) -> tuple[Reason, ...]:
    """Every reason for a coach to look at this client, the most severe first."""
    gate = gate_reason(facts)
    found: list[Reason | None] = [gate]
    if gate is None:  # while training is paused, nothing else asks for a session
        found += [
            pain_reason(facts, settings),
            missed_reason(facts, today, settings),
            quiet_reason(facts, today, settings),
            outside_reason(facts, settings),
        ]
    found.append(retest_reason(facts, today, settings))
    kept = [reason for reason in found if reason is not None]
    return tuple(sorted(kept, key=lambda r: (-r.severity, KIND_ORDER.index(r.kind))))


# Among reasons of one severity, the order a coach reads them in: a paused program first.
KIND_ORDER = ("gate", "pain", "quiet", "missed", "outside", "retest")


def order_key(attention: Attention, facts: ClientFacts) -> tuple[int, int, int, int, str, int]:
    """Where a client comes in the list: sorting by this puts who needs attention most first."""
    severity = attention.severity or 0
    top = KIND_ORDER.index(attention.reasons[0].kind) if attention.reasons else len(KIND_ORDER)
    last = facts.last_logged.toordinal() if facts.last_logged else 0
    return (
        -severity,
        top,
        -len(attention.reasons),
        last,
        attention.name.casefold(),
        facts.person_id,
    )


def ranked(
    found: Iterable[tuple[Attention, ClientFacts]],
) -> list[tuple[Attention, ClientFacts]]:
    """Clients whose reasons are known, who needs attention most first (none: last)."""
    return sorted(found, key=lambda item: order_key(*item))


def rank(
    clients: Iterable[ClientFacts],
    today: date,
    settings: AttentionSettings = DEFAULT_SETTINGS,
) -> Sequence[Attention]:
    """Every client with their reasons, who needs attention most first (none: last)."""
    found = [
        (Attention(facts.person_id, facts.name, reasons(facts, today, settings)), facts)
        for facts in clients
    ]
    return [attention for attention, _ in ranked(found)]

"""The coach's attention dashboard: every linked client, who needs attention most first.

One query per table for all the coach's clients (``store.coaching_facts``), never one per
client, so it stays fast with a thousand clients; the ranking is ``coaching.attention``.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from glutewake.application.coach_scope import coach_account
from glutewake.application.context import Memo, Work
from glutewake.catalogue.schema import Category
from glutewake.coaching.attention import (
    DEFAULT_SETTINGS,
    Attention,
    AttentionSettings,
    ClientFacts,
    PainSummary,
    ranked,
    reasons,
)
from glutewake.errors import InvalidInputError
from glutewake.programming.preferences import Preferences
from glutewake.screening.profile import Gate
from glutewake.store import coaching_facts as facts
from glutewake.store.coaching_facts import DaySets, Gatekeeping


@dataclass(frozen=True)
class Outline:
    """What the ranking needs of a program: the same for every adapted version of it."""

    start: date
    end: date
    weekdays: frozenset[int]


@dataclass(frozen=True)
class DashboardRow:
    attention: Attention
    facts: ClientFacts


@dataclass(frozen=True)
class Dashboard:
    today: date
    rows: tuple[DashboardRow, ...]

    @property
    def needing_attention(self) -> int:
        return sum(1 for row in self.rows if row.attention.reasons)


# Kept for the process, by database: what a screening or a program id says never changes, and
# a client's sets per day only change with their version (``coaching_facts.set_versions``).
_kept = Memo(size=100_000)


def _database(work: Work) -> str:
    return str(work.db.get_bind().engine.url)


def _outline(data: Mapping[str, Any]) -> Outline | None:
    try:
        start = date.fromisoformat(str(data["start"]))
        preferences = Preferences.parse(data["preferences"])
    except (KeyError, TypeError, ValueError, InvalidInputError):  # shown without its sessions
        return None
    end = start + timedelta(weeks=preferences.weeks, days=-1)
    return Outline(start, end, frozenset(day.number for day in preferences.days))


def _known(work: Work, kind: str, ids: Collection[Hashable]) -> tuple[dict[Any, Any], list[Any]]:
    """What is kept of these ids, and the ids not kept yet."""
    where = _database(work)
    found, missing = {}, []
    for key in ids:
        value = _kept.get((where, kind, key))
        if value is None:
            missing.append(key)
        else:
            found[key] = value
    return found, missing


def _keep(work: Work, kind: str, key: Hashable, value: Any) -> None:
    _kept.put((_database(work), kind, key), value)


def outlines(work: Work, programs: Mapping[int, Hashable]) -> dict[int, Outline | None]:
    """Each program's outline, by id (``programs``: id -> whose and when it was made); an adaptation
    never changes it."""
    found, missing = _known(work, "outline", programs.items())
    for program_id, data in facts.program_outlines(work.db, [i for i, _ in missing]).items():
        key = (program_id, programs[program_id])
        found[key] = _outline(data) or False
        _keep(work, "outline", key, found[key])
    return {key[0]: value or None for key, value in found.items()}


def gates(work: Work, screenings: Mapping[int, Hashable]) -> dict[int, Gatekeeping]:
    """Each screening's gate, by id (``screenings``: id -> whose and when it was taken)."""
    found, missing = _known(work, "gate", screenings.items())
    for screening_id, value in facts.gatekeeping(work.db, [i for i, _ in missing]).items():
        key = (screening_id, screenings[screening_id])
        found[key] = value
        _keep(work, "gate", key, value)
    return {key[0]: value for key, value in found.items()}


def days_of_sets(
    work: Work, since: date, versions: Mapping[int, tuple[int, int, int]], people: Collection[int]
) -> dict[int, tuple[DaySets, ...]]:
    """These clients' sets per day from ``since``, read again only for those whose sets
    changed (``versions``, from ``coaching_facts.set_versions``) since they were last read."""
    keys = {(person, since, versions[person]) for person in people if person in versions}
    found, missing = _known(work, "days", keys)
    changed = {person for person, _, _ in missing}
    fresh: dict[int, list[DaySets]] = {person: [] for person in changed}
    for day in facts.sets_by_day(work.db, changed, since, not_glute_work(work)):
        fresh[day.person_id].append(day)
    for key in missing:
        found[key] = tuple(fresh[key[0]])
        _keep(work, "days", key, found[key])
    return {key[0]: value for key, value in found.items()}


def _pain(days: Sequence[DaySets]) -> PainSummary:
    sets = sum(d.sets for d in days)
    if not sets:
        return PainSummary()
    average = round(sum(d.pain_total for d in days) / sets, 1)
    return PainSummary(sets, average, max(d.pain_highest for d in days))


def not_glute_work(work: Work) -> list[str]:
    catalogue = work.catalogue
    return [i for i in catalogue.ids if catalogue.get(i).category is Category.MOBILITY]


def dashboard(work: Work, settings: AttentionSettings = DEFAULT_SETTINGS) -> Dashboard:
    """Every client of the scope's coach, ranked by who needs attention most."""
    coach = coach_account(work)
    today = work.clock.today()
    recent_from = today - timedelta(days=settings.recent_days - 1)
    earlier_from = recent_from - timedelta(days=settings.earlier_days)
    missed_from = today - timedelta(days=settings.missed_days)
    since = min(earlier_from, missed_from)
    clients = facts.clients(work.db, coach)
    cleared = facts.cleared_screenings(work.db, coach)
    versions = facts.set_versions(work.db, coach, since)
    # A client's row is worked out again only when something it depends on changed.
    keys = {
        c.person_id: (c, c.screening_id in cleared, versions.get(c.person_id), today, settings)
        for c in clients
    }
    rows, missing = _known(work, "row", keys.values())
    wanted = [key[0] for key in missing]
    screenings = gates(
        work,
        {
            c.screening_id: (c.person_id, c.screened_at)
            for c in wanted
            if c.screening_id is not None
        },
    )
    programs = outlines(
        work,
        {
            c.program_id: (c.person_id, c.program_made_at)
            for c in wanted
            if c.program_id is not None
        },
    )
    by_person = days_of_sets(work, since, versions, [c.person_id for c in wanted])
    for key in missing:
        client = key[0]
        screening = screenings.get(client.screening_id) if client.screening_id else None
        outline = programs.get(client.program_id) if client.program_id else None
        days = by_person.get(client.person_id, ())
        window = [d for d in days if d.day >= missed_from]
        found = ClientFacts(
            person_id=client.person_id,
            name=client.name,
            gate=Gate(screening.gate) if screening else None,
            cleared=key[1],
            gate_reasons=screening.reasons if screening else (),
            screened_on=screening.taken_on if screening else None,
            program_start=outline.start if outline else None,
            program_end=outline.end if outline else None,
            training_weekdays=outline.weekdays if outline else frozenset(),
            logged_days=frozenset(d.day for d in window),
            last_logged=client.last_logged,
            recent_pain=_pain([d for d in days if recent_from <= d.day <= today]),
            earlier_pain=_pain([d for d in days if earlier_from <= d.day < recent_from]),
            glute_sets=sum(d.glute_sets for d in window),
            glute_hits=sum(d.glute_hits for d in window),
        )
        rows[key] = DashboardRow(
            Attention(found.person_id, found.name, reasons(found, today, settings)), found
        )
        _keep(work, "row", key, rows[key])
    order = ranked(
        (rows[keys[c.person_id]].attention, rows[keys[c.person_id]].facts) for c in clients
    )
    return Dashboard(today, tuple(DashboardRow(attention, found) for attention, found in order))

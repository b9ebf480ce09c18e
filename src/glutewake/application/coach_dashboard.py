"""The coach's attention dashboard: every linked client, who needs attention most first.

One query per table for all the coach's clients (``store.coaching_facts``), never one per
client, so it stays fast with a thousand clients; the ranking is ``coaching.attention``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from glutewake.application.coach_scope import coach_account
from glutewake.application.context import Work
from glutewake.catalogue.schema import Category
from glutewake.coaching.attention import (
    DEFAULT_SETTINGS,
    Attention,
    AttentionSettings,
    ClientFacts,
    PainSummary,
    rank,
)
from glutewake.errors import InvalidInputError
from glutewake.programming.preferences import Preferences
from glutewake.screening.profile import Gate
from glutewake.store import coaching_facts as facts
from glutewake.store.coaching_facts import DaySets


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


def _outline(data: Mapping[str, Any]) -> Outline | None:
    try:
        start = date.fromisoformat(str(data["start"]))
        preferences = Preferences.parse(data["preferences"])
    except (KeyError, TypeError, ValueError, InvalidInputError):  # shown without its sessions
        return None
    end = start + timedelta(weeks=preferences.weeks, days=-1)
    return Outline(start, end, frozenset(day.number for day in preferences.days))


def outlines(work: Work, program_ids: Collection[int]) -> dict[int, Outline | None]:
    """Each program's outline, kept per program id (an adaptation never changes it)."""
    found: dict[int, Outline | None] = {}
    missing = []
    for program_id in program_ids:
        key = ("program-outline", program_id)
        known = work.previews.get(key)
        if known is None:
            missing.append(program_id)
        else:
            found[program_id] = known or None
    for program_id, data in facts.program_outlines(work.db, missing).items():
        outline = _outline(data)
        work.previews.put(("program-outline", program_id), outline or False)
        found[program_id] = outline
    return found


def _pain(days: list[DaySets]) -> PainSummary:
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
    db = work.db
    clients = facts.clients(db, coach)
    screenings = facts.newest_screenings(db, coach)
    program_ids = facts.current_program_ids(db, coach)
    programs = outlines(work, set(program_ids.values()))
    last_logged = facts.last_logged_days(db, coach)
    by_person: dict[int, list[DaySets]] = {}
    for day in facts.sets_by_day(db, coach, since, not_glute_work(work)):
        by_person.setdefault(day.person_id, []).append(day)
    client_facts = []
    for client in clients:
        screening = screenings.get(client.person_id)
        program_id = program_ids.get(client.person_id)
        outline = programs.get(program_id) if program_id is not None else None
        days = by_person.get(client.person_id, [])
        window = [d for d in days if d.day >= missed_from]
        client_facts.append(
            ClientFacts(
                person_id=client.person_id,
                name=client.name,
                gate=Gate(screening.gate) if screening else None,
                cleared=screening.cleared if screening else False,
                gate_reasons=screening.gate_reasons if screening else (),
                screened_on=screening.taken_at if screening else None,
                program_start=outline.start if outline else None,
                program_end=outline.end if outline else None,
                training_weekdays=outline.weekdays if outline else frozenset(),
                logged_days=frozenset(d.day for d in window),
                last_logged=last_logged.get(client.person_id),
                recent_pain=_pain([d for d in days if recent_from <= d.day <= today]),
                earlier_pain=_pain([d for d in days if earlier_from <= d.day < recent_from]),
                glute_sets=sum(d.glute_sets for d in window),
                glute_hits=sum(d.glute_hits for d in window),
            )
        )
    by_id = {f.person_id: f for f in client_facts}
    ranked = rank(client_facts, today, settings)
    return Dashboard(today, tuple(DashboardRow(a, by_id[a.person_id]) for a in ranked))

"""The coach's attention dashboard: every linked client, who needs attention most first.

One query per table for all the coach's clients (``store.coaching_facts``), never one per
client, so it stays fast with a thousand clients; the ranking is ``coaching.attention``. Each
client's row is kept for the process between looks and worked out again only when what it
depends on changed (read from indexes at every look); ``warm_up`` works every coach's
dashboard out as the web app starts.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from threading import Event, Lock, Thread
from typing import Any

from glutewake.application.coach_scope import coach_account
from glutewake.application.context import App, Memo, Scope, Work
from glutewake.catalogue.schema import Category
from glutewake.coaching.attention import (
    DEFAULT_SETTINGS,
    Attention,
    AttentionSettings,
    ClientFacts,
    PainSummary,
    order_key,
    reasons,
)
from glutewake.errors import InvalidInputError
from glutewake.programming.preferences import Preferences
from glutewake.screening.profile import Gate
from glutewake.store import coaching_facts as facts
from glutewake.store.coaching_facts import ClientRow, DaySets, Gatekeeping


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
# each coach's rows of the day, each with what it was worked out from.
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


def days_of_sets(work: Work, since: date, people: Collection[int]) -> dict[int, list[DaySets]]:
    """These clients' sets per day from ``since`` (one query for all of them)."""
    found: dict[int, list[DaySets]] = {person: [] for person in people}
    for day in facts.sets_by_day(work.db, found, since, not_glute_work(work)):
        found[day.person_id].append(day)
    return found


def _pain(days: Sequence[DaySets]) -> PainSummary:
    sets = sum(d.sets for d in days)
    if not sets:
        return PainSummary()
    average = round(sum(d.pain_total for d in days) / sets, 1)
    return PainSummary(sets, average, max(d.pain_highest for d in days))


def not_glute_work(work: Work) -> list[str]:
    catalogue = work.catalogue
    return [i for i in catalogue.ids if catalogue.get(i).category is Category.MOBILITY]


@dataclass(frozen=True)
class _Windows:
    """The days each reason looks at, as of ``today``."""

    today: date
    recent_from: date  # pain
    earlier_from: date  # the pain before
    missed_from: date  # missed sessions, sets felt elsewhere

    @classmethod
    def of(cls, today: date, settings: AttentionSettings) -> _Windows:
        recent_from = today - timedelta(days=settings.recent_days - 1)
        earlier_from = recent_from - timedelta(days=settings.earlier_days)
        return cls(today, recent_from, earlier_from, today - timedelta(days=settings.missed_days))

    @property
    def since(self) -> date:
        return min(self.earlier_from, self.missed_from)


@dataclass(frozen=True)
class _Kept:
    """A client's row as last worked out, with what it was worked out from."""

    source: Hashable
    row: DashboardRow
    order: tuple[Any, ...]


def _facts(
    client: ClientRow,
    cleared: bool,
    screening: Gatekeeping | None,
    outline: Outline | None,
    days: Sequence[DaySets],
    windows: _Windows,
) -> ClientFacts:
    window = [d for d in days if d.day >= windows.missed_from]
    recent = [d for d in days if windows.recent_from <= d.day <= windows.today]
    earlier = [d for d in days if windows.earlier_from <= d.day < windows.recent_from]
    return ClientFacts(
        person_id=client.person_id,
        name=client.name,
        gate=Gate(screening.gate) if screening else None,
        cleared=cleared,
        gate_reasons=screening.reasons if screening else (),
        screened_on=screening.taken_on if screening else None,
        program_start=outline.start if outline else None,
        program_end=outline.end if outline else None,
        training_weekdays=outline.weekdays if outline else frozenset(),
        logged_days=frozenset(d.day for d in window),
        last_logged=client.last_logged,
        recent_pain=_pain(recent),
        earlier_pain=_pain(earlier),
        glute_sets=sum(d.glute_sets for d in window),
        glute_hits=sum(d.glute_hits for d in window),
    )


def _worked_out(
    work: Work,
    changed: Sequence[tuple[ClientRow, Hashable]],
    cleared: Collection[int],
    windows: _Windows,
    settings: AttentionSettings,
) -> dict[int, _Kept]:
    """The rows of these clients, from one query per table for all of them."""
    wanted = [client for client, _ in changed]
    screenings = gates(
        work, {c.screening_id: (c.person_id, c.screened_at) for c in wanted if c.screening_id}
    )
    programs = outlines(
        work, {c.program_id: (c.person_id, c.program_made_at) for c in wanted if c.program_id}
    )
    by_person = days_of_sets(work, windows.since, [c.person_id for c in wanted if c.sets_since])
    rows = {}
    for client, source in changed:
        found = _facts(
            client,
            client.screening_id in cleared,
            screenings.get(client.screening_id) if client.screening_id else None,
            programs.get(client.program_id) if client.program_id else None,
            by_person.get(client.person_id, ()),
            windows,
        )
        attention = Attention(found.person_id, found.name, reasons(found, windows.today, settings))
        order = order_key(attention, found)
        rows[client.person_id] = _Kept(source, DashboardRow(attention, found), order)
    return rows


_locks: dict[Hashable, Lock] = {}
_locks_lock = Lock()


def _lock_for(key: Hashable) -> Lock:
    with _locks_lock:
        return _locks.setdefault(key, Lock())


def dashboard(work: Work, settings: AttentionSettings = DEFAULT_SETTINGS) -> Dashboard:
    """Every client of the scope's coach, ranked by who needs attention most.

    A client's row is worked out again only when something it depends on changed: their row of
    ``coaching_facts.clients`` (newest check, program, last day, number of recent sets), the
    clearance of their check or their corrected sets; the other rows are kept from the last look.
    """
    coach = coach_account(work)
    windows = _Windows.of(work.clock.today(), settings)
    where = _database(work)
    board = (where, "board", coach, windows.today, settings)
    # One look at a time per coach: a second one waits, then finds the first one's rows kept.
    with _lock_for((where, coach)):
        clients = facts.clients(work.db, coach, windows.since)
        cleared = facts.cleared_screenings(work.db, coach)
        corrected = facts.corrected_sets(work.db, coach, windows.since)
        kept: dict[int, _Kept] = _kept.get(board) or {}
        rows: dict[int, _Kept] = {}
        changed: list[tuple[ClientRow, Hashable]] = []
        for client in clients:
            source = (client, client.screening_id in cleared, corrected.get(client.person_id))
            found = kept.get(client.person_id)
            if found is not None and found.source == source:
                rows[client.person_id] = found
            else:
                changed.append((client, source))
        if changed:
            rows.update(_worked_out(work, changed, cleared, windows, settings))
        _kept.put(board, rows)
    order = sorted(rows.values(), key=lambda found: found.order)
    return Dashboard(windows.today, tuple(found.row for found in order))


def warm_up(app: App, stop: Event | None = None) -> None:
    """Work out every coach's dashboard once, the coach with the most clients first, so that
    a coach's first look after a start finds it kept (``web.app`` calls it as the app starts);
    stops between two coaches when ``stop`` is set."""
    with app.work(Scope(0, 0, role="coach", read_only=True)) as work:
        coaches = facts.coaches(work.db)
    for coach in coaches:
        if stop is not None and stop.is_set():
            return
        with app.work(Scope(coach, coach, account_id=coach, role="coach", read_only=True)) as work:
            dashboard(work)


@contextmanager
def warming_up(app: App) -> Iterator[None]:
    """``warm_up`` in the background while the block runs (a server's life): requests are
    answered meanwhile; at the end it stops after the coach it is working on."""
    stop = Event()
    thread = Thread(target=warm_up, args=(app, stop), name="coach-dashboards", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()

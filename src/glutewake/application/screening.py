"""Screening use cases: take a screening, record a clearance, the profile, history, compare."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from glutewake.application.context import Work
from glutewake.application.safety import clearance_terms
from glutewake.errors import (
    ConflictError,
    FieldProblem,
    InvalidInputError,
    NotFoundError,
    SafetyGateError,
)
from glutewake.screening.answers import parse_answers
from glutewake.screening.clearance import ClearanceTerms, Restriction
from glutewake.screening.compare import Comparison, compare_profiles
from glutewake.screening.data import load_screening_data
from glutewake.screening.profile import Gate, Profile
from glutewake.screening.scoring import build_profile, red_flags_only_profile
from glutewake.store import repository as repo
from glutewake.store.repository import ScreeningRecord as ScreeningRecord

MAX_CLEARED_BY = 200
MAX_NOTE = 2000


@dataclass(frozen=True)
class Scored:
    """Validated answers and the profile they give, not stored yet."""

    answers: Mapping[str, Any]
    profile: Profile


def score(raw_answers: Any) -> Scored:
    """Validate and score the answers; every problem is listed, and nothing is touched."""
    data = load_screening_data()
    answers = parse_answers(raw_answers, data)
    return Scored(answers.to_mapping(), build_profile(answers, data))


def store(work: Work, scored: Scored) -> ScreeningRecord:
    screening_id = repo.save_screening(
        work.db, work.person_id, scored.answers, scored.profile, work.clock.now()
    )
    return repo.get_screening(work.db, work.person_id, screening_id)


def record_red_flags(work: Work, flag_ids: Sequence[str]) -> ScreeningRecord:
    """Store a stop as soon as a red flag is raised, before the rest of the questions.

    The newest screening then pauses any program at once, even if the person stops here.
    Raising the same flags again (going back and forth) stores nothing new.
    """
    data = load_screening_data()
    flags = sorted({data.red_flag(flag_id).id for flag_id in flag_ids})
    answers = {"red_flags": flags}
    newest = repo.latest_screening(work.db, work.person_id)
    if newest is not None and dict(newest.answers) == answers:
        return newest
    profile = red_flags_only_profile(flags, data)
    return store(work, Scored(answers, profile))


def take(work: Work, raw_answers: Any) -> ScreeningRecord:
    """Score the answers and store the screening (nothing is stored if any answer is invalid)."""
    return store(work, score(raw_answers))


@dataclass(frozen=True)
class ProfileView:
    record: ScreeningRecord
    clearance: ClearanceTerms | None
    has_program: bool

    @property
    def can_plan(self) -> bool:
        gate = self.record.profile.gate
        return gate is Gate.GO or (gate is Gate.CLEARANCE and self.clearance is not None)


def latest(work: Work) -> ScreeningRecord | None:
    return repo.latest_screening(work.db, work.person_id)


def newest(work: Work) -> ProfileView:
    record = repo.latest_screening(work.db, work.person_id)
    if record is None:
        raise NotFoundError(
            "You have not done the screening yet.",
            hint="Take the screening first (the web app's Start, or `glutewake screen`); it "
            "takes about ten minutes.",
        )
    has_program = repo.current_program_text(work.db, work.person_id) is not None
    return ProfileView(record, clearance_terms(work, record), has_program)


def record_clearance(
    work: Work,
    cleared_by: str,
    note: str,
    restrictions: Sequence[str] = (),
    names: Mapping[str, str] | None = None,
) -> ProfileView:
    """Record that a professional cleared the newest screening that asks for it.

    ``names`` renames the fields in error messages to what the person typed (CLI options).
    """
    names = names or {}
    cleared_by, note = cleared_by.strip(), note.strip()
    problems = []
    if not 2 <= len(cleared_by) <= MAX_CLEARED_BY:
        problems.append(
            FieldProblem(
                "cleared_by", f"name the doctor or physiotherapist (2-{MAX_CLEARED_BY} characters)"
            )
        )
    if len(note) > MAX_NOTE:
        problems.append(FieldProblem("note", f"keep the note under {MAX_NOTE} characters"))
    known = {r.value for r in Restriction}
    for value in restrictions:
        if value not in known:
            problems.append(
                FieldProblem(
                    "restrictions", f"{value[:40]!r} is not one of: {', '.join(sorted(known))}"
                )
            )
    if problems:
        renamed = [FieldProblem(names.get(p.field, p.field), p.message) for p in problems]
        raise InvalidInputError("clearance", renamed)
    view = newest(work)
    record = view.record
    if record.profile.gate is Gate.STOP:
        raise SafetyGateError(
            f"Screening {record.id} found a warning sign: a clearance cannot lift it.",
            hint="Seek the care it names; once that is dealt with, take the screening again.",
        )
    if record.profile.gate is Gate.GO:
        raise ConflictError(
            f"Screening {record.id} does not need a clearance (nothing in it asks for one).",
            hint="Nothing to record: you can go ahead.",
        )
    if view.clearance is not None:
        raise ConflictError(
            f"A clearance for screening {record.id} is already recorded.",
            hint="It is shown on your profile (and by `glutewake screen --history`).",
        )
    chosen = [value for value in known if value in set(restrictions)]
    repo.record_clearance(
        work.db, work.person_id, record.id, cleared_by, note, work.clock.now(), sorted(chosen)
    )
    return newest(work)


@dataclass(frozen=True)
class Cleared:
    record: ScreeningRecord
    clearance: ClearanceTerms | None


def history(work: Work) -> list[Cleared]:
    return [
        Cleared(record, clearance_terms(work, record))
        for record in repo.screenings(work.db, work.person_id)
    ]


@dataclass(frozen=True)
class Compared:
    before: ScreeningRecord
    after: ScreeningRecord
    comparison: Comparison


def compare(work: Work, ids: Sequence[int] = ()) -> Compared:
    """Two screenings side by side: the ones named, or the last two."""
    if ids:
        if len(ids) != 2:
            problem = FieldProblem("ids", f"give two screening ids to compare, got {len(ids)}")
            raise InvalidInputError("comparison", [problem])
        before, after = (repo.get_screening(work.db, work.person_id, i) for i in ids)
    else:
        records = repo.screenings(work.db, work.person_id)
        if len(records) < 2:
            raise NotFoundError(
                f"A comparison needs two screenings; {len(records)} stored.",
                hint="Take another screening (`glutewake screen`).",
            )
        before, after = records[-2:]
    return Compared(before, after, compare_profiles(before.profile, after.profile))

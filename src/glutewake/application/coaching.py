"""A coach's use cases for one client: overview, assign, templates, notes, clearance.

Each takes a ``Work`` whose scope is the coach acting for the client (resolved by
``application.access``); the edits to a client's program are in ``application.coach_edits``
and the dashboard across clients in ``application.coach_dashboard``. Every change writes an
audit event (who, when, what, why) in the same transaction as the change itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from glutewake.application import programs, progress
from glutewake.application import screening as screening_cases
from glutewake.application.coach_edits import leave_out
from glutewake.application.coach_scope import audit, check_reason, check_text, client_of_coach
from glutewake.application.context import Work
from glutewake.application.safety import require_training_allowed
from glutewake.programming.preferences import Preferences
from glutewake.store import accounts
from glutewake.store import coaching as store
from glutewake.store.coaching import AuditRecord, NoteRecord, TemplateRecord

MAX_NOTE = 2000
MAX_TEMPLATE_NAME = 120


# -- overview --------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditLine:
    record: AuditRecord
    who: str  # the account's email, or "the client" for changes without an account

    @property
    def what(self) -> str:
        return str(self.record.detail.get("what", self.record.action))


@dataclass(frozen=True)
class ClientOverview:
    person_id: int
    name: str
    screenings: list[screening_cases.Cleared]
    program: programs.ProgramView
    progress: progress.ProgressView
    notes: list[NoteRecord]
    audit: list[AuditLine]
    templates: list[TemplateRecord]


def _who(work: Work, records: Sequence[AuditRecord]) -> dict[int, str]:
    ids = {r.actor_account_id for r in records if r.actor_account_id is not None}
    found = {i: accounts.account_by_id(work.db, i) for i in sorted(ids)}
    return {i: account.email for i, account in found.items() if account is not None}


def audit_lines(work: Work) -> list[AuditLine]:
    records = store.audit_trail(work.db, work.person_id)
    who = _who(work, records)
    return [
        AuditLine(r, who.get(r.actor_account_id, "the client") if r.actor_account_id else "")
        for r in records
    ]


def overview(work: Work) -> ClientOverview:
    """Everything a coach sees of one client: screenings, program, progress, notes, audit."""
    coach = client_of_coach(work)
    return ClientOverview(
        person_id=work.person_id,
        name=store.person_name(work.db, work.person_id),
        screenings=screening_cases.history(work),
        program=programs.show(work),
        progress=progress.show(work),
        notes=store.notes(work.db, work.person_id),
        audit=audit_lines(work),
        templates=store.templates(work.db, coach),
    )


def client_notes(work: Work) -> list[NoteRecord]:
    """The coach's notes for the scope's person (what the client sees), newest first."""
    return store.notes(work.db, work.person_id)


# -- notes and clearance ---------------------------------------------------------------


def add_note(work: Work, text: str) -> int:
    coach = client_of_coach(work)
    text = check_text("text", text, MAX_NOTE, "note")
    note_id = store.add_note(work.db, work.person_id, coach, work.clock.now(), text)
    audit(work, "note", "Added a note for the client.", "", note_id=note_id, text=text)
    return note_id


def record_clearance(
    work: Work, cleared_by: str, note: str, restrictions: Sequence[str], reason: str
) -> screening_cases.ProfileView:
    """Record a professional's clearance for the client; the audit keeps who gave it."""
    client_of_coach(work)
    reason = check_reason(reason, "clearance")
    view = screening_cases.record_clearance(work, cleared_by, note, restrictions)
    terms = view.clearance
    assert terms is not None
    audit(
        work,
        "clearance",
        f"Recorded the clearance by {terms.cleared_by} for screening {view.record.id}.",
        reason,
        screening_id=view.record.id,
        cleared_by=terms.cleared_by,
        note=terms.note,
        restrictions=[r.value for r in terms.restrictions],
    )
    return view


# -- assign a program ------------------------------------------------------------------


def assign_generated(work: Work, requested: Mapping[str, Any], reason: str) -> programs.PlanResult:
    """Build the client a new program from their newest screening (the safety gate holds)."""
    client_of_coach(work)
    reason = check_reason(reason, "program")
    result = programs.plan(work, requested, rebuild=True)
    audit(
        work,
        "assign-program",
        "Assigned a new program built from the client's newest screening.",
        reason,
        program_id=result.program_id,
        preferences=result.program.preferences.model_dump(mode="json"),
    )
    return result


def save_template(work: Work, name: str) -> int:
    """Keep the client's current program's inputs (and what it leaves out) as a template."""
    coach = client_of_coach(work)
    name = check_text("name", name, MAX_TEMPLATE_NAME, "template")
    current = programs.require_program(work).program
    data = {
        "preferences": current.preferences.model_dump(mode="json"),
        "avoided": dict(current.avoided),
    }
    template_id = store.save_template(work.db, coach, name, data, work.clock.now())
    audit(
        work,
        "save-template",
        f"Saved this client's program as the template “{name}”.",
        "",
        template_id=template_id,
    )
    return template_id


def assign_template(work: Work, template_id: int, reason: str) -> programs.PlanResult:
    """Build the client a program from a copy of a template's inputs, for their screening.

    The template is read once and copied into the new program: editing the template later
    leaves the program as it is. The client's screening decides what is safe, as always.
    """
    coach = client_of_coach(work)
    reason = check_reason(reason, "program")
    require_training_allowed(work)
    template = store.template(work.db, coach, template_id)
    preferences = Preferences.parse(template.data.get("preferences", {}))
    result = programs.plan(work, preferences.model_dump(mode="json"), rebuild=True)
    avoided = {str(k): str(v) for k, v in dict(template.data.get("avoided", {})).items()}
    if avoided and result.program_id is not None:
        leave_out(work, avoided)
    audit(
        work,
        "assign-template",
        f"Assigned the template “{template.name}”.",
        reason,
        template_id=template.id,
        program_id=result.program_id,
        template=template.data,
    )
    return result


def overview_name(work: Work) -> str:
    """The client's name, for the pages that show their records to their coach."""
    client_of_coach(work)
    return store.person_name(work.db, work.person_id)


NOTES_SHOWN = 3


def notes_to_show(work: Work) -> list[NoteRecord]:
    """The coach's newest notes for a client acting for themself (none in solo use)."""
    if work.scope.role != "client":
        return []
    return store.notes(work.db, work.person_id, limit=NOTES_SHOWN)

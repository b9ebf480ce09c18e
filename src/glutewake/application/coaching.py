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
from glutewake.application.coach_edits import FORBIDDEN_BY_COACH, leave_out
from glutewake.application.coach_scope import audit, check_reason, check_text, client_of_coach
from glutewake.application.context import Work
from glutewake.application.safety import require_training_allowed
from glutewake.coaching import templates as plan_of
from glutewake.coaching.templates import TemplateNote
from glutewake.programming.preferences import Preferences
from glutewake.programming.program import Program
from glutewake.store import accounts
from glutewake.store import coaching as store
from glutewake.store import repository as repo
from glutewake.store.coaching import AuditRecord, NoteRecord, TemplateRecord

MAX_NOTE = 2000
MAX_TEMPLATE_NAME = 120
# What a template never decides for a client who gave it: what they have and where they train.
CLIENTS_OWN = ("equipment", "can_floor")


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
    template_exercises: dict[int, list[TemplatePhase]]


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
        templates=(kept := store.templates(work.db, coach)),
        template_exercises={t.id: template_exercises(work, t) for t in kept},
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
    """Keep the client's current program as a template: each phase's sessions with their
    exercises and doses (the coach's swaps, doses and pins included), its inputs, and the
    exercises the coach left out."""
    coach = client_of_coach(work)
    name = check_text("name", name, MAX_TEMPLATE_NAME, "template")
    current = programs.require_program(work).program
    sessions = plan_of.sessions_of(current, work.clock.today())
    data = {
        "preferences": current.preferences.model_dump(mode="json"),
        "avoided": {k: v for k, v in current.avoided.items() if v.startswith(FORBIDDEN_BY_COACH)},
        "sessions": [session.model_dump(mode="json") for session in sessions],
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


@dataclass(frozen=True)
class TemplatePhase:
    """A template's exercises of one phase and session variant, in words, for the coach."""

    phase: str
    variant: str
    exercises: list[str]  # "Glute bridge: 3 x 10"


def template_exercises(work: Work, template: TemplateRecord) -> list[TemplatePhase]:
    sessions = plan_of.parse_sessions(template.data.get("sessions", []))
    catalogue = work.catalogue

    def name(exercise_id: str) -> str:
        return catalogue.get(exercise_id).name if exercise_id in catalogue else exercise_id

    return [
        TemplatePhase(
            session.phase.value,
            session.variant,
            [f"{name(i.exercise_id)}: {i.sets} x {i.target}" for i in session.items],
        )
        for session in sessions
    ]


@dataclass(frozen=True)
class AssignedTemplate:
    """The client's new program from a template, and what of it changed for them and why."""

    program_id: int | None
    program: Program
    notes: tuple[TemplateNote, ...]


def assign_template(work: Work, template_id: int, reason: str) -> AssignedTemplate:
    """Build the client a program from a copy of a template, for their own screening.

    The program is built through the normal plan path (the safety gate, their calendar,
    clearance and level caps; the template's time, days, weeks and context, with the client's
    own equipment and floor when they gave them), then each session gets the template's exercises and doses,
    each checked for this client: one they cannot do is replaced or left out, with the reason
    in ``notes``, in the client's adjustments and in the audit event. The template is read
    once and copied: editing it later leaves the program as it is.
    """
    coach = client_of_coach(work)
    reason = check_reason(reason, "program")
    require_training_allowed(work)
    template = store.template(work.db, coach, template_id)
    chosen = Preferences.parse(template.data.get("preferences", {})).model_dump(mode="json")
    if programs.saved_preferences(work) is not None:
        chosen = {k: v for k, v in chosen.items() if k not in CLIENTS_OWN}
    result = programs.plan(work, chosen, rebuild=True)
    avoided = {str(k): str(v) for k, v in dict(template.data.get("avoided", {})).items()}
    sessions = plan_of.parse_sessions(template.data.get("sessions", []))
    program, notes = result.program, tuple[TemplateNote, ...]()
    if sessions and result.program_id is not None:
        applied = plan_of.apply(program, sessions, work.catalogue, template.name, avoided)
        program, notes = applied.program, applied.notes
        repo.replace_program(
            work.db, work.person_id, result.program_id, program.model_dump(mode="json")
        )
        for note in notes:
            repo.record_adjustment(
                work.db,
                work.person_id,
                result.program_id,
                work.clock.today(),
                note.exercise_id or "",
                f"template: {note.action}"
                + (f" -> {note.new_exercise_id}" if note.new_exercise_id else ""),
                note.describe(),
            )
    elif avoided and result.program_id is not None:
        leave_out(work, avoided)
        program = programs.require_program(work).program
    what = f"Assigned the template “{template.name}”."
    if notes:
        what += " For this client: " + " ".join(note.describe() for note in notes)
    audit(
        work,
        "assign-template",
        what,
        reason,
        template_id=template.id,
        program_id=result.program_id,
        template=template.data,
        changes=[note.describe() for note in notes],
    )
    return AssignedTemplate(result.program_id, program, notes)


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

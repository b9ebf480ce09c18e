"""A coach's program template as plain data, and how it becomes another client's sessions. Pure.

A template keeps, for each phase and session variant (A, B), the blocks of the program it was
taken from with their exercises and doses: the session after today of that kind (where a
coach's swaps, doses and pins apply), or the phase's last one when none is left.

Applied to a program freshly built for another client (their calendar, their phases, their
clearance and level caps, through the normal plan path), every session of a phase and variant
the template has gets the template's exercises instead of the builder's, each under the same
checks a coach's own swap or pin goes through (``programming.eligibility.usable``, the phase's
level cap, the session's time). An exercise the client cannot do is replaced by an easier or
similar one (``programming.alternatives``) or left out, and every such change is returned as a
:class:`TemplateNote` with its reason, never made silently. A phase the template has no
sessions for keeps the client's own built sessions (also noted).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from pydantic import BaseModel, ConfigDict, Field

from glutewake.catalogue.catalogue import Catalogue
from glutewake.catalogue.schema import Phase
from glutewake.programming.alternatives import alternatives
from glutewake.programming.cues import default_cue
from glutewake.programming.eligibility import in_phase, usable
from glutewake.programming.items import make_item
from glutewake.programming.program import Block, BlockKind, Item, Program, Session
from glutewake.programming.timing import time_cost
from glutewake.progression.draft import Draft
from glutewake.progression.edits import dose_cap, with_item

MAX_SETS = 10  # the same product limit as a coach's dose change


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TemplateItem(_Model):
    exercise_id: str = Field(min_length=1, max_length=80)
    sets: int = Field(ge=1, le=MAX_SETS)
    target: int = Field(ge=1, le=600)
    pair: str | None = None


class TemplateBlock(_Model):
    kind: BlockKind
    title: str
    reason: str
    items: tuple[TemplateItem, ...]


class TemplateSession(_Model):
    phase: Phase
    variant: str
    blocks: tuple[TemplateBlock, ...]

    @property
    def items(self) -> tuple[TemplateItem, ...]:
        return tuple(item for block in self.blocks for item in block.items)


def sessions_of(program: Program, today: date) -> tuple[TemplateSession, ...]:
    """Each phase and variant's exercises and doses: its first session after ``today``, else
    its last one; in program order."""
    chosen: dict[tuple[Phase, str], Session] = {}
    for session in sorted(program.sessions, key=lambda s: s.number):
        key = (session.phase, session.variant)
        kept = chosen.get(key)
        if kept is None or kept.day <= today:
            chosen[key] = session
    return tuple(_template_session(session) for session in chosen.values())


def _template_session(session: Session) -> TemplateSession:
    blocks = tuple(
        TemplateBlock(
            kind=block.kind,
            title=block.title,
            reason=block.reason,
            items=tuple(
                TemplateItem(
                    exercise_id=i.exercise_id,
                    sets=min(i.sets, MAX_SETS),
                    target=i.target,
                    pair=i.pair,
                )
                for i in block.items
            ),
        )
        for block in session.blocks
    )
    return TemplateSession(phase=session.phase, variant=session.variant, blocks=blocks)


def parse_sessions(data: Iterable[object]) -> tuple[TemplateSession, ...]:
    return tuple(TemplateSession.model_validate(entry) for entry in data)


@dataclass(frozen=True)
class TemplateNote:
    """What the template's exercise became for this client, and why (not silently)."""

    action: str  # "replaced", "left out", "fewer sets" or "built for the client"
    name: str  # the exercise's name (or the phase's, for "built for the client")
    reason: str
    phases: tuple[Phase, ...]
    exercise_id: str | None = None
    new_exercise_id: str | None = None
    new_name: str | None = None

    def describe(self) -> str:
        where = ", ".join(p.value for p in self.phases)
        if self.action == "replaced":
            return f"{self.name} replaced by {self.new_name} ({where}): {self.reason}."
        if self.action == "built for the client":
            return f"The template has no {where} sessions: {self.reason}."
        return f"{self.name} {self.action} ({where}): {self.reason}."


@dataclass(frozen=True)
class Applied:
    program: Program
    notes: tuple[TemplateNote, ...]


class _Notes:
    """Notes gathered session by session, one per exercise, change and reason."""

    def __init__(self) -> None:
        self._found: dict[tuple[str, str | None, str | None, str], TemplateNote] = {}

    def add(self, note: TemplateNote, phase: Phase) -> None:
        key = (note.action, note.exercise_id or note.name, note.new_exercise_id, note.reason)
        kept = self._found.get(key, note)
        phases = kept.phases if phase in kept.phases else (*kept.phases, phase)
        self._found[key] = replace(kept, phases=phases)

    def all(self) -> tuple[TemplateNote, ...]:
        return tuple(self._found.values())


def apply(
    program: Program,
    sessions: Sequence[TemplateSession],
    catalogue: Catalogue,
    name: str,
    avoided: Mapping[str, str] | None = None,
) -> Applied:
    """``program`` (built for the client) with the template's exercises in every session of a
    phase and variant it has; ``avoided`` (exercise id -> why: the coach's exclusions) joins
    the program's own list and is left out everywhere."""
    program = program.model_copy(update={"avoided": {**program.avoided, **(avoided or {})}})
    by_kind = {(s.phase, s.variant): s for s in sessions}
    by_phase = {s.phase: s for s in reversed(sessions)}
    draft = Draft(program, catalogue, program.start - timedelta(days=1))  # every session
    notes = _Notes()
    for session in draft.sessions:
        wanted = by_kind.get((session.phase, session.variant)) or by_phase.get(session.phase)
        if wanted is None:
            why = "those sessions were built for the client from their own screening"
            notes.add(
                TemplateNote("built for the client", session.phase.value, why, ()), session.phase
            )
            draft.replace(session, _without_avoided(session, program.avoided))
            continue
        writer = _SessionWriter(program, session, catalogue, name, notes)
        draft.replace(session, writer.write(wanted))
    result = draft.result()
    line = (
        f"Your coach chose the exercises and doses of these sessions (the template “{name}”); "
        "each was checked against your screening, clearance, equipment and time."
    )
    return Applied(
        result.model_copy(update={"explanation": (line, *result.explanation)}), notes.all()
    )


def _without_avoided(session: Session, avoided: Mapping[str, str]) -> Session:
    for item in session.items:
        if item.exercise_id in avoided:
            session = with_item(session, item.exercise_id, None)
    return session


class _SessionWriter:
    """One session of the client's program written from a template session."""

    def __init__(
        self, program: Program, session: Session, catalogue: Catalogue, name: str, notes: _Notes
    ) -> None:
        self.program = program
        self.session = session
        self.catalogue = catalogue
        self.why = f"From your coach's template “{name}”."
        self.notes = notes
        self.cap = program.level_caps.get(session.phase.value, 1)
        self.placeholder = session  # the session's template items, once known (write)
        self.present: set[str] = set()

    def note(self, action: str, item: Item, reason: str, new: Item | None = None) -> None:
        self.notes.add(
            TemplateNote(
                action,
                item.name,
                reason,
                (),
                item.exercise_id,
                new.exercise_id if new else None,
                new.name if new else None,
            ),
            self.session.phase,
        )

    def write(self, wanted: TemplateSession) -> Session:
        planned = {entry: self._planned(entry) for entry in wanted.items}
        self.placeholder = self.session.model_copy(
            update={
                "blocks": (
                    Block(
                        kind=BlockKind.MAIN,
                        title="",
                        reason="",
                        items=tuple(i for i in planned.values() if i is not None),
                    ),
                )
            }
        )
        blocks = []
        for block in wanted.blocks:
            items = [
                item
                for entry in block.items
                if (item := self._item(entry, planned[entry])) is not None
            ]
            if items:
                blocks.append(
                    Block(
                        kind=block.kind, title=block.title, reason=block.reason, items=tuple(items)
                    )
                )
        written = self._fit(blocks)
        if not written.items:
            reason = "none of the template's exercises suits the client here"
            self.notes.add(
                TemplateNote("built for the client", self.session.phase.value, reason, ()),
                self.session.phase,
            )
            return _without_avoided(self.session, self.program.avoided)
        return written

    def _planned(self, entry: TemplateItem) -> Item | None:
        """The template's item as prescribed for this client (their sides and cue), dose kept
        within the exercise's range; None when the exercise is no longer in the catalogue."""
        if entry.exercise_id not in self.catalogue:
            return None
        exercise = self.catalogue.get(entry.exercise_id)
        cue = default_cue(exercise, self.program.compensation)
        item = make_item(
            exercise, entry.sets, entry.target, self.program.weaker_side, cue, self.why
        )
        target = min(max(entry.target, item.range_low), dose_cap(item))
        if target != entry.target:
            item = make_item(exercise, entry.sets, target, self.program.weaker_side, cue, self.why)
        return item.model_copy(update={"pair": entry.pair})

    def _item(self, entry: TemplateItem, item: Item | None) -> Item | None:
        if item is None:
            self.notes.add(
                TemplateNote(
                    "left out",
                    entry.exercise_id,
                    "it is no longer in the exercise library",
                    (),
                    entry.exercise_id,
                ),
                self.session.phase,
            )
            return None
        if item.exercise_id in self.present:
            return None
        why_not = self._why_not(item)
        if why_not is None:
            self.present.add(item.exercise_id)
            return item
        for option in alternatives(item, self.placeholder, self.program, self.catalogue):
            if option.exercise_id not in self.present and self._why_not(option) is None:
                self.present.add(option.exercise_id)
                self.note("replaced", item, why_not, option)
                return option.model_copy(
                    update={
                        "reason": f"Replaces {item.name} from your coach's template: {why_not}."
                    }
                )
        self.note("left out", item, f"{why_not}, and no easier or similar exercise suits them")
        return None

    def _why_not(self, item: Item) -> str | None:
        exercise = self.catalogue.get(item.exercise_id)
        program = self.program
        reason = usable(exercise, program.preferences, program.restrictions, program.avoided)
        if reason:
            return reason
        if exercise.level > self.cap:
            return f"level {exercise.level} is above this client's cap of {self.cap} here"
        if not in_phase(exercise, self.session.phase):
            return f"not for the {self.session.phase.value} phase"
        return None

    def _fit(self, blocks: list[Block]) -> Session:
        """The session in its time budget: sets cut one at a time from the item with the most,
        then the last items left out, each noted."""
        session = self.session.model_copy(
            update={"blocks": tuple(blocks), "estimated_seconds": _seconds(blocks)}
        )
        minutes = self.program.preferences.minutes
        cut: dict[str, Item] = {}
        while session.estimated_seconds > session.budget_seconds:
            items = [i for i in session.items if i.sets > 1]
            if items:
                item = max(items, key=lambda i: (i.sets, -session.items.index(i)))
                exercise = self.catalogue.get(item.exercise_id)
                seconds = time_cost(exercise, item.target, bool(item.extra_sets)).seconds(
                    item.sets - 1
                )
                smaller = item.model_copy(update={"sets": item.sets - 1, "seconds": seconds})
                cut.setdefault(item.exercise_id, item)
                session = with_item(session, item.exercise_id, smaller)
                continue
            last = session.items[-1]
            self.note("left out", last, f"it does not fit the client's {minutes}-minute session")
            cut.pop(last.exercise_id, None)
            session = with_item(session, last.exercise_id, None)
        for exercise_id, before in cut.items():
            after = next(i for i in session.items if i.exercise_id == exercise_id)
            reason = (
                f"{before.sets} to {after.sets} sets to fit the client's {minutes}-minute session"
            )
            self.note("fewer sets", before, reason)
        return session


def _seconds(blocks: Sequence[Block]) -> int:
    return sum(item.seconds for block in blocks for item in block.items)

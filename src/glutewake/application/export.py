"""Export, import and forget one person: the scope's person, never another one's records.

Export writes everything of the person as one JSON file (``person_file``); importing that file
into an empty store reproduces it exactly, down to each record's id, so exporting again gives
the same bytes. A file that is not whole, not glutewake's, of another format version or naming
records that are not in it is refused before anything is written; so is an import over
records the person has already, or over ids another person's records use.
"""

from __future__ import annotations

from dataclasses import dataclass

from glutewake.application.context import Work
from glutewake.application.person_file import FORMAT, VERSION, PersonFile, dump, load
from glutewake.errors import ConflictError
from glutewake.store import accounts, people


def export_person(work: Work) -> bytes:
    """Everything of the scope's person, as the export file's bytes."""
    records = people.person_records(work.db, work.person_id)
    person = people.person_row(work.db, work.person_id)
    document = PersonFile.model_validate(
        {"format": FORMAT, "version": VERSION, "person": person, **records}
    )
    return dump(document)


@dataclass(frozen=True)
class Imported:
    counts: dict[str, int]  # records written, by kind

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def import_person(work: Work, raw: bytes) -> Imported:
    """Write an export file's records as the scope's person's, each under its own id."""
    document = load(raw)
    if people.has_records(work.db, work.person_id):
        raise ConflictError(
            "You already have records in this store; an import only goes into an empty one, "
            "so nothing was changed.",
            hint="Import into a new data folder (set GLUTEWAKE_DATA_DIR), or export what is "
            "here first and then remove it with `glutewake forget`.",
        )
    records = document.model_dump()
    for name in people.TABLES:
        taken = people.ids_in_use(work.db, name, [record["id"] for record in records[name]])
        if taken:
            shown = ", ".join(str(number) for number in taken[:5])
            raise ConflictError(
                f"This store already has {name.replace('_', ' ')} with the ids {shown} (another "
                "person's records); nothing was changed.",
                hint="Import into a new data folder (set GLUTEWAKE_DATA_DIR).",
            )
    people.write_records(work.db, work.person_id, records)
    counts = {name: len(records[name]) for name in people.TABLES}
    counts.update({name: int(records[name] is not None) for name in people.DOCUMENTS})
    return Imported(counts)


FORGET_WORD = "forget"


def forget_person(work: Work, confirmation: str) -> int:
    """Delete every record of the scope's person, once they typed the confirmation word."""
    if confirmation.strip().lower() != FORGET_WORD:
        raise ConflictError(
            f"Nothing was deleted: the confirmation was not the word {FORGET_WORD!r}.",
            hint=f"Type {FORGET_WORD} to delete every record of yours for good; export them "
            "first if you may want them back.",
        )
    # With accounts on, the client's account, sessions, invites and coach's rows on them go too.
    links = accounts.forget_person_links(work.db, work.person_id)
    return links + people.delete_person(work.db, work.person_id)

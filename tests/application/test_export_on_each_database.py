"""A person exported from SQLite goes into either database whole, and the store goes on after it.

On PostgreSQL the import writes rows with their ids, so the id sequences must be moved past
them: the next screening, program and set after the import are new rows, not a clash.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

from programming_factories import profile
from store_factories import a_log, a_profile

from glutewake.application import App, Work, export
from glutewake.catalogue import default_catalogue
from glutewake.config import Settings
from glutewake.programming.builder import build_program
from glutewake.programming.preferences import Preferences
from glutewake.store import break_events, set_logs
from glutewake.store import repository as repo

PROGRAM = build_program(
    profile(), Preferences(minutes=10, weeks=4), default_catalogue(), date(2026, 10, 5)
)


@contextmanager
def store(folder: Path, database_url: str = "") -> Iterator[Work]:
    application = App.open(Settings(data_dir=folder, database_url=database_url))
    try:
        with application.work() as work:
            yield work
    finally:
        application.close()


def a_history(work: Work) -> None:
    db, me = work.db, work.person_id
    first = repo.save_screening(db, me, {"name": "Zoë"}, a_profile(), datetime(2026, 10, 1))
    repo.record_clearance(db, me, first, "Dr Lee", "no heavy loading", datetime(2026, 10, 2))
    data = PROGRAM.model_copy(update={"screening_id": first}).model_dump(mode="json")
    program = repo.save_program(db, me, data, datetime(2026, 10, 3))
    for number in range(3):
        set_logs.log_set(db, me, a_log(10 + number), key=f"phone-{number}")
    repo.record_adjustment(db, me, program, date(2026, 10, 9), "glute-bridge", "up", "easy")
    break_events.record_break(db, me, {"at": datetime(2026, 10, 9, 10), "kind": "break"})
    repo.save_preferences(db, me, {"minutes": 20})


def test_an_exported_person_imports_whole_and_new_records_follow(
    database_url: str, tmp_path: Path
) -> None:
    source = tmp_path / "source"
    source.mkdir()
    with store(source) as work:
        a_history(work)
    with store(source) as work:
        exported = export.export_person(work)
    with store(tmp_path, database_url) as work:
        export.import_person(work, exported)
    with store(tmp_path, database_url) as work:
        assert export.export_person(work) == exported
        me = work.person_id
        screening = repo.save_screening(work.db, me, {}, a_profile(), datetime(2026, 11, 1))
        data = PROGRAM.model_copy(update={"screening_id": screening}).model_dump(mode="json")
        program = repo.save_program(work.db, me, data, datetime(2026, 11, 1))
        logged = set_logs.log_set(work.db, me, a_log(20), key="after-import")
    with store(tmp_path, database_url) as work:
        assert [s.id for s in repo.screenings(work.db, work.person_id)][-1] == screening
        assert repo.current_program(work.db, work.person_id) is not None
        assert program > 1 and logged > 3
        assert [log.reps for log in set_logs.set_logs(work.db, work.person_id)] == [
            10,
            11,
            12,
            20,
        ]

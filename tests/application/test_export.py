"""Export and import one person: byte for byte through an empty store, bad files refused whole."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from flows import cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from programming_factories import profile
from store_factories import a_profile

from glutewake.application import App, Scope, Work, export
from glutewake.application.person_file import schema
from glutewake.catalogue import default_catalogue
from glutewake.config import Settings
from glutewake.errors import BadFileError, ConflictError
from glutewake.programming.builder import build_program
from glutewake.programming.preferences import Preferences
from glutewake.store import break_events, models, people
from glutewake.store import repository as repo
from glutewake.store import set_logs as logs_store
from glutewake.tracking.log import Felt, SetLog

SCHEMA_FILE = (
    Path(__file__).resolve().parents[2] / "docs" / "schema" / "glutewake-person-1.schema.json"
)
PROGRAM = build_program(
    profile(), Preferences(minutes=10, weeks=4), default_catalogue(), date(2025, 3, 3)
)


@contextmanager
def store(folder: Path, scope: Scope | None = None) -> Iterator[Work]:
    folder.mkdir(exist_ok=True)
    application = App.open(Settings(data_dir=folder))
    try:
        with application.work(scope) as work:
            yield work
    finally:
        application.close()


moments = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2027, 1, 1))
words = st.text(max_size=30)
json_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-1000, 1000),
    st.floats(allow_nan=False, allow_infinity=False),
    words,
)
json_objects = st.dictionaries(st.text(min_size=1, max_size=10), json_values, max_size=4)
set_logs = st.builds(
    SetLog,
    exercise_id=st.sampled_from(["glute-bridge", "clamshell", "gone-exercise"]),
    day=st.dates(min_value=date(2025, 1, 1), max_value=date(2025, 12, 31)),
    set_number=st.integers(1, 20),
    side=st.sampled_from([None, "left", "right"]),
    reps=st.integers(0, 200),
    effort=st.integers(1, 10),
    felt=st.sampled_from(
        [[Felt.GLUTES_LEFT], [Felt.HAMSTRINGS, Felt.GLUTES_RIGHT], [Felt.NOWHERE]]
    ),
    pain=st.integers(0, 10),
    logged_at=moments,
)
histories = st.fixed_dictionaries(
    {
        "screenings": st.lists(st.tuples(moments, json_objects), min_size=0, max_size=3),
        "cleared": st.lists(st.tuples(words, words, st.lists(words, max_size=2)), max_size=3),
        "programs": st.lists(moments, max_size=2),
        "sets": st.lists(st.tuples(st.text(min_size=1, max_size=40), set_logs), max_size=12),
        "changes": st.lists(st.tuples(st.dates(), words, words, words), max_size=4),
        "breaks": st.lists(st.tuples(moments, st.text(max_size=20), json_objects), max_size=4),
        "preferences": st.none() | json_objects,
        "break_settings": st.none() | json_objects,
        "name": st.text(min_size=1, max_size=20),
    }
)


def write_history(work: Work, history: dict[str, Any]) -> None:
    """Store a history the way the app stores each record."""
    db, me = work.db, work.person_id
    db.get(models.Person, me).name = history["name"]  # type: ignore[union-attr]
    screening_ids = [
        repo.save_screening(db, me, answers, a_profile(), taken_at)
        for taken_at, answers in history["screenings"]
    ]
    for screening_id, (by, note, limits) in zip(screening_ids, history["cleared"], strict=False):
        repo.record_clearance(db, me, screening_id, by, note, datetime(2025, 1, 2), limits)
    program_ids = []
    for number, created_at in enumerate(history["programs"]):
        made_from = screening_ids[number % len(screening_ids)] if screening_ids else None
        data = PROGRAM.model_copy(update={"screening_id": made_from}).model_dump(mode="json")
        program_ids.append(repo.save_program(db, me, data, created_at))
    seen = set()
    for key, log in history["sets"]:
        if key not in seen:
            seen.add(key)
            logs_store.log_set(db, me, log, key)
    for number, (day, exercise_id, change, reason) in enumerate(history["changes"]):
        program_id = program_ids[number % len(program_ids)] if program_ids else None
        repo.record_adjustment(db, me, program_id, day, exercise_id[:60], change, reason)
    for at, kind, data in history["breaks"]:
        break_events.record_break(db, me, {"at": at, "kind": kind or "break", **data})
    if history["preferences"] is not None:
        repo.save_preferences(db, me, history["preferences"])
    if history["break_settings"] is not None:
        repo.save_break_settings(db, me, history["break_settings"])


def validate_against_the_schema(raw: bytes) -> None:
    checker = jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    checker.validate(json.loads(raw))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories)
def test_export_import_export_gives_the_same_bytes(history: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as first, tempfile.TemporaryDirectory() as second:
        with store(Path(first)) as work:
            write_history(work, history)
        with store(Path(first)) as work:
            exported = export.export_person(work)
        validate_against_the_schema(exported)
        with store(Path(second)) as work:
            export.import_person(work, exported)
        with store(Path(second)) as work:
            assert export.export_person(work) == exported


def test_the_schema_file_is_the_formats_own() -> None:
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == schema(), "regenerate docs/schema/ from application.person_file.schema()"
    jsonschema.Draft202012Validator.check_schema(committed)


@pytest.fixture
def exported(tmp_path: Path) -> bytes:
    history = {
        "screenings": [(datetime(2025, 3, 1, 8), {"q": 1})],
        "cleared": [("Dr Lee", "ok", [])],
        "programs": [datetime(2025, 3, 2)],
        "sets": [
            (
                f"k{n}",
                SetLog(
                    exercise_id="glute-bridge",
                    day=date(2025, 3, 3),
                    set_number=n,
                    reps=10,
                    effort=5,
                    felt=[Felt.GLUTES_LEFT],
                    pain=0,
                    logged_at=datetime.combine(date(2025, 3, 3), time(8, n)),
                ),
            )
            for n in range(1, 4)
        ],
        "changes": [(date(2025, 3, 4), "glute-bridge", "regress", "it hurt")],
        "breaks": [(datetime(2025, 3, 4, 10), "break", {"outcome": "done"})],
        "preferences": {"minutes": 10},
        "break_settings": None,
        "name": "me",
    }
    with store(tmp_path / "source") as work:
        write_history(work, history)
        return export.export_person(work)


def edited(raw: bytes, change: Any) -> bytes:
    data = json.loads(raw)
    change(data)
    return json.dumps(data).encode()


BAD_FILES: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "cut short": (lambda raw: raw[: len(raw) // 2], "ends before its JSON is complete"),
    "not text": (lambda raw: b"\xff\xfe" + raw, "not text"),
    "foreign JSON": (lambda raw: b'{"hello": "world"}', "not a glutewake export"),
    "a list": (lambda raw: b"[1, 2]", "not a glutewake export"),
    "a newer version": (
        lambda raw: edited(raw, lambda d: d.update(version=2)),
        "format version 2; this glutewake reads version 1",
    ),
    "another person's screening": (
        lambda raw: edited(raw, lambda d: d["clearances"][0].update(screening_id=999)),
        "clearance 1 names screening 999, which is not in this file",
    ),
    "another person's program": (
        lambda raw: edited(raw, lambda d: d["adjustments"][0].update(program_id=77)),
        "names program 77, which is not in this file",
    ),
    "a broken set": (
        lambda raw: edited(raw, lambda d: d["set_logs"][0]["data"].update(effort=99)),
        "set_logs.0",
    ),
    "an unknown field": (
        lambda raw: edited(raw, lambda d: d.update(secret="x")),
        "secret: Extra inputs are not permitted",
    ),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_file_is_refused_and_changes_nothing(
    name: str, exported: bytes, tmp_path: Path
) -> None:
    spoil, message = BAD_FILES[name]
    with store(tmp_path / "target") as work, pytest.raises(BadFileError, match=message):
        export.import_person(work, spoil(exported))
    with store(tmp_path / "target") as work:
        assert not people.has_records(work.db, work.person_id)
    with store(tmp_path / "target") as work:
        export.import_person(work, exported)  # the good file still goes in


def test_an_import_over_records_or_over_anothers_ids_changes_nothing(
    exported: bytes, tmp_path: Path
) -> None:
    target = tmp_path / "target"
    with store(target) as work:
        export.import_person(work, exported)
        me = work.person_id
        before = export.export_person(work)
    with store(target) as work, pytest.raises(ConflictError, match="already have records"):
        export.import_person(work, exported)
    # Another person in the same store cannot take ids that are in use.
    with store(target) as work:
        other = models.Person(name="other", created_at=datetime(2025, 1, 1))
        work.db.add(other)
        work.db.flush()
        other_id = other.id
    with (
        store(target, Scope(other_id, other_id)) as work,
        pytest.raises(ConflictError, match="already has screenings with the ids 1"),
    ):
        export.import_person(work, exported)
    with store(target, Scope(me, me)) as work:
        assert export.export_person(work) == before


def test_forget_needs_the_word_and_leaves_other_people_alone(
    exported: bytes, tmp_path: Path
) -> None:
    target = tmp_path / "target"
    with store(target) as work:
        other = models.Person(name="other", created_at=datetime(2025, 1, 1))
        work.db.add(other)
        work.db.flush()
        repo.save_preferences(work.db, other.id, {"minutes": 30})  # a document: no id to clash
        other_id = other.id
    with store(target) as work:
        export.import_person(work, exported)
        me = work.person_id
    with store(target) as work, pytest.raises(ConflictError, match="Nothing was deleted"):
        export.forget_person(work, "yes")
    with store(target) as work:
        assert people.has_records(work.db, me)
        assert export.forget_person(work, " Forget ") == 3 + 1 + 1 + 1 + 1 + 1 + 1 + 1
    with store(target) as work:
        assert work.person_id != me  # a new local person, with nothing
        assert not people.has_records(work.db, work.person_id)
        assert people.has_records(work.db, other_id)


def test_the_commands_export_import_and_forget(
    exported: bytes, settings: Settings, tmp_path: Path
) -> None:
    source = tmp_path / "mine.json"
    source.write_bytes(exported)
    code, output = cli("import", str(source))
    assert code == 0, output
    assert "Imported 9 records: 1 screenings, 1 clearances, 1 programs, 3 set logs" in output
    target = tmp_path / "again.json"
    code, output = cli("export", str(target))
    assert code == 0, output
    assert target.read_bytes() == exported
    assert target.stat().st_mode & 0o777 == 0o600
    (tmp_path / "cut.json").write_bytes(exported[:100])
    code, output = cli("import", str(tmp_path / "cut.json"))
    assert code == 2
    assert "it was cut short" in output
    code, output = cli("forget", "--confirm", "no")
    assert code == 2
    assert "Nothing was deleted" in output
    code, output = cli("forget", "--confirm", "forget")
    assert code == 0, output
    assert "Deleted 10 records" in output
    del settings

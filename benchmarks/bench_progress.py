"""Two years of daily logs for one person: the progress page's server time (aim: under 100 ms),
the PDF handout's render time, and export and import times.

Stores the history of ``two_years.py`` (5,840 sets) in a temporary SQLite folder, then times
GET /progress in the app's own process (routing, the use case, the charts and the template;
no network), for 12 weeks (the page's default) and 104 weeks (the longest period): "after a new
set" with one set logged before each request (the app's memo is then out of date), "new
process" with every memo emptied (the first read after a start: each stored set parsed),
"warm" read again. Then the handout (``application.handout.handout_pdf``: gathering, HTML, WeasyPrint),
the export of the person (``export_person``) and its import into an empty store, and the FHIR
export (``export_fhir``: mapping, R4B validation, JSON). Prints the median and the worst of each,
in wall-clock time and in CPU time (the process's own: on a shared, loaded machine the wall
clock also counts the waits for a core).
"""

from __future__ import annotations

import itertools
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient

from glutewake.application import App, export, fhir_export, handout, sessions
from glutewake.application.context import Memo
from glutewake.config import Settings
from glutewake.store import set_log_reads
from glutewake.web.app import create_app
from two_years import make_history  # benchmarks/ is on the path of a script run from it

RUNS = 15
SLOW_RUNS = 3
NEW_SETS = itertools.count(1)


Timings = tuple[list[float], list[float]]  # wall-clock and CPU seconds of each run


def log_a_set(application: App, number: int) -> None:
    with application.work() as work:
        fields = {
            "exercise_id": "clamshell",
            "day": work.clock.today().isoformat(),
            "set_number": 1 + number % 20,
            "side": "left",
            "reps": 10,
            "effort": 5,
            "felt": ["glutes-left"],
            "pain": 0,
        }
        sessions.record_set(work, fields, f"bench-{number}")


def timed(client: TestClient, path: str, kind: str) -> Timings:
    application: App = client.app.state.application  # type: ignore[attr-defined]
    wall, cpu = [], []
    for _ in range(RUNS):
        if kind == "after a new set":
            log_a_set(application, next(NEW_SETS))
        elif kind == "new process":
            application.previews = Memo()
            set_log_reads.parsed.cache_clear()
        started, used = time.perf_counter(), time.process_time()
        response = client.get(path)
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - used)
        assert response.status_code == 200, response.text[:300]
    return wall, cpu


def report(name: str, timings: Timings) -> None:
    wall, cpu = timings
    print(
        f"{name:<40} median {1000 * statistics.median(wall):7.1f} ms   "
        f"worst {1000 * max(wall):7.1f} ms   CPU median {1000 * statistics.median(cpu):7.1f} ms"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(data_dir=Path(folder))
        started = time.perf_counter()
        count = make_history(settings, date.today())
        print(f"stored {count} sets over two years in {time.perf_counter() - started:.1f} s")
        with TestClient(create_app(settings)) as client:
            for weeks in (12, 104):
                path = f"/progress?weeks={weeks}"
                client.get(path)  # first import and template compile
                for kind in ("after a new set", "new process", "warm"):
                    report(f"GET {path} {kind}", timed(client, path, kind))
        application = App.open(settings)
        try:
            with application.work() as work:
                pages: list[int] = []
                report("handout PDF", repeat(lambda: pages.append(handout.handout_pdf(work).pages)))
                print(f"{'':40} ({pages[0]} pages)")
                body = export.export_person(work)
                report("export (one person)", repeat(lambda: export.export_person(work)))
                print(f"{'':40} ({len(body):,} bytes)")
                bundle = fhir_export.export_fhir(work)
                report("FHIR export (one person)", repeat(lambda: fhir_export.export_fhir(work)))
                print(f"{'':40} ({len(bundle):,} bytes)")
        finally:
            application.close()
        imports = [import_once(body) for _ in range(SLOW_RUNS)]
        report("import into an empty store", ([w for w, _ in imports], [c for _, c in imports]))


def repeat(action: Callable[[], object]) -> Timings:
    wall, cpu = [], []
    for _ in range(SLOW_RUNS):
        started, used = time.perf_counter(), time.process_time()
        action()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - used)
    return wall, cpu


def import_once(body: bytes) -> tuple[float, float]:
    """Wall-clock and CPU seconds to import ``body`` into a new, migrated, empty store (its
    commit included)."""
    with tempfile.TemporaryDirectory() as folder:
        application = App.open(Settings(data_dir=Path(folder)))
        try:
            with application.work():
                pass  # the empty store, migrated, before the clock starts
            started, used = time.perf_counter(), time.process_time()
            with application.work() as work:
                export.import_person(work, body)
            return time.perf_counter() - started, time.process_time() - used
        finally:
            application.close()


if __name__ == "__main__":
    main()

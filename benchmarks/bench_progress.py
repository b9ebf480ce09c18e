"""Two years of daily logs for one person: the progress page's server time (aim: under 100 ms),
the PDF handout's render time, and export and import times.

Stores the history of ``two_years.py`` (5,840 sets) in a temporary SQLite folder, then times
GET /progress in the app's own process (routing, the use case, the charts and the template;
no network): "cold" with the app's memo emptied before each request (the first read after a
new set), "warm" read again, for 12 weeks (the page's default) and 104 weeks (the longest
period). Then the handout (``application.handout.handout_pdf``: gathering, HTML, WeasyPrint),
the export of the person (``export_person``) and its import into an empty store, and the FHIR
export (``export_fhir``: mapping, R4B validation, JSON). Prints the median and the worst of each.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient

from glutewake.application import App, export, fhir_export, handout
from glutewake.application.context import Memo
from glutewake.config import Settings
from glutewake.web.app import create_app
from two_years import make_history  # benchmarks/ is on the path of a script run from it

RUNS = 15
SLOW_RUNS = 3


def timed(client: TestClient, path: str, cold: bool) -> list[float]:
    seconds = []
    for _ in range(RUNS):
        if cold:
            client.app.state.application.previews = Memo()  # type: ignore[attr-defined]
        started = time.perf_counter()
        response = client.get(path)
        seconds.append(time.perf_counter() - started)
        assert response.status_code == 200, response.text[:300]
    return seconds


def report(name: str, seconds: list[float]) -> None:
    print(
        f"{name:<34} median {1000 * statistics.median(seconds):7.1f} ms   "
        f"worst {1000 * max(seconds):7.1f} ms"
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
                report(f"GET {path} cold", timed(client, path, cold=True))
                report(f"GET {path} warm", timed(client, path, cold=False))
        application = App.open(settings)
        try:
            with application.work() as work:
                pages: list[int] = []
                report("handout PDF", repeat(lambda: pages.append(handout.handout_pdf(work).pages)))
                print(f"{'':34} ({pages[0]} pages)")
                body = export.export_person(work)
                report("export (one person)", repeat(lambda: export.export_person(work)))
                print(f"{'':34} ({len(body):,} bytes)")
                bundle = fhir_export.export_fhir(work)
                report("FHIR export (one person)", repeat(lambda: fhir_export.export_fhir(work)))
                print(f"{'':34} ({len(bundle):,} bytes)")
        finally:
            application.close()
        report("import into an empty store", [import_once(body) for _ in range(SLOW_RUNS)])


def repeat(action: Callable[[], object]) -> list[float]:
    seconds = []
    for _ in range(SLOW_RUNS):
        started = time.perf_counter()
        action()
        seconds.append(time.perf_counter() - started)
    return seconds


def import_once(body: bytes) -> float:
    """Seconds to import ``body`` into a new, migrated, empty store (its commit included)."""
    with tempfile.TemporaryDirectory() as folder:
        application = App.open(Settings(data_dir=Path(folder)))
        try:
            with application.work():
                pass  # the empty store, migrated, before the clock starts
            started = time.perf_counter()
            with application.work() as work:
                export.import_person(work, body)
            return time.perf_counter() - started
        finally:
            application.close()


if __name__ == "__main__":
    main()

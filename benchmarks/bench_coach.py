"""Coach mode at scale on PostgreSQL: the dashboard over 1,000 clients, and concurrent logging.

1. Seeds 1,000 clients of one coach, each with a screening (one in fifty a stop), a program
   that began six weeks ago (three sessions a week) and six weeks of logged sets (eight a
   session, pain and where they were felt varying by client), with bulk inserts. Then times
   the dashboard use case (``coach_dashboard.dashboard``: every query, the ranking): the first
   call in a new process, without and after the start-up warm-up the web app runs; then 40
   calls with nothing changed between them and 40 with 20 clients logging a new set before
   each, as p50/p95 wall-clock milliseconds with the median CPU per call of this process and
   of the database's server processes (read from /proc: the machine is shared, wall time
   moves with its load), and whether the aim (p95 under 150 ms while clients log) is met.
2. With ``--logging``: starts ``glutewake serve --workers 4`` on that database and has 100
   simulated clients post sets to ``POST /api/logs`` for 60 s, then prints the requests sent,
   acknowledged (201) and the sets found in the database afterwards (they must be equal).

The database is ``GLUTEWAKE_BENCH_DATABASE_URL`` (it must be empty), or a fresh one made on
the local server as the tests do (``GLUTEWAKE_TEST_POSTGRES_URL`` or the local socket) and
dropped afterwards. Figures are printed, never asserted.

    .venv/bin/python benchmarks/bench_coach.py                 # the dashboard
    .venv/bin/python benchmarks/bench_coach.py --logging       # and the concurrent logging
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any

import httpx
import yaml
from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

from glutewake.application import App, accounts, screening
from glutewake.application.coach_dashboard import dashboard
from glutewake.application.context import FixedClock, Scope
from glutewake.catalogue import default_catalogue
from glutewake.programming.builder import build_program
from glutewake.programming.preferences import Preferences
from glutewake.store import accounts as store_accounts
from glutewake.store import models, open_database
from glutewake.store.account_models import Account, CoachClient
from glutewake.web.auth import CSRF_HEADER, SESSION_COOKIE

ROOT = Path(__file__).resolve().parents[1]
ANSWERS: dict[str, Any] = yaml.safe_load(
    (ROOT / "docs" / "examples" / "answers.yaml").read_text(encoding="utf-8")
)
CLIENTS = 1000
WEEKS = 6
SETS_A_SESSION = 8
TODAY = date(2026, 12, 7)  # a Monday
NOW = datetime.combine(TODAY, clock_time(9, 0))
EXERCISES = ("glute-bridge", "clamshell", "side-lying-hip-abduction", "kneeling-hip-flexor-stretch")
FELT = (["glutes-left", "glutes-right"], ["glutes-left"], ["hamstrings"], ["lower-back"])
CALLS = 100
CHANGED_BETWEEN = 20  # clients with a new set between two dashboard calls
LOGGING_CLIENTS = 100
LOGGING_SECONDS = 60
WORKERS = 4
LOCK = threading.Lock()


@contextmanager
def database() -> Iterator[str]:
    given = os.environ.get("GLUTEWAKE_BENCH_DATABASE_URL")
    if given:
        yield given
        return
    server = make_url(
        os.environ.get("GLUTEWAKE_TEST_POSTGRES_URL", "postgresql+psycopg:///postgres")
    )
    name = f"glutewake_bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def vacuum(url: str) -> None:
    """VACUUM ANALYZE after the bulk load, as autovacuum soon would: statistics for the planner
    and the visibility map that lets an index answer alone."""
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text("VACUUM ANALYZE"))
    engine.dispose()


def seed(app: App) -> int:
    """One coach and their clients with screenings, programs and logs; the coach's account id."""
    go = screening.score(ANSWERS)
    stop = screening.score({**ANSWERS, "red_flags": ["saddle-numbness"]})
    start = TODAY - timedelta(weeks=WEEKS)
    preferences = Preferences(sessions_per_week=3, weeks=WEEKS)
    program = build_program(go.profile, preferences, app.catalogue, start)
    program_data = program.model_dump(mode="json")
    training = {day.number for day in preferences.days}
    chance = random.Random(16)
    with app.work(Scope(0, 0)) as work:
        db = work.db
        coach = db.execute(
            insert(Account).returning(Account.id),
            [{"email": "coach@example.org", "role": "coach", "created_at": NOW}],
        ).scalar_one()
        people = list(
            db.execute(
                insert(models.Person).returning(models.Person.id),
                [
                    {"name": f"Client {n:04d}", "is_local_user": False, "created_at": NOW}
                    for n in range(CLIENTS)
                ],
            ).scalars()
        )
        db.execute(
            insert(CoachClient), [{"coach_account_id": coach, "person_id": p} for p in people]
        )
        taken = datetime.combine(start - timedelta(days=1), clock_time(8, 0))
        db.execute(
            insert(models.Screening),
            [
                {
                    "person_id": p,
                    "taken_at": taken,
                    "answers": dict((stop if n % 50 == 0 else go).answers),
                    "profile": (stop if n % 50 == 0 else go).profile.model_dump(mode="json"),
                }
                for n, p in enumerate(people)
            ],
        )
        db.execute(
            insert(models.Program),
            [{"person_id": p, "created_at": taken, "data": program_data} for p in people],
        )
        logs = 0
        for person in people:
            rows = []
            keeps = chance.random()  # how often this client trains
            pain = chance.choice((0, 0, 1, 2))
            felt = chance.choice(FELT)
            day = start
            while day < TODAY:
                if day.weekday() in training and chance.random() < keeps:
                    late = (TODAY - day).days < 7
                    for number in range(SETS_A_SESSION):
                        logged_at = datetime.combine(day, clock_time(7, number))
                        exercise = EXERCISES[number % len(EXERCISES)]
                        data = {
                            "exercise_id": exercise,
                            "day": day.isoformat(),
                            "set_number": 1 + number // len(EXERCISES),
                            "side": None,
                            "reps": 10,
                            "hold_seconds": None,
                            "effort": 6,
                            "felt": felt,
                            "pain": min(10, pain + (2 if late and pain == 2 else 0)),
                            "logged_at": logged_at.isoformat(),
                        }
                        rows.append(
                            {
                                "person_id": person,
                                "key": f"{day.isoformat()}-{number}",
                                "exercise_id": exercise,
                                "day": day,
                                "logged_at": logged_at,
                                "data": data,
                                "revisions": [],
                            }
                        )
                day += timedelta(days=1)
            if rows:
                db.execute(insert(models.SetLogRow), rows)
            logs += len(rows)
    print(f"seeded {CLIENTS} clients, {logs} logged sets")
    return int(coach)


AIM_P95_MS = 150  # issue 16: the dashboard's p95 server time


def percentiles(timings: list[float]) -> str:
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)]
    return f"p50 {statistics.median(ordered):.0f} ms, p95 {p95:.0f} ms"


def p95_of(timings: list[float]) -> float:
    ordered = sorted(timings)
    return ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)]


def backend_seconds(app: App) -> float:
    """CPU seconds used so far by this database's server processes (PostgreSQL's backends on
    this machine, read from /proc): the database's share of a call, apart from ours."""
    with app.work(Scope(0, 0)) as work:
        pids = work.db.execute(
            text("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")
        ).scalars()
        total = 0
        for pid in pids:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


class Timer:
    """Wall clock, this process's CPU and the database's CPU of each call."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.wall: list[float] = []
        self.cpu: list[float] = []
        self.database: list[float] = []

    def __call__(self, call: Any) -> Any:
        database = backend_seconds(self.app)
        began, cpu = time.perf_counter(), time.process_time()
        found = call()
        self.wall.append(1000 * (time.perf_counter() - began))
        self.cpu.append(1000 * (time.process_time() - cpu))
        self.database.append(1000 * (backend_seconds(self.app) - database))
        return found

    def line(self) -> str:
        return (
            f"wall {percentiles(self.wall)}; CPU per call: here median "
            f"{statistics.median(self.cpu):.0f} ms, database median "
            f"{statistics.median(self.database):.0f} ms ({len(self.wall)} calls)"
        )


def new_sets(app: App, people: list[int], call: int) -> None:
    """One more set today for each of ``people`` (as clients log between two looks)."""
    rows = []
    for person in people:
        logged_at = datetime.combine(TODAY, clock_time(8, 0)) + timedelta(seconds=call)
        data = {
            "exercise_id": "glute-bridge",
            "day": TODAY.isoformat(),
            "set_number": 1,
            "side": None,
            "reps": 10,
            "hold_seconds": None,
            "effort": 6,
            "felt": ["glutes-left"],
            "pain": call % 5,
            "logged_at": logged_at.isoformat(),
        }
        rows.append(
            {
                "person_id": person,
                "key": f"between-{call}-{person}",
                "exercise_id": "glute-bridge",
                "day": TODAY,
                "logged_at": logged_at,
                "data": data,
                "revisions": [],
            }
        )
    with app.work(Scope(0, 0)) as work:
        work.db.execute(insert(models.SetLogRow), rows)


def time_dashboard(app: App, coach: int) -> None:
    scope = Scope(coach, 0, account_id=coach, role="coach")

    def call() -> Any:
        with app.work(scope) as work:
            return dashboard(work)

    board = call()  # the first call in this process: see first_calls() for a new process
    gc.freeze()  # as web.app's lifespan does once started
    unchanged = Timer(app)
    for _ in range(CALLS):
        unchanged(call)
    people = [row.attention.person_id for row in board.rows]
    chance = random.Random(7)
    changing = Timer(app)
    for number in range(CALLS):
        new_sets(app, chance.sample(people, CHANGED_BETWEEN), number)
        board = changing(call)
    load = f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    aim = p95_of(changing.wall) < AIM_P95_MS
    print(
        f"dashboard over {len(board.rows)} clients ({board.needing_attention} needing attention), "
        f"{load}:\n"
        f"  nothing changed between calls: {unchanged.line()}\n"
        f"  {CHANGED_BETWEEN} clients logged a set before each call: {changing.line()}\n"
        f"  aim: p95 under {AIM_P95_MS} ms while clients log: {'met' if aim else 'NOT met'}"
    )
    top = board.rows[0].attention
    print(f"  first row: {top.name}: {top.reasons[0].text}")


def first_calls(url: str, coach: int) -> None:
    """The first dashboard call in a new process, as a server starts: without and with the
    start-up warm-up (``coach_dashboard.warm_up``, run by ``web.app``'s lifespan)."""
    for warm in (False, True):
        command = [sys.executable, __file__, "--first-call", url, "--coach", str(coach)]
        found = subprocess.run(
            [*command, *(["--warm"] if warm else [])],
            capture_output=True,
            text=True,
            check=True,
        )
        print("  " + found.stdout.strip())


def first_call(url: str, coach: int, warm: bool) -> None:
    """In a new process: the app's start (schema check), the warm-up if asked, then one call."""
    from glutewake.application import coach_dashboard

    app = App(open_database(url), default_catalogue(), FixedClock(TODAY, NOW))
    try:
        said = "first call in a new process, no warm-up"
        if warm:
            warm_up = getattr(coach_dashboard, "warm_up", None)
            if warm_up is None:
                print("first call after the start-up warm-up: no warm-up in this version")
                return
            began, cpu = time.perf_counter(), time.process_time()
            warm_up(app)
            said = (
                f"start-up warm-up {1000 * (time.perf_counter() - began):.0f} ms "
                f"(CPU here {1000 * (time.process_time() - cpu):.0f} ms), then the first call"
            )
        timer = Timer(app)
        scope = Scope(coach, 0, account_id=coach, role="coach")
        with app.work(scope) as work:
            timer(lambda: dashboard(work))
        print(
            f"{said}: wall {timer.wall[0]:.0f} ms, CPU here {timer.cpu[0]:.0f} ms, "
            f"database {timer.database[0]:.0f} ms"
        )
    finally:
        app.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def logging_clients(app: App) -> list[tuple[int, str]]:
    """Accounts with a live login for the first clients who may train: (person, token)."""
    tokens = []
    with app.work(Scope(0, 0)) as work:
        people = work.db.execute(
            text(
                "SELECT p.id FROM person p JOIN screening s ON s.person_id = p.id "
                'WHERE CAST(s.profile AS TEXT) NOT LIKE \'%"gate": "stop"%\' '
                "ORDER BY p.id LIMIT :n"
            ),
            {"n": LOGGING_CLIENTS},
        ).scalars()
        for person in people:
            account = store_accounts.add_account(
                work.db, f"client{person}@example.org", "client", NOW, person_id=person
            )
            token = accounts.new_token()
            expires = datetime.now(UTC).replace(tzinfo=None) + timedelta(days=1)
            store_accounts.add_session(work.db, account.id, accounts.digest(token), NOW, expires)
            tokens.append((int(person), token))
    return tokens


@contextmanager
def serving(url: str, folder: Path) -> Iterator[str]:
    port = free_port()
    env = {
        **os.environ,
        "GLUTEWAKE_DATABASE_URL": url,
        "GLUTEWAKE_DATA_DIR": str(folder),
        "GLUTEWAKE_ACCOUNTS": "on",
    }
    command = [sys.executable, "-c", "from glutewake.cli.app import main; main()"]
    log = (folder / "serve.log").open("w")
    process = subprocess.Popen(
        [*command, "serve", "--port", str(port), "--workers", str(WORKERS)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/login", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit((folder / "serve.log").read_text())
            time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def log_for(base: str, person: int, token: str, until: float, counts: dict[str, int]) -> None:
    """One client posting sets one after another until ``until``; counts what happened."""
    headers = {
        "Origin": base,
        CSRF_HEADER: accounts.csrf_token_for(token),
    }
    cookies = {SESSION_COOKIE: token}
    sent = acknowledged = 0
    with httpx.Client(base_url=base, headers=headers, cookies=cookies, timeout=30) as client:
        number = 0
        while time.monotonic() < until:
            number += 1
            body = {
                "key": f"bench-{person}-{number}",
                "exercise_id": "glute-bridge",
                "day": date.today().isoformat(),
                "set_number": 1 + number % 20,
                "reps": 10,
                "effort": 6,
                "felt": ["glutes-left", "glutes-right"],
                "pain": 0,
            }
            sent += 1
            try:
                response = client.post("/api/logs", json=body)
            except httpx.TransportError:
                continue
            if response.status_code == 201:
                acknowledged += 1
            else:
                counts["refused"] = counts.get("refused", 0) + 1
                counts.setdefault("first refusal", response.status_code)
    with LOCK:
        counts["sent"] += sent
        counts["acknowledged"] += acknowledged


def run_logging(app: App, url: str) -> None:
    clients = logging_clients(app)
    counts = {"sent": 0, "acknowledged": 0}
    with tempfile.TemporaryDirectory() as folder, serving(url, Path(folder)) as base:
        until = time.monotonic() + LOGGING_SECONDS
        threads = [
            threading.Thread(target=log_for, args=(base, person, token, until, counts))
            for person, token in clients
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    with app.work(Scope(0, 0)) as work:
        found = work.db.execute(text("SELECT count(*) FROM set_log WHERE key LIKE 'bench-%'"))
        stored = int(found.scalar_one())
    print(
        f"{len(clients)} clients logging for {LOGGING_SECONDS} s against {WORKERS} workers: "
        f"{counts['sent']} sent, {counts['acknowledged']} acknowledged, {stored} in the database"
        + (
            f" ({counts['refused']} refused, first {counts['first refusal']})"
            if "refused" in counts
            else ""
        )
        + f"; {counts['acknowledged'] / LOGGING_SECONDS:.0f} sets a second"
    )
    equal = counts["sent"] == counts["acknowledged"] == stored
    print(f"  aim: sent = acknowledged = found: {'met' if equal else 'NOT met'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--logging", action="store_true", help="also the concurrent logging run")
    parser.add_argument("--first-call", metavar="URL", help=argparse.SUPPRESS)
    parser.add_argument("--coach", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--warm", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.first_call:
        first_call(arguments.first_call, arguments.coach, arguments.warm)
        return
    print(
        f"aims (issue 16): dashboard p95 under {AIM_P95_MS} ms over {CLIENTS} clients; "
        "with --logging, sent = acknowledged = found in the database"
    )
    with database() as url:
        app = App(open_database(url), default_catalogue(), FixedClock(TODAY, NOW))
        try:
            began = time.perf_counter()
            coach = seed(app)
            print(f"  seeding took {time.perf_counter() - began:.0f} s")
            vacuum(url)
            first_calls(url, coach)
            time_dashboard(app, coach)
            if arguments.logging:
                run_logging(app, url)
        finally:
            app.close()


if __name__ == "__main__":
    main()

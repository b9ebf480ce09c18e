"""Slow or huge clients cannot starve the others: a real `glutewake serve` on a loopback port.

The server runs with 1,024 open files at most, which 1,100 half-open connections exhausted
before. Normal requests are timed while 1,100 connections trickle their headers, and while two
100 MB bodies are sent.
"""

from __future__ import annotations

import os
import resource
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import httpx

OPEN_FILES = 1024  # a common default; 1,100 half-open connections exhausted it before
HEADER_TIMEOUT = 2.0
SLOW_CLIENTS = 1100
SLOW_BATCH = 50
SERVE = (
    "import resource\n"
    f"resource.setrlimit(resource.RLIMIT_NOFILE, ({OPEN_FILES}, {OPEN_FILES}))\n"
    "from glutewake.cli.app import main\n"
    "main()\n"
)
MAX_DELAY = 0.3  # seconds the median and 95th percentile may be above the quiet server's
WORST_DELAY = 1.5  # ... and the slowest request above the quiet server's slowest
MB = 1024 * 1024


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@dataclass
class Server:
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@contextmanager
def serve(data_dir: Path) -> Iterator[Server]:
    server = Server(free_port())
    variables = {k: v for k, v in os.environ.items() if not k.startswith("GLUTEWAKE_")}
    env = {
        **variables,
        "GLUTEWAKE_DATA_DIR": str(data_dir),
        "GLUTEWAKE_HEADER_TIMEOUT": str(HEADER_TIMEOUT),
    }
    log = (data_dir / "server.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-c", SERVE, "serve", "--port", str(server.port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            with suppress(httpx.TransportError):
                if httpx.get(server.url + "/api/logs", timeout=2).status_code == 200:
                    break
            time.sleep(0.2)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        print((data_dir / "server.log").read_text(encoding="utf-8")[-3000:])  # shown on failure


def timed_requests(server: Server, count: int) -> list[float]:
    """Seconds each of ``count`` normal requests took, each on a new connection."""
    took = []
    fresh = httpx.Limits(max_keepalive_connections=0)
    with httpx.Client(base_url=server.url, limits=fresh, timeout=10) as client:
        for _ in range(count):
            started = time.monotonic()
            response = client.get("/api/logs")
            took.append(time.monotonic() - started)
            assert response.status_code == 200
    return took


def assert_not_delayed(quiet: list[float], busy: list[float]) -> None:
    ordered = sorted(busy)
    p95 = ordered[int(len(ordered) * 0.95) - 1] if len(ordered) >= 20 else ordered[-1]
    figures = (
        f"{len(busy)} requests; quiet: median {statistics.median(quiet):.3f} s, max "
        f"{max(quiet):.3f} s; busy: median {statistics.median(busy):.3f} s, 95th percentile "
        f"{p95:.3f} s, max {max(busy):.3f} s"
    )
    print(figures)
    assert statistics.median(busy) < statistics.median(quiet) + MAX_DELAY, figures
    assert p95 < max(quiet) + MAX_DELAY, figures
    # The machine running the suite is shared: one request may wait for a core now and then,
    # but none waits for the slow clients (before, requests stalled for seconds, then failed).
    assert max(busy) < max(quiet) + WORST_DELAY, figures


class SlowClients:
    """Connections opened a batch at a time that send their head one header line every half
    second and never finish it, the way a slow-loris client holds a server's connections.

    They run in a process of their own (``python test_limits.py PORT COUNT SECONDS``), so that
    the normal requests are timed by a process that shares nothing with them.
    """

    def __init__(self, port: int) -> None:
        self.port = port
        self.sockets: list[socket.socket] = []
        self.closed_by_server: set[int] = set()

    def _open(self, count: int) -> None:
        for _ in range(count):
            connection = socket.create_connection(("127.0.0.1", self.port), timeout=5)
            connection.sendall(b"GET /api/logs HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            connection.setblocking(False)
            self.sockets.append(connection)

    def _trickle(self) -> None:
        for number, connection in enumerate(self.sockets):
            if number in self.closed_by_server:
                continue
            try:
                if connection.recv(1) == b"":
                    self.closed_by_server.add(number)
                    continue
            except BlockingIOError:
                pass
            except OSError:
                self.closed_by_server.add(number)
                continue
            try:
                connection.send(b"X-Slow: 1\r\n")
            except OSError:
                self.closed_by_server.add(number)

    def run(self, count: int, seconds: float) -> None:
        until = time.monotonic() + seconds
        next_line = 0.0
        while time.monotonic() < until:
            if len(self.sockets) < count:
                self._open(min(SLOW_BATCH, count - len(self.sockets)))
            if time.monotonic() >= next_line:
                self._trickle()
                next_line = time.monotonic() + 0.5
            time.sleep(0.05)
        self._trickle()
        print(len(self.sockets), len(self.closed_by_server))


def test_slow_header_clients_neither_starve_normal_requests_nor_stay_open(tmp_path: Path) -> None:
    with serve(tmp_path) as server:
        quiet = timed_requests(server, 10)
        seconds = SLOW_CLIENTS / SLOW_BATCH * 0.06 + HEADER_TIMEOUT + 3
        clients = subprocess.Popen(
            [sys.executable, __file__, str(server.port), str(SLOW_CLIENTS), str(seconds)],
            stdout=subprocess.PIPE,
            text=True,
        )
        busy: list[float] = []
        with clients:
            try:
                while clients.poll() is None and len(busy) < 400:
                    busy += timed_requests(server, 1)
                    time.sleep(0.02)
                report, _ = clients.communicate(timeout=seconds + 30)
            finally:
                if clients.poll() is None:
                    clients.kill()
        busy += timed_requests(server, 5)
    opened, closed_by_server = (int(n) for n in report.split())
    assert opened == SLOW_CLIENTS
    assert_not_delayed(quiet, busy)
    # however slowly the headers trickle in, no head is waited for beyond the timeout
    assert closed_by_server == SLOW_CLIENTS


def send_huge_body(server: Server, head: bytes, chunked: bool, results: dict[str, str]) -> None:
    """Send ``head`` and up to 100 MB after it; note the status line the server answered."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as connection:
        started = time.monotonic()
        connection.sendall(head)
        chunk = b"a" * MB
        try:
            for _ in range(100):
                if chunked:
                    connection.sendall(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
                else:
                    connection.sendall(chunk)
        except OSError:
            pass  # the server refused and closed: the answer is waiting to be read
        answer = b""
        with suppress(OSError):
            while b"\r\n" not in answer:
                data = connection.recv(4096)
                if not data:
                    break
                answer += data
        status_line = answer.split(b"\r\n")[0].decode()
        took = time.monotonic() - started
        results[head.split(b"\r\n")[3].decode()] = f"{status_line} after {took:.2f} s"


def test_100_mb_bodies_are_refused_without_delaying_normal_requests(tmp_path: Path) -> None:
    with serve(tmp_path) as server:
        quiet = timed_requests(server, 10)
        host = f"127.0.0.1:{server.port}".encode()
        start = b"POST /api/logs HTTP/1.1\r\nHost: " + host + b"\r\nOrigin: http://" + host
        heads = {
            False: start
            + b"\r\nContent-Length: %d\r\nContent-Type: application/json\r\n\r\n" % (100 * MB),
            True: start
            + b"\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n",
        }
        results: dict[str, str] = {}
        senders = [
            threading.Thread(target=send_huge_body, args=(server, head, chunked, results))
            for chunked, head in heads.items()
        ]
        for sender in senders:
            sender.start()
        busy = timed_requests(server, 20)
        for sender in senders:
            sender.join(timeout=60)
        after = timed_requests(server, 5)
    assert_not_delayed(quiet, busy + after)
    assert sorted(results) == ["Content-Length: 104857600", "Transfer-Encoding: chunked"]
    assert all(answer.startswith("HTTP/1.1 413") for answer in results.values()), results


def test_a_rebinding_host_and_a_cross_site_body_are_refused_at_once(tmp_path: Path) -> None:
    with serve(tmp_path) as server:
        rebound = httpx.get(
            server.url + "/api/logs", headers={"Host": f"rebind.evil.example:{server.port}"}
        )
        assert rebound.status_code == 400
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as connection:
            started = time.monotonic()
            connection.sendall(
                b"POST /api/logs HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
                b"Origin: http://evil.example\r\nContent-Length: %d\r\n\r\n"
                % (server.port, 200 * MB)
            )
            answer = connection.recv(4096)  # before a byte of the 200 MB is sent
            took = time.monotonic() - started
    assert answer.startswith(b"HTTP/1.1 403"), answer[:200]
    assert took < 2


if __name__ == "__main__":  # the slow clients' own process
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, int(sys.argv[2]) + 100), hard))
    SlowClients(int(sys.argv[1])).run(int(sys.argv[2]), float(sys.argv[3]))

"""`glutewake serve`: prints where to open the app, with a QR code for a phone on the LAN."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from glutewake.cli.serve import local_url, qr_text

COMMAND = [sys.executable, "-c", "from glutewake.cli.app import main; main()", "serve"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def serve_and_read(tmp_path: Path, *args: str) -> tuple[str, int]:
    """Start the server, wait until it answers, stop it; its output and the / status."""
    port = free_port()
    env = {**os.environ, "GLUTEWAKE_DATA_DIR": str(tmp_path)}
    env.pop("GLUTEWAKE_DATABASE_URL", None)
    out = tmp_path / "out.txt"
    with out.open("w") as sink:
        process = subprocess.Popen(
            [*COMMAND, "--port", str(port), *args], env=env, stdout=sink, stderr=subprocess.STDOUT
        )
        try:
            status = 0
            deadline = time.monotonic() + 30
            while not status and time.monotonic() < deadline and process.poll() is None:
                try:
                    status = httpx.get(f"http://127.0.0.1:{port}/", timeout=1).status_code
                except httpx.TransportError:
                    time.sleep(0.2)
        finally:
            process.terminate()
            process.wait(timeout=10)
    return out.read_text(encoding="utf-8").replace(str(port), "PORT"), status


def test_serve_prints_the_local_address_and_serves_the_app(tmp_path: Path) -> None:
    output, status = serve_and_read(tmp_path)
    assert status == 200
    assert "glutewake is running at http://127.0.0.1:PORT/" in output
    assert "scan" not in output
    assert (tmp_path / "glutewake.db").exists()


def test_serve_on_all_interfaces_prints_a_qr_code_of_the_lan_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GLUTEWAKE_ACCOUNTS", "on")  # any address but loopback needs accounts
    output, status = serve_and_read(tmp_path, "--host", "0.0.0.0")
    assert status == 303  # to the login page
    assert "On a phone on the same network, open http://" in output
    assert "█" in output and "▀" in output


def test_the_qr_code_grows_with_the_address() -> None:
    short = qr_text("http://10.0.0.2:8000/").splitlines()
    long = qr_text("http://192.168.100.200:8000/" + "x" * 60).splitlines()
    assert len({len(line) for line in short}) == 1  # a square drawn two modules per line
    assert len(short) >= 10
    assert len(long) > len(short)


def test_local_urls_for_each_kind_of_host() -> None:
    assert local_url("0.0.0.0", 8000) == "http://127.0.0.1:8000/"
    assert local_url("::", 8000) == "http://127.0.0.1:8000/"
    assert local_url("::1", 8000) == "http://[::1]:8000/"
    assert local_url("192.168.1.5", 9000) == "http://192.168.1.5:9000/"

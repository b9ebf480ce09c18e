"""`glutewake serve --https`: a local certificate in the data folder, and the app over TLS."""

from __future__ import annotations

import os
import socket
import ssl
import stat
import subprocess
import sys
import time
from pathlib import Path

import httpx
from browser_kit import free_port
from cryptography import x509

from glutewake.web.certificate import ensure_certificate


def names_in(path: Path) -> set[str]:
    certificate = x509.load_pem_x509_certificate(path.read_bytes())
    alternative = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    return {str(name) for name in alternative.get_values_for_type(x509.DNSName)} | {
        str(address) for address in alternative.get_values_for_type(x509.IPAddress)
    }


def test_the_certificate_covers_this_computer_and_its_key_is_private(tmp_path: Path) -> None:
    files = ensure_certificate(tmp_path, "192.168.1.23")
    assert stat.S_IMODE(files.key.stat().st_mode) == 0o600
    assert {"localhost", "127.0.0.1", "192.168.1.23", socket.gethostname()} <= names_in(
        files.certificate
    )
    first = files.certificate.read_bytes()
    assert ensure_certificate(tmp_path, "192.168.1.23").certificate.read_bytes() == first
    moved = ensure_certificate(tmp_path, "10.0.0.7")  # another network: made again
    assert moved.certificate.read_bytes() != first
    assert "10.0.0.7" in names_in(moved.certificate)


def test_serve_https_answers_over_tls_with_that_certificate(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "GLUTEWAKE_DATA_DIR": str(tmp_path / "data")}
    env.pop("GLUTEWAKE_DATABASE_URL", None)
    command = [sys.executable, "-c", "from glutewake.cli.app import main; main()"]
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [*command, "serve", "--port", str(port), "--https"], env=env, stdout=log, stderr=log
    )
    try:
        certificate = tmp_path / "data" / "tls" / "cert.pem"
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, (tmp_path / "serve.log").read_text()
            assert time.monotonic() < deadline, "the server did not start in 30 s"
            if certificate.exists():
                try:
                    context = ssl.create_default_context(cafile=str(certificate))
                    response = httpx.get(f"https://127.0.0.1:{port}/", verify=context, timeout=2)
                    break
                except httpx.TransportError:
                    pass
            time.sleep(0.3)
        assert response.status_code == 200
        assert "glutewake" in response.text.lower()
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()
    printed = (tmp_path / "serve.log").read_text()
    assert f"https://127.0.0.1:{port}/" in printed
    assert "SHA-256" in printed

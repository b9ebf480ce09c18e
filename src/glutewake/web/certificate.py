"""The local self-signed certificate ``glutewake serve --https`` uses (phones need https for the camera).

Made once with the ``cryptography`` package and kept in the data folder (``tls/``): the key
readable by its owner only (0600). It names localhost, 127.0.0.1, this computer's host name
and its address on the local network; when the address or name changes, or the certificate is
within a month of expiring, a new one is made. Nobody vouches for it, so a browser warns once
(docs/camera.md says what a phone shows).
"""

from __future__ import annotations

import datetime
import ipaddress
import os
import socket
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

VALID_DAYS = 825  # the longest validity Apple's devices accept for a TLS certificate
RENEW_DAYS = 30
FOLDER = "tls"


@dataclass(frozen=True)
class CertificateFiles:
    certificate: Path
    key: Path
    names: tuple[str, ...]

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the certificate, as a phone's certificate details show it."""
        certificate = x509.load_pem_x509_certificate(self.certificate.read_bytes())
        return certificate.fingerprint(hashes.SHA256()).hex(":").upper()


def wanted_names(lan_address: str) -> tuple[str, ...]:
    """The names and addresses the certificate must cover, sorted."""
    names = {"localhost", "127.0.0.1", "::1", lan_address, socket.gethostname()}
    return tuple(sorted(name for name in names if name))


def _subject_names(names: tuple[str, ...]) -> list[x509.GeneralName]:
    entries: list[x509.GeneralName] = []
    for name in names:
        try:
            entries.append(x509.IPAddress(ipaddress.ip_address(name)))
        except ValueError:
            entries.append(x509.DNSName(name))
    return entries


def _covers(path: Path, names: tuple[str, ...], now: datetime.datetime) -> bool:
    try:
        certificate = x509.load_pem_x509_certificate(path.read_bytes())
        alternative = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName)
    except (OSError, ValueError, x509.ExtensionNotFound):
        return False
    present = {str(value) for value in alternative.value.get_values_for_type(x509.DNSName)}
    present |= {str(value) for value in alternative.value.get_values_for_type(x509.IPAddress)}
    expires = certificate.not_valid_after_utc
    return set(names) <= present and expires - now > datetime.timedelta(days=RENEW_DAYS)


def ensure_certificate(data_dir: Path, lan_address: str) -> CertificateFiles:
    """The certificate and key for this computer, made (or made again) when needed."""
    folder = data_dir / FOLDER
    certificate_path, key_path = folder / "cert.pem", folder / "key.pem"
    names = wanted_names(lan_address)
    now = datetime.datetime.now(datetime.UTC)
    if key_path.exists() and _covers(certificate_path, names, now):
        return CertificateFiles(certificate_path, key_path, names)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "glutewake on this computer")])
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=VALID_DAYS))
        .add_extension(x509.SubjectAlternativeName(_subject_names(names)), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False
        )
        .sign(key, hashes.SHA256())
    )
    key_bytes = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    descriptor = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(key_bytes)
    key_path.chmod(0o600)
    certificate_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return CertificateFiles(certificate_path, key_path, names)

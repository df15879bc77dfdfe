"""`midback serve --https`: a self-signed certificate made once, the LAN address and a QR code.

Phone browsers give motion sensors, cameras and service workers only to secure pages, and a
phone reaches a home server by its LAN address, so plain http://192.168.x.y cannot measure. The
certificate is made with `cryptography` the first time and kept in the data folder
(`tls/cert.pem`, `tls/key.pem`, the key readable by its owner only); it is made again when it is
about to expire or no longer names this machine's address. Replacing both files with a real
certificate and key makes midback use those instead.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import socket
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

VALID_DAYS = 397
"""Browsers refuse server certificates valid for longer than about 13 months."""
RENEW_DAYS = 30
PROBE = ("192.0.2.1", 9)
"""A documentation-only address (RFC 5737): connecting a UDP socket to it sends nothing but
tells which local address the machine would use on its network."""


@dataclass(frozen=True, slots=True)
class Certificate:
    """Where the certificate and key are, and whether they were just made."""

    cert: Path
    key: Path
    made: bool


def lan_address() -> str | None:
    """This machine's address on its local network (None when it has none)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.connect(PROBE)
            address = str(sock.getsockname()[0])
    except OSError:
        return None
    return None if address.startswith("127.") or address == "0.0.0.0" else address


def _names(hosts: list[str]) -> list[x509.GeneralName]:
    names: list[x509.GeneralName] = []
    for host in dict.fromkeys(["localhost", "127.0.0.1", *hosts]):
        try:
            names.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            names.append(x509.DNSName(host))
    return names


def _covers(cert_path: Path, hosts: list[str], now: dt.datetime) -> bool:
    """The certificate is readable, valid for a while yet, and names every host."""
    try:
        cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except (OSError, ValueError, x509.ExtensionNotFound):
        return False
    if cert.not_valid_after_utc - now < dt.timedelta(days=RENEW_DAYS):
        return False
    return all(name in san for name in _names(hosts))


def ensure_certificate(
    folder: Path, hosts: list[str], now: dt.datetime | None = None
) -> Certificate:
    """The certificate in `folder` for `hosts` (plus localhost), made if missing or stale."""
    now = now or dt.datetime.now(dt.UTC)
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    if key_path.exists() and _covers(cert_path, hosts, now):
        return Certificate(cert_path, key_path, made=False)
    folder.mkdir(parents=True, exist_ok=True)
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "midback on this network")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=VALID_DAYS))
        .add_extension(x509.SubjectAlternativeName(_names(hosts)), critical=False)
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
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(key_bytes)
    os.chmod(key_path, 0o600)
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return Certificate(cert_path, key_path, made=True)


def fingerprint(cert_path: Path) -> str:
    """The certificate's SHA-256 fingerprint, as browsers show it when they warn."""
    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    return cert.fingerprint(hashes.SHA256()).hex(":").upper()


WARNING_HELP = (
    "Your phone's browser will warn that the connection is not private: the certificate was made "
    "by this computer, not by an authority the phone knows. Check that the fingerprint it shows "
    "matches the one above, then choose to continue (on iPhone: Show Details, then visit this "
    "website). The warning comes back only if the certificate is made again."
)


def qr_text(url: str) -> str:
    """A QR code of `url` drawn with text blocks, for a terminal."""
    import io

    import segno

    buffer = io.StringIO()
    segno.make(url, error="m").terminal(out=buffer, compact=True, border=2)
    return buffer.getvalue()

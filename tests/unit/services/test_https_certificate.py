"""The certificate of `serve --https`: made once, naming this machine, key kept private."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path

from cryptography import x509

from midback.cli.https import RENEW_DAYS, VALID_DAYS, ensure_certificate, fingerprint, qr_text

NOW = dt.datetime(2026, 12, 7, 18, 0, tzinfo=dt.UTC)


def names(cert: Path) -> set[str]:
    loaded = x509.load_pem_x509_certificate(cert.read_bytes())
    san = loaded.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    return {str(v) for v in san.get_values_for_type(x509.IPAddress)} | set(
        san.get_values_for_type(x509.DNSName)
    )


def test_a_certificate_is_made_once_for_localhost_and_the_lan_address(tmp_path: Path) -> None:
    made = ensure_certificate(tmp_path / "tls", ["192.168.1.20"], NOW)
    assert made.made
    assert names(made.cert) == {"localhost", "127.0.0.1", "192.168.1.20"}
    assert stat.S_IMODE(made.key.stat().st_mode) == 0o600
    cert = x509.load_pem_x509_certificate(made.cert.read_bytes())
    assert cert.not_valid_after_utc - NOW > dt.timedelta(days=VALID_DAYS - 1)
    again = ensure_certificate(tmp_path / "tls", ["192.168.1.20"], NOW + dt.timedelta(days=30))
    assert not again.made and fingerprint(again.cert) == fingerprint(made.cert)


def test_a_new_address_or_a_near_expiry_makes_it_again(tmp_path: Path) -> None:
    first = fingerprint(ensure_certificate(tmp_path, ["192.168.1.20"], NOW).cert)
    moved = ensure_certificate(tmp_path, ["10.0.0.7"], NOW)
    assert moved.made and "10.0.0.7" in names(moved.cert)
    later = NOW + dt.timedelta(days=VALID_DAYS - RENEW_DAYS + 1)
    assert ensure_certificate(tmp_path, ["10.0.0.7"], later).made
    assert first != fingerprint(moved.cert)


def test_a_broken_certificate_file_is_replaced(tmp_path: Path) -> None:
    (tmp_path / "cert.pem").write_text("not a certificate")
    (tmp_path / "key.pem").write_text("nor a key")
    made = ensure_certificate(tmp_path, [], NOW)
    assert made.made and "127.0.0.1" in names(made.cert)


def test_the_qr_code_is_drawn_with_text() -> None:
    drawn = qr_text("https://192.168.1.20:8000/measure")
    assert len(drawn.splitlines()) > 10 and "█" in drawn

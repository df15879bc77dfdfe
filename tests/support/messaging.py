"""Stand-ins for the outside world that tests start themselves: a push service and an SMTP server.

`PushService` is a tiny HTTP server that records every request (headers and body) and answers
201, or the status a test sets for an endpoint (404/410: the subscription is gone). `MailSink` is
aiosmtpd's server on a free local port, keeping every message it receives. `browser_keys` makes
the keys a browser would subscribe with, so pywebpush can really encrypt for them.
"""

from __future__ import annotations

import base64
import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aiosmtpd.controller import Controller
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature


def b64url_decode(text: str) -> bytes:
    """Base64url without padding, as JWTs and push keys use it."""
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64url(data: bytes) -> str:
    """Base64url without padding."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@dataclass
class Received:
    """One request the push service got."""

    path: str
    headers: dict[str, str]
    body: bytes

    def vapid(self) -> tuple[dict[str, Any], str]:
        """The VAPID JWT's claims, checked against its signature, and the key it names."""
        scheme, _, params = self.headers["authorization"].partition(" ")
        assert scheme.lower() == "vapid", self.headers["authorization"]
        parts = dict(p.strip().split("=", 1) for p in params.split(","))
        token, key = parts["t"], parts["k"]
        signed, _, signature = token.rpartition(".")
        raw = b64url_decode(signature)
        der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
        public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), b64url_decode(key))
        public.verify(der, signed.encode(), ec.ECDSA(hashes.SHA256()))  # raises if forged
        claims: dict[str, Any] = json.loads(b64url_decode(signed.split(".")[1]))
        return claims, key


@dataclass
class PushService:
    """The recording HTTP server; `url(name)` is an endpoint on it."""

    server: ThreadingHTTPServer
    received: list[Received] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)

    @property
    def origin(self) -> str:
        """scheme://host:port, the JWT's expected audience."""
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, name: str) -> str:
        """An endpoint URL for a made-up subscription."""
        return f"{self.origin}/push/{name}"


@contextmanager
def push_service() -> Iterator[PushService]:
    """A push service on a free local port for the duration of the block."""
    service: PushService

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (the standard library's name)
            body = self.rfile.read(int(self.headers.get("content-length", 0)))
            headers = {k.lower(): v for k, v in self.headers.items()}
            service.received.append(Received(self.path, headers, body))
            self.send_response(service.statuses.get(self.path, 201))
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    service = PushService(server)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield service
    finally:
        server.shutdown()
        server.server_close()


class _Keep:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        parsed = message_from_bytes(envelope.original_content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append(parsed)
        return "250 OK"


@dataclass
class MailSink:
    """The running SMTP server: its port and what it received."""

    port: int
    keeper: _Keep

    @property
    def messages(self) -> list[EmailMessage]:
        """Every message received so far."""
        return self.keeper.messages


@contextmanager
def mail_sink() -> Iterator[MailSink]:
    """An SMTP server on a free local port for the duration of the block."""
    keeper = _Keep()
    port = free_port()
    controller = Controller(keeper, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield MailSink(port, keeper)
    finally:
        controller.stop()


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def browser_keys() -> tuple[str, str]:
    """A browser subscription's p256dh public key and auth secret, base64url."""
    key = ec.generate_private_key(ec.SECP256R1()).public_key()
    point = key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return b64url(point), b64url(b"0123456789abcdef")

"""Web Push with VAPID (RFC 8291/8292) through pywebpush: keys, and sending one notification.

The private key signs a short JWT per push service origin (its `aud`), so push services can tell
our messages apart from anyone else's; the public key is what browsers subscribe with. A push
service answering 404 or 410 says the subscription has expired or was cancelled: the caller then
forgets it.
"""

from __future__ import annotations

import base64
import logging
from dataclasses import dataclass
from enum import Enum
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from midback.config import Settings
from midback.domain.webpush import Subscription

log = logging.getLogger("midback.push")
PUSH_TIMEOUT_S = 20
PUSH_TTL_S = 4 * 3600
"""A reminder older than four hours is no use: the push service may drop it after that."""


class Delivery(Enum):
    """What a push service said."""

    SENT = "sent"
    GONE = "gone"  # 404/410: the subscription no longer exists
    FAILED = "failed"


@dataclass(frozen=True)
class VapidKeys:
    """A key pair: the private key's 32 bytes and the public point, both base64url."""

    private_key: str
    public_key: str


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def generate_keys() -> VapidKeys:
    """A new P-256 key pair for VAPID."""
    key = ec.generate_private_key(ec.SECP256R1())
    private = key.private_numbers().private_value.to_bytes(32, "big")
    public = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return VapidKeys(_b64url(private), _b64url(public))


class Pusher:
    """Sends notifications to subscriptions; `enabled` is False without VAPID keys."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._vapid: Any = None
        if settings.push_enabled():
            from py_vapid import Vapid  # imported only when push is on: it pulls in HTTP clients

            key = settings.vapid_private_key.get_secret_value().strip()
            self._vapid = Vapid.from_pem(key.encode()) if "BEGIN" in key else Vapid.from_string(key)

    @property
    def enabled(self) -> bool:
        """True when VAPID keys are configured."""
        return self._vapid is not None

    @property
    def public_key(self) -> str:
        """The application server key browsers subscribe with."""
        return self._settings.vapid_public_key

    def _subject(self) -> str:
        settings = self._settings
        if settings.vapid_subject:
            return settings.vapid_subject
        if settings.smtp_from:
            return f"mailto:{settings.smtp_from}"
        return settings.public_url or "mailto:admin@localhost"

    def send(self, subscription: Subscription, data: bytes) -> Delivery:
        """Push `data` (our JSON payload) to one browser."""
        if self._vapid is None:
            return Delivery.FAILED
        from pywebpush import WebPushException, webpush

        info = {
            "endpoint": subscription.endpoint,
            "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth},
        }
        try:
            webpush(
                info,
                data=data.decode("utf-8"),
                vapid_private_key=self._vapid,
                vapid_claims={"sub": self._subject()},
                timeout=PUSH_TIMEOUT_S,
                ttl=PUSH_TTL_S,
            )
        except WebPushException as error:
            status = getattr(error.response, "status_code", None)
            if status in (404, 410):
                return Delivery.GONE
            log.warning("a push service refused a notification: HTTP %s", status)
            return Delivery.FAILED
        except (OSError, ValueError) as error:
            log.warning("could not reach a push service: %s", type(error).__name__)
            return Delivery.FAILED
        return Delivery.SENT

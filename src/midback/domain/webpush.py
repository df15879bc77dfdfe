"""A browser's Web Push subscription and the payload our service worker shows (no I/O)."""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Subscription:
    """Where a push goes (the push service's endpoint) and the keys it is encrypted with."""

    id: int
    user_id: int
    endpoint: str
    p256dh: str
    auth: str


def payload(title: str, body: str, url: str) -> bytes:
    """The JSON the service worker turns into a notification: {title, body, url}."""
    return json.dumps({"title": title, "body": body, "url": url}).encode("utf-8")

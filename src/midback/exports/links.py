"""Links from exported files back into the app, in one place so every export agrees."""

from __future__ import annotations

import ipaddress
from datetime import date
from urllib.parse import urlsplit

DEFAULT_BASE_URL = "http://127.0.0.1:8000"
"""Where `midback serve` listens by default; a deployment passes its public address."""

LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


def session_url(base_url: str, day: date) -> str:
    """The page that starts the session planned for `day`."""
    return f"{base_url.rstrip('/')}/sessions/{day.isoformat()}"


def routine_url(base_url: str, exercise_ids: list[str]) -> str:
    """The page that plays a routine of these exercises, in this order."""
    return f"{base_url.rstrip('/')}/routine?exercises={','.join(exercise_ids)}"


def reachable(base_url: str) -> bool:
    """Whether another device (a phone scanning a QR code) can open links under `base_url`:
    not this machine's own loopback name or address, nor the unspecified 0.0.0.0."""
    host = (urlsplit(base_url).hostname or "").lower()
    if not host or host in LOCAL_NAMES or host.endswith(".localhost"):
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return True
    return not (address.is_loopback or address.is_unspecified)


def unreachable_warning(base_url: str) -> str:
    """What to say, loudly, when links would point to this machine only."""
    return (
        f"links point to {base_url}, which only this computer can open: a phone cannot follow "
        "them and handouts leave out their QR code. Set the app's public address "
        "(--base-url, or MIDBACK_PUBLIC_URL for the server)."
    )

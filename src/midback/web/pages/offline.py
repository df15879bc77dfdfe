"""Installable and offline: the web app manifest, the service worker, the offline page, and the
list of what a signed-in person's device keeps for a week without a connection.

`/sw.js` is served from the root so its scope is the whole site. It is a few lines made here:
the precache list (every static file by its content-hashed URL, as `static_url` writes it, so a
changed file is fetched again and an unchanged one never), then our own scripts and Workbox,
vendored under static/vendor/workbox (scripts/vendor-workbox), all loaded from this site.
"""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta
from functools import lru_cache
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from fastapi.templating import Jinja2Templates

from midback.domain.guided import items_for_plan
from midback.services import programs
from midback.services.errors import NotFound
from midback.web.deps import ContentDep, PlanCacheDep, StorageDep
from midback.web.pages.common import VisitorDep
from midback.web.pages.templating import STATIC_DIR, static_url

router = APIRouter(include_in_schema=False)

OFFLINE_DAYS = 7
"""How far ahead planned sessions are kept on the device."""
NO_CACHE = "no-cache"
"""The browser checks the manifest and the worker for updates each time (ETag-free: small)."""
PRECACHED = ("*.js", "*.css", "*.svg", "icons/*.png", "vendor/htmx.min.js")
"""Static files kept for offline use: the app's own scripts, styles and icons. The camera's
pose model (15 MB) is not: the camera coach needs a connection the first time."""
WORKBOX_MODULES = (
    "core",
    "precaching",
    "routing",
    "strategies",
    "expiration",
    "cacheable-response",
)
THEME = "#0b6b65"


def manifest() -> dict[str, Any]:
    """The web app manifest: name, start page, standalone display and icons."""
    icons = [
        {"src": static_url(f"icons/{kind}-{size}.png"), "sizes": f"{size}x{size}",
         "type": "image/png", "purpose": "any" if kind == "icon" else "maskable"}
        for kind in ("icon", "maskable")
        for size in (192, 512)
    ]  # fmt: skip
    return {
        "id": "/",
        "name": "midback",
        "short_name": "midback",
        "description": "A calm, guided coach for a stiff mid-back.",
        "start_url": "/today",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME,
        "icons": icons,
    }


@router.get("/manifest.webmanifest")
def web_manifest() -> Response:
    """The manifest, as `application/manifest+json`."""
    body = json.dumps(manifest(), separators=(",", ":"))
    headers = {"Cache-Control": NO_CACHE}
    return Response(body, media_type="application/manifest+json", headers=headers)


@lru_cache(maxsize=1)
def _precache() -> list[dict[str, str | None]]:
    """Every precached static file by its hashed URL (a revision of null: the URL is the
    revision), and the offline page, whose revision follows the files it shows."""
    files = sorted({p for pattern in PRECACHED for p in STATIC_DIR.glob(pattern) if p.is_file()})
    entries: list[dict[str, str | None]] = [
        {"url": static_url(p.relative_to(STATIC_DIR).as_posix()), "revision": None} for p in files
    ]
    digest = hashlib.sha256(json.dumps(entries).encode())
    digest.update((STATIC_DIR.parent / "templates" / "offline.html").read_bytes())
    entries.append({"url": "/offline", "revision": digest.hexdigest()[:16]})
    return entries


def service_worker() -> str:
    """The worker's script: its configuration, then Workbox and our own code."""
    config = {
        "precache": _precache(),
        "modules": {
            f"workbox-{m}": static_url(f"vendor/workbox/workbox-{m}.prod.js")
            for m in WORKBOX_MODULES
        },
        "offline": "/offline",
        "icon": static_url("icons/icon-192.png"),
    }
    scripts = [static_url(p) for p in ("vendor/workbox/workbox-sw.js", "outbox.js", "sw-main.js")]
    return (
        "// midback's service worker (made by midback.web.pages.offline).\n"
        f"self.MIDBACK_SW = {json.dumps(config, separators=(',', ':'))};\n"
        f"importScripts({', '.join(json.dumps(s) for s in scripts)});\n"
    )


@router.get("/sw.js")
def sw_js() -> Response:
    """The service worker, for the whole site."""
    headers = {"Cache-Control": NO_CACHE, "Service-Worker-Allowed": "/"}
    return Response(service_worker(), media_type="text/javascript", headers=headers)


@router.get("/offline")
def offline_page(request: Request) -> Response:
    """What a page shows when it is not on this device and there is no connection. The same
    for everyone: it is kept in the worker's precache, so it holds nothing personal."""
    templates: Jinja2Templates = request.app.state.templates
    context = {"css": static_url("midback.css"), "icon": static_url("icon.svg")}
    return templates.TemplateResponse(request, "offline.html", context)


@router.get("/offline/urls")
def offline_urls(
    request: Request,
    visitor: VisitorDep,
    storage: StorageDep,
    content: ContentDep,
    plans: PlanCacheDep,
) -> Response:
    """The pages and pictures to keep on this device: Today, and the next week's planned
    sessions with their illustrations (an empty list for someone not signed in)."""
    if visitor.user is None:
        return JSONResponse({"pages": [], "assets": []})
    uow = storage.unit_of_work(read_only=True)
    try:
        current = programs.require_plan(uow, content, plans, visitor.user.id)
    except NotFound:
        return JSONResponse({"pages": ["/today"], "assets": []})
    start = storage.clock.today()
    end = start + timedelta(days=OFFLINE_DAYS)
    pages = ["/today", "/sessions/today"]  # Today's "Start session" link goes through the latter
    assets: list[str] = []
    for session in current.sessions:
        if not start <= session.date < end:
            continue
        pages.append(f"/sessions/{session.date.isoformat()}")
        for item in items_for_plan(session.items, content.exercises):
            exercise = content.exercises.get(item.exercise_id)
            if exercise is not None and exercise.poses is not None:
                base = f"/exercises/{item.exercise_id}/illustration.svg"
                assets += [base, f"{base}?animated=1"]
    return JSONResponse({"pages": pages, "assets": list(dict.fromkeys(assets))})

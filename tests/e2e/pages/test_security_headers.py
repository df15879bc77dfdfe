"""Headers every response carries: no caching of health data, a strict CSP, no framing."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from midback.web import app as web_app

from .conftest import MakeClient, sign_up

TEMPLATES = Path(web_app.__file__).resolve().parent / "templates"
NEEDED_CSP = (
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self' blob:",
    "connect-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "style-src 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
)


def test_every_page_forbids_framing_and_inline_scripts(client: TestClient) -> None:
    for path in ("/", "/login", "/library", "/api/docs", "/api/v1/exercises", "/nowhere"):
        response = client.get(path)
        policy = response.headers["Content-Security-Policy"]
        for directive in NEEDED_CSP:
            assert directive in policy, (path, directive)
        assert "unsafe-inline" not in policy
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"


def test_pages_and_api_answers_are_never_stored_by_caches(client: TestClient) -> None:
    sign_up(client)
    for path in ("/today", "/settings", "/progress", "/api/v1/exercises", "/onboarding"):
        assert client.get(path).headers["Cache-Control"] == "no-store", path
    static = client.get("/static/midback.css")
    assert "no-store" not in static.headers.get("Cache-Control", "")


def test_a_setting_forces_the_secure_cookie_flag(make_client: MakeClient) -> None:
    plain = make_client().get("/signup")
    assert "secure" not in plain.headers["set-cookie"].lower()
    forced = make_client(force_secure_cookies=True).get("/signup")
    assert "; secure" in forced.headers["set-cookie"].lower()


def test_the_api_docs_load_nothing_from_another_site(client: TestClient) -> None:
    page = client.get("/api/docs")
    assert page.status_code == 200
    assert "https://" not in page.text and "http://" not in page.text
    assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', page.text)
    assert len(assets) >= 3
    for asset in assets:
        assert client.get(asset).status_code == 200, asset
    assert "<script>" not in page.text


def test_templates_have_no_inline_scripts_or_styles() -> None:
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", text):
            assert "src=" in tag or 'type="application/json"' in tag, (template, tag)
        assert "<style" not in text, template
        assert not re.search(r"\sstyle=", text), template
        assert not re.search(r"\son[a-z]+=", text), template

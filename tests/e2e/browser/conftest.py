"""A real server and Debian's chromium, driven by Playwright; axe-core checks and screenshots.

The app runs under uvicorn in a thread on a free port with its own SQLite data folder. The
browser is /usr/bin/chromium (installed by scripts/ensure-chromium), never one downloaded by
Playwright; without it every test here is skipped with the reason.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, sync_playwright
from tests.support.browser import Site, new_context
from tests.support.databases import make_settings

from midback.services.security import Security
from midback.storage.uow import Storage
from midback.web.app import create_app

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every browser test starts a server and a browser: mark them slow."""
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.slow)


CHROMIUM = Path(os.environ.get("MIDBACK_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The app served by uvicorn on a free port, with a fresh SQLite database."""
    data = tmp_path_factory.mktemp("browser-data")
    # Every browser test signs people up from 127.0.0.1: the per-address sign-up throttle would
    # refuse all but the first few in a session (tests/e2e/api/test_rate_limits.py tests it).
    settings = make_settings(
        f"sqlite:///{data / 'midback.db'}", data, register_max_per_address=10_000
    )
    port = _free_port()
    config = uvicorn.Config(
        create_app(settings), host="127.0.0.1", port=port, log_level="warning", ws="none"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise AssertionError("the app did not start within 30 s")
        time.sleep(0.05)
    yield Site(f"http://127.0.0.1:{port}", settings.resolved_database_url())
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def site_storage(site: Site) -> Iterator[Storage]:
    """The running app's database, to set up what no page does (roles, weeks of history)."""
    storage = Storage.from_url(site.database_url)
    yield storage
    storage.dispose()


@pytest.fixture(scope="session")
def site_security(tmp_path_factory: pytest.TempPathFactory, site: Site) -> Security:
    """Password hashing as the running app does it."""
    return Security.from_settings(make_settings(site.database_url, tmp_path_factory.mktemp("s")))


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's chromium, headless."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed: run scripts/ensure-chromium as root")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A page in a fresh context; any uncaught JavaScript error fails the test."""
    context = new_context(browser)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


@pytest.fixture
def browser_no_js(browser: Browser) -> Iterator[Page]:
    """A page with JavaScript switched off, as some people (and some failures) have it."""
    context = new_context(browser, java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.fixture
def browser_reduced(browser: Browser) -> Iterator[Page]:
    """A page for someone who asked their system for reduced motion."""
    context = new_context(browser, reduced_motion="reduce")
    yield context.new_page()
    context.close()

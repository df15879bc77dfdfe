"""Find a PostgreSQL server for the tests, or start a throwaway one from the PostgreSQL binaries.

Order: MIDBACK_TEST_POSTGRES_URL if set; the server at 127.0.0.1:5432 (trust auth, user
postgres); else `initdb` + `pg_ctl` in a temporary folder on a free port, run as the `postgres`
OS user when we are root (initdb refuses root), stopped and deleted at the end.
MIDBACK_TEST_POSTGRES_START=1 skips straight to starting one.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psycopg

DEFAULT_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
BINDIR_CANDIDATES = ("/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin")


class PostgresUnavailable(RuntimeError):
    """Neither reachable nor startable."""


@dataclass
class Server:
    """A PostgreSQL server: an admin URL (database `postgres`) and how to stop it."""

    admin_url: str
    stop: Callable[[], None]
    started_here: bool


def _libpq(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def reachable(url: str) -> bool:
    """True if we can log in to `url` within a few seconds."""
    try:
        with psycopg.connect(_libpq(url), connect_timeout=3):
            return True
    except psycopg.Error:
        return False


def find_or_start() -> Server:
    """A running server for the test session."""
    if os.environ.get("MIDBACK_TEST_POSTGRES_START") == "1":  # exercise the fallback on purpose
        return start_temporary()
    configured = os.environ.get("MIDBACK_TEST_POSTGRES_URL")
    if configured:
        if not reachable(configured):
            raise PostgresUnavailable(f"MIDBACK_TEST_POSTGRES_URL={configured} is not reachable")
        return Server(configured, lambda: None, started_here=False)
    if reachable(DEFAULT_ADMIN_URL):
        return Server(DEFAULT_ADMIN_URL, lambda: None, started_here=False)
    return start_temporary()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _bindir() -> Path:
    override = os.environ.get("MIDBACK_PG_BINDIR")
    for candidate in ([override] if override else []) + list(BINDIR_CANDIDATES):
        if (Path(candidate) / "initdb").exists():
            return Path(candidate)
    raise PostgresUnavailable(
        "no server at 127.0.0.1:5432 and no PostgreSQL binaries in "
        + ", ".join(BINDIR_CANDIDATES)
        + " (apt-get install postgresql-15)"
    )


def start_temporary() -> Server:
    """initdb + pg_ctl start in a temporary folder; the returned Server stops and removes it."""
    bindir = _bindir()
    root = Path(tempfile.mkdtemp(prefix="midback-pg-"))
    as_postgres: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(root, user="postgres")
        as_postgres = ["runuser", "-u", "postgres", "--"]
    data, port = root / "data", _free_port()

    def run(*args: str) -> None:
        result = subprocess.run([*as_postgres, *args], capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise PostgresUnavailable(f"{args[0]} failed: {result.stderr.strip()[-2000:]}")

    def stop() -> None:
        subprocess.run(
            [*as_postgres, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(root, ignore_errors=True)

    try:
        initdb = [str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust"]
        run(*initdb, "--encoding=UTF8", "--locale=C", "--no-sync")
        options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
        pg_ctl = [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-o", options]
        run(*pg_ctl, "-w", "-t", "60", "start")
    except (PostgresUnavailable, OSError, subprocess.SubprocessError) as error:
        stop()
        raise PostgresUnavailable(str(error)) from error
    url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    return Server(url, stop, started_here=True)


def create_database(admin_url: str, name: str) -> str:
    """Create database `name` on the server; returns its URL."""
    with psycopg.connect(_libpq(admin_url), autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')  # type: ignore[arg-type]
    return admin_url.rsplit("/", 1)[0] + f"/{name}"


def drop_database(admin_url: str, name: str) -> None:
    """Drop database `name`, disconnecting whoever is still on it."""
    with psycopg.connect(_libpq(admin_url), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # type: ignore[arg-type]

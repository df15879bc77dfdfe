"""Jobs on PostgreSQL through procrastinate: the database is the queue, `midback worker` runs it.

Servers only defer (a row in procrastinate's tables); any number of `midback worker` processes
pick jobs up. The reminders tick is a procrastinate periodic task: every worker offers it, and
procrastinate defers each tick once. The sends themselves are also claimed once in our own table
(see services.due_reminders), so even a tick run twice sends nothing twice.
"""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime
from typing import Any

import procrastinate
import procrastinate.exceptions
import psycopg
from procrastinate.schema import SchemaManager
from sqlalchemy.engine import make_url

from midback.config import Settings
from midback.jobs import tasks
from midback.jobs.context import JobContext, build_context
from midback.jobs.runner import TASKS, run

log = logging.getLogger("midback.jobs")
SCHEMA_LOCK = 0x6D696462  # an advisory-lock key of our own ("midb")
_context: JobContext | None = None
"""The worker process's context, set by `run_worker` before any job runs."""


def conninfo(database_url: str) -> str:
    """A libpq URL for psycopg from the SQLAlchemy URL (`postgresql+psycopg://` to `postgresql://`)."""
    url = make_url(database_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


def ensure_queue_schema(database_url: str) -> None:
    """Create procrastinate's tables if they are missing (one process at a time)."""
    with psycopg.connect(conninfo(database_url), autocommit=True) as connection:
        connection.execute("SELECT pg_advisory_lock(%s)", (SCHEMA_LOCK,))
        try:
            found = connection.execute("SELECT to_regclass('procrastinate_jobs')").fetchone()
            if found is None or found[0] is None:
                log.info("creating the job queue's tables")
                connection.execute(SchemaManager.get_schema())
        finally:
            connection.execute("SELECT pg_advisory_unlock(%s)", (SCHEMA_LOCK,))


def _cron(tick_seconds: int) -> str:
    """Every minute, or every N seconds (procrastinate's optional sixth column) when shorter."""
    return "* * * * *" if tick_seconds >= 60 else f"* * * * * */{tick_seconds}"


def make_app(database_url: str, *, tick_seconds: int, sync: bool = False) -> procrastinate.App:
    """A procrastinate app on the database, with our tasks; `sync` for deferring from servers."""
    info = conninfo(database_url)
    connector: Any = (
        procrastinate.SyncPsycopgConnector(conninfo=info)
        if sync
        else procrastinate.PsycopgConnector(conninfo=info)
    )
    app = procrastinate.App(connector=connector)

    @app.periodic(cron=_cron(tick_seconds), periodic_id="reminders")
    @app.task(name="midback.tick")
    def tick(timestamp: int) -> None:
        """Send due reminders and alerts as of now."""
        del timestamp  # the work looks back itself; a late tick still finds what is due
        tasks.tick(_require_context(), datetime.now(UTC))

    for name in TASKS:
        app.task(name=f"midback.{name}")(_runner(name))
    return app


def _runner(name: str) -> Any:
    def job(**arguments: Any) -> None:
        run(_require_context(), name, arguments)

    job.__name__ = name
    return job


def _require_context() -> JobContext:
    if _context is None:
        raise RuntimeError("jobs run only in `midback worker`")
    return _context


class QueueJobs:
    """Defers jobs into the PostgreSQL queue from a server process; the connection to the queue
    is opened at the first job, so a server that defers nothing never touches the queue."""

    def __init__(self, database_url: str, *, tick_seconds: int) -> None:
        self._database_url = database_url
        self._tick_seconds = tick_seconds
        self._app: procrastinate.App | None = None
        self._lock = threading.Lock()

    def _open(self) -> procrastinate.App:
        with self._lock:
            if self._app is None:
                app = make_app(self._database_url, tick_seconds=self._tick_seconds, sync=True)
                app.open()
                self._app = app
            return self._app

    def defer(self, name: str, **arguments: Any) -> None:
        """Add the job to the queue (a worker runs it); a queue that cannot be reached is logged
        and the job dropped, so the request still answers."""
        try:
            self._open().configure_task(f"midback.{name}").defer(**arguments)
        except (psycopg.Error, procrastinate.exceptions.ProcrastinateException) as error:
            log.error(
                "could not queue the %s job (%s): run `midback db upgrade` and `midback worker`",
                name,
                type(error).__name__,
            )

    def close(self) -> None:
        """Close the queue's connections, if any were opened."""
        with self._lock:
            if self._app is not None:
                self._app.close()
                self._app = None


def run_worker(settings: Settings, *, concurrency: int = 1, name: str = "") -> None:
    """Run jobs until stopped (SIGINT or SIGTERM): the `midback worker` command."""
    global _context
    url = settings.resolved_database_url()
    ensure_queue_schema(url)
    _context = build_context(settings)
    app = make_app(url, tick_seconds=settings.jobs_tick_seconds)
    try:
        options: dict[str, Any] = {"concurrency": concurrency, "delete_jobs": "successful"}
        if name:
            options["name"] = name
        app.run_worker(**options)
    finally:
        _context.storage.dispose()

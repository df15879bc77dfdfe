"""The server's side of background jobs: which runner, started and stopped with the app.

SQLite (one server process): jobs run in-process. PostgreSQL: the server only defers into the
procrastinate queue and `midback worker` processes run the jobs and the reminders tick.
"""

from __future__ import annotations

from typing import Annotated, Any

from anyio import to_thread
from fastapi import Depends, FastAPI, Request

from midback.config import Settings
from midback.jobs.context import build_context
from midback.jobs.inprocess import InProcessJobs
from midback.jobs.runner import Jobs, NoJobs


def install_jobs(app: FastAPI) -> None:
    """Choose the runner for the app's settings (nothing starts before the lifespan)."""
    settings: Settings = app.state.settings
    mode = settings.job_mode()
    jobs: Any = NoJobs()
    if mode == "in-process":
        context = build_context(
            settings,
            storage=app.state.storage,
            content=app.state.content,
            cache=app.state.plan_cache,
            security=app.state.security,
        )
        jobs = InProcessJobs(context, settings.jobs_tick_seconds)
    elif mode == "queue":
        jobs = _queue(settings)
    app.state.jobs = jobs


def _queue(settings: Settings) -> Any:
    from midback.jobs.queue import QueueJobs

    url = settings.resolved_database_url()
    return QueueJobs(url, tick_seconds=settings.jobs_tick_seconds)


async def start_jobs(app: FastAPI) -> None:
    """Start ticking in-process (from the lifespan); a queue opens at its first job."""
    jobs = getattr(app.state, "jobs", None)
    if isinstance(jobs, InProcessJobs):
        jobs.start()


async def stop_jobs(app: FastAPI) -> None:
    """Stop the runner (the lifespan's end)."""
    jobs = getattr(app.state, "jobs", None)
    if isinstance(jobs, InProcessJobs):
        await jobs.stop()
    elif jobs is not None and hasattr(jobs, "close"):
        await to_thread.run_sync(jobs.close)


async def _jobs(request: Request) -> Jobs:  # no I/O: no thread-pool hop
    jobs: Jobs = getattr(request.app.state, "jobs", None) or NoJobs()
    return jobs


JobsDep = Annotated[Jobs, Depends(_jobs)]

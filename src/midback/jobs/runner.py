"""How request handlers hand work over: `Jobs.defer(name, **arguments)`, whatever runs it."""

from __future__ import annotations

from typing import Any, Protocol

from midback.jobs import tasks
from midback.jobs.context import JobContext

TASKS: dict[str, Any] = {"reset_email": tasks.reset_email, "build_export": tasks.build_export}
"""Jobs that handlers may defer, by name (the tick is periodic, never deferred)."""


class Jobs(Protocol):
    """Runs a named job later, elsewhere than in the request."""

    def defer(self, name: str, **arguments: Any) -> None:
        """Queue the job; returns at once."""


def run(context: JobContext, name: str, arguments: dict[str, Any]) -> None:
    """Run one deferred job now (called by the runner that picked it up)."""
    TASKS[name](context, **arguments)


class NoJobs:
    """Jobs turned off (MIDBACK_JOBS=off): deferred work is dropped."""

    def defer(self, name: str, **arguments: Any) -> None:
        """Drop the job."""

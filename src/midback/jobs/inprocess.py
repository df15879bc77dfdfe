"""Jobs inside the one server process (the embedded SQLite default).

One worker thread runs every job in turn, so jobs never hold the SQLite writer against each
other, and an asyncio task started by the app's lifespan ticks every MIDBACK_JOBS_TICK_SECONDS.
A failing job is logged (without its arguments, which may name a person) and the next one runs.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from midback.jobs import tasks
from midback.jobs.context import JobContext
from midback.jobs.runner import run

log = logging.getLogger("midback.jobs")


class InProcessJobs:
    """Deferred jobs and the periodic tick, on one background thread of this process."""

    def __init__(self, context: JobContext, tick_seconds: int) -> None:
        self._context = context
        self._tick_seconds = tick_seconds
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="midback-jobs")
        self._ticker: asyncio.Task[None] | None = None

    def defer(self, name: str, **arguments: Any) -> None:
        """Run the job on the jobs thread, after any already waiting."""
        self._executor.submit(self._safely, name, arguments)

    def _safely(self, name: str, arguments: dict[str, Any]) -> None:
        try:
            run(self._context, name, arguments)
        except Exception:
            log.exception("the background job %s failed", name)

    def _tick(self) -> None:
        try:
            tasks.tick(self._context)
        except Exception:
            log.exception("the reminders tick failed")

    async def _ticks(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            await loop.run_in_executor(self._executor, self._tick)
            await asyncio.sleep(self._tick_seconds)

    def start(self) -> None:
        """Start ticking (call from the running event loop: the app's lifespan); nothing to tick
        for while neither push nor email is configured."""
        senders = self._context.senders
        if self._ticker is None and (senders.pusher.enabled or senders.mailer.enabled):
            self._ticker = asyncio.get_running_loop().create_task(self._ticks())

    async def stop(self) -> None:
        """Stop ticking and let the job already running finish; waiting jobs are dropped."""
        if self._ticker is not None:
            self._ticker.cancel()
            try:
                await self._ticker
            except asyncio.CancelledError:
                pass
            self._ticker = None
        await asyncio.get_running_loop().run_in_executor(
            None, lambda: self._executor.shutdown(wait=True, cancel_futures=True)
        )

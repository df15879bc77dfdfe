"""SQLite's one writer at a time, handed out first come, first served.

SQLite lets one transaction write at a time. Left to itself, a writer that finds the database
busy sleeps and polls (the busy handler), with growing back-off: under load a late arrival
often wins over one that has waited for a while, so tail latency explodes and a writer can run
past its busy timeout and fail with "database is locked". Instead, midback's writers queue:

- within a process on a ticket lock, served strictly in arrival order;
- across processes (`midback serve --workers N`) on an `flock` of a file beside the database,
  which the kernel hands to the next waiter as soon as it is released (no polling, no timeout;
  a process that dies releases it).

Only the head of each process's queue waits on the file lock, so the processes take turns. The
busy timeout stays as a backstop for writers outside midback (the sqlite3 shell, a backup).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from types import TracebackType

from midback.storage.engine import is_sqlite, sqlite_path

try:  # POSIX; elsewhere the processes fall back on SQLite's busy timeout
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class FairLock:
    """A re-entrant lock granted in the order it was asked for (a ticket lock)."""

    def __init__(self) -> None:
        self._changed = threading.Condition(threading.Lock())
        self._next_ticket = 0
        self._serving = 0
        self._owner: int | None = None
        self._depth = 0

    def acquire(self) -> bool:
        """Wait for our turn (at once if this thread holds the lock already)."""
        me = threading.get_ident()
        with self._changed:
            if self._owner == me:
                self._depth += 1
                return False
            ticket = self._next_ticket
            self._next_ticket += 1
            while ticket != self._serving:
                self._changed.wait()
            self._owner, self._depth = me, 1
            return True

    @property
    def depth(self) -> int:
        """How many times the holding thread holds the lock (read it only while holding it)."""
        return self._depth

    def release(self) -> None:
        """Give the lock to the next in line once the outermost hold ends."""
        with self._changed:
            assert self._owner == threading.get_ident(), "released by a thread not holding it"
            self._depth -= 1
            if self._depth:
                return
            self._owner = None
            self._serving += 1
            self._changed.notify_all()


class WriterQueue:
    """The right to write to one SQLite database, shared fairly by threads and processes."""

    def __init__(self, database: Path | None) -> None:
        self._threads = FairLock()
        self._path = database.with_name(database.name + ".writers") if database else None
        self._fd: int | None = None

    def __enter__(self) -> WriterQueue:
        if self._threads.acquire() and self._path is not None and fcntl is not None:
            try:
                if self._fd is None:
                    self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
                fcntl.flock(self._fd, fcntl.LOCK_EX)
            except BaseException:
                self._threads.release()
                raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if self._fd is not None and self._threads.depth == 1:
                fcntl.flock(self._fd, fcntl.LOCK_UN)  # before the next thread of ours goes
        finally:
            self._threads.release()

    def close(self) -> None:
        """Close the lock file (the lock itself is never held between units of work)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


SQLITE_MAX_WORKERS = 4
"""Server processes allowed on SQLite. Writes go one at a time whatever the count, so more
processes add no write capacity; up to 4 spread reads and page rendering over the cores while
each writer waits its turn in the queue (a transaction holds the lock for milliseconds). For
more, use PostgreSQL."""


def workers_problem(url: str, workers: int) -> str | None:
    """Why `workers` server processes cannot share this database, or None if they can."""
    if workers <= 1 or not is_sqlite(url):
        return None
    if sqlite_path(url) is None:
        return "an in-memory SQLite database cannot be shared by several processes: use --workers 1"
    if fcntl is None:
        return "several processes on SQLite need POSIX file locks (Linux, macOS): use --workers 1"
    if workers > SQLITE_MAX_WORKERS:
        return (
            f"SQLite writes one transaction at a time, so {workers} processes would only queue "
            f"longer: use --workers {SQLITE_MAX_WORKERS} or fewer, or PostgreSQL (DATABASE_URL) "
            "for more"
        )
    return None

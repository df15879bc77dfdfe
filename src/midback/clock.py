"""Where time comes from: one `Clock`, passed in, so tests move time instead of editing rows.

Services never call the wall clock themselves: they ask the clock of their unit of work
(`uow.clock`), which the storage was built with. The server builds one clock in `create_app`
(kept as `app.state.clock` and handed to its storage, so routes read it as `storage.clock`);
the CLI uses the system clock. A test
builds its storage, or its app, with a `MovableClock` and calls `advance()`.
"""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """The current time (aware, UTC) and today's date in UTC."""

    def now(self) -> datetime:
        """The current time, aware and in UTC."""
        ...

    def today(self) -> date:
        """Today's date in UTC (the server does not know a person's time zone)."""
        ...


class SystemClock:
    """The wall clock."""

    def now(self) -> datetime:
        """The current time, aware and in UTC."""
        return datetime.now(UTC)

    def today(self) -> date:
        """Today's date in UTC."""
        return self.now().date()


SYSTEM_CLOCK: Clock = SystemClock()
"""The clock everything uses unless told otherwise."""


class MovableClock:
    """A clock that stands still until moved: for tests (and demos) that let time pass."""

    def __init__(self, start: datetime | None = None) -> None:
        start = start or datetime.now(UTC)
        if start.tzinfo is None:
            raise ValueError("a clock's time must be aware (give it a time zone)")
        self._now = start.astimezone(UTC)
        self._lock = threading.Lock()

    def now(self) -> datetime:
        """The time the clock stands at."""
        with self._lock:
            return self._now

    def today(self) -> date:
        """The date the clock stands at, in UTC."""
        return self.now().date()

    def advance(self, by: timedelta) -> datetime:
        """Move the clock on by `by` (never back) and return the new time."""
        if by < timedelta(0):
            raise ValueError("a clock only moves forward")
        with self._lock:
            self._now += by
            return self._now

    def set(self, when: datetime) -> None:
        """Put the clock at `when` (aware)."""
        if when.tzinfo is None:
            raise ValueError("a clock's time must be aware (give it a time zone)")
        with self._lock:
            self._now = when.astimezone(UTC)

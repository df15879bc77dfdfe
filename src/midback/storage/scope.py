"""One connection per request, and one transaction for all of its reads.

A request typically runs several short units of work: the token check, the plan-inputs version,
perhaps the inputs or a write. Each used to check out its own pooled connection and open and
close its own transaction; on PostgreSQL each of those is a round trip, and they cost more than
the SQL itself. Inside `Storage.request()`, units of work share one connection, opened at the
first use: reads share one transaction (a consistent snapshot on SQLite), and a write carries on
in it on PostgreSQL (READ COMMITTED: the reads were fresh anyway) or, on SQLite, ends it and
takes the write lock with BEGIN IMMEDIATE. A unit of work that starts while another one on the
connection is writing gets a connection of its own, as outside a request.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session

from midback.storage.engine import READ_ONLY


@dataclass
class RequestScope:
    """The connection of one request, and whether a unit of work is writing on it."""

    engine: Engine
    connection: Connection | None = None
    writing: bool = False
    sessions: list[Session] = field(default_factory=list)

    def session(self, *, read_only: bool) -> Session | None:
        """A session on the request's connection, or None if it is busy writing."""
        if self.writing:
            return None
        connection = self.connection
        if connection is None:
            connection = self.connection = self.engine.connect()
        if read_only:
            if not connection.in_transaction():
                connection.execution_options(**{READ_ONLY: True})
                connection.begin()
            return Session(bind=connection, join_transaction_mode="rollback_only")
        if connection.in_transaction() and self.engine.dialect.name == "sqlite":
            connection.rollback()  # a read snapshot cannot become SQLite's write transaction
        connection.execution_options(**{READ_ONLY: False})
        self.writing = True
        return Session(
            bind=connection, join_transaction_mode="control_fully", expire_on_commit=False
        )

    def done_writing(self) -> None:
        """The writing unit of work has ended (committed or rolled back)."""
        self.writing = False

    def close(self) -> None:
        """End the request: roll back what is open and return the connection to the pool."""
        if self.connection is not None:
            self.connection.close()
            self.connection = None

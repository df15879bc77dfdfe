"""The unit of work: one transaction, its repositories, commit or roll back as a whole."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from types import TracebackType
from typing import Generic, Self, TypeVar, cast, overload

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from midback.clock import SYSTEM_CLOCK, Clock
from midback.storage.engine import READ_ONLY, make_engine, sqlite_path
from midback.storage.repositories.assessments import (
    AssessmentRepository,
    MeasurementRepository,
    PlanInputsRepository,
)
from midback.storage.repositories.clearances import ClearanceRepository
from midback.storage.repositories.credentials import (
    ApiTokenRepository,
    LoginFailureRepository,
    ResetTokenRepository,
    WebSessionRepository,
)
from midback.storage.repositories.desk import DeskRepository
from midback.storage.repositories.exports import ExportFileRepository
from midback.storage.repositories.feeds import CalendarFeedRepository
from midback.storage.repositories.imports import ImportRepository
from midback.storage.repositories.installation import InstallationRepository
from midback.storage.repositories.logs import SessionLogRepository
from midback.storage.repositories.messages import MessageRepository
from midback.storage.repositories.outcomes import OutcomeRepository
from midback.storage.repositories.pauses import PauseRepository
from midback.storage.repositories.programs import ProgramRepository
from midback.storage.repositories.reminders import ReminderRepository
from midback.storage.repositories.routines import FavouriteRepository, RoutineRepository
from midback.storage.repositories.session_moves import SessionMoveRepository
from midback.storage.repositories.sharing import (
    AuditRepository,
    InviteRepository,
    PatientLinkRepository,
)
from midback.storage.repositories.users import UserRepository
from midback.storage.scope import RequestScope
from midback.storage.writers import WriterQueue

R = TypeVar("R")


class _Repository(Generic[R]):
    """A repository of a unit of work, made on first use in each `with` block: a request
    uses two or three of the two dozen, and making them all took longer than its reads."""

    def __init__(self, make: Callable[[Session], R]) -> None:
        self._make = make
        self._name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    @overload
    def __get__(self, uow: None, owner: type) -> Self: ...

    @overload
    def __get__(self, uow: UnitOfWork, owner: type) -> R: ...

    def __get__(self, uow: UnitOfWork | None, owner: type) -> Self | R:
        if uow is None:
            return self
        found = uow._repositories.get(self._name)
        if found is None:
            session = uow._opened
            assert session is not None, "use the unit of work in a with block"
            found = uow._repositories[self._name] = self._make(session)
        return cast(R, found)


class UnitOfWork:
    """Use as `with storage.unit_of_work() as uow: ...; uow.commit()`; leaving uncommitted rolls
    back, so a failure half-way writes nothing."""

    users = _Repository(UserRepository)
    api_tokens = _Repository(ApiTokenRepository)
    web_sessions = _Repository(WebSessionRepository)
    reset_tokens = _Repository(ResetTokenRepository)
    login_failures = _Repository(LoginFailureRepository)
    invites = _Repository(InviteRepository)
    links = _Repository(PatientLinkRepository)
    audit = _Repository(AuditRepository)
    assessments = _Repository(AssessmentRepository)
    measurements = _Repository(MeasurementRepository)
    plan_inputs = _Repository(PlanInputsRepository)
    programs = _Repository(ProgramRepository)
    pauses = _Repository(PauseRepository)
    session_moves = _Repository(SessionMoveRepository)
    routines = _Repository(RoutineRepository)
    favourites = _Repository(FavouriteRepository)
    logs = _Repository(SessionLogRepository)
    calendar_feeds = _Repository(CalendarFeedRepository)
    clearances = _Repository(ClearanceRepository)
    installation = _Repository(InstallationRepository)
    imports = _Repository(ImportRepository)
    outcomes = _Repository(OutcomeRepository)
    reminders = _Repository(ReminderRepository)
    export_files = _Repository(ExportFileRepository)
    messages = _Repository(MessageRepository)
    desk = _Repository(DeskRepository)

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        writers: WriterQueue | None = None,
        *,
        read_only: bool = False,
        scope: RequestScope | None = None,
        clock: Clock = SYSTEM_CLOCK,
    ) -> None:
        self._session_factory = session_factory
        self.clock = clock  # where the services working in this unit of work take the time from
        self._writers = writers
        self._read_only = read_only
        self._scope = scope
        self._shared = False
        self._session: Session | None = None
        self._repositories: dict[str, object] = {}
        self._opened: Session | None = None

    def _open(self) -> Session:
        """The request's connection if there is one free, else a pooled one of our own."""
        shared = self._scope.session(read_only=self._read_only) if self._scope else None
        self._shared = shared is not None
        return shared if shared is not None else self._session_factory()

    def __enter__(self) -> Self:
        if self._writers is not None:
            self._writers.__enter__()
        try:
            self._session = self._opened = self._open()
        except BaseException:
            if self._writers is not None:
                self._writers.__exit__(None, None, None)
            raise
        self._repositories = {}  # made on first use, on this session
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._session is not None
        try:
            # A shared read transaction stays open for the next unit of work of the request,
            # unless something failed in it (on PostgreSQL a failed statement spoils it).
            if not (self._shared and self._read_only) or exc_type is not None:
                self._session.rollback()
            self._session.close()
        finally:
            self._session = None
            if self._shared and not self._read_only and self._scope is not None:
                self._scope.done_writing()
            if self._writers is not None:
                self._writers.__exit__(None, None, None)

    def commit(self) -> None:
        """Make everything done so far permanent."""
        assert self._session is not None, "use the unit of work in a with block"
        self._session.commit()

    def rollback(self) -> None:
        """Discard everything done since the last commit."""
        assert self._session is not None, "use the unit of work in a with block"
        self._session.rollback()


class Storage:
    """An engine and the units of work on it; build one per process and dispose of it at exit."""

    def __init__(self, engine: Engine, *, clock: Clock = SYSTEM_CLOCK) -> None:
        self.engine = engine
        self.clock = clock  # every unit of work made here tells the time by it
        # SQLite has one writer at a time: writers of every process queue for it in order
        # (see storage.writers) instead of polling SQLite's busy handler.
        self._writers = None
        if engine.dialect.name == "sqlite":
            self._writers = WriterQueue(sqlite_path(engine.url.render_as_string()))
        self._writer = sessionmaker(engine, expire_on_commit=False)
        self._scope: ContextVar[RequestScope | None] = ContextVar("midback_scope", default=None)
        self._reader = sessionmaker(
            engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False
        )

    @classmethod
    def from_url(cls, url: str, *, clock: Clock = SYSTEM_CLOCK) -> Storage:
        """Storage on the database at `url`, telling the time by `clock`."""
        return cls(make_engine(url), clock=clock)

    @property
    def reads_never_wait(self) -> bool:
        """True on SQLite: in WAL mode a read is an in-process call that no writer blocks, cheap
        enough to make on an event loop (PostgreSQL reads cross the network)."""
        return self._writers is not None

    def unit_of_work(self, *, read_only: bool = False) -> UnitOfWork:
        """A new unit of work; `read_only` ones do not take SQLite's write lock up front. Inside
        `request()` it runs on the request's connection."""
        scope = self._scope.get()
        if read_only:
            return UnitOfWork(self._reader, read_only=True, scope=scope, clock=self.clock)
        return UnitOfWork(self._writer, self._writers, scope=scope, clock=self.clock)

    @contextmanager
    def request(self) -> Iterator[None]:
        """Units of work made inside share one connection and their reads one transaction (see
        storage.scope); the connection goes back to the pool at the end."""
        if self._scope.get() is not None:  # already inside one
            yield
            return
        scope = RequestScope(self.engine)
        token = self._scope.set(scope)
        try:
            yield
        finally:
            self._scope.reset(token)
            scope.close()

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()
        if self._writers is not None:
            self._writers.close()

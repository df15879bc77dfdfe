"""The data import on SQLite and PostgreSQL: batches with their own transactions, progress, and
an interrupted import resumed by sending the same document again, with nothing stored twice."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select
from tests.integration.services.test_training import member
from tests.support.imports import big_export

from midback.content.loader import Content
from midback.services import data_import
from midback.services.errors import Conflict
from midback.services.security import Security
from midback.storage.repositories import assessments as assessments_repository
from midback.storage.tables import Base
from midback.storage.uow import Storage

SESSIONS = 45
BATCH = 10


class Interrupted(Exception):
    """Stands for a timeout or a restart half-way."""


def counts(storage: Storage) -> tuple[int, int, int]:
    """Logs, log items and measurements stored, whoever's."""
    found = []
    with storage.engine.connect() as connection:
        for name in ("session_logs", "session_log_items", "measurements"):
            table = Base.metadata.tables[name]
            found.append(connection.execute(select(func.count()).select_from(table)).scalar_one())
    return found[0], found[1], found[2]


@pytest.fixture(autouse=True)
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(data_import, "BATCH_SESSIONS", BATCH)
    # A person's first plan-inputs count is random (ids may come back); start it at 1 here so
    # the count of writes can be read off it.
    monkeypatch.setattr(assessments_repository, "first_version", lambda: 1)


def test_an_import_goes_in_batch_by_batch_with_progress(
    storage: Storage, security: Security, builtin_content: Content
) -> None:
    user_id = member(storage, security)
    data = json.dumps(big_export(SESSIONS, measured_every=7)).encode()
    seen: list[tuple[int, int]] = []
    stored = data_import.import_data(
        storage.unit_of_work(),
        builtin_content,
        user_id,
        data,
        on_progress=lambda done, total: seen.append((done, total)),
    )
    assert seen == [(10, 45), (20, 45), (30, 45), (40, 45), (45, 45)]
    # 7 sessions measured twice, one loose measurement; the profile's own are not counted.
    assert stored == data_import.Imported(profile=True, sessions=45, measurements=15)
    logs, items, measurements = counts(storage)
    profile_measurements = len(big_export(1)["profile"].get("measurements", []))
    assert logs == 45 and measurements == 15 + profile_measurements
    assert items == sum(1 + n % 2 for n in range(SESSIONS) if n % 13 == 0)
    with storage.unit_of_work(read_only=True) as uow:
        assert uow.plan_inputs.version(user_id) == 1 + 5  # the start, then each batch
        state = uow.imports.of_user(user_id)
    assert state is not None and state.finished and state.sessions_done == 45


def test_an_interrupted_import_resumes_where_it_stopped(
    storage: Storage, security: Security, builtin_content: Content
) -> None:
    user_id = member(storage, security)
    document = big_export(SESSIONS, measured_every=7)
    data = json.dumps(document).encode()

    def stop_after_two(done: int, _: int) -> None:
        if done == 20:
            raise Interrupted

    with pytest.raises(Interrupted):
        data_import.import_data(
            storage.unit_of_work(), builtin_content, user_id, data, on_progress=stop_after_two
        )
    assert counts(storage)[0] == 20
    other = json.dumps({**document, "sessions": document["sessions"][:5]}).encode()
    with pytest.raises(Conflict, match="has not finished"):
        data_import.import_data(storage.unit_of_work(), builtin_content, user_id, other)
    seen: list[int] = []
    data_import.import_data(
        storage.unit_of_work(),
        builtin_content,
        user_id,
        data,
        on_progress=lambda done, _: seen.append(done),
    )
    assert seen == [30, 40, 45]  # only what was missing
    whole = member(storage, security, email="whole@example.org")
    before = counts(storage)
    data_import.import_data(storage.unit_of_work(), builtin_content, whole, data)
    after = counts(storage)
    # The resumed account holds exactly what an uninterrupted import stores.
    assert tuple(b - a for a, b in zip(before, after, strict=True)) == before
    with pytest.raises(Conflict, match="already has training data"):
        data_import.import_data(storage.unit_of_work(), builtin_content, user_id, data)

"""Concurrent writers queue for SQLite's lock instead of failing with "database is locked"."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from midback.storage.uow import Storage

WORKERS, WRITES = 8, 15


def _read_then_write(storage: Storage, worker: int) -> None:
    for n in range(WRITES):
        with storage.unit_of_work() as uow:
            now = datetime.now(UTC)
            uow.login_failures.recent(since=now - timedelta(minutes=15), account_key="k")
            uow.login_failures.add(account_key="k", address_key=f"{worker}-{n}", now=now)
            uow.commit()


def test_concurrent_read_then_write_transactions_all_commit(storage: Storage) -> None:
    with ThreadPoolExecutor(WORKERS) as pool:
        for future in [pool.submit(_read_then_write, storage, w) for w in range(WORKERS)]:
            future.result()
    with storage.unit_of_work(read_only=True) as uow:
        count, _ = uow.login_failures.recent(
            since=datetime(2000, 1, 1, tzinfo=UTC), account_key="k"
        )
    assert count == WORKERS * WRITES

"""SQLite's writers queue first come, first served, in a process and across processes; and how
many server processes may share one SQLite file."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

from midback.storage.writers import SQLITE_MAX_WORKERS, FairLock, WriterQueue, workers_problem


def test_the_lock_is_granted_in_the_order_it_was_asked_for() -> None:
    lock = FairLock()
    order: list[int] = []
    lock.acquire()
    threads = []
    for n in range(8):
        thread = threading.Thread(
            target=lambda n=n: (lock.acquire(), order.append(n), lock.release())
        )
        thread.start()
        threads.append(thread)
        time.sleep(0.02)  # each waiter in line before the next arrives
    lock.release()
    for thread in threads:
        thread.join(timeout=10)
    assert order == list(range(8))


def test_the_lock_is_reentrant_for_its_holder() -> None:
    lock = FairLock()
    lock.acquire()
    lock.acquire()
    assert lock.depth == 2
    lock.release()
    lock.release()
    assert lock.acquire()  # free again: a first hold


HOLD = """
import sys, time
from pathlib import Path
from midback.storage.writers import WriterQueue
queue = WriterQueue(Path(sys.argv[1]))
with queue:
    print("held", flush=True)
    time.sleep(0.5)
"""


def test_another_process_waits_for_the_writer_instead_of_failing(tmp_path: Path) -> None:
    database = tmp_path / "midback.db"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(database)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    queue = WriterQueue(database)
    begun = time.monotonic()
    with queue:
        waited = time.monotonic() - begun
    queue.close()
    holder.communicate(timeout=10)
    assert waited >= 0.2  # it queued behind the other process's writer


def test_sqlite_serves_a_few_processes_and_refuses_more_with_a_reason(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'midback.db'}"
    assert workers_problem(url, 1) is None
    assert workers_problem(url, SQLITE_MAX_WORKERS) is None
    problem = workers_problem(url, SQLITE_MAX_WORKERS + 1)
    assert problem is not None and "one transaction at a time" in problem
    assert "PostgreSQL" in problem
    assert "in-memory" in (workers_problem("sqlite://", 2) or "")
    assert workers_problem("postgresql://u@h/db", 16) is None

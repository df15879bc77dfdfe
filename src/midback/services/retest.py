"""The re-test session at weeks 4 and 8: the tests taken at the start, in the order they were
first taken, each with the values of last time (and of the start) to compare against."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from midback.content.loader import Content
from midback.domain.profile import Side
from midback.domain.protocol import Protocol
from midback.domain.training import MeasurementRecord
from midback.storage.uow import UnitOfWork


@dataclass(frozen=True)
class RetestStep:
    """One test to take again: the values first and last time per side, and whether it was
    already taken again today."""

    protocol: Protocol
    first: dict[Side, float]
    last: dict[Side, float]
    last_on: date | None
    done_today: bool
    by_phone: bool


def retest_steps(
    uow: UnitOfWork, content: Content, user_id: int, today: date, planned: Sequence[str] = ()
) -> list[RetestStep]:
    """The tests the person has measured, in the order first taken (the baseline's first),
    then any the program's re-test lists that were never taken (`planned`)."""
    with uow:
        measured = uow.measurements.of_user(user_id)
    grouped: dict[str, list[MeasurementRecord]] = {}
    for record in measured:
        if record.protocol in content.protocols:
            grouped.setdefault(record.protocol, []).append(record)
    steps = [_step(content.protocols[p], records, today) for p, records in grouped.items()]
    new = [p for p in dict.fromkeys(planned) if p in content.protocols and p not in grouped]
    steps += [_first_time(content.protocols[p]) for p in new]
    return steps


def _first_time(protocol: Protocol) -> RetestStep:
    return RetestStep(protocol, {}, {}, None, False, protocol.method is not None)


def _step(protocol: Protocol, records: list[MeasurementRecord], today: date) -> RetestStep:
    before = [r for r in records if r.taken_at.date() < today] or records
    first_day = records[0].taken_at.date()
    first = {r.side: r.degrees for r in records if r.taken_at.date() == first_day}
    last = {r.side: r.degrees for r in before}
    return RetestStep(
        protocol=protocol,
        first=first,
        last=last,
        last_on=before[-1].taken_at.date(),
        done_today=any(r.taken_at.date() == today for r in records),
        by_phone=protocol.method is not None,
    )

"""What the measuring page needs: the tests this person can do with a phone, and last time's
values to show beside a new result."""

from __future__ import annotations

from dataclasses import dataclass

from midback.content.loader import Content
from midback.domain.phone_measure import doable_variants
from midback.domain.profile import Side
from midback.domain.protocol import Protocol
from midback.domain.protocol_method import MethodVariant
from midback.storage.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class Choice:
    """A protocol with the ways this person can measure it (none: the reason is shown)."""

    protocol: Protocol
    variants: list[MethodVariant]


def choices(uow: UnitOfWork, content: Content, user_id: int) -> list[Choice]:
    """Every protocol a phone can measure, with the variants the latest profile allows."""
    with uow:
        latest = uow.assessments.latest(user_id)
    profile = latest.profile if latest else None
    return [
        Choice(p, doable_variants(p, profile))
        for p in content.protocols.values()
        if p.method is not None
    ]


def last_values(uow: UnitOfWork, user_id: int, protocol_id: str) -> dict[Side, float]:
    """The most recent angle of each side of one protocol."""
    with uow:
        measured = uow.measurements.of_user(user_id)
    return {m.side: m.degrees for m in measured if m.protocol == protocol_id}

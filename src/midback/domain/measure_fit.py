"""Which measurement tests a person can do: the position and the kit each test needs.

A test is offered only if its position is not one the person avoids (someone who cannot get to
the floor is not asked to kneel or go on hands and knees) and at least one of its ways of holding
the phone needs only equipment the person has (no stick test without a stick). A partner's way
needs no equipment of the person's own. A protocol without a described method is offered: there
is nothing to rule it out on.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from midback.domain.protocol import Protocol
from midback.domain.vocabulary import Equipment, Position


def can_do(
    protocol: Protocol, avoid: Collection[Position], equipment: Collection[Equipment]
) -> bool:
    """True if the person can take this test in a position they accept, with their own kit."""
    method = protocol.method
    if method is None:
        return True
    if method.position in avoid:
        return False
    return any(set(v.equipment) <= set(equipment) for v in method.variants)


def tests_for(
    protocols: Iterable[Protocol], avoid: Collection[Position], equipment: Collection[Equipment]
) -> list[Protocol]:
    """The protocols this person can do, in their given order."""
    return [p for p in protocols if can_do(p, avoid, equipment)]

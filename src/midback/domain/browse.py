"""Browsing the library: one query of search words and filters, and how results are grouped."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from itertools import groupby
from typing import TypeVar

from midback.domain.exercise import Exercise
from midback.domain.library import ExerciseLibrary
from midback.domain.vocabulary import Equipment, Kind, Position, Target

MAX_QUERY_CHARS = 200
LEVELS = (1, 2, 3)
E = TypeVar("E", bound=StrEnum)


def _choice(enum: type[E], value: str | None) -> E | None:
    """The enum member named by `value`; None when empty or unknown (a stale link, say)."""
    try:
        return enum(value) if value else None
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class LibraryQuery:
    """What a person is looking for; every part is optional."""

    text: str = ""
    target: Target | None = None
    position: Position | None = None
    equipment: Equipment | None = None
    level: int | None = None

    @classmethod
    def parse(cls, params: Mapping[str, str]) -> LibraryQuery:
        """Read a query from form or URL parameters, ignoring values that mean nothing."""
        level = params.get("level", "")
        return cls(
            text=" ".join(params.get("q", "").split())[:MAX_QUERY_CHARS],
            target=_choice(Target, params.get("target")),
            position=_choice(Position, params.get("position")),
            equipment=_choice(Equipment, params.get("equipment")),
            level=int(level) if level in {str(n) for n in LEVELS} else None,
        )

    @property
    def is_empty(self) -> bool:
        """True when nothing narrows the library."""
        return not (self.text or self.target or self.position or self.equipment or self.level)


def find(library: ExerciseLibrary, query: LibraryQuery) -> list[Exercise]:
    """Exercises matching every filter: best search matches first, else easiest first by kind."""
    found = library.filter(
        target=query.target, position=query.position, uses=query.equipment, level=query.level
    )
    if query.text:
        allowed = {e.id for e in found}
        return [e for e in library.search(query.text) if e.id in allowed]
    return sorted(found, key=lambda e: (KIND_ORDER.index(e.kind), e.level, e.name))


KIND_ORDER = [Kind.BREATHING, Kind.ACTIVATION, Kind.MOBILITY, Kind.STRETCH, Kind.CONTROL]
"""The order of a session: breathe, wake up, move, stretch, then control the new range."""


def group_by_kind(exercises: list[Exercise]) -> list[tuple[Kind, list[Exercise]]]:
    """Consecutive exercises of the same kind, grouped (use on `find`'s unsearched output)."""
    return [(kind, list(items)) for kind, items in groupby(exercises, key=lambda e: e.kind)]


def alternatives_to(exercise: Exercise, library: ExerciseLibrary) -> list[Exercise]:
    """Exercises that could stand in for `exercise`: its chain of easier and harder versions
    first, then others of the same kind that train one of its directions, by name."""
    chain = library.chain_of(exercise.id) - {exercise.id}
    targets = set(exercise.targets)
    similar = {
        e.id
        for e in library.values()
        if e.id != exercise.id and e.kind == exercise.kind and targets & set(e.targets)
    }
    first = sorted((library[i] for i in chain if i in library), key=lambda e: e.name)
    rest = sorted((library[i] for i in similar - chain), key=lambda e: e.name)
    return first + rest

"""The order of a session: preparation before the exercise it prepares, few position changes.

An exercise's `prepare_with` (e.g. a pec stretch and a child's pose lift-off before the wall
angel, as the source article orders them) comes before it in the same session. Within a part,
exercises in the same kind of position stay together, so the person gets down to the floor or
up to standing as few times as possible; the part's first exercise (its leading target, rule 5)
sets which kind comes first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from midback.domain.exercise import Exercise
from midback.domain.planner.eligibility import Pool
from midback.domain.planner.entry import Entry
from midback.domain.program import SessionPart
from midback.domain.vocabulary import Position

UPRIGHT = frozenset({Position.STANDING, Position.SITTING})
"""Positions the person is up in; every other one is on the floor (kneeling, on all fours,
lying)."""


def on_floor(entry: Entry) -> bool:
    """Whether the entry is done down on the floor."""
    return entry.exercise.position not in UPRIGHT


def missing_preparation(
    entries: Sequence[Entry], pool: Pool, excluded: frozenset[str]
) -> list[tuple[Entry, Exercise]]:
    """Entries whose preparations are all absent, each with the first preparation the person
    can do (eligible, not left out)."""
    present = {e.exercise.id for e in entries}
    found = []
    for entry in entries:
        preps = entry.exercise.prepare_with
        if not preps or present.intersection(preps):
            continue
        doable = [pool.by_id[p] for p in preps if p in pool.by_id and p not in excluded]
        if doable:
            found.append((entry, doable[0]))
    return found


def part_for(prep: Exercise, entry: Entry, parts: Sequence[SessionPart]) -> SessionPart | None:
    """The dependent's part, or an earlier one, that can hold `prep` (its kind and a target)."""
    index = next(i for i, p in enumerate(parts) if p.id == entry.part.id)
    for part in (parts[index], *reversed(parts[:index])):
        kinds = {*part.kinds, *part.extra_kinds}
        if prep.kind in kinds and any(t in part.targets for t in prep.targets):
            return part
    return None


def arrange(entries: Sequence[Entry], parts: Sequence[SessionPart]) -> list[Entry]:
    """Entries in part order; within a part, preparations first and positions grouped.

    A preparation that landed in a later part than the exercise it prepares joins that
    exercise's part, so it still comes first.
    """
    order = {part.id: index for index, part in enumerate(parts)}
    entries = _prepare_in_time(entries, order)
    by_part: dict[str, list[Entry]] = {}
    for entry in entries:
        by_part.setdefault(entry.part.id, []).append(entry)
    arranged: list[Entry] = []
    for part_id in sorted(by_part, key=order.__getitem__):
        arranged += _arrange_part(by_part[part_id], {e.exercise.id for e in arranged})
    return arranged


def _prepare_in_time(entries: Sequence[Entry], order: dict[str, int]) -> list[Entry]:
    where = {e.exercise.id: e for e in entries}
    moved: dict[str, Entry] = {}
    for entry in entries:
        for prep_id in entry.exercise.prepare_with:
            prep = moved.get(prep_id) or where.get(prep_id)
            if prep is not None and order[prep.part.id] > order[entry.part.id]:
                moved[prep_id] = replace(prep, part=entry.part)
    return [moved.get(e.exercise.id, e) for e in entries]


def _arrange_part(entries: list[Entry], earlier: set[str]) -> list[Entry]:
    """A topological order (preparations first) that prefers staying in the same position."""
    present = {e.exercise.id for e in entries}
    needs = {
        e.exercise.id: {p for p in e.exercise.prepare_with if p in present and p not in earlier}
        for e in entries
    }
    floor = on_floor(entries[0]) if entries else False
    if not any(needs.values()) and all(on_floor(e) == floor for e in entries):
        return entries  # nothing to prepare, one kind of position: the order stands
    placed: list[Entry] = []
    done: set[str] = set()
    waiting = list(entries)
    while waiting:
        ready = [e for e in waiting if needs[e.exercise.id] <= done]
        if not ready:  # a cycle of preparations: keep the given order
            ready = waiting
        same = [e for e in ready if on_floor(e) == floor]
        chosen = (same or ready)[0]
        floor = on_floor(chosen)
        placed.append(chosen)
        done.add(chosen.exercise.id)
        waiting.remove(chosen)
    return placed


def position_changes(floor_flags: Sequence[tuple[str, bool]]) -> int:
    """How many times a session goes between floor and upright within a part."""
    return sum(
        a[0] == b[0] and a[1] != b[1] for a, b in zip(floor_flags, floor_flags[1:], strict=False)
    )

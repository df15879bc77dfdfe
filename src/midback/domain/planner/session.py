"""Building one session: which exercises serve which targets, and how many sets fit the time.

Targets compete for a part's time by weighted fair sharing: the next exercise goes to the
target whose seconds so far (across the whole plan, divided by its weight) are lowest. So the
direction with the largest deficit gets the most volume (rule 5) while the others still appear.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from math import ceil

from midback.domain.assessment import Asymmetry
from midback.domain.exercise import Exercise
from midback.domain.planner.dosing import MAX_SECONDS_PER_SIDE
from midback.domain.planner.eligibility import Pool
from midback.domain.planner.entry import Entry
from midback.domain.planner.order import arrange, missing_preparation, part_for
from midback.domain.program import ProgressionStep, SessionPart
from midback.domain.vocabulary import Target

HEAD_START_SECONDS = 120.0
"""About one exercise's time: the starting point of every target's fair share."""

RESERVE_SECONDS_PER_PART = 60.0
"""About one set of a short exercise: what a part still to come needs at the least."""

ENTRY_SECONDS = MAX_SECONDS_PER_SIDE
"""A part holds about one exercise per this many seconds before existing ones get more sets:
long sessions go deeper on fewer exercises rather than wider on many."""


@dataclass(frozen=True)
class SessionSpec:
    """Everything that shapes one session."""

    parts: Sequence[SessionPart]
    pool: Pool
    weights: Mapping[str, Mapping[Target, float]]
    step: ProgressionStep
    budget_s: float
    fill_s: float
    asymmetry: Asymmetry | None = None
    excluded: frozenset[str] = frozenset()
    age: int | None = None
    variety: bool = False
    """Least-used exercises first (a pathway's choice for people with few exercises to
    choose from, e.g. seated only), rather than the best-ranked first."""


@dataclass
class Ledger:
    """What earlier sessions used: seconds per part and target, and uses per exercise."""

    seconds: dict[tuple[str, Target], float] = field(default_factory=dict)
    uses: dict[str, int] = field(default_factory=dict)

    def record(self, entries: Sequence[Entry]) -> None:
        """Add a finished session."""
        for e in entries:
            key = (e.part.id, e.target)
            self.seconds[key] = self.seconds.get(key, 0.0) + e.seconds
            self.uses[e.exercise.id] = self.uses.get(e.exercise.id, 0) + 1


def build_session(spec: SessionSpec, ledger: Ledger) -> list[Entry]:
    """Fill each part to its share of the time, top up toward the target, trim to the budget."""
    builder = _Builder(spec, ledger)
    builder.fill_parts()
    builder.top_up()
    builder.add_preparations()
    builder.trim()
    ledger.record(builder.entries)
    return arrange(builder.entries, spec.parts)


def _fit(entry: Entry, room: float) -> Entry | None:
    """The entry with as many of its sets as fit into `room` seconds, or None."""
    for sets in range(entry.dose.sets, 0, -1):
        fitted = entry if sets == entry.dose.sets else entry.resized(sets)
        if fitted.seconds <= room:
            return fitted
    return None


class _Builder:
    """Places entries, keeping running totals so each decision is cheap."""

    def __init__(self, spec: SessionSpec, ledger: Ledger) -> None:
        self.spec = spec
        self.ledger = ledger
        self.entries: list[Entry] = []
        self.total = 0.0
        self.by_part: dict[str, float] = {}
        self.count: dict[str, int] = {}
        self.by_target: dict[tuple[str, Target], float] = {}
        self._grown: dict[Entry, Entry | None] = {}
        self._ranked: dict[tuple[str, Target, bool], list[Exercise]] = {}
        self._live_targets: dict[str, list[tuple[int, Target]]] = {}
        self._made: dict[tuple[str, Target, str], Entry] = {}

    def _count(self, entry: Entry, sign: int) -> None:
        seconds = sign * entry.seconds
        key = (entry.part.id, entry.target)
        self.total += seconds
        self.by_part[entry.part.id] = self.by_part.get(entry.part.id, 0.0) + seconds
        self.by_target[key] = self.by_target.get(key, 0.0) + seconds
        self.count[entry.part.id] = self.count.get(entry.part.id, 0) + sign

    def add(self, entry: Entry) -> None:
        """Place an entry."""
        self.entries.append(entry)
        self._count(entry, 1)

    def replace(self, index: int, entry: Entry) -> None:
        """Swap the entry at `index` for a resized one."""
        self._count(self.entries[index], -1)
        self.entries[index] = entry
        self._count(entry, 1)

    def remove(self, index: int) -> None:
        """Take the entry at `index` out."""
        self._count(self.entries.pop(index), -1)

    def grown(self, entry: Entry) -> Entry | None:
        """Entry.grown, remembered for the entry while it stays in the session."""
        if entry not in self._grown:
            self._grown[entry] = entry.grown()
        return self._grown[entry]

    def part_seconds(self, part: SessionPart) -> float:
        """Seconds placed in `part` so far."""
        return self.by_part.get(part.id, 0.0)

    def fullness(self, part: SessionPart) -> float:
        """Seconds in `part` relative to its share: the emptiest part is served first."""
        return self.part_seconds(part) / part.share

    def priority(self, part: SessionPart, target: Target) -> float:
        """Seconds given to this target so far, relative to its weight (lower goes first).

        Every target starts as if it had one exercise already, so a heavily weighted target
        leads from the first session instead of waiting for the light ones to catch up.
        """
        key = (part.id, target)
        so_far = self.ledger.seconds.get(key, 0.0) + self.by_target.get(key, 0.0)
        return (HEAD_START_SECONDS + so_far) / self.spec.weights[part.id][target]

    def room_for_more(self, part: SessionPart) -> bool:
        """Whether `part` is below its share of time and below its number of exercises."""
        allowance = part.share * self.spec.fill_s
        count = self.count.get(part.id, 0)
        return self.part_seconds(part) < allowance and count < ceil(allowance / ENTRY_SECONDS)

    def fill_parts(self) -> None:
        """Give each part, in order, exercises up to its share of the fill target."""
        for position, part in enumerate(self.spec.parts):
            allowance = part.share * self.spec.fill_s
            while self.room_for_more(part):
                entry = self.next_entry(part, allowance - self.part_seconds(part))
                if entry is None and not self.count.get(part.id):
                    entry = self.first_entry(part, later_parts=len(self.spec.parts) - position - 1)
                if entry is None:
                    break
                self.add(entry)

    def first_entry(self, part: SessionPart, later_parts: int) -> Entry | None:
        """One set of the part's best exercise when nothing fits its share of the time.

        Every session keeps its structure (rule 6): the part may take time from the budget's
        slack, leaving a short exercise's worth for each part still to come; trimming keeps
        the budget if even that fails.
        """
        room = self.spec.budget_s - self.total - later_parts * RESERVE_SECONDS_PER_PART
        entry = self.next_entry(part, room) or self.next_entry(part)
        return entry.resized(1) if entry else None

    def top_up(self) -> None:
        """Add exercises, then sets, until the fill target (never past the budget)."""
        while self.total < self.spec.fill_s:
            if not (self.add_entry(True) or self.add_sets() or self.add_entry(False)):
                return

    def add_preparations(self) -> None:
        """One set of a preparation before each exercise that has none in the session, where
        the budget leaves room (`prepare_with`; the article's order, e.g. the pec stretch
        before the wall angel)."""
        for entry, prep in missing_preparation(self.entries, self.spec.pool, self.spec.excluded):
            if prep.id in {e.exercise.id for e in self.entries}:
                continue
            part = part_for(prep, entry, self.spec.parts)
            if part is None or not self._extra_fits(part, prep):
                continue
            target = next(t for t in prep.targets if t in part.targets)
            dose = self.spec.pool.dose(prep, self.spec.step, self.spec.age)
            candidate = Entry(prep, part, target, dose).resized(1)
            # Room comes from sets first: preparing well beats one more set (issue 11).
            while self.total + candidate.seconds > self.spec.budget_s and self.remove_set():
                pass
            if self.total + candidate.seconds <= self.spec.budget_s:
                at = next(i for i, e in enumerate(self.entries) if e.exercise is entry.exercise)
                self.entries.insert(at, candidate)
                self._count(candidate, 1)

    def _extra_fits(self, part: SessionPart, prep: Exercise) -> bool:
        """Whether `prep` may join `part`: its own kind, or an extra kind that would not then
        outnumber the part's own kinds."""
        if prep.kind in part.kinds:
            return True
        mine = [e for e in self.entries if e.part.id == part.id]
        own = sum(e.exercise.kind in part.kinds for e in mine)
        return own > len(mine) - own

    def trim(self) -> None:
        """Back under the budget: fewer sets, base reps, no extra set, then fewer exercises."""
        while self.total > self.spec.budget_s:
            if not (self.remove_set() or self.lighten() or self.drop_bonus() or self.drop_entry()):
                return

    def add_entry(self, within_share: bool) -> bool:
        """One more exercise in the emptiest part that has room (any part if not `within_share`)."""
        for part in sorted(self.spec.parts, key=self.fullness):
            if within_share and not self.room_for_more(part):
                continue
            entry = self.next_entry(part, self.spec.budget_s - self.total)
            if entry is not None:
                self.add(entry)
                return True
        return False

    def add_sets(self) -> bool:
        """One more set for each entry that can take it, neediest part and target first,
        until the session reaches its fill target; False if none could grow."""
        ranked = sorted(
            (self.fullness(e.part), self.priority(e.part, e.target), index)
            for index, e in enumerate(self.entries)
        )
        grew = False
        for *_, index in ranked:
            entry = self.entries[index]
            bigger = self.grown(entry)
            if bigger is None or self.total + bigger.seconds - entry.seconds > self.spec.budget_s:
                continue
            self.replace(index, bigger)
            grew = True
            if self.total >= self.spec.fill_s:
                break
        return grew

    def remove_set(self) -> bool:
        """One set less on the entry with the most sets."""
        shrinkable = [(e.dose.sets, i) for i, e in enumerate(self.entries) if e.dose.sets > 1]
        if not shrinkable:
            return False
        index = max(shrinkable)[1]
        self.replace(index, self.entries[index].resized(self.entries[index].dose.sets - 1))
        return True

    def lighten(self) -> bool:
        """The longest entry back to its exercise's own reps and hold."""
        lighter = [(e.seconds, i) for i, e in enumerate(self.entries) if e.lightened()]
        if not lighter:
            return False
        index = max(lighter)[1]
        entry = self.entries[index].lightened()
        assert entry is not None
        self.replace(index, entry)
        return True

    def drop_bonus(self) -> bool:
        """Last resort before losing a part: the limited side's extra set in this session."""
        for index, e in enumerate(self.entries):
            if e.bonus_side is not None:
                self.replace(index, replace(e, bonus_side=None))
                return True
        return False

    def drop_entry(self) -> bool:
        """Drop the last exercise of a part holding several (else the last one placed)."""
        if len(self.entries) <= 1:
            return False
        counts = {p.id: sum(e.part.id == p.id for e in self.entries) for p in self.spec.parts}
        crowded = [i for i, e in enumerate(self.entries) if counts[e.part.id] > 1]
        self.remove(crowded[-1] if crowded else len(self.entries) - 1)
        return True

    def next_entry(self, part: SessionPart, room: float | None = None) -> Entry | None:
        """The next exercise for `part`: for the leading target not yet in the session, else
        the target most behind its share, the best exercise (fitted into `room` seconds, with
        as many of its sets as fit, when room is given)."""
        mine = [e for e in self.entries if e.part.id == part.id]
        own_kind = sum(e.exercise.kind in part.kinds for e in mine)
        allow_extra = own_kind > len(mine) - own_kind
        used = {e.exercise.id for e in self.entries}
        weights = self.spec.weights[part.id]
        top = max(weights.values(), default=0.0)
        present = {e.target for e in mine}
        # The most weighted targets come first in every session, whatever earlier sessions
        # gave them: repeated practice of the stiff direction matters most (clinical-facts §4).
        ranked = sorted(
            (weights[t] < top or t in present, self.priority(part, t), index, t)
            for index, t in self._live(part)
        )
        for *_, target in ranked:
            options = self.options(part, target, used, allow_extra)
            if not options:
                continue
            # Only the target most behind its share may take the place: filling leftover
            # seconds with whatever fits would starve the emphasised direction (rule 5).
            for exercise in options:
                entry = self.entry(part, target, exercise)
                fitted = entry if room is None else _fit(entry, room)
                if fitted is not None:
                    return fitted
            return None
        return None

    def _live(self, part: SessionPart) -> list[tuple[int, Target]]:
        """The part's targets with a weight and at least one candidate (once per session)."""
        live = self._live_targets.get(part.id)
        if live is None:
            weights = self.spec.weights[part.id]
            level, excluded = self.spec.step.level, self.spec.excluded
            live = self._live_targets[part.id] = [
                (index, t)
                for index, t in enumerate(part.targets)
                if weights.get(t, 0) > 0 and self.spec.pool.band(part, t, level, excluded)
            ]
        return live

    def options(
        self, part: SessionPart, target: Target, used: set[str], allow_extra: bool
    ) -> list[Exercise]:
        """Exercises for `target`, best first: highest level within the step, plain, least used."""
        key = (part.id, target, allow_extra)
        ranked = self._ranked.get(key)
        if ranked is None:  # the order holds for the whole session: uses change between them
            band = self.spec.pool.band(part, target, self.spec.step.level, self.spec.excluded)
            uses = self.ledger.uses
            available = [
                (rank, uses.get(e.id, 0), e.id, e)
                for rank, e in band
                if allow_extra or e.kind in part.kinds
            ]
            if self.spec.variety:
                available.sort(key=lambda item: (item[1], item[0], item[2]))
            else:
                available.sort(key=lambda item: item[:3])
            ranked = self._ranked[key] = [item[-1] for item in available]
        return [e for e in ranked if e.id not in used]

    def entry(self, part: SessionPart, target: Target, exercise: Exercise) -> Entry:
        """`exercise` at the step's dose; the limited direction's side gets the extra set
        (made once per session: options are tried again and again while parts fill)."""
        key = (part.id, target, exercise.id)
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = self._entry(part, target, exercise)
        return made

    def _entry(self, part: SessionPart, target: Target, exercise: Exercise) -> Entry:
        asymmetry = self.spec.asymmetry
        bonus = None
        sides = exercise.directions
        if asymmetry is not None and asymmetry.target == target and sides and sides.trains(target):
            bonus = asymmetry.limited_side  # sides are directions: the limited one gets more
        dose = self.spec.pool.dose(exercise, self.spec.step, self.spec.age)
        return Entry(exercise, part, target, dose, bonus)

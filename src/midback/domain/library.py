"""The exercise library: lookup, filters, search, and the rules that link exercises together."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from midback.domain.exercise import Exercise
from midback.domain.vocabulary import Equipment, Position, Target


@dataclass(frozen=True, slots=True)
class LinkProblem:
    """A regression/progression link that does not hold, at `path` within the exercise."""

    exercise_id: str
    path: tuple[str | int, ...]
    message: str


class UnknownExerciseError(KeyError):
    """Raised when an exercise id is not in the library."""

    def __init__(self, exercise_id: str, suggestions: list[str]) -> None:
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"no exercise with id '{exercise_id}'{hint}")
        self.exercise_id = exercise_id
        self.suggestions = suggestions

    def __str__(self) -> str:
        return str(self.args[0])


class ExerciseLibrary(Mapping[str, Exercise]):
    """An immutable, id-ordered collection of exercises."""

    def __init__(self, exercises: Iterable[Exercise]) -> None:
        self._by_id = {e.id: e for e in sorted(exercises, key=lambda e: e.id)}
        self._harder: dict[str, frozenset[str]] | None = None

    def harder_variants(self) -> Mapping[str, frozenset[str]]:
        """Each exercise's harder variants: its progressions and the exercises that list it as
        a regression, followed transitively (computed once per library)."""
        if self._harder is None:
            up: dict[str, set[str]] = {i: set() for i in self._by_id}
            for e in self._by_id.values():
                up[e.id].update(p for p in e.progressions if p in up)
                for easier in e.regressions:
                    if easier in up:
                        up[easier].add(e.id)
            self._harder = {i: _reachable(i, up) for i in up}
        return self._harder

    def __getitem__(self, exercise_id: str) -> Exercise:
        try:
            return self._by_id[exercise_id]
        except KeyError:
            raise UnknownExerciseError(exercise_id, self.similar_ids(exercise_id)) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_id)

    def __len__(self) -> int:
        return len(self._by_id)

    def similar_ids(self, text: str, limit: int = 3) -> list[str]:
        """Ids that share the most words with `text`, for 'did you mean' hints."""
        words = set(text.lower().replace("_", "-").split("-"))
        scored = [(len(words & set(i.split("-"))), i) for i in self._by_id]
        return [i for score, i in sorted(scored, key=lambda s: (-s[0], s[1])) if score][:limit]

    def filter(
        self,
        *,
        target: Target | None = None,
        position: Position | None = None,
        uses: Equipment | None = None,
        needs_nothing: bool = False,
        level: int | None = None,
    ) -> list[Exercise]:
        """Exercises matching every given criterion, in id order."""
        return [
            e
            for e in self._by_id.values()
            if (target is None or target in e.targets)
            and (position is None or e.position == position)
            and (uses is None or uses in e.equipment)
            and (not needs_nothing or not e.equipment)
            and (level is None or e.level == level)
        ]

    def search(self, text: str) -> list[Exercise]:
        """Exercises containing every word of `text`, best matches (in the name) first."""
        words = text.lower().split()
        if not words:
            return []
        hits: list[tuple[int, str, Exercise]] = []
        for e in self._by_id.values():
            haystack = e.searchable_text()
            if all(w in haystack for w in words):
                in_name = sum(w in e.name.lower() for w in words)
                in_summary = sum(w in e.summary.lower() for w in words)
                hits.append((-(3 * in_name + in_summary), e.id, e))
        return [e for *_, e in sorted(hits, key=lambda h: (h[0], h[1]))]

    def link_problems(self) -> list[LinkProblem]:
        """Every broken, one-way or circular regression/progression link."""
        problems: list[LinkProblem] = []
        for e in self._by_id.values():
            problems += self._links_of(e, "regressions", "progressions")
            problems += self._links_of(e, "progressions", "regressions")
            problems += self._links_of(e, "prepare_with", None)
        problems += self._cycles()
        return problems

    def _links_of(self, e: Exercise, field: str, reverse: str | None) -> list[LinkProblem]:
        problems = []
        for index, other_id in enumerate(getattr(e, field)):
            path = (field, index)
            other = self._by_id.get(other_id)
            if other is None:
                hint = self.similar_ids(other_id)
                suffix = f" (did you mean {', '.join(hint)}?)" if hint else ""
                problems.append(
                    LinkProblem(e.id, path, f"unknown exercise id '{other_id}'{suffix}")
                )
            elif reverse is None:
                continue
            elif field == "progressions" and other.level < e.level:
                message = f"progression '{other_id}' is level {other.level}, below level {e.level}"
                problems.append(LinkProblem(e.id, path, message))
            elif e.id not in getattr(other, reverse):
                problems.append(
                    LinkProblem(e.id, path, f"'{other_id}' does not list '{e.id}' in its {reverse}")
                )
        return problems

    def _cycles(self) -> list[LinkProblem]:
        """Progressions must lead somewhere: following them may never come back."""
        problems = []
        for start in self._by_id.values():
            seen: set[str] = set()
            frontier = list(start.progressions)
            while frontier:
                current = frontier.pop()
                if current == start.id:
                    problems.append(
                        LinkProblem(start.id, ("progressions",), "progressions loop back to itself")
                    )
                    break
                if current in seen or current not in self._by_id:
                    continue
                seen.add(current)
                frontier.extend(self._by_id[current].progressions)
        return problems

    def chain_of(self, exercise_id: str) -> set[str]:
        """All exercises reachable from `exercise_id` through regressions and progressions."""
        reached = {exercise_id}
        frontier = [exercise_id]
        while frontier:
            e = self._by_id.get(frontier.pop())
            if e is None:
                continue
            for other in (*e.regressions, *e.progressions):
                if other not in reached:
                    reached.add(other)
                    frontier.append(other)
        return reached


def _reachable(start: str, edges: Mapping[str, set[str]]) -> frozenset[str]:
    """Every id reachable from `start` along `edges`, without `start` itself."""
    seen: set[str] = set()
    todo = list(edges.get(start, ()))
    while todo:
        node = todo.pop()
        if node not in seen and node != start:
            seen.add(node)
            todo.extend(edges.get(node, ()))
    return frozenset(seen)

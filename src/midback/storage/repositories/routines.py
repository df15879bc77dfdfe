"""Custom routines with their items, and favourite exercises."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import delete, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from midback.domain.profile import Side
from midback.domain.training import Favourite, Routine, RoutineInput, RoutineItem
from midback.storage.integrity import is_unique
from midback.storage.repositories.common import rowcount
from midback.storage.training_tables import FavouriteRow, RoutineItemRow, RoutineRow


def _item(row: RoutineItemRow) -> RoutineItem:
    return RoutineItem(
        exercise=row.exercise,
        side=Side(row.side),
        sets=row.sets,
        reps=row.reps,
        hold_s=row.hold_s,
        rest_s=row.rest_s,
    )


class RoutineRepository:
    """Routines someone owns, or was assigned by their clinician."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(
        self, *, owner_id: int, body: RoutineInput, shared_with: int | None, now: datetime
    ) -> Routine:
        """Store a new routine."""
        row = RoutineRow(
            owner_id=owner_id,
            name=body.name,
            shared_with=shared_with,
            created_at=now,
            updated_at=now,
        )
        self._session.add(row)
        self._session.flush()
        self._add_items(row.id, body)
        return self._routine(row, list(body.items))

    def get(self, routine_id: int) -> Routine | None:
        """One routine by id, whoever's it is."""
        row = self._session.get(RoutineRow, routine_id)
        return self._routine(row, self._items([row.id]).get(row.id, [])) if row else None

    def visible_to(self, user_id: int) -> list[Routine]:
        """Routines the person owns or was assigned, oldest first."""
        query = (
            select(RoutineRow)
            .where(or_(RoutineRow.owner_id == user_id, RoutineRow.shared_with == user_id))
            .order_by(RoutineRow.id)
        )
        rows = list(self._session.scalars(query))
        items = self._items([row.id for row in rows])
        return [self._routine(row, items.get(row.id, [])) for row in rows]

    def replace(self, routine_id: int, body: RoutineInput, now: datetime) -> None:
        """Give a routine a new name and items."""
        self._session.execute(
            update(RoutineRow)
            .where(RoutineRow.id == routine_id)
            .values(name=body.name, updated_at=now)
        )
        self._session.execute(delete(RoutineItemRow).where(RoutineItemRow.routine_id == routine_id))
        self._add_items(routine_id, body)

    def delete(self, routine_id: int) -> None:
        """Delete a routine and its items (logs keep their entries, without the link)."""
        self._session.execute(delete(RoutineRow).where(RoutineRow.id == routine_id))

    def _add_items(self, routine_id: int, body: RoutineInput) -> None:
        self._session.add_all(
            RoutineItemRow(routine_id=routine_id, position=index, **item.model_dump())
            for index, item in enumerate(body.items)
        )
        self._session.flush()

    def _items(self, routine_ids: list[int]) -> dict[int, list[RoutineItem]]:
        found: dict[int, list[RoutineItem]] = defaultdict(list)
        if not routine_ids:
            return found
        query = (
            select(RoutineItemRow)
            .where(RoutineItemRow.routine_id.in_(routine_ids))
            .order_by(RoutineItemRow.routine_id, RoutineItemRow.position)
        )
        for row in self._session.scalars(query):
            found[row.routine_id].append(_item(row))
        return found

    @staticmethod
    def _routine(row: RoutineRow, items: list[RoutineItem]) -> Routine:
        return Routine(
            row.id,
            row.owner_id,
            row.name,
            tuple(items),
            row.shared_with,
            row.created_at,
            row.updated_at,
        )


class FavouriteRepository:
    """Favourite exercises, one row per person and exercise."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def of_user(self, user_id: int) -> list[Favourite]:
        """A person's favourites, oldest first."""
        query = (
            select(FavouriteRow).where(FavouriteRow.user_id == user_id).order_by(FavouriteRow.id)
        )
        return [Favourite(row.exercise, row.created_at) for row in self._session.scalars(query)]

    def add(self, user_id: int, exercise: str, now: datetime) -> bool:
        """Mark an exercise; False if it already was."""
        query = select(FavouriteRow.id).where(
            FavouriteRow.user_id == user_id, FavouriteRow.exercise == exercise
        )
        if self._session.scalar(query) is not None:
            return False
        try:
            with self._session.begin_nested():  # two requests marking it at once
                self._session.add(FavouriteRow(user_id=user_id, exercise=exercise, created_at=now))
        except IntegrityError as error:
            if not is_unique(error):  # only a second marking is expected here
                raise
            return False
        return True

    def remove(self, user_id: int, exercise: str) -> bool:
        """Unmark an exercise; False if it was not marked."""
        statement = delete(FavouriteRow).where(
            FavouriteRow.user_id == user_id, FavouriteRow.exercise == exercise
        )
        return rowcount(self._session.execute(statement)) > 0

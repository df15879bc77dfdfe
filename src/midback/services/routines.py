"""Custom routines ("build your own workout"), routines a clinician assigns, and favourites."""

from __future__ import annotations

from dataclasses import dataclass

from midback.content.loader import Content
from midback.domain.accounts import User
from midback.domain.profile import Side
from midback.domain.timing import routine_minutes
from midback.domain.training import Favourite, Routine, RoutineInput
from midback.services import sharing
from midback.services.errors import FieldProblem, Forbidden, InvalidInput, NotFound
from midback.storage.uow import UnitOfWork


@dataclass(frozen=True)
class RoutineView:
    """A routine and how long it takes."""

    routine: Routine
    minutes: float


def view(content: Content, routine: Routine) -> RoutineView:
    """A routine with its estimated minutes."""
    return RoutineView(routine, routine_minutes(content.exercises, routine.items))


def check_items(content: Content, body: RoutineInput) -> None:
    """Every exercise must exist, and only per-side exercises may name a side."""
    problems = []
    for index, item in enumerate(body.items):
        exercise = content.exercises.get(item.exercise)
        if exercise is None:
            message = f"unknown exercise id '{item.exercise}'"
            problems.append(FieldProblem(f"items.{index}.exercise", message))
        elif not exercise.per_side and item.side != Side.BOTH:
            problems.append(FieldProblem(f"items.{index}.side", "this exercise has no sides"))
    if problems:
        raise InvalidInput("the routine is not valid", fields=tuple(problems))


def create_routine(
    uow: UnitOfWork, content: Content, user_id: int, body: RoutineInput
) -> RoutineView:
    """Store a person's own routine."""
    check_items(content, body)
    with uow:
        routine = uow.routines.add(
            owner_id=user_id, body=body, shared_with=None, now=uow.clock.now()
        )
        uow.commit()
    return view(content, routine)


def routines_of(uow: UnitOfWork, content: Content, user_id: int) -> list[RoutineView]:
    """The routines a person owns or was assigned."""
    with uow:
        return [view(content, r) for r in uow.routines.visible_to(user_id)]


def get_routine(uow: UnitOfWork, content: Content, user_id: int, routine_id: int) -> RoutineView:
    """A routine the person owns or was assigned; NotFound for anyone else's."""
    with uow:
        routine = uow.routines.get(routine_id)
    if routine is None or user_id not in (routine.owner_id, routine.shared_with):
        raise NotFound("no such routine")
    return view(content, routine)


def _owned(uow: UnitOfWork, user_id: int, routine_id: int) -> Routine:
    """The routine, if the person may change it (the owner, still linked to its patient)."""
    routine = uow.routines.get(routine_id)
    if routine is None or user_id not in (routine.owner_id, routine.shared_with):
        raise NotFound("no such routine")
    if routine.owner_id != user_id:
        raise Forbidden("your clinician assigned this routine; only they can change it")
    patient = routine.shared_with
    if patient is not None and uow.links.active(clinician_id=user_id, patient_id=patient) is None:
        raise Forbidden("the patient ended the link; this routine can no longer be changed")
    return routine


def update_routine(
    uow: UnitOfWork, content: Content, user_id: int, routine_id: int, body: RoutineInput
) -> RoutineView:
    """Rename a routine and replace its items."""
    check_items(content, body)
    with uow:
        _owned(uow, user_id, routine_id)
        uow.routines.replace(routine_id, body, uow.clock.now())
        uow.commit()
        routine = uow.routines.get(routine_id)
    assert routine is not None
    return view(content, routine)


def delete_routine(uow: UnitOfWork, user_id: int, routine_id: int) -> None:
    """Delete a routine the person owns; logs of it stay, without the link."""
    with uow:
        _owned(uow, user_id, routine_id)
        uow.routines.delete(routine_id)
        uow.commit()


def assign_routine(
    uow: UnitOfWork, content: Content, clinician: User, patient_id: int, body: RoutineInput
) -> RoutineView:
    """A linked clinician gives the patient a routine (the clinician keeps it editable)."""
    check_items(content, body)
    sharing.open_patient(
        uow, clinician, patient_id, action="clinician.assign_routine", detail=body.name
    )
    with uow:
        routine = uow.routines.add(
            owner_id=clinician.id, body=body, shared_with=patient_id, now=uow.clock.now()
        )
        uow.commit()
    return view(content, routine)


def favourites_of(uow: UnitOfWork, user_id: int) -> list[Favourite]:
    """The person's favourite exercises."""
    with uow:
        return uow.favourites.of_user(user_id)


def add_favourite(uow: UnitOfWork, content: Content, user_id: int, exercise: str) -> bool:
    """Mark an exercise (NotFound if there is no such exercise); False if it already was."""
    if exercise not in content.exercises:
        raise NotFound("no such exercise")
    with uow:
        added = uow.favourites.add(user_id, exercise, uow.clock.now())
        uow.commit()
    return added


def remove_favourite(uow: UnitOfWork, user_id: int, exercise: str) -> None:
    """Unmark an exercise; NotFound if it was not a favourite."""
    with uow:
        if not uow.favourites.remove(user_id, exercise):
            raise NotFound("not among your favourites")
        uow.commit()

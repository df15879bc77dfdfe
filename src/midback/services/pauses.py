"""Pause the program (a holiday, an illness) and resume it where it stopped.

A pause is stored on the current program; the plan is worked out again in program time
(domain.pauses), so nothing falls due or is missed while paused. Both moves bump the
plan-inputs version in the same transaction.
"""

from __future__ import annotations

from datetime import date

from midback.domain.pauses import Pause
from midback.services.errors import Conflict, NotFound
from midback.services.security import utcnow
from midback.storage.uow import UnitOfWork


def open_pause(uow: UnitOfWork, user_id: int) -> Pause | None:
    """The current program's pause that is still on, if any."""
    return pause_state(uow, user_id)[1]


def pause_state(uow: UnitOfWork, user_id: int) -> tuple[bool, Pause | None]:
    """Whether the person has a program to pause, and its pause that is still on, if any."""
    with uow:
        program = uow.programs.current(user_id)
        if program is None:
            return False, None
        found = next((p for p in uow.pauses.of_program(program.id) if p.end is None), None)
        return True, found


def pauses_of(uow: UnitOfWork, user_id: int) -> list[Pause]:
    """The current program's pauses, oldest first; NotFound without a program."""
    with uow:
        program = uow.programs.current(user_id)
        if program is None:
            raise NotFound("no program yet")
        return uow.pauses.of_program(program.id)


def pause(uow: UnitOfWork, user_id: int, today: date) -> Pause:
    """Pause the current program from `today`; NotFound without one, Conflict if paused."""
    with uow:
        program = uow.programs.current(user_id)
        if program is None:
            raise NotFound("no program to pause")
        if any(p.end is None for p in uow.pauses.of_program(program.id)):
            raise Conflict("the program is paused already")
        uow.plan_inputs.bump(user_id)
        uow.pauses.add(user_id=user_id, program_id=program.id, start=today, now=utcnow())
        uow.commit()
    return Pause(today)


def resume(uow: UnitOfWork, user_id: int, today: date) -> None:
    """Resume the current program from `today` (nothing happens if it is not paused)."""
    with uow:
        program = uow.programs.current(user_id)
        if program is None:
            raise NotFound("no program to resume")
        if not any(p.end is None for p in uow.pauses.of_program(program.id)):
            return
        uow.plan_inputs.bump(user_id)
        uow.pauses.end(program.id, today)
        uow.commit()

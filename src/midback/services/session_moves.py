"""Skip a planned session on purpose, or move it to another day of the same week.

Each is stored as the person's own edit of their current program (domain.session_moves) and
moves the plan-inputs version on in the same transaction, so the plan, Today, the player and
the week view follow at once.
"""

from __future__ import annotations

from datetime import date

from midback.content.loader import Content
from midback.domain.session_moves import SessionMove, move_problem, skip_problem
from midback.services.errors import FieldProblem, InvalidInput, NotFound
from midback.services.plans import PlanCache, current_plan
from midback.storage.uow import UnitOfWork


def skip(
    uow: UnitOfWork, content: Content, cache: PlanCache, user_id: int, day: date, today: date
) -> SessionMove:
    """Skip the session planned on `day` (today or later); InvalidInput if there is none."""
    sessions, _ = _sessions(uow, content, cache, user_id)
    problem = skip_problem(day, sessions, today)
    if problem:
        raise InvalidInput(problem, fields=(FieldProblem("day", problem),))
    return _store(uow, user_id, day, None)


def move(
    uow: UnitOfWork,
    content: Content,
    cache: PlanCache,
    user_id: int,
    day: date,
    to: date,
    today: date,
) -> SessionMove:
    """Move the session planned on `day` to `to`: the same program week, not in the past, onto
    a day without a session; InvalidInput otherwise."""
    sessions, start = _sessions(uow, content, cache, user_id)
    problem = move_problem(day, to, sessions, start, today)
    if problem:
        raise InvalidInput(problem, fields=(FieldProblem("to", problem),))
    return _store(uow, user_id, day, to)


def _sessions(
    uow: UnitOfWork, content: Content, cache: PlanCache, user_id: int
) -> tuple[list[date], date]:
    current = current_plan(uow, content, cache, user_id)
    if current is None:
        raise NotFound("no program yet")
    return [s.date for s in current.sessions], current.program.start_date


def _store(uow: UnitOfWork, user_id: int, day: date, to: date | None) -> SessionMove:
    """Record the change of the session now on `day` (moved there before: its first day)."""
    with uow:
        program = uow.programs.current(user_id)
        if program is None:
            raise NotFound("no program yet")
        moves = uow.session_moves.of_program(program.id)
        planned = next((m.planned for m in moves if m.to == day), day)
        move = SessionMove(planned, to)
        uow.plan_inputs.bump(user_id)
        uow.session_moves.put(
            user_id=user_id, program_id=program.id, move=move, now=uow.clock.now()
        )
        uow.commit()
    return move

"""Manage my plan: every planned session by week (each ahead to skip or move within its week),
and the time, days, equipment, positions and precautions changed without onboarding again
(services.plan_settings stores them as a new assessment; the onboarding's own reader reads the
precautions)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from midback.content.loader import Content
from midback.domain.onboarding import Draft, StepId
from midback.domain.onboarding_words import (
    AVOID_CHOICES,
    DAYS_CHOICES,
    EQUIPMENT_WORDS,
    MINUTES_CHOICES,
)
from midback.domain.pauses import Pause
from midback.domain.plan import PlanWeek
from midback.domain.profile import Surgery
from midback.domain.session_moves import move_choices
from midback.domain.vocabulary import Equipment, Position
from midback.services import pauses, plan_settings, programs, session_moves
from midback.services.errors import Conflict, InvalidInput, NotFound
from midback.services.plan_settings import PlanSettings, Precautions
from midback.services.plans import CurrentPlan
from midback.web import forms
from midback.web.deps import ContentDep, PlanCacheDep, StorageDep
from midback.web.forms import FormData
from midback.web.pages.common import Visitor, VisitorDep, render
from midback.web.pages.guards import CheckedForm, SignedIn
from midback.web.pages.onboarding_context import choices
from midback.web.pages.onboarding_forms import draft_values, read_step

router = APIRouter(include_in_schema=False)

EQUIPMENT = {Equipment.CHAIR: "A chair", **EQUIPMENT_WORDS}


@router.get("/plan/weeks")
def weeks_page(
    request: Request,
    user: SignedIn,
    visitor: VisitorDep,
    storage: StorageDep,
    content: ContentDep,
    plans: PlanCacheDep,
) -> Response:
    """All the weeks of the program: each planned session's date, exercises and minutes."""
    changed = request.query_params.get("changed", "")
    return _weeks(request, user.id, visitor, storage, content, plans, changed=changed)


def _weeks(
    request: Request,
    user_id: int,
    visitor: Visitor,
    storage: StorageDep,
    content: ContentDep,
    plans: PlanCacheDep,
    *,
    changed: str = "",
    problem: str = "",
) -> Response:
    try:
        current = programs.require_plan(
            storage.unit_of_work(read_only=True), content, plans, user_id
        )
    except NotFound:
        return RedirectResponse("/today", status_code=303)
    paused = pauses.open_pause(storage.unit_of_work(read_only=True), user_id)
    today = storage.clock.today()
    context = {
        "weeks": current.plan.weeks,
        "today": today,
        "paused": paused,
        "choices": {} if paused else session_choices(current, today),
        "skipped": skipped_by_week(current.plan.weeks, current.skipped),
        "changed": changed if changed in ("skipped", "moved") else "",
        "problem": problem,
    }
    status = 400 if problem else 200
    return render(request, visitor, "plan/weeks.html", context, status_code=status)


def session_choices(current: CurrentPlan, today: date) -> dict[date, list[date]]:
    """Each session from today on, with the days it may move to (perhaps none)."""
    sessions = [s.date for s in current.sessions]
    start = current.program.start_date
    return {d: move_choices(d, sessions, start, today) for d in sessions if d >= today}


def skipped_by_week(weeks: list[PlanWeek], skipped: tuple[date, ...]) -> dict[int, list[date]]:
    """The skipped days by the plan week they fall in (the last week begun by then)."""
    firsts = [(w.sessions[0].date, w.week) for w in weeks if w.sessions]
    found: dict[int, list[date]] = {}
    for day in skipped:
        week = next((n for first, n in reversed(firsts) if first <= day), None)
        if week is None and firsts:
            week = firsts[0][1]
        if week is not None:
            found.setdefault(week, []).append(day)
    return found


@router.post("/plan/sessions/skip")
def skip_session(
    request: Request,
    user: SignedIn,
    visitor: VisitorDep,
    form: CheckedForm,
    storage: StorageDep,
    content: ContentDep,
    plans: PlanCacheDep,
) -> Response:
    """Skip a planned session (today's or one ahead) on purpose."""
    today = storage.clock.today()

    def skip() -> None:
        day = _day(form, "day", today)
        session_moves.skip(storage.unit_of_work(), content, plans, user.id, day, today)

    return _changed(request, user.id, visitor, form, storage, content, plans, "skipped", skip)


@router.post("/plan/sessions/move")
def move_session(
    request: Request,
    user: SignedIn,
    visitor: VisitorDep,
    form: CheckedForm,
    storage: StorageDep,
    content: ContentDep,
    plans: PlanCacheDep,
) -> Response:
    """Move a planned session to another day of its week (not in the past, not onto a day
    that has a session)."""
    today = storage.clock.today()

    def move() -> None:
        day, to = _day(form, "day", today), _day(form, "to", today)
        session_moves.move(storage.unit_of_work(), content, plans, user.id, day, to, today)

    return _changed(request, user.id, visitor, form, storage, content, plans, "moved", move)


def _changed(
    request: Request,
    user_id: int,
    visitor: Visitor,
    form: FormData,
    storage: StorageDep,
    content: ContentDep,
    plans: PlanCacheDep,
    changed: str,
    change: Callable[[], None],
) -> Response:
    """Make a skip or a move: back where it was asked for, the week view with the problem when
    refused, Today when there is no program."""
    try:
        change()
    except (forms.FieldError, InvalidInput) as error:
        return _weeks(request, user_id, visitor, storage, content, plans, problem=str(error))
    except NotFound:
        return RedirectResponse("/today", status_code=303)
    return RedirectResponse(_back(form, changed), status_code=303)


FURTHEST_AHEAD = timedelta(days=366)
"""A session to skip or move lies at most this far ahead (a program is a few weeks long)."""


def _day(form: FormData, name: str, today: date) -> date:
    """A day from today on (the domain checks it against the plan)."""
    return forms.day(forms.text(form, name), name, low=today, high=today + FURTHEST_AHEAD)


def _back(form: FormData, changed: str) -> str:
    """Back where the change was made: Today or the week view."""
    if forms.text(form, "back") == "today":
        return f"/today?changed={changed}"
    return f"/plan/weeks?changed={changed}"


@router.get("/plan/manage")
def manage_page(
    request: Request, user: SignedIn, visitor: VisitorDep, storage: StorageDep, content: ContentDep
) -> Response:
    """The plan's settings as they stand, to change."""
    try:
        current = plan_settings.current_settings(storage.unit_of_work(read_only=True), user.id)
    except NotFound:
        return RedirectResponse("/onboarding", status_code=303)
    saved = request.query_params.get("saved") == "1"
    can_pause, paused = pauses.pause_state(storage.unit_of_work(read_only=True), user.id)
    return _form(
        request, visitor, content, current, {}, saved=saved, paused=paused, can_pause=can_pause
    )


@router.post("/plan/manage")
def save_settings(
    request: Request,
    user: SignedIn,
    visitor: VisitorDep,
    form: CheckedForm,
    storage: StorageDep,
    content: ContentDep,
) -> Response:
    """Store the new settings; the plan is worked out again with them."""
    wanted, errors = read_settings(form)
    care, care_errors = read_precautions(form)
    errors.update(care_errors)
    if wanted is not None and care is not None:
        wanted = replace(wanted, precautions=care)
    else:
        wanted = None
    if wanted is None:
        current = plan_settings.current_settings(storage.unit_of_work(read_only=True), user.id)
        return _form(request, visitor, content, current, errors, status_code=400)
    try:
        plan_settings.change_settings(storage.unit_of_work(), content, user.id, wanted)
    except InvalidInput as error:
        problems = {p.field: p.message for p in error.fields}
        return _form(request, visitor, content, wanted, {"form": "; ".join(problems.values())}, 400)
    return RedirectResponse("/plan/manage?saved=1", status_code=303)


def read_settings(form: FormData) -> tuple[PlanSettings | None, dict[str, str]]:
    """The settings posted, or None with a message per field."""
    errors: dict[str, str] = {}
    minutes = days = 0
    try:
        minutes = forms.whole_number(forms.text(form, "minutes"), "minutes", low=5, high=60)
    except forms.FieldError:
        errors["minutes"] = "Choose how many minutes a session may take."
    try:
        days = forms.whole_number(forms.text(form, "days"), "days", low=1, high=7)
    except forms.FieldError:
        errors["days"] = "Choose how many days a week."
    kit = set(form.get("equipment", []))
    avoid = set(form.get("avoid", []))
    if not kit <= {e.value for e in EQUIPMENT} or not avoid <= {a.value for a in AVOID_CHOICES}:
        errors["form"] = "Choose from the options shown."
    if errors:
        return None, errors
    positions: set[Position] = set()
    for choice, words in AVOID_CHOICES.items():
        if choice.value in avoid:
            positions |= words.positions
    equipment = frozenset(Equipment(k) for k in kit)
    return PlanSettings(minutes, days, equipment, frozenset(positions)), {}


def read_precautions(form: FormData) -> tuple[Precautions | None, dict[str, str]]:
    """The precautions posted, read by the onboarding's own precautions step (so the same
    answers mean the same here), or None with a message per field."""
    answer = read_step(StepId.PRECAUTIONS, form, Draft(), {})
    if answer.errors:
        return None, dict(answer.errors)
    data = answer.draft.profile_data()
    return Precautions(
        frozenset(answer.draft.precautions or []),
        None if data["surgery"] is None else _surgery(data["surgery"]),
        data["pregnancy_trimester"],
    ), {}


def _surgery(data: dict[str, Any]) -> Surgery:
    return Surgery.model_validate(data)


def precaution_values(care: Precautions | None) -> dict[str, list[str]]:
    """The precautions as the onboarding step's form values."""
    if care is None:
        return {}
    surgery = care.surgery
    draft = Draft(
        precautions=sorted(care.precautions),
        surgery_site=surgery.site if surgery else None,
        surgery_weeks=surgery.weeks_since if surgery else None,
        trimester=care.pregnancy_trimester,
    )
    values = draft_values(draft)
    keys = ("precautions", "surgery_site", "surgery_weeks", "trimester")
    return {k: values[k] for k in keys if k in values}


def _form(
    request: Request,
    visitor: Visitor,
    content: Content,
    current: PlanSettings,
    errors: dict[str, str],
    status_code: int = 200,
    *,
    saved: bool = False,
    paused: Pause | None = None,
    can_pause: bool = False,
) -> Response:
    avoided = [
        c.value for c, a in AVOID_CHOICES.items() if a.positions <= current.positions_to_avoid
    ]
    context: dict[str, Any] = {
        "errors": errors,
        "saved": saved,
        "paused": paused,
        "can_pause": can_pause,
        "values": {
            "minutes": [str(current.minutes_per_day)],
            "days": [str(current.days_per_week)],
            "equipment": [e.value for e in current.equipment],
            "avoid": avoided,
            **precaution_values(current.precautions),
        },
        **choices(StepId.PRECAUTIONS, content, Draft()),
        "minutes_choices": sorted({*MINUTES_CHOICES, current.minutes_per_day}),
        "days_choices": sorted({*DAYS_CHOICES, current.days_per_week}),
        "equipment": [(e.value, words) for e, words in EQUIPMENT.items()],
        "avoid": [(c.value, a.text) for c, a in AVOID_CHOICES.items()],
    }
    return render(request, visitor, "plan/manage.html", context, status_code=status_code)


@router.post("/plan/pause")
def pause_program(user: SignedIn, form: CheckedForm, storage: StorageDep) -> Response:
    """Pause the program from today: nothing falls due until it is resumed."""
    try:
        pauses.pause(storage.unit_of_work(), user.id, storage.clock.today())
    except Conflict:
        pass  # paused already (a form sent twice): Today says so
    return RedirectResponse("/today", status_code=303)


@router.post("/plan/resume")
def resume_program(user: SignedIn, form: CheckedForm, storage: StorageDep) -> Response:
    """Resume the program from today, where it stopped."""
    pauses.resume(storage.unit_of_work(), user.id, storage.clock.today())
    return RedirectResponse("/today?resumed=1", status_code=303)

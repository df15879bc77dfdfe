"""Reading the onboarding's forms: each step's fields into the `Draft`, or what to fix.

The pages post plain words ("9" hours of sitting, "yes" to a chair); the readers here check
them against the choices a step offers and say, per field and in plain words, what to fix. A
draft goes back into form values (`draft_values`) to show a step with its answers filled in.
The rules the answers feed (the profile, the health check) stay in `midback.domain.onboarding`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from midback.domain.onboarding import Draft, StepId
from midback.domain.onboarding_words import (
    ACTIVITY_CHOICES,
    DAYS_CHOICES,
    MINUTES_CHOICES,
    SITTING_CHOICES,
    AvoidChoice,
)
from midback.domain.profile import MAX_AGE, MIN_AGE, PainRegion, RedFlag, SurgerySite
from midback.domain.protocol import Protocol
from midback.domain.vocabulary import Equipment, Precaution
from midback.web.forms import FormData
from midback.web.pages.measure_boxes import read_measurements, values_from

STEP_TITLES: dict[StepId, str] = {
    StepId.DAY: "Your day",
    StepId.ACTIVITY: "Activity",
    StepId.TIME: "Time for sessions",
    StepId.EQUIPMENT: "Equipment",
    StepId.POSITIONS: "Positions",
    StepId.PAIN: "Pain now",
    StepId.HEALTH: "Health check",
    StepId.PRECAUTIONS: "Precautions",
    StepId.MEASURE: "Measure (optional)",
    StepId.CONFIRM: "Before you start",
}


Errors = dict[str, str]


@dataclass(frozen=True)
class StepAnswer:
    """A step's form read: the draft with the answers, or what to fix (the draft unchanged)."""

    draft: Draft
    errors: Errors


def _one(form: FormData, name: str) -> str:
    values = form.get(name) or [""]
    return values[0].strip()


def _choice(form: FormData, name: str, allowed: Sequence[float], message: str) -> tuple[Any, str]:
    raw = _one(form, name)
    for value in allowed:
        if raw == _text(value):
            return value, ""
    return None, message


def _text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _many(form: FormData, name: str, kind: Callable[[str], Any]) -> list[Any]:
    chosen = []
    for raw in form.get(name) or []:
        try:
            chosen.append(kind(raw))
        except ValueError:
            continue
    return list(dict.fromkeys(chosen))


def _day(form: FormData, draft: Draft) -> tuple[dict[str, Any], Errors]:
    errors: Errors = {}
    hours, problem = _choice(
        form, "sitting", [v for v, _ in SITTING_CHOICES], "Choose how long you sit on most days."
    )
    if problem:
        errors["sitting"] = problem
    age: int | None = None
    raw_age = _one(form, "age")
    if raw_age:
        plain = raw_age.isascii() and raw_age.isdigit() and len(raw_age) <= 3
        if not plain or not MIN_AGE <= int(raw_age) <= MAX_AGE:
            errors["age"] = (
                f"Enter your age in years, from {MIN_AGE} to {MAX_AGE}, or leave it empty."
            )
        else:
            age = int(raw_age)
    return {"sitting_hours": hours, "age": age}, errors


def _activity(form: FormData, draft: Draft) -> tuple[dict[str, Any], Errors]:
    minutes, problem = _choice(
        form, "activity", [v for v, _ in ACTIVITY_CHOICES], "Choose the closest answer."
    )
    return {"active_minutes": minutes}, ({"activity": problem} if problem else {})


def _time(form: FormData, draft: Draft) -> tuple[dict[str, Any], Errors]:
    minutes, m_problem = _choice(form, "minutes", MINUTES_CHOICES, "Choose minutes per session.")
    days, d_problem = _choice(form, "days", DAYS_CHOICES, "Choose days per week.")
    errors = {k: v for k, v in (("minutes", m_problem), ("days", d_problem)) if v}
    return {"minutes_per_day": minutes, "days_per_week": days}, errors


def _equipment(form: FormData, draft: Draft) -> tuple[dict[str, Any], Errors]:
    chair = _one(form, "chair")
    if chair not in ("yes", "no"):
        return {}, {"chair": "Say whether you have a chair you can use."}
    extras = [e for e in _many(form, "equipment", Equipment) if e != Equipment.CHAIR]
    return {"chair": chair == "yes", "equipment": extras}, {}


def _positions(form: FormData, draft: Draft) -> tuple[dict[str, Any], Errors]:
    return {"avoid": _many(form, "avoid", AvoidChoice)}, {}


def _pain(form: FormData, draft: Draft) -> tuple[dict[str, Any], Errors]:
    pain, problem = _choice(form, "pain", range(11), "Choose a number from 0 to 10.")
    regions = _many(form, "regions", PainRegion) if pain else []
    return {"pain": pain, "regions": regions}, ({"pain": problem} if problem else {})


def _health(
    form: FormData, draft: Draft, questions: Sequence[RedFlag]
) -> tuple[dict[str, Any], Errors]:
    flags, errors = [], {}
    for flag in questions:
        answer = _one(form, flag.value)
        if answer == "yes":
            flags.append(flag)
        elif answer != "no":
            errors[flag.value] = "Answer yes or no."
    return {"red_flags": flags}, errors


def _precautions(form: FormData, draft: Draft) -> tuple[dict[str, Any], Errors]:
    chosen = _many(form, "precautions", Precaution)
    update: dict[str, Any] = {"precautions": chosen, "surgery_site": None, "surgery_weeks": None}
    update["trimester"] = None
    errors: Errors = {}
    if Precaution.RECENT_SURGERY in chosen:
        sites = _many(form, "surgery_site", SurgerySite)
        update["surgery_site"] = sites[0] if sites else None
        weeks = _one(form, "surgery_weeks")
        if weeks:
            if not weeks.isdigit() or int(weeks) > MAX_SURGERY_WEEKS:
                errors["surgery_weeks"] = (
                    "Enter whole weeks since the operation, or leave it empty."
                )
            else:
                update["surgery_weeks"] = int(weeks)
    if Precaution.PREGNANCY in chosen:
        trimester = _one(form, "trimester")
        if trimester in ("1", "2", "3"):
            update["trimester"] = int(trimester)
    return update, errors


def _confirm(form: FormData, draft: Draft) -> tuple[dict[str, Any], Errors]:
    if _one(form, "disclaimer") != "yes":
        return {}, {"disclaimer": "Please confirm you have read this."}
    return {"disclaimer": True}, {}


MAX_SURGERY_WEEKS = 520

READERS: dict[StepId, Callable[[FormData, Draft], tuple[dict[str, Any], Errors]]] = {
    StepId.DAY: _day,
    StepId.ACTIVITY: _activity,
    StepId.TIME: _time,
    StepId.EQUIPMENT: _equipment,
    StepId.POSITIONS: _positions,
    StepId.PAIN: _pain,
    StepId.PRECAUTIONS: _precautions,
    StepId.CONFIRM: _confirm,
}


def read_step(
    step: StepId,
    form: FormData,
    draft: Draft,
    protocols: Mapping[str, Protocol],
    questions: Sequence[RedFlag] = tuple(RedFlag),
) -> StepAnswer:
    """Read one step's form into the draft; with any problem, the draft stays as it was.

    `questions` are the health-check questions asked (the screen's content decides them).
    """
    if step is StepId.MEASURE:
        return _measure(form, draft, protocols)
    if step is StepId.HEALTH:
        update, errors = _health(form, draft, questions)
    else:
        update, errors = READERS[step](form, draft)
    if errors:
        return StepAnswer(draft, errors)
    return StepAnswer(draft.model_copy(update=update), {})


def _measure(form: FormData, draft: Draft, protocols: Mapping[str, Protocol]) -> StepAnswer:
    """Measurements typed in (any, or none to skip); the intake's limits apply."""
    if _one(form, "skip"):
        return StepAnswer(draft.model_copy(update={"measurements": []}), {})
    found, errors = read_measurements(form, protocols)
    if errors:
        return StepAnswer(draft, dict(errors))
    return StepAnswer(draft.model_copy(update={"measurements": found}), {})


def draft_values(draft: Draft) -> dict[str, list[str]]:
    """The draft as form values, to show each step with its answers filled in."""
    values: dict[str, list[str]] = {}

    def put(name: str, value: object) -> None:
        if value is not None:
            values[name] = [_text(value) if isinstance(value, int | float) else str(value)]

    put("sitting", draft.sitting_hours)
    put("age", draft.age)
    put("activity", draft.active_minutes)
    put("minutes", draft.minutes_per_day)
    put("days", draft.days_per_week)
    put("pain", draft.pain)
    if draft.chair is not None:
        values["chair"] = ["yes" if draft.chair else "no"]
    values["equipment"] = [e.value for e in draft.equipment or []]
    values["avoid"] = [a.value for a in draft.avoid or []]
    values["regions"] = [r.value for r in draft.regions]
    values["precautions"] = [p.value for p in draft.precautions or []]
    put("surgery_site", draft.surgery_site.value if draft.surgery_site else None)
    put("surgery_weeks", draft.surgery_weeks)
    put("trimester", draft.trimester)
    if draft.red_flags is not None:
        for flag in RedFlag:
            values[flag.value] = ["yes" if flag in draft.red_flags else "no"]
    values.update({k: [v] for k, v in values_from(draft.measurements or []).items()})
    if draft.disclaimer:
        values["disclaimer"] = ["yes"]
    return values

"""The check-in (pain rating, everyday activities and, at the re-tests, the overall change) and
the re-test page, which walks through the same measurements as at the start with last time's
values beside each."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from midback.domain.outcome_schedule import Window
from midback.domain.outcomes import Instrument, OutcomeInput, OutcomeRecord, Timepoint
from midback.services import outcomes, retest
from midback.services.errors import InvalidInput
from midback.web import forms
from midback.web.deps import ContentDep, PlanCacheDep, StorageDep
from midback.web.forms import FormData
from midback.web.pages.common import Visitor, VisitorDep, render
from midback.web.pages.guards import CheckedForm, SignedIn

router = APIRouter(include_in_schema=False)

ROWS = 5
"""Activity rows on the form (the instrument takes 3 to 5)."""


def _timepoint(form: FormData, window: Window | None) -> Timepoint:
    raw = forms.text(form, "timepoint")
    if raw in {t.value for t in Timepoint}:
        return Timepoint(raw)
    return window.timepoint if window else Timepoint.BASELINE


def _asked(timepoint: Timepoint) -> list[Instrument]:
    return [i for i in outcomes.instruments().values() if i.asked_at(timepoint)]


def _previous_activities(records: list[OutcomeRecord]) -> list[str]:
    """The activities named last time, so the same ones are rated again."""
    named = [r for r in records if r.activities]
    return [a.activity for a in named[-1].activities] if named else []


def _page(
    request: Request,
    visitor: Visitor,
    timepoint: Timepoint,
    window: Window | None,
    values: FormData,
    errors: dict[str, str],
) -> Response:
    context = {
        "timepoint": timepoint,
        "timepoints": list(Timepoint),
        "window": window,
        "asked": _asked(timepoint),
        "values": {k: v[0] for k, v in values.items() if v},
        "rows": ROWS,
        "errors": errors,
    }
    status = 422 if errors else 200
    return render(request, visitor, "progress/check_in.html", context, status_code=status)


@router.get("/check-in")
def check_in_page(
    request: Request,
    user: SignedIn,
    visitor: VisitorDep,
    storage: StorageDep,
    content: ContentDep,
    plans: PlanCacheDep,
) -> Response:
    """The short form: the pain rating, 3 to 5 activities, and the overall change at re-tests."""
    uow = storage.unit_of_work(read_only=True)
    status = outcomes.check_in_status(uow, content, plans, user.id, storage.clock.today())
    asked_for = request.query_params.get("timepoint", "")
    timepoint = _timepoint({"timepoint": [asked_for]}, status.window)
    named = _previous_activities(status.records)
    values = {f"activity-{n}": [name] for n, name in enumerate(named)}
    return _page(request, visitor, timepoint, status.window, values, {})


def read_answers(form: FormData, timepoint: Timepoint, day: date) -> list[OutcomeInput]:
    """The form as one answer per instrument asked (ValueError for a non-number)."""
    answers = []
    for instrument in _asked(timepoint):
        common = {"instrument": instrument.id, "timepoint": timepoint, "taken_on": day}
        if instrument.kind == "activities":
            items = []
            for n in range(ROWS):
                name = forms.text(form, f"activity-{n}").strip()
                raw = forms.text(form, f"activity-{n}-score").strip()
                if name or raw:
                    items.append({"activity": name, "score": int(raw) if raw else -1})
            answers.append(OutcomeInput.model_validate({**common, "activities": items}))
        else:
            raw = forms.text(form, instrument.id).strip()
            answers.append(
                OutcomeInput.model_validate({**common, "score": int(raw) if raw else None})
            )
    return answers


def _form_errors(error: InvalidInput, timepoint: Timepoint) -> dict[str, str]:
    """Service field names (`1.activities.0.score`) as the form's names (`activity-0-score`)."""
    asked = _asked(timepoint)
    found: dict[str, str] = {}
    for problem in error.fields:
        index, _, rest = problem.field.partition(".")
        instrument = asked[int(index)].id if index.isdigit() and int(index) < len(asked) else ""
        parts = rest.split(".")
        if parts[0] == "activities" and len(parts) == 3:
            key = f"activity-{parts[1]}" + ("-score" if parts[2] == "score" else "")
        elif parts[0] == "activities":
            key = "activities"
        else:
            key = instrument or "form"
        found.setdefault(key, problem.message.capitalize() + ".")
    return found


@router.post("/check-in")
def check_in(
    request: Request,
    user: SignedIn,
    form: CheckedForm,
    visitor: VisitorDep,
    storage: StorageDep,
    content: ContentDep,
    plans: PlanCacheDep,
) -> Response:
    """Store the check-in; back to Progress, where it shows against its band."""
    user_id, day = user.id, storage.clock.today()
    window = outcomes.open_window_of(storage.unit_of_work(read_only=True), content, plans,
                                     user_id, day)  # fmt: skip
    timepoint = _timepoint(form, window)
    try:
        answers = read_answers(form, timepoint, day)
        outcomes.record_outcomes(
            storage.unit_of_work(), content, plans, user_id, answers,
            recorded_by=user_id, today=day, prefix="",
        )  # fmt: skip
    except (ValueError, ValidationError):
        errors = {"form": "Use whole numbers from the lists, and name each activity."}
        return _page(request, visitor, timepoint, window, form, errors)
    except InvalidInput as error:
        return _page(request, visitor, timepoint, window, form, _form_errors(error, timepoint))
    return RedirectResponse("/progress?checked_in=1", status_code=303)


@router.get("/retest")
def retest_page(
    request: Request,
    user: SignedIn,
    visitor: VisitorDep,
    storage: StorageDep,
    content: ContentDep,
    plans: PlanCacheDep,
) -> Response:
    """Measure again: the tests taken at the start, in the same order, each with last time's
    values, then the check-in."""
    uow = storage.unit_of_work(read_only=True)
    planned = outcomes.retest_protocols(uow, content, plans, user.id)
    steps = retest.retest_steps(uow, content, user.id, storage.clock.today(), planned)
    status = outcomes.check_in_status(uow, content, plans, user.id, storage.clock.today())
    context = {"steps": steps, "due": status.due}
    return render(request, visitor, "measure/retest.html", context)

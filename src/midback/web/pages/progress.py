"""Progress: each measured protocol over time against its reference and measurement error,
adherence by week and pain over time, as SVG charts with tables; and re-measuring."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from midback.content.loader import Content
from midback.domain.training import MeasurementsInput
from midback.exports.charts import adherence_chart, measurement_chart, pain_chart, series_label
from midback.exports.outcome_charts import outcome_chart
from midback.services import assessments, home, outcomes
from midback.services.errors import InvalidInput
from midback.web.deps import ContentDep, PlanCacheDep, StorageDep, ViewCacheDep
from midback.web.forms import FormData
from midback.web.pages.common import Visitor, VisitorDep, render
from midback.web.pages.guards import CheckedForm, SignedIn
from midback.web.pages.measure_boxes import read_measurements, values_of

router = APIRouter(include_in_schema=False)


def _exercise_name(content: Content, exercise_id: str) -> str:
    exercise = content.exercises.get(exercise_id)
    return exercise.name if exercise is not None else exercise_id


@router.get("/progress")
def progress_page(
    request: Request,
    user: SignedIn,
    visitor: VisitorDep,
    storage: StorageDep,
    content: ContentDep,
    plans: PlanCacheDep,
    views: ViewCacheDep,
) -> Response:
    """Charts of measurements, adherence and pain, each with its numbers in a table."""
    uow = storage.unit_of_work(read_only=True)
    report = home.progress_report(uow, content, plans, views, user.id, storage.clock.today())
    names = {p.id: p.name for p in content.protocols.values()}
    measured = []
    for index, series in enumerate(report.measurements):
        name = names.get(series.protocol, series.protocol)
        chart = measurement_chart(f"m{index}", series, name, report.measurements)
        measured.append((series, series_label(series, name), chart))
    checks = outcomes.cached_status(uow, content, plans, views, user.id, report.today)
    context = {
        "outcomes": [(s, outcome_chart(f"o{i}", s)) for i, s in enumerate(checks.series)],
        "check_in": checks.due,
        "checked_in": request.query_params.get("checked_in") == "1",
        "report": report,
        "measured": measured,
        "adherence": adherence_chart("adherence", report.weeks) if report.weeks else "",
        "pain": pain_chart("pain", report.pain.points) if report.pain.points else "",
        "pain_points": report.pain.points[-12:],
        "measured_now": request.query_params.get("measured", ""),
        "camera": [(series, _exercise_name(content, series.exercise)) for series in report.camera],
    }
    return render(request, visitor, "progress/index.html", context)


def _measure_page(
    request: Request,
    visitor: Visitor,
    content: Content,
    values: FormData,
    errors: dict[str, str],
) -> Response:
    context = {"protocols": list(content.protocols.values()), "values": values, "errors": errors}
    status = 422 if errors else 200
    return render(request, visitor, "progress/measure.html", context, status_code=status)


@router.get("/progress/measure")
def measure_page(
    request: Request, _: SignedIn, visitor: VisitorDep, content: ContentDep
) -> Response:
    """Measure again: how to do each test, and a box per side for the angle."""
    return _measure_page(request, visitor, content, {}, {})


@router.post("/progress/measure")
def measure(
    request: Request,
    user: SignedIn,
    form: CheckedForm,
    visitor: VisitorDep,
    storage: StorageDep,
    content: ContentDep,
) -> Response:
    """Save the angles typed in (at least one); they steer the plan from now on."""
    found, errors = read_measurements(form, content.protocols)
    if not found and not errors:
        errors = {"form": "Enter at least one angle, or go back to your progress."}
    if errors:
        return _measure_page(request, visitor, content, form, errors)
    body = MeasurementsInput(measurements=found)
    try:
        assessments.add_measurements(
            storage.unit_of_work(), content, user.id, body, recorded_by=user.id
        )
    except InvalidInput as error:
        values = values_of(form, content.protocols)
        return _measure_page(request, visitor, content, {k: [v] for k, v in values.items()},
                             {"form": error.message.capitalize() + "."})  # fmt: skip
    return RedirectResponse(f"/progress?measured={len(found)}", status_code=303)

"""Measuring with the phone: choose a test, follow the guided steps (the page's script reads the
sensors), save the mean of the trials; or type a number where a phone has no sensors."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from midback.content.loader import Content
from midback.domain.accounts import User
from midback.domain.exercise import Exercise
from midback.domain.phone_measure import PhoneMeasurementInput
from midback.domain.profile import Measurement
from midback.domain.protocol import Protocol
from midback.domain.protocol_method import MethodVariant
from midback.domain.training import MeasurementsInput
from midback.exports.placement import WORDS, render_placement
from midback.services import assessments, measuring
from midback.services.errors import InvalidInput
from midback.storage.uow import Storage
from midback.web import forms
from midback.web.deps import ContentDep, StorageDep
from midback.web.forms import FormData
from midback.web.pages.common import Visitor, VisitorDep, render
from midback.web.pages.guards import CheckedForm, SignedIn

router = APIRouter(include_in_schema=False)


def _protocol(content: Content, protocol_id: str) -> Protocol:
    protocol = content.protocols.get(protocol_id)
    if protocol is None or protocol.method is None:
        raise HTTPException(status_code=404, detail="no such phone measurement")
    return protocol


def _variant(protocol: Protocol, variant_id: str | None) -> MethodVariant:
    assert protocol.method is not None
    if not variant_id:
        return protocol.method.variants[0]
    variant = protocol.method.variant(variant_id)
    if variant is None:
        raise HTTPException(status_code=404, detail="no such way of measuring")
    return variant


@router.get("/measure")
def measure_home(
    request: Request, user: SignedIn, visitor: VisitorDep, storage: StorageDep, content: ContentDep
) -> Response:
    """The tests a phone can measure, those this person can do first."""
    found = measuring.choices(storage.unit_of_work(read_only=True), content, user.id)
    saved_id = request.query_params.get("saved", "")
    saved = None
    if saved_id in content.protocols:
        last = measuring.last_values(storage.unit_of_work(read_only=True), user.id, saved_id)
        saved = (content.protocols[saved_id], last)
    context = {"choices": found, "saved": saved, "back": request.query_params.get("from", "")}
    return render(request, visitor, "measure/index.html", context)


def _guided(
    request: Request,
    visitor: Visitor,
    user: User,
    storage: Storage,
    protocol: Protocol,
    variant: MethodVariant,
    errors: dict[str, str],
) -> Response:
    assert protocol.method is not None
    last = measuring.last_values(storage.unit_of_work(read_only=True), user.id, protocol.id)
    context = {
        "protocol": protocol,
        "method": protocol.method,
        "variant": variant,
        "error": protocol.method.error_of(variant),
        "sides": protocol.sides(),
        "last": {side.value: value for side, value in last.items()},
        "where": " and then ".join(WORDS[p] for p in variant.places),
        "errors": errors,
    }
    status = 422 if errors else 200
    return render(request, visitor, "measure/guided.html", context, status_code=status)


@router.get("/measure/{protocol_id}")
def guided_page(
    protocol_id: str,
    request: Request,
    user: SignedIn,
    visitor: VisitorDep,
    storage: StorageDep,
    content: ContentDep,
    variant: str | None = None,
) -> Response:
    """One test, step by step: where the phone goes, zero, move, hold, three times per side."""
    protocol = _protocol(content, protocol_id)
    chosen = _variant(protocol, variant)
    return _guided(request, visitor, user, storage, protocol, chosen, {})


@router.get("/measure/{protocol_id}/{variant_id}/placement.svg")
def placement_svg(
    protocol_id: str, variant_id: str, request: Request, content: ContentDep
) -> Response:
    """The start position drawn from the body model, with the phone marked."""
    protocol = _protocol(content, protocol_id)
    variant = _variant(protocol, variant_id)
    cache: dict[tuple[str, str], str] = getattr(request.app.state, "placements", {})
    request.app.state.placements = cache
    key = (protocol.id, variant.id)
    if key not in cache:
        exercise: Exercise = content.exercises[variant.illustration]
        cache[key] = render_placement(exercise, list(variant.places))
    return Response(
        cache[key], media_type="image/svg+xml", headers={"Cache-Control": "max-age=3600"}
    )


def _trials(raw: str) -> list[float]:
    return [float(part) for part in raw.split(",") if part.strip()]


def _phone_body(form: FormData, protocol: Protocol) -> PhoneMeasurementInput | None:
    """The phone's trials from the form, or None when none were sent."""
    results = []
    for side in protocol.sides():
        raw = forms.text(form, f"trials-{side.value}").strip()
        if raw:
            results.append({"side": side.value, "trials": _trials(raw)})
    if not results:
        return None
    fields = {"variant": forms.text(form, "variant"), "api": forms.text(form, "api")}
    return PhoneMeasurementInput.model_validate(
        {"protocol": protocol.id, **fields, "results": results}
    )


def _typed_body(form: FormData, protocol: Protocol) -> MeasurementsInput | None:
    found = []
    for side in protocol.sides():
        raw = forms.text(form, f"typed-{side.value}").strip().replace(",", ".")
        if raw:
            found.append(Measurement(protocol=protocol.id, side=side, degrees=float(raw)))
    return MeasurementsInput(measurements=found) if found else None


@router.post("/measure/{protocol_id}")
def save_measurement(
    protocol_id: str,
    request: Request,
    user: SignedIn,
    form: CheckedForm,
    visitor: VisitorDep,
    storage: StorageDep,
    content: ContentDep,
) -> Response:
    """Store the phone's trials (or the numbers typed instead) and go back to the list."""
    protocol = _protocol(content, protocol_id)
    variant = _variant(protocol, forms.text(form, "variant") or None)
    user_id = user.id
    try:
        phone = _phone_body(form, protocol)
        typed = None if phone else _typed_body(form, protocol)
        if phone is not None:
            assessments.add_phone_measurements(
                storage.unit_of_work(), content, user_id, phone,
                user_agent=request.headers.get("user-agent", ""), recorded_by=user_id,
            )  # fmt: skip
        elif typed is not None:
            assessments.add_measurements(
                storage.unit_of_work(), content, user_id, typed, recorded_by=user_id
            )
        else:
            errors = {"form": "Nothing was measured yet: take the readings, or type the angle."}
            return _guided(request, visitor, user, storage, protocol, variant, errors)
    except (ValueError, ValidationError, InvalidInput) as error:
        message = error.message if isinstance(error, InvalidInput) else "Check the numbers"
        details = (
            "; ".join(f.message for f in error.fields) if isinstance(error, InvalidInput) else ""
        )
        text = message.capitalize() + (f": {details}" if details else "") + "."
        return _guided(request, visitor, user, storage, protocol, variant, {"form": text})
    return RedirectResponse(f"/measure?saved={protocol.id}", status_code=303)

"""Assessment: measurements against their own protocol's reference, side differences, emphasis.

Every comparison uses the protocol's reference and MDC (clinical-facts §1, §2): a deficit within
the MDC is not called a limit, and a change within it is not called progress.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, PlainSerializer

from midback.domain.profile import Degrees, Measurement, Side, compact_number
from midback.domain.protocol import Protocol
from midback.domain.vocabulary import Target

LIMITED_WEIGHT_MIN = 1.5
LIMITED_WEIGHT_MAX = 3.0
PRIMARY_WEIGHT = 1.0
MEASURED_FINE_WEIGHT = 0.6
OTHER_WEIGHT = 0.5
"""Relative volume per direction: limited directions most, scaled by their relative deficit;
unmeasured primary directions (extension and rotation) next; the rest a little, for variety."""


class Result(BaseModel):
    """Base for computed results: immutable."""

    model_config = ConfigDict(frozen=True)


class Finding(Result):
    """One measurement compared with its protocol's reference."""

    protocol: str
    side: Side
    degrees: Degrees
    reference: Degrees
    deficit: Degrees
    limited: bool
    mdc: Degrees
    source: str
    meaning: str


class Asymmetry(Result):
    """The largest side-to-side difference beyond the protocol's MDC."""

    protocol: str
    target: Target
    limited_side: Side
    difference: Degrees
    mdc: Degrees
    meaning: str


class Change(Result):
    """A re-measurement compared with the value before it."""

    date: date
    protocol: str
    side: Side
    before: Degrees
    after: Degrees
    change: Annotated[float, PlainSerializer(compact_number, return_type=int | float)]
    within_error: bool
    meaning: str


class Assessment(Result):
    """Findings, the side difference that steers per-side volume, and the emphasis."""

    findings: list[Finding]
    asymmetry: Asymmetry | None
    emphasis: list[Target]
    changes: list[Change] = []


def _deg(value: float) -> str:
    return f"{compact_number(value)}°"


def finding_for(measurement: Measurement, protocol: Protocol) -> Finding:
    """Compare one measurement with its protocol's reference value."""
    deficit = max(0.0, protocol.reference - measurement.degrees)
    limited = deficit > protocol.mdc
    reading, reference = _deg(measurement.degrees), _deg(protocol.reference)
    if limited:
        meaning = (
            f"{reading} is {_deg(deficit)} below the {reference} reference for this test, more "
            f"than the {_deg(protocol.mdc)} a re-test can differ by: a real limit. "
            + protocol.meaning
        )
    elif deficit > 0:
        meaning = (
            f"{reading} is within {_deg(protocol.mdc)} of the {reference} reference: inside "
            "measurement error, so no clear limit."
        )
    else:
        meaning = f"{reading} reaches the {reference} reference for this test."
    return Finding(
        protocol=protocol.id,
        side=measurement.side,
        degrees=measurement.degrees,
        reference=protocol.reference,
        deficit=round(deficit, 1),
        limited=limited,
        mdc=protocol.mdc,
        source=protocol.reference_source,
        meaning=meaning,
    )


def largest_asymmetry(
    measurements: Sequence[Measurement], protocols: Mapping[str, Protocol]
) -> Asymmetry | None:
    """The per-side protocol whose left/right difference exceeds its MDC the most."""
    best: Asymmetry | None = None
    for protocol_id in sorted({m.protocol for m in measurements}):
        protocol = protocols[protocol_id]
        sides = {m.side: m.degrees for m in measurements if m.protocol == protocol_id}
        if not protocol.per_side or Side.LEFT not in sides or Side.RIGHT not in sides:
            continue
        difference = abs(sides[Side.LEFT] - sides[Side.RIGHT])
        if difference <= protocol.mdc or (best is not None and difference <= best.difference):
            continue
        limited, other = (
            (Side.LEFT, Side.RIGHT)
            if sides[Side.LEFT] < sides[Side.RIGHT]
            else (Side.RIGHT, Side.LEFT)
        )
        best = Asymmetry(
            protocol=protocol_id,
            target=protocol.target,
            limited_side=limited,
            difference=round(difference, 1),
            mdc=protocol.mdc,
            meaning=(
                f"{protocol.name}: {limited.value} is {_deg(difference)} short of {other.value}, "
                f"more than the {_deg(protocol.mdc)} measurement error, so per-side "
                f"{protocol.target.value.replace('_', ' ')} exercises give the {limited.value} "
                "side an extra set."
            ),
        )
    return best


def target_weights(
    targets: Sequence[Target],
    primary: Iterable[Target],
    findings: Sequence[Finding],
    protocols: Mapping[str, Protocol],
) -> dict[Target, float]:
    """Relative volume per direction: the largest relative deficit gets the most."""
    measured: dict[Target, float] = {}
    for f in findings:
        target = protocols[f.protocol].target
        relative = (f.reference - f.degrees) / f.reference if f.limited else 0.0
        measured[target] = max(measured.get(target, 0.0), relative)
    top = max(measured.values(), default=0.0)
    primary_set = set(primary)
    weights: dict[Target, float] = {}
    for target in targets:
        if target in measured and measured[target] > 0:
            share = measured[target] / top
            weights[target] = LIMITED_WEIGHT_MIN + (LIMITED_WEIGHT_MAX - LIMITED_WEIGHT_MIN) * share
        elif target in measured:
            weights[target] = MEASURED_FINE_WEIGHT
        else:
            weights[target] = PRIMARY_WEIGHT if target in primary_set else OTHER_WEIGHT
    return weights


def emphasis_of(weights: Mapping[Target, float]) -> list[Target]:
    """Directions getting at least a primary share of volume, most first."""
    order = list(weights)
    chosen = [t for t in order if weights[t] >= PRIMARY_WEIGHT]
    return sorted(chosen, key=lambda t: (-weights[t], order.index(t)))


def assess(
    measurements: Sequence[Measurement],
    protocols: Mapping[str, Protocol],
    targets: Sequence[Target],
    primary: Sequence[Target],
) -> tuple[Assessment, dict[Target, float]]:
    """Findings, asymmetry and emphasis for `measurements`, with the volume weights behind them."""
    findings = [finding_for(m, protocols[m.protocol]) for m in measurements]
    weights = target_weights(targets, primary, findings, protocols)
    assessment = Assessment(
        findings=findings,
        asymmetry=largest_asymmetry(measurements, protocols),
        emphasis=emphasis_of(weights),
    )
    return assessment, weights


def merge_measurements(
    current: Sequence[Measurement], new: Sequence[Measurement]
) -> list[Measurement]:
    """Latest value per protocol and side, in a stable order."""
    latest = {(m.protocol, m.side): m for m in [*current, *new]}
    return [latest[key] for key in sorted(latest)]


def compare(
    before: Sequence[Measurement],
    after: Sequence[Measurement],
    protocols: Mapping[str, Protocol],
    when: date,
) -> list[Change]:
    """Each re-measured value against the one before it; changes under the MDC are noise."""
    earlier = {(m.protocol, m.side): m.degrees for m in before}
    changes = []
    for m in after:
        if (m.protocol, m.side) not in earlier:
            continue
        protocol = protocols[m.protocol]
        delta = m.degrees - earlier[(m.protocol, m.side)]
        within = abs(delta) < protocol.mdc
        if within:
            verdict = f"within measurement error (±{_deg(protocol.mdc)})"
        else:
            gained = "gained" if delta > 0 else "lost"
            verdict = f"{gained} {_deg(abs(delta))}, more than the measurement error"
        label = protocol.name if m.side == Side.BOTH else f"{protocol.name} ({m.side.value})"
        changes.append(
            Change(
                date=when,
                protocol=m.protocol,
                side=m.side,
                before=earlier[(m.protocol, m.side)],
                after=m.degrees,
                change=delta,
                within_error=within,
                meaning=f"{label}: {_deg(earlier[(m.protocol, m.side)])} → {_deg(m.degrees)}, "
                + verdict
                + ".",
            )
        )
    return changes

"""Assessment: measurements against their own protocol's reference, side differences, emphasis.

Whether a value is limited is judged against the protocol's normal spread (below mean − 1.5 SD,
domain/norms.py), never against its MDC; the MDC is for change: a change within it is not called
progress, and a side difference within it does not steer volume (clinical-facts §1, §2).
A reference without a published spread, or an unverified one, only informs the emphasis.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, PlainSerializer

from midback.domain.norms import AGE_RANGES_FALL, Judgement, Norm, Status, judge
from midback.domain.profile import Degrees, Measurement, Side, compact_number
from midback.domain.protocol import Protocol
from midback.domain.vocabulary import Target

LIMITED_WEIGHT_MIN = 1.5
LIMITED_WEIGHT_MAX = 3.0
PRIMARY_WEIGHT = 1.0
INFORM_BONUS = 0.2
MEASURED_FINE_WEIGHT = 0.6
OTHER_WEIGHT = 0.5
"""Relative volume per direction: limited directions most, scaled by their relative deficit;
then a primary direction (extension, rotation) measured below a reference that cannot decide a
limit (no spread, unverified) gets a little more than an unmeasured one (INFORM_BONUS), and any
other direction below such a reference is lifted to a primary share, never above: such a
reference informs the emphasis but never dominates it. The rest a little, for variety."""


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
    status: Status = "typical"
    """limited (below mean − 1.5 SD of a verified norm), below_reference, or typical."""
    limit: Degrees | None = None
    """The value below which this protocol calls a limit (mean − 1.5 SD), if it has a spread."""
    norm_sd: Degrees | None = None
    verified: bool = False
    """Whether the reference can decide a limit (verified, with a spread, fitting the age)."""


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


def norm_of(protocol: Protocol) -> Norm:
    """The protocol's norm; without one, its reference as an unverified mean with no spread."""
    if protocol.norm is not None:
        return protocol.norm
    return Norm(mean=protocol.reference, sample="not stated", verified=False)


def finding_for(measurement: Measurement, protocol: Protocol, age: int | None = None) -> Finding:
    """Compare one measurement with its protocol's normal values (for `age` where it matters)."""
    norm = norm_of(protocol)
    judgement = judge(measurement.degrees, norm, age)
    deficit = max(0.0, protocol.reference - measurement.degrees)
    return Finding(
        protocol=protocol.id,
        side=measurement.side,
        degrees=measurement.degrees,
        reference=protocol.reference,
        deficit=round(deficit, 1),
        limited=judgement.status == "limited",
        mdc=protocol.mdc,
        source=protocol.reference_source,
        meaning=_meaning(measurement.degrees, deficit, protocol, norm, judgement, age),
        status=judgement.status,
        limit=judgement.limit,
        norm_sd=judgement.sd,
        verified=judgement.decisive,
    )


def _meaning(
    degrees: float,
    deficit: float,
    protocol: Protocol,
    norm: Norm,
    judgement: Judgement,
    age: int | None,
) -> str:
    reading, reference = _deg(degrees), _deg(protocol.reference)
    limit = _deg(judgement.limit) if judgement.limit is not None else None
    if judgement.status == "limited":
        return (
            f"{reading} is below {limit}, the low end of the usual range for this test "
            f"(healthy people average {_deg(judgement.mean)}): a real limit. " + protocol.meaning
        )
    if judgement.status == "typical":
        if limit is not None and deficit > 0:
            return f"{reading} is within the usual range for this test (above {limit})."
        if deficit > 0:
            return f"{reading} is close to the {reference} reference for this test."
        return f"{reading} reaches the {reference} reference for this test."
    why = (
        "the reference is a rule of thumb, not a measured range"
        if not norm.verified
        else "the people it comes from were much younger"
        if norm.young_adults and age is not None and age > AGE_RANGES_FALL and limit is not None
        else "its source gives no spread of healthy values"
    )
    return (
        f"{reading} is {_deg(deficit)} below the {reference} reference for this test, but "
        f"{why}, so midback does not call it a limit; it gets some extra practice."
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
                f"side (moving to your {limited.value}) an extra set."
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
    informed: set[Target] = set()
    for f in findings:
        target = protocols[f.protocol].target
        relative = (f.reference - f.degrees) / f.reference if f.limited else 0.0
        measured[target] = max(measured.get(target, 0.0), relative)
        if f.status == "below_reference":
            informed.add(target)  # may lift a direction to a primary share, never above
    top = max(measured.values(), default=0.0)
    primary_set = set(primary)
    weights: dict[Target, float] = {}
    for target in targets:
        if target in measured and measured[target] > 0:
            share = measured[target] / top
            weights[target] = LIMITED_WEIGHT_MIN + (LIMITED_WEIGHT_MAX - LIMITED_WEIGHT_MIN) * share
        elif target in informed:
            bonus = INFORM_BONUS if target in primary_set else 0.0
            weights[target] = PRIMARY_WEIGHT + bonus
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
    age: int | None = None,
) -> tuple[Assessment, dict[Target, float]]:
    """Findings, asymmetry and emphasis for `measurements`, with the volume weights behind them."""
    findings = [finding_for(m, protocols[m.protocol], age) for m in measurements]
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

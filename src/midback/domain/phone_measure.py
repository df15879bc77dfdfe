"""Results measured with a phone, as the measuring page sends them, checked against the
protocol's method: known protocol and variant, fitting sides, all the trials, plausible angles.

The stored angle is recomputed here as the mean of the trials (the browser's own mean is only
shown), so a result cannot disagree with the trials stored beside it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from pydantic import Field

from midback.domain.inclinometer import combine_trials
from midback.domain.intake import InputProblem
from midback.domain.profile import InputModel, Profile, ProtocolId, Side, compact_number
from midback.domain.protocol import Protocol
from midback.domain.protocol_method import MethodVariant
from midback.domain.training import PhoneReading

SensorApi = Literal["sensor", "event"]
"""How the page read the phone: the Generic Sensor API, or device orientation/motion events."""


class PhoneResult(InputModel):
    """The trials of one side."""

    side: Side
    trials: list[float] = Field(min_length=1, max_length=5)


class PhoneMeasurementInput(InputModel):
    """One protocol measured with the phone, one result per side."""

    protocol: ProtocolId
    variant: str = Field(max_length=32)
    api: SensorApi
    results: list[PhoneResult] = Field(min_length=1, max_length=2)


def device_class(user_agent: str, api: SensorApi) -> str:
    """A coarse class of the device (never the full user agent): platform and sensor API."""
    agent = user_agent.lower()
    if "iphone" in agent:
        platform = "iphone"
    elif "ipad" in agent:
        platform = "ipad"
    elif "android" in agent:
        platform = "android" if "mobile" in agent else "android-tablet"
    elif "mobile" in agent:
        platform = "mobile"
    else:
        platform = "desktop"
    return f"{platform}/{api}"


def phone_readings(
    body: PhoneMeasurementInput, protocols: Mapping[str, Protocol], device: str
) -> tuple[list[PhoneReading], list[InputProblem]]:
    """The readings to store, or every problem with the input."""
    protocol = protocols.get(body.protocol)
    if protocol is None:
        return [], [InputProblem(("protocol",), f"unknown protocol '{body.protocol}'")]
    method = protocol.method
    if method is None:
        return [], [InputProblem(("protocol",), f"{protocol.id} has no phone method")]
    problems: list[InputProblem] = []
    if method.variant(body.variant) is None:
        allowed = ", ".join(v.id for v in method.variants)
        problems.append(InputProblem(("variant",), f"unknown variant; allowed: {allowed}"))
    readings: list[PhoneReading] = []
    seen: set[Side] = set()
    for index, result in enumerate(body.results):
        loc = ("results", index)
        if result.side not in protocol.sides() or result.side in seen:
            allowed = ", ".join(s.value for s in protocol.sides())
            problems.append(InputProblem((*loc, "side"), f"once each of: {allowed}"))
        seen.add(result.side)
        if len(result.trials) != method.trials:
            message = f"{method.trials} trials are needed, {len(result.trials)} were sent"
            problems.append(InputProblem((*loc, "trials"), message))
            continue
        sizes = [abs(t) for t in result.trials]
        if max(sizes) > protocol.max_degrees:
            limit = compact_number(protocol.max_degrees)
            problems.append(InputProblem((*loc, "trials"), f"allowed: 0 to {limit}"))
            continue
        mean = round(combine_trials(sizes).mean, 1)
        trials = tuple(round(t, 1) for t in sizes)
        readings.append(PhoneReading(protocol.id, result.side, mean, trials, device))
    return (readings, []) if not problems else ([], problems)


def doable_variants(protocol: Protocol, profile: Profile | None) -> list[MethodVariant]:
    """The ways this person can measure a protocol with a phone: its position not avoided and
    the variant's equipment at hand (everything, before any profile is known)."""
    method = protocol.method
    if method is None:
        return []
    if profile is None:
        return list(method.variants)
    if method.position in profile.positions_to_avoid:
        return []
    owned = set(profile.equipment)
    return [v for v in method.variants if set(v.equipment) <= owned]

"""Measurements typed into a form: one optional box per protocol and side.

Used by onboarding and by re-measuring on the progress page. Each box is named
`m-<protocol>-<side>`; an empty box is simply not measured. Readings are checked against the
protocol like any other input (sides, plausible range), and each problem is tied to its box.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from midback.domain.intake import measurement_problems
from midback.domain.profile import Measurement, compact_number
from midback.domain.protocol import Protocol
from midback.web.forms import FormData

MeasureErrors = dict[str, str]


def box_name(protocol: str, side: str) -> str:
    """The form field of one protocol and side."""
    return f"m-{protocol}-{side}"


def read_measurements(
    form: FormData, protocols: Mapping[str, Protocol]
) -> tuple[list[Measurement], MeasureErrors]:
    """The readings typed in, in protocol order, or the problem of each box that is wrong."""
    found: list[Measurement] = []
    boxes: list[str] = []
    errors: MeasureErrors = {}
    for protocol in protocols.values():
        for side in protocol.sides():
            name = box_name(protocol.id, side.value)
            raw = ((form.get(name) or [""])[0]).strip().replace(",", ".")
            if not raw:
                continue
            limit = compact_number(protocol.max_degrees)
            try:
                degrees = float(raw)
            except ValueError:
                errors[name] = f"Enter the angle in degrees, from 0 to {limit}."
                continue
            if not 0 <= degrees <= protocol.max_degrees:
                errors[name] = f"{compact_number(degrees)}° is out of range: 0 to {limit}."
                continue
            found.append(Measurement(protocol=protocol.id, side=side, degrees=degrees))
            boxes.append(name)
    for problem in measurement_problems(found, None, protocols, ()):
        index = problem.loc[0] if problem.loc else 0
        errors.setdefault(boxes[int(index)], problem.message.capitalize() + ".")
    return found, errors


def values_of(form: FormData, protocols: Mapping[str, Protocol]) -> dict[str, str]:
    """What was typed in each box, to show the form again."""
    return {
        box_name(p.id, s.value): (form.get(box_name(p.id, s.value)) or [""])[0]
        for p in protocols.values()
        for s in p.sides()
    }


def values_from(measurements: Sequence[Measurement]) -> dict[str, str]:
    """Saved readings as box values."""
    return {
        box_name(m.protocol, m.side.value): str(compact_number(m.degrees)) for m in measurements
    }

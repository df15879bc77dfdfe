"""Assessment: measurements against their own protocol's reference, MDC and side differences."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from midback.domain.assessment import (
    assess,
    compare,
    emphasis_of,
    finding_for,
    largest_asymmetry,
    merge_measurements,
    target_weights,
)
from midback.domain.profile import Measurement
from midback.domain.vocabulary import Target

from ...support.planning import protocols

MAIN = [Target.EXTENSION, Target.ROTATION, Target.SHOULDER_FLEXION, Target.SIDE_BENDING]
PRIMARY = [Target.EXTENSION, Target.ROTATION]


def m(protocol: str, side: str, degrees: float) -> Measurement:
    return Measurement(protocol=protocol, side=side, degrees=degrees)  # type: ignore[arg-type]


def test_a_deficit_beyond_the_mdc_is_a_limit() -> None:
    finding = finding_for(m("rot", "right", 24), protocols()["rot"])
    assert (finding.reference, finding.deficit, finding.limited) == (45, 21, True)
    assert "real limit" in finding.meaning
    assert finding.source == "midback tests"


def test_a_deficit_within_the_usual_spread_is_not_a_limit() -> None:
    # issue 11: judged against the norm's spread (limit 45 − 1.5 × 4 = 39°), not the MDC
    finding = finding_for(m("rot", "left", 40), protocols()["rot"])
    assert (finding.deficit, finding.limited) == (5, False)
    assert (finding.status, finding.limit) == ("typical", 39)
    assert "within the usual range" in finding.meaning


def test_at_or_above_the_reference_there_is_no_deficit() -> None:
    finding = finding_for(m("ext", "both", 30), protocols()["ext"])
    assert (finding.deficit, finding.limited) == (0, False)
    assert "reaches" in finding.meaning


def test_the_largest_side_difference_beyond_the_mdc_is_the_asymmetry() -> None:
    asymmetry = largest_asymmetry([m("rot", "left", 38), m("rot", "right", 24)], protocols())
    assert asymmetry is not None
    assert (asymmetry.limited_side, asymmetry.difference, asymmetry.target) == (
        "right",
        14,
        "rotation",
    )
    assert largest_asymmetry([m("rot", "left", 38), m("rot", "right", 33)], protocols()) is None
    assert largest_asymmetry([m("rot", "left", 38)], protocols()) is None


@settings(max_examples=50, deadline=None)
@given(
    rot=st.floats(min_value=0, max_value=90),
    ext=st.floats(min_value=0, max_value=40),
    reach=st.floats(min_value=90, max_value=180),
)
def test_weights_rank_directions_by_relative_deficit(rot: float, ext: float, reach: float) -> None:
    found = [m("rot", "left", rot), m("ext", "both", ext), m("reach", "both", reach)]
    assessment, weights = assess(found, protocols(), MAIN, PRIMARY)
    relative = {
        Target.ROTATION: (45 - rot) / 45 if 45 - rot > 6 else 0,
        Target.EXTENSION: (25 - ext) / 25 if 25 - ext > 6 else 0,
        Target.SHOULDER_FLEXION: (170 - reach) / 170 if 170 - reach > 6 else 0,
    }
    for a in relative:
        for b in relative:
            if relative[a] > relative[b]:
                assert weights[a] > weights[b]
    assert weights[Target.SIDE_BENDING] == 0.5
    assert assessment.emphasis == emphasis_of(weights)


def test_no_measurements_weigh_the_primary_directions_equally() -> None:
    weights = target_weights(MAIN, PRIMARY, [], protocols())
    assert weights[Target.EXTENSION] == weights[Target.ROTATION] > weights[Target.SIDE_BENDING]
    assert emphasis_of(weights) == PRIMARY


def test_changes_under_the_mdc_are_within_measurement_error() -> None:
    before = [m("rot", "left", 30), m("rot", "right", 30)]
    after = [m("rot", "left", 35), m("rot", "right", 20)]
    changes = compare(before, after, protocols(), date(2026, 12, 24))
    assert [(c.side, c.change, c.within_error) for c in changes] == [
        ("left", 5, True),
        ("right", -10, False),
    ]
    assert "lost 10°" in changes[1].meaning


def test_merging_keeps_the_latest_value_per_protocol_and_side() -> None:
    merged = merge_measurements([m("rot", "left", 30), m("ext", "both", 9)], [m("rot", "left", 40)])
    assert [(x.protocol, x.side, x.degrees) for x in merged] == [
        ("ext", "both", 9),
        ("rot", "left", 40),
    ]

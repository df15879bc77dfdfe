"""'Limited' is judged against the protocol's normal spread (mean − 1.5 SD), not its MDC;
references without a spread or unverified only inform; protocols say what can read them."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from midback.content.loader import load_content
from midback.domain.assessment import PRIMARY_WEIGHT, finding_for, target_weights
from midback.domain.norms import AgeBand, Norm, judge
from midback.domain.profile import Measurement
from midback.domain.protocol import Instrument, Protocol
from midback.domain.protocol_method import Reading, TurnAxis
from midback.domain.vocabulary import Target

PROTOCOLS = load_content(include_builtin=True).protocols
EXTENSION = Norm(mean=8.7, sd=3.7, sample="40 young adults", young_adults=True, verified=True)


def m(protocol: str, side: str, degrees: float) -> Measurement:
    return Measurement(protocol=protocol, side=side, degrees=degrees)  # type: ignore[arg-type]


def test_limited_means_below_the_mean_minus_one_and_a_half_spreads() -> None:
    assert judge(3.0, EXTENSION, 30).status == "limited"  # limit 8.7 − 5.55 = 3.15°
    assert judge(3.0, EXTENSION, 30).limit == 3.1
    assert judge(4.0, EXTENSION, 30).status == "typical"  # 4.7° short, inside the spread
    assert judge(9.0, EXTENSION, None).status == "typical"


def test_a_deficit_larger_than_the_mdc_is_not_a_limit_inside_the_spread() -> None:
    wide = Norm(mean=45, sd=10, sample="made up", verified=True)  # limit 30°
    finding = judge(37, wide, 30)  # 8° short, more than an MDC of 6°
    assert finding.status == "typical"


@given(st.floats(min_value=0, max_value=90), st.integers(min_value=16, max_value=100))
def test_a_reference_without_spread_or_verification_never_calls_a_limit(
    degrees: float, age: int
) -> None:
    no_spread = Norm(mean=44.8, sample="Johnson 2012", verified=True)
    unverified = Norm(mean=170, sd=10, sample="rule of thumb", verified=False)
    assert judge(degrees, no_spread, age).status != "limited"
    assert judge(degrees, unverified, age).status != "limited"


def test_young_adult_norms_only_inform_over_sixty_unless_a_band_fits() -> None:
    assert judge(2.0, EXTENSION, 70).status == "below_reference"
    banded = EXTENSION.model_copy(
        update={"bands": [AgeBand(min_age=61, max_age=90, mean=6.0, sd=2.0)]}
    )
    older = judge(2.0, banded, 70)
    assert (older.status, older.limit, older.band) == ("limited", 3.0, "ages 61–90")


def test_the_built_in_extension_norm_decides_and_says_so_in_plain_words() -> None:
    finding = finding_for(m("standing_extension", "both", 2), PROTOCOLS["standing_extension"], 30)
    assert (finding.limited, finding.status, finding.limit, finding.norm_sd) == (
        True,
        "limited",
        3.1,
        3.7,
    )
    assert "usual range" in finding.meaning and "MDC" not in finding.meaning


def test_an_unverified_reference_informs_but_never_dominates_the_emphasis() -> None:
    reach = finding_for(m("wall_angel_reach", "both", 120), PROTOCOLS["wall_angel_reach"], 40)
    turn = finding_for(m("seated_rotation", "right", 20), PROTOCOLS["seated_rotation"], 40)
    assert reach.status == turn.status == "below_reference"
    assert not reach.limited and not turn.limited
    assert "rule of thumb" in reach.meaning
    targets = [Target.EXTENSION, Target.ROTATION, Target.SHOULDER_FLEXION]
    primary = [Target.EXTENSION, Target.ROTATION]
    weights = target_weights(targets, primary, [reach, turn], PROTOCOLS)
    assert weights[Target.SHOULDER_FLEXION] == PRIMARY_WEIGHT  # lifted, not ahead
    assert PRIMARY_WEIGHT < weights[Target.ROTATION] < 1.5  # a nudge, below any real limit
    limited = finding_for(m("standing_extension", "both", 1), PROTOCOLS["standing_extension"], 30)
    weights = target_weights(targets, primary, [reach, turn, limited], PROTOCOLS)
    assert max(weights, key=weights.__getitem__) == Target.EXTENSION


def test_every_protocol_names_instruments_that_can_read_it() -> None:
    for protocol in PROTOCOLS.values():
        assert protocol.instruments, protocol.id
        assert protocol.method is not None
        if protocol.method.turn_about is TurnAxis.VERTICAL:
            assert Instrument.INCLINOMETER not in protocol.instruments, protocol.id
            assert "level app cannot" in " ".join(protocol.how_to), protocol.id


def test_every_protocol_takes_the_mean_of_three_trials() -> None:
    for protocol in PROTOCOLS.values():
        assert protocol.method is not None
        assert (protocol.method.trials, protocol.method.combine) == (3, "mean"), protocol.id
        assert "average" in protocol.how_to[-1], protocol.id


def test_the_extension_reference_and_its_phone_method_use_the_same_landmarks() -> None:
    extension = PROTOCOLS["standing_extension"]
    assert extension.method is not None and extension.method.reading is Reading.TWO_POINT
    assert [p.value for p in extension.landmarks] == ["t1", "t12"]
    assert all(v.places == extension.landmarks for v in extension.method.variants)
    assert "where the lowest ribs meet the spine" in extension.how_to[0]
    assert "at the bottom of the shoulder blades" not in " ".join(extension.how_to)


def test_the_corrected_figures_are_used() -> None:
    assert PROTOCOLS["lumbar_locked_rotation"].reference == 44.8
    assert PROTOCOLS["wall_angel_reach"].mdc == 8
    assert PROTOCOLS["standing_extension"].norm == EXTENSION.model_copy(
        update={"sample": PROTOCOLS["standing_extension"].norm.sample}  # type: ignore[union-attr]
    )


def _protocol(**overrides: Any) -> dict[str, Any]:
    data = PROTOCOLS["seated_rotation"].model_dump(mode="json")
    data.update(overrides)
    return data


def test_a_level_app_is_refused_for_a_turn_about_the_vertical() -> None:
    with pytest.raises(ValidationError, match="cannot read a turn about the vertical"):
        Protocol.model_validate(_protocol(instruments=["inclinometer", "heading"]))
    with pytest.raises(ValidationError, match="instruments"):
        Protocol.model_validate(_protocol(instruments=[]))
    with pytest.raises(ValidationError, match="reads 'heading'"):
        Protocol.model_validate(_protocol(instruments=["goniometer"]))


def test_two_point_landmarks_must_match_the_reference() -> None:
    data = PROTOCOLS["standing_extension"].model_dump(mode="json")
    data["landmarks"] = ["t1", "upper_back"]
    with pytest.raises(ValidationError, match="reference was measured at"):
        Protocol.model_validate(data)
    data = PROTOCOLS["standing_extension"].model_dump(mode="json")
    data["norm"]["mean"] = 12
    with pytest.raises(ValidationError, match="differs from reference"):
        Protocol.model_validate(data)

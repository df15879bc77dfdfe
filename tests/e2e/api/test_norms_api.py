"""The API judges 'limited' against the protocol's normal spread: an unverified reference says
'below the reference' and never 'limited' (extended fields; the old ones keep their meaning)."""

from __future__ import annotations

from tests.e2e.api.conftest import Api
from tests.e2e.api.test_training import start


def test_findings_carry_status_limit_and_whether_the_norm_decides(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    measurements = [
        {"protocol": "seated_rotation", "side": "left", "degrees": 38},
        {"protocol": "seated_rotation", "side": "right", "degrees": 24},
        {"protocol": "standing_extension", "side": "both", "degrees": 2},
    ]
    plan = start(tapi, ada, measurements=measurements, age=35)["plan"]
    findings = {(f["protocol"], f["side"]): f for f in plan["assessment"]["findings"]}
    turn = findings[("seated_rotation", "right")]
    assert (turn["limited"], turn["status"], turn["limit"], turn["verified"]) == (
        False,
        "below_reference",
        None,
        False,
    )
    assert turn["deficit"] == 21 and turn["mdc"] == 6  # the old fields stay
    bend = findings[("standing_extension", "both")]
    assert (bend["limited"], bend["status"], bend["limit"], bend["norm_sd"]) == (
        True,
        "limited",
        3.1,
        3.7,
    )
    assert plan["assessment"]["emphasis"][0] == "extension"  # the verified limit leads

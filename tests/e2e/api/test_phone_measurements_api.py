"""The API shows how each measurement was taken: typed, or by the phone with its trials."""

from __future__ import annotations

from midback.content.loader import load_content
from midback.domain.phone_measure import PhoneMeasurementInput
from midback.services import assessments

from .conftest import Api


def test_measurements_say_how_they_were_taken(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    typed = {"measurements": [{"protocol": "seated_rotation", "side": "right", "degrees": 33}]}
    assert tapi.client.post("/api/v1/measurements", json=typed, headers=ada.auth).status_code == 201
    body = PhoneMeasurementInput.model_validate(
        {"protocol": "standing_extension", "variant": "partner", "api": "event",
         "results": [{"side": "both", "trials": [9, 11, 10]}]}
    )  # fmt: skip
    assessments.add_phone_measurements(
        tapi.storage.unit_of_work(),
        load_content(),
        ada.id,
        body,
        user_agent="Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)",
        recorded_by=ada.id,
    )
    found = tapi.client.get("/api/v1/measurements", headers=ada.auth).json()
    shown = [(m["protocol"], m["degrees"], m["method"], m["trials"], m["device"]) for m in found]
    assert shown == [
        ("seated_rotation", 33, "typed", [], None),
        ("standing_extension", 10, "phone", [9, 11, 10], "iphone/event"),
    ]

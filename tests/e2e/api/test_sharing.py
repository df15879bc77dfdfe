"""Clinician invites, patient links and who may see what: intruders get 401/403/404 and learn
nothing, and a revoked link takes effect at once."""

from __future__ import annotations

import pytest

from midback.domain.accounts import Role

from .conftest import Api, Person, assert_error


@pytest.fixture
def cast(api: Api) -> dict[str, Person]:
    """A clinician and their patient (linked), another clinician and another member."""
    people = {
        "doc": api.person("doc@example.org", Role.CLINICIAN),
        "pat": api.person("pat@example.org"),
        "other_doc": api.person("other-doc@example.org", Role.CLINICIAN),
        "member": api.person("member@example.org"),
    }
    invite = api.client.post("/api/v1/clinician/invites", headers=people["doc"].auth)
    assert invite.status_code == 201
    code = invite.json()["code"]
    link = api.client.post(
        "/api/v1/me/clinician-links", headers=people["pat"].auth, json={"code": code}
    )
    assert link.status_code == 201, link.text
    assert link.json()["clinician_email"] == "doc@example.org"
    return people


def _patient_url(person: Person) -> str:
    return f"/api/v1/clinician/patients/{person.id}"


def test_the_linked_clinician_sees_the_patient_and_it_is_audited(
    api: Api, cast: dict[str, Person]
) -> None:
    doc, pat = cast["doc"], cast["pat"]
    patients = api.client.get("/api/v1/clinician/patients", headers=doc.auth).json()
    assert [p["email"] for p in patients] == ["pat@example.org"]
    detail = api.client.get(_patient_url(pat), headers=doc.auth)
    assert detail.status_code == 200 and detail.json()["email"] == "pat@example.org"
    trail = api.client.get("/api/v1/me/audit", headers=pat.auth).json()
    assert trail[0]["action"] == "clinician.read"
    assert trail[0]["actor_email"] == "doc@example.org"


def test_intruders_get_401_403_or_404_and_learn_nothing(api: Api, cast: dict[str, Person]) -> None:
    pat = cast["pat"]
    assert_error(api.client.get(_patient_url(pat)), 401, "not_authenticated")
    assert_error(api.client.get(_patient_url(pat), headers=cast["member"].auth), 403, "forbidden")
    unlinked = api.client.get(_patient_url(pat), headers=cast["other_doc"].auth)
    missing = api.client.get("/api/v1/clinician/patients/987654", headers=cast["other_doc"].auth)
    assert_error(unlinked, 404, "not_found")
    assert unlinked.json() == missing.json()
    assert api.client.get("/api/v1/clinician/patients", headers=cast["other_doc"].auth).json() == []
    assert_error(
        api.client.post("/api/v1/clinician/invites", headers=cast["member"].auth), 403, "forbidden"
    )
    trail = api.client.get("/api/v1/me/audit", headers=pat.auth).json()
    assert "clinician.read" not in [e["action"] for e in trail]


def test_only_the_patient_can_revoke_and_it_takes_effect_at_once(
    api: Api, cast: dict[str, Person]
) -> None:
    doc, pat = cast["doc"], cast["pat"]
    (link,) = api.client.get("/api/v1/me/clinician-links", headers=pat.auth).json()
    url = f"/api/v1/me/clinician-links/{link['id']}"
    for intruder in (cast["member"], doc, cast["other_doc"]):
        assert_error(api.client.delete(url, headers=intruder.auth), 404, "not_found")
    assert_error(api.client.delete(url), 401, "not_authenticated")
    assert api.client.get(_patient_url(pat), headers=doc.auth).status_code == 200
    assert api.client.delete(url, headers=pat.auth).status_code == 204
    assert_error(api.client.get(_patient_url(pat), headers=doc.auth), 404, "not_found")
    assert api.client.get("/api/v1/clinician/patients", headers=doc.auth).json() == []
    (revoked,) = api.client.get("/api/v1/me/clinician-links", headers=pat.auth).json()
    assert revoked["active"] is False and revoked["revoked_at"] is not None


def test_bad_codes_and_double_links(api: Api, cast: dict[str, Person]) -> None:
    pat, doc = cast["pat"], cast["doc"]
    bad = api.client.post(
        "/api/v1/me/clinician-links", headers=pat.auth, json={"code": "ABCD-EFGH-JKMN"}
    )
    assert assert_error(bad, 422, "invalid_input")["fields"][0]["field"] == "code"
    code = api.client.post("/api/v1/clinician/invites", headers=doc.auth).json()["code"]
    again = api.client.post("/api/v1/me/clinician-links", headers=pat.auth, json={"code": code})
    assert_error(again, 409, "conflict")


def test_deleting_the_patient_removes_them_from_the_clinician(
    api: Api, cast: dict[str, Person]
) -> None:
    doc, pat = cast["doc"], cast["pat"]
    assert api.delete_account(pat).status_code == 204
    assert api.client.get("/api/v1/clinician/patients", headers=doc.auth).json() == []
    assert_error(api.client.get(_patient_url(pat), headers=doc.auth), 404, "not_found")

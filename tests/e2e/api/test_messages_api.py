"""`/api/v1/me/messages` on both databases: threads with unread counts, reading marks read,
writing is for linked people only, and the export carries the messages."""

from __future__ import annotations

import pytest

from midback.domain.accounts import Role

from .conftest import Api, Person, assert_error

URL = "/api/v1/me/messages"


@pytest.fixture
def cast(api: Api) -> dict[str, Person]:
    """A clinician and their linked patient, and a member linked to no one."""
    people = {
        "doc": api.person("doc@example.org", Role.CLINICIAN),
        "pat": api.person("pat@example.org"),
        "member": api.person("member@example.org"),
    }
    code = api.client.post("/api/v1/clinician/invites", headers=people["doc"].auth).json()["code"]
    linked = api.client.post(
        "/api/v1/me/clinician-links", headers=people["pat"].auth, json={"code": code}
    )
    assert linked.status_code == 201, linked.text
    return people


def test_a_patient_writes_and_the_clinician_reads_and_answers(
    api: Api, cast: dict[str, Person]
) -> None:
    doc, pat = cast["doc"], cast["pat"]
    sent = api.client.post(f"{URL}/{doc.id}", headers=pat.auth, json={"body": "Is this normal?"})
    assert sent.status_code == 201, sent.text
    assert sent.json()["sender_id"] == pat.id and sent.json()["read_at"] is None
    (thread,) = api.client.get(URL, headers=doc.auth).json()
    assert thread["other_user_id"] == pat.id and thread["other_role"] == "patient"
    assert thread["unread"] == 1 and thread["other_name"] == "pat@example.org"
    opened = api.client.get(f"{URL}/{pat.id}", headers=doc.auth).json()
    assert opened["thread"]["unread"] == 1
    assert [m["body"] for m in opened["messages"]] == ["Is this normal?"]
    assert api.client.get(URL, headers=doc.auth).json()[0]["unread"] == 0
    api.client.post(f"{URL}/{pat.id}", headers=doc.auth, json={"body": "Yes, carry on."})
    (mine,) = api.client.get(URL, headers=pat.auth).json()
    assert (mine["other_user_id"], mine["other_role"], mine["unread"]) == (doc.id, "clinician", 1)
    export = api.client.get("/api/v1/me/export", headers=pat.auth).json()
    assert [m["body"] for m in export["messages"]] == ["Is this normal?", "Yes, carry on."]


def test_only_linked_people_write_and_bad_text_is_refused(
    api: Api, cast: dict[str, Person]
) -> None:
    doc, pat, member = cast["doc"], cast["pat"], cast["member"]
    assert api.client.get(URL).status_code == 401
    assert api.client.get(URL, headers=member.auth).json() == []
    for who, other in [(member, doc), (member, pat), (doc, member), (pat, member)]:
        assert_error(api.client.get(f"{URL}/{other.id}", headers=who.auth), 404, "not_found")
        refused = api.client.post(f"{URL}/{other.id}", headers=who.auth, json={"body": "hi"})
        assert_error(refused, 404, "not_found")
    error = assert_error(
        api.client.post(f"{URL}/{doc.id}", headers=pat.auth, json={"body": "x" * 2001}),
        422,
        "invalid_input",
    )
    assert error["fields"][0]["field"] == "body"
    blank = api.client.post(f"{URL}/{doc.id}", headers=pat.auth, json={"body": "   "})
    assert_error(blank, 422, "invalid_input")
    (link,) = api.client.get("/api/v1/me/clinician-links", headers=pat.auth).json()
    api.client.delete(f"/api/v1/me/clinician-links/{link['id']}", headers=pat.auth)
    assert api.client.get(URL, headers=doc.auth).json() == []
    assert_error(api.client.get(f"{URL}/{pat.id}", headers=doc.auth), 404, "not_found")

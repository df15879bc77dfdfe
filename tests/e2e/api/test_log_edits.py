"""Deleting a mistaken log over the API: only your own, and the plan and the trail follow."""

from __future__ import annotations

from tests.e2e.api.conftest import Api, assert_error
from tests.support.training import log_body

from .test_training import post_log, start


def test_a_person_deletes_their_own_mistaken_log_and_no_one_elses(tapi: Api) -> None:
    ada = tapi.person("ada@example.org")
    eve = tapi.person("eve@example.org")
    start(tapi, ada)
    log_id = post_log(tapi, ada, log_body(), "mistake").json()["id"]
    url = f"/api/v1/logs/{log_id}"
    assert_error(tapi.client.delete(url, headers=eve.auth), 404, "not_found")
    assert tapi.client.get(url, headers=ada.auth).status_code == 200
    assert tapi.client.delete(url).status_code == 401
    deleted = tapi.client.delete(url, headers=ada.auth)
    assert deleted.status_code == 204 and deleted.content == b""
    assert_error(tapi.client.get(url, headers=ada.auth), 404, "not_found")
    assert tapi.client.get("/api/v1/logs", headers=ada.auth).json() == []
    assert_error(tapi.client.delete(url, headers=ada.auth), 404, "not_found")

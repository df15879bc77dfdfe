"""Empty optional JSON lists are stored as SQL NULL, so "has any" (IS NOT NULL) finds only the
rows that have some: Progress reads the camera coach's items, not every item of a year of logs."""

from __future__ import annotations

from sqlalchemy import text
from tests.integration.services.test_training import started
from tests.support.training import log_body

from midback.content.loader import Content
from midback.domain.training import LogInput
from midback.services import logs
from midback.services.security import Security
from midback.storage import migrate
from midback.storage.uow import Storage

CAMERA = [{"set": 1, "measure": "arm_elevation", "reps": 8, "reached_deg": 148.5}]


def _log_two_items(storage: Storage, security: Security, content: Content) -> int:
    """A member's log with a plain item and one the camera coach counted; their id."""
    user_id = started(storage, security, content)
    plain = {"exercise": "open-book", "side": "left", "sets_done": 2, "reps_done": 8}
    counted = {**plain, "side": "right", "camera": CAMERA}
    body = LogInput.model_validate(log_body(items=[plain, counted]))
    logs.log_session(storage.unit_of_work(), content, user_id, body, key="k1")
    return user_id


def _null_cameras(storage: Storage) -> int:
    with storage.engine.connect() as connection:
        found = connection.execute(
            text("SELECT COUNT(*) FROM session_log_items WHERE camera IS NULL")
        ).scalar_one()
    return int(found)


def test_an_item_without_camera_sets_is_sql_null(
    storage: Storage, security: Security, builtin_content: Content
) -> None:
    user_id = _log_two_items(storage, security, builtin_content)
    assert _null_cameras(storage) == 1
    with storage.unit_of_work(read_only=True) as uow:
        found = uow.logs.camera_items(user_id)
    assert [item.side.value for _, item in found] == ["right"]
    assert [s.model_dump(mode="json") for s in found[0][1].camera] == CAMERA


def test_the_migration_turns_json_nulls_stored_before_into_sql_null(
    storage: Storage, security: Security, builtin_content: Content, database_url: str
) -> None:
    user_id = _log_two_items(storage, security, builtin_content)
    json_null = "CAST('null' AS JSON)" if database_url.startswith("postgresql") else "'null'"
    with storage.engine.begin() as connection:  # as the old type stored an empty list
        connection.execute(
            text(f"UPDATE session_log_items SET camera = {json_null} WHERE camera IS NULL")
        )
    assert _null_cameras(storage) == 0
    migrate.downgrade(database_url, "0035")
    migrate.upgrade(database_url)
    assert _null_cameras(storage) == 1
    with storage.unit_of_work(read_only=True) as uow:
        assert len(uow.logs.camera_items(user_id)) == 1

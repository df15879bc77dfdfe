"""Outcome answers in the database: a round trip with their date, timepoint and activities, ids
never reused after a delete, and deleting the account deletes them (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import text

from midback.domain.accounts import Role, User
from midback.domain.outcomes import ActivityScore, OutcomeEntry, Timepoint
from midback.storage.uow import Storage, UnitOfWork

NOW = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
ACTIVITIES = [ActivityScore(activity="Reversing the car", score=3),
              ActivityScore(activity="Lifting a child", score=6)]  # fmt: skip


def _user(uow: UnitOfWork, email: str) -> User:
    return uow.users.add(email=email, role=Role.MEMBER, password_hash="h", now=NOW)


def test_answers_round_trip_oldest_first_and_only_for_their_person(storage: Storage) -> None:
    with storage.unit_of_work() as uow:
        ada, bob = _user(uow, "ada@example.org"), _user(uow, "bob@example.org")
        later = uow.outcomes.add(
            user_id=ada.id, instrument="nprs", timepoint=Timepoint.WEEK_4,
            taken_on=date(2026, 5, 29), score=3, activities=[], recorded_by=ada.id, now=NOW,
        )  # fmt: skip
        first = uow.outcomes.add(
            user_id=ada.id, instrument="psfs", timepoint=Timepoint.BASELINE,
            taken_on=date(2026, 5, 1), score=4.5, activities=ACTIVITIES, recorded_by=None, now=NOW,
        )  # fmt: skip
        uow.commit()
    with storage.unit_of_work(read_only=True) as uow:
        found = uow.outcomes.of_user(ada.id)
        assert uow.outcomes.of_user(bob.id) == []
    assert found == [first, later]
    assert found[0].activities == ACTIVITIES and found[0].timepoint is Timepoint.BASELINE
    assert found[1].activities == [] and found[1].recorded_at == NOW


def test_imported_answers_keep_everything_and_rows_go_with_the_account(storage: Storage) -> None:
    entries = [
        OutcomeEntry(instrument="nprs", timepoint=Timepoint.BASELINE, taken_on=date(2026, 5, 1),
                     score=6),
        OutcomeEntry(instrument="psfs", timepoint=Timepoint.BASELINE, taken_on=date(2026, 5, 1),
                     score=4.5, activities=ACTIVITIES),
    ]  # fmt: skip
    with storage.unit_of_work() as uow:
        ada = _user(uow, "ada@example.org")
        assert uow.outcomes.add_many(user_id=ada.id, records=entries, recorded_by=ada.id, now=NOW)
        uow.commit()
    with storage.unit_of_work(read_only=True) as uow:
        back = [OutcomeEntry.of(r) for r in uow.outcomes.of_user(ada.id)]
    assert back == entries
    with storage.unit_of_work() as uow:
        uow.users.delete(ada.id)
        uow.commit()
    with storage.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM outcomes")).scalar_one() == 0


def test_an_id_is_never_handed_out_twice(storage: Storage) -> None:
    with storage.unit_of_work() as uow:
        ada = _user(uow, "ada@example.org")
        made = uow.outcomes.add(
            user_id=ada.id, instrument="nprs", timepoint=Timepoint.BASELINE,
            taken_on=date(2026, 5, 1), score=5, activities=[], recorded_by=ada.id, now=NOW,
        )  # fmt: skip
        uow.commit()
    with storage.engine.begin() as connection:
        connection.execute(text("DELETE FROM outcomes"))
    with storage.unit_of_work() as uow:
        again = uow.outcomes.add(
            user_id=ada.id, instrument="nprs", timepoint=Timepoint.BASELINE,
            taken_on=date(2026, 5, 1), score=5, activities=[], recorded_by=ada.id, now=NOW,
        )  # fmt: skip
        uow.commit()
    assert again.id > made.id

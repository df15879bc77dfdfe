"""The home views on SQLite and PostgreSQL: Today and progress kept in the view cache until the
person's data changes, and the clinician's desk and patient record, each look audited."""

from __future__ import annotations

from datetime import timedelta

from tests.support.training import log_body, today

from midback.content.loader import Content
from midback.domain.accounts import Role
from midback.domain.training import LogInput, MeasurementsInput
from midback.services import accounts, assessments, desk, home, logs, names, sharing
from midback.services.plans import PlanCache
from midback.services.security import Security
from midback.services.views import ViewCache
from midback.storage.uow import Storage

from .test_training import started


def test_today_is_cached_until_a_log_moves_the_version(
    storage: Storage, security: Security, builtin_content: Content
) -> None:
    user_id = started(storage, security, builtin_content)
    plans, views = PlanCache(), ViewCache()

    def view() -> home.TodayView:
        uow = storage.unit_of_work(read_only=True)
        return home.today_view(uow, builtin_content, plans, views, user_id, today())

    first = view()
    assert view() is first  # nothing changed: the same object
    assert first.week is not None and first.streak == 0 and not first.done_today
    body = LogInput.model_validate(log_body())
    logs.log_session(storage.unit_of_work(), builtin_content, user_id, body, key="home-1")
    after = view()
    assert after is not first and after.done_today and after.streak >= 1
    tomorrow = home.today_view(
        storage.unit_of_work(read_only=True), builtin_content, plans, views, user_id,
        today() + timedelta(days=1),
    )  # fmt: skip
    assert tomorrow.ask_pain is not None and tomorrow.ask_pain.session_date == today()


def test_progress_follows_a_new_measurement(
    storage: Storage, security: Security, builtin_content: Content
) -> None:
    user_id = started(storage, security, builtin_content)
    plans, views = PlanCache(), ViewCache()
    uow = storage.unit_of_work(read_only=True)
    before = home.progress_report(uow, builtin_content, plans, views, user_id, today())
    body = MeasurementsInput.model_validate(
        {"measurements": [{"protocol": "seated_rotation", "side": "right", "degrees": 33}]}
    )
    assessments.add_measurements(
        storage.unit_of_work(), builtin_content, user_id, body, recorded_by=user_id
    )
    after = home.progress_report(uow, builtin_content, plans, views, user_id, today())
    right = [s for s in after.measurements if s.protocol == "seated_rotation" and s.side == "right"]
    assert len(right[0].points) == 2 and after is not before


def test_the_desk_lists_and_the_record_opens_each_patient_through_the_audit(
    storage: Storage, security: Security, builtin_content: Content
) -> None:
    patient_id = started(storage, security, builtin_content)
    clinician = accounts.create_user(
        storage.unit_of_work(), security, email="sam@example.org",
        password="a long and rare passphrase", role=Role.CLINICIAN,
    )  # fmt: skip
    patient = accounts.get_user(storage.unit_of_work(), email="ada@example.org")
    code, _ = sharing.create_invite(storage.unit_of_work(), security, clinician)
    sharing.redeem_invite(storage.unit_of_work(), patient, code)
    plans, views = PlanCache(), ViewCache()
    (summary,) = desk.patient_desk(
        storage.unit_of_work(), builtin_content, plans, clinician, today()
    )
    assert summary.link.patient_id == patient_id and summary.last_session is None
    record = desk.patient_record(
        storage.unit_of_work(), builtin_content, plans, views, clinician, patient_id, today()
    )
    assert record.current is not None and len(record.measurements) == 3
    actions = [e.action for e in sharing.audit_trail(storage.unit_of_work(), patient)]
    assert actions[:2] == ["clinician.read", "clinician.list"]


def test_a_new_display_name_shows_on_the_desk_and_the_patient_page_at_once(
    storage: Storage, security: Security, builtin_content: Content
) -> None:
    patient_id = started(storage, security, builtin_content)
    clinician = accounts.create_user(
        storage.unit_of_work(), security, email="sam@example.org",
        password="a long and rare passphrase", role=Role.CLINICIAN,
    )  # fmt: skip
    patient = accounts.get_user(storage.unit_of_work(), email="ada@example.org")
    code, _ = sharing.create_invite(storage.unit_of_work(), security, clinician)
    sharing.redeem_invite(storage.unit_of_work(), patient, code)
    plans, views = PlanCache(), ViewCache()

    def shown() -> tuple[str, str]:
        (summary,) = desk.patient_desk(
            storage.unit_of_work(), builtin_content, plans, clinician, today()
        )
        record = desk.patient_record(
            storage.unit_of_work(), builtin_content, plans, views, clinician, patient_id, today()
        )
        return summary.link.patient_shown, record.summary.link.patient_shown

    assert shown() == ("ada@example.org", "ada@example.org")  # both views now cached
    names.set_display_name(storage.unit_of_work(), patient_id, "Ada Lovelace")
    assert shown() == ("Ada Lovelace", "Ada Lovelace")

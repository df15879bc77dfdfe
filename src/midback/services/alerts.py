"""A clinician's email when a patient they follow logs pain over the limit or misses sessions.

Pain above 5/10 during or the morning after a session is "too much" (clinical-facts §5); missed
sessions use the desk's own flag (domain.desk_summary.MISSED_FLAG in a row). Each alert is claimed
like a reminder, as (clinician, "alert:pain:<patient>", the log's day) or (clinician,
"alert:missed:<patient>", the Monday of the week), so it goes once. The message names the
patient's account and what happened, nothing more: the details are behind the login.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from midback.content.loader import Content
from midback.domain.desk_summary import MISSED_FLAG
from midback.domain.feedback import PAIN_TOO_MUCH
from midback.domain.progress import missed_in_a_row
from midback.domain.training import SessionLog
from midback.services.due_reminders import Senders
from midback.services.mail import Mail
from midback.services.plans import PlanCache, current_plan
from midback.services.reminders import unsubscribe_url
from midback.storage.uow import Storage

LOOK_BACK = timedelta(days=3)
"""Logs this recent can raise a pain alert; older ones were before the alert could matter."""


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)


def _painful(logs: list[SessionLog]) -> list[date]:
    def too_much(pain: int | None) -> bool:
        return pain is not None and pain > PAIN_TOO_MUCH

    return sorted(
        {g.session_date for g in logs if too_much(g.pain_during) or too_much(g.pain_next_day)}
    )


def send_alerts(
    storage: Storage, content: Content, cache: PlanCache, senders: Senders, now: datetime
) -> int:
    """Email each clinician (who has not turned alerts off) about new pain or missed sessions."""
    if not senders.mailer.enabled:
        return 0
    with storage.unit_of_work(read_only=True) as uow:
        links = uow.reminders.active_links()
    today, sent = now.date(), 0
    for clinician_id, patient_id, patient_email in links:
        with storage.unit_of_work(read_only=True) as uow:
            prefs = uow.reminders.prefs(clinician_id)
            clinician = uow.users.get(clinician_id)
            logs = uow.logs.of_user(patient_id, since=today - timedelta(days=28), with_items=False)
        if clinician is None or (prefs is not None and not prefs.alerts):
            continue
        events: list[tuple[str, datetime, str]] = []
        for day in _painful([g for g in logs if g.session_date >= today - LOOK_BACK]):
            text = f"{patient_email} reported pain above 5 out of 10 with a session on {day}."
            events.append((f"alert:pain:{patient_id}", _midnight(day), text))
        found = current_plan(storage.unit_of_work(read_only=True), content, cache, patient_id)
        if found is not None:
            planned = [s.date for s in found.sessions]
            if missed_in_a_row(planned, logs, today) >= MISSED_FLAG:
                monday = today - timedelta(days=today.weekday())
                text = f"{patient_email} has missed several planned sessions in a row."
                events.append((f"alert:missed:{patient_id}", _midnight(monday), text))
        for kind, due_at, text in events:
            sent += _alert(storage, senders, clinician_id, clinician.email, kind, due_at, text, now)
    return sent


def _alert(
    storage: Storage,
    senders: Senders,
    clinician_id: int,
    to: str,
    kind: str,
    due_at: datetime,
    text: str,
    now: datetime,
) -> int:
    with storage.unit_of_work() as uow:
        claim = uow.reminders.claim(user_id=clinician_id, kind=kind, due_at=due_at, now=now)
        uow.commit()
    if claim is None:
        return 0
    patient_id = kind.rsplit(":", 1)[1]
    link = senders.base_url.rstrip("/") + f"/clinic/patients/{patient_id}"
    body = f"{text}\n\nSee their page: {link}"
    stop = unsubscribe_url(senders.base_url, senders.security, clinician_id, "alerts")
    count = int(senders.mailer.send(Mail(to, "A patient may need a look", body, stop)))
    with storage.unit_of_work() as uow:
        uow.reminders.record_sent(claim, count)
        uow.commit()
    return count

"""The export job on the jobs' context: built once, and the tick deletes files past their day."""

from __future__ import annotations

import json
from datetime import timedelta

from tests.support.reminders import started_person

from midback.jobs import tasks
from midback.jobs.context import JobContext
from midback.services import export_jobs
from midback.services.security import utcnow


def test_the_job_builds_once_and_the_tick_deletes_it_after_a_day(context: JobContext) -> None:
    user_id = started_person(context)
    found = export_jobs.request_export(context.storage.unit_of_work(), user_id, "fhir")
    assert tasks.build_export(context, found.id) == "ready"
    assert tasks.build_export(context, found.id) == "ready"  # a repeated job does nothing
    done, body = export_jobs.export_body(context.storage.unit_of_work(), user_id, found.id)
    assert json.loads(body)["resourceType"] == "Bundle" and done.size == len(body)
    tasks.tick(context, utcnow() + timedelta(hours=23))
    with context.storage.unit_of_work(read_only=True) as uow:
        assert uow.export_files.get(found.id) is not None
    tasks.tick(context, utcnow() + timedelta(hours=24, minutes=1))
    with context.storage.unit_of_work(read_only=True) as uow:
        assert uow.export_files.get(found.id) is None

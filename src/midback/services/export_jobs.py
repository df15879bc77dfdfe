"""Prepared exports: a person's data files built by a background job, not in the request.

`request_export` records a queued export (the caller defers the `build_export` job with its
id); `build_export` claims it once, builds the file and stores it, or marks it failed; the
person polls `export_status` and downloads with `export_body`. Every read goes through the
owner, so another account's id is simply not found. Files are kept for `KEPT` and expired
ones are deleted whenever someone asks for a new export.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from midback.content.loader import Content
from midback.exports.fhir_codes import FHIR_MIME
from midback.exports.links import DEFAULT_BASE_URL
from midback.exports.tabular import export_json
from midback.services import person_data
from midback.services.errors import Conflict, FieldProblem, InvalidInput, NotFound, ServiceError
from midback.services.export_files import Print, program_handout
from midback.services.plans import PlanCache
from midback.storage.repositories.exports import ExportFile
from midback.storage.uow import Storage, UnitOfWork

log = logging.getLogger("midback.exports")
KEPT = timedelta(hours=24)
"""How long a prepared file stays to download."""


@dataclass(frozen=True)
class Kind:
    """A file the job can build: its media type and the name browsers save it as."""

    media_type: str
    filename: str


KINDS = {
    "midback-export": Kind("application/json", "midback-export.json"),
    "fhir": Kind(FHIR_MIME, "midback-fhir.json"),
    "handout": Kind("application/pdf", "midback-handout.pdf"),
}
PROGRESS = {"queued": 0, "running": 50, "ready": 100, "failed": 100}
GONE = "this export is not here (prepared files are kept for 24 hours)"


def request_export(uow: UnitOfWork, user_id: int, kind: str) -> ExportFile:
    """Record a queued export of `kind` for the person (expired files are cleared first)."""
    if kind not in KINDS:
        known = ", ".join(KINDS)
        problem = FieldProblem("kind", f"unknown export '{kind}'; one of {known}")
        raise InvalidInput("unknown export kind", fields=(problem,))
    now = uow.clock.now().replace(microsecond=0)
    with uow:
        uow.export_files.delete_expired(now)
        found = uow.export_files.add(user_id=user_id, kind=kind, now=now, expires_at=now + KEPT)
        uow.commit()
    return found


def export_status(uow: UnitOfWork, user_id: int, export_id: int) -> ExportFile:
    """The person's export; NotFound for anyone else's, or one past its expiry."""
    with uow:
        found = uow.export_files.get(export_id, user_id=user_id)
    if found is None or found.expires_at <= uow.clock.now():
        raise NotFound(GONE)
    return found


def export_body(uow: UnitOfWork, user_id: int, export_id: int) -> tuple[ExportFile, bytes]:
    """The person's ready file; Conflict while it is still being prepared or if it failed."""
    found = export_status(uow, user_id, export_id)
    if found.status != "ready":
        raise Conflict(f"this export is {found.status}, not ready to download")
    with uow:
        body = uow.export_files.body(export_id, user_id=user_id)
    if body is None:
        raise NotFound(GONE)
    return found, body


def build_export(
    storage: Storage,
    content: Content,
    cache: PlanCache,
    export_id: int,
    *,
    base_url: str = DEFAULT_BASE_URL,
) -> str:
    """Build a queued export and store it; its final status (a second run finds it claimed).

    Any failure marks the export failed (logged without the person's data), so the person is
    told it failed instead of waiting for ever.
    """
    uow = storage.unit_of_work()
    with uow:
        found = uow.export_files.get(export_id)
        claimed = found is not None and uow.export_files.claim(export_id)
        uow.commit()
    if found is None:
        return "gone"
    if not claimed:
        return found.status
    try:
        body = _build(storage, content, cache, found, base_url)
    except ServiceError as error:  # e.g. a handout without a program: expected, no traceback
        log.info("export %d could not be built (%s)", export_id, type(error).__name__)
        _finish(storage, export_id, "failed", b"")
        return "failed"
    except Exception:
        log.exception("building export %d failed", export_id)
        _finish(storage, export_id, "failed", b"")
        return "failed"
    _finish(storage, export_id, "ready", body)
    return "ready"


def purge_expired(storage: Storage, now: datetime) -> int:
    """Delete every prepared export past its expiry; how many went."""
    uow = storage.unit_of_work()
    with uow:
        gone = uow.export_files.delete_expired(now)
        uow.commit()
    return gone


def _build(
    storage: Storage, content: Content, cache: PlanCache, found: ExportFile, base_url: str
) -> bytes:
    now = storage.clock.now().replace(microsecond=0)
    uow = storage.unit_of_work(read_only=True)
    if found.kind == "midback-export":
        return export_json(person_data.person_record(uow, found.user_id, now=now).document)
    if found.kind == "fhir":
        return person_data.fhir_of(uow, content, cache, found.user_id, now=now)
    if found.kind == "handout":
        how = Print("a4", now.date(), base_url)
        return program_handout(uow, content, cache, found.user_id, week=None, how=how)
    raise ValueError(f"no builder for the export kind {found.kind!r}")


def _finish(storage: Storage, export_id: int, status: str, body: bytes) -> None:
    uow = storage.unit_of_work()
    with uow:
        uow.export_files.set_status(export_id, status, now=uow.clock.now(), body=body)
        uow.commit()

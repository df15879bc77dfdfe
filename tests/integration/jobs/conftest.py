"""Fixtures of the job tests: local stand-ins for a push service and an SMTP server, and a job
context whose messages go to them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.support.messaging import MailSink, PushService, mail_sink, push_service
from tests.support.reminders import messaging_settings

from midback.content.loader import Content
from midback.jobs.context import JobContext, build_context
from midback.storage.uow import Storage


@pytest.fixture
def pushes() -> Iterator[PushService]:
    """The local push service."""
    with push_service() as service:
        yield service


@pytest.fixture
def mails() -> Iterator[MailSink]:
    """The local SMTP server."""
    with mail_sink() as sink:
        yield sink


@pytest.fixture
def context(
    database_url: str,
    tmp_path: Path,
    mails: MailSink,
    storage: Storage,
    builtin_content: Content,
) -> JobContext:
    """The jobs' context on the test database, sharing the test's storage."""
    settings = messaging_settings(database_url, tmp_path / "data", mails.port)
    return build_context(settings, storage=storage, content=builtin_content)

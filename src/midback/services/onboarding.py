"""Finishing onboarding: save the answers as an assessment, then start a program unless the
health check found an emergency or urgent sign (then nothing more is started). A routine
"see a clinician" outcome starts the program on hold: it begins once a clearance is recorded."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from midback.content.loader import Content
from midback.domain.onboarding import Draft
from midback.domain.screening import Tier, screen_profile
from midback.domain.training import AssessmentRecord, ProgramRecord, ProgramRequest
from midback.services.assessments import save_assessment
from midback.services.programs import create_program
from midback.storage.uow import UnitOfWork

DEFAULT_PROGRAM = "thoracic-8-week"


@dataclass(frozen=True)
class Started:
    """The saved assessment, and the program started from it (None when referred)."""

    assessment: AssessmentRecord
    program: ProgramRecord | None


def finish(
    new_uow: Callable[[], UnitOfWork],
    content: Content,
    user_id: int,
    draft: Draft,
    today: date,
) -> Started:
    """Save the draft as the person's assessment and start their program from today.

    InvalidInput (every problem by field) if the answers do not make a valid profile.
    """
    record = save_assessment(new_uow(), content, user_id, draft.profile_data(), recorded_by=user_id)
    tier = screen_profile(record.profile, content.safety().screen).tier
    if tier in (Tier.EMERGENCY, Tier.URGENT):
        return Started(record, None)
    program_id = (
        DEFAULT_PROGRAM if DEFAULT_PROGRAM in content.programs else next(iter(content.programs))
    )
    request = ProgramRequest(program=program_id, start_date=today)
    program = create_program(new_uow(), content, user_id, request, today=today)
    return Started(record, program)

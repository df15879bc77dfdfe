"""What each onboarding step's template needs to show: its choices in plain words, and for the
last step a summary of every answer with a link to change it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from midback.content.loader import Content
from midback.domain.measure_fit import tests_for
from midback.domain.onboarding import Draft, StepId
from midback.domain.onboarding_words import (
    ACTIVITY_CHOICES,
    AVOID_CHOICES,
    CHAIR_HINT,
    CHAIR_QUESTION,
    DAYS_CHOICES,
    EQUIPMENT_WORDS,
    MINUTES_CHOICES,
    PAIN_REGION_WORDS,
    PRECAUTION_WORDS,
    SITTING_CHOICES,
    SURGERY_SITE_WORDS,
    TRIMESTER_WORDS,
)
from midback.domain.profile import RedFlag, compact_number
from midback.domain.vocabulary import Equipment
from midback.web.pages.onboarding_forms import STEP_TITLES


def choices(step: StepId, content: Content, draft: Draft) -> dict[str, Any]:
    """The options a step offers."""
    if step is StepId.DAY:
        return {"options": [(str(compact_number(v)), t) for v, t in SITTING_CHOICES]}
    if step is StepId.ACTIVITY:
        return {"options": [(str(v), t) for v, t in ACTIVITY_CHOICES]}
    if step is StepId.TIME:
        return {"minutes": MINUTES_CHOICES, "days": DAYS_CHOICES}
    if step is StepId.EQUIPMENT:
        return {"chair_question": CHAIR_QUESTION, "chair_hint": CHAIR_HINT,
                "options": [(e.value, t) for e, t in EQUIPMENT_WORDS.items()]}  # fmt: skip
    if step is StepId.POSITIONS:
        return {"options": [(a.value, avoid.text) for a, avoid in AVOID_CHOICES.items()]}
    if step is StepId.PAIN:
        return {"options": [(r.value, t) for r, t in PAIN_REGION_WORDS.items()]}
    if step is StepId.HEALTH:
        asked = content.safety().screen.asked()
        return {"questions": [(q.id.value, q.question, q.hint) for q in asked]}
    if step is StepId.PRECAUTIONS:
        return {
            "options": [(p.value, t) for p, t in PRECAUTION_WORDS.items()],
            "surgery_sites": [(s.value, t) for s, t in SURGERY_SITE_WORDS.items()],
            "trimesters": [(str(n), t) for n, t in TRIMESTER_WORDS],
        }
    if step is StepId.MEASURE:
        kit = [*([Equipment.CHAIR] if draft.chair else []), *(draft.equipment or [])]
        offered = tests_for(content.protocols.values(), draft.positions_to_avoid(), kit)
        return {"protocols": offered}
    questions = {q.id: q.question for q in content.safety().screen.questions}
    return {"summary": summary(draft, questions)}


def health_answers(draft: Draft, questions: Mapping[RedFlag, str]) -> str:
    """The health check in words: each question answered yes, else "No to every question"."""
    if not draft.red_flags:
        return "No to every question"
    said = "; ".join(questions.get(flag, flag.value.replace("_", " ")) for flag in draft.red_flags)
    return f"Yes to {len(draft.red_flags)}: {said}"


def summary(
    draft: Draft, questions: Mapping[RedFlag, str] | None = None
) -> list[tuple[str, str, str]]:
    """(step title, the answer in words, step id) for every step before the last."""
    sitting = dict(SITTING_CHOICES).get(draft.sitting_hours or -1, "—")
    activity = dict(ACTIVITY_CHOICES).get(draft.active_minutes or 0, "—")
    kit = ["a chair"] if draft.chair else []
    kit += [EQUIPMENT_WORDS[e].lower() for e in draft.equipment or []]
    avoid = [AVOID_CHOICES[a].text for a in draft.avoid or []]
    regions = [PAIN_REGION_WORDS[r].lower() for r in draft.regions]
    precautions = [PRECAUTION_WORDS[p] for p in draft.precautions or []]
    measured = len(draft.measurements or [])
    rows = {
        StepId.DAY: f"{sitting} sitting a day" + (f", age {draft.age}" if draft.age else ""),
        StepId.ACTIVITY: f"{activity} of activity a week",
        StepId.TIME: f"{draft.minutes_per_day} minutes, {draft.days_per_week} days a week",
        StepId.EQUIPMENT: ", ".join(kit).capitalize() or "Nothing extra",
        StepId.POSITIONS: "; ".join(avoid) or "Any position is fine",
        StepId.PAIN: f"{draft.pain}/10" + (f" ({', '.join(regions)})" if regions else ""),
        StepId.HEALTH: health_answers(draft, questions or {}),
        StepId.PRECAUTIONS: "; ".join(precautions) or "None",
        StepId.MEASURE: f"{measured} reading{'s' if measured != 1 else ''}"
        if measured
        else "Skipped: measure later",
    }
    return [(STEP_TITLES[step], text, step.value) for step, text in rows.items()]

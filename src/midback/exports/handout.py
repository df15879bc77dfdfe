"""What a printed handout says: a week of the plan or a clinician's routine, with safety advice.

`plan_handout` and `routine_handout` gather the words (no layout); `render_handout` in
handout_pdf.py draws them. The safety text follows the pain-monitoring model (clinical-facts §5)
and the red flags that send a person to a clinician (clinical-facts §6).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from midback.domain.exercise import Exercise, describe_dose
from midback.domain.feedback import PAIN_GO, PAIN_TOO_MUCH
from midback.domain.plan import Plan, PlanWeek
from midback.domain.profile import Side
from midback.domain.program import Program
from midback.domain.records import HandoutRoutine
from midback.exports.links import DEFAULT_BASE_URL, reachable, routine_url, session_url
from midback.exports.plain import plain_text
from midback.exports.plan_text import first_items, session_lines, week_of

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

PAIN_RULES = (
    f"0–{PAIN_GO} out of 10 during an exercise: fine, carry on.",
    f"{PAIN_GO + 1}–{PAIN_TOO_MUCH} out of 10: acceptable if it has settled by the next morning; "
    "if it has not, do less next time.",
    f"Above {PAIN_TOO_MUCH} out of 10: stop that exercise for today and use an easier version "
    "next time.",
)
"""Pain-monitoring rules (Silbernagel et al. 2007, clinical-facts §5)."""

STOP_NOW = (
    "chest pain or pressure, or breathlessness that is not normal for you",
    "numbness, tingling or weakness in your arms or legs",
    "a change in bladder or bowel control",
    "dizziness, fainting, or feeling suddenly unwell",
)
"""Stop at once and get medical help (clinical-facts §6)."""

SEE_CLINICIAN = (
    "pain that wakes you at night or does not ease with rest",
    "new pain after a fall or an injury",
    "fever, or weight loss you cannot explain",
    "pain that gets worse from week to week instead of better",
)
"""Pause the program and see your doctor or physiotherapist (clinical-facts §6)."""


class EmptyProgramError(ValueError):
    """There is nothing to export: a referral, or a program without sessions."""

    def __init__(self, plan: Plan) -> None:
        if plan.status != "ok" and not plan.weeks:
            why = "the health check points to a clinician first, so there is no program yet"
        else:
            why = "the program has no sessions"
        reasons = "; ".join(plan.reasons)
        super().__init__(f"{why}{f' ({reasons})' if reasons else ''}")


def require_sessions(plan: Plan) -> None:
    """Raise EmptyProgramError unless the plan has sessions to export."""
    if plan.status == "refer" or not plan.sessions():
        raise EmptyProgramError(plan)


@dataclass(frozen=True)
class HandoutExercise:
    """One exercise on the handout, with its dose in words and the days it is planned."""

    exercise: Exercise
    dose: str
    notes: tuple[str, ...]
    days: tuple[bool, ...]
    sides: tuple[str, ...] = ()
    """A per-side exercise's sides in words ('Turning to your left'), in the order done."""

    def drawn_side(self) -> str:
        """Which side the printed drawing shows, in words ('' without sides)."""
        directions = self.exercise.directions
        if not directions or not self.sides:
            return ""
        return directions.left if directions.drawn == "left" else directions.right


def side_words(
    exercise: Exercise, sides: Iterable[Side] = (Side.LEFT, Side.RIGHT)
) -> tuple[str, ...]:
    """The words for each side done of a per-side exercise (a side is a direction of movement)."""
    if exercise.directions is None:
        return ()
    return tuple(dict.fromkeys(exercise.directions.words(s) for s in sides if s != Side.BOTH))


@dataclass(frozen=True)
class Handout:
    """Everything a handout says, ready to lay out."""

    title: str
    subtitle: str
    person: str | None
    clinician: str | None
    exercises: tuple[HandoutExercise, ...]
    link: str
    notes: tuple[str, ...] = ()
    qr: bool = True
    """Print the link as a QR code: only when a phone can open it (not a local address)."""
    issued: date | None = None
    week: int | None = None


def plan_handout(
    plan: Plan,
    program: Program,
    exercises: Mapping[str, Exercise],
    *,
    week: int | None = None,
    today: date,
    person: str | None = None,
    clinician: str | None = None,
    base_url: str = DEFAULT_BASE_URL,
) -> Handout:
    """A handout of one week of the plan: `week` (1-based), or the week `today` falls in."""
    require_sessions(plan)
    chosen = _week(plan, week, today)
    entries = []
    for items in first_items(chosen.sessions):
        exercise_id = items[0].exercise
        weekdays = {
            s.date.weekday()
            for s in chosen.sessions
            if any(i.exercise == exercise_id for i in s.items)
        }
        days = tuple(d in weekdays for d in range(7))
        line = session_lines(chosen.sessions[0].model_copy(update={"items": items}), exercises)[0]
        exercise = exercises[exercise_id]
        sides = side_words(exercise, [i.side for i in items])
        entries.append(HandoutExercise(exercise, line.dose, line.notes, days, sides))
    total = len(plan.weeks)
    return Handout(
        title=f"Your mid-back program: week {chosen.week} of {total}",
        subtitle=f"{program.name} · {chosen.phase}: {chosen.focus}",
        person=person,
        clinician=clinician,
        exercises=tuple(entries),
        link=session_url(base_url, chosen.sessions[0].date),
        notes=tuple(plain_text(reason) for reason in plan.reasons),
        issued=today,
        week=chosen.week,
        qr=reachable(base_url),
    )


class NoSuchWeekError(ValueError):
    """The asked-for week is not in the plan, or has no sessions."""


def _week(plan: Plan, number: int | None, today: date) -> PlanWeek:
    if number is None:
        found = week_of(plan, today)
        if found is None:
            raise EmptyProgramError(plan)
        return found
    for candidate in plan.weeks:
        if candidate.week == number and candidate.sessions:
            return candidate
    weeks = [w.week for w in plan.weeks if w.sessions]
    if not weeks:
        raise EmptyProgramError(plan)
    raise NoSuchWeekError(
        f"week {number} has no sessions; the plan has weeks {weeks[0]}–{weeks[-1]}"
    )


def routine_handout(
    routine: HandoutRoutine,
    exercises: Mapping[str, Exercise],
    *,
    today: date,
    person: str | None = None,
    clinician: str | None = None,
    base_url: str = DEFAULT_BASE_URL,
) -> Handout:
    """A handout of a routine: each exercise with its chosen (or default) dose, every day.

    An unknown exercise id raises the library's UnknownExerciseError (with suggestions).
    """
    entries = []
    for item in routine.items:
        exercise = exercises[item.exercise]
        dose = describe_dose(item.dose or exercise.dose, exercise.per_side)
        notes = (item.note,) if item.note else ()
        entries.append(HandoutExercise(exercise, dose, notes, (True,) * 7, side_words(exercise)))
    return Handout(
        title=routine.name,
        subtitle="Your home exercises: do them on the days your clinician suggests.",
        person=person,
        clinician=clinician,
        exercises=tuple(entries),
        link=routine_url(base_url, [item.exercise for item in routine.items]),
        issued=today,
        qr=reachable(base_url),
    )

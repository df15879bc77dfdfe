"""Plain-words reasons: what the planner adapted to before the program began."""

from __future__ import annotations

from midback.domain.pathways import ActivePathways
from midback.domain.planner.eligibility import Exclusions
from midback.domain.profile import Profile
from midback.domain.program import SessionPart
from midback.domain.screening import AGE_OF_CAUTION

LONG_SITTING_HOURS = 7
ACTIVE_MINUTES_GOAL = 150
"""Heneghan 2018 (§3): > 7 h sitting with < 150 min/week activity went with less rotation;
WHO 2020 (§7): 150–300 min/week of moderate activity."""


def profile_notes(profile: Profile, pathways: ActivePathways) -> list[str]:
    """Notes on what the profile changed: conditions, pain, sitting, age, measurements."""
    notes = pathways.notes()
    pain = profile.current_pain()
    if pain > 5:
        notes.append(
            f"Your pain is {pain}/10 now, so the first sessions are eased. If pain during or "
            "after sessions stays above 5, the program holds and asks you to see a "
            "physiotherapist or doctor (clinical-facts §5)."
        )
    if profile.age is not None and profile.age > AGE_OF_CAUTION and pain > 0:
        notes.append(
            "Over 50 with back pain: if the pain is new or does not improve over the coming "
            "weeks, have a doctor check it (clinical-facts §6)."
        )
    active = profile.active_minutes_per_week
    if profile.sitting_hours_per_day > LONG_SITTING_HOURS and (
        active is None or active < ACTIVE_MINUTES_GOAL
    ):
        notes.append(
            "You sit more than 7 hours a day with under 150 active minutes a week; people who do "
            "turn less through the mid-back (Heneghan et al. 2018). "
            + (
                pathways.movement_note()
                or "Stand up and move for a couple of minutes every 30 minutes."
            )
        )
    if not profile.measurements:
        notes.append(
            "No measurements yet: the program balances extension and rotation. Measuring with "
            "a protocol ('midback assess') lets it target what is stiff."
        )
    return notes


def missing_part_note(part: SessionPart, exclusions: Exclusions) -> str:
    """Why a session part cannot be filled, with what left the exercises out."""
    return (
        f"No exercise for '{part.name}' fits your equipment, positions and precautions "
        f"(left out: {exclusions.equipment} for equipment, {exclusions.position} for position, "
        f"{exclusions.precaution} for precautions), so sessions go without it."
    )


def no_program_note(part: SessionPart, exclusions: Exclusions) -> str:
    """Why no program could be built at all."""
    return (
        f"Too few exercises fit to build a program: none can fill '{part.name}' "
        f"(left out: {exclusions.equipment} for equipment, {exclusions.position} for position, "
        f"{exclusions.precaution} for precautions). Adding equipment such as a chair, or "
        "allowing another position, opens more exercises."
    )


def short_sessions_note(count: int, minutes: int) -> str:
    """Why some sessions use less than most of the time available."""
    return (
        f"Only a few exercises fit your constraints, so {count} session(s) are shorter than "
        f"60% of your {minutes} minutes."
    )

"""Plain-words reasons: why a plan refers, and what the planner adapted to before it began."""

from __future__ import annotations

from midback.domain.planner.eligibility import Exclusions
from midback.domain.profile import RED_FLAG_REASONS, Profile
from midback.domain.program import SessionPart
from midback.domain.vocabulary import Precaution

LONG_SITTING_HOURS = 7
ACTIVE_MINUTES_GOAL = 150
"""Heneghan 2018 (§3): > 7 h sitting with < 150 min/week activity went with less rotation;
WHO 2020 (§7): 150–300 min/week of moderate activity."""

AGE_OF_CAUTION = 50
"""Over 50 with new back pain is one of the malignancy screening items (clinical-facts §6)."""

PRECAUTION_NOTES: dict[Precaution, str] = {
    Precaution.OSTEOPOROSIS: (
        "Osteoporosis: exercises with loaded, quick or forceful end-range bending or twisting "
        "are left out and nothing uses weights; move slowly and stop short of the end of the "
        "range (clinical-facts §6)."
    ),
    Precaution.PREGNANCY: (
        "Pregnancy: exercises marked unsuitable are left out and others show how to adapt them; "
        "check with your midwife or doctor if anything feels wrong."
    ),
    Precaution.HYPERMOBILITY: (
        "Hypermobility: work in the middle of your range, with control, rather than hanging at "
        "the end of it; exercises show how."
    ),
    Precaution.RECENT_SURGERY: (
        "Recent surgery: check with your surgeon or physiotherapist before you start; exercises "
        "that need care show how to adapt them."
    ),
}


def referral_reasons(profile: Profile) -> list[str]:
    """One plain sentence per red flag, and what to do instead of a program."""
    reasons = [text for flag, text in RED_FLAG_REASONS.items() if flag in profile.red_flags]
    reasons.append(
        "midback does not build a program while any of these applies. Please see a doctor or "
        "physiotherapist; when they have cleared you, answer the screening again."
    )
    return reasons


def profile_notes(profile: Profile) -> list[str]:
    """Notes on what the profile changed: precautions, pain, sitting, age, measurements."""
    notes = [PRECAUTION_NOTES[p] for p in sorted(set(profile.precautions))]
    pain = profile.current_pain()
    if pain > 5:
        notes.append(
            f"Your pain is {pain}/10 now, so the first sessions are eased. If pain during or "
            "after sessions stays above 5, see a physiotherapist or doctor (clinical-facts §5)."
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
            "turn less through the mid-back (Heneghan et al. 2018). Stand up and move for a "
            "couple of minutes every 30 minutes (clinical-facts §3, §7)."
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

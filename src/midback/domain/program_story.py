"""Why a program looks the way it does, in two sentences a person can read at a glance.

The first sentence comes from the assessment's emphasis (and the finding behind it, or the
absence of measurements); the second from what the profile constrained: time, positions, pain
and precautions. The planner's full reasons are shown beside it for anyone who wants them all.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from midback.domain.assessment import Finding
from midback.domain.plan import Plan
from midback.domain.planner.engine import EASED_START_PAIN
from midback.domain.profile import Profile, Side, compact_number
from midback.domain.protocol import Protocol
from midback.domain.vocabulary import FLOOR_POSITIONS, Position, Target

TARGET_WORDS: dict[Target, str] = {
    Target.EXTENSION: "bending back (extension)",
    Target.ROTATION: "turning (rotation)",
    Target.FLEXION: "rounding forward",
    Target.SIDE_BENDING: "side bending",
    Target.SCAPULAR_CONTROL: "shoulder-blade control",
    Target.SHOULDER_FLEXION: "reaching overhead",
    Target.PEC_FLEXIBILITY: "opening the chest",
    Target.LAT_FLEXIBILITY: "lengthening the lats",
    Target.CORE_CONTROL: "core control",
    Target.NECK_CONTROL: "neck control",
    Target.BREATHING: "breathing",
}

KNEELING = frozenset({Position.HALF_KNEELING, Position.TALL_KNEELING, Position.QUADRUPED})


def _and(words: Sequence[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _deg(value: float) -> str:
    return f"{compact_number(value)}°"


def emphasis_sentence(plan: Plan, protocols: Mapping[str, Protocol]) -> str:
    """What most of the work goes into, and the measurement (or its absence) behind it."""
    assessment = plan.assessment
    focus = _and([TARGET_WORDS[t] for t in assessment.emphasis[:2]]) or "extension and rotation"
    low = [f for f in assessment.findings if f.limited or f.status == "below_reference"]
    limited = sorted(low, key=lambda f: (not f.limited, -f.deficit))  # real limits first
    if limited:
        sentence = (
            f"Most of the work goes into {focus}, because {_finding_words(limited[0], protocols)}"
        )
        asymmetry = assessment.asymmetry
        if asymmetry is not None:
            sentence += (
                f", and your {asymmetry.limited_side.value} side gets an extra set because it is "
                f"{_deg(asymmetry.difference)} behind the other"
            )
        return sentence + "."
    if assessment.findings:
        return (
            "Your measurements are within the usual range for their tests, so the program "
            f"balances {focus} to keep what you have and build on it."
        )
    return (
        f"With no measurements yet, it balances {focus}, the two directions long sitting "
        "stiffens most."
    )


def _finding_words(finding: Finding, protocols: Mapping[str, Protocol]) -> str:
    protocol = protocols.get(finding.protocol)
    name = protocol.name.lower() if protocol else finding.protocol.replace("_", " ")
    side = "" if finding.side == Side.BOTH else f" ({finding.side.value})"
    return (
        f"your {name}{side} measured {_deg(finding.degrees)}, {_deg(finding.deficit)} below "
        f"the {_deg(finding.reference)} reference"
    )


def constraints_sentence(plan: Plan, profile: Profile, minutes: float) -> str:
    """How the sessions fit the person: time, days, positions, pain and precautions."""
    if not plan.weeks:
        return plan.reasons[-1] if plan.reasons else "No exercises fit your answers yet."
    sentence = (
        f"Each session takes about {round(minutes)} of your {profile.minutes_per_day} minutes, "
        f"{profile.days_per_week} days a week"
    )
    extras = _avoid_words(set(profile.positions_to_avoid))
    pain = profile.current_pain()
    if pain > EASED_START_PAIN:
        extras.append(f"gentler first sessions because your pain is {pain}/10")
    if profile.precautions:
        names = _and([p.value.replace("_", " ") for p in sorted(set(profile.precautions))])
        extras.append(f"exercises left out or adapted for {names}")
    return sentence + (f", with {_and(extras)}." if extras else ".")


def _avoid_words(avoid: set[Position]) -> list[str]:
    words = []
    if FLOOR_POSITIONS <= avoid:
        words.append("no floor work")
    elif avoid & KNEELING:
        words.append("no kneeling")
    if Position.PRONE in avoid and not FLOOR_POSITIONS <= avoid:
        words.append("no lying on your front")
    if Position.SUPINE in avoid and not FLOOR_POSITIONS <= avoid:
        words.append("no lying on your back")
    if Position.STANDING in avoid:
        words.append("no standing exercises")
    return words


def program_story(
    plan: Plan, profile: Profile, protocols: Mapping[str, Protocol], minutes: float
) -> list[str]:
    """Two sentences: why the emphasis, and how the sessions fit (`minutes`: a session's length)."""
    return [emphasis_sentence(plan, protocols), constraints_sentence(plan, profile, minutes)]

"""The plain words onboarding asks in, and the vocabulary each answer stands for.

People say "kneeling hurts", not "avoid half_kneeling and tall_kneeling"; the health-check
questions live in the screen's content (`content/screen/screen.yaml`). Each answer here is keyed
by the value the planner understands.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from midback.domain.profile import PainRegion, SurgerySite
from midback.domain.vocabulary import FLOOR_POSITIONS, Equipment, Position, Precaution

SITTING_CHOICES: tuple[tuple[float, str], ...] = (
    (2, "Less than 4 hours"),
    (5, "4 to 6 hours"),
    (7, "6 to 8 hours"),
    (9, "8 to 10 hours"),
    (11, "More than 10 hours"),
)
"""Hours sitting a day, as bands; the value is a typical day in the band (more than 7 hours
with little activity is what goes with a stiffer mid-back, Heneghan et al. 2018)."""

ACTIVITY_CHOICES: tuple[tuple[int, str], ...] = (
    (0, "Hardly any"),
    (30, "Less than an hour"),
    (100, "1 to 2½ hours"),
    (200, "2½ to 5 hours"),
    (360, "More than 5 hours"),
)
"""Active minutes a week, as bands (WHO 2020 asks for 150–300 minutes of moderate activity)."""

MINUTES_CHOICES: tuple[int, ...] = (10, 15, 20, 30)
DAYS_CHOICES: tuple[int, ...] = (2, 3, 4, 5, 6, 7)


class AvoidChoice(StrEnum):
    """Positions to avoid, as people describe them."""

    KNEELING = "kneeling"
    FLOOR = "floor"
    LYING_FRONT = "lying_front"
    LYING_BACK = "lying_back"
    STANDING = "standing"


@dataclass(frozen=True)
class Avoid:
    """One plain-words answer and the positions it rules out."""

    text: str
    positions: frozenset[Position]


AVOID_CHOICES: dict[AvoidChoice, Avoid] = {
    AvoidChoice.KNEELING: Avoid(
        "Kneeling hurts (on one knee, both knees, or on hands and knees)",
        frozenset({Position.HALF_KNEELING, Position.TALL_KNEELING, Position.QUADRUPED}),
    ),
    AvoidChoice.FLOOR: Avoid(
        "I can't get down to the floor (or up again) easily", frozenset(FLOOR_POSITIONS)
    ),
    AvoidChoice.LYING_FRONT: Avoid(
        "Lying on my front is uncomfortable", frozenset({Position.PRONE})
    ),
    AvoidChoice.LYING_BACK: Avoid(
        "Lying on my back is uncomfortable", frozenset({Position.SUPINE})
    ),
    AvoidChoice.STANDING: Avoid(
        "I can't stand for a few minutes at a time", frozenset({Position.STANDING})
    ),
}

CHAIR_QUESTION = "Do you have a chair you can use?"
CHAIR_HINT = "A firm chair without wheels or arms is best. Many desk-friendly exercises need one."

EQUIPMENT_WORDS: dict[Equipment, str] = {
    Equipment.FOAM_ROLLER: "A foam roller",
    Equipment.STICK: "A broom handle, dowel or similar stick",
    Equipment.BALL: "A ball (tennis-ball size or bigger)",
    Equipment.BAND: "A resistance band",
    Equipment.WEIGHT: "A light weight (a small dumbbell or a full water bottle)",
}
"""Everything but the chair, which has its own question."""

PAIN_REGION_WORDS: dict[PainRegion, str] = {
    PainRegion.NECK: "Neck",
    PainRegion.UPPER_BACK: "Upper back",
    PainRegion.MID_BACK: "Middle of the back",
    PainRegion.LOW_BACK: "Lower back",
    PainRegion.SHOULDER: "Shoulder",
    PainRegion.RIBS: "Ribs or chest wall",
}

PRECAUTION_WORDS: dict[Precaution, str] = {
    Precaution.OSTEOPOROSIS: "I have osteoporosis or thin bones (osteopenia)",
    Precaution.PREGNANCY: "I am pregnant",
    Precaution.HYPERMOBILITY: "My joints are very bendy (hypermobility)",
    Precaution.RECENT_SURGERY: "I had an operation in the last six months",
    Precaution.SEATED_ONLY: "I exercise sitting only (for example, I use a wheelchair)",
}

SURGERY_SITE_WORDS: dict[SurgerySite, str] = {
    SurgerySite.SPINE: "Spine or back",
    SurgerySite.CHEST: "Heart or chest (through the breastbone or ribs)",
    SurgerySite.BREAST: "Breast",
    SurgerySite.SHOULDER: "Shoulder",
    SurgerySite.ABDOMEN: "Tummy (abdomen)",
    SurgerySite.OTHER: "Somewhere else",
}

TRIMESTER_WORDS: tuple[tuple[int, str], ...] = (
    (1, "First trimester (up to 13 weeks)"),
    (2, "Second trimester (14 to 27 weeks)"),
    (3, "Third trimester (28 weeks on)"),
)

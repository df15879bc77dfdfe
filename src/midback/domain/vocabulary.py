"""The fixed vocabularies that exercises, profiles and programs share."""

from enum import StrEnum


class Target(StrEnum):
    """What an exercise trains."""

    EXTENSION = "extension"
    ROTATION = "rotation"
    FLEXION = "flexion"
    SIDE_BENDING = "side_bending"
    SCAPULAR_CONTROL = "scapular_control"
    SHOULDER_FLEXION = "shoulder_flexion"
    PEC_FLEXIBILITY = "pec_flexibility"
    LAT_FLEXIBILITY = "lat_flexibility"
    CORE_CONTROL = "core_control"
    NECK_CONTROL = "neck_control"
    BREATHING = "breathing"


class Position(StrEnum):
    """The body position an exercise is done in."""

    STANDING = "standing"
    SITTING = "sitting"
    HALF_KNEELING = "half_kneeling"
    TALL_KNEELING = "tall_kneeling"
    QUADRUPED = "quadruped"
    SUPINE = "supine"
    PRONE = "prone"
    SIDE_LYING = "side_lying"


FLOOR_POSITIONS: frozenset[Position] = frozenset(
    {
        Position.HALF_KNEELING,
        Position.TALL_KNEELING,
        Position.QUADRUPED,
        Position.SUPINE,
        Position.PRONE,
        Position.SIDE_LYING,
    }
)
"""Positions that need getting down to the floor."""


class Equipment(StrEnum):
    """Equipment beyond floor space and a wall, which are always assumed."""

    FOAM_ROLLER = "foam_roller"
    STICK = "stick"
    BALL = "ball"
    CHAIR = "chair"
    BAND = "band"
    WEIGHT = "weight"


class Precaution(StrEnum):
    """Conditions that change a program without stopping it (clinical-facts §6, §9).

    `seated_only` covers people who exercise sitting only, wheelchair users among them.
    """

    OSTEOPOROSIS = "osteoporosis"
    PREGNANCY = "pregnancy"
    HYPERMOBILITY = "hypermobility"
    RECENT_SURGERY = "recent_surgery"
    SEATED_ONLY = "seated_only"


class Kind(StrEnum):
    """The role an exercise plays in a session."""

    BREATHING = "breathing"
    ACTIVATION = "activation"
    MOBILITY = "mobility"
    STRETCH = "stretch"
    CONTROL = "control"

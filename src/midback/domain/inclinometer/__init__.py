"""The maths of measuring with a phone: orientation, tilt against gravity, twist about the
vertical, stillness and the combination of trials.

Pure functions over plain numbers, so the browser (web/static/measure-math.js) can follow them
step by step and both are checked against the same fixtures (tests/fixtures/inclinometer.json).
"""

from midback.domain.inclinometer.capture import (
    Sample,
    Steadiness,
    TrialSummary,
    combine_trials,
    steadiness,
)
from midback.domain.inclinometer.quaternion import Quaternion
from midback.domain.inclinometer.readings import (
    Axis,
    TiltUnreadable,
    tilt_about,
    twist_about_vertical,
    two_point,
)

__all__ = [
    "Axis",
    "Quaternion",
    "Sample",
    "Steadiness",
    "TiltUnreadable",
    "TrialSummary",
    "combine_trials",
    "steadiness",
    "tilt_about",
    "twist_about_vertical",
    "two_point",
]

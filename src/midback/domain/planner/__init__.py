"""The planning engine: from a profile (and feedback so far) to an adaptive program.

Small modules, one concern each: eligibility (who can do what), dosing (how much, how long),
session (filling the time), schedule (which days), adaptation (feedback), notes (reasons in
plain words) and engine (putting them together).
"""

from midback.domain.planner.engine import assess_profile, make_plan, program_days

__all__ = ["assess_profile", "make_plan", "program_days"]

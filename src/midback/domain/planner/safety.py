"""The safety check before planning: the health screen, condition pathways and clearances.

One place decides whether a program may start (rule 1): the screen's tier (emergency and urgent
refer, see-a-clinician holds), early-window holds from the pathways (surgery), and the
clearances that lift them. What remains shapes the program through the pathways.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from midback.domain.pathways import ActivePathways, Safety
from midback.domain.plan import Screening, Status
from midback.domain.profile import Profile, RedFlag
from midback.domain.screening import (
    BLOCKING,
    TIER_ORDER,
    Clearance,
    ScreenOutcome,
    Tier,
    most_urgent,
    plan_status,
    screen_profile,
)
from midback.domain.vocabulary import Precaution

DAYS_IN_WEEK = 7


@dataclass(frozen=True)
class SafetyCheck:
    """What the screen and pathways say about one profile."""

    profile: Profile
    """The profile with the conditions in effect (the screen may add some, e.g. steroids)."""
    pathways: ActivePathways
    outcomes: list[ScreenOutcome]
    tier: Tier

    @property
    def status(self) -> Status:
        """`refer`, `hold` or `ok`."""
        return plan_status(self.tier)

    def blocking(self) -> list[ScreenOutcome]:
        """Open outcomes that keep the program from starting, most urgent first."""
        return [o for o in self.outcomes if o.cleared_on is None and o.tier in BLOCKING]


def check_safety(
    profile: Profile, safety: Safety, clearances: Sequence[Clearance] = ()
) -> SafetyCheck:
    """Screen `profile`, resolve its pathways, and apply clearances."""
    result = screen_profile(profile, safety.screen, clearances)
    conditions: list[Precaution] = list(result.precautions)
    effective = profile.model_copy(update={"precautions": conditions})
    pathways = ActivePathways(safety.pathways.values(), effective, conditions, clearances)
    outcomes = sorted(
        [*result.outcomes, *pathways.holds()], key=lambda o: (TIER_ORDER.index(o.tier), o.rule)
    )
    tiers = [o.tier for o in outcomes if o.cleared_on is None]
    if conditions:
        tiers.append(Tier.PRECAUTION)
    return SafetyCheck(effective, pathways, outcomes, most_urgent(tiers))


def rescreened(profile: Profile, symptoms: Sequence[RedFlag]) -> Profile:
    """The profile with new symptoms logged during the program added to its answers."""
    answers = list(dict.fromkeys([*profile.red_flags, *symptoms]))
    return profile.model_copy(update={"red_flags": answers})


def screening_of(check: SafetyCheck, safety: Safety, start: date | None) -> Screening:
    """The screen's verdict in the plan: tier, outcomes, next steps, what to read and when to
    answer the screen again."""
    steps = [safety.screen.words(check.tier).action]
    steps += [o.next_step for o in check.outcomes if o.cleared_on is None]
    rescreen = None
    if start is not None:
        rescreen = start + timedelta(days=DAYS_IN_WEEK * safety.screen.rescreen_weeks)
    return Screening(
        tier=check.tier,
        outcomes=check.outcomes,
        next_steps=list(dict.fromkeys(steps)),
        stop_signs=check.pathways.stop_signs(),
        read_first=list(safety.screen.read_first),
        rescreen_on=rescreen,
    )


def blocking_reasons(check: SafetyCheck, safety: Safety) -> list[str]:
    """Plain sentences: what the screen found, and that no program is planned until cleared."""
    reasons = [o.reason for o in check.blocking()]
    words = safety.screen.words(check.tier)
    reasons.append(
        f"{words.title}. midback plans no sessions until then; when a clinician has cleared "
        "you, record it (or answer the health check again) and the program starts."
    )
    return reasons

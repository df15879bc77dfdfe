"""The tiered health screen: which answers stop, hold or shape a program, and what to do next.

The questions, the rules that combine answers into a tier, and the words each outcome says are
content (`content/screen/screen.yaml`, with sources); this module only evaluates them. Tiers,
most urgent first (clinical-facts §6):

- `emergency`: call the emergency number now (chest pain, saddle numbness, ...);
- `urgent`: see a doctor within 24 hours (a cancer history with new pain, fever with back pain);
- `see_clinician`: see a clinician before going on (over 50 with new pain, night pain, ...);
- `precaution`: a program with changes (long-term steroids follow the bone-health pathway);
- `ok`.

A rule fires when every fact it names holds. Facts are the person's "yes" answers, their
precautions, and a few read from the profile (`age_over_50`, `has_pain`). A clearance recorded
for a rule stops it blocking; emergencies are cleared by a clinician only, since the person's
own way back is answering the screen again once the emergency is over.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import Field, model_validator

from midback.domain.assessment import Result
from midback.domain.exercise import ContentModel, Text
from midback.domain.profile import Profile, RedFlag
from midback.domain.vocabulary import Precaution


class Tier(StrEnum):
    """How urgently a screen outcome points to help, most urgent first."""

    EMERGENCY = "emergency"
    URGENT = "urgent"
    SEE_CLINICIAN = "see_clinician"
    PRECAUTION = "precaution"
    OK = "ok"


TIER_ORDER: tuple[Tier, ...] = tuple(Tier)
BLOCKING: frozenset[Tier] = frozenset({Tier.EMERGENCY, Tier.URGENT, Tier.SEE_CLINICIAN})
"""Tiers that keep a program from starting (or from progressing) until cleared."""

AGE_OF_CAUTION = 50
"""Over 50 with new back pain is a screening item for malignancy (clinical-facts §6)."""

NEW_PAIN_WEEKS = 6
"""Pain there for fewer weeks than this counts as new (the screen's question says so too)."""

DERIVED_FACTS: frozenset[str] = frozenset({"age_over_50", "has_pain"})


def most_urgent(tiers: Iterable[Tier]) -> Tier:
    """The most urgent of `tiers` (`ok` when there are none)."""
    return min(tiers, key=TIER_ORDER.index, default=Tier.OK)


def plan_status(tier: Tier) -> Literal["ok", "hold", "refer"]:
    """A plan's status for a tier: emergencies and urgent items refer, routine ones hold."""
    if tier in (Tier.EMERGENCY, Tier.URGENT):
        return "refer"
    return "hold" if tier is Tier.SEE_CLINICIAN else "ok"


class TierWords(ContentModel):
    """How a tier is named and what it asks the person to do."""

    tier: Tier
    title: Text
    action: Text


class ScreenQuestion(ContentModel):
    """One health-screen question, asked in plain words, answered yes or no."""

    id: RedFlag
    question: Text
    hint: Text | None = None
    asked: bool = Field(
        default=True, description="False for an older answer that newer questions now cover."
    )


class ScreenRule(ContentModel):
    """Facts that together give a tier, with the reason and next step in plain words."""

    id: str = Field(pattern=r"^[a-z0-9]+(?:_[a-z0-9]+)*$", max_length=64)
    tier: Tier
    when: list[str] = Field(min_length=1)
    reason: Text
    next_step: Text
    applies: list[Precaution] = Field(
        default_factory=list, description="Pathways the program follows while this applies."
    )
    sources: list[Text] = Field(min_length=1)


class Screen(ContentModel):
    """The whole screen: tier words, questions and rules, and when to ask again."""

    tiers: list[TierWords]
    questions: list[ScreenQuestion]
    rules: list[ScreenRule]
    rescreen_weeks: int = Field(ge=1, le=52, description="Ask the screen again this often.")
    settle_sessions: int = Field(
        ge=1, le=10, description="Calm sessions in a row that lift a pain hold."
    )
    read_first: list[str] = Field(
        default_factory=list, description="Lesson ids every plan links to before the first session."
    )
    during_program: list[RedFlag] = Field(
        default_factory=list,
        description="Questions a session's log asks again (anything new?), emergency signs first.",
    )
    sources: list[Text] = Field(min_length=1)

    @model_validator(mode="after")
    def _complete(self) -> Screen:
        known = {f.value for f in RedFlag} | {p.value for p in Precaution} | DERIVED_FACTS
        for rule in self.rules:
            unknown = sorted(set(rule.when) - known)
            if unknown:
                raise ValueError(f"rule {rule.id}: unknown facts {unknown}")
        missing = sorted({f.value for f in RedFlag} - {q.id.value for q in self.questions})
        if missing:
            raise ValueError(f"questions missing for {missing}")
        unused = sorted(
            {q.id.value for q in self.questions} - {f for r in self.rules for f in r.when}
        )
        if unused:
            raise ValueError(f"no rule uses the answers {unused}")
        if {t.tier for t in self.tiers} != set(Tier):
            raise ValueError("every tier needs its words")
        asked = {q.id for q in self.asked()}
        not_asked = sorted(f.value for f in self.during_program if f not in asked)
        if not_asked:
            raise ValueError(f"during_program names questions that are not asked: {not_asked}")
        if len(set(self.during_program)) != len(self.during_program):
            raise ValueError("during_program names a question twice")
        return self

    def words(self, tier: Tier) -> TierWords:
        """The title and action of `tier`."""
        return next(t for t in self.tiers if t.tier is tier)

    def asked(self) -> list[ScreenQuestion]:
        """The questions onboarding asks, in order (emergency signs first)."""
        return [q for q in self.questions if q.asked]

    def asked_during_program(self) -> list[ScreenQuestion]:
        """The questions a session's log asks again, in `during_program` order."""
        by_id = {q.id: q for q in self.questions}
        return [by_id[flag] for flag in self.during_program]


class Clearance(Result):
    """A clinician's go-ahead for one screen outcome (or hold), as the planner sees it."""

    rule: str
    cleared_on: date
    by: Literal["self", "clinician"]


class ScreenOutcome(Result):
    """One rule that fired: its tier, why, what to do next, and whether it was cleared."""

    rule: str
    tier: Tier
    reason: str
    next_step: str
    cleared_on: date | None = None


class ScreenResult(Result):
    """The screen's verdict: the tier that still blocks (or shapes) and every outcome."""

    tier: Tier
    outcomes: list[ScreenOutcome]
    precautions: list[Precaution]


def facts_of(profile: Profile) -> set[str]:
    """What the screen's rules can name: answers, precautions and facts read from the profile."""
    facts = {f.value for f in profile.red_flags} | {p.value for p in profile.precautions}
    if profile.age is not None and profile.age > AGE_OF_CAUTION:
        facts.add("age_over_50")
    if profile.current_pain() > 0:
        facts.add("has_pain")
    if profile.pain is not None and profile.pain.weeks is not None:
        if profile.pain.weeks < NEW_PAIN_WEEKS:
            facts.add(RedFlag.NEW_PAIN.value)
    return facts


def clears(clearance: Clearance, tier: Tier) -> bool:
    """Whether `clearance` may lift an outcome of `tier` (emergencies need a clinician)."""
    return clearance.by == "clinician" or tier is not Tier.EMERGENCY


def screen_profile(
    profile: Profile, screen: Screen, clearances: Sequence[Clearance] = ()
) -> ScreenResult:
    """Evaluate the screen's rules for `profile`, with any clearances recorded."""
    return _screen(facts_of(profile), set(profile.precautions), screen, clearances)


def screen_answers(answers: Iterable[RedFlag], screen: Screen) -> ScreenResult:
    """The screen's verdict on `answers` alone (no profile): what new symptoms logged during a
    session say at once, before the whole plan is worked out again."""
    return _screen({a.value for a in answers}, set(), screen, ())


def _screen(
    facts: set[str],
    precautions: set[Precaution],
    screen: Screen,
    clearances: Sequence[Clearance],
) -> ScreenResult:
    outcomes: list[ScreenOutcome] = []
    for rule in screen.rules:
        if not set(rule.when) <= facts:
            continue
        cleared = cleared_on(rule.id, rule.tier, clearances)
        outcomes.append(
            ScreenOutcome(
                rule=rule.id,
                tier=rule.tier,
                reason=rule.reason,
                next_step=rule.next_step,
                cleared_on=cleared,
            )
        )
        precautions.update(rule.applies)
    open_tiers = [o.tier for o in outcomes if o.cleared_on is None]
    if precautions and not open_tiers:
        open_tiers.append(Tier.PRECAUTION)
    ordered = sorted(outcomes, key=lambda o: (TIER_ORDER.index(o.tier), o.rule))
    return ScreenResult(
        tier=most_urgent(open_tiers), outcomes=ordered, precautions=sorted(precautions)
    )


def cleared_on(rule: str, tier: Tier, clearances: Sequence[Clearance]) -> date | None:
    """The latest date `rule` was cleared, if a clearance may lift its tier."""
    dates = [c.cleared_on for c in clearances if c.rule == rule and clears(c, tier)]
    return max(dates, default=None)

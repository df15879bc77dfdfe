"""Rich renderings of plans and assessments for the terminal."""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from midback.domain.assessment import Assessment
from midback.domain.library import ExerciseLibrary
from midback.domain.plan import Plan, PlanItem, PlannedSession, PlanWeek, Screening
from midback.domain.profile import Side, compact_number
from midback.domain.program import Program
from midback.domain.protocol import Protocol
from midback.domain.screening import Screen, Tier


def _words(value: str) -> str:
    return value.replace("_", " ")


def _degrees(value: float) -> str:
    return f"{compact_number(value)}°"


def reasons_view(title: str, reasons: list[str], style: str = "yellow") -> RenderableType:
    """A panel of plain-words reasons, one bullet each."""
    body = Group(*(Text(f"• {reason}") for reason in reasons))
    return Panel(body, title=title, title_align="left", border_style=style)


def assessment_view(
    assessment: Assessment, protocols: Mapping[str, Protocol]
) -> list[RenderableType]:
    """Findings against their references, what they mean, the side difference and emphasis."""
    if not assessment.findings:
        return [_protocols_how_to(protocols)]
    table = Table(title="Assessment", title_justify="left")
    for column in ("test", "side", "measured", "reference", "deficit", "verdict"):
        table.add_column(column, justify="right" if column in {"measured", "deficit"} else "left")
    for f in assessment.findings:
        verdict = {
            "limited": "[red]limited[/]",
            "below_reference": "[yellow]below reference[/]",
        }.get(f.status, "[green]no clear limit[/]")
        name = protocols[f.protocol].name if f.protocol in protocols else f.protocol
        table.add_row(
            name,
            f.side.value,
            _degrees(f.degrees),
            _degrees(f.reference),
            _degrees(f.deficit),
            verdict,
        )
    parts: list[RenderableType] = [table]
    parts += [Text(f"• {f.meaning}") for f in assessment.findings]
    if assessment.asymmetry is not None:
        parts.append(Text(f"• {assessment.asymmetry.meaning}", style="bold"))
    emphasis = ", ".join(_words(t.value) for t in assessment.emphasis)
    parts.append(Text(f"Emphasis: {emphasis}", style="bold"))
    sources = {f.protocol: f.source for f in assessment.findings}
    parts.append(Text("Sources", style="bold underline"))
    parts += [Text(f"· {protocol}: {source}", style="dim") for protocol, source in sources.items()]
    parts += [Text(f"• {c.meaning}") for c in assessment.changes]
    return parts


def _protocols_how_to(protocols: Mapping[str, Protocol]) -> RenderableType:
    lines: list[RenderableType] = [
        Text("No measurements yet. Any of these tests lets midback target what is stiff:")
    ]
    for protocol in protocols.values():
        reference = (
            f"reference {_degrees(protocol.reference)}, measurement error ±{_degrees(protocol.mdc)}"
        )
        lines.append(Text(f"\n{protocol.name} ({protocol.id}; {reference})", style="bold"))
        lines += [Text(f"  {i}. {step}") for i, step in enumerate(protocol.how_to, 1)]
    return Panel(Group(*lines), title="How to measure", title_align="left")


TIER_STYLES = {
    Tier.EMERGENCY: "bold white on red",
    Tier.URGENT: "bold red",
    Tier.SEE_CLINICIAN: "bold yellow",
}


def screening_view(
    screening: Screening, reasons: list[str], screen: Screen
) -> list[RenderableType]:
    """A referral or hold: the tier's title first (an emergency can't be missed), why, what next."""
    words = screen.words(screening.tier)
    style = TIER_STYLES.get(screening.tier, "bold")
    parts: list[RenderableType] = [Text(words.title.upper(), style=style)]
    parts.append(reasons_view(words.title, reasons, style=style))
    parts.append(reasons_view("What to do next", screening.next_steps, style=style))
    return parts


def plan_view(
    plan: Plan,
    program: Program,
    library: ExerciseLibrary,
    protocols: Mapping[str, Protocol],
    screen: Screen | None = None,
) -> list[RenderableType]:
    """The whole plan: reasons, assessment, then week by week a table per session."""
    if not plan.weeks and plan.status != "ok" and screen is not None:
        return screening_view(plan.screening, plan.reasons, screen)
    if plan.status == "refer" and not plan.weeks:
        return [reasons_view("See a clinician first", plan.reasons, style="bold red")]
    parts: list[RenderableType] = [Text(f"{program.name}", style="bold"), Text(program.summary)]
    if plan.hold is not None:
        hold = plan.hold
        lines = [hold.reason, hold.until]
        title = "Stopped: see a doctor" if plan.status == "refer" else "Progress on hold"
        parts.append(reasons_view(title, lines, style="bold yellow"))
    if plan.screening.read_first:
        lessons = ", ".join(plan.screening.read_first)
        parts.append(Text(f"Read before your first session (under Learn in the app): {lessons}"))
    if plan.screening.stop_signs:
        parts.append(reasons_view("Stop and seek care if", plan.screening.stop_signs, style="bold"))
    if plan.reasons:
        parts.append(reasons_view("Why it looks like this", plan.reasons))
    parts += assessment_view(plan.assessment, protocols)
    for week in plan.weeks:
        parts += week_view(week, library, protocols)
    return parts


def week_view(
    week: PlanWeek, library: ExerciseLibrary, protocols: Mapping[str, Protocol]
) -> list[RenderableType]:
    """A heading for the week and one table per session."""
    lighter = " (lighter week)" if week.lighter else ""
    heading = Text(f"\nWeek {week.week}{lighter} · {week.phase}", style="bold cyan")
    return [heading, Text(week.focus, style="italic")] + [
        session_view(s, library, protocols) for s in week.sessions
    ]


def session_view(
    session: PlannedSession, library: ExerciseLibrary, protocols: Mapping[str, Protocol]
) -> RenderableType:
    """One session as a table: part, exercise, side, dose, rest, what it is for."""
    title = f"{session.date:%a %d %b %Y} · ~{session.estimated_minutes} min · step {session.step}"
    if session.reassess:
        names = ", ".join(protocols[p].name if p in protocols else p for p in session.measure)
        title += f" · re-measure: {names} (+{compact_number(session.measure_minutes)} min)"
    table = Table(title=escape(title), title_justify="left", expand=False)
    for column in ("part", "exercise", "side", "dose", "rest", "for"):
        table.add_column(column)
    notes: dict[str, list[str]] = {}
    for item in session.items:
        exercise = library.get(item.exercise)
        name = exercise.name if exercise else item.exercise
        if item.notes:
            notes[name] = item.notes
            name += " *"
        side = "" if item.side == Side.BOTH else item.side.value
        rest = f"{item.rest_s} s" if item.sets > 1 else "—"
        table.add_row(
            _words(item.part), name, side, dose_text(item), rest, _words(item.target.value)
        )
    if not notes:
        return table
    lines = [Text(f"* {name}: {' '.join(texts)}", style="dim") for name, texts in notes.items()]
    return Group(table, *lines)


def dose_text(item: PlanItem) -> str:
    """'2 × 10' or '3 × 3 × 5 s hold'."""
    work = f"{item.reps} × {item.hold_s} s hold" if item.hold_s else f"{item.reps}"
    return f"{item.sets} × {work}"

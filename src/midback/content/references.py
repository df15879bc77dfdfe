"""Checks across content files: what a program or pathway refers to must exist."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from midback.content.problems import ContentProblem, field_path
from midback.content.yaml_source import FieldPath, YamlDocument
from midback.domain.library import ExerciseLibrary
from midback.domain.pathways import Exclude, Pathway
from midback.domain.program import Program
from midback.domain.protocol import Protocol


def program_problems(
    program: Program,
    file: Path,
    document: YamlDocument,
    protocols: Mapping[str, Protocol],
    library: ExerciseLibrary,
) -> list[ContentProblem]:
    """Unknown protocols, and session parts that no exercise in the library can fill."""

    def problem(path: FieldPath, message: str) -> ContentProblem:
        """A problem at `path` within this program's file."""
        return ContentProblem(file, field_path(path), message, document.line_of(path))

    problems = []
    for index, protocol_id in enumerate(program.reassess_protocols):
        if protocol_id not in protocols:
            known = ", ".join(protocols) or "none loaded"
            problems.append(
                problem(
                    ("reassess_protocols", index),
                    f"unknown protocol '{protocol_id}' (known: {known})",
                )
            )
    for index, part in enumerate(program.parts):
        fitting = [
            e
            for e in library.values()
            if e.kind in part.kinds
            and set(e.targets) & set(part.targets)
            and (not program.positions or e.position in program.positions)
        ]
        if not fitting:
            kinds = ", ".join(part.kinds)
            targets = ", ".join(part.targets)
            message = f"no exercise in the library is a {kinds} exercise training {targets}"
            problems.append(problem(("parts", index), message))
    return problems


def pathway_problems(
    pathway: Pathway, file: Path, document: YamlDocument, library: ExerciseLibrary
) -> list[ContentProblem]:
    """Exercise ids a pathway names that the library does not have."""
    problems = []
    excludes: list[tuple[FieldPath, Exclude]] = [(("exclude",), pathway.exclude)]
    excludes += [
        (("stages", index, "exclude"), stage.exclude) for index, stage in enumerate(pathway.stages)
    ]
    for prefix, exclude in excludes:
        for index, exercise_id in enumerate(exclude.exercises):
            if exercise_id not in library:
                path: FieldPath = (*prefix, "exercises", index)
                message = f"unknown exercise id '{exercise_id}'"
                problems.append(
                    ContentProblem(file, field_path(path), message, document.line_of(path))
                )
    return problems


def protocol_problems(
    protocol: Protocol, file: Path, document: YamlDocument, library: ExerciseLibrary
) -> list[ContentProblem]:
    """Phone-method illustrations that name no exercise, or one without poses to draw."""
    if protocol.method is None:
        return []
    problems = []
    for index, variant in enumerate(protocol.method.variants):
        path: FieldPath = ("method", "variants", index, "illustration")
        exercise = library.get(variant.illustration)
        if exercise is None or exercise.poses is None:
            reason = "has no poses to draw" if exercise else "is not in the library"
            message = f"exercise '{variant.illustration}' {reason}"
            problems.append(ContentProblem(file, field_path(path), message, document.line_of(path)))
    return problems

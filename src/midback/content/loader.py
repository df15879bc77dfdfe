"""Load content folders into validated domain objects, reporting every problem at once.

A content folder holds `exercises/*.yaml` (one exercise per file, named after its id), and may
hold `protocols/*.yaml` (measurement protocols), `programs/*.yaml` (program templates),
`camera/*.yaml` (how the camera coach follows an exercise, named after the exercise) and
`lessons/*.md` (Markdown with front matter), each file likewise named after the id inside it,
`pathways/*.yaml` (condition pathways, named after their condition) and `screen/screen.yaml`
(the health screen: questions, tiers and rules).
The built-in folder ships inside the package; users and clinics add their own folders, which are
validated the same way and merged. Loading never raises on bad data: it collects problems, and
`load_content` raises one ContentError listing them all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import ValidationError

from midback.content.lessons import lesson_files, load_lesson
from midback.content.problems import (
    ContentError,
    ContentProblem,
    field_path,
    problems_from_validation,
)
from midback.content.references import pathway_problems, program_problems, protocol_problems
from midback.content.yaml_source import YamlDocument, YamlSyntaxError, parse_yaml
from midback.domain.camera.spec import CameraSpec
from midback.domain.exercise import Exercise
from midback.domain.lesson import Lesson
from midback.domain.library import ExerciseLibrary
from midback.domain.pathways import Pathway, Safety
from midback.domain.program import Program
from midback.domain.protocol import Protocol
from midback.domain.screening import Screen

BUILTIN_DIR = Path(__file__).resolve().parent
CONTENT_SUFFIXES = (".yaml", ".yml")
Item = TypeVar("Item", Exercise, Protocol, Program, Lesson, Pathway, CameraSpec)
YamlItem = TypeVar("YamlItem", Exercise, Protocol, Program, Pathway, CameraSpec)
SCREEN_FILE = Path("screen") / "screen.yaml"


@dataclass(frozen=True)
class Content:
    """Everything midback knows from content files, and which file each item came from."""

    exercises: ExerciseLibrary
    files: dict[str, Path] = field(default_factory=dict)
    protocols: dict[str, Protocol] = field(default_factory=dict)
    programs: dict[str, Program] = field(default_factory=dict)
    lessons: dict[str, Lesson] = field(default_factory=dict)
    pathways: dict[str, Pathway] = field(default_factory=dict)
    screen: Screen | None = None

    def safety(self) -> Safety:
        """The screen and the condition pathways, as the planner takes them.

        Content without a screen cannot plan: a missing screen must never read as a clean one.
        """
        if self.screen is None:
            raise ContentError([ContentProblem(SCREEN_FILE, "", "no health screen loaded")])
        return Safety(self.screen, self.pathways)

    cameras: dict[str, CameraSpec] = field(default_factory=dict)


@dataclass
class _Named(Generic[Item]):
    """Items of one kind collected across folders, with where each came from."""

    items: dict[str, Item] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)
    documents: dict[str, YamlDocument] = field(default_factory=dict)

    def add(
        self, item: Item, path: Path, document: YamlDocument | None, problems: list[ContentProblem]
    ) -> None:
        """Keep `item` unless its id is taken, which is a problem naming both files."""
        earlier = self.files.get(item.id)
        if earlier is not None:
            message = f"duplicate id '{item.id}': also defined in {earlier}"
            problems.append(ContentProblem(path, "id", message))
            return
        self.items[item.id] = item
        self.files[item.id] = path
        if document is not None:
            self.documents[item.id] = document


@dataclass
class _Collected:
    problems: list[ContentProblem] = field(default_factory=list)
    exercises: _Named[Exercise] = field(default_factory=_Named)
    protocols: _Named[Protocol] = field(default_factory=_Named)
    programs: _Named[Program] = field(default_factory=_Named)
    lessons: _Named[Lesson] = field(default_factory=_Named)
    pathways: _Named[Pathway] = field(default_factory=_Named)
    screens: list[tuple[Path, Screen]] = field(default_factory=list)
    cameras: _Named[CameraSpec] = field(default_factory=_Named)


def load_content(extra_dirs: Iterable[Path] = (), *, include_builtin: bool = True) -> Content:
    """Load the built-in content plus `extra_dirs`; raise ContentError if anything is wrong."""
    content, problems = check_content(extra_dirs, include_builtin=include_builtin)
    if problems:
        raise ContentError(problems)
    return content


def check_content(
    extra_dirs: Iterable[Path] = (), *, include_builtin: bool = True
) -> tuple[Content, list[ContentProblem]]:
    """Load what is valid and list every problem found, across all folders."""
    dirs = [BUILTIN_DIR] if include_builtin else []
    dirs += [Path(d) for d in extra_dirs if Path(d).resolve() != BUILTIN_DIR]
    collected = _Collected()
    for directory in dirs:
        _collect_folder(directory, collected)
    exercises = collected.exercises
    library = ExerciseLibrary(exercises.items.values())
    for link in library.link_problems():
        line = exercises.documents[link.exercise_id].line_of(link.path)
        file = exercises.files[link.exercise_id]
        collected.problems.append(ContentProblem(file, field_path(link.path), link.message, line))
    protocols = dict(sorted(collected.protocols.items.items()))
    for protocol_id, protocol in protocols.items():
        file = collected.protocols.files[protocol_id]
        document = collected.protocols.documents[protocol_id]
        collected.problems += protocol_problems(protocol, file, document, library)
    programs = dict(sorted(collected.programs.items.items()))
    for program_id, program in programs.items():
        file = collected.programs.files[program_id]
        document = collected.programs.documents[program_id]
        collected.problems += program_problems(program, file, document, protocols, library)
    lessons = dict(sorted(collected.lessons.items.items(), key=lambda kv: (kv[1].week, kv[0])))
    pathways = dict(sorted(collected.pathways.items.items()))
    for pathway_id, pathway in pathways.items():
        file = collected.pathways.files[pathway_id]
        document = collected.pathways.documents[pathway_id]
        collected.problems += pathway_problems(pathway, file, document, library)
    screen = _one_screen(collected)
    if screen is not None:
        for lesson_id in sorted(set(screen.read_first) - set(lessons)):
            file = collected.screens[0][0]
            message = f"read_first names the unknown lesson '{lesson_id}'"
            collected.problems.append(ContentProblem(file, "read_first", message))
    for spec_id, path in collected.cameras.files.items():
        if spec_id not in exercises.items:
            line = collected.cameras.documents[spec_id].line_of(("exercise",))
            message = f"no exercise '{spec_id}' for this camera spec"
            collected.problems.append(ContentProblem(path, "exercise", message, line))
    cameras = {k: v for k, v in sorted(collected.cameras.items.items()) if k in exercises.items}
    content = Content(
        library, dict(exercises.files), protocols, programs, lessons, pathways, screen, cameras
    )
    return content, collected.problems


def _one_screen(collected: _Collected) -> Screen | None:
    """The health screen; a second one in another folder is a problem naming both files."""
    if not collected.screens:
        return None
    first, screen = collected.screens[0]
    for path, _ in collected.screens[1:]:
        message = f"a health screen is already defined in {first}"
        collected.problems.append(ContentProblem(path, "", message))
    return screen


def exercise_files(directory: Path) -> list[Path]:
    """The exercise files of a content folder (its `exercises/` subfolder, or itself)."""
    folder = directory / "exercises" if (directory / "exercises").is_dir() else directory
    return _yaml_files(folder)


def _yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in CONTENT_SUFFIXES and p.is_file())


def _collect_folder(directory: Path, collected: _Collected) -> None:
    if not directory.is_dir():
        collected.problems.append(ContentProblem(directory, "", "content folder not found"))
        return
    problems = collected.problems
    found = _collect_yaml(exercise_files(directory), Exercise, collected.exercises, problems)
    found += _collect_yaml(
        _yaml_files(directory / "protocols"), Protocol, collected.protocols, problems
    )
    found += _collect_yaml(
        _yaml_files(directory / "programs"), Program, collected.programs, problems
    )
    found += _collect_yaml(
        _yaml_files(directory / "pathways"), Pathway, collected.pathways, problems
    )
    if (directory / SCREEN_FILE).is_file():
        found += 1
        screen = _load_screen(directory / SCREEN_FILE, problems)
        if screen is not None:
            collected.screens.append((directory / SCREEN_FILE, screen))
    found += _collect_yaml(
        _yaml_files(directory / "camera"), CameraSpec, collected.cameras, problems
    )
    for path in lesson_files(directory):
        found += 1
        lesson = load_lesson(path, problems)
        if lesson is not None:
            collected.lessons.add(lesson, path, None, problems)
    if not found:
        problems.append(ContentProblem(directory, "", "no content files (*.yaml, *.md) here"))


def _collect_yaml(
    files: list[Path],
    model: type[YamlItem],
    into: _Named[YamlItem],
    problems: list[ContentProblem],
) -> int:
    """Load each file as a `model` item into `into`; returns how many files there were."""
    for path in files:
        loaded = _load_item(path, model, problems)
        if loaded is not None:
            item, document = loaded
            into.add(item, path, document, problems)
    return len(files)


def _load_screen(path: Path, problems: list[ContentProblem]) -> Screen | None:
    try:
        document = parse_yaml(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, YamlSyntaxError) as error:
        line = error.line if isinstance(error, YamlSyntaxError) else None
        problems.append(ContentProblem(path, "", str(error), line))
        return None
    for loc, line in document.duplicate_keys():
        key = ".".join(str(part) for part in loc)
        problems.append(ContentProblem(path, key, "key appears twice in the same mapping", line))
    try:
        return Screen.model_validate(document.data)
    except ValidationError as error:
        problems.extend(problems_from_validation(path, document, error))
        return None


def _load_item(
    path: Path, model: type[YamlItem], problems: list[ContentProblem]
) -> tuple[YamlItem, YamlDocument] | None:
    try:
        document = parse_yaml(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        problems.append(ContentProblem(path, "", "not a UTF-8 text file"))
        return None
    except YamlSyntaxError as error:
        problems.append(ContentProblem(path, error.field, str(error), error.line))
        return None
    for loc, line in document.duplicate_keys():
        key = ".".join(str(part) for part in loc)
        problems.append(ContentProblem(path, key, "key appears twice in the same mapping", line))
    if not isinstance(document.data, dict):
        found = "an empty file" if document.data is None else type(document.data).__name__
        problems.append(ContentProblem(path, "", f"expected a mapping of fields, found {found}"))
        return None
    try:
        item = model.model_validate(document.data)
    except ValidationError as error:
        problems.extend(problems_from_validation(path, document, error))
        return None
    if item.id != path.stem:
        message = f"id '{item.id}' must match the file name '{path.stem}'"
        problems.append(ContentProblem(path, "id", message, document.line_of(("id",))))
        return None
    return item, document


def content_dirs_of(paths: Sequence[Path]) -> list[Path]:
    """Normalise user-given content folders (expand ~, make absolute)."""
    return [p.expanduser().resolve() for p in paths]

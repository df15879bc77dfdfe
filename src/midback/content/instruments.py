"""Outcome instruments (content/outcomes/*.yaml), validated on load like the other content.

Every problem of every file is collected (file, field, line) before ContentError is raised; the
built-in set is read once per process.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import ValidationError

from midback.content.problems import ContentError, ContentProblem, problems_from_validation
from midback.content.yaml_source import YamlSyntaxError, parse_yaml
from midback.domain.outcomes import Instrument

BUILTIN = Path(__file__).resolve().parent / "outcomes"
ORDER = ("nprs", "psfs", "groc")
"""How forms and charts list the built-in instruments; others follow by id."""


def load_instruments(folder: Path = BUILTIN) -> dict[str, Instrument]:
    """Every instrument in `folder`, keyed by id; ContentError lists every problem found."""
    problems: list[ContentProblem] = []
    found: dict[str, Instrument] = {}
    for path in sorted(folder.glob("*.yaml")):
        instrument = _load(path, problems)
        if instrument is not None:
            found[instrument.id] = instrument
    if problems:
        raise ContentError(problems)
    rank = {key: index for index, key in enumerate(ORDER)}
    return dict(sorted(found.items(), key=lambda kv: (rank.get(kv[0], len(ORDER)), kv[0])))


def _load(path: Path, problems: list[ContentProblem]) -> Instrument | None:
    try:
        document = parse_yaml(path.read_text(encoding="utf-8"))
    except (YamlSyntaxError, UnicodeDecodeError) as error:
        line = error.line if isinstance(error, YamlSyntaxError) else None
        problems.append(ContentProblem(path, "", str(error), line))
        return None
    try:
        instrument = Instrument.model_validate(document.data)
    except ValidationError as error:
        problems.extend(problems_from_validation(path, document, error))
        return None
    if instrument.id != path.stem:
        message = f"id '{instrument.id}' must match the file name '{path.stem}'"
        problems.append(ContentProblem(path, "id", message, document.line_of(("id",))))
        return None
    return instrument


@cache
def builtin_instruments() -> dict[str, Instrument]:
    """The built-in instruments (read and checked once)."""
    return load_instruments(BUILTIN)

"""Loading content folders: every kind of problem is found, located and explained."""

from __future__ import annotations

from pathlib import Path

import pytest

from midback.content.loader import BUILTIN_DIR, check_content, load_content
from midback.content.problems import ContentError, ContentProblem

from ...conftest import WriteExercise, exercise_data


def problems_in(folder: Path, *, include_builtin: bool = False) -> list[ContentProblem]:
    _, problems = check_content([folder], include_builtin=include_builtin)
    return problems


def only(problems: list[ContentProblem]) -> ContentProblem:
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def test_valid_folder_loads(content_dir: Path, write_exercise: WriteExercise) -> None:
    write_exercise(exercise_data("test-reach"))
    content = load_content([content_dir], include_builtin=False)
    assert list(content.exercises) == ["test-reach"]
    assert content.files["test-reach"].name == "test-reach.yaml"


def test_malformed_yaml_names_the_line(content_dir: Path, write_exercise: WriteExercise) -> None:
    path = write_exercise("id: broken\nname: [unclosed\nsummary: x\n", name="broken")
    problem = only(problems_in(content_dir))
    assert problem.file == path
    assert "malformed YAML" in problem.message
    assert problem.line is not None and problem.line >= 2


@pytest.mark.parametrize(
    ("text", "found"), [("", "an empty file"), ("- a\n- b\n", "list"), ("just text\n", "str")]
)
def test_a_file_must_hold_a_mapping(
    content_dir: Path, write_exercise: WriteExercise, text: str, found: str
) -> None:
    write_exercise(text, name="odd")
    assert f"expected a mapping of fields, found {found}" in only(problems_in(content_dir)).message


def test_duplicate_keys_are_reported(content_dir: Path, write_exercise: WriteExercise) -> None:
    import yaml

    text = yaml.safe_dump(exercise_data("twice"), sort_keys=False) + "level: 2\n"
    write_exercise(text, name="twice")
    problem = only(problems_in(content_dir))
    assert problem.field == "level"
    assert "twice" in problem.message
    assert problem.line == text.count("\n")


def test_unknown_field_is_named(content_dir: Path, write_exercise: WriteExercise) -> None:
    write_exercise(exercise_data("typo", stepps=["a b c"]))
    problem = only(problems_in(content_dir))
    assert problem.field == "stepps"
    assert "unknown field" in problem.message
    assert problem.line is not None


def test_missing_field_is_named(content_dir: Path, write_exercise: WriteExercise) -> None:
    data = exercise_data("no-dose")
    del data["dose"]
    write_exercise(data)
    problem = only(problems_in(content_dir))
    assert (problem.field, problem.message) == ("dose", "required field is missing")


def test_out_of_range_dose_names_field_value_and_line(
    content_dir: Path, write_exercise: WriteExercise
) -> None:
    write_exercise(exercise_data("huge", dose={"sets": 40, "reps": 8}))
    problem = only(problems_in(content_dir))
    assert problem.field == "dose.sets"
    assert "less than or equal to 10" in problem.message and "40" in problem.message
    assert problem.line is not None


def test_unknown_vocabulary_lists_what_is_allowed(
    content_dir: Path, write_exercise: WriteExercise
) -> None:
    write_exercise(exercise_data("odd-target", targets=["extension", "wiggling"]))
    problem = only(problems_in(content_dir))
    assert problem.field == "targets[1]"
    assert "'rotation'" in problem.message and "'wiggling'" in problem.message


def test_unquoted_colon_gets_a_hint(content_dir: Path, write_exercise: WriteExercise) -> None:
    import yaml

    text = yaml.safe_dump(exercise_data("colon"), sort_keys=False)
    text = text.replace("- midback tests", "- Source article: 10-15 reps")
    write_exercise(text, name="colon")
    problem = only(problems_in(content_dir))
    assert problem.field == "sources[0]"
    assert "quote text" in problem.message


def test_id_must_match_the_file_name(content_dir: Path, write_exercise: WriteExercise) -> None:
    write_exercise(exercise_data("real-id"), name="other-name")
    problem = only(problems_in(content_dir))
    assert problem.field == "id"
    assert "must match the file name" in problem.message


def test_duplicate_id_names_both_files(tmp_path: Path) -> None:
    first, second = tmp_path / "clinic-a", tmp_path / "clinic-b"
    for folder in (first, second):
        (folder / "exercises").mkdir(parents=True)
        text = __import__("yaml").safe_dump(exercise_data("shared-id"))
        (folder / "exercises" / "shared-id.yaml").write_text(text)
    _, problems = check_content([first, second], include_builtin=False)
    problem = only(problems)
    assert problem.file == second / "exercises" / "shared-id.yaml"
    assert str(first / "exercises" / "shared-id.yaml") in problem.message


def test_clash_with_builtin_names_our_file(
    content_dir: Path, write_exercise: WriteExercise
) -> None:
    path = write_exercise(exercise_data("wall-angel"))
    ours = [p for p in problems_in(content_dir, include_builtin=True) if p.file == path]
    problem = only(ours)
    assert str(BUILTIN_DIR / "exercises" / "wall-angel.yaml") in problem.message


def test_broken_link_is_located(content_dir: Path, write_exercise: WriteExercise) -> None:
    path = write_exercise(exercise_data("linked", progressions=["nowhere-to-go"]))
    problem = only(problems_in(content_dir))
    assert (problem.file, problem.field) == (path, "progressions[0]")
    assert "unknown exercise id 'nowhere-to-go'" in problem.message
    assert problem.line is not None


def test_user_content_may_link_to_builtin(content_dir: Path, write_exercise: WriteExercise) -> None:
    path = write_exercise(exercise_data("my-prep", prepare_with=["wall-angel"]))
    assert [p for p in problems_in(content_dir, include_builtin=True) if p.file == path] == []


def test_non_utf8_file(content_dir: Path) -> None:
    (content_dir / "exercises" / "latin.yaml").write_bytes("name: caf\xe9".encode("latin-1"))
    assert "UTF-8" in only(problems_in(content_dir)).message


def test_missing_and_empty_folders(tmp_path: Path) -> None:
    assert "not found" in only(problems_in(tmp_path / "nope")).message
    assert "no content files" in only(problems_in(tmp_path)).message


def test_a_flat_folder_of_files_works_too(tmp_path: Path) -> None:
    import yaml

    (tmp_path / "flat-one.yaml").write_text(yaml.safe_dump(exercise_data("flat-one")))
    assert problems_in(tmp_path) == []


def test_load_content_raises_with_every_problem(
    content_dir: Path, write_exercise: WriteExercise
) -> None:
    write_exercise(exercise_data("one-bad", level=9))
    write_exercise(exercise_data("two-bad", position="flying"))
    with pytest.raises(ContentError) as caught:
        load_content([content_dir], include_builtin=False)
    assert len(caught.value.problems) == 2
    assert "2 content problems" in str(caught.value)

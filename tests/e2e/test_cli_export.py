"""`midback export`, as a person types it; every file is read back with an independent parser."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle
from icalendar import Calendar
from pypdf import PdfReader
from tests.support.fhir_schema import r4_validator
from typer.testing import CliRunner

from midback.cli import app
from midback.content.loader import load_content
from midback.exports.tabular import import_json
from midback.services.data_import import document_problems

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
PROFILE = str(EXAMPLES / "profile.json")
FEEDBACK = str(EXAMPLES / "feedback.json")


@pytest.fixture(autouse=True)
def no_user_content(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("MIDBACK_CONTENT_DIRS", raising=False)
    monkeypatch.delenv("TZ", raising=False)
    monkeypatch.setenv("MIDBACK_CONFIG_FILE", str(tmp_path / "absent.toml"))
    monkeypatch.setenv("MIDBACK_DATA_DIR", str(tmp_path / "data"))  # the installation id
    monkeypatch.delenv("MIDBACK_DATABASE_URL", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)


def ok(*args: str) -> Any:
    result = runner.invoke(app, ["export", *args])
    assert result.exit_code == 0, result.output
    return result


def errors_of(*args: str) -> list[str]:
    result = runner.invoke(app, ["export", *args])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    lines = [line for line in lines if not line.startswith("warning: ")]  # e.g. a local address
    assert all(line.startswith("error: ") for line in lines), lines
    return lines


def uids(ics: bytes) -> dict[str, str]:
    events = Calendar.from_ical(ics).walk("VEVENT")
    return {str(e["UID"]): str(e["DESCRIPTION"]) for e in events}


def test_ics_to_stdout_updates_in_place_when_feedback_adapts_the_plan() -> None:
    before = ok("ics", "-p", PROFILE, "--tz", "Europe/London").stdout_bytes
    after = ok("ics", "-p", PROFILE, "-f", FEEDBACK, "--tz", "Europe/London").stdout_bytes
    old, new = uids(before), uids(after)
    assert len(old) == 40 and old.keys() == new.keys()
    assert old != new  # the painful exercise left the later sessions
    assert "Quadruped rotation with floor slide" not in list(new.values())[-1]


def test_ics_file_with_breaks_and_time(tmp_path: Path) -> None:
    target = tmp_path / "me.ics"
    result = ok(
        "ics", "-p", PROFILE, "--time", "18:00", "--breaks", "--tz", "UTC", "-o", str(target)
    )
    assert "wrote" in result.stderr
    calendar = Calendar.from_ical(target.read_bytes())
    events = calendar.walk("VEVENT")
    assert len([e for e in events if "RRULE" in e]) == 15
    first = next(e for e in events if "RRULE" not in e)
    assert first.decoded("DTSTART").strftime("%H:%M") == "18:00"


def test_pdf_of_a_week_with_names(tmp_path: Path) -> None:
    target = tmp_path / "week.pdf"
    ok("pdf", "-p", PROFILE, "--week", "2", "--name", "Alex Morgan", "--clinician", "Sam Lee",
       "--paper", "letter", "-o", str(target))  # fmt: skip
    reader = PdfReader(target)
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert len(reader.pages) >= 2
    assert "week 2 of 8" in text and "Alex Morgan" in text and "Sam Lee" in text
    assert round(float(reader.pages[0].mediabox.width)) == 612


def test_pdf_of_a_routine_draws_the_illustration(tmp_path: Path) -> None:
    target = tmp_path / "routine.pdf"
    ok("pdf", "-e", "wall-angel,open-book", "--title", "Desk reset", "-o", str(target))
    reader = PdfReader(target)
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Desk reset" in text and "Wall angel" in text and "Open book" in text
    assert "Drawing to come" not in text.split("Open book")[0]


def test_pdf_default_file_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    ok("pdf", "-e", "cat-cow")
    assert PdfReader(tmp_path / "midback-routine.pdf").pages


def test_fhir_to_stdout_parses_back() -> None:
    bundle = Bundle.model_validate_json(ok("fhir", "-p", PROFILE, "-f", FEEDBACK).stdout)
    kinds = [entry.resource.__class__.__name__ for entry in bundle.entry]
    assert kinds.count("Patient") == 1 and kinds.count("CarePlan") == 1
    assert kinds.count("Procedure") == 5  # five completed sessions in the example log


def logged_feedback(tmp_path: Path) -> str:
    """The example feedback with its re-measurement session moved to a day already past (a
    data export holds only sessions that happened)."""
    entries = json.loads(Path(FEEDBACK).read_text())
    entries[-1]["date"] = "2026-12-04"
    path = tmp_path / "logged.json"
    path.write_text(json.dumps(entries))
    return str(path)


def test_data_writes_csv_and_json_that_imports_back(tmp_path: Path) -> None:
    result = ok("data", str(tmp_path / "out"), "-p", PROFILE, "-f", logged_feedback(tmp_path))
    assert "wrote 3 files" in result.stdout
    folder = tmp_path / "out"
    with (folder / "sessions.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == 6
    with (folder / "measurements.csv").open(encoding="utf-8-sig", newline="") as handle:
        sources = [row["source"] for row in csv.DictReader(handle)]
    assert sources.count("baseline") == 3 and sources.count("session") == 3
    exported = json.loads((folder / "midback-export.json").read_text())
    assert exported["format"] == "midback-export" and len(exported["sessions"]) == 6


def test_schema_writes_every_schema(tmp_path: Path) -> None:
    ok("schema", str(tmp_path))
    names = sorted(p.name for p in tmp_path.iterdir())
    assert "exercise.schema.json" in names and len(names) == 6


def test_bad_input_gets_one_line_per_problem(tmp_path: Path) -> None:
    typo, unknown = errors_of("pdf", "-e", "wall-angel,wall-angle,zzz")
    assert typo.startswith("error: --exercises: unknown exercise 'wall-angle'; did you mean ")
    assert unknown == "error: --exercises: unknown exercise 'zzz'"
    assert "is not a time of day" in errors_of("ics", "-p", PROFILE, "--time", "7.30")[0]
    assert (
        "unknown time zone 'Mars/Base'" in errors_of("ics", "-p", PROFILE, "--tz", "Mars/Base")[0]
    )
    assert "either --profile" in errors_of("pdf")[0]
    assert "allowed: a4, letter" in errors_of("pdf", "-e", "cat-cow", "--paper", "a5")[0]
    assert "week 9 has no sessions" in errors_of("pdf", "-p", PROFILE, "--week", "9")[0]
    missing = tmp_path / "nope" / "x.ics"
    assert "does not exist" in errors_of("ics", "-p", PROFILE, "-o", str(missing))[0]


def test_an_empty_program_says_why(tmp_path: Path) -> None:
    data = json.loads(Path(PROFILE).read_text())
    data["red_flags"] = ["recent_trauma"]
    referred = tmp_path / "referred.json"
    referred.write_text(json.dumps(data))
    for command in ("ics", "pdf"):
        (line,) = errors_of(command, "-p", str(referred))
        assert "nothing to export" in line and "clinician first" in line


def test_help_teaches_with_an_example() -> None:
    for command in ("ics", "pdf", "fhir", "data", "schema"):
        text = ok(command, "--help").stdout
        assert f"midback export {command}" in text
    assert "Europe/London" in ok("ics", "--help").stdout


def test_stdout_is_the_file_itself() -> None:
    ics = ok("ics", "-p", PROFILE).stdout_bytes
    assert ics.startswith(b"BEGIN:VCALENDAR\r\n") and ics.endswith(b"END:VCALENDAR\r\n")
    assert io.BytesIO(ics).read(5) == b"BEGIN"


def test_fhir_names_the_person_by_this_installation_stably() -> None:
    first = json.loads(ok("fhir", "-p", PROFILE, "-f", FEEDBACK).stdout)
    again = json.loads(ok("fhir", "-p", PROFILE, "-f", FEEDBACK).stdout)
    system = first["entry"][0]["resource"]["identifier"][0]["system"]
    assert system.startswith("urn:uuid:")
    assert [e["fullUrl"] for e in first["entry"]] == [e["fullUrl"] for e in again["entry"]]
    chosen = "https://clinic.example.org/fhir/midback-person"
    other = json.loads(ok("fhir", "-p", PROFILE, "--identifier-system", chosen).stdout)
    assert other["entry"][0]["resource"]["identifier"][0]["system"] == chosen


def test_data_refuses_a_session_after_tomorrow_as_the_import_would(tmp_path: Path) -> None:
    future = json.loads(Path(FEEDBACK).read_text()) + [
        {"date": (date.today() + timedelta(days=2)).isoformat(), "completed": False}
    ]
    past = [e for e in future if date.fromisoformat(e["date"]) <= date.today()]
    mixed = tmp_path / "future.json"
    mixed.write_text(json.dumps(past + future[-1:]))
    (line,) = errors_of("data", str(tmp_path / "out"), "-p", PROFILE, "-f", str(mixed))
    assert f"feedback[{len(past)}].date: must be from 2000-01-01 to" in line
    assert not (tmp_path / "out").exists()


def test_what_data_exports_the_import_takes(tmp_path: Path) -> None:
    ok("data", str(tmp_path / "out"), "-p", PROFILE, "-f", logged_feedback(tmp_path))
    document = import_json((tmp_path / "out" / "midback-export.json").read_bytes())
    assert len(document.sessions) == 6
    assert document_problems(document, load_content(), today=date.today()) == []


def test_a_local_base_url_is_warned_about_loudly_and_gets_no_qr_code(tmp_path: Path) -> None:
    local = ok("pdf", "-e", "wall-angel", "-o", str(tmp_path / "local.pdf"))
    assert "warning:" in local.stderr and "127.0.0.1" in local.stderr
    assert not PdfReader(tmp_path / "local.pdf").pages[0].images
    public_url = "https://midback.example.org"
    public = ok("pdf", "-e", "wall-angel", "--base-url", public_url, "-o", str(tmp_path / "p.pdf"))
    assert "warning:" not in public.stderr
    assert PdfReader(tmp_path / "p.pdf").pages[0].images  # the QR code
    assert "warning:" in ok("ics", "-p", PROFILE).stderr


def test_large_print_makes_a_longer_handout(tmp_path: Path) -> None:
    ok("pdf", "-e", "wall-angel,open-book", "-o", str(tmp_path / "regular.pdf"))
    ok("pdf", "-e", "wall-angel,open-book", "--large-print", "-o", str(tmp_path / "large.pdf"))
    regular, large = PdfReader(tmp_path / "regular.pdf"), PdfReader(tmp_path / "large.pdf")
    assert len(large.pages) > len(regular.pages)


def test_fhir_of_the_examples_is_valid_r4_json(tmp_path: Path) -> None:
    found = json.loads(ok("fhir", "-p", PROFILE, "-f", logged_feedback(tmp_path)).stdout)
    errors = [f"{list(e.path)}: {e.message[:160]}" for e in r4_validator().iter_errors(found)]
    assert errors == []
    kinds = {e["resource"]["resourceType"] for e in found["entry"]}
    assert {"Patient", "Observation", "CarePlan", "Procedure"} <= kinds
